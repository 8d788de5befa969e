"""操作记录: the audit trail viewer, filtered by day and by record, showing what each entry
changed (field by field, before → after; a created or deleted record whole)."""
from __future__ import annotations

import html

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDateEdit, QHBoxLayout, QLabel, QLineEdit,
                               QPushButton, QSplitter, QTableWidgetItem, QTextBrowser,
                               QVBoxLayout, QWidget)

from ...core import records
from ...core.audit_view import (ACTION_HINTS, ACTION_WORDS, changed_fields,
                                entry_summary, kind_word, record_lines)
from ..widgets.list_table import read_only_table

# ----------------------------------------------------------------------------- the page
PAGE_SIZE = 1000
LONG_TEXT = 1500  # characters of one value shown in the detail (a reply body can be 10,000)


class AuditPage(QWidget):
    """操作记录 page: refresh() reloads; show_record(kind, id) shows one record's history."""

    HEADERS = ("时间", "类别", "记录", "操作", "改动的项目")

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.entries: list = []
        self.limit = PAGE_SIZE
        self.record_filter = None  # (kind, record_id) after show_record

        self.all_days = QCheckBox("全部日期", self)
        self.all_days.setChecked(True)
        self.day = QDateEdit(QDate.currentDate(), self)
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy年M月d日")
        self.day.setEnabled(False)
        self.kind_box = QComboBox(self)
        self.kind_box.addItem("全部类别", None)
        for kind in (*records.KINDS, "profile"):
            self.kind_box.addItem(kind_word(kind), kind)
        self.search = QLineEdit(self)
        self.search.setPlaceholderText("按记录查找：标题、编号、案件编号、单位或记录id")
        self.search.setClearButtonEnabled(True)
        self.search.setMinimumWidth(260)
        filters = QHBoxLayout()
        filters.addWidget(QLabel("日期：", self))
        filters.addWidget(self.day)
        filters.addWidget(self.all_days)
        filters.addSpacing(16)
        filters.addWidget(QLabel("类别：", self))
        filters.addWidget(self.kind_box)
        filters.addSpacing(16)
        filters.addWidget(self.search, 1)

        self.record_banner = QLabel(self)
        self.record_banner.setStyleSheet("color: #1f5fbf; font-weight: bold;")
        self.show_all_button = QPushButton("显示全部记录的操作", self)
        self.show_all_button.clicked.connect(self.show_all)
        banner = QHBoxLayout()
        banner.addWidget(self.record_banner, 1)
        banner.addWidget(self.show_all_button)

        self.table = read_only_table(self, self.HEADERS, (160, 80, 360, 80), stretch=4)
        self.table.setWordWrap(False)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.table.cellDoubleClicked.connect(lambda *_: self.show_selected_record())

        self.detail = QTextBrowser(self)
        self.detail.setOpenLinks(False)
        splitter = QSplitter(Qt.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.count_label = QLabel(self)
        self.record_button = QPushButton("只看此记录的历史", self)
        self.record_button.setToolTip("只列出所选这条记录的全部操作（也可双击一行）")
        self.record_button.clicked.connect(self.show_selected_record)
        self.more_button = QPushButton(f"更多（再载入{PAGE_SIZE}条）", self)
        self.more_button.clicked.connect(self.load_more)
        refresh_button = QPushButton("刷新", self)
        refresh_button.clicked.connect(self.refresh)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count_label, 1)
        bottom.addWidget(self.record_button)
        bottom.addWidget(self.more_button)
        bottom.addWidget(refresh_button)

        layout = QVBoxLayout(self)
        intro = QLabel("每一次新建、修改、删除和恢复都记录在这里，不能更改。选中一行，下方显示改动的内容。", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addLayout(filters)
        layout.addLayout(banner)
        layout.addWidget(splitter, 1)
        layout.addLayout(bottom)

        self.all_days.toggled.connect(self._days_toggled)
        self.day.dateChanged.connect(lambda _d: self.refresh())
        self.kind_box.currentIndexChanged.connect(lambda _i: self._apply_text_filter())
        self.search.textChanged.connect(lambda _t: self._apply_text_filter())
        self.refresh()

    # ------------------------------------------------------------------ loading
    def selected_day(self):
        """'YYYY-MM-DD' or None for every day."""
        return None if self.all_days.isChecked() else self.day.date().toString("yyyy-MM-dd")

    def refresh(self) -> None:
        keep = self.selected_entry()
        record_id = self.record_filter[1] if self.record_filter else None
        entries = self.registry.audit_log(record_id=record_id, day=self.selected_day(),
                                          limit=self.limit)
        if self.record_filter:
            entries = [e for e in entries if e["kind"] == self.record_filter[0]]
        self.entries = entries
        self._fill()
        if keep is not None:
            self.select_seq(keep["seq"])
        self._update_banner()
        self._show_selected()

    def load_more(self) -> None:
        self.limit += PAGE_SIZE
        self.refresh()

    def show_record(self, kind: str, record_id: str) -> None:
        """Only this record's history, every day, newest first; the newest entry selected."""
        self.record_filter = (kind, record_id)
        self.limit = PAGE_SIZE
        for widget, setter in ((self.all_days, lambda: self.all_days.setChecked(True)),
                               (self.search, self.search.clear),
                               (self.kind_box, lambda: self.kind_box.setCurrentIndex(0))):
            widget.blockSignals(True)
            setter()
            widget.blockSignals(False)
        self.day.setEnabled(False)
        self.table.clearSelection()
        self.refresh()
        if self.entries:
            self.table.selectRow(0)

    def show_all(self) -> None:
        self.record_filter = None
        self.refresh()

    def show_selected_record(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self.show_record(entry["kind"], entry["record_id"])

    def _days_toggled(self, every_day: bool) -> None:
        self.day.setEnabled(not every_day)
        self.refresh()

    # ------------------------------------------------------------------ the table
    def _fill(self) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            action = entry["action"]
            changed = ""
            if action == "update":
                labels = [label for label, _o, _n in
                          changed_fields(entry["kind"], entry["before"], entry["after"])]
                changed = "、".join(labels) if labels else "（无改动）"
            elif action in ACTION_HINTS:
                changed = ACTION_HINTS[action]
            cells = (entry["at"].replace("T", " ")[:19], kind_word(entry["kind"]),
                     entry_summary(entry), ACTION_WORDS.get(action, action), changed)
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if col in (2, 4):
                    item.setToolTip(text)
                self.table.setItem(row, col, item)
        self.table.blockSignals(False)
        self._apply_text_filter()

    def _apply_text_filter(self) -> None:
        words = self.search.text().strip().lower()
        kind = self.kind_box.currentData()
        shown = 0
        for row, entry in enumerate(self.entries):
            visible = kind is None or entry["kind"] == kind
            if visible and words:
                haystack = f"{entry_summary(entry)} {entry['record_id']}".lower()
                visible = all(word in haystack for word in words.split())
            self.table.setRowHidden(row, not visible)
            shown += visible
        full = len(self.entries) >= self.limit
        scope = f"最近的 {len(self.entries)} 条" if full else f"共 {len(self.entries)} 条"
        self.count_label.setText(
            f"显示 {shown} 条（{scope}操作记录{'中查找' if shown != len(self.entries) else ''}）")
        self.more_button.setVisible(full)
        entry = self.selected_entry()
        if entry is not None and self.table.isRowHidden(self.entries.index(entry)):
            self.table.clearSelection()

    def selected_entry(self):
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        if not rows or rows[0].row() >= len(self.entries):
            return None
        return self.entries[rows[0].row()]

    def select_seq(self, seq: int) -> None:
        for row, entry in enumerate(self.entries):
            if entry["seq"] == seq and not self.table.isRowHidden(row):
                self.table.selectRow(row)
                return

    def _update_banner(self) -> None:
        if self.record_filter is None:
            self.record_banner.hide()
            self.show_all_button.hide()
            return
        name = entry_summary(self.entries[0]) if self.entries else self.record_filter[1]
        self.record_banner.setText(f"只显示“{name}”的操作记录")
        self.record_banner.show()
        self.show_all_button.show()

    # ------------------------------------------------------------------ the detail
    def _show_selected(self) -> None:
        entry = self.selected_entry()
        self.record_button.setEnabled(entry is not None and self.record_filter is None)
        if entry is None:
            self.detail.setHtml("<p style='color:#777'>选中上面的一行，这里显示改动的内容。</p>")
            return
        self.detail.setHtml(detail_html(entry))


def _cell(text: str) -> str:
    if len(text) > LONG_TEXT:
        text = f"{text[:LONG_TEXT]}……（共{len(text)}字，只显示前{LONG_TEXT}字）"
    return html.escape(text).replace("\n", "<br>")


def detail_html(entry: dict) -> str:
    """What one audit entry did, as the detail pane shows it."""
    kind, action = entry["kind"], entry["action"]
    when = entry["at"].replace("T", " ")[:19]
    head = (f"<p><b>{html.escape(when)}　{ACTION_WORDS.get(action, action)}　{kind_word(kind)}</b>"
            f"<br>{html.escape(entry_summary(entry))}</p>")
    table = ("<table border='1' cellspacing='0' cellpadding='4' width='100%' "
             "style='border-collapse: collapse; border-color: #bbb;'>")
    if action == "update":
        changes = changed_fields(kind, entry["before"], entry["after"])
        if not changes:
            return head + "<p>这次保存没有改动任何内容。</p>"
        rows = "".join(f"<tr><td width='18%'>{_cell(label)}</td>"
                       f"<td width='41%' style='color:#9b1c1c'>{_cell(old)}</td>"
                       f"<td width='41%' style='color:#17643a'>{_cell(new)}</td></tr>"
                       for label, old, new in changes)
        return (head + f"<p>改动了 {len(changes)} 项：</p>" + table +
                "<tr style='background:#f1f3f6'><th>项目</th><th>修改前</th><th>修改后</th></tr>"
                + rows + "</table>")
    record = entry["after"] if entry["after"] is not None else entry["before"]
    lines = record_lines(kind, record)
    say = {"create": "新建的内容", "restore": "恢复的内容", "delete": "删除时的内容",
           "purge": "彻底删除前的内容"}.get(action, "内容")
    rows = "".join(f"<tr><td width='18%'>{_cell(label)}</td><td>{_cell(text)}</td></tr>"
                   for label, text in lines)
    return (head + f"<p>{say}：</p>" + table +
            "<tr style='background:#f1f3f6'><th>项目</th><th>内容</th></tr>" + rows + "</table>")
