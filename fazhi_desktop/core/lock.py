"""One writer per data file: an OS lock on 'NAME.lock' beside the data, holding the owner's pid.

The window holds it for as long as it is open; every command that writes (add, import, profile
set, restore, render and report, which hand out document numbers) holds it while it runs. A
command that finds the lock taken by another command waits for it (WAIT_ENV seconds, default
DEFAULT_WAIT) and then gives up with 「另一程序正在写入，请稍后重试」; one that finds a window
holding it gives up at once (a window keeps the file for hours), naming that window.

The operating system drops the lock when its process dies (even by a power cut or SIGKILL), so a
lock file left by a dead process is simply taken over (flock, per open file: two opens conflict
even inside one process); it is never deleted, which avoids the race
of two processes locking two different files of the same name.
"""
from __future__ import annotations

import errno
import json
import os
import socket
import sys
import time
from pathlib import Path
from typing import Optional

from .errors import DatabaseLocked
from .faults import short_cause

_WINDOWS = sys.platform.startswith("win")
if _WINDOWS:
    import msvcrt
else:
    import fcntl

# Windows locks a byte range that readers then cannot read; lock a byte far past the pid text.
_LOCK_OFFSET = 1 << 20
_NO_LOCKING = {errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL, getattr(errno, "ENOTSUP", -1),
               getattr(errno, "ENOSYS", -1)}
_NETWORK_FS = {"cifs", "smb", "smb2", "smb3", "smbfs", "nfs", "nfs4", "9p", "fuse.sshfs",
               "afs", "ncpfs", "davfs", "fuse.davfs2", "fuse.rclone",
               "fuse.gvfsd-fuse", "fuse.gvfs-fuse-daemon"}  # shares opened in UOS/Kylin file managers


class AlreadyOpen(DatabaseLocked):
    """Another running copy of the app has this data file open; `pid` is its process id."""

    def __init__(self, path: Path, pid: Optional[int], host: str = ""):
        self.path, self.pid, self.host = path, pid, host
        where = f"（进程号{pid}{'，计算机' + host if host and host != socket.gethostname() else ''}）" if pid else ""
        super().__init__(f"数据文件“{path.name}”已在另一个法治办公助手窗口中打开{where}。"
                         "同一个数据文件同时只能由一个窗口修改，请切换到已打开的窗口。")


BUSY_MESSAGE = "另一程序正在写入，请稍后重试"
WAIT_ENV = "FAZHI_LOCK_WAIT"  # seconds a command waits for another writer (tests set it short)
DEFAULT_WAIT = 8.0


class WriterBusy(AlreadyOpen):
    """Another program held the writer lock for longer than this one would wait."""

    def __init__(self, path: Path, pid: Optional[int], host: str = "", role: str = ""):
        self.path, self.pid, self.host, self.role = path, pid, host, role
        who = f"进程号{pid}" if pid else ""
        if who and host and host != socket.gethostname():
            who += f"，计算机{host}"
        who = f"（{who}）" if who else ""
        if role == "window":
            detail = (f"数据文件“{path.name}”已在另一个法治办公助手窗口中打开{who}，"
                      "请在该窗口中操作，或关闭窗口后再运行命令")
        else:
            detail = f"数据文件“{path.name}”正由另一个程序写入{who}"
        DatabaseLocked.__init__(self, f"{BUSY_MESSAGE}：{detail}。数据文件未做任何修改。")


def wait_seconds() -> float:
    """How long a writing command waits for the lock: $FAZHI_LOCK_WAIT, else DEFAULT_WAIT."""
    try:
        return max(0.0, float(os.environ.get(WAIT_ENV, DEFAULT_WAIT)))
    except ValueError:
        return DEFAULT_WAIT


class LockUnsupported(DatabaseLocked):
    """The data file sits where files cannot be locked (usually a network share)."""

    def __init__(self, path: Path, cause: str):
        self.path = path
        super().__init__(
            f"数据文件“{path}”位于网络共享或不支持文件锁定的位置（{cause}），"
            "在这里无法保证只有一个程序写入，断网时还可能损坏数据。请把数据文件复制到本机硬盘后再打开；"
            "备份可以放在U盘或网络共享上（设置 → 备份位置）。")


class ReadOnlyLocation(DatabaseLocked):
    """The folder of the data file cannot be written (write-protected stick, CD, permissions)."""

    def __init__(self, path: Path, cause: str):
        self.path = path
        super().__init__(f"数据文件“{path}”所在的位置无法写入（{cause}），在这里不能修改数据。"
                         "请把数据文件复制到本机硬盘（如“文档”文件夹）后再打开。")


def lock_path(db_path) -> Path:
    return Path(str(Path(db_path)) + ".lock")


def instance_name(db_path) -> str:
    """A QLocalServer name unique to this data file (the first window listens on it)."""
    import hashlib  # here, not at start-up: 2.6 ms of the window's cold start (issue 16)

    resolved = os.path.normcase(str(Path(db_path).expanduser().resolve()))
    digest = hashlib.sha256(resolved.encode("utf-8")).hexdigest()[:16]
    return f"fazhi-desktop-{digest}"


def network_filesystem(path) -> Optional[str]:
    """The kind of network file system `path` lives on ('cifs', 'nfs4', '网络驱动器'), else None."""
    path = Path(path).expanduser().resolve()
    if _WINDOWS:
        text = str(path)
        if text.startswith("\\\\"):
            return "网络路径"
        try:
            import ctypes

            if ctypes.windll.kernel32.GetDriveTypeW(text[:3]) == 4:  # DRIVE_REMOTE
                return "网络驱动器"
        except Exception:  # no ctypes on an odd build: rely on the lock test
            return None
        return None
    try:
        with open("/proc/mounts", encoding="utf-8") as fh:
            mounts = [line.split()[1:3] for line in fh if len(line.split()) >= 3]
    except OSError:
        return None
    best, fstype = "", None
    text = str(path)
    for point, kind in mounts:
        point = point.replace("\\040", " ")
        if (text == point or text.startswith(point.rstrip("/") + "/")) and len(point) > len(best):
            best, fstype = point, kind
    return fstype if fstype in _NETWORK_FS else None


class WriterLock:
    """Held by the window that edits a data file, or by a command while it writes;
    `acquire()` or use as a context manager. `role` ("window" or "command") is written into the
    lock file so that a command waiting for it knows whether waiting can help."""

    def __init__(self, db_path, *, role: str = "window"):
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self.role = role
        self._fd: Optional[int] = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, allow_network: bool = False, wait: float = 0) -> "WriterLock":
        """Take the lock or raise AlreadyOpen / LockUnsupported (Chinese messages).

        With `wait` > 0, a lock held by a command is waited for up to that many seconds and
        then refused with WriterBusy (also an AlreadyOpen); a lock held by a window is refused
        at once with WriterBusy.
        """
        if self._fd is not None:
            return self
        if wait <= 0:
            return self._try_acquire(allow_network)
        deadline = time.monotonic() + wait
        pause = 0.01
        while True:
            try:
                return self._try_acquire(allow_network)
            except AlreadyOpen as exc:
                role = read_owner_role(self.db_path)
                if role == "window" or time.monotonic() >= deadline:
                    raise WriterBusy(self.db_path, exc.pid, exc.host, role) from exc
            time.sleep(pause)
            pause = min(pause * 1.5, 0.2)

    def _try_acquire(self, allow_network: bool) -> "WriterLock":
        fs = network_filesystem(self.db_path)
        if fs and not allow_network:
            raise LockUnsupported(self.db_path, f"文件系统：{fs}")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(str(self.path), os.O_RDWR | os.O_CREAT, 0o600)
            if not _WINDOWS:
                os.fchmod(fd, 0o600)  # it names the data file's owner; an older version made it 0644
        except OSError as exc:
            if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
                raise ReadOnlyLocation(self.db_path, short_cause(exc)) from exc
            raise
        try:
            _lock(fd)
        except OSError as exc:
            os.close(fd)
            if exc.errno in (errno.EACCES, errno.EAGAIN, errno.EWOULDBLOCK) or (
                    _WINDOWS and exc.errno in (errno.EDEADLK, 36)):
                pid, host = read_owner(self.db_path)
                raise AlreadyOpen(self.db_path, pid, host) from exc
            if exc.errno in _NO_LOCKING:
                raise LockUnsupported(self.db_path, short_cause(exc)) from exc
            raise
        owner = json.dumps({"pid": os.getpid(), "host": socket.gethostname(),
                            "role": self.role}).encode()
        os.lseek(fd, 0, os.SEEK_SET)
        os.write(fd, owner.ljust(200))
        os.fsync(fd)
        self._fd = fd
        return self

    def release(self) -> None:
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, b" " * 200)
            _unlock(fd)
        finally:
            os.close(fd)

    def __enter__(self):
        return self.acquire()

    def __exit__(self, *exc):
        self.release()


def read_owner(db_path) -> tuple:
    """(pid, host) written by the holder of the lock, or (None, '') if unknown."""
    try:
        with open(lock_path(db_path), "rb") as fh:
            data = json.loads(fh.read(200).decode("utf-8").strip() or "{}")
        return int(data.get("pid")) if data.get("pid") else None, str(data.get("host", ""))
    except (OSError, ValueError, TypeError):
        return None, ""


def read_owner_role(db_path) -> str:
    """"window" or "command" as written by the holder of the lock, or "" if unknown."""
    try:
        with open(lock_path(db_path), "rb") as fh:
            data = json.loads(fh.read(200).decode("utf-8").strip() or "{}")
        return str(data.get("role", ""))
    except (OSError, ValueError, TypeError, AttributeError):
        return ""


def is_locked(db_path) -> bool:
    """Whether some process holds the writer lock right now (without taking it)."""
    probe = WriterLock(db_path)
    if not probe.path.exists():
        return False
    try:
        probe.acquire(allow_network=True)
    except AlreadyOpen:
        return True
    except (LockUnsupported, OSError):
        return False
    probe.release()
    return False


def _lock(fd: int) -> None:
    if _WINDOWS:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    if _WINDOWS:
        os.lseek(fd, _LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        fcntl.flock(fd, fcntl.LOCK_UN)
