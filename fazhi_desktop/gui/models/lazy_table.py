"""A table model over one register that holds only the sorted row numbers (seq) of a TableQuery
and reads the rows a view asks for in pages, so 100,000 records cost one list of ints.

Sorting re-queries with another ORDER BY (no QSortFilterProxyModel). Subclasses name their
columns and say how a row is shown (`data`); a subclass that needs more per page than the row
itself (the mediation register's 司法确认 windows) extends `_load_page`.
"""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt

from ...core import queries

PAGE_SIZE = 200


class LazyTableModel(QAbstractTableModel):
    """Rows of `kind` matching a TableQuery. `columns` is a tuple whose items start with
    (row key, header, ...); a key in queries.SORTABLE sorts on a header click."""

    columns: tuple = ()

    def __init__(self, registry, kind: str, query: queries.TableQuery, parent=None, *,
                 today: Optional[_dt.date] = None):
        super().__init__(parent)
        self.registry = registry
        self.kind = kind
        self.query = query
        self.today = today  # tests pin the day; None means the real today
        self._seqs: list = []
        self._cache: dict = {}
        self.pages_loaded = 0  # how many pages were read (tests check laziness)

    # ------------------------------------------------------------- querying
    def set_query(self, query: queries.TableQuery) -> None:
        self.query = query
        self.reload()

    def reload(self) -> None:
        """Re-run the query (after a filter, a sort or a save)."""
        self.beginResetModel()
        self._seqs = self.registry.table_seqs(self.query, today=self.today)
        self._cache = {}
        self.pages_loaded = 0
        self._forget_pages()
        self.endResetModel()

    def sort(self, column: int, order=Qt.AscendingOrder) -> None:  # Qt override: header click
        key = self.sort_key(column)
        if key in queries.SORTABLE[self.kind]:
            self.query.order_by = key
            self.query.descending = order == Qt.DescendingOrder
            self.reload()

    def sort_key(self, column: int) -> str:
        return self.columns[column][0]

    def _row(self, row: int) -> Optional[dict]:
        seq = self._seqs[row]
        if seq not in self._cache:
            start = (row // PAGE_SIZE) * PAGE_SIZE
            self._load_page(self._seqs[start:start + PAGE_SIZE])
            self.pages_loaded += 1
        return self._cache.get(seq)  # None: deleted by another window since the query ran

    def _load_page(self, page: list) -> None:
        self._cache.update(self.registry.table_rows(self.kind, page))

    def _forget_pages(self) -> None:
        """Drop what a subclass keeps per page beside the rows."""

    # ------------------------------------------------------------- Qt model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._seqs)

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.DisplayRole:
            return self.header_text(section)
        return None

    def header_text(self, section: int) -> str:
        return self.columns[section][1]

    # ------------------------------------------------------------- helpers for the page
    def record_id(self, row: int) -> Optional[str]:
        if 0 <= row < len(self._seqs):
            found = self._row(row)
            return found["id"] if found else None
        return None

    def row_of(self, record_id: str) -> int:
        """The row showing a record, or -1 (used to select a record after a save)."""
        seq = self.registry.row_number(self.kind, record_id)
        try:
            return self._seqs.index(seq)
        except ValueError:
            return -1
