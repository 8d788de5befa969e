"""人民调解 register page: filters (committee, type, outcome, month), search over case number,
party names and facts, the lazy table, a masked summary of the selected case, and its editor.
"""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (QComboBox, QFrame, QHBoxLayout, QLabel, QMessageBox, QScrollArea,
                               QSplitter, QTableView, QToolBar, QVBoxLayout)

from ...core import mediation, queries, records
from ...core.stats_text import fmt_amount
from ..models.lazy_table import LazyTableModel
from ..style import decorate_toolbar
from ..view_state import remember_table
from ..widgets.columns import fit_columns
from ..widgets.filter_row import FilterRow
from ..widgets.office_filter import OfficeFilter
from .record_page import RecordListPage

COLUMNS = (("case_number", "案件编号", 190), ("accepted_date", "受理日期", 96),
           ("committee", "调解委员会", 200), ("dispute_type", "纠纷类型", 90),
           ("party_names", "当事人", 160), ("outcome", "调解结果", 90),
           ("amount", "涉及金额", 90), ("closed_date", "结案日期", 96),
           ("confirmation", "司法确认", 150),
           ("office", "单位", 130))  # shown only with several offices' records
# The widest value a column shows (its width at any font and scale); None: the column shares
# the room left (调委会, 当事人), so that at 1024 pixels no horizontal scrollbar is needed.
COLUMN_SAMPLES = {"case_number": "（2026）湛调字第123号", "accepted_date": "2026-12-31",
                  "committee": None, "dispute_type": "房屋宅基地", "party_names": None,
                  "outcome": "调解不成功", "amount": "150000元", "closed_date": "2026-12-31",
                  "confirmation": "即将届满（剩14天）", "office": "姚孟街道办事处"}
WINDOW_COLOURS = {"closing": ("#fde9c0", "#6d4c00"), "urgent": ("#f8d0d0", "#8e0000")}
WINDOW_WORDS = {"open": "可申请（剩{d}天）", "closing": "即将届满（剩{d}天）",
                "urgent": "即将届满（剩{d}天）", "closed": "已届满", "unknown": "未填结案日期"}


def short_committee(name: str) -> str:
    """阳光苑社区人民调解委员会 -> 阳光苑社区调委会, as clerks say it (the whole name: tooltip)."""
    return name[:-len("人民调解委员会")] + "调委会" if name.endswith("人民调解委员会") else name


class MediationModel(LazyTableModel):
    """Cases matching a TableQuery, with each row's 司法确认 window read along with its page."""

    columns = COLUMNS

    def __init__(self, registry, parent=None, *, today: Optional[_dt.date] = None):
        super().__init__(registry, "mediation",
                         queries.TableQuery("mediation", order_by="accepted_date", descending=True),
                         parent, today=today)
        self._windows: dict = {}
        self.office_names: dict = {}  # office id -> name, for the 单位 column

    def _load_page(self, page: list) -> None:
        super()._load_page(page)
        self._windows.update(self.registry.confirmation_levels(page,
                                                           today=self.today))

    def _forget_pages(self) -> None:
        self._windows = {}

    def data(self, index: QModelIndex, role=Qt.DisplayRole):
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        key = COLUMNS[index.column()][0]
        window = self._windows.get(self._seqs[index.row()])
        if role == Qt.DisplayRole:
            if key == "confirmation":
                if window is None or window.level == "not_applicable":
                    return ""
                return WINDOW_WORDS[window.level].format(d=window.days_left)
            value = row.get(key)
            if key == "office":
                return self.office_names.get(row.get("office_id"), "")
            if key == "committee" and role == Qt.DisplayRole:  # the column is narrow at 1024
                return short_committee(value or "")
            if key == "outcome":
                return records.OUTCOME.get(value, value or "")
            if key == "amount":
                return "" if value is None else fmt_amount(value)
            return "" if value is None else str(value)
        if role == Qt.ToolTipRole and key == "committee":
            return row.get("committee") or None
        if role == Qt.ToolTipRole and key in ("party_names", "office"):
            return self.data(index, Qt.DisplayRole) or None  # elided in a narrow column
        if role == Qt.ToolTipRole and key == "confirmation" and window is not None:
            return window.message or None
        if role in (Qt.BackgroundRole, Qt.ForegroundRole) and key == "confirmation" and window:
            colours = WINDOW_COLOURS.get(window.level)
            if colours:
                return QBrush(QColor(colours[0 if role == Qt.BackgroundRole else 1]))
        if role == Qt.TextAlignmentRole and key == "amount":
            return int(Qt.AlignRight | Qt.AlignVCenter)
        if role == Qt.UserRole:
            return row["id"]
        return None


class MediationPage(RecordListPage):
    """The mediation register; `editor` is the open MediationEditor, if any."""

    def __init__(self, registry, parent=None, *, today: Optional[_dt.date] = None):
        super().__init__(parent)
        self.registry = registry
        self.editor = None
        self.model = MediationModel(registry, self, today=today)
        self._search_box("搜索案件编号、当事人姓名、纠纷事实")
        self.committee = self._combo("全部调委会")
        self.dispute_type = self._combo("全部类型")
        self.outcome = self._combo("全部结果", records.OUTCOME)
        self.month = self._combo("全部月份")
        self.offices = OfficeFilter(self, self.apply_filters)
        self.count_label = QLabel(self)
        search_row = QHBoxLayout()  # as in the registers: search and count, then the filters
        search_row.addWidget(self.search, 1)
        search_row.addWidget(self.count_label)
        filters = FilterRow(self)
        for label, box, characters in (("调委会：", self.committee, 12), ("类型：", self.dispute_type, 6),
                                       ("结果：", self.outcome, 6), ("受理月份：", self.month, 5)):
            filters.add_labelled(label, box, characters=characters)
        filters.add_labelled(self.offices.label, self.offices.combo)
        self.filter_row = filters
        self.table = self._table()
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary.setStyleSheet("padding: 8px; background: #f7f8fa;")
        # the summary scrolls in its own box: at 768 pixels its last lines (司法确认) were cut off
        summary_box = QScrollArea(self)
        summary_box.setWidget(self.summary)
        summary_box.setWidgetResizable(True)
        summary_box.setFrameShape(QFrame.NoFrame)
        summary_box.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
        summary_box.setMinimumHeight(self.fontMetrics().lineSpacing() * 6 + 16)  # a case's lines
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(summary_box)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        self.toolbar = self._toolbar()
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addLayout(search_row)
        layout.addWidget(filters)
        layout.addWidget(splitter, 1)
        self.set_tab_chain([self.search, self.committee, self.dispute_type, self.outcome,
                            self.month, self.offices.combo, self.table], self.toolbar)
        # the clerk's sort order and column widths, kept in the data file (gui/view_state.py)
        self.view_memory = remember_table(self.table, registry, "table.mediation")
        self.refresh()

    # ------------------------------------------------------------- building
    def _combo(self, all_text: str, choices: Optional[dict] = None) -> QComboBox:
        box = QComboBox(self)
        box.addItem(all_text, None)
        for value, label in (choices or {}).items():
            box.addItem(label, value)
        box.currentIndexChanged.connect(lambda _i: self.apply_filters())
        return box

    def _toolbar(self) -> QToolBar:
        bar = QToolBar(self)
        bar.setToolButtonStyle(Qt.ToolButtonTextOnly)
        self.actions_by_name = {}
        for name, text, keys, slot in (("new", "登记新案件", "Ctrl+N", self.new_record),
                                       ("edit", "编辑", "Enter", self.edit_current),
                                       ("delete", "删除", "Delete", self.delete_current)):
            self._toolbar_action(bar, name, text, keys, slot, shortcut=keys == "Ctrl+N",
                                 context=Qt.WidgetWithChildrenShortcut)
        bar.addSeparator()
        from ..document_actions import add_documents_button  # 文书 ▾ from the document-type table

        add_documents_button(self, bar, "mediation")
        decorate_toolbar(bar, self.actions_by_name)
        return bar

    def document_target(self):
        """(registry, kind, id): the open editor's case (saved first), else the current row."""
        if self.editor is not None and self.editor.isVisible():
            return self.editor.document_target()
        record_id = self.current_id()
        if not record_id:
            QMessageBox.information(self, "文书", "请先在表格中选择一个案件。")
            return None
        return self.registry, "mediation", record_id

    def _table(self) -> QTableView:
        table = self._set_up_table(QTableView(self))
        header = table.horizontalHeader()
        header.setSortIndicator(1, Qt.DescendingOrder)
        header.setSortIndicatorShown(True)
        header.sortIndicatorChanged.connect(self.model.sort)
        fit_columns(table, COLUMN_SAMPLES, [key for key, _, _ in COLUMNS])
        table.doubleClicked.connect(lambda _i: self.edit_current())
        for key in (Qt.Key_Return, Qt.Key_Enter):
            QShortcut(QKeySequence(key), table, activated=self.edit_current, context=Qt.WidgetShortcut)
        QShortcut(QKeySequence(Qt.Key_Delete), table, activated=self.delete_current,
                  context=Qt.WidgetShortcut)
        table.selectionModel().currentRowChanged.connect(lambda *_: self._show_summary())
        return table

    # ------------------------------------------------------------- filters
    def _refill(self, box: QComboBox, values: list, all_text: str) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(all_text, None)
        for value in values:
            box.addItem(value, value)
        box.setCurrentIndex(max(box.findData(current), 0))
        box.blockSignals(False)

    def refresh(self) -> None:
        self._refill(self.committee, self.registry.distinct_values("mediation", "committee"), "全部调委会")
        types = self.registry.distinct_values("mediation", "dispute_type")
        ordered = [t for t in records.DISPUTE_TYPES if t in types] + [t for t in types
                                                                      if t not in records.DISPUTE_TYPES]
        self._refill(self.dispute_type, ordered, "全部类型")
        self._refill(self.month, self.registry.accepted_months(), "全部月份")
        self.offices.reload(self.registry)
        self.model.office_names = self.offices.names
        self.offices.place_column(self.table, len(COLUMNS) - 1)
        self.apply_filters()

    def build_query(self) -> queries.TableQuery:
        old = self.model.query
        return queries.TableQuery("mediation", search=self.search.text(),
                                  committee=self.committee.currentData(),
                                  dispute_type=self.dispute_type.currentData(),
                                  outcome=self.outcome.currentData(), month=self.month.currentData(),
                                  office=self.offices.current(),
                                  order_by=old.order_by, descending=old.descending)

    def apply_filters(self) -> None:
        self._search_timer.stop()
        selected = self.current_id()
        self.model.set_query(self.build_query())
        self.show_count(self.model.rowCount(), self.registry.count("mediation"), "件")
        if not (selected and self.select_record(selected)):
            self._show_summary()

    # ------------------------------------------------------------- selection
    def select_record(self, record_id: str) -> bool:
        if not super().select_record(record_id):
            return False
        self._show_summary()
        return True

    def _show_summary(self) -> None:
        record_id = self.current_id()
        if not record_id:
            self.summary.setText("选择一个案件查看摘要；双击或按回车编辑。")
            return
        record = self.registry.get("mediation", record_id)
        lines = [f"<b>{record['case_number']}</b>　{record['committee']}　{mediation.dispute_name(record['dispute_type'])}"]
        for role, parties in mediation.parties_by_role(record):
            for party in parties:
                lines.append(f"{role}：{mediation.party_particulars(party)}")  # masked
        window = mediation.confirmation_window(record, today=self.model.today)
        if window.level != "not_applicable":
            lines.append(f"司法确认：{window.message}")
        self.summary.setText("<br>".join(_escape(line) if i else line for i, line in enumerate(lines)))

    # ------------------------------------------------------------- actions
    def open_editor(self, record_id: Optional[str]) -> None:
        """A visible editor is reused (through the guard); else a new window."""
        from .mediation_editor import MediationEditor

        if self.editor is not None and self.editor.isVisible():
            if self.editor.maybe_keep_edits():
                self.editor.load(record_id)
            self.editor.raise_()
            return
        self.editor = MediationEditor(self.registry, record_id, self)
        self._connect_editor()
        self.editor.show()

    def delete_current(self) -> None:
        record_id = self.current_id()
        if not record_id:
            return
        record = self.registry.get("mediation", record_id)
        if QMessageBox.question(self, "删除", f"将案件{record['case_number']}移到回收站？\n（可在“回收站”中恢复）",
                                QMessageBox.Yes | QMessageBox.No, QMessageBox.No) != QMessageBox.Yes:
            return
        row = self.table.currentIndex().row()
        self.registry.delete("mediation", record_id)
        self._close_editor_of((record_id,))
        self.after_delete([record_id], row=row)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
