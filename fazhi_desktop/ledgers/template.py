"""A blank ledger per kind for clerks who start from nothing: the title and header rows the
import recognises, enum columns with drop-down lists, date columns formatted as dates."""
from __future__ import annotations

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..core import records
from ..core.atomic import atomic_output
from .columns import LEDGER_TITLES, SHEET_NAMES, ledger_columns
from .export import HEADER_ROW
from .widths import column_widths
from .sheet_style import CellMaker, prepare_sheet, streamed_workbook, title_row

TEMPLATE_ROWS = 500  # rows given borders and drop-downs, ready to type into


def template_filename(kind: str) -> str:
    return f"{records.kind_label(kind)}导入模板.xlsx"


def write_template(kind: str, out_path) -> None:
    cols = [c for c in ledger_columns(kind) if not c.is_counter]
    with atomic_output(out_path) as temp, streamed_workbook() as wb:
        _fill(wb, kind, cols)
        wb.save(temp)


def _fill(wb, kind: str, cols: list) -> None:
    ws = wb.create_sheet(SHEET_NAMES[kind])
    prepare_sheet(ws, column_widths(cols, [], masked=False), header_row=HEADER_ROW)
    make = CellMaker(ws)
    word = "（模板）"
    title_row(ws, make, LEDGER_TITLES[kind] + word, len(cols))
    ws.append([make(c.header + ("（必填）" if c.required else ""), "header") for c in cols])
    last = HEADER_ROW + TEMPLATE_ROWS
    for index, col in enumerate(cols, 1):
        letter = get_column_letter(index)
        cells = f"{letter}{HEADER_ROW + 1}:{letter}{last}"
        words = (col.choices or {}).values() if col.type == "enum" else \
            records.DISPUTE_TYPES if col.key == "dispute_type" else None
        if words:  # a drop-down of the usual words; other words may still be typed
            dv = DataValidation(type="list", formula1='"' + ",".join(words) + '"',
                                allow_blank=True, showErrorMessage=False)
            dv.add(cells)
            ws.data_validations.append(dv)
    styles = ["date" if c.type == "date" else "month" if c.type == "month"
              else "wrap" for c in cols]
    for _ in range(TEMPLATE_ROWS):
        ws.append([make(None, s) for s in styles])
