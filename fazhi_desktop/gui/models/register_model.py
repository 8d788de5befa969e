"""The proposal/suggestion table: a lazy model (models/lazy_table.py) with the columns a clerk
scans, overdue rows red and rows due within 14 days amber."""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ...core import queries, records
from .lazy_table import LazyTableModel

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
    ("office", "单位", "office"),  # shown only with several offices' records (widgets/office_filter)
)
COLUMN_WIDTHS = (150, 50, 0, 120, 120, 96, 66, 110, 130)  # 0: 案由 takes the rest

URGENCY_BACKGROUND = {"overdue": QColor("#f8d0d0"), "due_soon": QColor("#fde9c0")}
URGENCY_FOREGROUND = {"overdue": QColor("#8e0000"), "due_soon": QColor("#6d4c00")}
URGENCY_TIPS = {"overdue": "已超过办理期限", "due_soon": "14天内到期"}
_ENUM_WORDS = {"status": records.STATUS, "result_class": records.RESULT_CLASS}


class RegisterModel(LazyTableModel):
    """Rows of one kind (proposal or suggestion) matching a TableQuery."""

    columns = COLUMNS

    def __init__(self, registry, kind: str, parent=None, *, today: Optional[_dt.date] = None):
        super().__init__(registry, kind, queries.TableQuery(kind, order_by="number", descending=False),
                         parent, today=today)
        self.office_names: dict = {}  # office id -> name, for the 单位 column

    def sort_key(self, column: int) -> str:
        return COLUMNS[column][2]

    def header_text(self, section: int) -> str:
        if COLUMNS[section][0] == "authors":
            return f"提出人（{records.people_word(self.kind)}）"
        return COLUMNS[section][1]

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:  # deleted by another window since the query ran
            return None
        key = COLUMNS[index.column()][0]
        if role in (Qt.DisplayRole, Qt.ToolTipRole):
            value = row.get(key)
            if key == "office":
                value = self.office_names.get(row.get("office_id"), "")
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
