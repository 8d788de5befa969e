"""The data package file (.fzpkg): writing it whole, and reading it back only when every byte is
as written. The layout is documented in docs/exchange.md for other programs.

A zip archive holding
- `manifest.json`, always readable: format and version, package id, the sending office, when it
  was made, what it covers, counts, and per member the SHA-256 and size of its plain bytes; and
  `encryption` (null, or the algorithm, the KDF and its parameters, a passphrase check value);
- one member per content file: `<name>` in clear, or `<name>.enc` = nonce + SM4/AES-GCM of
  zlib(plain bytes) + tag, the associated data tying it to its name and to the manifest's bytes;
- as the zip's comment, `fzpkg-sha256:` and the SHA-256 (hex) of every byte of the file before
  those 64 hex digits. Zip's own CRCs miss changes to headers and timestamps; this catches a
  change to any byte, so "one byte changed" is always refused before anything is read.
"""
from __future__ import annotations

import hashlib
import io
import json
import zipfile
import zlib
from pathlib import Path
from typing import Optional

from ..atomic import atomic_output
from ..errors import FazhiError, ValidationError
from . import crypto

FORMAT = "fazhi-desktop-package"
FORMAT_VERSION = 1
MANIFEST = "manifest.json"
TRAILER = b"fzpkg-sha256:"
_HEX = 64


class PackageRefused(ValidationError):
    """A package that cannot be merged; the one problem says why, in Chinese."""

    def __init__(self, message: str):
        super().__init__([message])


class PassphraseNeeded(PackageRefused):
    """The package is encrypted and no passphrase was given (the GUI then asks for one)."""


class WrongPassphrase(PackageRefused):
    pass


def _associated(name: str, manifest_bytes: bytes) -> bytes:
    return b"%s\0%s\0%s" % (FORMAT.encode(), name.encode("utf-8"),
                            hashlib.sha256(manifest_bytes).digest())


def write_package(path, manifest: dict, members: dict, *, passphrase: Optional[str] = None,
                  algorithm: Optional[str] = None) -> dict:
    """Write `members` ({name: plain bytes}) and the manifest (completed here with the format,
    member checksums and encryption) to `path`, whole or not at all; returns the manifest."""
    manifest = dict(manifest, format=FORMAT, format_version=FORMAT_VERSION)
    manifest["members"] = {name: {"sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
                           for name, data in members.items()}
    key = None
    if passphrase is not None:
        params = crypto.new_parameters(algorithm)
        key = crypto.derive_key(passphrase, params)
        params["check"] = crypto.check_value(params["algorithm"], key)
        manifest["encryption"] = params
    else:
        manifest["encryption"] = None
    manifest_bytes = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
    with atomic_output(path) as temp:
        with zipfile.ZipFile(temp, "w") as zf:
            zf.comment = TRAILER + b"0" * _HEX
            zf.writestr(MANIFEST, manifest_bytes, compress_type=zipfile.ZIP_DEFLATED)
            for name, data in members.items():
                if key is None:
                    zf.writestr(name, data, compress_type=zipfile.ZIP_DEFLATED)
                else:
                    blob = crypto.encrypt(manifest["encryption"]["algorithm"], key,
                                          zlib.compress(data, 6),
                                          _associated(name, manifest_bytes))
                    zf.writestr(name + ".enc", blob, compress_type=zipfile.ZIP_STORED)
        raw = temp.read_bytes()
        digest = hashlib.sha256(raw[:-_HEX]).hexdigest().encode("ascii")
        temp.write_bytes(raw[:-_HEX] + digest)
    return manifest


def read_package(path, *, passphrase: Optional[str] = None, own_office: Optional[str] = None):
    """(manifest, {name: plain bytes}) of a package whose every byte checks; else PackageRefused
    (or PassphraseNeeded / WrongPassphrase) naming the problem. FazhiError when it cannot be read."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FazhiError(f"无法读取数据包“{path}”：{exc.strerror or exc}") from exc
    name = path.name
    if not raw.startswith(b"PK") or len(raw) < len(TRAILER) + _HEX + 22:
        raise PackageRefused(f"“{name}”不是法治办公助手的数据包（.fzpkg），未写入任何内容。")
    if raw[-_HEX - len(TRAILER):-_HEX] != TRAILER:
        raise PackageRefused(f"数据包“{name}”不完整或已损坏（文件末尾的校验码缺失），未写入任何内容。")
    if hashlib.sha256(raw[:-_HEX]).hexdigest().encode("ascii") != raw[-_HEX:]:
        raise PackageRefused(
            f"数据包“{name}”已损坏或被改动（整体校验码不符），未写入任何内容。请让对方重新导出后再导入。")
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw))
        manifest_bytes = zf.read(MANIFEST)
        manifest = json.loads(manifest_bytes.decode("utf-8"))
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise ValueError("format")
    except (zipfile.BadZipFile, KeyError, ValueError, UnicodeDecodeError, zlib.error) as exc:
        raise PackageRefused(f"数据包“{name}”的清单（manifest.json）无法读取，未写入任何内容。") from exc
    version = manifest.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise PackageRefused(
            f"数据包“{name}”的格式版本为{version}，本程序只支持到{FORMAT_VERSION}；"
            "请升级法治办公助手后再导入，未写入任何内容。")
    office = manifest.get("office")
    if not isinstance(office, dict) or not isinstance(manifest.get("kinds", []), list):
        raise PackageRefused(f"数据包“{name}”的清单（manifest.json）不完整，未写入任何内容。")
    if own_office is not None and office.get("id") == own_office:
        raise PackageRefused(
            f"数据包“{name}”是本单位自己导出的（单位编号{own_office}），不能导入本单位，未写入任何内容。")
    members = _plain_members(zf, manifest, manifest_bytes, passphrase, name)
    return manifest, members


def _plain_members(zf, manifest, manifest_bytes, passphrase, name) -> dict:
    listed = manifest.get("members")
    if not isinstance(listed, dict):
        raise PackageRefused(f"数据包“{name}”的清单缺少成员列表，未写入任何内容。")
    encryption = manifest.get("encryption")
    if encryption is not None and not isinstance(encryption, dict) or any(
            not isinstance(info, dict) for info in listed.values()):
        raise PackageRefused(f"数据包“{name}”的清单（manifest.json）不完整，未写入任何内容。")
    key = None
    if encryption:
        algorithm = encryption.get("algorithm")
        if not crypto.supported(algorithm):
            raise PackageRefused(
                f"数据包“{name}”使用的加密算法“{algorithm}”在本机不可用，未写入任何内容。")
        if passphrase is None:
            raise PassphraseNeeded(f"数据包“{name}”已加密（{algorithm}），请提供双方约定的口令。")
        try:
            key = crypto.derive_key(passphrase, encryption)
        except (KeyError, ValueError, TypeError, AttributeError) as exc:
            raise PackageRefused(f"数据包“{name}”的加密参数无效，未写入任何内容。") from exc
        if not crypto.passphrase_matches(algorithm, key, encryption.get("check") or ""):
            raise WrongPassphrase(f"口令不正确，无法解开数据包“{name}”，未写入任何内容。")
    out = {}
    for member, info in listed.items():
        try:
            if key is None:
                data = zf.read(member)
            else:
                blob = zf.read(member + ".enc")
                data = zlib.decompress(crypto.decrypt(
                    encryption["algorithm"], key, blob, _associated(member, manifest_bytes)))
        except KeyError as exc:
            raise PackageRefused(f"数据包“{name}”缺少成员“{member}”，未写入任何内容。") from exc
        except (crypto.DecryptionFailed, zlib.error, zipfile.BadZipFile) as exc:
            raise PackageRefused(
                f"数据包“{name}”的“{member}”已被改动或损坏（认证失败），未写入任何内容。") from exc
        if hashlib.sha256(data).hexdigest() != (info or {}).get("sha256"):
            raise PackageRefused(
                f"数据包“{name}”的“{member}”校验码不符（已被改动或损坏），未写入任何内容。")
        out[member] = data
    return out
