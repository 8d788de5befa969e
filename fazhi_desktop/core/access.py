"""How a command reaches the data file: to write, under the single-writer lock; to read, without
creating, upgrading or changing anything.

`open_for_writing` takes the same lock the window takes (core/lock.py), waiting a few seconds for
another command, then opens the file (creating or upgrading it after a backup, as Store.open
does); the lock is released when the registry is closed. `open_for_reading` opens the file
read-only (health.open_readonly: no -wal/-shm created for a closed file, no checkpoint, no
migration) and refuses, in Chinese, a missing, empty, older or damaged file instead of
creating, upgrading or touching it.

A closed file is read `immutable` (SQLite takes no lock then). A writer that starts meanwhile
writes its log beside it and changes the file itself only when it checkpoints; if that happened
during the read, closing the registry raises ChangedWhileReading (exit 1: run it again) rather
than let a possibly mixed answer pass as a good one.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Optional

from . import schema
from .errors import DatabaseProblem
from .lock import WriterLock, wait_seconds
from .registry import Registry
from .store import Store


class MissingDataFile(DatabaseProblem):
    """A command that only reads was pointed at a data file that does not exist."""


class EmptyDataFile(DatabaseProblem):
    """A file with no data of this app in it (0 bytes, or a database without our tables)."""


class OldDataFile(DatabaseProblem):
    """A file of an older schema version, which only a writing open may upgrade."""


class ChangedWhileReading(DatabaseProblem):
    """Another program wrote the data file into place while it was read without a lock."""


class LockedRegistry(Registry):
    """A Registry that holds the writer lock until it is closed."""

    def __init__(self, store: Store, writer_lock: WriterLock):
        super().__init__(store)
        self.writer_lock = writer_lock

    def close(self) -> None:
        try:
            super().close()
        finally:
            self.writer_lock.release()


class ReadOnlyRegistry(Registry):
    """A Registry on a read-only connection that notices a checkpoint during an unlocked read."""

    def __init__(self, store: Store, unlocked_signature: Optional[tuple]):
        super().__init__(store)
        self._signature = unlocked_signature  # None: read through the log, under SQLite's locks

    def close(self) -> None:
        super().close()
        if self._signature is not None and _file_signature(self.path) != self._signature:
            self._signature = None
            raise ChangedWhileReading(
                f"读取期间，数据文件“{self.path.name}”被另一程序改写，以上结果可能不完整，"
                "请重新运行此命令。数据文件未做任何修改。")

    def __exit__(self, kind, value, traceback):
        if kind is None:
            self.close()
        else:  # the body's own error is the one to report
            try:
                self.close()
            except ChangedWhileReading:
                pass


def _file_signature(path: Path) -> Optional[tuple]:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def open_for_writing(db_path, *, wait: Optional[float] = None) -> Registry:
    """The registry under the single-writer lock (WriterBusy when another program keeps it)."""
    held = WriterLock(db_path, role="command").acquire(
        wait=wait_seconds() if wait is None else wait)
    try:
        store = Store.open(db_path)
    except BaseException:
        held.release()
        raise
    return LockedRegistry(store, held)


def open_for_reading(db_path, *, missing_ok: bool = False) -> Registry:
    """The registry on a read-only connection; refuses what it could only read by changing.

    missing_ok (import --dry-run): a data file that does not exist yet reads as an empty one
    (a new register in memory), so the check runs and still nothing is created on disk.
    """
    path = Path(db_path)
    if missing_ok and not path.exists():
        return Registry(Store.open(":memory:"))
    reading_problem(path, raise_it=True)
    closed = not any(Path(str(path) + side).exists() for side in ("-wal", "-shm"))
    signature = _file_signature(path) if closed else None  # read immutable: watch the file
    return ReadOnlyRegistry(Store.open_readonly(path), signature)


def reading_problem(path: Path, *, raise_it: bool = False) -> Optional[DatabaseProblem]:
    """Why `path` cannot be read as it is (missing, empty, older, damaged), or None."""
    from .health import ensure_usable, open_readonly

    problem: Optional[DatabaseProblem] = None
    if not path.exists():
        problem = MissingDataFile(f"数据文件“{path}”不存在，请检查路径（--db 或环境变量FAZHI_DB）。"
                                  "没有创建任何文件。")
    elif path.is_dir():
        problem = MissingDataFile(f"“{path}”是一个文件夹，不是数据文件，请检查路径。")
    elif path.stat().st_size == 0:
        problem = EmptyDataFile(f"数据文件“{path}”是空文件（0字节），其中没有任何数据。文件未做任何修改。")
    if problem is None:
        ensure_usable(path)  # damaged, foreign, too new: DamagedFile with the start-up words
        try:
            conn = open_readonly(path)
            try:
                version = conn.execute("PRAGMA user_version").fetchone()[0]
            finally:
                conn.close()
        except sqlite3.Error as exc:
            raise DatabaseProblem(f"无法读取数据文件“{path}”：{exc}。文件未做任何修改。") from exc
        if version == 0:
            problem = EmptyDataFile(f"数据文件“{path}”是一个空数据库，其中没有法治办公助手的数据。"
                                    "文件未做任何修改。")
        elif version < schema.LATEST_VERSION:
            problem = OldDataFile(
                f"数据文件“{path}”是旧版本的格式（数据版本{version}，本程序为{schema.LATEST_VERSION}），"
                "只读取的命令不会升级它。请先用法治办公助手打开一次，或运行一个写入命令"
                "（升级前会自动备份），再运行此命令。文件未做任何修改。")
    if problem is not None and raise_it:
        raise problem
    return problem
