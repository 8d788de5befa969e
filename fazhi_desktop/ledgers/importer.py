"""Importing a ledger: every row converted, checked and placed; then all-or-nothing, or the good
rows in and the bad rows back to the clerk in a workbook with a 问题 column.

One pass over the sheet. The records go to Registry.add_many in chunks inside one outer
transaction (Store.transaction nests), so memory stays bounded for 100,000 rows and a problem,
a cancel or a crash anywhere leaves the data file exactly as it was.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

from ..core.backup import backup_now
from ..core import records
from ..core.errors import NotFound, ValidationError
from ..core.validation import record_problems
from .bad_rows import write_bad_rows
from .cell_limit import (NEW_RECORD, NOTHING_STORED, PARTY_COLUMN, cut_cell_kind, kept_reason,
                         refused_reason)
from .columns import column_by_key
from .problems import RowProblem, locate
from .reader import LedgerSheet, open_ledger
from .values import ValueProblem, build_record, convert, get_path

CHUNK = 500
PREVIEW_ROWS = 200
EXISTING_CHOICES = ("update", "skip")


class ImportRefused(ValidationError):
    """The import was refused as a whole; `report` says everything found."""

    def __init__(self, problems, report: "ImportReport"):
        super().__init__(problems)
        self.report = report


@dataclass
class ImportOptions:
    mapping: Optional[dict] = None  # column index -> column key; None: detected
    existing: Optional[str] = None  # "update", "skip", or None: an existing record is a problem
    keep_good: bool = False  # import the good rows, return the bad ones
    bad_rows_path: Optional[Path] = None  # where the bad rows go (with keep_good)
    sheet: Optional[str] = None
    defaults: dict = field(default_factory=dict)  # column key -> value for a missing column


@dataclass
class ImportReport:
    kind: str
    path: Path
    sheet: str = ""
    header_row: int = 0
    headers: dict = field(default_factory=dict)  # col index -> header text
    mapping: dict = field(default_factory=dict)  # col index -> column key
    ignored: dict = field(default_factory=dict)  # col index -> header text not imported
    defaults: dict = field(default_factory=dict)  # column key -> value given to every row
    rows: int = 0
    problems: list = field(default_factory=list)  # RowProblem
    bad_rows: list = field(default_factory=list)  # Excel row numbers with a problem
    existing: list = field(default_factory=list)  # (Excel row, description) already in the file
    created: int = 0
    updated: int = 0
    skipped: int = 0
    written: bool = False
    bad_rows_path: Optional[Path] = None
    preview: list = field(default_factory=list)  # (Excel row, {key: value}) of the first rows
    skipped_notes: list = field(default_factory=list)  # what was not read (sheets, formulas), why
    kept: list = field(default_factory=list)  # RowProblem: a cut cell, the stored text kept

    @property
    def good(self) -> int:
        return self.rows - len(self.bad_rows)

    def problem_lines(self) -> list:
        return [str(p) for p in self.problems]

    def notes_text(self) -> str:
        """What was kept or not read and why, one 注意 line each (empty when nothing was)."""
        return "".join(f"\n注意：{note}。" for note in [*map(str, self.kept),
                                                        *self.skipped_notes])

    def summary(self, *, notes: bool = True) -> str:
        """One paragraph for the clerk, then the 注意 lines (unless `notes` is False)."""
        label = records.kind_label(self.kind)
        text = (f"工作表“{self.sheet}”（表头在第{self.header_row}行）共{self.rows}行数据，"
                f"{self.good}行无误，{len(self.bad_rows)}行有问题。")
        if self.defaults.get("session"):
            text += f"表中没有“届次”列，各行的届次均按“{self.defaults['session']}”导入。"
        if self.existing:
            text += f"其中{len(self.existing)}条{label}记录已存在。"
        if self.kept:
            text += (f"{len(self.kept)}个单元格的文字在台账中被截断，保留了数据文件中的完整原文"
                     "（见下）。")
        if self.written:
            text += f"已导入：新增{self.created}条，更新{self.updated}条，跳过{self.skipped}条。"
            if self.bad_rows_path:
                text += f"有问题的行已另存为“{self.bad_rows_path}”。"
        return text + (self.notes_text() if notes else "")


def scan(registry, kind: str, path, options: Optional[ImportOptions] = None, *,
         progress: Optional[Callable] = None, cancelled: Optional[Callable] = None) -> ImportReport:
    """Read and check everything without writing: what an import would do (--dry-run)."""
    return _run(registry, kind, path, options or ImportOptions(), write=False,
                progress=progress, cancelled=cancelled)


def import_ledger(registry, kind: str, path, options: Optional[ImportOptions] = None, *,
                  progress: Optional[Callable] = None,
                  cancelled: Optional[Callable] = None) -> ImportReport:
    """Import; raises ImportRefused (nothing written) when a row is bad and keep_good is off."""
    return _run(registry, kind, path, options or ImportOptions(), write=True,
                progress=progress, cancelled=cancelled)


def _run(registry, kind, path, options, *, write, progress, cancelled) -> ImportReport:
    if options.existing not in (None, *EXISTING_CHOICES):
        raise ValueError(options.existing)
    path = Path(path)
    report = ImportReport(kind=kind, path=path)
    with open_ledger(path, kind, mapping=options.mapping, sheet=options.sheet,
                     defaults=options.defaults) as sheet:
        _describe(sheet, report)
        if not write:
            _each_row(registry, sheet, options, report, progress, cancelled, None)
            report.skipped_notes = list(sheet.skipped)
            return report
        with registry.transaction():
            sink = _Sink(registry, kind)
            bad = _each_row(registry, sheet, options, report, progress, cancelled, sink)
            report.skipped_notes = list(sheet.skipped)
            sink.flush()
            if report.problems and not options.keep_good:
                raise ImportRefused(report.problem_lines()
                                    + [f"注意：{note}" for note in report.skipped_notes], report)
            if bad and options.bad_rows_path:
                # Inside the transaction: if the bad rows cannot be saved, nothing is imported.
                write_bad_rows(options.bad_rows_path, sheet, bad)
                report.bad_rows_path = Path(options.bad_rows_path)
            # Accepted, about to commit (issue 14.7: refused input costs no backup): a verified
            # copy of the file as last committed, which in WAL mode is without this import.
            backup_now(registry.path, "import")
            report.written = True
    return report


def _describe(sheet: LedgerSheet, report: ImportReport) -> None:
    report.sheet = sheet.sheet
    report.header_row = sheet.header.row
    report.headers = dict(sheet.header.headers)
    report.mapping = dict(sheet.header.mapping)
    report.ignored = {i: h for i, h in sheet.header.headers.items()
                      if i not in sheet.header.mapping}
    report.defaults = dict(sheet.defaults or {})


class _Sink:
    """Collects good records and hands them to add_many in chunks (one outer transaction)."""

    def __init__(self, registry, kind):
        self.registry, self.kind = registry, kind
        self.items, self.rows = [], []

    def add(self, row: int, record: dict) -> None:
        self.items.append(record)
        self.rows.append(row)
        if len(self.items) >= CHUNK:
            self.flush()

    def flush(self) -> None:
        if not self.items:
            return
        try:
            self.registry.add_many(self.kind, self.items)
        except ValidationError as exc:  # a check here that the row pass missed: name the rows
            lines = []
            for line in exc.problems:
                for pos, row in enumerate(self.rows, 1):
                    line = line.replace(f"第{pos}条记录：", f"第{row}行：", 1) \
                        if line.startswith(f"第{pos}条记录：") else line
                lines.append(line)
            raise ValidationError(lines) from exc
        self.items, self.rows = [], []


def _each_row(registry, sheet: LedgerSheet, options, report: ImportReport, progress,
              cancelled, sink) -> list:
    """Convert and check every row; good rows to `sink`; returns [(row, cells, reasons)]."""
    kind = sheet.kind
    mapped = {i: column_by_key(kind, k) for i, k in sheet.header.mapping.items() if k != "seq"}
    seen_keys: dict = {}
    bad = []
    for number, cells in sheet.rows():
        if cancelled is not None and cancelled():
            raise InterruptedError("已取消导入，未写入任何记录。")
        report.rows += 1
        row_problems, record, cut = _read_row(kind, sheet, mapped, number, cells)
        action = "create"
        if not row_problems:
            action, record, key_problems = _key_problems(
                registry, kind, sheet, mapped, number, record, options, seen_keys, report)
            if action != "skip" and not key_problems and cut:
                record, key_problems = _cut_cells(registry, kind, sheet, number, record, cut,
                                                  report, update=action == "update")
            row_problems += key_problems
        if len(report.preview) < PREVIEW_ROWS:
            report.preview.append((number, _preview(mapped, cells)))
        if action == "skip":
            report.skipped += 1
        elif row_problems:
            report.problems.extend(row_problems)
            report.bad_rows.append(number)
            if options.keep_good:
                bad.append((number, list(cells), [p.reason if not p.column else
                                                  f"{p.column}列（{p.header}）：{p.reason}"
                                                  for p in row_problems]))
        elif sink is not None and (options.keep_good or not report.problems):
            sink.add(number, record)
            if action == "update":
                report.updated += 1
            else:
                report.created += 1
        if progress is not None and report.rows % 200 == 0:
            total = max(sheet.total_rows, report.rows)
            progress(report.rows, total, f"已读取{report.rows}行，共约{total}行")
    if progress is not None:
        progress(report.rows, report.rows, f"已读取{report.rows}行")
    return bad


def _read_row(kind, sheet, mapped, number, cells) -> tuple:
    """(problems, record, cut): `cut` lists (column index, Column, cut_cell_kind, cell) for
    the cells that hold only the beginning of a longer text (cell_limit.py)."""
    problems, values, cut = [], {}, []
    for key, raw in (sheet.defaults or {}).items():
        values[key] = convert(column_by_key(kind, key), raw)
    for index, col in mapped.items():
        raw = cells[index] if index < len(cells) else None
        how = cut_cell_kind(raw)
        if how:
            cut.append((index, col, how, raw))
        try:
            values[col.key] = convert(col, raw)
        except ValueProblem as exc:
            problems.append(RowProblem(sheet.sheet, number, str(exc), sheet.letter(index),
                                       sheet.header.headers.get(index, col.header)))
    record = build_record(kind, values)
    if problems:
        return problems, record, cut
    for message in record_problems(kind, record):
        index, reason = locate(message, mapped, record)
        if index is None:
            problems.append(RowProblem(sheet.sheet, number, reason))
        else:
            problems.append(RowProblem(sheet.sheet, number, reason, sheet.letter(index),
                                       sheet.header.headers.get(index, mapped[index].header)))
    return problems, record, cut


def _cut_cells(registry, kind, sheet, number, record, cut, report, *, update) -> tuple:
    """(record, problems) for a row with cut cells: never the cut text in the data file.

    A row updating its record keeps the record's stored text for each cut cell (the report
    says so, row and column); a new record, or a stored one without that text, cannot be made
    whole from the sheet: the row is refused, naming the cell."""
    stored = registry.get(kind, record["id"]) if update else {}
    problems, kept = [], []
    for index, col, how, raw in cut:
        where = (sheet.sheet, number)
        cell = (sheet.letter(index), sheet.header.headers.get(index, col.header))
        before = get_path(stored, col.key) if update and col.type != "party_str" else None
        if before == raw:
            continue  # a stored text exactly at the limit, unchanged: nothing was cut
        if before in (None, "", []):
            why = (NEW_RECORD if not update else PARTY_COLUMN if col.type == "party_str"
                   else NOTHING_STORED)
            problems.append(RowProblem(*where, refused_reason(how, why), *cell))
            continue
        kept.append(RowProblem(*where, kept_reason(how, raw, before), *cell))
        _set_path(record, col.key, copy.deepcopy(before))
    if not problems:  # a refused row keeps nothing: it is not imported
        report.kept += kept
    return record, problems


def _set_path(record: dict, key: str, value) -> None:
    """record[key] = value for a column key ('title', 'agreement.terms')."""
    head, _, tail = key.partition(".")
    if tail:
        record[head] = dict(record.get(head) or {}, **{tail: value})
    else:
        record[head] = value


def _key_problems(registry, kind, sheet, mapped, number, record, options, seen_keys,
                  report) -> tuple:
    """(action, record, problems): a key repeated in the sheet, or already in the data file
    (update / skip / a problem)."""
    key = records.key_of(kind, record)
    key_index = next((i for i, c in mapped.items() if c.key == records.KEY_FIELDS[kind][-1]), None)
    letter = sheet.letter(key_index) if key_index is not None else None
    header = sheet.header.headers.get(key_index) if key_index is not None else None
    what = records.describe_key(kind, record)
    if key in seen_keys:
        return "create", record, [RowProblem(sheet.sheet, number,
                                             f"{what}与第{seen_keys[key]}行重复", letter, header)]
    seen_keys[key] = number
    holder = registry.key_holder(kind, record)
    same = _row_record(registry, kind, record)
    if same is not None and holder not in (None, same):
        return "create", record, [RowProblem(
            sheet.sheet, number, f"{what}已是数据文件中另一条记录的编号（本行原是另一条记录，"
                                 "编号改后与之重复）", letter, header)]
    holder = same or holder
    if holder is None:
        return "create", record, []
    report.existing.append((number, what))
    if options.existing == "skip":
        return "skip", record, []
    if options.existing == "update":
        return "update", merge_into(registry.get(kind, holder), record, mapped), []
    return "create", record, [RowProblem(sheet.sheet, number,
                       f"{what}已存在于数据文件中；请选择“更新已有记录”或“跳过已有记录”"
                       "（命令行：--existing update 或 --existing skip）", letter, header)]


def _row_record(registry, kind: str, record: dict):
    """The id of the live record this row was exported from (the hidden 记录ID column), so
    a row whose 编号 the clerk corrected still updates its own record. An id that is not in
    this data file (another office's ledger) is kept for a new record; one whose record is
    in the recycle bin is dropped, and the row becomes a new record."""
    record_id = record.get("id")
    if not record_id:
        return None
    if registry.row_number(kind, record_id) is not None:
        return record_id
    try:
        registry.get(kind, record_id, include_deleted=True)
    except NotFound:
        return None
    # In the recycle bin: the row becomes a new record, of this office, with its own version.
    for key in ("id", "office_id", "version"):
        record.pop(key, None)
    return None


def merge_into(existing: dict, incoming: dict, mapped: dict) -> dict:
    """The stored record with the ledger's values laid over it.

    A ledger carries only some fields, and an empty cell may just mean the clerk never typed
    it: fields the sheet has no value for keep what the data file holds (the reply text, the
    communications, a party's address).
    """
    merged = {k: copy.deepcopy(v) for k, v in existing.items()
              if k not in ("created_at", "updated_at")}
    for key, value in incoming.items():
        if key == "id":
            continue  # the stored record keeps its own id
        if key == "status" and value == "pending" and not existing.get(key):
            continue  # the ledger shows 待办理 for a record without a status: nothing changed
        if key == "parties":
            merged["parties"] = _merge_parties(existing.get("parties") or [], value)
        elif isinstance(value, dict):
            merged.setdefault(key, {})
            merged[key] = dict(merged[key] or {}, **value)
        else:
            merged[key] = value
    return merged


def _merge_parties(old: list, new: list) -> list:
    result = []
    for party in new:
        match = next((p for p in old if p.get("name") == party.get("name")
                      and (p.get("role") or party.get("role")) == party.get("role")), None)
        result.append(dict(match or {}, **party))
    return result


def _preview(mapped: dict, cells) -> dict:
    return {col.key: cells[i] for i, col in mapped.items() if i < len(cells)}

