"""How a ledger sheet looks and prints: fonts, thin borders, CJK column widths, A4 landscape one
page wide, title and header rows repeated on every page, page numbers in the footer.

Streamed (write-only) sheets write columns, panes and sheet properties before the first row,
so `prepare_sheet` must run before any row is appended; the page setup, the autofilter and
the print titles are written at save time.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import unicodedata

from openpyxl import Workbook

from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from .cell_limit import ALWAYS_FITS, fit_cell_text

FOOTER = "第 &P 页，共 &N 页"
BODY_FONT = "宋体"
HEAD_FONT = "黑体"
# One date style per workbook: a month is the date style without its day (2022-03).
DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = "yyyy-mm"
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
MIN_WIDTH = 4.5
LINE_HEIGHT = 13.5  # points per line of 10-point 宋体
# Excel's tallest row (409 points and a half), about 14 cm: it fits on an A4 landscape page under
# the title and header rows. A taller row (a text of thousands of characters) was clipped to
# one page by LibreOffice, showing only the middle of its text and none of its other cells.
MAX_ROW_HEIGHT = 409.5
# row_height's width for a column that never wraps: wider than any cell text (32,767 characters
# of two units each), so only line breaks add lines and no width needs measuring.
UNWRAPPED = 10 ** 6
PAPER_A4 = 9  # the paperSize code of A4 in SpreadsheetML

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)

STYLES = {
    "title": dict(font=Font(name=HEAD_FONT, size=16, bold=True),
                  alignment=Alignment(horizontal="center", vertical="center")),
    "header": dict(font=Font(name=HEAD_FONT, size=10, bold=True), border=_BORDER,
                   fill=PatternFill("solid", fgColor="D9E1F2"),
                   alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
    # One-line values (发文字号, 案件编号, a unit): never wrapped; one wider than its column
    # (past the sample the widths were fitted to) shrinks instead of being cut off.
    "text": dict(font=Font(name=BODY_FONT, size=10), border=_BORDER,
                 alignment=Alignment(vertical="center", shrink_to_fit=True)),
    "wrap": dict(font=Font(name=BODY_FONT, size=10), border=_BORDER,
                 alignment=Alignment(vertical="center", wrap_text=True)),
    # long text in a row at MAX_ROW_HEIGHT: from its beginning, not the middle that fits
    "wrap_top": dict(font=Font(name=BODY_FONT, size=10), border=_BORDER,
                     alignment=Alignment(vertical="top", wrap_text=True)),
    "center": dict(font=Font(name=BODY_FONT, size=10), border=_BORDER,
                   alignment=Alignment(horizontal="center", vertical="center")),
    "date": dict(font=Font(name=BODY_FONT, size=10), border=_BORDER, number_format=DATE_FORMAT,
                 alignment=Alignment(horizontal="center", vertical="center")),
    "month": dict(font=Font(name=BODY_FONT, size=10), border=_BORDER,
                  number_format=MONTH_FORMAT,
                  alignment=Alignment(horizontal="center", vertical="center")),
    "money": dict(font=Font(name=BODY_FONT, size=10), border=_BORDER,
                  number_format=MONEY_FORMAT, alignment=Alignment(vertical="center")),
    "percent": dict(font=Font(name=BODY_FONT, size=10), border=_BORDER,
                    number_format=PERCENT_FORMAT,
                    alignment=Alignment(horizontal="center", vertical="center")),
    "total": dict(font=Font(name=HEAD_FONT, size=10, bold=True), border=_BORDER,
                  fill=PatternFill("solid", fgColor="F2F2F2"),
                  alignment=Alignment(horizontal="center", vertical="center", wrap_text=True)),
    "total_percent": dict(font=Font(name=HEAD_FONT, size=10, bold=True), border=_BORDER,
                          fill=PatternFill("solid", fgColor="F2F2F2"),
                          number_format=PERCENT_FORMAT,
                          alignment=Alignment(horizontal="center", vertical="center")),
    "total_money": dict(font=Font(name=HEAD_FONT, size=10, bold=True), border=_BORDER,
                        fill=PatternFill("solid", fgColor="F2F2F2"), number_format=MONEY_FORMAT,
                        alignment=Alignment(vertical="center")),
    "signoff": dict(font=Font(name=BODY_FONT, size=11),
                    alignment=Alignment(horizontal="left", vertical="center")),
    "problem": dict(font=Font(name=BODY_FONT, size=10, color="C00000"), border=_BORDER,
                    alignment=Alignment(vertical="center", wrap_text=True)),
}


class _LedgerCell(Cell):
    """A write-only cell whose style index is looked up once per style, not once per cell.

    openpyxl hashes a cell's whole style array into the workbook's style list for every cell it
    writes, and its append() first tries each styled cell as a *value*, failing with a message
    that formats the cell's repr: together about half the ledger's time at 100,000 rows
    (issue 16). The style id comes from the prototype (same workbook, same style array) and the
    repr is short; what is written is unchanged."""

    __slots__ = ("_style_id",)

    # Every ledger style sets a font at least, so a ledger cell always has a style; openpyxl
    # otherwise scans the style array twice for every cell it writes to find that out.
    has_style = True

    @property
    def style_id(self):
        return self._style_id

    def __repr__(self):
        return "<ledger cell>"


class CellMaker:
    """Styled write-only cells, fast: the style is built once per name and shared.

    Setting font/border/alignment on each of a million cells goes through openpyxl's style
    lookup every time (several times slower); the prototype's style array and its index in the
    workbook's style list are computed once per style name and reused (a written cell is never
    changed again, so sharing the array is safe).
    """

    def __init__(self, ws):
        self.ws = ws
        self._protos = {}
        self._free: list = []  # cells reused row after row by row()
        _append_cells_directly(ws)

    def _style(self, style: str) -> tuple:
        proto = self._protos.get(style)
        if proto is None:
            proto = WriteOnlyCell(self.ws)
            for attr, setting in STYLES[style].items():
                setattr(proto, attr, setting)
            proto = self._protos[style] = (proto._style, proto.style_id)
        return proto

    def row(self, values, styles) -> list:
        """A row of cells for `ws.append`, made of this maker's reused cells: a write-only
        sheet writes a row while it is appended, after which its cells are free again (a new
        cell per value was a tenth of a 100,000-row export). Only for a row appended at once."""
        cells = self._free
        while len(cells) < len(values):
            cells.append(_LedgerCell(self.ws))
        row = []
        for cell, value, style in zip(cells, values, styles):
            kind = _DATA_TYPES.get(type(value))
            if kind is None:
                if isinstance(value, str):  # a str subclass: cut with the mark, not silently
                    value = text_cell_value(str(value))
                cell.value = value  # anything unusual: openpyxl's own checks and errors
            else:
                if kind == "s":
                    value = text_cell_value(value)
                # What openpyxl's value setter decides for these types, without its type
                # lookups and second scan for control characters (a tenth of the export);
                # text starting with "=" stays text, never a formula.
                cell._value = value
                cell.data_type = kind
            cell._style, cell._style_id = self._style(style)
            row.append(cell)
        return row

    def __call__(self, value, style: str) -> Cell:
        proto = self._style(style)
        if isinstance(value, str):
            value = text_cell_value(value)
        cell = _LedgerCell(self.ws, value=value)
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # a title that starts with "=" is text, not a formula
        cell._style, cell._style_id = proto
        return cell


# The data type openpyxl gives a value of each of these exact types (bool before int: a bool is
# an int to isinstance, but 'b' to Excel).
_DATA_TYPES = {str: "s", int: "n", float: "n", bool: "b", type(None): "n",
               _dt.date: "d", _dt.datetime: "d"}


def text_cell_value(text: str) -> str:
    """Text as a cell can hold it: without the control characters a workbook cannot store
    (text pasted from Word has them); past Excel's 32,767 characters cut and marked as cut
    (cell_limit.py: a re-import must not take the beginning for the whole text)."""
    text = ILLEGAL_CHARACTERS_RE.sub("", text)
    return text if len(text) <= ALWAYS_FITS else fit_cell_text(text)


def _append_cells_directly(ws) -> None:
    """Let a write-only sheet take rows of ready cells as they are.

    openpyxl's append() first tries every item of a row as a value, and for a cell that fails
    with an exception it catches, then makes a fresh spare cell after each styled one: twice
    the work per cell of the ledger (all its cells are styled). A row of cells (or None) is
    placed directly; any other row goes the usual way. The hook is openpyxl 3.1's
    `_values_to_row`; if a later openpyxl no longer calls it, rows simply take the usual way.
    """
    usual = getattr(ws, "_values_to_row", None)
    if usual is None:
        return

    def cells_to_row(values, row_idx):
        if not all(v is None or type(v) is _LedgerCell for v in values):
            yield from usual(values, row_idx)
            return
        for col_idx, cell in enumerate(values, 1):
            if cell is not None:
                cell.column = col_idx
                cell.row = row_idx
                yield cell

    ws._values_to_row = cells_to_row


class _CharWidths(dict):
    """Character -> width in Excel units, each character looked up in unicodedata once."""

    def __missing__(self, ch):
        width = self[ch] = 2.0 if unicodedata.east_asian_width(ch) in "WF" else 1.05
        return width


_CHAR_WIDTHS = _CharWidths()


def display_width(value) -> float:
    """Width in Excel character units: a CJK character takes two, a Latin one one."""
    if value is None:
        return 0
    text = value if isinstance(value, str) else str(value)
    widest = 0.0
    width_of = _CHAR_WIDTHS.__getitem__
    for line in text.split("\n"):
        # the same sum, in the same order, as a generator over east_asian_width: 5x faster
        widest = max(widest, sum(map(width_of, line)))
    return widest


def prepare_sheet(ws, widths: list, *, header_row: int, freeze: bool = True) -> None:
    """Column widths, frozen header, A4 landscape fitted to one page wide; before any row."""
    for index, width in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, round(width + 1, 1))
    if freeze:
        ws.freeze_panes = f"A{header_row + 1}"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = PAPER_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.oddFooter.center.text = FOOTER
    ws.oddFooter.center.size = 9
    ws.print_title_rows = f"1:{header_row}"


def finish_sheet(ws, *, header_row: int, last_col: int, last_data_row: int) -> None:
    """The autofilter over the header and data rows (not the totals row)."""
    if last_data_row >= header_row:
        ws.auto_filter.ref = f"A{header_row}:{get_column_letter(last_col)}{last_data_row}"


def title_row(ws, make: CellMaker, text: str, width: int, height: float = 30) -> None:
    """Row 1: the title, merged across the table."""
    ws.row_dimensions[1].height = height
    ws.append([make(text, "title")])
    if width > 1:
        ws.merged_cells.add(f"A1:{get_column_letter(width)}1")


def row_height(values, widths) -> float | None:
    """The height a row needs for its wrapped text (None: one line, the default).

    Excel and LibreOffice do not grow a row to fit wrapped text when they open a file, so the
    ledger sets it; the estimate counts a CJK character as two units of the column's width.
    At most MAX_ROW_HEIGHT: `overflows` tells a row whose text does not all show.
    """
    lines = 1
    for value, width in zip(values, widths):
        if isinstance(value, str) and value:
            if width >= UNWRAPPED:  # no cell text is that wide: one line per line break
                count = value.count("\n") + 1
            else:
                per_line = max(width, 1)
                count = sum(max(1, -(-int(display_width(part) + 0.5) // int(per_line)))
                            for part in value.split("\n"))
            lines = max(lines, count)
    return min(lines * LINE_HEIGHT + 3, MAX_ROW_HEIGHT) if lines > 1 else None


def overflows(height) -> bool:
    """Whether a row_height() is the cap: its wrapped text is longer than the row shows."""
    return height == MAX_ROW_HEIGHT


@contextlib.contextmanager
def streamed_workbook():
    """A write-only workbook that, if the work fails or is cancelled, is closed cleanly and its
    temporary sheet files removed (openpyxl would otherwise finish them at garbage collection,
    with XML errors, and leave them until exit)."""
    wb = Workbook(write_only=True)
    try:
        yield wb
    except BaseException:
        for ws in wb.worksheets:
            with contextlib.suppress(Exception):
                if not ws.closed:
                    ws.close()
                ws._writer.cleanup()
        raise


def declare_size(ws, rows: int, cols: int) -> None:
    """Give a streamed sheet its <dimension> (openpyxl's write-only sheets have none).

    Without it, openpyxl's read-only mode parses a whole sheet just to learn that the size is
    missing, before the first row is read: a 100,000-row ledger would be parsed twice on import.
    """
    if rows > 0 and cols > 0:
        ref = f"A1:{get_column_letter(cols)}{rows}"
        ws.calculate_dimension = lambda: ref
