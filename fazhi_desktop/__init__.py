"""法治办公助手 (fazhi-desktop): registers, red-header documents and ledgers for government clerks."""
from __future__ import annotations

APP_NAME = "法治办公助手"
APP_ID = "fazhi-desktop"


def _read_version() -> str:
    """The one version number, from pyproject.toml.

    A source checkout or a bundle has pyproject.toml beside the package: read it first, since an
    editable install's metadata keeps the old number after a bump. A wheel install has metadata.
    Only our own pyproject.toml counts (its name is fazhi-desktop), and only beside the package
    or inside the bundle: never one in the current folder, which may be any other project's.
    """
    import re
    import sys
    from pathlib import Path

    roots = [Path(__file__).resolve().parent.parent]
    if getattr(sys, "frozen", False) and getattr(sys, "_MEIPASS", None):
        roots.append(Path(sys._MEIPASS))
    for root in roots:
        pyproject = root / "pyproject.toml"
        try:
            text = pyproject.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            continue
        if not re.search(rf'^name\s*=\s*"{APP_ID}"', text, re.M):
            continue
        match = re.search(r'^version\s*=\s*"([^"]+)"', text, re.M)
        if match:
            return match.group(1)
    try:
        from importlib.metadata import version

        return version(APP_ID)
    except Exception:  # neither: an unpacked copy without metadata
        return "0.0.0"


__version__ = _read_version()
