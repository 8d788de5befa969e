"""The sign-off lines every printed ledger ends with: 填报单位（盖章）、填报人、审核人、填报日期.

A superior accepts a ledger only when the unit that filled it stamps it and two people sign
it. The lines follow the last row (the totals row), one blank row below it, spread over four
blocks of merged columns, and the print area is set to end with them, so they print on the
last page under the table rather than being left off or floating on a page of their own.

填报日期 is the day of export, written in the workbook's one date style (yyyy-mm-dd).
"""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from openpyxl.utils import get_column_letter

LABELS = ("填报单位（盖章）：", "填报人：", "审核人：", "填报日期：")
HEIGHT = 36  # points: room for a stamp's edge and a handwritten name


def blocks(width: int) -> list:
    """(first, last) 1-based columns of the four blocks over a table `width` columns wide;
    fewer blocks on a very narrow table (each keeps at least one column)."""
    count = min(len(LABELS), max(width, 1))
    bounds = [round(i * width / count) for i in range(count + 1)]
    return [(bounds[i] + 1, max(bounds[i + 1], bounds[i] + 1)) for i in range(count)]


def signoff_texts(office: str, today: Optional[_dt.date] = None) -> list:
    day = (today or _dt.date.today()).strftime("%Y-%m-%d")
    return [LABELS[0] + office, LABELS[1], LABELS[2], LABELS[3] + day]


def append_signoff(ws, make, *, next_row: int, width: int, office: str,
                   today: Optional[_dt.date] = None) -> int:
    """Append a blank row and the sign-off row at `next_row` (the first row not yet written)
    of a streamed sheet; set the print area to end there. Returns the sign-off row number."""
    ws.append([])
    row = next_row + 1
    spans = blocks(width)
    texts = signoff_texts(office, today)
    if len(spans) < len(texts):  # a table of fewer than four columns: all on one line
        texts = ["　".join(texts)] + [""] * (len(spans) - 1)
    cells = [None] * width
    for (first, last), text in zip(spans, texts):
        cells[first - 1] = make(text, "signoff")
        if last > first:
            ws.merged_cells.add(f"{get_column_letter(first)}{row}:{get_column_letter(last)}{row}")
    ws.row_dimensions[row].height = HEIGHT
    ws.append(cells)
    ws.print_area = f"A1:{get_column_letter(width)}{row}"
    return row
