"""Drafts of records being edited, kept in the data file so that a crash loses no typing.

The editor saves a draft a moment after each change and discards it on save or on an explicit
"discard"; at the next start any draft left over is offered for recovery. Drafts are not records:
they are not validated, not audited and never shown in the registers.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Optional

from .dates import now_iso

NEW_RECORD = ""  # record_id of a draft for a record not saved yet (one per kind)


@dataclass
class Draft:
    kind: str
    record_id: str  # NEW_RECORD for a record never saved
    data: dict
    saved_at: str
    stale: bool = False  # the record was saved after this draft was written

    @property
    def is_new(self) -> bool:
        return self.record_id == NEW_RECORD


def save_draft(registry, kind: str, record_id: Optional[str], data: dict) -> None:
    """Keep (replace) the draft of one record; `record_id` None for a record not yet saved."""
    store = registry.store
    with store.transaction():
        store.conn.execute(
            "INSERT INTO draft(kind, record_id, data, saved_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(kind, record_id) DO UPDATE SET data = excluded.data, "
            "saved_at = excluded.saved_at",
            (kind, record_id or NEW_RECORD, json.dumps(data, ensure_ascii=False), now_iso()))


def load_drafts(registry, kind: Optional[str] = None) -> list:
    """Drafts left in the file, newest first (all kinds, or one)."""
    sql = "SELECT kind, record_id, data, saved_at FROM draft"
    params: tuple = ()
    if kind:
        sql += " WHERE kind = ?"
        params = (kind,)
    drafts = []
    for row in registry.store.conn.execute(sql + " ORDER BY saved_at DESC", params):
        try:
            data = json.loads(row[2])
        except ValueError:
            continue  # cannot happen through save_draft; never let a draft block the start
        draft = Draft(row[0], row[1], data, row[3])
        if not draft.is_new:
            saved = registry.store.load(row[0], row[1], include_deleted=True)
            draft.stale = saved is not None and (saved.get("updated_at") or "") > draft.saved_at
        drafts.append(draft)
    return drafts


def load_draft(registry, kind: str, record_id: Optional[str]) -> Optional[Draft]:
    """The draft of one record, if any (the editor asks when it opens that record)."""
    for draft in load_drafts(registry, kind):
        if draft.record_id == (record_id or NEW_RECORD):
            return draft
    return None


def discard_draft(registry, kind: str, record_id: Optional[str]) -> None:
    """Forget the draft of one record (after saving it, or when the clerk discards it)."""
    store = registry.store
    with store.transaction():
        store.conn.execute("DELETE FROM draft WHERE kind = ? AND record_id = ?",
                           (kind, record_id or NEW_RECORD))


def draft_title(draft: Draft) -> str:
    """What the recovery question calls the draft: the record as the clerk knows it
    (区政协六届一次会议第28号提案「关于…」, 新登记的提案「关于…」), never an id."""
    from . import records

    data = draft.data if isinstance(draft.data, dict) else {}
    title = str(data.get("title") or "").strip()
    quoted = f"“{title[:30]}{'…' if len(title) > 30 else ''}”" if title else ""
    if draft.kind in ("proposal", "suggestion"):
        if data.get("session") and data.get("number") not in (None, ""):
            return records.describe_key(draft.kind, data) + quoted
        return f"新登记的{records.item_word(draft.kind)}" + quoted
    if draft.kind == "mediation":
        number = str(data.get("case_number") or "").strip()
        return f"案件{number}" if number else "新登记的调解案件"
    return records.kind_label(draft.kind)
