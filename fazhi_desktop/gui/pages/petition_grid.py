"""The monthly petition grid of one unit and year: 12 month rows and a totals row, the counts of
interchange.md as columns plus 信访总量, 五级合计, 环比 and 同比; each edited month row is saved at
once through registry.save (one transaction per save), like a spreadsheet that cannot lose data.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QIntValidator
from PySide6.QtWidgets import (QAbstractItemDelegate, QAbstractItemView, QLineEdit, QSizePolicy,
                               QStyledItemDelegate, QTableView)

from ...core import normalize, queries, stats
from ...core.errors import FazhiError, ValidationError
from ...core.records import PETITION_COUNTS
from ...core.stats_text import fmt_percent

COUNT_KEYS = [name for name, _ in PETITION_COUNTS]
DERIVED = [("channel_total", "信访总量"), ("level_total", "五级合计"),
           ("mom", "环比"), ("yoy", "同比")]
# Short headers so that 17 columns fit a 1280-pixel window; the full words are the tooltips.
_SHORT = {"group_visits": "集体访批次", "group_visit_persons": "集体访人次", "to_county": "到区县",
          "to_township": "到乡镇", "online": "网上", "resolved": "化解办结"}
HEADERS = [_SHORT.get(name, label) for name, label in PETITION_COUNTS] + [label for _, label in DERIVED]
FULL_HEADERS = [label for _, label in PETITION_COUNTS] + ["信访总量（来信+来访+网上+电话）",
                                                         "五级信访合计（赴京+到省+到市+到区县+到乡镇）",
                                                         "信访总量环比（与上月比）", "信访总量同比（与上年同月比）"]
TOTAL_ROW = 12
MAX_COUNT = 999999
READ_ONLY_BG = QColor("#f1f3f6")


def _signed(value: Optional[float]) -> str:
    if value is None:
        return "—"
    return ("+" if value > 0 else "") + fmt_percent(value)


class PetitionGridModel(QAbstractTableModel):
    """Rows 0-11 are January-December, row 12 the year's totals."""

    saved = Signal(str)        # the period saved
    refused = Signal(list)     # the core's problems, in Chinese

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.unit: Optional[str] = None
        self.year = 0
        self.months: dict = {}     # month 1-12 -> stored record
        self.figures: Optional[dict] = None

    # ------------------------------------------------------------- loading
    def load(self, unit: Optional[str], year: int) -> None:
        self.beginResetModel()
        self.unit, self.year, self.months = unit, year, {}
        if unit:
            q = queries.TableQuery("petition", unit=unit, year=year, order_by="period",
                                   descending=False)
            for row in self.registry.table_rows("petition", self.registry.table_seqs(q)).values():
                self.months[int(row["period"][5:7])] = row
        self._refresh_figures()
        self.endResetModel()

    def _refresh_figures(self) -> None:
        self.figures = stats.petition_figures(self.registry, self.year, unit=self.unit) \
            if self.unit else None

    # ------------------------------------------------------------- Qt model
    def rowCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 13

    def columnCount(self, parent=QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if orientation == Qt.Horizontal and role == Qt.ToolTipRole:
            return FULL_HEADERS[section]
        if role != Qt.DisplayRole:
            return None
        if orientation == Qt.Horizontal:
            return HEADERS[section]
        return "合计" if section == TOTAL_ROW else f"{section + 1}月"

    def flags(self, index: QModelIndex):
        base = Qt.ItemIsEnabled | Qt.ItemIsSelectable
        if self.unit and index.row() < TOTAL_ROW and index.column() < len(COUNT_KEYS):
            return base | Qt.ItemIsEditable
        return base

    def _counts(self, row: int) -> Optional[dict]:
        if row == TOTAL_ROW:
            if not self.months:
                return None
            return {k: sum(r.get(k) or 0 for r in self.months.values()) for k in COUNT_KEYS}
        return self.months.get(row + 1)

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row, col = index.row(), index.column()
        counts = self._counts(row)
        if role in (Qt.DisplayRole, Qt.EditRole):
            if col < len(COUNT_KEYS):
                return "" if counts is None else str(counts.get(COUNT_KEYS[col]) or 0)
            return self._derived(row, DERIVED[col - len(COUNT_KEYS)][0], counts)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.BackgroundRole and not self.flags(index) & Qt.ItemIsEditable:
            return QBrush(READ_ONLY_BG)
        if role == Qt.FontRole and (row == TOTAL_ROW or col == len(COUNT_KEYS)):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ToolTipRole and col >= len(COUNT_KEYS) + 2:
            return "环比：与上月相比；同比：与上年同月相比（信访总量）" if row < TOTAL_ROW else \
                "全年同比按两年都已填报的月份（同期）计算"
        return None

    def _derived(self, row: int, key: str, counts: Optional[dict]) -> str:
        if counts is None:
            return ""
        if key == "channel_total":
            return str(stats.channel_total(counts))
        if key == "level_total":
            return str(stats.level_total(counts))
        if self.figures is None:
            return "—"
        if row == TOTAL_ROW:
            return "" if key == "mom" else _signed(self.figures["yoy"]["channel_total"])
        month = self.figures["monthly"][row]
        return _signed(month["mom_channel"] if key == "mom" else month["yoy_channel"])

    def setData(self, index: QModelIndex, value, role=Qt.EditRole) -> bool:  # noqa: N802
        if role != Qt.EditRole or not self.flags(index) & Qt.ItemIsEditable:
            return False
        text = str(value).strip()
        # core/normalize: １２, 1,000 and other digits read as the editor and Excel read them;
        # a negative or an overflowing number goes on to validation, which says why.
        number = normalize.parse_int(text) if text else 0
        if number is None:
            self.refused.emit([f"{index.row() + 1}月“{HEADERS[index.column()]}”只能填写非负整数"])
            return False
        return self.save_cell(index.row() + 1, COUNT_KEYS[index.column()], number)

    def save_cell(self, month: int, key: str, number: int) -> bool:
        """Save one month row with one count changed; the grid, totals and 同比 follow."""
        existing = self.months.get(month)
        if existing is not None and (existing.get(key) or 0) == number:
            return True
        period = f"{self.year:04d}-{month:02d}"
        if existing is not None:
            record = self.registry.get("petition", existing["id"])
        else:
            record = {"unit": self.unit, "period": period}
            record.update({k: 0 for k in COUNT_KEYS})
        record[key] = number
        try:
            stored = self.registry.save("petition", record)
        except ValidationError as exc:
            self.refused.emit(exc.problems)
            return False
        except FazhiError as exc:
            self.refused.emit([str(exc)])
            return False
        self.months[month] = {"id": stored["id"], "period": period,
                              **{k: stored.get(k) or 0 for k in COUNT_KEYS}}
        self._refresh_figures()
        # The whole grid may change: this row, the totals row, and the 环比 of the next month.
        self.dataChanged.emit(self.index(0, 0), self.index(TOTAL_ROW, len(HEADERS) - 1))
        self.saved.emit(period)
        return True


class CountDelegate(QStyledItemDelegate):
    """Numbers only: the editor accepts digits 0-999999 and nothing else."""

    def createEditor(self, parent, option, index):  # noqa: N802
        editor = QLineEdit(parent)
        editor.setValidator(QIntValidator(0, MAX_COUNT, editor))
        editor.setAlignment(Qt.AlignRight)
        return editor


class PetitionGridView(QTableView):
    """Spreadsheet keys: typing a digit starts editing, Tab moves right, Enter moves down."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setItemDelegate(CountDelegate(self))
        self.setEditTriggers(QAbstractItemView.AnyKeyPressed | QAbstractItemView.DoubleClicked
                             | QAbstractItemView.EditKeyPressed)
        self.setSelectionMode(QAbstractItemView.SingleSelection)
        self.setTabKeyNavigation(True)
        self.verticalHeader().setDefaultSectionSize(26)
        # As tall as its 13 rows, no empty band under the totals row.
        self.setSizeAdjustPolicy(QAbstractItemView.AdjustToContents)
        self.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)

    def closeEditor(self, editor, hint) -> None:  # noqa: N802
        if hint == QAbstractItemDelegate.SubmitModelCache:   # Enter: commit, then one row down
            super().closeEditor(editor, QAbstractItemDelegate.NoHint)
            self._move_down()
            return
        super().closeEditor(editor, hint)

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() in (Qt.Key_Return, Qt.Key_Enter) and self.state() != QAbstractItemView.EditingState:
            self._move_down()
            return
        super().keyPressEvent(event)

    def _move_down(self) -> None:
        current = self.currentIndex()
        if current.isValid() and current.row() < TOTAL_ROW - 1:
            self.setCurrentIndex(self.model().index(current.row() + 1, current.column()))
