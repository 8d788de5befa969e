"""A read-only list as a table: whole rows selected one at a time, no row numbers."""
from __future__ import annotations

from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget


def read_only_table(parent, headers, widths, *, stretch: int) -> QTableWidget:
    """A table of `headers` with the given column widths; column `stretch` takes the rest."""
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(list(headers))
    table.setEditTriggers(QAbstractItemView.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectRows)
    table.setSelectionMode(QAbstractItemView.SingleSelection)
    table.verticalHeader().setVisible(False)
    for col, width in enumerate(widths):
        table.setColumnWidth(col, width)
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.Stretch)
    return table
