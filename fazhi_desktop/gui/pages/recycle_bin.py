"""回收站: every deleted record of every kind; restore, delete for good, or empty the bin."""
from __future__ import annotations

from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox,
                               QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core import records
from ...core.errors import FazhiError, ValidationError


class RecycleBinPage(QWidget):
    """The recycle bin; `restored` callbacks let other pages refresh."""

    HEADERS = ("类别", "记录", "删除时间")

    def __init__(self, registry, parent=None, *, on_change=None):
        super().__init__(parent)
        self.registry = registry
        self.on_change = on_change
        self.entries = []
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setColumnWidth(0, 100)
        self.table.setColumnWidth(2, 180)
        self.restore_button = QPushButton("恢复", self)
        self.restore_button.setToolTip("把选中的记录恢复到原来的登记表")
        self.restore_button.clicked.connect(self.restore_selected)
        self.purge_button = QPushButton("彻底删除", self)
        self.purge_button.setToolTip("永久删除选中的记录（不可恢复）")
        self.purge_button.clicked.connect(self.purge_selected)
        self.empty_button = QPushButton("清空回收站", self)
        self.empty_button.setToolTip("永久删除回收站中的全部记录（不可恢复）")
        self.empty_button.clicked.connect(self.empty)
        self.count_label = QLabel(self)
        buttons = QHBoxLayout()
        for widget in (self.restore_button, self.purge_button, self.empty_button):
            buttons.addWidget(widget)
        buttons.addStretch(1)
        buttons.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("删除的记录先放在回收站，可以恢复；彻底删除后无法恢复。", self))
        layout.addLayout(buttons)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        self.entries = self.registry.recycle_bin()
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            cells = (records.kind_label(entry["kind"]), entry["summary"],
                     entry["deleted_at"].replace("T", " ")[:19])
            for col, text in enumerate(cells):
                self.table.setItem(row, col, QTableWidgetItem(text))
        self.count_label.setText(f"共 {len(self.entries)} 条")
        for button in (self.restore_button, self.purge_button, self.empty_button):
            button.setEnabled(bool(self.entries))

    def selected_entries(self) -> list:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.entries[r] for r in rows]

    def _changed(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        self.refresh()
        if rows and self.table.rowCount():  # the entry that took the first one's place
            self.table.selectRow(min(rows[0], self.table.rowCount() - 1))
        if self.on_change is not None:
            self.on_change()

    def restore_selected(self) -> None:
        refused, restored = [], []
        for entry in self.selected_entries():
            try:
                self.registry.restore(entry["kind"], entry["record"]["id"])
                restored.append(f"{records.kind_label(entry['kind'])}{entry['summary']}")
            except ValidationError as exc:
                refused.extend(exc.problems)
            except FazhiError as exc:
                refused.append(str(exc))
        self._changed()
        if restored:
            from .record_page import announce

            what = "、".join(restored) if len(restored) <= 2 else f"{len(restored)}条记录"
            announce(self, f"已恢复：{what}（已回到原来的登记表）")
        if refused:
            from ...core.validation import clerk_text

            QMessageBox.warning(self, "恢复", "\n".join(clerk_text(p) for p in refused))

    def purge_selected(self) -> None:
        chosen = self.selected_entries()
        if not chosen:
            return
        if QMessageBox.question(self, "彻底删除", f"永久删除选中的 {len(chosen)} 条记录？删除后无法恢复。",
                                QMessageBox.Yes | QMessageBox.No, QMessageBox.No) != QMessageBox.Yes:
            return
        for entry in chosen:
            self.registry.purge(entry["kind"], entry["record"]["id"])
        self._changed()

    def empty(self) -> None:
        if QMessageBox.question(self, "清空回收站",
                                f"永久删除回收站中的全部 {len(self.entries)} 条记录？删除后无法恢复。",
                                QMessageBox.Yes | QMessageBox.No, QMessageBox.No) != QMessageBox.Yes:
            return
        self.registry.empty_recycle_bin()
        self._changed()
