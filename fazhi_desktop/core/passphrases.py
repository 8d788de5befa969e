"""Passphrases of data packages: the rule for a new one, and remembering a partner office's
passphrase in the operating system's keyring.

Remembering is optional and offered only where it is protected by the system: the `keyring`
package (an optional dependency: `pip install fazhi-desktop[keyring]`; the program works without
it) must be installed and its backend must be a real one (Windows Credential Manager, the Secret
Service of GNOME/KDE/UOS/Kylin desktops). Without it (keyring's "fail" or plaintext backends, or
no package at all) `can_remember()` is False, the GUI says so in plain words
(`unavailable_reason()`) instead of offering the box, and the passphrase is asked at every
import; nothing is ever written to the data file or to a plain file.
"""
from __future__ import annotations

from typing import Optional

MIN_LENGTH = 8
SERVICE = "fazhi-desktop 数据包口令"
# keyring backends that do not protect a secret (or do not store it at all)
_UNSAFE_BACKENDS = ("fail", "null", "chainer", "plaintext", "file")


def new_passphrase_problem(first: str, second: str) -> Optional[str]:
    """Why a passphrase typed twice for a new package cannot be used (None when it can)."""
    if not first:
        return "请输入口令。"
    if len(first) < MIN_LENGTH:
        return f"口令至少{MIN_LENGTH}个字符（建议用一句对方单位也知道的话，不要用单位名称或电话）。"
    if first != second:
        return "两次输入的口令不一致，请重新输入。"
    return None


def _backend():
    """The keyring backend when it protects secrets, else None."""
    try:
        import keyring
    except Exception:  # not installed: no remembering
        return None
    try:
        backend = keyring.get_keyring()
    except Exception:
        return None
    module = type(backend).__module__.lower()
    if any(word in module for word in _UNSAFE_BACKENDS):
        return None
    try:
        if getattr(backend, "priority", 1) <= 0:
            return None
    except Exception:
        return None
    return backend


def can_remember() -> bool:
    return _backend() is not None


NOT_INSTALLED = ("本机未安装系统密钥环组件（keyring），口令不会被记住，每次导入都要输入；"
                 "请把口令记在安全的地方。")
NO_KEYRING = ("本机没有可用的系统密钥环（桌面的“密钥环”或“钱包”服务未运行），口令不会被记住，"
              "每次导入都要输入；请把口令记在安全的地方。")
NOT_STORED = "口令未能存入系统密钥环（密钥环可能已锁定），下次导入仍需输入。"


def unavailable_reason() -> Optional[str]:
    """Why a passphrase cannot be remembered here, in words for the clerk; None when it can."""
    if can_remember():
        return None
    try:
        import keyring  # noqa: F401
    except Exception:
        return NOT_INSTALLED
    return NO_KEYRING


def remembered(office_id: str) -> Optional[str]:
    """The passphrase remembered for packages of this office, if any (never raises)."""
    backend = _backend()
    if backend is None or not office_id:
        return None
    try:
        return backend.get_password(SERVICE, office_id)
    except Exception:  # a locked or broken keyring: just ask
        return None


def remember(office_id: str, passphrase: str) -> bool:
    """Keep the passphrase in the keyring; False when it could not be stored."""
    backend = _backend()
    if backend is None or not office_id:
        return False
    try:
        backend.set_password(SERVICE, office_id, passphrase)
        return True
    except Exception:
        return False


def forget(office_id: str) -> None:
    backend = _backend()
    if backend is None:
        return
    try:
        backend.delete_password(SERVICE, office_id)
    except Exception:
        pass
