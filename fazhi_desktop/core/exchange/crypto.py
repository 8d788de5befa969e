"""Encryption of a package's members with a passphrase the two offices agree on.

- Key: scrypt (memory-hard: n=2**15, r=8, p=1 takes 32 MiB and ~0.1 s per try, which makes
  guessing a passphrase expensive) over the passphrase with a random 16-byte salt.
- Cipher: SM4 in GCM mode (国密, preferred by 政务 rules) when the installed OpenSSL offers it
  through `cryptography`, else AES-256-GCM. Both authenticate: a changed byte fails the tag.
- Each member: a fresh 12-byte nonce + ciphertext + 16-byte tag; the associated data binds it
  to its name and to the manifest, so a member cannot be swapped or the manifest edited.
- A check value (an empty message encrypted under the key) tells a wrong passphrase apart from
  an altered member, so the clerk reads the right one of the two messages.
"""
from __future__ import annotations

import base64
import os
from typing import Optional

SM4_GCM = "SM4-GCM"
AES_256_GCM = "AES-256-GCM"
KDF = {"name": "scrypt", "n": 2 ** 15, "r": 8, "p": 1}
_KEY_BYTES = {SM4_GCM: 16, AES_256_GCM: 32}
_NONCE = 12


class DecryptionFailed(Exception):
    """The tag did not verify: wrong key or altered bytes."""


def sm4_available() -> bool:
    try:
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        enc = Cipher(algorithms.SM4(b"\0" * 16), modes.GCM(b"\0" * _NONCE)).encryptor()
        enc.update(b"x")
        enc.finalize()
        return True
    except Exception:  # no SM4 in this OpenSSL build, or no GCM for it
        return False


def preferred_algorithm() -> str:
    return SM4_GCM if sm4_available() else AES_256_GCM


def supported(algorithm: str) -> bool:
    return algorithm == AES_256_GCM or (algorithm == SM4_GCM and sm4_available())


def new_parameters(algorithm: Optional[str] = None) -> dict:
    """The manifest's `encryption` entry for a new package."""
    return {"algorithm": algorithm or preferred_algorithm(),
            "kdf": dict(KDF, salt=base64.b64encode(os.urandom(16)).decode("ascii"))}


def derive_key(passphrase: str, parameters: dict) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    kdf = parameters["kdf"]
    if kdf.get("name") != "scrypt":
        raise ValueError(kdf.get("name"))
    return Scrypt(salt=base64.b64decode(kdf["salt"]), length=_KEY_BYTES[parameters["algorithm"]],
                  n=int(kdf["n"]), r=int(kdf["r"]), p=int(kdf["p"])).derive(
                      passphrase.encode("utf-8"))


def encrypt(algorithm: str, key: bytes, plaintext: bytes, associated: bytes) -> bytes:
    nonce = os.urandom(_NONCE)
    if algorithm == AES_256_GCM:
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        return nonce + AESGCM(key).encrypt(nonce, plaintext, associated)
    from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

    enc = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
    enc.authenticate_additional_data(associated)
    body = enc.update(plaintext) + enc.finalize()
    return nonce + body + enc.tag


def decrypt(algorithm: str, key: bytes, blob: bytes, associated: bytes) -> bytes:
    from cryptography.exceptions import InvalidTag

    if len(blob) < _NONCE + 16:
        raise DecryptionFailed("too short")
    nonce = blob[:_NONCE]
    try:
        if algorithm == AES_256_GCM:
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM

            return AESGCM(key).decrypt(nonce, blob[_NONCE:], associated)
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        dec = Cipher(algorithms.SM4(key), modes.GCM(nonce, blob[-16:])).decryptor()
        dec.authenticate_additional_data(associated)
        return dec.update(blob[_NONCE:-16]) + dec.finalize()
    except InvalidTag as exc:
        raise DecryptionFailed(str(exc)) from exc


_CHECK_DATA = b"fazhi-desktop passphrase check"


def check_value(algorithm: str, key: bytes) -> str:
    """What the manifest stores to recognise the right passphrase (reveals nothing of it)."""
    return base64.b64encode(encrypt(algorithm, key, b"", _CHECK_DATA)).decode("ascii")


def passphrase_matches(algorithm: str, key: bytes, check: str) -> bool:
    try:
        decrypt(algorithm, key, base64.b64decode(check), _CHECK_DATA)
        return True
    except (DecryptionFailed, ValueError):
        return False
