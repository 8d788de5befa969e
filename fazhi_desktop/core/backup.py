"""Copies of the data file through SQLite's online backup API (never a file copy of a WAL file)."""
from __future__ import annotations

import datetime as _dt
import sqlite3
from pathlib import Path
from typing import Optional


def default_backup_dir(db_path: Path) -> Path:
    """The backups folder beside the data file."""
    return Path(db_path).resolve().parent / "backups"


def copy_database(source: Path, target: Path) -> Path:
    """A consistent copy of `source` at `target`, verified with an integrity check."""
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".part")
    src = sqlite3.connect(f"{Path(source).resolve().as_uri()}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(str(partial))
        try:
            src.backup(dst)
            ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
            dst.execute("PRAGMA journal_mode=DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    if ok != "ok":
        partial.unlink(missing_ok=True)
        raise RuntimeError(f"备份校验失败：{ok}")
    partial.replace(target)
    return target


def backup_before_migration(db_path: Path, version: int, *,
                            backup_dir: Optional[Path] = None) -> Path:
    """The copy taken before the schema of an existing file is upgraded."""
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    folder = backup_dir or default_backup_dir(db_path)
    target = folder / f"{Path(db_path).stem}-升级前-v{version}-{stamp}.sqlite3"
    return copy_database(Path(db_path), target)
