"""法治办公助手 (fazhi-desktop): registers, red-header documents and ledgers for government clerks."""
from __future__ import annotations

APP_NAME = "法治办公助手"
APP_ID = "fazhi-desktop"


def _read_version() -> str:
    """The one version number, from pyproject.toml.

    A source checkout or a bundle has pyproject.toml beside the package: read it first, since an
    editable install's metadata keeps the old number after a bump. A wheel install has metadata.
    """
    import re
    import sys
    from pathlib import Path

    roots = [Path(__file__).resolve().parent.parent, Path(getattr(sys, "_MEIPASS", "."))]
    for root in roots:
        pyproject = root / "pyproject.toml"
        if pyproject.exists():
            match = re.search(r'^version\s*=\s*"([^"]+)"', pyproject.read_text("utf-8"), re.M)
            if match:
                return match.group(1)
    try:
        from importlib.metadata import version

        return version(APP_ID)
    except Exception:  # neither: an unpacked copy without metadata
        return "0.0.0"


__version__ = _read_version()
