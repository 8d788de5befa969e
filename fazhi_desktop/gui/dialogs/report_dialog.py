"""年度法治政府建设情况报告: year, number, signer and date, the figures it will quote, then the
draft generated off the GUI thread and previewed.

The main window's menu calls `open_report_dialog(parent, registry)`; `report_action(parent,
registry)` is the ready-made menu action.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Optional

from PySide6.QtCore import QDate, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QDateEdit, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton,
                               QSpinBox, QVBoxLayout, QWidget)

from ...core.years import FIRST_YEAR, LAST_YEAR
from ...core.stats import year_figures
from ...core.validation import clerk_text
from ...docgen import report_text
from ...docgen.report import ReportOptions, ReportResult, proposed_number, render_report
from ..ops import run_in_background
from ..output_check import may_write
from ..preview import preview_document
from ..reply_action import OUTPUT_DIR_SETTING
from ..widgets.screen_fit import keep_on_screen


def default_report_year(today: Optional[_dt.date] = None) -> int:
    """The year a report is written about: last year until the end of February (reports are
    due early in the year), this year from March on."""
    today = today or _dt.date.today()
    return today.year - 1 if today.month < 3 else today.year


def split_names(text: str) -> list:
    """'杨晓伟 王丙寅' / '杨晓伟、王丙寅' -> ['杨晓伟', '王丙寅']."""
    for sep in ("、", "，", ",", "；", ";"):
        text = text.replace(sep, " ")
    return [name for name in text.split() if name]


class ReportDialog(QDialog):
    """Choose the report's particulars, see its figures, generate and preview the draft."""

    def __init__(self, registry, parent: Optional[QWidget] = None, *, year: Optional[int] = None):
        super().__init__(parent)
        self.registry = registry
        self.result: Optional[ReportResult] = None
        self.preview = None
        self.op = None
        self._confirmed: Optional[Path] = None
        profile = registry.profile()
        self.setWindowTitle("年度法治政府建设情况报告")
        self.setMinimumWidth(620)

        self.year_box = QSpinBox(self)
        self.year_box.setRange(FIRST_YEAR, LAST_YEAR)  # core/years.py: the years that exist
        self.year_box.setValue(year or _dt.date.today().year - 1)
        self.year_box.setSuffix(" 年度")
        self.number_edit = QLineEdit(self)
        self.number_edit.setPlaceholderText(f"如 {profile.get('doc_code') or '平湛司'}〔{_dt.date.today().year}〕3号")
        self.signers_edit = QLineEdit(" ".join(profile.get("signers") or []), self)
        self.signers_edit.setPlaceholderText("签发人姓名，多人用空格分隔")
        self.date_edit = QDateEdit(QDate.currentDate(), self)
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setDisplayFormat("yyyy年M月d日")
        self.to_edit = QLineEdit(profile.get("report_to") or "", self)
        self.to_edit.setPlaceholderText("主送机关，如 区委、区政府")
        self.out_edit = QLineEdit(self)
        browse = QPushButton("选择…", self)
        browse.clicked.connect(self.choose_output)
        out_row = QHBoxLayout()
        out_row.addWidget(self.out_edit, 1)
        out_row.addWidget(browse)

        form = QFormLayout()
        form.addRow("报告年度：", self.year_box)
        form.addRow("发文字号：", self.number_edit)
        self.number_edit.setToolTip("默认按单位的机关代字编下一个号，可修改；清空则文号处留空")
        form.addRow("签发人：", self.signers_edit)
        form.addRow("成文日期：", self.date_edit)
        form.addRow("主送机关（必填）：", self.to_edit)
        form.addRow("保存为：", out_row)

        self.figures_label = QLabel(self)
        self.figures_label.setWordWrap(True)
        self.figures_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.figures_label.setStyleSheet("QLabel { background: #f6f6f6; padding: 8px; }")
        self.status = QLabel("", self)
        self.status.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.generate_button = self.buttons.addButton("生成并预览", QDialogButtonBox.AcceptRole)
        close = self.buttons.addButton("关闭", QDialogButtonBox.RejectRole)
        self.generate_button.clicked.connect(self.generate)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("报告将引用的登记簿数据（与“统计”页一致）：", self))
        layout.addWidget(self.figures_label)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        self.year_box.valueChanged.connect(self._year_changed)
        self.date_edit.dateChanged.connect(lambda _d: self._propose_number())
        self._year_changed(self.year_box.value())
        keep_on_screen(self)

    # ------------------------------------------------------------------ inputs
    def _default_output(self, year: int) -> str:
        folder = self.registry.setting(OUTPUT_DIR_SETTING) or str(Path.home())
        return str(Path(folder) / f"{report_text.report_title(year)}.docx")

    def _propose_number(self) -> None:
        """The report is an upward 文件 and takes a number by default: the one this year's
        report already has, else the next free one of the series in the year of its date
        (handed out only when the report is generated). A number the clerk typed stays."""
        if not self.number_edit.isModified():
            self.number_edit.setText(proposed_number(self.registry, self.year_box.value(),
                                                     issue_year=self.date_edit.date().year()))

    def _year_changed(self, year: int) -> None:
        self._propose_number()
        current = self.out_edit.text()
        if not current or Path(current).stem.startswith("关于") and "年度法治政府建设情况的报告" in current:
            self.out_edit.setText(self._default_output(year))
        figures = year_figures(self.registry, year)
        lines = [report_text.item_sentence(figures), report_text.mediation_sentence(figures),
                 report_text.petition_sentence(figures)]
        self.figures_label.setText("\n".join(line.removeprefix("全年") for line in lines))

    def choose_output(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "保存年度报告", self.out_edit.text(),
                                              "Word文档 (*.docx)")
        if name:
            name = name if name.lower().endswith(".docx") else name + ".docx"
            self.out_edit.setText(name)
            self._confirmed = Path(name)  # the file dialog already asked about overwriting

    def options(self) -> ReportOptions:
        return ReportOptions(year=self.year_box.value(), doc_number=self.number_edit.text().strip(),
                             signers=split_names(self.signers_edit.text()),
                             date=self.date_edit.date().toString("yyyy-MM-dd"),
                             addressee=self.to_edit.text().strip())

    # ------------------------------------------------------------------ generating
    def generate(self) -> None:
        from ..widgets.fields import highlight

        if not self.to_edit.text().strip():  # a report goes to someone (单位设置 asks it first)
            highlight(self.to_edit, True)
            self.status.setText("未生成：请填写“主送机关”（如：区委、区政府）。")
            self.to_edit.setFocus()
            return
        highlight(self.to_edit, False)
        out = self.out_edit.text().strip()
        if not out:
            self.status.setText("请先选择报告的保存位置。")
            return
        out_path = Path(out)
        if out_path.suffix.lower() != ".docx":
            out_path = out_path.with_name(out_path.name + ".docx")
        if not may_write(self, self.registry, out_path, title="年度报告", ending=".docx",
                         confirmed=True):  # replacing is asked below, in this dialog's words
            return
        if out_path.exists() and out_path != self._confirmed:
            # The clerk may have filled in the last draft in Word: never overwrite it unasked.
            answer = QMessageBox.question(
                self, "年度报告", f"“{out_path.name}”已存在，可能已在Word/WPS中修改过。\n"
                "是否用新生成的初稿覆盖它？（选“否”可在“保存为”中换一个文件名）",
                QMessageBox.Yes | QMessageBox.No, QMessageBox.No)
            if answer != QMessageBox.Yes:
                self.status.setText("未生成：请换一个文件名，或确认覆盖。")
                return
        options, registry = self.options(), self.registry
        self.generate_button.setEnabled(False)
        self.status.setText("正在生成……")

        def op(progress):
            progress.update(0, 0, "正在生成年度报告……")
            return render_report(registry, options, out_path)

        self.op = run_in_background(self, op, title="生成年度报告", on_success=self._done,
                                    on_failure=self._failed, cancellable=False)

    def _done(self, result: ReportResult) -> None:
        self.result = result
        self.generate_button.setEnabled(True)
        self.registry.set_setting(OUTPUT_DIR_SETTING, str(result.path.parent))
        text = f"已生成：{result.path}"
        if result.fill_count:
            text += f"\n文中有{result.fill_count}处黄色底纹的“【请填写：…】”需要补充后再印发。"
        if result.warnings:
            from ...core.fonts import summarize_warnings

            shown, details = summarize_warnings(list(result.warnings))  # fonts: one line
            text += "\n请注意：" + "；".join(shown)
            self.status.setToolTip("\n".join(details))
        self.status.setText(text)
        self.preview = preview_document(self, result.path, registry=self.registry,
                                        title=f"预览 - {result.path.name}")

    def _failed(self, exc) -> None:
        self.generate_button.setEnabled(True)
        self.status.setText(f"年度报告未能生成：{clerk_text(exc)}")


def report_action(parent, registry) -> QAction:
    """A menu/toolbar action 年度报告… that opens the dialog (for the main window's menu)."""
    action = QAction("年度法治政府建设情况报告…", parent)
    action.setToolTip("生成年度法治政府建设情况报告初稿（数据取自各登记簿）")
    action.setStatusTip(action.toolTip())
    action.triggered.connect(lambda: open_report_dialog(parent, registry))
    return action


def open_report_dialog(parent, registry, *, year: Optional[int] = None) -> ReportDialog:
    """Show the yearly report dialog (non-modal; deleted when closed)."""
    dialog = ReportDialog(registry, parent, year=year)
    dialog.setAttribute(Qt.WA_DeleteOnClose, True)
    dialog.show()
    return dialog
