"""The proposal/suggestion table: a lazy model (models/lazy_table.py) with the columns a clerk
scans, overdue rows red and rows due within 14 days amber."""
from __future__ import annotations

import datetime as _dt
from typing import NamedTuple, Optional

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


_DISPLAY, _TOOLTIP, _ALIGNMENT = int(Qt.DisplayRole), int(Qt.ToolTipRole), int(Qt.TextAlignmentRole)
_BACKGROUND, _FOREGROUND = int(Qt.BackgroundRole), int(Qt.ForegroundRole)
_RECORD_ID, _URGENCY = int(RecordIdRole), int(UrgencyRole)
_CENTERED = int(Qt.AlignCenter)


class _ShownRow(NamedTuple):
    """What one row shows, per column and role (RegisterModel.data)."""

    texts: tuple
    tips: tuple
    background: Optional[QBrush]
    foreground: Optional[QBrush]
    record_id: str
    urgency: Optional[str]


class RegisterModel(LazyTableModel):
    """Rows of one kind (proposal or suggestion) matching a TableQuery."""

    columns = COLUMNS

    def __init__(self, registry, kind: str, parent=None, *, today: Optional[_dt.date] = None):
        super().__init__(registry, kind, queries.TableQuery(kind, order_by="number", descending=False),
                         parent, today=today)
        self.office_names: dict = {}  # office id -> name, for the 单位 column
        self._shown_rows: dict = {}  # seq -> _ShownRow, dropped with the pages (reload)

    def sort_key(self, column: int) -> str:
        return COLUMNS[column][2]

    def header_text(self, section: int) -> str:
        if COLUMNS[section][0] == "authors":
            return f"提出人（{records.people_word(self.kind)}）"
        return COLUMNS[section][1]

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        # A view asks every cell for ~8 roles on every paint: what a row shows is worked out
        # once per row (texts, urgency, brushes) and each call is a look-up (issue 16: ~60 us a
        # call before, most of a screen's paint time).
        if not index.isValid():
            return None
        shown = self._shown(index.row())
        if shown is None:  # deleted by another window since the query ran
            return None
        role = int(role)
        column = index.column()
        if role == _DISPLAY:
            return shown.texts[column]
        if role == _TOOLTIP:
            return shown.tips[column]
        if role == _ALIGNMENT:
            return _CENTERED if COLUMNS[column][0] in ("number", "due_date") else None
        if role == _BACKGROUND:
            return shown.background
        if role == _FOREGROUND:
            return shown.foreground
        if role == _RECORD_ID:
            return shown.record_id
        if role == _URGENCY:
            return shown.urgency
        return None

    def _shown(self, row_index: int) -> Optional["_ShownRow"]:
        row = self._row(row_index)
        if row is None:
            return None
        seq = self._seqs[row_index]
        shown = self._shown_rows.get(seq)
        if shown is None:
            shown = self._shown_rows[seq] = self._show(row)
        return shown

    def _show(self, row: dict) -> "_ShownRow":
        urgency = self._urgency(row)
        texts = []
        for key, *_ in COLUMNS:
            value = row.get(key)
            if key == "office":
                value = self.office_names.get(row.get("office_id"), "")
            if key in _ENUM_WORDS:
                value = _ENUM_WORDS[key].get(value, value) if value else ""
            if key == "status" and not value:
                value = records.STATUS["pending"]
            texts.append("" if value is None else str(value))
        tip = URGENCY_TIPS.get(urgency)
        tips = tuple(f"{text}（{tip}）" if tip and key == "due_date" else (text or None)
                     for (key, *_), text in zip(COLUMNS, texts))
        background = URGENCY_BACKGROUND.get(urgency)
        foreground = URGENCY_FOREGROUND.get(urgency)
        return _ShownRow(tuple(texts), tips, QBrush(background) if background else None,
                         QBrush(foreground) if foreground else None, row["id"], urgency)

    def _forget_pages(self) -> None:
        super()._forget_pages()
        self._shown_rows = {}

    def _urgency(self, row: dict) -> Optional[str]:
        return queries.urgency(row, today=self.today)
