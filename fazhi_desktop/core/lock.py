"""One window per data file: an OS lock on 'NAME.lock' beside the data, holding the owner's pid.

The operating system drops the lock when its process dies (even by a power cut or SIGKILL), so a
lock file left by a dead process is simply taken over (flock, per open file: two opens conflict
even inside one process); it is never deleted, which avoids the race
of two processes locking two different files of the same name.
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import socket
import sys
from pathlib import Path
from typing import Optional

from .errors import DatabaseLocked

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
    """Held by the window that edits a data file; `acquire()` or use as a context manager."""

    def __init__(self, db_path):
        self.db_path = Path(db_path)
        self.path = lock_path(db_path)
        self._fd: Optional[int] = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, *, allow_network: bool = False) -> "WriterLock":
        """Take the lock or raise AlreadyOpen / LockUnsupported (Chinese messages)."""
        if self._fd is not None:
            return self
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
                raise ReadOnlyLocation(self.db_path, exc.strerror or str(exc)) from exc
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
                raise LockUnsupported(self.db_path, exc.strerror or str(exc)) from exc
            raise
        owner = json.dumps({"pid": os.getpid(), "host": socket.gethostname()}).encode()
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
