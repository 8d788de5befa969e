"""Known faults -> a Chinese sentence for a clerk: the one mapping the CLI and the GUI use.

`message_for(exc)` answers for the faults a clerk can meet and do something about: a full disk,
a read-only or denied file or folder (also the -wal/-shm/lock files an earlier run left
read-only), a data file locked by another program, values the store or the date library cannot
hold, text that cannot be encoded, input nested too deep or too large for memory. It answers
None for anything else: that is a fault of the program, which the caller writes with its
traceback to the error log (core/errorlog.py) and reports with the log's name.

The sentences carry no English system words (no strerror, no SQLite message): a clerk reads
what happened, to which file, and what to do.
"""
from __future__ import annotations

import errno
import sqlite3
from pathlib import Path
from typing import Optional

from .errors import FazhiError

_DISK_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", -1))
_DENIED = (errno.EACCES, errno.EPERM)
_IN_USE = (errno.EBUSY, getattr(errno, "ETXTBSY", -1))
_WINDOWS_IN_USE = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION

DISK_FULL = "磁盘空间已满"
READ_ONLY = "文件只读"
DENIED = "没有权限"
LOCKED = "数据文件被锁定"


def _where(path) -> str:
    return f"“{Path(path)}”" if path else ""


def _data_file_words(data_file) -> str:
    return f"数据文件“{Path(data_file)}”" if data_file else "数据文件"


def os_error_message(exc: OSError) -> Optional[str]:
    """The sentence for an OSError whose cause a clerk can fix; None for others."""
    code = getattr(exc, "errno", None)
    target = _where(getattr(exc, "filename", None))
    if code in _DISK_FULL:
        return f"{DISK_FULL}，无法写入{target or '文件'}。请清理磁盘或换一个保存位置后重试。"
    if code == errno.EROFS:
        return (f"{READ_ONLY}：{target or '该位置'}所在的磁盘只能读取，不能写入"
                "（如写保护的U盘或光盘）。请换一个位置。")
    if code in _DENIED:
        return (f"{DENIED}：无法读写{target or '所需的文件或文件夹'}。该文件或文件夹可能是只读的，"
                "或属于其他用户，或正被其他程序使用；请检查其属性和权限，或换一个位置。")
    if code in _IN_USE or getattr(exc, "winerror", None) in _WINDOWS_IN_USE:
        return f"文件{target}正被其他程序使用，请关闭该程序后重试。"
    if code == errno.ENOENT:
        return f"找不到文件或文件夹{target}。"
    if code == errno.EISDIR:
        return f"{target}是一个文件夹，不是文件。"
    if code == errno.ENOTDIR:
        return f"路径{target}中有一部分不是文件夹。"
    if code == errno.ENAMETOOLONG:
        return f"文件名或路径过长：{target}。"
    if code == errno.EIO:
        return f"读写{target or '磁盘'}时出错（磁盘或U盘可能已拔出或损坏）。请检查后重试。"
    return None


def sqlite_error_message(exc: sqlite3.Error, data_file=None) -> Optional[str]:
    """SQLite's English messages for what a clerk can fix, as Chinese sentences."""
    text = str(exc).lower()
    where = _data_file_words(data_file)
    if "locked" in text or "busy" in text:
        return (f"{LOCKED}：{where}正被另一程序使用（可能是另一个窗口、备份或导入）。"
                "请稍后重试，或关闭其他正在使用该文件的程序。")
    if "readonly" in text or "read-only" in text:
        return (f"{READ_ONLY}：{where}或它旁边的同名-wal、-shm、.lock文件是只读的，无法写入。"
                "请在文件属性中取消“只读”，或把数据文件复制到可写的位置。")
    if "disk is full" in text or "database or disk is full" in text:
        return f"{DISK_FULL}，{where}无法写入。请清理磁盘后重试。"
    if "unable to open" in text:
        return (f"无法打开{where}：{DENIED}，或所在文件夹不存在、只读。"
                "请检查文件和文件夹的权限，或换一个位置。")
    if "disk i/o error" in text:
        return (f"读写{where}时出错：磁盘可能已满、被拔出，或其旁边的-wal、-shm文件是只读的。"
                "请检查后重试。")
    if "not a database" in text or "malformed" in text:
        return f"{where}已损坏或不是本软件的数据文件，未做任何修改。"
    if "too big" in text or "too large" in text:
        return "内容过大，无法保存到数据文件。"
    return None


def message_for(exc: BaseException, *, data_file=None) -> Optional[str]:
    """A Chinese sentence for a known fault, or None for a fault of the program.

    An unknown error raised while handling a known one (SQLite has already rolled back after
    a full disk, so the ROLLBACK that follows fails) is answered with the known one: that is
    what the clerk can act on."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        message = _message_for_one(exc, data_file)
        if message is not None:
            return message
        exc = exc.__context__
    return None


def _message_for_one(exc: BaseException, data_file) -> Optional[str]:
    if isinstance(exc, FazhiError):
        return core_error_message(exc, data_file)
    if isinstance(exc, sqlite3.Error):
        return sqlite_error_message(exc, data_file)
    if isinstance(exc, OSError):
        return os_error_message(exc)
    if isinstance(exc, OverflowError):
        return "数值或日期超出可保存的范围（数字过大，或年份不在1至9999之间），未写入。"
    if isinstance(exc, UnicodeEncodeError):
        char = exc.object[exc.start:exc.start + 1] if isinstance(exc.object, str) else ""
        shown = char.encode("ascii", "backslashreplace").decode("ascii")
        return f"文字中含有无法保存的字符（{shown}），请删去该字符后重试。"
    if isinstance(exc, UnicodeDecodeError):
        return "文件不是UTF-8编码的文本，无法读取。请另存为UTF-8编码后重试。"
    if isinstance(exc, RecursionError):
        return "内容嵌套层数过多，无法处理。"
    if isinstance(exc, MemoryError):
        return "内容过大，内存不足，无法处理。请分成较小的文件后重试。"
    return None


def short_cause(exc: BaseException) -> Optional[str]:
    """A few Chinese words to stand in for the English cause a core message quotes (SQLite's
    message, an OS error's strerror); every SQLite and OS error gets some, so none is left in
    English."""
    if isinstance(exc, sqlite3.Error):
        text = str(exc).lower()
        for words, cause in (("locked", "文件被另一程序锁定"), ("busy", "文件被另一程序锁定"),
                             ("readonly", "文件只读"), ("disk is full", DISK_FULL),
                             ("unable to open", "没有权限，或文件夹只读、不存在"),
                             ("disk i/o", "读写磁盘出错"), ("not a database", "不是数据库文件"),
                             ("malformed", "文件已损坏")):
            if words in text:
                return cause
        return "数据文件出错"
    if isinstance(exc, OSError):
        code = getattr(exc, "errno", None)
        if code in _DISK_FULL:
            return DISK_FULL
        if code == errno.EROFS:
            return "磁盘只读"
        if code in _DENIED:
            return DENIED
        if code in _IN_USE or getattr(exc, "winerror", None) in _WINDOWS_IN_USE:
            return "文件正被其他程序使用"
        if code == errno.ENOENT:
            return "找不到文件或文件夹"
        if code == errno.EIO:
            return "读写磁盘出错"
        if code == errno.EISDIR:
            return "这是一个文件夹，不是文件"
        if code == errno.ENOTDIR:
            return "路径中有一部分不是文件夹"
        if code == errno.ENAMETOOLONG:
            return "文件名或路径过长"
        return f"系统错误（代码{code}）" if code else "系统错误"
    return None


def core_error_message(exc: FazhiError, data_file=None) -> str:
    """A core error's own sentence, with the English words of the fault behind it (an SQLite
    message, an OS error) put into Chinese. A data file that merely cannot be opened (denied,
    read-only, locked) is not called damaged: then the cause's own sentence is said."""
    text = str(exc)
    cause = exc.__cause__ or exc.__context__
    if cause is None or isinstance(cause, FazhiError):
        return text
    chinese = short_cause(cause)
    if chinese is None:
        return text
    from .errors import NotADatabase

    if isinstance(exc, NotADatabase) and chinese not in ("不是数据库文件", "文件已损坏"):
        fuller = message_for(cause, data_file=data_file)
        if fuller:
            return fuller
    for english in {str(cause), getattr(cause, "strerror", None) or ""} - {""}:
        text = text.replace(english, chinese)
    return text


def is_broken_pipe(exc: BaseException) -> bool:
    """The reader of our output went away (`dump | head`): nothing to tell anyone."""
    return isinstance(exc, BrokenPipeError) or (
        isinstance(exc, OSError) and getattr(exc, "errno", None) == errno.EPIPE)
