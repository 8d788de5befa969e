"""修改记录: the audit trail of one record (when, what was done, which fields changed)."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...core.audit_view import ACTION_HINTS, ACTION_WORDS, changed_fields

class HistoryTable(QTableWidget):
    HEADERS = ("时间", "操作", "改动的项目")

    def __init__(self, registry, kind: str, parent=None):
        super().__init__(0, len(self.HEADERS), parent)
        self.registry, self.kind = registry, kind
        self.setHorizontalHeaderLabels(self.HEADERS)
        self.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.verticalHeader().setVisible(False)
        self.setColumnWidth(0, 170)
        self.setColumnWidth(1, 150)
        self.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)

    def show_record(self, record_id) -> None:
        entries = self.registry.audit_log(record_id=record_id) if record_id else []
        self.setRowCount(len(entries))
        for row, entry in enumerate(entries):
            action = entry["action"]
            changes = (changed_fields(self.kind, entry["before"], entry["after"])
                       if entry["before"] and entry["after"] else [])
            cells = (entry["at"].replace("T", " ")[:19], ACTION_WORDS.get(action, action),
                     "、".join(label for label, _old, _new in changes) or ACTION_HINTS.get(action, ""))
            for col, text in enumerate(cells):
                self.setItem(row, col, QTableWidgetItem(text))
