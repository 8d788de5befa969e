"""The package file and its encryption (issue 20.2): no personal data readable in its bytes,
SM4-GCM named in the manifest, round trip with the right passphrase, refusal with a wrong one,
with any byte changed, or with a newer format, and nothing written then."""
from __future__ import annotations

import json
import zipfile

import pytest

from fazhi_desktop.core.exchange import crypto
from fazhi_desktop.core.exchange.package import (PackageRefused, PassphraseNeeded,
                                                 WrongPassphrase, read_package, write_package)
from fazhi_desktop.core.registry import Registry

from .conftest import PASSPHRASE, case_state, file_state


def _personal_data(office) -> list:
    """Every party's name, ID number, phone and address of an office, as strings."""
    with Registry.open(office["path"]) as reg:
        found = []
        for record in reg.dump("mediation"):
            for party in record["parties"]:
                found += [party[k] for k in ("name", "id_number", "phone", "address") if party.get(k)]
        return found


def _encodings(text: str) -> list:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("gb18030"),
            json.dumps(text).encode("ascii")]


def test_an_encrypted_package_holds_no_name_or_id_number_in_its_bytes(offices):
    cao, district = offices["cao"], offices["district"]
    out = offices["dir"] / "cao.fzpkg"
    with Registry.open(cao["path"]) as reg:
        manifest = reg.export_package(out, kinds=["mediation"], passphrase=PASSPHRASE)
    raw = out.read_bytes()
    secrets = _personal_data(cao)
    assert len(secrets) >= 4 * 5
    for secret in secrets:
        for encoded in _encodings(secret):
            assert encoded not in raw, secret
    # The same check finds them in an unencrypted package (the test can see what it looks for).
    plain = offices["dir"] / "plain.fzpkg"
    with Registry.open(cao["path"]) as reg:
        reg.export_package(plain, kinds=["mediation"])
    with zipfile.ZipFile(plain) as zf:
        assert secrets[0].encode("utf-8") in zf.read("records/mediation.json")
    # The manifest, readable without the passphrase, names the algorithm and the KDF.
    with zipfile.ZipFile(out) as zf:
        readable = json.loads(zf.read("manifest.json"))
    assert readable["encryption"]["algorithm"] == manifest["encryption"]["algorithm"]
    assert readable["encryption"]["algorithm"] == ("SM4-GCM" if crypto.sm4_available()
                                                   else "AES-256-GCM")
    assert readable["encryption"]["kdf"]["name"] == "scrypt"
    assert readable["office"]["id"] == cao["office_id"]
    # Round trip with the right passphrase: the district gets the cases whole.
    with Registry.open(district["path"]) as reg:
        reg.apply_package(reg.plan_package(out, passphrase=PASSPHRASE))
        got = {r["id"]: r for r in reg.dump("mediation")}
    with Registry.open(cao["path"]) as reg:
        for record in reg.dump("mediation"):
            assert got[record["id"]] == record  # same id, office, version, times, parties


def test_sm4_is_used_where_openssl_has_it_and_aes_256_gcm_otherwise(offices, monkeypatch):
    assert crypto.sm4_available()  # this machine's OpenSSL: the preferred 国密 cipher is used
    monkeypatch.setattr(crypto, "sm4_available", lambda: False)
    out = offices["dir"] / "aes.fzpkg"
    with Registry.open(offices["cao"]["path"]) as reg:
        manifest = reg.export_package(out, passphrase=PASSPHRASE)
    assert manifest["encryption"]["algorithm"] == "AES-256-GCM"
    with Registry.open(offices["district"]["path"]) as reg:
        plan = reg.plan_package(out, passphrase=PASSPHRASE)
    assert plan.counts["新增"] == 5 and plan.encryption == "AES-256-GCM"


def test_wrong_or_missing_passphrase_is_refused_and_nothing_written(offices):
    out = offices["dir"] / "cao.fzpkg"
    with Registry.open(offices["cao"]["path"]) as reg:
        reg.export_package(out, passphrase=PASSPHRASE)
    before = file_state(offices["district"]["path"])
    with Registry.open(offices["district"]["path"]) as reg:
        with pytest.raises(WrongPassphrase, match="口令不正确"):
            reg.plan_package(out, passphrase=PASSPHRASE + "x")
        with pytest.raises(PassphraseNeeded, match="已加密"):
            reg.plan_package(out)
    assert file_state(offices["district"]["path"]) == before


@pytest.mark.parametrize("encrypted", [False, True])
def test_any_one_byte_changed_is_refused(offices, encrypted):
    """Every byte position of a small package (unencrypted), or a spread of positions
    (encrypted: each try runs the KDF): each change is refused before anything is merged."""
    out = offices["dir"] / "small.fzpkg"
    with Registry.open(offices["yao"]["path"]) as reg:
        reg.export_package(out, kinds=["petition"], passphrase=PASSPHRASE if encrypted else None)
    raw = out.read_bytes()
    positions = range(len(raw)) if not encrypted else range(0, len(raw), max(1, len(raw) // 25))
    damaged = offices["dir"] / "damaged.fzpkg"
    for pos in positions:
        changed = bytearray(raw)
        changed[pos] ^= 0x20
        damaged.write_bytes(bytes(changed))
        with pytest.raises(PackageRefused):
            read_package(damaged, passphrase=PASSPHRASE if encrypted else None)
    read_package(out, passphrase=PASSPHRASE if encrypted else None)  # the original reads


def test_a_member_altered_with_a_valid_checksum_fails_authentication(offices, tmp_path):
    """An attacker who rewrites an encrypted member and recomputes the whole-file checksum
    still cannot pass: GCM's tag is tied to the key."""
    out = tmp_path / "p.fzpkg"
    write_package(out, {"package_id": "x", "office": {"id": "o", "name": ""}, "kinds": []},
                  {"records/petition.json": b"[]"}, passphrase=PASSPHRASE)
    with zipfile.ZipFile(out) as zf:
        members = {i.filename: zf.read(i.filename) for i in zf.infolist()}
    blob = bytearray(members["records/petition.json.enc"])
    blob[-1] ^= 1
    members["records/petition.json.enc"] = bytes(blob)
    forged = tmp_path / "forged.fzpkg"
    import hashlib
    with zipfile.ZipFile(forged, "w") as zf:
        zf.comment = b"fzpkg-sha256:" + b"0" * 64
        for name, data in members.items():
            zf.writestr(name, data)
    data = forged.read_bytes()
    forged.write_bytes(data[:-64] + hashlib.sha256(data[:-64]).hexdigest().encode())
    with pytest.raises(PackageRefused, match="认证失败"):
        read_package(forged, passphrase=PASSPHRASE)


def test_a_newer_format_is_refused(offices, monkeypatch):
    from fazhi_desktop.core.exchange import package

    out = offices["dir"] / "future.fzpkg"
    monkeypatch.setattr(package, "FORMAT_VERSION", 2)
    with Registry.open(offices["cao"]["path"]) as reg:
        reg.export_package(out, passphrase=PASSPHRASE)
    monkeypatch.setattr(package, "FORMAT_VERSION", 1)
    state = case_state(offices["district"]["path"])
    with Registry.open(offices["district"]["path"]) as reg:
        with pytest.raises(PackageRefused, match="格式版本为2"):
            reg.plan_package(out, passphrase=PASSPHRASE)
    assert case_state(offices["district"]["path"]) == state


def _with_manifest(path, manifest: dict, members: dict):
    """A package written by hand (as another program might), its checksum made right."""
    import hashlib

    with zipfile.ZipFile(path, "w") as zf:
        zf.comment = b"fzpkg-sha256:" + b"0" * 64
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False))
        for name, data in members.items():
            zf.writestr(name, data)
    data = path.read_bytes()
    path.write_bytes(data[:-64] + hashlib.sha256(data[:-64]).hexdigest().encode())


@pytest.mark.parametrize("change", [
    {"office": "曹镇乡"}, {"office": None}, {"kinds": "mediation"}, {"kinds": ["cases"]},
    {"members": []}, {"members": {"records/mediation.json": "abc"}}, {"encryption": "SM4"},
    {"encryption": {"algorithm": "SM4-GCM", "kdf": "scrypt"}}, {"format_version": "1"},
    {"format": "zip"}, {"office": {"id": "not-a-uuid", "name": "x"}},
])
def test_a_malformed_manifest_is_refused_in_chinese(offices, tmp_path, change):
    import hashlib

    good = {"format": "fazhi-desktop-package", "format_version": 1, "package_id": "p",
            "office": {"id": offices["cao"]["office_id"], "name": "曹镇乡司法所"},
            "created_at": "2026-12-01T09:00:00+08:00", "kinds": ["mediation"],
            "members": {"records/mediation.json": {"sha256": hashlib.sha256(b"[]").hexdigest(),
                                                   "size": 2}},
            "encryption": None}
    out = tmp_path / "odd.fzpkg"
    _with_manifest(out, good, {"records/mediation.json": b"[]"})
    with Registry.open(offices["district"]["path"]) as reg:
        assert reg.plan_package(out).counts["新增"] == 0  # the unchanged manifest reads
    _with_manifest(out, dict(good, **change), {"records/mediation.json": b"[]"})
    with Registry.open(offices["district"]["path"]) as reg:
        with pytest.raises(PackageRefused) as refused:
            reg.plan_package(out, passphrase=PASSPHRASE)
    assert "未写入任何内容" in str(refused.value)
