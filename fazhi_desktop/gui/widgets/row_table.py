"""A small editable table of rows (沟通记录, 回访记录): value() is a list of {key: text} with empty
cells and empty rows dropped, or None. A subclass sets KEYS and lays out its table and buttons.
"""
from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTableWidget, QTableWidgetItem, QWidget


class RowTable(QWidget):
    changed = Signal()
    KEYS: tuple = ()

    def _make_table(self, headers) -> QTableWidget:
        self.table = QTableWidget(0, len(self.KEYS), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.itemChanged.connect(lambda _i: self.changed.emit())
        return self.table

    def _add_remove_buttons(self, add_text: str) -> QHBoxLayout:
        """`add_text` (an empty row; self.add_button) and 删除选中 (the current row)."""
        self.add_button = QPushButton(add_text, self)
        self.add_button.clicked.connect(lambda: self.add_row({}))
        remove = QPushButton("删除选中", self)
        remove.clicked.connect(self.remove_row)
        row = QHBoxLayout()
        row.addWidget(self.add_button)
        row.addWidget(remove)
        row.addStretch(1)
        return row

    def add_row(self, values: dict = None) -> None:
        values = values if isinstance(values, dict) else {}
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        for col, key in enumerate(self.KEYS):
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
            for col, key in enumerate(self.KEYS):
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
