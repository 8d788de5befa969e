"""Exporting a register as a ledger workbook that prints on A4 the first time.

Proposals, suggestions and mediation cases: a title row, a header row, one row per record and
a totals row, streamed from SQLite into a write-only workbook (100,000 rows in bounded memory).
Petition counts go to petition_table.py (the monthly statistics table).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator, Optional

from openpyxl.utils import get_column_letter

from ..core import records

from ..core.atomic import atomic_output
from ..core.years import record_year_sql
from .columns import LEDGER_TITLES, RECORD_META, SHEET_NAMES, Column, ledger_columns
from .sheet_style import (UNWRAPPED, CellMaker, declare_size, finish_sheet, prepare_sheet,
                          overflows, row_height, streamed_workbook, title_row)
from .values import cell_value, short_label
from .signoff import append_signoff
from .widths import column_widths, header_lines

HEADER_ROW = 2
WIDTH_SAMPLE = 1000
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


UNMASKED_MARK = "（含完整身份证号）"


def shows_personal_data(kind: str) -> bool:
    """Whether the kind's ledger has ID-number or phone columns (masked unless chosen)."""
    return any(c.personal for c in ledger_columns(kind))


def ledger_title(registry, kind: str, year: Optional[int], *, masked: bool = True) -> str:
    """湛河区司法局2022年政协提案办理台账; an unmasked ledger of personal data says so in its
    title (人民调解案件登记台账（含完整身份证号）), so nobody forwards it by mistake."""
    when = f"{year}年" if year else ""
    mark = "" if masked or not shows_personal_data(kind) else UNMASKED_MARK
    return f"{office_name(registry)}{when}{LEDGER_TITLES[kind]}{mark}"


def marked_path(path, kind: str, masked: bool) -> Path:
    """The file an export writes: an unmasked ledger of personal data carries the mark in its
    name when the clerk's name lacks it (调解台账.xlsx -> 调解台账（含完整身份证号）.xlsx)."""
    path = Path(path)
    if masked or not shows_personal_data(kind) or "含完整身份证号" in path.stem:
        return path
    return path.with_name(f"{path.stem}{UNMASKED_MARK}{path.suffix or '.xlsx'}")


def count_records(registry, kind: str, year: Optional[int]) -> int:
    where, params = _where(kind, year)
    return registry.read(f"SELECT count(*) FROM {kind} WHERE {where}",
                                       params).fetchone()[0]


def iter_records(registry, kind: str, year: Optional[int], *,
                 fields: Optional[tuple] = None) -> Iterator[dict]:
    """Live records of a kind (of one year), in ledger order, one at a time.

    `fields` (paths such as "title" or "reply.date"): only those parts of each record, picked
    out by SQLite, so that a reply's body (nine tenths of a record) is never parsed into Python
    for a ledger that does not show it (issue 16: half the export's time at 100,000 rows).
    A path the record lacks reads as None, as record.get() would."""
    import json

    where, params = _where(kind, year)
    data = _json_of(fields) if fields else "data"
    cursor = registry.read(
        f"SELECT {data}, id, office_id, version FROM {kind} WHERE {where} ORDER BY {_ORDER[kind]}",
        params)
    for data, record_id, office_id, version in cursor:
        record = json.loads(data)
        # The hidden last columns carry the record's id, office and version, so that a ledger
        # imported elsewhere keeps them (docs/exchange.md).
        record.update(id=record_id, office_id=office_id, version=version)
        yield record


def iter_chosen(registry, kind: str, record_ids) -> Iterator[dict]:
    """The live records among `record_ids`, in that order (the rows a register shows)."""
    import json

    for record_id in record_ids:
        row = registry.read(f"SELECT data, id, office_id, version FROM {kind} "
                            "WHERE id = ? AND deleted_at IS NULL", (record_id,)).fetchone()
        if row is not None:
            record = json.loads(row[0])
            record.update(id=row[1], office_id=row[2], version=row[3])
            yield record


_FIELD_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def _json_of(fields) -> str:
    """SQL building a JSON object of only these paths of `data` (at most two levels deep)."""
    tree: dict = {}
    for path in fields:
        head, _, tail = path.partition(".")
        if not _FIELD_NAME.match(head) or (tail and not _FIELD_NAME.match(tail)):
            raise ValueError(f"not a field path: {path!r}")  # names come from columns.py only
        if tail:
            sub = tree.setdefault(head, {})
            if sub is not None:
                sub[tail] = None
        else:
            tree[head] = None  # the whole value (wins over any of its parts)
    parts = []
    for head, sub in tree.items():
        if sub is None:
            parts.append(f"'{head}', json_extract(data, '$.{head}')")
        else:
            inner = ", ".join(f"'{t}', json_extract(data, '$.{head}.{t}')" for t in sub)
            parts.append(f"'{head}', json_object({inner})")
    return f"json_object({', '.join(parts)})"


def ledger_fields(kind: str) -> tuple:
    """The record paths a ledger of `kind` reads: its columns, what their values depend on
    (cell_value: the deadline from assigned_date, the status default), the totals row."""
    paths = []
    for col in ledger_columns(kind):
        if col.is_counter:
            continue
        paths.append("parties" if col.type == "party_str" else col.key)
    paths += ["assigned_date", "amount", *sorted(_Tally.COUNTED)]
    if kind == "petition":
        paths += [name for name, _ in records.PETITION_COUNTS]
    return tuple(dict.fromkeys(paths))


def _where(kind: str, year: Optional[int]) -> tuple:
    if year:
        return f"deleted_at IS NULL AND {record_year_sql(kind)} = ?", (f"{int(year):04d}",)
    return "deleted_at IS NULL", ()


def export_ledger(registry, kind: str, out_path, *, year: Optional[int] = None,
                  masked: bool = True, progress: Optional[Callable] = None,
                  cancelled: Optional[Callable] = None, record_ids: Optional[list] = None,
                  scope: str = "") -> ExportResult:
    """Write the ledger of `kind` to `out_path` (.xlsx) through an atomic rename.

    `record_ids`: only these records, in this order (the rows the register shows under its
    filter, e.g. 仅看超期 as a 督办 list); `scope` then says which in the title (（仅看超期）)."""
    if kind == "petition":
        from .petition_table import export_petition_table

        return export_petition_table(registry, out_path, year=year, progress=progress,
                                     cancelled=cancelled)
    title = ledger_title(registry, kind, year, masked=masked)
    if record_ids is not None:
        ids = list(record_ids)
        title = title.replace(LEDGER_TITLES[kind], LEDGER_TITLES[kind] + (f"（{scope}）" if scope else ""), 1)
        total = len(ids)

        def items(fields):
            return iter_chosen(registry, kind, ids)
    else:
        total = count_records(registry, kind, year)

        def items(fields):
            return iter_records(registry, kind, year, fields=fields)
    out_path = marked_path(out_path, kind, masked)
    with atomic_output(out_path) as temp:
        fields = ledger_fields(kind) if record_ids is None else None
        rows = write_ledger(temp, kind, title, items(fields),
                            masked=masked, total=total, progress=progress, cancelled=cancelled,
                            sample=list(_take(items(fields), WIDTH_SAMPLE)),
                            office=office_name(registry))
    if title.endswith(UNMASKED_MARK):  # personal data left the data file: the 操作记录 says so
        registry.note("export", kind=kind, detail={
            "text": f"导出{LEDGER_TITLES[kind]}{UNMASKED_MARK}，{rows}条", "path": str(out_path)})
    return ExportResult(Path(out_path), rows, title)


def _take(iterator, n):
    for i, item in enumerate(iterator):
        if i >= n:
            return
        yield item


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
                 office: str = "") -> int:
    """Stream a ledger into a new workbook at `path`; returns the number of record rows.

    The workbook carries what the ledger shows plus each row's record id (a hidden column, for
    matching rows on re-import); whole records travel in data packages, not in ledgers."""
    with streamed_workbook() as wb:
        count = fill_ledger_sheet(wb, kind, title, items, masked=masked, total=total,
                                  progress=progress, cancelled=cancelled, sample=sample,
                                  office=office)
        wb.save(path)
    return count


def fill_ledger_sheet(wb, kind: str, title: str, items, *, masked: bool, total: int = 0,
                      progress=None, cancelled=None, sample: Optional[list] = None,
                      totals: bool = True, office: str = "") -> int:
    """Add the ledger sheet of `kind` to a write-only workbook; the number of record rows.

    The sheet ends with the totals row and the sign-off lines (填报单位 `office`)."""
    shown = ledger_columns(kind)
    cols = shown + RECORD_META
    ws = wb.create_sheet(SHEET_NAMES[kind])
    widths = column_widths(cols, sample or [], masked, total)
    if total:
        declare_size(ws, HEADER_ROW + total + (1 if totals else 0) + 2, len(cols))
    prepare_sheet(ws, widths, header_row=HEADER_ROW)
    for index in range(len(shown) + 1, len(cols) + 1):  # record id, office, version
        ws.column_dimensions[get_column_letter(index)].hidden = True
    make = CellMaker(ws)
    title_row(ws, make, title, len(shown))
    headers = [header_lines(c.header, w) for c, w in zip(cols, widths)]
    ws.row_dimensions[HEADER_ROW].height = row_height(headers, widths)
    ws.append([make(h, "header") for h in headers])
    styles = [_style_of(c) for c in cols]
    # a row too tall for a page shows its long text from the start (the ledger shows where a
    # text is cut at its end, cell_limit.py; what no page can hold is not printed)
    top_styles = ["wrap_top" if s == "wrap" else s for s in styles]
    wrap_widths = [w if c.wrap else UNWRAPPED for c, w in zip(cols, widths)]
    tally = _Tally(kind)
    count = 0
    for count, record in enumerate(items, 1):
        if cancelled is not None and cancelled():
            raise InterruptedError("已取消导出，未生成文件。")
        values = [count if c.is_counter else cell_value(c, record, masked=masked) for c in cols]
        height = row_height(values, wrap_widths)
        if height:
            ws.row_dimensions[HEADER_ROW + count].height = height
        ws.append(make.row(values, top_styles if overflows(height) else styles))
        if height:  # written already: drop it, so 100,000 rows hold no dimension objects
            del ws.row_dimensions[HEADER_ROW + count]
        tally.add(record)
        if progress is not None and count % 500 == 0:
            progress(count, total, f"已写入{count}条")
    last_data_row = HEADER_ROW + count
    if totals:
        total_cells = tally.row(cols, count)
        ws.row_dimensions[last_data_row + 1].height = row_height(total_cells, widths)
        ws.append([make(v, "total_money" if c.type == "number" else "total")
                   for v, c in zip(total_cells, cols)])
    append_signoff(ws, make, next_row=last_data_row + (2 if totals else 1), width=len(shown),
                   office=office)
    finish_sheet(ws, header_row=HEADER_ROW, last_col=len(shown), last_data_row=last_data_row)
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
                cells.append("\n".join(f"{short_label(col, label)}{found[value]}{unit}"
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
    rows = registry.read(
        f"SELECT DISTINCT {record_year_sql(kind)} AS y FROM {kind} WHERE deleted_at IS NULL "
        "AND y IS NOT NULL ORDER BY y DESC").fetchall()
    return [int(r[0]) for r in rows if r[0] and r[0].isdigit()]


def default_filename(registry, kind: str, year: Optional[int], *, masked: bool = True) -> str:
    return ledger_title(registry, kind, year, masked=masked) + ".xlsx"
