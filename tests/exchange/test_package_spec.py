"""docs/exchange.md describes the package file precisely enough for another program to write
one: this test writes packages by following that text alone (zipfile, hashlib, zlib and the
`cryptography` primitives; nothing of fazhi_desktop's writer) and the app imports them."""
from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import uuid
import zipfile
import zlib

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from .conftest import PASSPHRASE, case, run


def _record(office: str, number: int) -> dict:
    record = case("外部系统", number)
    record.update(id=str(uuid.uuid4()), office_id=office, version=f"00000001-{office}",
                  created_at="2022-03-01T09:00:00+08:00", updated_at="2022-03-01T09:00:00+08:00")
    return record


def _write(path, office: str, members: dict, passphrase=None) -> None:
    """A package as docs/exchange.md, "The package file", says to write one."""
    manifest = {"format": "fazhi-desktop-package", "format_version": 1,
                "package_id": str(uuid.uuid4()), "office": {"id": office, "name": "外部系统乡"},
                "created_at": "2022-12-01T10:00:00+08:00", "kinds": ["mediation"], "year": None,
                "members": {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                            for name, data in members.items()},
                "encryption": None}
    key = None
    if passphrase is not None:
        salt = os.urandom(16)
        key = Scrypt(salt=salt, length=32, n=2 ** 15, r=8, p=1).derive(passphrase.encode("utf-8"))
        nonce = os.urandom(12)
        check = nonce + AESGCM(key).encrypt(nonce, b"", b"fazhi-desktop passphrase check")
        manifest["encryption"] = {
            "algorithm": "AES-256-GCM",
            "kdf": {"name": "scrypt", "n": 32768, "r": 8, "p": 1,
                    "salt": base64.b64encode(salt).decode()},
            "check": base64.b64encode(check).decode()}
    manifest_bytes = json.dumps(manifest, ensure_ascii=False).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.comment = b"fzpkg-sha256:" + b"0" * 64
        zf.writestr("manifest.json", manifest_bytes)
        for name, data in members.items():
            if key is None:
                zf.writestr(name, data)
            else:
                associated = (b"fazhi-desktop-package\0" + name.encode("utf-8") + b"\0"
                              + hashlib.sha256(manifest_bytes).digest())
                nonce = os.urandom(12)
                zf.writestr(name + ".enc",
                            nonce + AESGCM(key).encrypt(nonce, zlib.compress(data), associated))
    raw = buffer.getvalue()
    path.write_bytes(raw[:-64] + hashlib.sha256(raw[:-64]).hexdigest().encode("ascii"))


def test_a_package_written_by_another_program_from_the_documentation_imports(offices):
    district, tmp = offices["district"], offices["dir"]
    office = str(uuid.uuid4())
    cases = [_record(office, n) for n in (1, 2)]
    members = {"records/mediation.json": json.dumps(cases, ensure_ascii=False).encode("utf-8")}

    plain = tmp / "plain.fzpkg"
    _write(plain, office, members)
    result = run("--db", district["path"], "package", "import", plain, "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "新增2条" in result.stdout and "外部系统乡" in result.stdout

    sealed = tmp / "sealed.fzpkg"
    _write(sealed, office, members, passphrase=PASSPHRASE)
    result = run("--db", district["path"], "package", "import", sealed,
                 "--passphrase-file", offices["passfile"])
    assert result.returncode == 0, result.stderr
    assert "新增2条" in result.stdout
    dumped = json.loads(run("--db", district["path"], "dump", "mediation").stdout)
    mine = {r["id"]: r for r in dumped if r["office_id"] == office}
    assert set(mine) == {c["id"] for c in cases}
    assert all(mine[c["id"]]["version"] == c["version"] for c in cases)  # kept as sent
