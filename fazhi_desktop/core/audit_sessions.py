"""One 操作记录 entry per editing session of a record, not one per save (issue 17.4).

The petition grid saves a month row at every cell, like a spreadsheet that cannot lose data; the
操作记录 would then hold a dozen entries for filling in one month. An `EditSession` folds the
entries of its saves of one record into the first: that entry keeps the record as it was before
the session (`before`) and takes the record as it is after the last save (`after`, and its time).
A session ends when the clerk turns to other rows (another unit or year, another page).
"""
from __future__ import annotations


class EditSession:
    """Saves through `save()` between two `end()`s are one audit entry per record."""

    def __init__(self, registry):
        self.registry = registry
        self._first: dict = {}  # (kind, record_id) -> seq of the session's entry

    def save(self, kind: str, record: dict) -> dict:
        """registry.save, then the new audit entry folded into the session's one (one
        transaction: the entry is never lost nor doubled)."""
        store = self.registry.store
        with store.transaction():
            stored = self.registry.save(kind, record)
            key = (kind, stored["id"])
            row = store.conn.execute(
                "SELECT seq, at, after FROM audit WHERE kind = ? AND record_id = ? "
                "ORDER BY seq DESC LIMIT 1", key).fetchone()
            if row is None:
                return stored
            first = self._first.get(key)
            if first is None or first == row[0]:
                self._first[key] = row[0]
                return stored
            still_there = store.conn.execute(
                "SELECT 1 FROM audit WHERE seq = ?", (first,)).fetchone()
            if still_there is None:  # pruned meanwhile: this entry starts a new fold
                self._first[key] = row[0]
                return stored
            store.conn.execute("UPDATE audit SET at = ?, after = ? WHERE seq = ?",
                               (row[1], row[2], first))
            store.conn.execute("DELETE FROM audit WHERE seq = ?", (row[0],))
        return stored

    def end(self) -> None:
        """The next save of any record starts a new entry."""
        self._first.clear()

