"""导出台账: the clerk picks the year (or all, or the rows the register shows under its filter)
and where to save; personal data is hidden unless they tick 不隐去个人信息; the workbook is
written off the GUI thread, then offered to open (and when nothing opens it, its folder).

The register page's toolbar calls `export_ledger(parent, registry, kind, shown=(ids, scope))`;
with a filter on (e.g. 仅看超期) the rows shown are what is exported unless the clerk picks a year.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from ...core import records
from ...core.validation import clerk_text
from ...ledgers import export as ledger_export
from ..ops import run_in_background
from ..output_check import may_write
from ..widgets.screen_fit import keep_on_screen

FOLDER_SETTING = "ledger_folder"
ALL_YEARS = "全部年度"
SHOWN = "shown"  # the year box's entry for the rows the register shows


class ExportLedgerDialog(QDialog):
    """Year, file name and the explicit unmasking choice; `start()` runs the export."""

    def __init__(self, registry, kind: str, parent: Optional[QWidget] = None, *,
                 shown: Optional[tuple] = None):
        super().__init__(parent)
        self.registry, self.kind = registry, kind
        self.shown_ids, self.scope = (list(shown[0]), shown[1]) if shown else (None, "")
        self.op = None
        self.result = None
        self.setWindowTitle(f"导出{records.kind_label(kind)}台账")
        self.setMinimumWidth(560)

        self.year_box = QComboBox(self)
        years = ledger_export.years_in(registry, kind)
        if self.shown_ids is not None:
            self.year_box.addItem(f"表格中显示的{len(self.shown_ids)}条（{self.scope}）", SHOWN)
        if kind != "petition":
            self.year_box.addItem(ALL_YEARS, None)
        for year in years:
            self.year_box.addItem(f"{year}年", year)
        if kind == "petition" and not years:
            self.year_box.addItem("（暂无数据）", None)
        self.year_box.currentIndexChanged.connect(self._suggest_name)

        self.path_edit = QLineEdit(self)
        browse = QPushButton("浏览…", self)
        browse.clicked.connect(self.choose_file)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.unmask_box = QCheckBox("不隐去个人信息（完整导出）", self)
        note = QLabel("默认隐去身份证号码和电话的中间位数。勾选后完整显示这些信息，文件名和标题"
                      f"注明“{ledger_export.UNMASKED_MARK[1:-1]}”，并记入操作记录。只在确需时勾选，"
                      "并妥善保管导出的文件。", self)
        note.setWordWrap(True)
        if not ledger_export.shows_personal_data(kind):  # no ID numbers or phones to hide
            self.unmask_box.hide()
            note.hide()
        self.unmask_box.toggled.connect(self._suggest_name)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)

        form = QFormLayout()
        form.addRow("年度：", self.year_box)
        form.addRow("保存为：", path_row)
        self.buttons = QDialogButtonBox(self)
        self.export_button = self.buttons.addButton("导出", QDialogButtonBox.AcceptRole)
        self.buttons.addButton("取消", QDialogButtonBox.RejectRole)
        self.export_button.clicked.connect(self.start)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.unmask_box)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        keep_on_screen(self)
        self._suggest_name()

    @property
    def year(self) -> Optional[int]:
        data = self.year_box.currentData()
        return None if data == SHOWN else data

    @property
    def only_shown(self) -> bool:
        return self.year_box.currentData() == SHOWN

    def _folder(self) -> Path:
        saved = self.registry.setting(FOLDER_SETTING)
        return Path(saved) if saved and Path(saved).is_dir() else Path.home()

    def _suggest_name(self) -> None:
        current = Path(self.path_edit.text()) if self.path_edit.text() else None
        folder = current.parent if current else self._folder()
        name = ledger_export.default_filename(self.registry, self.kind, self.year,
                                              masked=not self.unmask_box.isChecked())
        if self.only_shown and self.scope:  # 湛河区司法局政协提案办理台账（仅看超期）.xlsx
            name = name[:-len(".xlsx")] + f"（{self.scope}）.xlsx"
        self.path_edit.setText(str(folder / name))

    def choose_file(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(self, "保存台账", self.path_edit.text(),
                                                "Excel工作簿 (*.xlsx)")
        if chosen:
            if not chosen.lower().endswith(".xlsx"):
                chosen += ".xlsx"
            self.path_edit.setText(chosen)
            self._confirmed = Path(chosen)  # the file dialog asked about replacing it

    def start(self) -> None:
        text = self.path_edit.text().strip()
        if not text:
            self.message.setText("请选择保存位置。")
            return
        target = Path(text if text.lower().endswith(".xlsx") else text + ".xlsx")
        if not may_write(self, self.registry, target, title="导出台账", ending=".xlsx",
                         confirmed=target == getattr(self, "_confirmed", None)):
            return
        year, masked, kind, registry = self.year, not self.unmask_box.isChecked(), self.kind, \
            self.registry
        ids, scope = (self.shown_ids, self.scope) if self.only_shown else (None, "")

        def op(progress):
            return ledger_export.export_ledger(registry, kind, target, year=year, masked=masked,
                                               progress=progress.update,
                                               cancelled=progress.cancelled,
                                               record_ids=ids, scope=scope)

        self.export_button.setEnabled(False)
        self.message.setText("正在导出……")
        self.op = run_in_background(self, op, title="导出台账", on_success=self._done,
                                    on_failure=self._failed)

    def _done(self, result) -> None:
        self.result = result
        self.registry.set_setting(FOLDER_SETTING, str(Path(result.path).parent))
        self.message.setText(f"已导出{result.rows}条，保存为“{result.path}”。")
        self.export_button.setEnabled(True)
        self.accept()

    def _failed(self, exc) -> None:
        self.export_button.setEnabled(True)
        if isinstance(exc, InterruptedError):
            self.message.setText("已取消导出，没有生成文件。")
        else:
            self.message.setText(f"导出未完成：{clerk_text(exc)}")


def export_ledger(parent, registry, kind: str, *, shown: Optional[tuple] = None) -> None:
    """Ask, export in the background, then offer to open the workbook. `shown`: (ids, what
    the filter is) of the rows the register shows, offered first."""
    dialog = ExportLedgerDialog(registry, kind, parent, shown=shown)
    if dialog.exec() != QDialog.Accepted or dialog.result is None:
        return
    result = dialog.result
    answer = QMessageBox.question(
        parent, "导出台账", f"已导出“{result.title}”，共{result.rows}条。\n\n现在打开这个文件吗？",
        QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    if answer == QMessageBox.Yes:
        open_workbook(parent, result.path)


def open_workbook(parent, path) -> bool:
    """Open the workbook in Excel/WPS; when nothing opens it, say so and offer its folder."""
    from ..reply_action import open_with_system, say_not_opened_offer_folder

    if open_with_system(path):
        return True
    say_not_opened_offer_folder(parent, "导出台账",
                                f"台账已保存为“{path}”，但未能用系统程序打开（本机可能没有安装Excel/WPS表格，"
                                "或没有设置打开.xlsx文件的默认程序）。可以打开所在文件夹，再用其他程序打开。",
                                path)
    return False
