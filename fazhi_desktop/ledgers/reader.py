"""Reading a clerk's workbook row by row in bounded memory: the sheet and header row found,
formulas as their cached values, merged cells carried down.

openpyxl's read-only mode streams the rows but does not expose merged ranges, and a normal load
of 100,000 rows takes gigabytes. The ranges live in the sheet XML's <mergeCells> element after
<sheetData>; merges.py scans the decompressed bytes for it, which costs one pass at disk speed
and a few kilobytes of memory whatever the sheet's size.
"""
from __future__ import annotations

import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator, Optional

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from .columns import ledger_columns
from .headers import (HEADER_SEARCH_ROWS, HeaderMatch, find_header, missing_required, score,
                      session_from_title)
from .merges import CarryDown, SheetScan, scan_sheet_xml
from .values import normalize_text
from .workbook_file import UnreadableWorkbook, check_workbook_file

TOTAL_WORDS = ("合计", "总计", "小计", "共计")
MAX_ROWS = 300_000  # data rows one import takes (the bench imports 100,000)
MAX_COLUMNS = 256  # cells further right are not read (a ledger has about thirty columns)
# The sign-off lines under a printed ledger (ours: signoff.py; clerks write 制表人 too).
SIGNOFF_WORDS = ("填报单位", "填报人", "审核人", "填报日期", "制表人", "制表日期", "负责人")


@dataclass
class LedgerSheet:
    """An open sheet of a workbook with its header found."""

    path: Path
    kind: str
    sheet: str
    header: HeaderMatch
    total_rows: int  # data rows below the header as the sheet's dimension says (may be 0)
    defaults: dict = None  # column key -> value for every row (a column the sheet lacks)
    skipped: list = None  # sentences: the other sheets not read, and why
    _workbook: object = None
    _worksheet: object = None
    _member: Optional[str] = None

    def close(self) -> None:
        if self._workbook is not None:
            self._workbook.close()
            self._workbook = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def workbook(self):
        return self._workbook

    @property
    def width(self) -> int:
        return max(list(self.header.headers) + [-1]) + 1

    def letter(self, index: int) -> str:
        return get_column_letter(index + 1)

    def rows(self) -> Iterator[tuple]:
        """(Excel row number, cell values) for every data row below the header; blank rows and
        合计 rows skipped, merged cells carried down."""
        found = scan_sheet_xml(self.path, self._member) if self._member else SheetScan()
        if not self.total_rows and found.rows:
            self.total_rows = max(found.rows - self.header.row, 0)
        if found.uncached_count:
            cells = "、".join(found.uncached) + ("等" if found.uncached_count > len(found.uncached)
                                                  else "")
            self.skipped.append(
                f"工作表“{self.sheet}”有{found.uncached_count}个公式单元格没有计算结果（{cells}），"
                "已按空白读取；请在Excel或WPS中打开并保存一次后再导入，以读到公式的结果")
        carry = CarryDown(found.ranges)
        first = self.header.row + 1
        taken = 0
        for number, cells in enumerate(self._worksheet.iter_rows(
                min_row=first, max_col=MAX_COLUMNS, values_only=True), first):
            cells = carry.apply(number, list(cells))
            if all(c is None or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            taken += 1
            if taken > MAX_ROWS:
                raise UnreadableWorkbook(self.path, f"工作表“{self.sheet}”的数据超过{MAX_ROWS}行"
                                                    "（上限）；请分成几个文件后再导入")
            if _is_total_row(cells) or self._repeats_header(cells):
                continue
            yield number, cells

    def _repeats_header(self, cells) -> bool:
        """A header row pasted again between blocks of data (sheets joined by copying)."""
        same = 0
        for index, text in self.header.headers.items():
            if index < len(cells) and isinstance(cells[index], str) and \
                    normalize_text(cells[index]) == normalize_text(text):
                same += 1
        return same >= 2


def _is_total_row(cells) -> bool:
    for value in cells:
        if value is None or (isinstance(value, str) and not value.strip()):
            continue
        text = normalize_text(str(value))
        return text.startswith(TOTAL_WORDS + SIGNOFF_WORDS)
    return False


def open_ledger(path, kind: str, *, mapping: Optional[dict] = None,
                sheet: Optional[str] = None, defaults: Optional[dict] = None,
                require: bool = True) -> LedgerSheet:
    """Open `path`, find the sheet and header for `kind`; UnreadableWorkbook when it cannot.

    `mapping` (column index -> column key) replaces the detected one (the wizard's choice);
    `defaults` (column key -> value) fill a column the sheet lacks, e.g. the session of a
    ledger that holds one session (found in its title when not given). `require=False` lets a
    sheet lacking a required column open (the wizard then asks the clerk to map it).
    """
    path = Path(path)
    check_workbook_file(path)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # openpyxl warns about data validation, styles etc.
            workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on damaged XML
        raise UnreadableWorkbook(path, f"文件已损坏或不是有效的Excel工作簿（{type(exc).__name__}）") from exc
    try:
        return _choose_sheet(path, kind, workbook, mapping, sheet, dict(defaults or {}), require)
    except BaseException:
        workbook.close()
        raise


def _choose_sheet(path, kind, workbook, mapping, wanted, defaults, require) -> LedgerSheet:
    best = None
    any_rows = False
    others = []  # (title, hidden, header or None, has content) of every sheet looked at
    for ws in workbook.worksheets:  # every sheet's first rows: cheap, and each is accounted for
        hidden = getattr(ws, "sheet_state", "visible") != "visible"
        first = [tuple(r) for r in ws.iter_rows(max_row=HEADER_SEARCH_ROWS, max_col=MAX_COLUMNS,
                                                values_only=True)]
        content = any(any(c is not None and str(c).strip() for c in r) for r in first)
        header = find_header(kind, first)
        others.append((ws.title, hidden, header, content))
        if (wanted and ws.title != wanted) or (hidden and not wanted):  # said so below
            continue
        any_rows = any_rows or content
        if header and (best is None or score(header) > score(best[1])):
            best = (ws, header, first[:header.row - 1])
    if best is None:
        if not any_rows:
            raise UnreadableWorkbook(path, "工作表是空的，没有任何数据")
        names = "、".join(c.header for c in ledger_columns(kind) if not c.is_counter)
        raise UnreadableWorkbook(
            path, f"前{HEADER_SEARCH_ROWS}行中没有找到可识别的表头（应有一行列名，如{names}）")
    ws, header, above = best
    skipped = [_why_skipped(title, hidden, found, bool(wanted))
               for title, hidden, found, content in others if title != ws.title and content]
    if mapping is not None:
        header.mapping = {int(k): v for k, v in mapping.items() if v}
        header.duplicates = {}
    if kind in ("proposal", "suggestion") and "session" not in header.mapping.values() \
            and not defaults.get("session"):
        found = session_from_title(above)
        if found:
            defaults["session"] = found
    defaults = {k: v for k, v in defaults.items()
                if v not in (None, "") and k not in header.mapping.values()}
    missing = [c for c in missing_required(kind, header.mapping) if c.key not in defaults]
    if missing and require:
        found = "、".join(header.headers.values())
        raise UnreadableWorkbook(
            path, f"工作表“{ws.title}”第{header.row}行的表头缺少必需的列："
                  f"{'、'.join(c.header for c in missing)}（表头为：{found}）")
    total = max((ws.max_row or 0) - header.row, 0)
    # Read to the real end: a <dimension> written wrong by some program would cut rows off.
    ws.reset_dimensions()
    return LedgerSheet(path=Path(path), kind=kind, sheet=ws.title, header=header,
                       total_rows=total, defaults=defaults, skipped=skipped,
                       _workbook=workbook, _worksheet=ws,
                       _member=getattr(ws, "_worksheet_path", None))


def _why_skipped(title: str, hidden: bool, header, named: bool) -> str:
    """Why a sheet with content was not imported, in one sentence for the clerk (`named`: the
    clerk chose the sheet to import)."""
    choose = f"如需导入，请另行导入并指定该工作表（命令行：--sheet {title}）"
    if hidden:
        what = f"也有台账表头（第{header.row}行）" if header else "有内容"
        return f"工作表“{title}”是隐藏的，{what}，未导入；{choose}"
    if header:
        chosen = "已按指定的工作表导入" if named else "已选表头最完整的一个"
        return (f"工作表“{title}”也有台账表头（第{header.row}行），未导入：每次只导入一个工作表"
                f"（{chosen}）；{choose}")
    return f"工作表“{title}”没有可识别的表头，未导入"
