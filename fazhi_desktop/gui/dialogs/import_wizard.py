"""从Excel导入: a wizard that takes a clerk's own ledger in.

1 choose the workbook (or save a blank template to fill in); 2 see which column was understood
as what and correct it; 3 see every problem (row, column, reason) and choose all-or-nothing or
the good rows only (the bad ones saved to a workbook), and update or skip existing records;
4 the outcome. Reading and importing run off the GUI thread with progress and 取消.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (QButtonGroup, QComboBox, QFileDialog, QHBoxLayout, QHeaderView,
                               QLabel, QLineEdit, QPushButton, QRadioButton, QTableWidget,
                               QTabWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget, QWizard, QWizardPage)

from ...core import records
from ...core.errors import FazhiError
from ...core.validation import clerk_text
from ...ledgers.columns import columns
from ...ledgers.headers import missing_required
from ...ledgers.importer import ImportOptions, import_ledger, scan
from ...ledgers.reader import open_ledger
from ...ledgers.template import template_filename, write_template
from ..ops import run_in_background
from ..output_check import may_write
from ..widgets.screen_fit import keep_on_screen

NOT_IMPORTED = "（不导入）"
_BAD_ROW = QColor("#fde7e7")
PAGE_FILE, PAGE_MAPPING, PAGE_PREVIEW, PAGE_RESULT = range(4)


def _shown(value) -> str:
    if value is None:
        return ""
    if isinstance(value, (_dt.datetime, _dt.date)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


class ImportWizard(QWizard):
    """ImportWizard(registry, kind, parent): the pages share the state kept here."""

    def __init__(self, registry, kind: str, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.registry, self.kind = registry, kind
        self.path: Optional[Path] = None
        self.headers: dict = {}  # col index -> header text
        self.header_row = 0
        self.sheet = ""
        self.mapping: dict = {}  # col index -> column key
        self.defaults: dict = {}  # column key -> value for a column the sheet lacks
        self.report = None  # the scan (preview) report
        self.result = None  # the import report
        self.op = None
        self.setWindowTitle(f"从Excel导入{records.kind_label(kind)}")
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setButtonText(QWizard.NextButton, "下一步 >")
        self.setButtonText(QWizard.BackButton, "< 上一步")
        self.setButtonText(QWizard.FinishButton, "完成")
        self.setButtonText(QWizard.CancelButton, "取消")
        self.file_page = FilePage(self)
        self.mapping_page = MappingPage(self)
        self.preview_page = PreviewPage(self)
        self.result_page = ResultPage(self)
        for page_id, page in enumerate((self.file_page, self.mapping_page, self.preview_page,
                                        self.result_page)):
            self.setPage(page_id, page)
        self.resize(820, 600)
        keep_on_screen(self)  # 600 is more than a 1366x768 screen at 125 % leaves

    def run(self, op, title: str, on_success, on_failure) -> None:
        self.op = run_in_background(self, op, title=title, on_success=on_success,
                                    on_failure=on_failure)


class FilePage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        word = records.kind_label(wizard.kind)
        self.setTitle("第一步：选择Excel文件")
        self.setSubTitle(f"选择要导入的{word}台账（.xlsx）。表头可以在标题行下面，列的顺序不限。")
        self.path_edit = QLineEdit(self)
        self.path_edit.textChanged.connect(self.completeChanged)
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(self.choose_file)
        self.template_button = QPushButton("下载空白模板…", self)
        self.template_button.clicked.connect(self.save_template)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(browse)
        hint = QLabel("还没有台账？可以先下载空白模板，在Excel或WPS中填写后再导入。", self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addSpacing(12)
        layout.addWidget(hint)
        layout.addWidget(self.template_button, 0, Qt.AlignLeft)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "选择Excel文件", str(Path.home()),
                                                "Excel工作簿 (*.xlsx *.xlsm);;所有文件 (*)")
        if chosen:
            self.path_edit.setText(chosen)

    def save_template(self) -> None:
        target, _ = QFileDialog.getSaveFileName(
            self, "保存空白模板", str(Path.home() / template_filename(self.wiz.kind)),
            "Excel工作簿 (*.xlsx)")
        if target and may_write(self, self.wiz.registry, target, title="保存空白模板",
                                ending=".xlsx", confirmed=True):
            self.write_template_to(Path(target))

    def write_template_to(self, target: Path) -> None:
        try:
            write_template(self.wiz.kind, target)
        except FazhiError as exc:
            self.message.setText(str(exc))
            return
        self.message.setStyleSheet("")
        self.message.setText(f"已保存空白模板：{target}")

    def isComplete(self) -> bool:
        return bool(self.path_edit.text().strip())

    def validatePage(self) -> bool:
        """Open the workbook and find its header (quick: only the first rows are read)."""
        path = Path(self.path_edit.text().strip())
        try:
            with open_ledger(path, self.wiz.kind, require=False) as sheet:
                self.wiz.path = path
                self.wiz.sheet, self.wiz.header_row = sheet.sheet, sheet.header.row
                self.wiz.headers = dict(sheet.header.headers)
                self.wiz.mapping = dict(sheet.header.mapping)
                self.wiz.defaults = dict(sheet.defaults or {})
        except FazhiError as exc:
            self.message.setStyleSheet("color: #b3261e;")
            self.message.setText(str(exc))
            return False
        self.message.setText("")
        return True


class MappingPage(QWizardPage):
    """One row per column of the sheet: its letter, its header, and what it is imported as."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("第二步：核对表头对应关系")
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["列", "表格中的列名", "导入为"])
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        self.combos: dict = {}
        self._ready = False
        self.session_label = QLabel("表中没有“届次”列时，各行的届次：", self)
        self.session_edit = QLineEdit(self)
        self.session_edit.setPlaceholderText("如：区政协六届一次会议")
        session_row = QHBoxLayout()
        session_row.addWidget(self.session_label)
        session_row.addWidget(self.session_edit, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table)
        layout.addLayout(session_row)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        self._ready = False
        wiz = self.wiz
        self.setSubTitle(f"工作表“{wiz.sheet}”第{wiz.header_row}行是表头。请核对每一列导入为哪一项，"
                         "不需要的列选“（不导入）”。")
        self.table.setRowCount(len(wiz.headers))
        self.combos = {}
        for row, (index, header) in enumerate(sorted(wiz.headers.items())):
            self.table.setItem(row, 0, QTableWidgetItem(_letter(index)))
            self.table.setItem(row, 1, QTableWidgetItem(header))
            combo = QComboBox(self.table)
            combo.addItem(NOT_IMPORTED, None)
            for col in columns(wiz.kind):
                combo.addItem("序号（仅计数，不导入）" if col.is_counter else col.header, col.key)
            found = combo.findData(wiz.mapping.get(index))
            combo.setCurrentIndex(found if found >= 0 else 0)
            self.table.setCellWidget(row, 2, combo)
            self.combos[index] = combo
        self.table.resizeColumnToContents(0)
        has_sessions = wiz.kind in ("proposal", "suggestion")
        self.session_label.setVisible(has_sessions)
        self.session_edit.setVisible(has_sessions)
        self.session_edit.setText(wiz.defaults.get("session", ""))

    def chosen_mapping(self) -> dict:
        return {i: c.currentData() for i, c in self.combos.items() if c.currentData()}

    def choose(self, header_index: int, key: Optional[str]) -> None:
        """Set the target of one sheet column (what the clerk does with the combo)."""
        combo = self.combos[header_index]
        combo.setCurrentIndex(combo.findData(key) if key else 0)

    def validatePage(self) -> bool:
        """Read every row with the chosen mapping (in the background), then go on."""
        if self._ready:
            self._ready = False
            return True
        mapping = self.chosen_mapping()
        keys = list(mapping.values())
        missing = [c.header for c in missing_required(self.wiz.kind, mapping)
                   if c.key != "session"]
        if missing:
            self.message.setText(f"还没有列对应必填的“{'、'.join(missing)}”，请在“导入为”中选择。")
            return False
        twice = {k for k in keys if keys.count(k) > 1 and k != "seq"}
        if twice:
            names = "、".join(c.header for c in columns(self.wiz.kind) if c.key in twice)
            self.message.setText(f"“{names}”对应了不止一列，请只保留一列。")
            return False
        wiz = self.wiz
        wiz.defaults = {}
        if wiz.kind in ("proposal", "suggestion") and "session" not in keys:
            session = self.session_edit.text().strip()
            if not session:
                self.message.setText("表中没有对应“届次”的列：请在上面填写各行的届次，"
                                     "或把某一列设为“届次”。")
                return False
            wiz.defaults = {"session": session}
        registry, kind, path = wiz.registry, wiz.kind, wiz.path
        # Existing records are listed, not counted as problems: page three asks update or skip.
        options = ImportOptions(mapping=mapping, sheet=wiz.sheet, existing="skip",
                                defaults=dict(wiz.defaults))

        def op(progress):
            return scan(registry, kind, path, options, progress=progress.update,
                        cancelled=progress.cancelled)

        self.message.setText("正在读取……")
        wiz.button(QWizard.NextButton).setEnabled(False)
        wiz.run(op, "读取Excel", self._scanned, self._failed)
        return False

    def _scanned(self, report) -> None:
        self.wiz.report = report
        self.wiz.mapping = dict(report.mapping)
        self.message.setText("")
        self._ready = True
        self.wiz.button(QWizard.NextButton).setEnabled(True)
        self.wiz.next()

    def _failed(self, exc) -> None:
        self.wiz.button(QWizard.NextButton).setEnabled(True)
        self.message.setText("已取消读取。" if isinstance(exc, InterruptedError) else str(exc))


class PreviewPage(QWizardPage):
    """Every problem, then the choices: all-or-nothing or good rows only; update or skip."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("第三步：检查结果与导入方式")
        self.setCommitPage(True)
        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.problems = QTableWidget(0, 3, self)
        self.problems.setHorizontalHeaderLabels(["行", "列", "问题"])
        self.problems.verticalHeader().hide()
        self.problems.horizontalHeader().setSectionResizeMode(2, QHeaderView.Stretch)
        self.problems.setEditTriggers(QTableWidget.NoEditTriggers)
        self.data = QTableWidget(0, 0, self)
        self.data.setEditTriggers(QTableWidget.NoEditTriggers)
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self.problems, "问题")
        self.tabs.addTab(self.data, "数据预览")
        self.all_or_nothing = QRadioButton("全部导入，或全部不导入（有问题时不导入任何一行）", self)
        self.keep_good = QRadioButton("只导入无误的行，把有问题的行另存为：", self)
        self.mode = QButtonGroup(self)
        self.mode.addButton(self.all_or_nothing)
        self.mode.addButton(self.keep_good)
        self.bad_path = QLineEdit(self)
        self.update_existing = QRadioButton("更新已有记录（以表格中的内容为准）", self)
        self.skip_existing = QRadioButton("跳过已有记录（保留数据文件中的内容）", self)
        self.existing_group = QButtonGroup(self)
        self.existing_group.addButton(self.update_existing)
        self.existing_group.addButton(self.skip_existing)
        self.existing_label = QLabel("", self)
        self.existing_label.setWordWrap(True)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #b3261e;")
        for button in (self.all_or_nothing, self.keep_good):
            button.toggled.connect(self.completeChanged)
        self._done = False
        bad_row = QHBoxLayout()
        bad_row.addSpacing(24)
        bad_row.addWidget(self.bad_path, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.all_or_nothing)
        layout.addWidget(self.keep_good)
        layout.addLayout(bad_row)
        layout.addWidget(self.existing_label)
        layout.addWidget(self.update_existing)
        layout.addWidget(self.skip_existing)
        layout.addWidget(self.message)

    def initializePage(self) -> None:
        self._done = False
        self.message.setText("")
        report = self.wiz.report
        self.summary.setText(report.summary(notes=False)
                             + ("以下是全部问题：" if report.problems else "没有发现问题。")
                             + report.notes_text())  # sheets and formulas not read, and why
        self.problems.setRowCount(len(report.problems))
        for row, problem in enumerate(report.problems):
            where = f"{problem.column}（{problem.header}）" if problem.column else ""
            for col, text in enumerate((str(problem.row), where, problem.reason)):
                self.problems.setItem(row, col, QTableWidgetItem(text))
        self.problems.resizeColumnToContents(0)
        self.problems.resizeColumnToContents(1)
        self.tabs.setTabText(0, f"问题（{len(report.problems)}）")
        self._fill_data(report)
        self.tabs.setCurrentIndex(0 if report.problems else 1)
        has_problems = bool(report.problems)
        (self.keep_good if has_problems else self.all_or_nothing).setChecked(True)
        self.bad_path.setText(str(self.wiz.path.with_name(self.wiz.path.stem + "_有问题的行.xlsx")))
        existing = bool(report.existing)
        self.existing_label.setText(f"表格中有{len(report.existing)}条记录在数据文件中已存在"
                                    f"（如第{report.existing[0][0]}行{report.existing[0][1]}）："
                                    if existing else "")
        for widget in (self.existing_label, self.update_existing, self.skip_existing):
            widget.setVisible(existing)
        self.skip_existing.setChecked(True)
        self.setButtonText(QWizard.CommitButton, "开始导入")

    def _fill_data(self, report) -> None:
        """The first rows as they will be read (merged cells carried down), bad rows tinted."""
        # the row counter and the hidden record id (a uuid) mean nothing to read here
        keys = [k for _i, k in sorted(report.mapping.items()) if k not in ("seq", "id")]
        headers = {c.key: c.header for c in columns(self.wiz.kind)}
        self.data.setColumnCount(len(keys) + 1)
        self.data.setHorizontalHeaderLabels(["行"] + [headers[k] for k in keys])
        self.data.setRowCount(len(report.preview))
        bad = set(report.bad_rows)
        for row, (number, values) in enumerate(report.preview):
            cells = [str(number)] + [_shown(values.get(k)) for k in keys]
            for col, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if number in bad:
                    item.setBackground(_BAD_ROW)
                self.data.setItem(row, col, item)
        self.data.setVerticalHeaderLabels([""] * len(report.preview))
        self.data.verticalHeader().hide()
        self.tabs.setTabText(1, f"数据预览（前{len(report.preview)}行）")

    def isComplete(self) -> bool:
        report = self.wiz.report
        if report is None:
            return False
        return self.keep_good.isChecked() or not report.problems

    def options(self) -> ImportOptions:
        keep = self.keep_good.isChecked()
        return ImportOptions(
            mapping=dict(self.wiz.mapping), sheet=self.wiz.sheet, defaults=dict(self.wiz.defaults),
            existing="update" if self.update_existing.isChecked() else "skip",
            keep_good=keep, bad_rows_path=Path(self.bad_path.text()) if keep and
            self.bad_path.text().strip() else None)

    def validatePage(self) -> bool:
        if self._done:
            return True
        wiz = self.wiz
        registry, kind, path, options = wiz.registry, wiz.kind, wiz.path, self.options()
        if options.bad_rows_path is not None and not may_write(
                self, registry, options.bad_rows_path, title="导入Excel", ending=".xlsx",
                inputs=(path,)):
            return False

        def op(progress):
            return import_ledger(registry, kind, path, options, progress=progress.update,
                                 cancelled=progress.cancelled)

        wiz.button(QWizard.CommitButton).setEnabled(False)
        self.message.setText("正在导入……")
        wiz.run(op, "导入Excel", self._imported, self._failed)
        return False

    def _imported(self, report) -> None:
        self.wiz.result = report
        self._done = True
        self.wiz.next()

    def _failed(self, exc) -> None:
        self.wiz.button(QWizard.CommitButton).setEnabled(True)
        if isinstance(exc, InterruptedError):
            self.message.setText("已取消导入，没有写入任何记录。")
        elif isinstance(exc, FazhiError):
            lines = str(exc).splitlines()
            more = f"\n……共{len(lines)}条问题" if len(lines) > 8 else ""
            self.message.setText("未导入任何记录：\n" + "\n".join(lines[:8]) + more)
        else:
            self.message.setText(f"导入未完成：{clerk_text(exc)}")


class ResultPage(QWizardPage):
    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wiz = wizard
        self.setTitle("导入完成")
        self.text = QLabel("", self)
        self.text.setWordWrap(True)
        self.text.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:
        self.text.setText(self.wiz.result.summary() if self.wiz.result else "")
