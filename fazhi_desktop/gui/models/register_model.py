"""The proposal/suggestion table: holds the sorted row numbers (seq) of a TableQuery and reads
the rows a view asks for in pages of PAGE_SIZE, so 100,000 records cost one list of ints.

Sorting re-queries with another ORDER BY (no QSortFilterProxyModel).
"""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core import queries, records

PAGE_SIZE = 200
RecordIdRole = Qt.UserRole + 1
UrgencyRole = Qt.UserRole + 2

# (row key, header, sortable column); header uses the kind's own words where they differ.
COLUMNS = (
    ("session", "届次", "session"),
    ("number", "编号", "number"),
    ("title", "案由", "title"),
    ("authors", "提出人", "authors"),
    ("lead_unit", "主办单位", "lead_unit"),
    ("due_date", "办理期限", "due_date"),
    ("status", "状态", "status"),
    ("result_class", "办理结果", "result_class"),
)
COLUMN_WIDTHS = (150, 50, 0, 120, 120, 96, 66, 110)  # 0: 案由 takes the rest

URGENCY_BACKGROUND = {"overdue": QColor("#f8d0d0"), "due_soon": QColor("#fde9c0")}
URGENCY_FOREGROUND = {"overdue": QColor("#8e0000"), "due_soon": QColor("#6d4c00")}
URGENCY_TIPS = {"overdue": "已超过办理期限", "due_soon": "14天内到期"}
_ENUM_WORDS = {"status": records.STATUS, "result_class": records.RESULT_CLASS}


class RegisterModel(QAbstractTableModel):
    """Rows of one kind (proposal or suggestion) matching a TableQuery."""

    def __init__(self, registry, kind: str, parent=None, *, today: Optional[_dt.date] = None):
        super().__init__(parent)
        self.registry = registry
        self.kind = kind
        self.query = queries.TableQuery(kind, order_by="number", descending=False)
        self.today = today  # tests pin the day; None means the real today
        self._seqs: list = []
        self._cache: dict = {}
        self.pages_loaded = 0  # how many pages were read (tests check laziness)

    # ------------------------------------------------------------- querying
    def set_query(self, query: queries.TableQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Re-run the query (after a filter, a sort or a save)."""
        self.beginResetModel()
        self._seqs = queries.seqs(self.registry.store.conn, self.query, today=self.today)
        self._cache = {}
        self.pages_loaded = 0
        self.endResetModel()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:  # Qt override: header click
        self.query.order_by = COLUMNS[column][2]
        self.query.descending = order == Qt.DescendingOrder
        self.reload()

    def _row(self, row: int) -> Optional[dict]:
        seq = self._seqs[row]
        if seq not in self._cache:
            start = (row // PAGE_SIZE) * PAGE_SIZE
            page = self._seqs[start:start + PAGE_SIZE]
            self._cache.update(queries.rows(self.registry.store.conn, self.kind, page))
            self.pages_loaded += 1
        return self._cache.get(seq)

    # ------------------------------------------------------------- Qt model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._seqs)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            if COLUMNS[section][0] == "authors":
                return f"提出人（{records.people_word(self.kind)}）"
            return COLUMNS[section][1]
        return None

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:  # deleted by another window since the query ran
            return None
        key = COLUMNS[index.column()][0]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            value = row.get(key)
            if key in _ENUM_WORDS:
                value = _ENUM_WORDS[key].get(value, value) if value else ""
            if key == "status" and not value:
                value = records.STATUS["pending"]
            text = "" if value is None else str(value)
            if role == Qt.ToolTipRole:
                tip = URGENCY_TIPS.get(self._urgency(row))
                return f"{text}（{tip}）" if tip and key == "due_date" else (text or None)
            return text
        if role == Qt.TextAlignmentRole and key in ("number", "due_date"):
            return int(Qt.AlignCenter)
        if role == Qt.BackgroundRole:
            color = URGENCY_BACKGROUND.get(self._urgency(row))
            return QBrush(color) if color else None
        if role == Qt.ForegroundRole:
            color = URGENCY_FOREGROUND.get(self._urgency(row))
            return QBrush(color) if color else None
        if role == RecordIdRole:
            return row["id"]
        if role == UrgencyRole:
            return self._urgency(row)
        return None

    def _urgency(self, row: dict) -> Optional[str]:
        return queries.urgency(row, today=self.today)

    # ------------------------------------------------------------- helpers for the page
    def record_id(self, row: int) -> Optional[str]:
        if 0 <= row < len(self._seqs):
            found = self._row(row)
            return found["id"] if found else None
        return None

    def row_of(self, record_id: str) -> int:
        """The row showing a record, or -1 (reads pages until found; used after a save)."""
        seq = self.registry.store.find_seq(self.kind, record_id)
        try:
            return self._seqs.index(seq)
        except ValueError:
            return -1
