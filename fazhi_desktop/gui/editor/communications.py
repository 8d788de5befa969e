"""The communication log (沟通记录): a small table of date, method and summary rows."""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QHBoxLayout, QHeaderView, QPushButton, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from ...core.records import COMMUNICATION_FIELDS

_KEYS = [f.name for f in COMMUNICATION_FIELDS]


class CommunicationTable(QWidget):
    """value() -> list of {date, method, summary} (empty rows dropped) or None."""

    changed = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, len(_KEYS), self)
        self.table.setHorizontalHeaderLabels([f.label for f in COMMUNICATION_FIELDS])
        header = self.table.horizontalHeader()
        header.resizeSection(0, 110)
        header.resizeSection(1, 110)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.setToolTip("日期格式：YYYY-MM-DD；方式如：面商、电话、座谈")
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        add = QPushButton("添加一条", self)
        add.setToolTip("添加一条沟通记录")
        add.clicked.connect(self.add_row)
        remove = QPushButton("删除选中", self)
        remove.clicked.connect(self.remove_row)
        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)

    def add_row(self, values: dict = None) -> None:
        values = values if isinstance(values, dict) else {}
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, key in enumerate(_KEYS):
            value = values.get(key)
            self.table.setItem(row, col, QTableWidgetItem("" if value is None else str(value)))
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        self.changed.emit()

    def remove_row(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)
            self.changed.emit()

    def value(self):
        entries = []
        for row in range(self.table.rowCount()):
            entry = {}
            for col, key in enumerate(_KEYS):
                item = self.table.item(row, col)
                text = item.text().strip() if item else ""
                if text:
                    entry[key] = text
            if entry:
                entries.append(entry)
        return entries or None

    def set_value(self, value) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        for entry in value or []:
            self.add_row(entry)

    def setStyleSheet(self, style: str) -> None:  # noqa: N802
        self.table.setStyleSheet(style)
