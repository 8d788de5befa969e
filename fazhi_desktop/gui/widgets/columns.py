"""Column widths measured from what a column shows, not fixed in pixels: a column is as wide as
its widest sample value (or its header) in the table's own font, so it fits at any font size
and scaling; the columns without a sample share what is left and elide their text with "…"
(the whole text stays in the cell's tooltip). No horizontal scrollbar at 1024 pixels."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView, QTableView

PADDING = 18  # cell margins and the sort arrow's room


def text_width(widget, text: str) -> int:
    return widget.fontMetrics().horizontalAdvance(text) + PADDING


def fit_columns(table: QTableView, samples: dict, keys: list, *, minimum: int = 80) -> None:
    """`samples`: column key -> widest value (None: shares the rest); `keys` in model order."""
    header = table.horizontalHeader()
    header.setStretchLastSection(False)
    header.setMinimumSectionSize(40)
    model = table.model()
    table.setTextElideMode(Qt.ElideRight)
    for column, key in enumerate(keys):
        title = str(model.headerData(column, Qt.Horizontal, Qt.DisplayRole) or "")
        sample = samples.get(key)
        if sample is None:
            header.setSectionResizeMode(column, QHeaderView.Stretch)
            continue
        header.setSectionResizeMode(column, QHeaderView.Interactive)
        table.setColumnWidth(column, max(text_width(table, sample), text_width(header, title),
                                         minimum if not sample else 0))
