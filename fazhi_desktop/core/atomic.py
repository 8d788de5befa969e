"""Writing output files whole or not at all: a temporary file beside the target, then a rename.

A document still open in Word (locked on Windows), a full disk or a read-only folder ends in an
OutputProblem that names the file and the cause in Chinese; no partial file is left behind.
"""
from __future__ import annotations

import contextlib
import errno
import os
import tempfile
import traceback
from pathlib import Path


def explain_os_error(path: Path, exc: OSError) -> str:
    """A sentence for a clerk: which file, and why it could not be written."""
    from .faults import short_cause  # the cause in Chinese, never the OS's English

    code = getattr(exc, "errno", None)
    if code == errno.ENOSPC:
        cause = "磁盘空间已满，请清理磁盘或换一个保存位置"
    elif code in (errno.EACCES, errno.EPERM):
        cause = ("没有写入权限，或该文件正被Word/WPS等程序打开，请关闭该文件或换一个保存位置")
    elif code == errno.EROFS:
        cause = "保存位置是只读的，请换一个保存位置"
    elif code == errno.ENOENT:
        cause = "保存位置的文件夹不存在"
    elif getattr(exc, "winerror", None) in (32, 33):
        cause = "该文件正被Word/WPS等程序打开，请关闭后重试"
    else:
        cause = short_cause(exc)
    return f"无法保存“{path}”：{cause}。"


@contextlib.contextmanager
def atomic_output(target):
    """Yield a temporary path to write; on success it replaces `target` in one rename."""
    from .errors import OutputProblem

    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, temp_name = tempfile.mkstemp(prefix=".~" + target.stem[:40] + "-", suffix=target.suffix,
                                         dir=folder)
        os.close(fd)
    except OSError as exc:
        raise OutputProblem(explain_os_error(target, exc)) from exc
    temp = Path(temp_name)
    try:
        yield temp
        with open(temp, "rb+") as fh:
            os.fsync(fh.fileno())
        _permissions_like_a_new_file(temp)
        os.replace(temp, target)
    except InterruptedError as exc:  # a cancel (an OSError subclass): no file, no "无法保存"
        _discard(temp, exc)
        raise
    except OSError as exc:
        _discard(temp, exc)
        raise OutputProblem(explain_os_error(target, exc)) from exc
    except BaseException as exc:
        _discard(temp, exc)
        raise


def _permissions_like_a_new_file(temp: Path) -> None:
    """mkstemp makes 0600 files; a document a clerk saves should get the usual umask mode."""
    if os.name == "nt":
        return
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(temp, 0o666 & ~mask)


def _discard(temp: Path, exc: BaseException) -> None:
    """Delete the temporary file. A writer that failed half-way (python-docx's ZipFile on a full
    disk) may still hold it open from a frame of the traceback; Windows cannot delete an open
    file, so those finished frames are cleared first, which closes the handle."""
    traceback.clear_frames(exc.__traceback__)
    with contextlib.suppress(OSError):
        temp.unlink()
