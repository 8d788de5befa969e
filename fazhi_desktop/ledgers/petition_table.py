"""The petition ledger: the monthly statistics table a superior asks for (units x months, with
totals, the same period last year and 同比), for 信访总量 and for the 京省市区乡 five-level total,
plus a detail sheet of the records themselves (which is what the import reads back).
"""
from __future__ import annotations

import datetime as _dt
from collections import defaultdict
from itertools import islice
from pathlib import Path
from typing import Callable, Optional

from ..core import records
from ..core.atomic import atomic_output
from .export import (ExportResult, count_records, fill_ledger_sheet,
                     iter_records, ledger_title, office_name, years_in)
from .sheet_style import (CellMaker, display_width, finish_sheet, prepare_sheet, streamed_workbook,
                          title_row)

MONTHS = tuple(range(1, 13))
MEASURES = (
    ("信访总量", "信访总量（来信+来访+网上信访+电话）", records.CHANNEL_FIELDS),
    ("五级信访总量", "京省市区乡五级信访总量", records.LEVEL_FIELDS),
)


def monthly(registry, year: int, fields) -> dict:
    """unit -> {month: sum of `fields`} for one year."""
    table: dict = defaultdict(lambda: defaultdict(int))
    for record in iter_records(registry, "petition", year):
        month = int(record["period"][5:7])
        table[record["unit"]][month] += sum(record.get(f) or 0 for f in fields)
    return table


def change(this: int, last: int):
    """同比 as a fraction (-0.609 is a 60.9% fall); None when last year had nothing."""
    if not last:
        return None
    return round((this - last) / last, 4)


def export_petition_table(registry, out_path, *, year: Optional[int] = None,
                          progress: Optional[Callable] = None,
                          cancelled: Optional[Callable] = None) -> ExportResult:
    """One year: its two monthly tables and its rows. No year (`export petition` without
    --year): every year that has rows, newest first, each with its two tables ("2022年信访总量"),
    and all the rows in the detail sheet."""
    years = [int(year)] if year else (years_in(registry, "petition") or [_dt.date.today().year])
    title = ledger_title(registry, "petition", year)
    when = f"{year}年" if year else ""
    with atomic_output(out_path) as temp, streamed_workbook() as wb:
        for table_year in years:
            for sheet_name, heading, fields in MEASURES:
                _table_sheet(wb, sheet_name if year else f"{table_year}年{sheet_name}",
                             f"{office_name(registry)}{table_year}年{heading}月度统计表",
                             monthly(registry, table_year, fields),
                             monthly(registry, table_year - 1, fields))
        detail_title = f"{office_name(registry)}{when}信访情况明细"
        rows = iter_records(registry, "petition", year)
        count = fill_ledger_sheet(wb, "petition", detail_title, rows, masked=True,
                                  total=count_records(registry, "petition", year),
                                  progress=progress, cancelled=cancelled,
                                  sample=list(islice(iter_records(registry, "petition", year),
                                                     1000)))
        wb.save(temp)
    return ExportResult(Path(out_path), count, title)


def _table_sheet(wb, name: str, title: str, this_year: dict, last_year: dict) -> None:
    header = ["单位"] + [f"{m}月" for m in MONTHS] + ["合计", "上年同期", "同比"]
    units = sorted(set(this_year) | set(last_year))
    ws = wb.create_sheet(name)
    unit_width = max([display_width("单位")] + [display_width(u) for u in units])
    prepare_sheet(ws, [min(unit_width, 30)] + [6] * 12 + [8, 9, 8], header_row=2)
    make = CellMaker(ws)
    title_row(ws, make, title, len(header))
    ws.append([make(h, "header") for h in header])
    month_totals = defaultdict(int)
    grand, grand_last = 0, 0
    for unit in units:
        months = this_year.get(unit, {})
        total = sum(months.values())
        last = sum(last_year.get(unit, {}).values())
        for m in MONTHS:
            month_totals[m] += months.get(m, 0)
        grand += total
        grand_last += last
        ratio = change(total, last)
        ws.append([make(unit, "text")] + [make(months.get(m, 0), "center") for m in MONTHS]
                  + [make(total, "center"), make(last, "center"),
                     make(ratio, "percent") if ratio is not None else make("—", "center")])
    ratio = change(grand, grand_last)
    ws.append([make("合计", "total")] + [make(month_totals[m], "total") for m in MONTHS]
              + [make(grand, "total"), make(grand_last, "total"),
                 make(ratio, "percent") if ratio is not None else make("—", "total")])
    finish_sheet(ws, header_row=2, last_col=len(header), last_data_row=2 + len(units))
