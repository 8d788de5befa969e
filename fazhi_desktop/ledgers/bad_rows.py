"""The rows an import left out, given back as a workbook: the clerk's own columns as typed, the
Excel row they came from, and a 问题 column saying what to fix. Fixed, it imports as it is."""
from __future__ import annotations

import datetime as _dt

from ..core.atomic import atomic_output
from .sheet_style import (CellMaker, display_width, finish_sheet, prepare_sheet, row_height,
                          streamed_workbook, title_row)

PROBLEM_HEADER = "问题"
ROW_HEADER = "原行号"


def write_bad_rows(path, sheet, bad: list) -> None:
    """`bad` is [(Excel row, cell values, [reasons])]; `sheet` the LedgerSheet read."""
    width = max([sheet.width] + [len(cells) for _row, cells, _reasons in bad])
    headers = [sheet.header.headers.get(i, "") for i in range(width)]
    widths = [min(max([display_width(h), 8] + [_width(cells[i]) for _r, cells, _p in bad
                                                 if i < len(cells)]), 30)
              for i, h in enumerate(headers)] + [8, 50]
    with atomic_output(path) as temp, streamed_workbook() as wb:
        _fill(wb, sheet, bad, width, headers, widths)
        wb.save(temp)


def _width(value) -> float:
    if isinstance(value, (_dt.date, _dt.datetime)):
        return 10.5
    return display_width(value) if value is not None else 0


def _fill(wb, sheet, bad, width, headers, widths) -> None:
    ws = wb.create_sheet("有问题的行")
    prepare_sheet(ws, widths, header_row=2)
    make = CellMaker(ws)
    title_row(ws, make, f"未导入的行（来自“{sheet.path.name}”工作表“{sheet.sheet}”）", width + 2)
    ws.append([make(h, "header") for h in headers]
              + [make(ROW_HEADER, "header"), make(PROBLEM_HEADER, "header")])
    for number, (row, cells, reasons) in enumerate(bad, 3):
        cells = list(cells) + [None] * (width - len(cells))
        problem = "\n".join(reasons)
        ws.row_dimensions[number].height = row_height(
            [v if isinstance(v, str) else None for v in cells] + [None, problem], widths)
        ws.append([make(v, "date" if isinstance(v, (_dt.date, _dt.datetime)) else "wrap")
                   for v in cells]
                  + [make(row, "center"), make(problem, "problem")])
    finish_sheet(ws, header_row=2, last_col=width + 2, last_data_row=2 + len(bad))
