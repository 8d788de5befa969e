"""Where the app keeps its data file: the user's application-data folder, or --db / FAZHI_DB."""
from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Optional

from . import APP_ID

DB_FILENAME = "fazhi.sqlite3"
ENV_DB = "FAZHI_DB"


def app_data_dir() -> Path:
    """%APPDATA%\\fazhi-desktop on Windows, ~/.local/share/fazhi-desktop on Linux."""
    if sys.platform.startswith("win"):
        base = os.environ.get("APPDATA") or str(Path.home() / "AppData" / "Roaming")
    elif sys.platform == "darwin":
        base = str(Path.home() / "Library" / "Application Support")
    else:
        base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / APP_ID


def resolve_db_path(cli_value: Optional[str] = None, *, create_folder: bool = True) -> Path:
    """--db wins, then the FAZHI_DB variable, then the default file (its folder is created
    unless create_folder is False: commands that only read create nothing)."""
    if cli_value:
        return Path(cli_value).expanduser()
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB]).expanduser()
    folder = app_data_dir()
    if create_folder:
        folder.mkdir(parents=True, exist_ok=True)
    return folder / DB_FILENAME


def resources_dir() -> Path:
    """resources/ beside the package, or inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"
