"""A stand-in while a kind's own page is missing: its records read-only, through core.queries."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget

from ...core import queries, records

_COLUMNS = {
    "mediation": ("case_number", "committee", "accepted_date", "dispute_type", "party_names"),
    "petition": ("unit", "period", "letters", "visits", "online", "phone"),
}
_LABELS = {"party_names": "当事人"}


class ReadOnlyKindPage(QWidget):
    def __init__(self, registry, kind=None, parent=None):
        super().__init__(parent)
        self.registry, self.kind = registry, kind
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("此页面在本版本中为只读。", self))
        self.table = QTableWidget(self)
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        if self.kind not in _COLUMNS:
            self.table.hide()
            return
        fields = records.field_map(self.kind)
        names = _COLUMNS[self.kind]
        self.table.setColumnCount(len(names))
        self.table.setHorizontalHeaderLabels(
            [_LABELS.get(n) or fields[n].label for n in names])
        conn = self.registry.store.conn
        seq_list = queries.seqs(conn, queries.TableQuery(self.kind))
        found = queries.rows(conn, self.kind, seq_list)
        self.table.setRowCount(len(seq_list))
        for r, seq in enumerate(seq_list):
            for c, name in enumerate(names):
                value = found[seq].get(name)
                self.table.setItem(r, c, QTableWidgetItem("" if value is None else str(value)))
