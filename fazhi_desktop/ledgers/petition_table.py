"""The petition ledger: the monthly statistics table a superior asks for (units x months, with
totals, the same period last year and 同比), for 信访总量 and for the 京省市区乡 five-level total,
plus a detail sheet of the records themselves (which is what the import reads back).

Every figure of the table is taken from core/stats.petition_figures (per unit, and for all
units in the 合计 row), so the ledger and the 统计 page never disagree: 上年同期 is the same
months of last year (the months both years reported), and 同比 is stats' per cent, already
rounded half-up to one decimal, stored as a fraction that the "0.0%" format shows unchanged.
"""
from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from itertools import islice
from pathlib import Path
from typing import Callable, Optional

from ..core import stats
from ..core.atomic import atomic_output
from .export import (ExportResult, count_records, fill_ledger_sheet,
                     iter_records, ledger_title, office_name, years_in)
from .signoff import append_signoff
from .sheet_style import (CellMaker, display_width, finish_sheet, prepare_sheet, streamed_workbook,
                          title_row)

MONTHS = tuple(range(1, 13))
MEASURES = (  # sheet name, title, the stats figure
    ("信访总量", "信访总量（来信+来访+网上信访+电话）", "channel_total"),
    ("五级信访总量", "京省市区乡五级信访总量", "level_total"),
)


def fraction(per_cent):
    """stats' per cent (-66.9) as the fraction a "0.0%" cell holds (-0.669), without rounding
    it again: Decimal keeps -66.9 / 100 from becoming -0.6690000000000001."""
    if per_cent is None:
        return None
    return float(Decimal(str(per_cent)) / 100)


def unit_figures(registry, year: int) -> tuple:
    """(stats of all units, {unit: stats of that unit}) for the units of `year` and the year
    before (a unit that reported only last year still has a row)."""
    every = stats.petition_figures(registry, year)
    units = set(every["units"]) | set(stats.petition_figures(registry, year - 1)["units"])
    return every, {unit: stats.petition_figures(registry, year, unit=unit)
                   for unit in sorted(units)}


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
        office = office_name(registry)
        for table_year in years:
            every, per_unit = unit_figures(registry, table_year)
            for sheet_name, heading, measure in MEASURES:
                _table_sheet(wb, sheet_name if year else f"{table_year}年{sheet_name}",
                             f"{office}{table_year}年{heading}月度统计表",
                             measure, every, per_unit, office)
        detail_title = f"{office}{when}信访情况明细"
        rows = iter_records(registry, "petition", year)
        count = fill_ledger_sheet(wb, "petition", detail_title, rows, masked=True,
                                  total=count_records(registry, "petition", year),
                                  progress=progress, cancelled=cancelled, office=office,
                                  sample=list(islice(iter_records(registry, "petition", year),
                                                     1000)))
        wb.save(temp)
    return ExportResult(Path(out_path), count, title)


def _figures_row(label: str, figures: dict, measure: str) -> list:
    """(value, style) cells of one row: months, 合计, 上年同期, 同比 as stats gives them."""
    months = [m[measure] for m in figures["monthly"]]  # None: not reported (—), unlike 0
    before = figures["previous_same_period"]
    ratio = fraction(figures["yoy"][measure])
    return ([label] + months + [figures[measure],
                                before[measure] if before is not None else None, ratio])


def _table_sheet(wb, name: str, title: str, measure: str, every: dict, per_unit: dict,
                 office: str) -> None:
    header = ["单位"] + [f"{m}月" for m in MONTHS] + ["合计", "上年同期", "同比"]
    ws = wb.create_sheet(name)
    unit_width = max([display_width("单位")] + [display_width(u) for u in per_unit])
    prepare_sheet(ws, [min(unit_width, 30)] + [6] * 12 + [8, 9, 8], header_row=2)
    make = CellMaker(ws)
    title_row(ws, make, title, len(header))
    ws.append([make(h, "header") for h in header])
    for unit, figures in per_unit.items():
        ws.append(_styled(make, _figures_row(unit, figures, measure), "text", "center"))
    ws.append(_styled(make, _figures_row("合计", every, measure), "total", "total"))
    append_signoff(ws, make, next_row=2 + len(per_unit) + 2, width=len(header), office=office)
    finish_sheet(ws, header_row=2, last_col=len(header), last_data_row=2 + len(per_unit))


def _styled(make, values: list, first: str, rest: str) -> list:
    """The label in `first` style, counts in `rest`, 同比 as a per cent; "—" where stats has
    no figure (no same period last year, or a base of 0)."""
    cells = [make(values[0], first)]
    for value in values[1:-1]:
        cells.append(make("—", rest) if value is None else make(value, rest))
    ratio = values[-1]
    cells.append(make("—", rest) if ratio is None else
                 make(ratio, "percent" if rest != "total" else "total_percent"))
    return cells
