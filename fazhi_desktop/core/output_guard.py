"""Where an output may be written: never onto the data, its side files, its backups or the input.

Every writing output (a backup with --out, a template, an exported ledger, a reply, the yearly
report, the bad rows an import returns, a PDF beside a document) is checked here before a byte is
written, in the command line and in the window alike. A path is the same file as another when the
operating system says so (os.path.samefile: also through symlinks, hard links, relative paths and
case or Unicode variants on file systems that fold them); for a file that does not exist yet the
resolved folder and a case- and Unicode-folded name are compared, which refuses a little more
than necessary on a case-sensitive disk and never less.

Refusals raise OutputRefused (a FazhiError: exit 1, "the output could not be used"); an ending
that does not fit the output raises ValidationError (exit 2, the argument was wrong).
"""
from __future__ import annotations

import os
import unicodedata
from pathlib import Path
from typing import Iterable, Optional

from .errors import OutputProblem, ValidationError

# What each ending is, in the words of the message.
ENDINGS = {".docx": "Word文档", ".xlsx": "Excel工作簿", ".pdf": "PDF文件", ".sqlite3": "备份文件",
           ".png": "PNG图片"}


class OutputRefused(OutputProblem):
    """An output path that would overwrite the data, a backup or the command's own input."""


def check_output(target, *, data_file=None, ending: Optional[str] = None,
                 inputs: Iterable = (), what: str = "输出文件") -> Path:
    """Return `target` as a Path if an output may be written there, else raise.

    data_file: the data file in use (its side files and backup folders are protected with it);
    ending: the required suffix (".docx", ".xlsx", ".pdf", ".sqlite3"), case-insensitive;
    inputs: files the same command reads (import --keep-good must not overwrite the workbook).
    """
    path = Path(os.path.expanduser(str(target)))
    if path.is_dir():  # said first: a folder named like a file is still a folder
        raise OutputRefused(f"不能保存到“{target}”：这是一个文件夹，请给出文件名。")
    if ending is not None and path.suffix.lower() != ending.lower():
        raise ValidationError([f"{what}“{target}”应以{ending}结尾（{ENDINGS.get(ending, ending)}）。"])
    for source in inputs:
        if source is not None and same_file(path, Path(source)):
            raise OutputRefused(f"不能保存到“{target}”：这正是本次要读取的文件“{source}”，"
                                "覆盖它会丢失原文件。请另选一个文件名。未写入任何内容。")
    if data_file is not None:
        reason = _data_reason(path, Path(data_file))
        if reason:
            raise OutputRefused(f"不能保存到“{target}”：{reason}。"
                                "请另选一个文件名或文件夹。数据文件未做任何修改。")
    return path


def same_file(a: Path, b: Path) -> bool:
    """Whether writing `a` would write the file `b` (existing or not)."""
    a_exists, b_exists = a.exists(), b.exists()  # both follow symlinks
    if a_exists and b_exists:
        try:
            return os.path.samefile(a, b)
        except OSError:
            pass
    elif a_exists != b_exists:
        # On a disk that folds case or Unicode forms a variant of an existing name exists too.
        return False
    ra, rb = Path(os.path.realpath(a)), Path(os.path.realpath(b))  # a dangling link: its target
    return _same_folder(ra.parent, rb.parent) and _fold(ra.name) == _fold(rb.name)


def _data_reason(path: Path, data_file: Path) -> Optional[str]:
    """Why `path` belongs to the data (a sentence part), or None."""
    if same_file(path, data_file):
        return "这是数据文件本身，覆盖它会丢失全部数据"
    real = Path(os.path.realpath(path))
    data_real = Path(os.path.realpath(data_file))
    if _same_folder(real.parent, data_real.parent) and \
            _fold(real.name).startswith(_fold(data_real.name)):
        # office.sqlite3-wal / -shm / -journal / .lock / .损坏-…: SQLite's and the lock's side
        # files, and damaged files kept for rescue
        return "这是数据文件的附属文件（日志、锁或保留的原文件），覆盖它会损坏数据"
    from .health import backup_dirs

    for folder in backup_dirs(data_file):
        if _same_folder(real.parent, Path(os.path.realpath(folder))) and (
                path.exists() or path.suffix.lower() == ".sqlite3"):
            return (f"这是备份文件夹“{folder}”中的备份，覆盖它会失去这份备份" if path.exists() else
                    f"备份文件夹“{folder}”中的数据库文件由程序管理（会按规则轮换删除）")
    return None


def _same_folder(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return _fold(os.path.normcase(str(a))) == _fold(os.path.normcase(str(b)))


def _fold(name: str) -> str:
    """Case and Unicode form folded (NTFS, APFS and FAT treat these as one name)."""
    return unicodedata.normalize("NFC", name).casefold()
