"""Files that hold personal data are readable by their owner only (issue 20.1, docs/data-protection.md).

On Linux (Kylin, UOS, Debian) the usual umask 022 would make the data file, its backups and
their folders readable by every local account. Whatever the umask, the app therefore makes

- the folders it creates itself (the default data folder, the backups folder beside the data)
  0700; a folder the clerk chose (--db elsewhere, a USB stick, a shared folder) is left as it is;
- the data file, its -wal/-shm (SQLite gives them the mode of the data file), the lock, every
  backup and every log 0600. Drafts live inside the data file.

`tighten_installation` runs at every open and changes only what is looser than that, so an
installation made by an older version is tightened on its first start with this one (the caller
notes it in the 操作记录). On Windows nothing is changed: the per-user application-data folder
(%APPDATA%) is protected by its NTFS access list (docs/data-protection.md).

For other modules (e.g. a rotating log in the data folder): `create_private_file(path)` before
the first write, or `open_private(path, "a")`, and the file is 0600 from its first byte.
"""
from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path
from typing import Iterable, Optional

PRIVATE_FILE_MODE = 0o600
PRIVATE_DIR_MODE = 0o700
# Beside the data file: its journal, the lock, damaged copies kept aside (all start with its name).
_SQLITE_SUFFIXES = ("-wal", "-shm", "-journal", ".lock")
LOG_SUFFIXES = (".log",)  # fazhi.log, fazhi.log.1 … (a rotating log in the data folder)
LOG_PREFIX = "fazhi"  # only our logs: a --db folder may be the clerk's Documents with other logs
TIGHTENED_NOTE = ("已收紧数据文件和备份的访问权限：数据文件、备份、锁文件和日志只有当前用户可以读写，"
                  "程序建立的文件夹只有当前用户可以打开（此前其他本机账户可以读取）。")

# Shown once (the setting remembers it) when the clerk sends backups to a folder of their choice.
SETTING_CHOSEN_FOLDER_NOTICE = "backup_folder_privacy_notice_shown"
CHOSEN_FOLDER_NOTICE = (
    "请注意：备份是数据文件的完整副本，含有调解当事人的姓名、身份证号码、电话、住址和纠纷情况等个人信息。"
    "U盘或网络共享文件夹上的备份，任何拿到U盘或能打开该文件夹的人都可以读取。"
    "请妥善保管U盘，不要把备份放在多人共用的共享文件夹中，不再需要的备份请及时删除。")


def enforced() -> bool:
    """Whether modes are set at all: POSIX only (Windows relies on the ACL of %APPDATA%)."""
    return os.name == "posix"


def make_private_dir(folder) -> Path:
    """Create `folder` (and missing parents) and make `folder` itself 0700.

    Only for folders the app owns; the parents keep the mode the system gives them.
    """
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    if enforced():
        _chmod_if_looser(folder, PRIVATE_DIR_MODE)
    return folder


def create_private_file(path) -> Path:
    """Make sure `path` exists with mode 0600 before anything writes to it (an existing file
    keeps its content and is tightened). SQLite takes an empty file as a new database."""
    path = Path(path)
    fd = os.open(str(path), os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), PRIVATE_FILE_MODE)
    try:
        if enforced():
            os.fchmod(fd, PRIVATE_FILE_MODE)
    finally:
        os.close(fd)
    return path


def open_private(path, mode: str = "a", **kwargs):
    """open() for a file that must be 0600 from its first byte (a log, an export of drafts)."""
    if "w" in mode or "a" in mode or "x" in mode:
        create_private_file(path)
    return open(path, mode, **kwargs)


def make_private(path) -> bool:
    """Make an existing file 0600 (a directory 0700); True if its mode was looser and changed."""
    if not enforced():
        return False
    path = Path(path)
    try:
        wanted = PRIVATE_DIR_MODE if path.is_dir() else PRIVATE_FILE_MODE
    except OSError:
        return False
    return _chmod_if_looser(path, wanted)


def data_files(db_path) -> list:
    """The data file and what SQLite and the app keep beside it (journal, lock, damaged copies)."""
    db_path = Path(db_path)
    found = [db_path] + [Path(str(db_path) + s) for s in _SQLITE_SUFFIXES]
    folder = db_path.parent
    with contextlib.suppress(OSError):
        for entry in folder.iterdir():
            name = entry.name
            if name.startswith(db_path.name + ".") and entry not in found:
                found.append(entry)  # fazhi.sqlite3.损坏-20260101-0900 (health.set_aside)
            elif name.startswith(LOG_PREFIX) and any(
                    name.endswith(s) or (s + ".") in name for s in LOG_SUFFIXES):
                found.append(entry)
    return [p for p in found if p.is_file()]


def tighten_installation(db_path, *, app_folder: Optional[Path] = None,
                         backup_folders: Iterable = ()) -> list:
    """Bring an installation to the modes above; the paths whose mode was changed.

    `app_folder`: the default data folder (made 0700 when the data file lives in it).
    `backup_folders`: (folder, made_by_app) pairs; the app's own folder becomes 0700, in a chosen
    one only our backup files are tightened.
    """
    if not enforced():
        return []
    db_path = Path(db_path)
    changed = []
    if app_folder is not None and _same(db_path.parent, app_folder):
        if _chmod_if_looser(db_path.parent, PRIVATE_DIR_MODE):
            changed.append(db_path.parent)
    for path in data_files(db_path):
        if _chmod_if_looser(path, PRIVATE_FILE_MODE):
            changed.append(path)
    for folder, owned in backup_folders:
        folder = Path(folder)
        if not folder.is_dir():
            continue
        if owned and _chmod_if_looser(folder, PRIVATE_DIR_MODE):
            changed.append(folder)
        with contextlib.suppress(OSError):
            for entry in folder.iterdir():
                if entry.is_file() and _is_backup_of(entry, db_path, owned) and \
                        _chmod_if_looser(entry, PRIVATE_FILE_MODE):
                    changed.append(entry)
    return changed


def _is_backup_of(entry: Path, db_path: Path, owned: bool) -> bool:
    """In the app's own folder every file is ours; in a chosen folder only our backups."""
    if owned:
        return True
    return entry.name.startswith(db_path.stem + "-") and ".sqlite3" in entry.name


def _same(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False


def _chmod_if_looser(path: Path, wanted: int) -> bool:
    """chmod when group/other bits are set; True only if the change took (a FAT stick ignores it,
    and must not be reported as tightened at every start)."""
    try:
        current = stat.S_IMODE(os.stat(path).st_mode)
        if current & 0o077 == 0:
            return False
        os.chmod(path, wanted)
        return stat.S_IMODE(os.stat(path).st_mode) & 0o077 == 0
    except OSError:
        return False


def secure_store(store) -> list:
    """At every open (Store.open): tighten the installation of `store`'s data file and, when
    anything had to change, say so once in the 操作记录 (an audit 'notice', as Registry.note
    writes it). Returns the paths changed."""
    from ..paths import app_data_dir
    from .backup import SETTING_BACKUP_DIR, default_backup_dir

    db_path = Path(store.path)
    folders = [(default_backup_dir(db_path), True)]
    chosen = store.get_setting(SETTING_BACKUP_DIR)
    if chosen and not _same(Path(chosen), folders[0][0]):
        folders.append((Path(chosen), False))
    changed = tighten_installation(db_path, app_folder=app_data_dir(), backup_folders=folders)
    if changed:
        with contextlib.suppress(Exception):  # a read-only file: the modes changed all the same
            with store.transaction():
                store.audit("profile", "", "notice", None,
                            {"text": TIGHTENED_NOTE, "files": len(changed)})
    return changed
