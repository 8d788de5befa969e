"""The communication log (沟通记录): a small table of date, method and summary rows."""
from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QVBoxLayout

from ...core.records import COMMUNICATION_FIELDS
from ..widgets.row_table import RowTable

_KEYS = [f.name for f in COMMUNICATION_FIELDS]


class CommunicationTable(RowTable):
    """value() -> list of {date, method, summary} (empty rows dropped) or None."""

    KEYS = tuple(_KEYS)

    def __init__(self, parent=None):
        super().__init__(parent)
        self._make_table([f.label for f in COMMUNICATION_FIELDS])
        header = self.table.horizontalHeader()
        header.resizeSection(0, 110)
        header.resizeSection(1, 110)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        self.table.setToolTip("日期格式：YYYY-MM-DD；方式如：面商、电话、座谈")
        buttons = self._add_remove_buttons("添加一条")
        self.add_button.setToolTip("添加一条沟通记录")
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.setFocusProxy(self.table)
