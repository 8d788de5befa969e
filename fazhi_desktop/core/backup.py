"""Backups of the data file through SQLite's online backup API (never a file copy of a WAL file).

Each copy is verified (integrity_check) before it gets its final name, carries a note of what it
holds (reason, time, record counts) in its own settings table, and the folder is thinned by
rotation: everything from the last 24 hours, then 7 daily, 4 weekly and 12 monthly copies.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import secrets
import socket
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from .errors import DatabaseProblem
from .faults import short_cause

# Reason code -> the word in the file name and in the list a clerk reads.
REASONS = {
    "daily": "自动",
    "migration": "升级前",
    "import": "导入前",
    "manual": "手动",
    "restore": "恢复前",
}
SETTING_BACKUP_DIR = "backup_dir"  # registry setting: a folder chosen by the clerk (USB, share)
INFO_KEY = "backup_info"  # settings row written into each copy (never into the live file)
# In the folder beside the data: where the chosen folder is, readable when the data file is not.
POINTER_NAME = "备份位置.txt"
KEEP = {"daily": 7, "weekly": 4, "monthly": 12}
KEEP_ALL_HOURS = 24
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6})-(?P<word>[^-.]+)\.sqlite3$")
_KIND_TABLES = ("proposal", "suggestion", "mediation", "petition")


class BackupProblem(DatabaseProblem):
    """A backup could not be written, verified or restored; the message says which and why."""


@dataclass
class BackupInfo:
    """One backup file as the list in the settings dialog shows it."""

    path: Path
    created: _dt.datetime
    reason: str  # a key of REASONS
    size: int
    counts: dict = field(default_factory=dict)  # kind -> live records
    warnings: list = field(default_factory=list)  # e.g. the chosen folder was unavailable
    mtime_ns: int = 0  # orders two backups taken within the same second
    source: Optional[str] = None  # the data file it was taken from (from the note inside)
    host: Optional[str] = None  # the computer it was taken on

    @property
    def origin(self) -> tuple:
        """Backups of different files sharing one folder (two PCs, one share) never mix."""
        return (self.source, self.host)

    @property
    def order(self) -> tuple:
        return (self.created.replace(microsecond=0), self.mtime_ns, self.path.name)

    @property
    def reason_label(self) -> str:
        return REASONS.get(self.reason, self.reason)

    def describe(self) -> str:
        counts = "，".join(f"{_KIND_WORDS[k]}{n}条" for k, n in self.counts.items() if k in _KIND_WORDS)
        elsewhere = f"，来自计算机“{self.host}”" if self.host and self.host != socket.gethostname() else ""
        return (f"{self.created:%Y年%m月%d日 %H:%M}（{self.reason_label}{elsewhere}）"
                f" {self.size / 1048576:.1f} MB{('：' + counts) if counts else ''}")


_KIND_WORDS = {"proposal": "提案", "suggestion": "建议", "mediation": "调解", "petition": "信访"}


# --------------------------------------------------------------------------- where
def default_backup_dir(db_path) -> Path:
    """The backups folder beside the data file."""
    return Path(db_path).resolve().parent / "backups"


def configured_backup_dir(db_path) -> Optional[Path]:
    """The folder chosen in the settings (registry setting `backup_dir`), read without writing;
    for a data file that cannot be read, the folder last used as written in 备份位置.txt."""
    value = None
    try:
        conn = _connect_ro(Path(db_path))
        try:
            row = conn.execute("SELECT value FROM settings WHERE key = ?",
                               (SETTING_BACKUP_DIR,)).fetchone()
            value = json.loads(row[0]) if row else None
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):
        with contextlib.suppress(OSError, UnicodeDecodeError):
            value = (default_backup_dir(db_path) / POINTER_NAME).read_text("utf-8").strip() or None
    return Path(value) if value else None


def _remember_folder(db_path, folder: Path) -> None:
    """Note a chosen folder beside the data, so a damaged data file's backups can be found."""
    pointer = default_backup_dir(db_path) / POINTER_NAME
    text = str(Path(folder).resolve())
    with contextlib.suppress(OSError):
        if pointer.exists() and pointer.read_text("utf-8").strip() == text:
            return
        pointer.parent.mkdir(parents=True, exist_ok=True)
        pointer.write_text(text + "\n", "utf-8")


def backup_dir(db_path, folder=None) -> tuple:
    """(folder to use, warnings): the chosen folder if reachable, else the one beside the data."""
    chosen = Path(folder) if folder else configured_backup_dir(db_path)
    if chosen is None:
        return default_backup_dir(db_path), []
    try:
        chosen.mkdir(parents=True, exist_ok=True)
        probe = chosen / f".fazhi-probe-{os.getpid()}-{secrets.token_hex(4)}"  # one per process
        probe.write_bytes(b"")
        probe.unlink()
        return chosen, []
    except OSError as exc:
        fallback = default_backup_dir(db_path)
        return fallback, [f"备份位置“{chosen}”暂时无法写入（{short_cause(exc)}，如U盘未插入或网络共享未连接），"
                          f"本次已备份到数据文件旁的“{fallback}”。"]


# --------------------------------------------------------------------------- writing
def backup_now(db_path, reason: str = "manual", *, folder=None, out=None,
               rotate: bool = True) -> BackupInfo:
    """Copy the data file now; `out` writes exactly that file instead (outside the rotation).

    Raises BackupProblem (Chinese message) when the copy cannot be written or fails its check;
    no partial file is left behind.
    """
    db_path = Path(db_path)
    if reason not in REASONS:
        raise ValueError(reason)
    now = _dt.datetime.now().replace(microsecond=0)
    warnings: list = []
    if out is not None:
        target = Path(out)
    else:
        target_dir, warnings = backup_dir(db_path, folder)
        target = target_dir / f"{db_path.stem}-{now:%Y%m%d-%H%M%S}-{REASONS[reason]}.sqlite3"
    info = {"reason": reason, "created": now.isoformat(), "source": str(db_path.resolve()),
            "host": socket.gethostname()}
    target = copy_database(db_path, target, info=info, overwrite=out is not None)
    if out is None and target.parent.resolve() != default_backup_dir(db_path):
        _remember_folder(db_path, target.parent)
    if rotate and out is None:
        rotate_backups(target.parent, keep=target)
    result = read_backup_info(target)
    result.warnings = warnings
    return result


def copy_database(source: Path, target: Path, *, info: Optional[dict] = None,
                  overwrite: bool = True) -> Path:
    """A consistent copy of `source` at `target`, verified with integrity_check, then renamed;
    returns where it went. The temporary file's name is unique to this process (pid + random),
    so two programs backing up at once never write into one file. overwrite=False: an existing
    `target` is kept and the copy takes the next free name (…2, …3)."""
    target = Path(target)
    partial = target.with_name(f"{target.name}.{os.getpid()}-{secrets.token_hex(4)}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        src = _connect_ro(Path(source))
        try:
            dst = sqlite3.connect(str(partial), isolation_level=None)
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file
                if info is not None:
                    _write_info(dst, src, info)
                ok = dst.execute("PRAGMA integrity_check").fetchall()
            finally:
                dst.close()
        finally:
            src.close()
        if [r[0] for r in ok] != ["ok"]:
            _raise_if_source_damaged(source)
            raise BackupProblem(f"备份“{target}”写入后校验失败（{ok[0][0]}），原数据文件未做任何修改，"
                                "请检查数据文件（fazhi-desktop check）。")
        _fsync(partial)
        if overwrite:
            os.replace(partial, target)
        else:
            target = _place_without_overwriting(partial, target)
        _fsync_dir(target.parent)
    except sqlite3.DatabaseError as exc:
        with contextlib.suppress(OSError):
            partial.unlink()
        if "malformed" in str(exc) or "not a database" in str(exc):
            _raise_if_source_damaged(source)
        raise BackupProblem(f"无法备份到“{target}”：{_explain_sqlite(exc)}。原数据文件未做任何修改。") from exc
    except OSError as exc:
        from .atomic import explain_os_error

        with contextlib.suppress(OSError):
            partial.unlink()
        raise BackupProblem("备份失败：" + explain_os_error(target, exc)) from exc
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return target


def _place_without_overwriting(partial: Path, target: Path) -> Path:
    """Give `partial` the name `target`, or its next free variant: a hard link fails instead of
    replacing a copy another program made in the same second. Where there are no hard links
    (FAT sticks, some shares) the name is claimed by creating it exclusively."""
    n, candidate = 1, target
    while True:
        try:
            os.link(partial, candidate)
            partial.unlink()
            return candidate
        except FileExistsError:
            pass
        except OSError:
            try:
                os.close(os.open(str(candidate), os.O_CREAT | os.O_EXCL | os.O_WRONLY))
                os.replace(partial, candidate)
                return candidate
            except FileExistsError:
                pass
        n += 1
        candidate = target.with_name(f"{target.stem}{n}{target.suffix}")


def _raise_if_source_damaged(source) -> None:
    """The backup API copies pages as they are: a bad copy means a bad source; say so as such."""
    from .health import DamagedFile, check_file

    finding = check_file(Path(source), thorough=True)
    if finding is not None:
        raise DamagedFile(finding)


def _write_info(dst: sqlite3.Connection, src: sqlite3.Connection, info: dict) -> None:
    """Record counts and the reason inside the copy, so a list of backups opens nothing big."""
    has_settings = dst.execute(
        "SELECT 1 FROM sqlite_master WHERE type='table' AND name='settings'").fetchone()
    if not has_settings:
        return
    info = dict(info, counts=count_records(dst),
                user_version=dst.execute("PRAGMA user_version").fetchone()[0])
    dst.execute("INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE "
                "SET value = excluded.value", (INFO_KEY, json.dumps(info, ensure_ascii=False)))


def count_records(conn: sqlite3.Connection) -> dict:
    """Live records per kind (tables that do not exist count as absent)."""
    counts = {}
    for kind in _KIND_TABLES:
        try:
            counts[kind] = conn.execute(
                f"SELECT count(*) FROM {kind} WHERE deleted_at IS NULL").fetchone()[0]
        except sqlite3.Error:
            pass
    return counts


def backup_before_migration(db_path: Path, version: int, *,
                            backup_dir: Optional[Path] = None) -> Path:
    """The copy taken before the schema of an existing file is upgraded (Store.open calls it)."""
    return backup_now(db_path, "migration", folder=backup_dir).path


def backup_on_start(db_path, *, folder=None) -> Optional[BackupInfo]:
    """The automatic backup at start: at most one a day (any backup taken today counts)."""
    today = _dt.date.today()
    for existing in list_backups(db_path, folder=folder):
        if existing.created.date() == today and is_own_backup(existing, db_path):
            return None
    return backup_now(db_path, "daily", folder=folder)


# --------------------------------------------------------------------------- listing and rotation
def list_backups(db_path, *, folder=None, with_counts: bool = True) -> list:
    """Backups of this data file, newest first: in `folder`, or else in the folder chosen in the
    settings and the one beside the data (both: the stick may have been unplugged for a while)."""
    from .health import backup_dirs

    stem = Path(db_path).stem
    found = []
    for target_dir in [Path(folder)] if folder else backup_dirs(db_path):
        if not target_dir.is_dir():
            continue
        for path in target_dir.iterdir():
            match = _NAME.match(path.name)
            if not match or match["stem"] != stem:
                continue
            try:
                found.append(read_backup_info(path) if with_counts else _info_from_name(path))
            except FileNotFoundError:  # rotated away by another program while listing
                continue
    found.sort(key=lambda b: b.order, reverse=True)
    return found


def is_own_backup(info: BackupInfo, db_path) -> bool:
    """Taken from this data file on this computer, or lying beside it (not another PC's copy
    of a file with the same name in a shared backup folder)."""
    if info.path.parent.resolve() == default_backup_dir(db_path):
        return True
    return info.source is None or info.origin == (str(Path(db_path).resolve()), socket.gethostname())


def _info_from_name(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    created = _dt.datetime.fromtimestamp(path.stat().st_mtime)
    reason = "manual"
    if match:
        with contextlib.suppress(ValueError):  # 20261399-…: a name that only looks like ours
            created = _dt.datetime.strptime(match["stamp"], "%Y%m%d-%H%M%S")
        word = match["word"].rstrip("0123456789")
        reason = next((k for k, v in REASONS.items() if v == word), "manual")
    stat = path.stat()
    return BackupInfo(path=path, created=created, reason=reason, size=stat.st_size,
                      mtime_ns=stat.st_mtime_ns)


def read_backup_info(path) -> BackupInfo:
    """Date, reason, size and record counts of one backup file (the note inside, else counted)."""
    path = Path(path)
    result = _info_from_name(path)
    try:
        conn = _connect_ro(path)
    except sqlite3.Error:
        return result
    try:
        note = None
        with contextlib.suppress(sqlite3.Error, ValueError, TypeError):
            row = conn.execute("SELECT value FROM settings WHERE key = ?", (INFO_KEY,)).fetchone()
            note = json.loads(row[0]) if row else None
        if note:
            result.reason = note.get("reason", result.reason)
            result.counts = note.get("counts") or {}
            result.source, result.host = note.get("source"), note.get("host")
        else:
            result.counts = count_records(conn)
    finally:
        conn.close()
    return result


def rotate_backups(folder, *, keep: Optional[Path] = None, now: Optional[_dt.datetime] = None) -> list:
    """Delete backups beyond the rotation; returns the deleted paths. The newest is never deleted.

    With `keep` (the copy just made) only the backups of the same file from the same computer
    are thinned: another PC's copies in a shared folder are that PC's business.
    """
    folder = Path(folder)
    now = now or _dt.datetime.now()
    groups: dict = {}
    for path in folder.iterdir() if folder.is_dir() else ():
        match = _NAME.match(path.name)
        if match:
            try:
                info = read_backup_info(path)
            except FileNotFoundError:  # another program's rotation was quicker
                continue
            groups.setdefault((match["stem"], info.origin), []).append(info)
    if keep is not None:
        own = read_backup_info(keep)
        own_stem = _NAME.match(Path(keep).name)
        groups = {key: value for key, value in groups.items()
                  if own_stem and key == (own_stem["stem"], own.origin)}
    deleted = []
    for backups in groups.values():
        for info in backups_to_delete(backups, now=now):
            if keep is not None and info.path == keep:
                continue
            with contextlib.suppress(OSError):
                info.path.unlink()
                deleted.append(info.path)
    return deleted


def backups_to_delete(backups: list, *, now: _dt.datetime) -> list:
    """The thinning rule: keep the newest, all of the last 24 hours, then the newest backup of
    each of 7 days, of 4 further weeks and of 12 further months; the rest go."""
    ordered = sorted(backups, key=lambda b: b.order, reverse=True)
    days, weeks, months = set(), set(), set()
    slots = dict(KEEP)
    doomed = []
    for i, info in enumerate(ordered):
        day = info.created.date()
        week = day.isocalendar()[:2]
        month = (day.year, day.month)
        recent = now - info.created < _dt.timedelta(hours=KEEP_ALL_HOURS)
        if i == 0 or recent:
            keep = True
            if day not in days and slots["daily"] > 0:
                slots["daily"] -= 1  # it is that day's daily copy as well
        elif day not in days and slots["daily"] > 0:
            slots["daily"] -= 1
            keep = True
        elif week not in weeks and slots["weekly"] > 0:
            slots["weekly"] -= 1
            keep = True
        elif month not in months and slots["monthly"] > 0:
            slots["monthly"] -= 1
            keep = True
        else:
            keep = False
        if keep:
            days.add(day)
            weeks.add(week)
            months.add(month)
        else:
            doomed.append(info)
    return doomed


# --------------------------------------------------------------------------- restoring
def verify_backup(path) -> None:
    """Raise BackupProblem unless `path` is a whole data file or backup of this app: SQLite, a
    schema version this program knows, the app's tables, and a clean integrity_check. An empty
    file or an empty database is refused: restoring it would empty the data."""
    from .health import check_file

    path = Path(path)
    if path.is_dir():
        raise BackupProblem(f"不能用“{path}”恢复：这是一个文件夹，请选择一个备份文件。")
    finding = check_file(path, thorough=True, require_data=True)
    if finding is not None:
        raise BackupProblem(f"不能用“{path}”恢复：{finding.message}")


def restore_backup(db_path, backup_path, *, folder=None) -> dict:
    """Make the data file the content of `backup_path`.

    A healthy current file is first backed up (reason 恢复前); a damaged one is kept renamed
    (fazhi.sqlite3.损坏-YYYYMMDD-HHMM), never overwritten. The copy goes in through the backup
    API in one transaction, so a crash half-way leaves the old content. The caller holds the
    writer lock (core/lock.py) or knows no window has the file open.
    Returns {"before_backup": Path|None, "damaged_kept": Path|None}.
    """
    from .health import check_file, set_aside

    from .output_guard import same_file

    db_path, backup_path = Path(db_path), Path(backup_path)
    if same_file(backup_path, db_path):
        raise BackupProblem("不能用数据文件自身恢复，请选择一个备份文件。")
    verify_backup(backup_path)
    before, kept = None, None
    if db_path.exists():
        if check_file(db_path) is None:
            # no rotation now: it could delete the very backup being restored
            before = backup_now(db_path, "restore", folder=folder, rotate=False).path
        else:
            kept = set_aside(db_path)
    try:
        src = _connect_ro(backup_path)
        try:
            dst = sqlite3.connect(str(db_path), isolation_level=None, timeout=10)
            try:
                dst.execute("PRAGMA busy_timeout=10000")
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=WAL")
                dst.execute("PRAGMA synchronous=FULL")
                with contextlib.suppress(sqlite3.Error):
                    dst.execute("DELETE FROM settings WHERE key = ?", (INFO_KEY,))
                dst.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                dst.close()
        finally:
            src.close()
    except sqlite3.DatabaseError as exc:
        raise BackupProblem(f"恢复失败：{_explain_sqlite(exc)}。" + (
            f"原数据文件已备份为“{before}”。" if before else "")) from exc
    return {"before_backup": before, "damaged_kept": kept}


# --------------------------------------------------------------------------- helpers
def _connect_ro(path: Path) -> sqlite3.Connection:
    """A read-only connection that never changes the file (see health.open_readonly)."""
    from .health import open_readonly

    return open_readonly(path)


def _explain_sqlite(exc: sqlite3.Error) -> str:
    text = str(exc)
    if "locked" in text or "busy" in text:
        return "数据文件正被另一个程序写入，请稍后重试"
    if "malformed" in text or "not a database" in text:
        return "文件已损坏或不是数据库"
    if "disk is full" in text or "full" in text:
        return "磁盘空间已满"
    if "readonly" in text or "read-only" in text:
        return "保存位置是只读的或没有写入权限"
    return text


def _fsync(path: Path) -> None:
    with open(path, "rb+") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (POSIX); Windows has no directory handles for this."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(str(folder), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
