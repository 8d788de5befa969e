"""Start-up checks of the data file, done read-only before anything writes to it.

`check_file` returns None for a usable file or a Finding (plain Chinese for the clerk); the
remedy `restore_newest_good_backup` keeps the bad file renamed beside it, never overwritten.
"""
from __future__ import annotations

import datetime as _dt
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from .errors import DatabaseProblem, FileTooNew, NotADatabase
from .faults import short_cause

SQLITE_HEADER = b"SQLite format 3\x00"
OUR_TABLES = {"proposal", "suggestion", "mediation", "petition", "settings", "audit"}
RESTORABLE = {"not_sqlite", "truncated", "damaged", "empty"}
# quick_check reads every page in b-tree order (random reads): measured 1.6 s warm and 15.5 s
# cold for a 917 MB file on an SSD (docs/reliability.md). Above this size the start-up check is
# structural only; the daily backup's integrity_check (off the GUI thread) reads the rest.
QUICK_CHECK_LIMIT = 256 * 1024 * 1024


class DamagedFile(DatabaseProblem):
    """The data file failed the start-up check; `finding` says how."""

    def __init__(self, finding: "Finding"):
        self.finding = finding
        super().__init__(finding.message + finding.advice)


class DamagedTooNew(DamagedFile, FileTooNew):
    """A file from a newer version of the app (also a FileTooNew)."""


class DamagedNotADatabase(DamagedFile, NotADatabase):
    """Not a database, or cut off inside its header (also a NotADatabase)."""


@dataclass
class Finding:
    """What is wrong with a data file, for the dialog at start and for `check`."""

    code: str  # not_sqlite, truncated, damaged, empty, missing, too_new, foreign, unreadable
    path: Path
    title: str  # one short line, the dialog's heading
    message: str  # what happened, in plain Chinese, ends with the file being untouched
    detail: str = ""  # SQLite's own words, for the IT person

    @property
    def can_restore(self) -> bool:
        """Restoring a backup is the remedy (not for a newer app's file or a foreign file)."""
        return self.code in RESTORABLE

    @property
    def advice(self) -> str:
        if self.code == "too_new":
            return "请安装新版法治办公助手后再打开。"
        if self.code == "foreign":
            return "请确认选择的是法治办公助手的数据文件。"
        if self.code == "missing":
            return "请检查文件路径。"
        if self.code == "unreadable":
            return "请检查文件权限或将数据文件复制到本机硬盘后再打开。"
        return "可以从最近一次完好的备份恢复（损坏的文件会改名保留，不会被覆盖）。"


def check_file(path, *, thorough: bool = False, require_data: bool = False) -> Optional[Finding]:
    """None if `path` can be opened safely (or does not exist yet), else the Finding.

    require_data (for `check` and for what a restore takes): the file must hold this app's data,
    so a missing file, an empty file and an empty database are findings too; without it they
    are a new data file about to be created.

    Cheap header checks first, then `PRAGMA quick_check` (every page read once, O(N)) for a
    file up to QUICK_CHECK_LIMIT; `thorough` runs the full integrity_check whatever the size
    (also cross-checks every index, O(N log N)), used by `check` and for backups.
    """
    path = Path(path)
    name = path.name
    if not path.exists():
        if require_data:
            return Finding("missing", path, "文件不存在", f"文件“{path}”不存在。")
        return None
    size = path.stat().st_size
    if size == 0:
        if require_data:
            return Finding("empty", path, "文件是空的",
                           f"“{name}”是空文件（0字节），其中没有法治办公助手的数据。文件未做任何修改。")
        if _has_backups(path):
            return Finding("truncated", path, "数据文件是空的",
                           f"数据文件“{name}”是空文件（0字节），原有数据已不在其中，可能是复制中断或磁盘故障。"
                           "文件未做任何修改。")
        return None
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except OSError as exc:
        return Finding("unreadable", path, "无法读取数据文件",
                       f"无法读取数据文件“{name}”（{short_cause(exc)}）。文件未做任何修改。")
    if len(head) < len(SQLITE_HEADER):
        return _truncated(path, "文件头不完整") if SQLITE_HEADER.startswith(head) else _not_sqlite(path)
    if not head.startswith(SQLITE_HEADER):
        return _not_sqlite(path)
    if len(head) < 100:
        return _truncated(path, "文件头不完整")
    page_size = int.from_bytes(head[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return _damaged(path, f"页大小{page_size}无效")
    if not _wal_in_use(path):
        # With a live write-ahead log the main file may lag behind; SQLite itself judges it then.
        if size % page_size:
            return _truncated(path, f"文件大小{size}不是页大小{page_size}的整数倍")
        pages = int.from_bytes(head[28:32], "big")
        if head[92:96] == head[24:28] and pages * page_size > size:
            return _truncated(path, f"文件头记录{pages}页，实际只有{size // page_size}页")
    finding = _check_content(path, "integrity_check" if thorough else
                             "quick_check" if size <= QUICK_CHECK_LIMIT else None,
                             require_data=require_data)
    if finding is None:
        _passed[str(path.resolve())] = _signature(path)
    return finding


# Files that passed in this process, by (size, mtime) of the file and its -wal: the window checks
# before Registry.open, whose own check (Store.open) then need not read the file a second time.
_passed: dict = {}


def _signature(path: Path) -> tuple:
    sig = []
    for item in (path, Path(str(path) + "-wal")):
        try:
            st = item.stat()
            sig.append((st.st_size, st.st_mtime_ns))
        except OSError:
            sig.append(None)
    return tuple(sig)


def open_readonly(path) -> sqlite3.Connection:
    """A connection that cannot change the file and, for a closed file, creates nothing beside it.

    A cleanly closed file has no -wal: it is opened immutable (no -wal/-shm created). A file
    with a -wal (open elsewhere, or left by a crash) is opened read-only through the log, so
    committed work still in the log is seen.
    """
    path = Path(path)
    if not path.exists():
        raise sqlite3.OperationalError(f"unable to open database file: {path}")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not Path(str(path) + "-wal").exists() and not Path(str(path) + "-shm").exists():
        uri += "&immutable=1"
    return sqlite3.connect(uri, uri=True, isolation_level=None, timeout=10)


def _check_content(path: Path, pragma: Optional[str], *,
                   require_data: bool = False) -> Optional[Finding]:
    from . import schema

    try:
        conn = open_readonly(path)
    except sqlite3.Error as exc:
        return _unreadable(path, exc)
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version > schema.LATEST_VERSION:
            return Finding("too_new", path, "数据文件来自更新版本的软件",
                           f"数据文件“{path.name}”由更新版本的法治办公助手创建（数据版本{version}，"
                           f"本程序支持到{schema.LATEST_VERSION}）。文件未做任何修改。")
        if version == 0 and not tables and require_data:
            return Finding("empty", path, "数据文件是空的",
                           f"“{path.name}”是一个空数据库，其中没有法治办公助手的数据。文件未做任何修改。")
        if (version == 0 and tables) or (version > 0 and not OUR_TABLES <= tables):
            return Finding("foreign", path, "不是本软件的数据文件",
                           f"“{path.name}”是一个数据库文件，但不是法治办公助手的数据文件。文件未做任何修改。")
        rows = [r[0] for r in conn.execute(f"PRAGMA {pragma}(5)")] if pragma else ["ok"]
        if rows != ["ok"]:
            return _damaged(path, "；".join(rows))
    except sqlite3.DatabaseError as exc:
        text = str(exc)
        if "not a database" in text or "malformed" in text or "corrupt" in text:
            return _damaged(path, text)
        return _unreadable(path, exc)
    finally:
        conn.close()
    return None


def _not_sqlite(path: Path) -> Finding:
    return Finding("not_sqlite", path, "不是本软件的数据文件",
                   f"“{path.name}”不是法治办公助手的数据文件（内容不是数据库，可能已损坏，"
                   "或是其他文件被改成了这个名字）。文件未做任何修改。")


def _truncated(path: Path, detail: str) -> Finding:
    return Finding("truncated", path, "数据文件不完整",
                   f"数据文件“{path.name}”不完整（后半部分缺失），可能是复制中断、U盘被提前拔出或磁盘故障。"
                   "文件未做任何修改。", detail)


def _damaged(path: Path, detail: str) -> Finding:
    return Finding("damaged", path, "数据文件已损坏",
                   f"数据文件“{path.name}”已损坏，部分内容无法正确读取，可能是断电、强制关机或磁盘故障造成的。"
                   "文件未做任何修改。", detail)


def _unreadable(path: Path, exc: Exception) -> Finding:
    return Finding("unreadable", path, "无法读取数据文件",
                   f"无法读取数据文件“{path.name}”（{short_cause(exc) or '无法读取'}）。文件未做任何修改。",
                   str(exc))


def _wal_in_use(path: Path) -> bool:
    wal = Path(str(path) + "-wal")
    try:
        return wal.stat().st_size > 0
    except OSError:
        return False


def _has_backups(path: Path) -> bool:
    from .backup import list_backups

    return bool(list_backups(path, with_counts=False))


def ensure_usable(path) -> None:
    """Raise DamagedFile (a DatabaseProblem, Chinese message) unless the file passes check_file."""
    path = Path(path)
    if path.exists() and _passed.get(str(path.resolve())) == _signature(path):
        return  # checked a moment ago in this process and unchanged since
    finding = check_file(path)
    if finding is not None:
        raise {"too_new": DamagedTooNew, "not_sqlite": DamagedNotADatabase}.get(
            finding.code, DamagedFile)(finding)


# --------------------------------------------------------------------------- the remedy
def set_aside(path) -> Path:
    """Rename a bad data file (and its -wal/-shm) to 'NAME.损坏-YYYYMMDD-HHMM'; returns the new path."""
    path = Path(path)
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M")
    target = path.with_name(f"{path.name}.损坏-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.损坏-{stamp}-{n}")
    os.replace(path, target)
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            os.replace(side, Path(str(target) + suffix))
    return target


def backup_dirs(path) -> list:
    """Where backups of this file may be: the folder chosen in the settings, then beside the data."""
    from .backup import configured_backup_dir, default_backup_dir

    dirs = []
    try:
        chosen = configured_backup_dir(path)
    except Exception:  # a damaged file may not even answer that
        chosen = None
    for folder in (chosen, default_backup_dir(path)):
        if folder is not None and folder not in dirs:
            dirs.append(folder)
    return dirs


def newest_good_backup(path):
    """The newest backup of this file (not another PC's) that holds this app's data and passes
    integrity_check, or None (an empty copy left by an interrupted backup is passed over)."""
    from .backup import is_own_backup, list_backups

    for info in list_backups(path):
        if is_own_backup(info, path) and check_file(info.path, thorough=True,
                                                    require_data=True) is None:
            return info
    return None


def restore_newest_good_backup(path) -> dict:
    """The one-click remedy: set the bad file aside and put the newest good backup in its place.

    Returns {"backup": BackupInfo, "damaged_kept": Path|None, "before_backup": Path|None};
    raises BackupProblem (Chinese) when there is no good backup.
    """
    from .backup import BackupProblem, restore_backup

    info = newest_good_backup(path)
    if info is None:
        raise BackupProblem(f"没有找到“{Path(path).name}”的可用备份。损坏的文件未做任何修改，"
                            "请联系技术人员或从其他电脑、U盘中找回数据文件的副本。")
    result = restore_backup(path, info.path)
    return dict(result, backup=info)
