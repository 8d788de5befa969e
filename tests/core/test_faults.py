"""core/faults.py and core/errorlog.py: each known fault has a Chinese sentence without English
system words; anything else is a program fault, written to a private, rotating log."""
from __future__ import annotations

import errno
import logging
import os
import re
import sqlite3

import pytest

from fazhi_desktop.core import errorlog, faults
from fazhi_desktop.core.errors import NotADatabase, OutputProblem

FILE = "/媒体/U盘/台账.xlsx"


def _sqlite(message):
    return sqlite3.OperationalError(message)


KNOWN = [
    (OSError(errno.ENOSPC, "No space left on device", FILE), "磁盘空间已满"),
    (OSError(errno.EDQUOT, "Disk quota exceeded", FILE), "磁盘空间已满"),
    (PermissionError(errno.EACCES, "Permission denied", FILE), "没有权限"),
    (PermissionError(errno.EPERM, "Operation not permitted", FILE), "没有权限"),
    (OSError(errno.EROFS, "Read-only file system", FILE), "文件只读"),
    (OSError(errno.EBUSY, "Device or resource busy", FILE), "正被其他程序使用"),
    (FileNotFoundError(errno.ENOENT, "No such file or directory", FILE), "找不到"),
    (IsADirectoryError(errno.EISDIR, "Is a directory", FILE), "文件夹"),
    (OSError(errno.EIO, "Input/output error", FILE), "读写"),
    (_sqlite("database is locked"), "数据文件被锁定"),
    (_sqlite("attempt to write a readonly database"), "文件只读"),
    (_sqlite("database or disk is full"), "磁盘空间已满"),
    (_sqlite("unable to open database file"), "没有权限"),
    (_sqlite("disk I/O error"), "读写"),
    (OverflowError("Python int too large to convert to SQLite INTEGER"), "超出可保存的范围"),
    (OverflowError("date value out of range"), "超出可保存的范围"),
    (RecursionError("maximum recursion depth exceeded"), "嵌套层数过多"),
    (MemoryError(), "内存不足"),
]


def _unencodable() -> UnicodeEncodeError:
    try:
        "a\udc80".encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc
    raise AssertionError


def _english(text: str) -> set:
    text = text.replace(FILE, "").replace("/tmp/data/office.sqlite3", "")
    return set(re.findall(r"[A-Za-z]{2,}", text)) - {"wal", "shm", "lock", "udc"}


@pytest.mark.parametrize("exc,words", [k for k in KNOWN if k[1]] + [(_unencodable(), "无法保存")])
def test_known_faults_have_a_chinese_sentence(exc, words):
    message = faults.message_for(exc, data_file="/tmp/data/office.sqlite3")
    assert message and words in message
    assert _english(message) == set(), message


def test_a_program_fault_has_no_sentence():
    assert faults.message_for(KeyError("x")) is None
    assert faults.message_for(_sqlite("no such column: foo")) is None


def test_the_known_fault_behind_a_failing_cleanup_is_said():
    try:
        try:
            raise _sqlite("database or disk is full")
        except sqlite3.OperationalError:
            raise _sqlite("cannot rollback - no transaction is active")
    except sqlite3.OperationalError as exc:
        assert "磁盘空间已满" in faults.message_for(exc)


def test_english_quoted_inside_a_core_message_is_put_into_chinese():
    cause = _sqlite("unable to open database file")
    try:
        try:
            raise cause
        except sqlite3.Error as exc:
            raise OutputProblem(f"无法备份到“/备份/a.sqlite3”：{exc}。原数据文件未做任何修改。") from exc
    except OutputProblem as exc:
        message = faults.message_for(exc)
    assert "unable" not in message and "没有权限" in message and "原数据文件未做任何修改" in message


def test_a_file_that_cannot_be_opened_is_not_called_damaged():
    try:
        try:
            raise _sqlite("attempt to write a readonly database")
        except sqlite3.Error as exc:
            raise NotADatabase(f"数据文件已损坏，无法读取（{exc}）") from exc
    except NotADatabase as exc:
        message = faults.message_for(exc)
    assert "已损坏" not in message and "文件只读" in message


def test_short_causes_leave_no_english():
    for code in (errno.ENOSPC, errno.EACCES, errno.EROFS, errno.ENOENT, errno.EISDIR, errno.E2BIG):
        assert _english(faults.short_cause(OSError(code, os.strerror(code)))) == set()


def test_the_log_is_private_rotates_and_keeps_three(tmp_path):
    handler = errorlog.ErrorLog(tmp_path)
    logger = logging.getLogger("fazhi_desktop.test_rotation")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        for n in range(1500):  # 4.5 MB: four files of 1 MB
            logger.error("记录%d %s", n, "长" * 1000)
    finally:
        logger.removeHandler(handler)
        handler.close()
    folder = tmp_path / "logs"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["fazhi-desktop.log", "fazhi-desktop.log.1", "fazhi-desktop.log.2",
                     "fazhi-desktop.log.3"]
    if os.name != "nt":
        assert folder.stat().st_mode & 0o777 == 0o700
        assert {(folder / n).stat().st_mode & 0o777 for n in names} == {0o600}
    # logging counts characters against maxBytes: a file of Chinese text may reach 3 MB.
    assert all((folder / n).stat().st_size <= 3 * errorlog.MAX_BYTES for n in names)


def test_nothing_is_created_before_something_is_written(tmp_path):
    errorlog.install(tmp_path)
    try:
        logging.getLogger("fazhi_desktop").warning("a warning is not an error")
        assert not (tmp_path / "logs").exists()
    finally:
        errorlog.uninstall()
