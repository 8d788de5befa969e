"""Excel's 32,767-character cell: a text longer than that is cut in the workbook, says so at
its end, and is never taken back from a ledger as if it were the whole text.

Every workbook the program writes (ledgers, the petition table, the rows an import returns)
puts its text through `fit_cell_text` (sheet_style.CellMaker). A re-imported ledger can update
the record a row came from (importer.py, `existing="update"`): `cut_cell_kind` tells the
importer which cells hold only the beginning of a clerk's text, so that the stored whole text is
kept instead of being replaced by its beginning, and so that no new record is made of it.
docs/ledgers.md says what the clerk sees.
"""
from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

MAX_CELL_TEXT = 32767  # Excel's limit on the characters of one cell (counted in UTF-16 units)
# The end of a cut cell: the printed ledger tells its reader that the text goes on, and the
# import tells a cut cell from a clerk's text. Short, so that most of the text still fits.
CUT_MARK = "……（超出Excel单元格上限，以下未列入台账）"
# A text of at most this many characters fits whatever they are (two UTF-16 units at most
# each): the common case costs one comparison, not an encoding (the export writes millions).
ALWAYS_FITS = MAX_CELL_TEXT // 2

MARKED = "marked"  # ends with CUT_MARK: cut by this program
AT_LIMIT = "at_limit"  # exactly at the limit without the mark: cut by an older version or Excel


def excel_length(text: str) -> int:
    """Characters as Excel counts them: UTF-16 units (一 is one, 𠀀 of CJK Extension B two)."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def fit_cell_text(text: str) -> str:
    """`text` as a cell can hold it: unchanged when it fits, else its beginning and CUT_MARK,
    at most MAX_CELL_TEXT in all (openpyxl would cut it silently at the limit)."""
    if len(text) <= ALWAYS_FITS or excel_length(text) <= MAX_CELL_TEXT:
        return text
    room = 2 * (MAX_CELL_TEXT - excel_length(CUT_MARK))  # in bytes of UTF-16
    head = text.encode("utf-16-le", "surrogatepass")[:room]
    if 0xD8 <= head[-1] <= 0xDB:  # half of a character outside the BMP: not the half
        head = head[:-2]
    return head.decode("utf-16-le", "surrogatepass") + CUT_MARK


def cut_cell_kind(raw) -> str:
    """MARKED or AT_LIMIT for a cell that holds only the beginning of a longer text, else ''.

    A cell exactly at the limit without the mark is what openpyxl (this program before the
    mark) and Excel's own paste leave of a longer text: it is treated as cut too."""
    if not isinstance(raw, str) or len(raw) < len(CUT_MARK):
        return ""
    if raw.rstrip().endswith(CUT_MARK):
        return MARKED
    if len(raw) == MAX_CELL_TEXT or (len(raw) > ALWAYS_FITS
                                      and excel_length(raw) == MAX_CELL_TEXT):
        return AT_LIMIT
    return ""


def shown_part(raw: str) -> str:
    """The clerk's text a cut cell shows, without the mark."""
    text = raw.rstrip()
    return text[:-len(CUT_MARK)] if text.endswith(CUT_MARK) else raw


def _what(how: str) -> str:
    if how == MARKED:
        return f"单元格以“{CUT_MARK}”结尾，是导出台账时因超出Excel单元格上限而截断的文字"
    return (f"单元格恰有{MAX_CELL_TEXT}个字符（Excel单元格的上限），是被截断的文字"
            "（旧版本导出的台账或在Excel中粘贴时截断）")


def kept_reason(how: str, raw: str, stored) -> str:
    """Why the stored text was kept for a cut cell of a row that updates its record."""
    full = len(stored) if isinstance(stored, str) else None
    size = f"（数据文件中的原文共{full}字）" if full else ""
    text = f"{_what(how)}{size}，已保留数据文件中的完整原文，未用表中的内容替换"
    shown = shown_part(raw)
    # as the export wrote it: without the control characters no workbook can store
    if isinstance(stored, str) and not ILLEGAL_CHARACTERS_RE.sub("", stored).startswith(
            shown.rstrip()):
        text += "；表中对这一列的修改因此未导入，如需修改请在程序中编辑该记录"
    return text


NEW_RECORD = "这是一条新记录"
NOTHING_STORED = "数据文件中该记录的这一项是空的"
PARTY_COLUMN = "当事人的各列须一并导入，不能只保留其中一列"


def refused_reason(how: str, why: str) -> str:
    """Why a cut cell (`how`: MARKED or AT_LIMIT) cannot give a record its text: `why` is
    NEW_RECORD, NOTHING_STORED or PARTY_COLUMN."""
    return (f"{_what(how)}，完整原文不在表中；{why}，不能用截断的文字导入（其余部分会丢失）。"
            "请在程序中录入完整内容，完整的记录可用“数据交换”的数据包传递")
