"""修改记录: the audit trail of one record (when, what was done, which fields changed)."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ...core import records

ACTIONS = {"create": "新建", "update": "修改", "delete": "删除（移到回收站）", "restore": "从回收站恢复",
           "purge": "彻底删除"}


def changed_fields(kind: str, before, after) -> str:
    """The Chinese labels of the fields that differ between two versions."""
    if not before or not after:
        return ""
    labels = {f.name: f.label for f in records.FIELDS[kind]}
    names = [name for name in labels if before.get(name) != after.get(name)]
    return "、".join(labels[name] for name in names)


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
            cells = (entry["at"].replace("T", " ")[:19], ACTIONS.get(entry["action"], entry["action"]),
                     changed_fields(self.kind, entry["before"], entry["after"]))
            for col, text in enumerate(cells):
                self.setItem(row, col, QTableWidgetItem(text))
