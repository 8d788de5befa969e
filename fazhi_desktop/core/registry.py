"""The one façade that the GUI, the command line, the ledgers, the documents and the tests go
through.

Every business rule about saving, deleting and restoring records lives here (or below), so the
GUI and the CLI say the same words and cannot disagree about what is allowed. Nothing outside
core/ reaches `registry.store` (tests/test_architecture.py): the register tables read through
`table_seqs` / `table_rows`, the filters through `distinct_values`, the ledgers and the report
through `read` (read-only SQL), writes through the methods below and `transaction()`. That makes
this the one place where connections are chosen (one per thread, core/store.py) and where a
later feature (record versions for data exchange) hooks every write.
"""
from __future__ import annotations

import copy
import datetime as _dt
import json
import sqlite3
from pathlib import Path
from typing import Optional

from . import queries, records
from .errors import NotFound, ValidationError
from .exchange.identity import canonical_id, new_id
from .store import Store
from .validation import check_batch, profile_problems, record_problems


class Registry:
    """An office's registers in one data file."""

    def __init__(self, store: Store):
        self.store = store

    @classmethod
    def open(cls, path, **kw) -> "Registry":
        return cls(Store.open(path, **kw))

    @property
    def path(self) -> Path:
        return self.store.path

    @property
    def closed(self) -> bool:
        """Whether the data file was closed (a timer that fires after a window closed checks)."""
        return self.store.closed

    def close(self) -> None:
        self.store.close()

    def reopen(self) -> None:
        """Open the data file again after a restore replaced it (migrating an older backup);
        every thread gets a fresh connection on its next use."""
        self.store.reopen()

    def transaction(self):
        """One transaction around several writes (nested ones join it): all land or none."""
        return self.store.transaction()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ----------------------------------------------------------------- profile
    def profile(self) -> dict:
        """The office profile with defaults filled in ({} fields when never set up)."""
        stored = self.store.load_profile() or {}
        merged = copy.deepcopy(records.PROFILE_DEFAULTS)
        for key, value in stored.items():
            if isinstance(value, dict) and isinstance(merged.get(key), dict):
                merged[key].update({k: v for k, v in value.items() if v is not None})
            elif value is not None:
                merged[key] = value
        return merged

    def stored_profile(self) -> Optional[dict]:
        """The profile exactly as saved, or None before the first-run dialog."""
        return self.store.load_profile()

    def has_profile(self) -> bool:
        return self.store.load_profile() is not None

    def set_profile(self, profile: dict) -> dict:
        problems = profile_problems(profile)
        if problems:
            raise ValidationError(problems)
        self.store.save_profile(profile)
        return self.profile()

    # ----------------------------------------------------------------- reading
    def get(self, kind: str, record_id: str, *, include_deleted: bool = False) -> dict:
        record_id = canonical_id(record_id) or record_id
        record = self.store.load(kind, record_id, include_deleted=include_deleted)
        if record is None:
            raise NotFound(f"找不到{records.kind_label(kind)}记录“{record_id}”（可能已删除）。")
        return record

    def dump(self, kind: str) -> list:
        """All live records of a kind in the interchange format, oldest first."""
        return self.store.load_many(kind)

    def count(self, kind: str) -> int:
        return self.store.conn.execute(
            f"SELECT count(*) FROM {kind} WHERE deleted_at IS NULL").fetchone()[0]

    def key_holder(self, kind: str, record: dict) -> Optional[str]:
        """The id of the live record that holds this record's natural key, if any."""
        return self.store.find_by_key(kind, record)

    def read(self, sql: str, params=()) -> sqlite3.Cursor:
        """A read-only query on this thread's connection, for the ledgers and the report that
        aggregate in SQL. SELECT only (a WITH could end in a DELETE): writes go through the
        methods of this class."""
        words = sql.split(None, 1)
        if not words or words[0].upper() != "SELECT":
            raise ValueError("Registry.read() runs SELECT statements only")
        return self.store.conn.execute(sql, params)

    # ----------------------------------------------------------------- register tables
    def table_seqs(self, query: queries.TableQuery, *, today: Optional[_dt.date] = None) -> list:
        """Row numbers of the records a register table shows, in display order."""
        return queries.seqs(self.store.conn, query, today=today)

    def table_rows(self, kind: str, seqs: list) -> dict:
        """seq -> the table's columns, for one page of row numbers."""
        return queries.rows(self.store.conn, kind, seqs)

    def row_number(self, kind: str, record_id: str) -> Optional[int]:
        """The row number (seq) of a live record, or None."""
        return self.store.find_seq(kind, record_id)

    def distinct_values(self, kind: str, column: str) -> list:
        """What a filter drop-down or a completer offers (sessions, committees, units …)."""
        return queries.distinct_values(self.store.conn, kind, column)

    def attention(self, *, today: Optional[_dt.date] = None) -> dict:
        """The start page's counts: open, overdue and due soon per kind."""
        return queries.attention(self.store.conn, today=today)

    def confirmation_levels(self, seqs: list, *, today: Optional[_dt.date] = None) -> dict:
        """seq -> 司法确认 window of mediation cases (one page of the mediation register)."""
        from .mediation import confirmation_levels

        return confirmation_levels(self.store.conn, seqs, today=today)

    def accepted_months(self) -> list:
        """The months (YYYY-MM) in which mediation cases were accepted, for the month filter."""
        from .mediation import accepted_months

        return accepted_months(self.store.conn)

    # ----------------------------------------------------------------- writing
    def validate(self, kind: str, record: dict) -> list:
        """Problems of one record as the editor shows them (no position prefix)."""
        problems = record_problems(kind, record)
        if not problems:
            problems = self._key_problems(kind, [record])
        return problems

    def save(self, kind: str, record: dict) -> dict:
        """Create or update one record; returns it as stored (with id and timestamps)."""
        record = _with_canonical_id(record)
        problems = self.validate(kind, record)
        if problems:
            raise ValidationError(problems)
        with self.store.transaction():
            return self._write(kind, record)

    def add_many(self, kind: str, items, *, progress=None, cancelled=None) -> list:
        """Add or update a whole list in one transaction; the ids in the list's order.

        Either every record lands or none does (a refused item, a cancel, or a crash half-way
        leave the file as it was).
        """
        if isinstance(items, list):
            items = [_with_canonical_id(item) for item in items]
        problems = check_batch(kind, items)
        if not problems:
            problems = self._key_problems(kind, items, positions=True)
        if problems:
            raise ValidationError(problems)
        ids = []
        with self.store.transaction():
            for i, item in enumerate(items):
                if cancelled is not None and cancelled():
                    raise InterruptedError("已取消，未写入任何记录。")
                ids.append(self._write(kind, item)["id"])
                if progress is not None:
                    progress(i + 1, len(items))
        return ids

    def _write(self, kind: str, record: dict) -> dict:
        record_id = record.get("id")
        before = self.store.load(kind, record_id) if record_id else None
        action = "update" if before else "create"
        record_id = record_id or new_id()
        try:
            return self.store.write(kind, record, record_id=record_id, action=action,
                                    before=before)
        except sqlite3.IntegrityError as exc:
            raise ValidationError([f"{records.describe_key(kind, record)}已存在，不能重复保存。"]) from exc

    def _key_problems(self, kind: str, items, *, positions: bool = False) -> list:
        """Duplicate keys against the file, and ids that sit in the recycle bin."""
        problems = []
        for pos, item in enumerate(items, 1):
            where = f"第{pos}条记录：" if positions else ""
            rid = item.get("id")
            if rid and self.store.find_seq(kind, rid, deleted=True) is not None:
                problems.append(f"{where}该记录（id {rid}）在回收站中，请先在回收站恢复后再修改。")
                continue
            office = (self.store.office_of(kind, rid) if rid else None) \
                or canonical_id(item.get("office_id")) or self.office_id
            holder = self.store.find_by_key(kind, item, office)
            if holder and holder != rid:
                problems.append(
                    f"{where}{records.describe_key(kind, item)}已存在，不能重复登记；"
                    f"如需修改原记录，请提供其记录编号（id：{holder}）。")
        return problems

    # ----------------------------------------------------------------- recycle bin
    def delete(self, kind: str, record_id: str) -> None:
        """Move a record to the recycle bin (回收站)."""
        record_id = canonical_id(record_id) or record_id
        with self.store.transaction():
            before = self.get(kind, record_id)
            self.store.set_deleted(kind, record_id, True)
            self.store.audit(kind, record_id, "delete", before, None)

    def restore(self, kind: str, record_id: str) -> dict:
        """Bring a record back from the recycle bin, unless its key was taken meanwhile."""
        record_id = canonical_id(record_id) or record_id
        with self.store.transaction():
            record = self.store.load(kind, record_id, include_deleted=True)
            if record is None or self.store.find_seq(kind, record_id, deleted=True) is None:
                raise NotFound("回收站中没有这条记录。")
            holder = self.store.find_by_key(kind, record, self.store.office_of(kind, record_id))
            if holder:
                raise ValidationError([
                    f"无法恢复：{records.describe_key(kind, record)}已被另一条记录使用，"
                    "请先修改或删除那条记录。"])
            self.store.set_deleted(kind, record_id, False)
            self.store.audit(kind, record_id, "restore", None, record)
        return record

    def recycle_bin(self) -> list:
        """Deleted records of every kind, newest deletion first: dicts with kind, record, deleted_at."""
        entries = []
        for kind in records.KINDS:
            for row in self.store.conn.execute(
                    f"SELECT data, id, created_at, updated_at, deleted_at FROM {kind} "
                    "WHERE deleted_at IS NOT NULL"):
                record = json.loads(row[0])
                record.update(id=row[1], created_at=row[2], updated_at=row[3])
                entries.append({"kind": kind, "record": record, "deleted_at": row[4],
                                "summary": summarize(kind, record)})
        entries.sort(key=lambda e: e["deleted_at"], reverse=True)
        return entries

    def purge(self, kind: str, record_id: str) -> None:
        """Delete for good one record that is in the recycle bin."""
        record_id = canonical_id(record_id) or record_id
        with self.store.transaction():
            if self.store.find_seq(kind, record_id, deleted=True) is None:
                raise NotFound("回收站中没有这条记录。")
            before = self.store.load(kind, record_id, include_deleted=True)
            self.store.purge(kind, record_id)
            self.store.audit(kind, record_id, "purge", before, None)

    def empty_recycle_bin(self) -> int:
        """Delete for good everything in the recycle bin; returns how many records went."""
        entries = self.recycle_bin()
        with self.store.transaction():
            for entry in entries:
                self.purge(entry["kind"], entry["record"]["id"])
        return len(entries)

    # ----------------------------------------------------------------- audit trail
    def audit_log(self, *, record_id: Optional[str] = None, day: Optional[str] = None,
                  limit: int = 1000) -> list:
        """Audit entries, newest first; filter by record id and/or by day (YYYY-MM-DD)."""
        where, params = [], []
        if record_id:
            where.append("record_id = ?")
            params.append(record_id)
        if day:
            where.append("substr(at, 1, 10) = ?")
            params.append(day)
        sql = "SELECT seq, at, kind, record_id, action, before, after FROM audit"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY seq DESC LIMIT ?"
        rows = self.store.conn.execute(sql, (*params, limit)).fetchall()
        return [{"seq": r[0], "at": r[1], "kind": r[2], "record_id": r[3], "action": r[4],
                 "before": json.loads(r[5]) if r[5] else None,
                 "after": json.loads(r[6]) if r[6] else None} for r in rows]

    def note(self, action: str, *, kind: str, record_id: str = "", detail: dict) -> None:
        """An audit entry that is not an edit: action 'export' (an output carrying unmasked
        personal data), 'notice' (something the program did that the clerk should see later),
        'merge' / 'resolve' (data exchange). `detail` is stored as the entry's `after`; its
        `text` key, in Chinese, is what the 操作记录 shows."""
        if action not in ("export", "notice", "merge", "resolve"):
            raise ValueError(f"not a note action: {action}")
        with self.store.transaction():
            self.store.audit(kind, record_id or "", action, None, detail)

    # ----------------------------------------------------------------- offices and data packages
    @property
    def office_id(self) -> str:
        """This installation's office UUID, made once (schema step 8); never changes."""
        return self.store.office_id

    def offices(self) -> list:
        """This office first, then every office a package came from: {"id", "name", "own"}.
        This office's name is the profile's 发文机关全称 (authority)."""
        from .exchange.offices import list_offices

        return list_offices(self)

    def export_package(self, path, *, kinds=None, year=None, passphrase=None, progress=None,
                       cancelled=None) -> dict:
        """Write a data package (docs/exchange.md) of this file's records; returns its manifest.
        passphrase None writes it unencrypted (the CLI asks for --no-encryption first)."""
        from .exchange.export import export_package

        return export_package(self, path, kinds=kinds, year=year, passphrase=passphrase,
                              progress=progress, cancelled=cancelled)

    def plan_package(self, path, *, passphrase=None):
        """Read and check a package and work out what merging it would change; writes nothing.
        Raises PackageRefused (a ValidationError) for a damaged, altered, too new, own or
        undecryptable package, PackageLocked when it is encrypted and no passphrase was given."""
        from .exchange.merge import plan_package

        return plan_package(self, path, passphrase=passphrase)

    def preview_package(self, plan) -> list:
        """What merging a planned package would change in the file as it is now, writing
        nothing: {"kind", "kind_label", "id", "summary", "text", "change", "office_id"} per
        record that would not stay 未变 (the GUI's preview list)."""
        from .exchange.merge import preview_changes

        return preview_changes(self, plan)

    def apply_package(self, plan, *, progress=None, cancelled=None):
        """Merge a planned package in one transaction; returns the plan's counts as applied."""
        from .exchange.merge import apply_package

        return apply_package(self, plan, progress=progress, cancelled=cancelled)

    def conflicts(self) -> list:
        """Records changed here and at another office since they were last merged:
        {"kind", "id", "office", "local", "remote", "fields", "received_at"}."""
        from .exchange.conflicts import list_conflicts

        return list_conflicts(self)

    def resolve_conflict(self, record_id: str, keep: str) -> dict:
        """Settle one conflict: keep="local" or "remote"; returns the record as it now stands."""
        from .exchange.conflicts import resolve_conflict

        return resolve_conflict(self, record_id, keep)

    def received_packages(self) -> list:
        """Packages merged into this file, newest first: {"office_id", "office_name",
        "created_at", "imported_at", "counts", "encryption"}."""
        from .exchange.offices import received_packages

        return received_packages(self)

    # ----------------------------------------------------------------- settings
    def setting(self, key: str, default=None):
        return self.store.get_setting(key, default)

    def set_setting(self, key: str, value) -> None:
        self.store.set_setting(key, value)


def _with_canonical_id(record):
    """The record with its id in the one spelling kept (an unparsable id is left for the
    validation to name)."""
    if isinstance(record, dict) and record.get("id") is not None:
        canon = canonical_id(record["id"])
        if canon and canon != record["id"]:
            return dict(record, id=canon)
    return record


def summarize(kind: str, record: dict) -> str:
    """One line naming a record, for lists such as the recycle bin and the audit trail."""
    if kind in ("proposal", "suggestion"):
        return f"{records.describe_key(kind, record)}：{record.get('title', '')}"
    if kind == "mediation":
        return f"{record.get('case_number', '')} {record.get('committee', '')}"
    if kind == "petition":
        return f"{record.get('unit', '')} {record.get('period', '')}"
    return str(record.get("id", ""))
