"""人民调解 register page (first, minimal version: a table over core.queries)."""
from __future__ import annotations

from PySide6.QtWidgets import QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ...core import queries, records


class MediationPage(QWidget):
    """The mediation cases of the open data file."""

    COLUMNS = (("case_number", "案件编号"), ("committee", "调解委员会"),
               ("accepted_date", "受理日期"), ("dispute_type", "纠纷类型"),
               ("party_names", "当事人"), ("outcome", "调解结果"))

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.table = QTableWidget(0, len(self.COLUMNS), self)
        self.table.setHorizontalHeaderLabels([label for _, label in self.COLUMNS])
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        self.refresh()

    def refresh(self) -> None:
        conn = self.registry.store.conn
        q = queries.TableQuery("mediation", order_by="accepted_date")
        seq_list = queries.seqs(conn, q)
        found = queries.rows(conn, "mediation", seq_list)
        self.table.setRowCount(len(seq_list))
        for r, seq in enumerate(seq_list):
            row = found[seq]
            for c, (name, _) in enumerate(self.COLUMNS):
                value = row.get(name)
                if name == "outcome":
                    value = records.OUTCOME.get(value, value)
                self.table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
