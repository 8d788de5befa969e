"""导入往年答复件…: a folder of replies sent in earlier years, read and listed before anything
is written, then added to the registers in one go (docgen/typeset/past_replies.py)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QFileDialog, QHeaderView, QLabel,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...docgen.typeset.past_replies import KIND_WORDS, apply_plan, plan_folder
from ..ops import run_in_background
from ..widgets.screen_fit import keep_on_screen


class PastRepliesDialog(QDialog):
    """Lists each file with what was recognised (or why not); 导入 writes all or nothing."""

    imported = Signal(dict)  # {kind: [ids]}

    def __init__(self, registry, kind: Optional[str] = None, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.registry, self.kind = registry, kind
        self.plan = None
        self.op = None
        self.setWindowTitle("导入往年答复件")
        self.resize(900, 520)
        self.intro = QLabel("选择一个装有往年答复件（.docx）的文件夹：先列出识别结果，确认后才写入登记簿。", self)
        self.intro.setWordWrap(True)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["文件", "识别结果", "处理"])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.choose_button = self.buttons.addButton("选择文件夹…", QDialogButtonBox.ActionRole)
        self.import_button = self.buttons.addButton("导入", QDialogButtonBox.AcceptRole)
        close = self.buttons.addButton("关闭", QDialogButtonBox.RejectRole)
        self.import_button.setEnabled(False)
        self.choose_button.clicked.connect(self.choose_folder)
        self.import_button.clicked.connect(self.run_import)
        close.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        keep_on_screen(self)

    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择往年答复件所在的文件夹")
        if folder:
            self.read_folder(folder)

    def read_folder(self, folder) -> None:
        folder = Path(folder)
        self.summary.setText(f"正在读取“{folder}”中的答复件……")
        self.import_button.setEnabled(False)
        registry, kind = self.registry, self.kind

        def op(progress):
            progress.update(0, 0, "正在识别答复件……")
            return plan_folder(registry, folder, kind=kind)

        self.op = run_in_background(self, op, title="读取答复件", on_success=self.show_plan,
                                    on_failure=lambda exc: self.summary.setText(f"无法读取：{exc}"))

    def show_plan(self, plan) -> None:
        self.plan = plan
        rows = [(o.path.name, "，".join(o.recognised),
                 "补入已有记录" if o.existing_id else "新增") for o in plan.readable]
        rows += [(o.path.name, "；".join(o.problems), "无法导入") for o in plan.unreadable]
        self.table.setRowCount(len(rows))
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeRowsToContents()
        added = sum(1 for o in plan.readable if not o.existing_id)
        self.summary.setText(
            f"共{len(rows)}份：可导入{len(plan.readable)}份（新增{added}件，补入已有记录"
            f"{len(plan.readable) - added}件）" + (f"，无法导入{len(plan.unreadable)}份（原因见表）"
                                                  if plan.unreadable else "") + "。")
        self.import_button.setEnabled(bool(plan.readable))

    def run_import(self) -> None:
        plan, registry = self.plan, self.registry
        self.import_button.setEnabled(False)

        def done(ids: dict) -> None:
            words = "，".join(f"{KIND_WORDS[k]}{len(v)}件" for k, v in ids.items())
            self.summary.setText(f"已导入：{words}。")
            self.imported.emit(ids)

        def failed(exc) -> None:
            problems = getattr(exc, "problems", None)
            self.summary.setText("未导入任何内容：" + ("；".join(problems) if problems else str(exc)))

        self.op = run_in_background(self, lambda progress: apply_plan(registry, plan),
                                    title="导入往年答复件", on_success=done, on_failure=failed,
                                    cancellable=False)
