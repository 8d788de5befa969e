"""Erasing people's data for good once its retention period has passed (docs/data-protection.md).

Deleting a record only moves it to the 回收站, and even 彻底删除 (Registry.purge) leaves copies of
what it held: every audit entry keeps the record before and after each edit, a draft may hold
it, the search tables keep their words until merged, and SQLite keeps freed pages in the file
until it is rebuilt. `erase_records` removes all of these in the data file:

1. the records go (from the register or the 回收站) as Registry.purge does it;
2. their audit entries keep who did what when, but not the content (before/after emptied, the
   entry says the data was erased); drafts of them are dropped;
3. the search tables are merged, the file is rebuilt (VACUUM, with secure_delete on) and the
   write-ahead log truncated, so no page of the old content stays in the data file;
4. the 操作记录 notes how many records were erased (without names).

What it cannot reach: backups taken before (they hold the data until the rotation of
core/backup.py deletes them, at most 12 months for the oldest monthly copy, or until someone
deletes them), packages already sent to another office, documents and ledgers written to disk.
"""
from __future__ import annotations

import datetime as _dt
import json
from dataclasses import dataclass
from typing import Iterable

from . import records
from .errors import NotFound

ERASED_TEXT = "该记录的内容已按保存期限彻底删除（个人信息已清除）"
_SEARCH_TABLES = ("{kind}_search", "{kind}_pairs", "{kind}_trigrams")


@dataclass
class Erasure:
    """What `erase_records` did: how many records, audit entries and drafts it cleared."""

    records: int
    audit_entries: int
    drafts: int

    def describe(self) -> str:
        return (f"已彻底删除{self.records}条记录，清除{self.audit_entries}条操作记录中的内容"
                f"和{self.drafts}份草稿，并已整理数据文件。此前的备份中仍有这些数据，"
                "会随备份轮换逐步删除。")


def mediation_cases_closed_before(registry, day: _dt.date) -> list:
    """Ids of mediation cases (live or in the 回收站) closed before `day` — or, never closed,
    accepted before it: the candidates once the retention period up to `day` has passed."""
    rows = registry.store.conn.execute(
        "SELECT id FROM mediation WHERE coalesce(closed_date, accepted_date) < ? "
        "ORDER BY accepted_date", (day.isoformat(),)).fetchall()
    return [row[0] for row in rows]


def erase_records(registry, kind: str, ids: Iterable[str]) -> Erasure:
    """Erase these records of `kind` for good (see the module text); NotFound names an unknown id.

    All changes to the records, their audit entries and drafts are one transaction; the file is
    rebuilt afterwards (VACUUM cannot run inside a transaction).
    """
    if kind not in records.KINDS:
        raise ValueError(kind)
    ids = list(dict.fromkeys(ids))
    store = registry.store
    conn = store.conn
    with store.transaction():
        for record_id in ids:
            if store.find_seq(kind, record_id, deleted=None) is None:
                raise NotFound(f"没有编号为“{record_id}”的记录，未删除任何记录。")
        for record_id in ids:
            store.purge(kind, record_id)
        marks = ",".join("?" * len(ids))
        audit_entries = conn.execute(
            f"UPDATE audit SET before = NULL, after = ? WHERE kind = ? AND record_id IN ({marks})",
            (json.dumps({"text": ERASED_TEXT}, ensure_ascii=False), kind, *ids)).rowcount if ids else 0
        drafts = conn.execute(
            f"DELETE FROM draft WHERE kind = ? AND record_id IN ({marks})",
            (kind, *ids)).rowcount if ids else 0
        if _has_table(conn, "conflict"):  # the other office's copy kept beside it (data exchange)
            conn.execute(f"DELETE FROM conflict WHERE kind = ? AND record_id IN ({marks})", (kind, *ids))
        store.audit(kind, "", "notice", None,
                    {"text": f"按保存期限彻底删除{len(ids)}条{records.KIND_LABELS[kind]}记录及其操作记录内容"})
    compact(registry, kind)
    return Erasure(len(ids), audit_entries, drafts)


def compact(registry, kind: str) -> None:
    """Leave no page of erased content in the file: merge the search tables, rebuild the file
    with zeroed free pages, and empty the write-ahead log."""
    conn = registry.store.conn
    for pattern in _SEARCH_TABLES:
        table = pattern.format(kind=kind)
        if _has_table(conn, table):
            conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")
    conn.execute("PRAGMA secure_delete = ON")
    conn.execute("VACUUM")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def _has_table(conn, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None
