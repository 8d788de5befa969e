"""导出台账: the clerk picks the year (or all) and where to save; personal data is hidden unless
they tick 不隐去个人信息; the workbook is written off the GUI thread, then offered to open.

The register page's toolbar calls `export_ledger(parent, registry, kind)`.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog,
                               QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QPushButton, QVBoxLayout, QWidget)

from ...core import records
from ...ledgers import export as ledger_export
from ..ops import run_in_background
from ..output_check import may_write

FOLDER_SETTING = "ledger_folder"
ALL_YEARS = "全部年度"


class ExportLedgerDialog(QDialog):
    """Year, file name and the explicit unmasking choice; `start()` runs the export."""

    def __init__(self, registry, kind: str, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.registry, self.kind = registry, kind
        self.op = None
        self.result = None
        self.setWindowTitle(f"导出{records.kind_label(kind)}台账")
        self.setMinimumWidth(560)

        self.year_box = QComboBox(self)
        years = ledger_export.years_in(registry, kind)
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
        self._suggest_name()

    @property
    def year(self) -> Optional[int]:
        return self.year_box.currentData()

    def _folder(self) -> Path:
        saved = self.registry.setting(FOLDER_SETTING)
        return Path(saved) if saved and Path(saved).is_dir() else Path.home()

    def _suggest_name(self) -> None:
        current = Path(self.path_edit.text()) if self.path_edit.text() else None
        folder = current.parent if current else self._folder()
        name = ledger_export.default_filename(self.registry, self.kind, self.year,
                                              masked=not self.unmask_box.isChecked())
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

        def op(progress):
            return ledger_export.export_ledger(registry, kind, target, year=year, masked=masked,
                                               progress=progress.update,
                                               cancelled=progress.cancelled)

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
            self.message.setText(f"导出未完成：{exc}")


def export_ledger(parent, registry, kind: str) -> None:
    """Ask, export in the background, then offer to open the workbook."""
    dialog = ExportLedgerDialog(registry, kind, parent)
    if dialog.exec() != QDialog.Accepted or dialog.result is None:
        return
    result = dialog.result
    answer = QMessageBox.question(
        parent, "导出台账", f"已导出“{result.title}”，共{result.rows}条。\n\n现在打开这个文件吗？",
        QMessageBox.Yes | QMessageBox.No, QMessageBox.Yes)
    if answer == QMessageBox.Yes:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(result.path)))
