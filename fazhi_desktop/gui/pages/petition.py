"""信访统计 page (first, minimal version: a table of the monthly rows)."""
from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ...core import queries, records


class PetitionPage(QWidget):
    """Monthly petition counts per unit."""

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.columns = [("unit", "填报单位"), ("period", "月份")] + list(records.PETITION_COUNTS)
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setHorizontalHeaderLabels([label for _, label in self.columns])
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        conn = self.registry.store.conn
        q = queries.TableQuery("petition", order_by="period", descending=False)
        seq_list = queries.seqs(conn, q)
        found = queries.rows(conn, "petition", seq_list)
        self.table.setRowCount(len(seq_list))
        for r, seq in enumerate(seq_list):
            for c, (name, _) in enumerate(self.columns):
                value = found[seq].get(name)
                self.table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
