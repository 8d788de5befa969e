"""统计 page (first, minimal version: record counts per register)."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ...core import records


class StatisticsPage(QWidget):
    """The year's figures of the four registers."""

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.label = QLabel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        lines = [f"{records.kind_label(k)}：{self.registry.count(k)}条" for k in records.KINDS]
        self.label.setText("\n".join(lines))
