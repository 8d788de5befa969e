"""Exporting a register as a ledger workbook that prints on A4 the first time.

Proposals, suggestions and mediation cases: a title row, a header row, one row per record and
a totals row, streamed from SQLite into a write-only workbook (100,000 rows in bounded memory).
Petition counts go to petition_table.py (the monthly statistics table).
"""
from __future__ import annotations

import datetime as _dt
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from ..core import records

from ..core.atomic import atomic_output
from .full_data import write_full_sheet
from .columns import LEDGER_TITLES, SHEET_NAMES, Column, ledger_columns
from .sheet_style import (CellMaker, declare_size, display_width, finish_sheet, prepare_sheet,
                          row_height, streamed_workbook, title_row)
from .values import cell_value

HEADER_ROW = 2
WIDTH_SAMPLE = 1000
_YEAR_EXPR = {
    "proposal": "substr(coalesce(assigned_date, reply_date), 1, 4)",
    "suggestion": "substr(coalesce(assigned_date, reply_date), 1, 4)",
    "mediation": "substr(accepted_date, 1, 4)",
    "petition": "substr(period, 1, 4)",
}
_ORDER = {
    "proposal": "session, number",
    "suggestion": "session, number",
    "mediation": "accepted_date, case_number",
    "petition": "unit, period",
}


@dataclass
class ExportResult:
    path: Path
    rows: int
    title: str


def office_name(registry) -> str:
    profile = registry.profile()
    return profile.get("authority_short") or profile.get("authority") or ""


def ledger_title(registry, kind: str, year: Optional[int]) -> str:
    """湛河区司法局2022年政协提案办理台账."""
    when = f"{year}年" if year else ""
    return f"{office_name(registry)}{when}{LEDGER_TITLES[kind]}"


def count_records(registry, kind: str, year: Optional[int]) -> int:
    where, params = _where(kind, year)
    return registry.store.conn.execute(f"SELECT count(*) FROM {kind} WHERE {where}",
                                       params).fetchone()[0]


def iter_records(registry, kind: str, year: Optional[int]) -> Iterator[dict]:
    """Live records of a kind (of one year), in ledger order, one at a time."""
    import json

    where, params = _where(kind, year)
    cursor = registry.store.conn.execute(
        f"SELECT data, id, office_id, version FROM {kind} WHERE {where} ORDER BY {_ORDER[kind]}",
        params)
    for data, record_id, office_id, version in cursor:
        record = json.loads(data)
        # The full export's hidden sheet carries the record's office and version, so that a
        # ledger imported elsewhere keeps them (docs/exchange.md).
        record.update(id=record_id, office_id=office_id, version=version)
        yield record


def _where(kind: str, year: Optional[int]) -> tuple:
    if year:
        return f"deleted_at IS NULL AND {_YEAR_EXPR[kind]} = ?", (f"{int(year):04d}",)
    return "deleted_at IS NULL", ()


def export_ledger(registry, kind: str, out_path, *, year: Optional[int] = None,
                  masked: bool = True, progress: Optional[Callable] = None,
                  cancelled: Optional[Callable] = None) -> ExportResult:
    """Write the ledger of `kind` to `out_path` (.xlsx) through an atomic rename."""
    if kind == "petition":
        from .petition_table import export_petition_table

        return export_petition_table(registry, out_path, year=year, progress=progress,
                                     cancelled=cancelled)
    title = ledger_title(registry, kind, year)
    total = count_records(registry, kind, year)
    with atomic_output(out_path) as temp:
        rows = write_ledger(temp, kind, title, iter_records(registry, kind, year),
                            masked=masked, total=total, progress=progress, cancelled=cancelled,
                            sample=list(_take(iter_records(registry, kind, year), WIDTH_SAMPLE)),
                            full_items=None if masked else iter_records(registry, kind, year))
    return ExportResult(Path(out_path), rows, title)


def _take(iterator, n):
    for i, item in enumerate(iterator):
        if i >= n:
            return
        yield item


def column_widths(cols, sample: list, masked: bool) -> list:
    """Fit each column to its header and the sampled values, within the column's limit."""
    widths = []
    for col in cols:
        header = display_width(col.header)
        fitted = max([4.0] + [display_width(_text(cell_value(col, r, masked=masked)))
                              for r in sample])
        if col.wrap:  # long text wraps inside its column
            widths.append(min(max(fitted, header / 2 + 1), col.width))
        else:  # short values stay on one line; a long header may wrap onto two
            widths.append(min(max(fitted, header / 2 + 1, min(header, 10)), max(col.width, 24)))
    return widths


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, _dt.date):
        return "2022-08-08"
    if isinstance(value, float):
        return f"{value:,.2f}"
    return str(value)


def _style_of(col: Column) -> str:
    if col.type == "date":
        return "date"
    if col.type == "month":
        return "month"
    if col.type == "number":
        return "money"
    if col.is_counter or col.type in ("int", "enum"):
        return "center"
    return "wrap" if col.wrap else "text"


def write_ledger(path, kind: str, title: str, items, *, masked: bool, total: int = 0,
                 progress=None, cancelled=None, sample: Optional[list] = None,
                 full_items=None) -> int:
    """Stream a ledger into a new workbook at `path`; returns the number of record rows.

    `full_items` (an unmasked export only) adds the hidden sheet of whole records."""
    with streamed_workbook() as wb:
        count = fill_ledger_sheet(wb, kind, title, items, masked=masked, total=total,
                                  progress=progress, cancelled=cancelled, sample=sample)
        if full_items is not None:
            write_full_sheet(wb, kind, full_items, total=total)
        wb.save(path)
    return count


def fill_ledger_sheet(wb, kind: str, title: str, items, *, masked: bool, total: int = 0,
                      progress=None, cancelled=None, sample: Optional[list] = None,
                      totals: bool = True) -> int:
    """Add the ledger sheet of `kind` to a write-only workbook; the number of record rows."""
    cols = ledger_columns(kind)
    ws = wb.create_sheet(SHEET_NAMES[kind])
    widths = column_widths(cols, sample or [], masked)
    if total:
        declare_size(ws, HEADER_ROW + total + (1 if totals else 0), len(cols))
    prepare_sheet(ws, widths, header_row=HEADER_ROW)
    make = CellMaker(ws)
    title_row(ws, make, title, len(cols))
    ws.row_dimensions[HEADER_ROW].height = row_height([c.header for c in cols], widths)
    ws.append([make(c.header, "header") for c in cols])
    styles = [_style_of(c) for c in cols]
    wrap_widths = [w if c.wrap else 10 ** 6 for c, w in zip(cols, widths)]
    tally = _Tally(kind)
    count = 0
    for count, record in enumerate(items, 1):
        if cancelled is not None and cancelled():
            raise InterruptedError("已取消导出，未生成文件。")
        values = [count if c.is_counter else cell_value(c, record, masked=masked) for c in cols]
        height = row_height(values, wrap_widths)
        if height:
            ws.row_dimensions[HEADER_ROW + count].height = height
        ws.append([make(v, s) for v, s in zip(values, styles)])
        if height:  # written already: drop it, so 100,000 rows hold no dimension objects
            del ws.row_dimensions[HEADER_ROW + count]
        tally.add(record)
        if progress is not None and count % 500 == 0:
            progress(count, total, f"已写入{count}条")
    last_data_row = HEADER_ROW + count
    if totals:
        total_cells = tally.row(cols, count)
        ws.row_dimensions[last_data_row + 1].height = row_height(total_cells, widths)
        ws.append([make(v, "total") for v in total_cells])
    finish_sheet(ws, header_row=HEADER_ROW, last_col=len(cols), last_data_row=last_data_row)
    if progress is not None:
        progress(count, count, f"已写入{count}条")
    return count


class _Tally:
    """Counts for the totals row: how many, by status/class/satisfaction or outcome, amounts."""

    COUNTED = {"status", "result_class", "satisfaction", "outcome", "performance", "source"}

    def __init__(self, kind: str):
        self.kind = kind
        self.counts = {name: Counter() for name in self.COUNTED}
        self.amount = 0.0
        self.sums: Counter = Counter()

    def add(self, record: dict) -> None:
        for name in self.COUNTED:
            value = record.get(name)
            if name == "status" and self.kind in ("proposal", "suggestion"):
                value = value or "pending"
            if value:
                self.counts[name][value] += 1
        amount = record.get("amount")
        if isinstance(amount, (int, float)):
            self.amount += amount
        if self.kind == "petition":
            for name, _label in records.PETITION_COUNTS:
                self.sums[name] += record.get(name) or 0

    def row(self, cols, count: int) -> list:
        unit = "件"
        cells = []
        for index, col in enumerate(cols):
            if index == 0:
                cells.append("合计")
            elif index == 1 and self.kind == "petition":
                cells.append(f"{count}条")
            elif col.key in ("title", "case_number"):
                cells.append(f"共{count}{unit}")
            elif col.key in self.COUNTED and col.choices:
                found = self.counts[col.key]
                cells.append("\n".join(f"{label}{found[value]}{unit}"
                                       for value, label in col.choices.items() if found[value])
                             or None)
            elif col.key == "amount":
                cells.append(round(self.amount, 2))
            elif self.kind == "petition" and col.type == "int":
                cells.append(self.sums[col.key])
            else:
                cells.append(None)
        return cells



def years_in(registry, kind: str) -> list:
    """The years a kind's records fall in (newest first), for the export dialog's choice."""
    rows = registry.store.conn.execute(
        f"SELECT DISTINCT {_YEAR_EXPR[kind]} AS y FROM {kind} WHERE deleted_at IS NULL "
        "AND y IS NOT NULL ORDER BY y DESC").fetchall()
    return [int(r[0]) for r in rows if r[0] and r[0].isdigit()]


def default_filename(registry, kind: str, year: Optional[int]) -> str:
    return ledger_title(registry, kind, year) + ".xlsx"
