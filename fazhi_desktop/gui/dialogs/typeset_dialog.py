"""文件 › 公文排版…: open a draft (or paste text), see each paragraph beside the part it was
recognised as, correct a part by hand, then preview, save and print the red-header document.

A thin window over docgen/typeset: reading (a .doc through LibreOffice takes seconds) and
writing run off the GUI thread; the rules of recognition live in the core.
"""
from __future__ import annotations

import logging
import tempfile
from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QHeaderView, QLabel, QMessageBox, QPlainTextEdit, QPushButton,
                               QSplitter, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ...core.errors import FazhiError, ValidationError
from ...docgen.typeset.compose import FORMATS, preview_summary, typeset_labelled
from ...docgen.typeset.reading import Draft, read_draft, text_blocks
from ...docgen.typeset.recognise import ROLES, Labelled, recognise
from ..ops import run_in_background
from ..widgets.screen_fit import keep_on_screen

DRAFT_FILTER = "草稿 (*.docx *.doc *.wps *.txt);;Word文档 (*.docx *.doc);;WPS文字 (*.wps);;文本文件 (*.txt)"
NUMBER_CHOICES = (("keep", "沿用草稿中的发文字号"), ("auto", "取本单位下一个发文字号"), ("none", "不编发文字号"))
# A table or a picture is body text, an attachment's, or left out; it is never a title.
BLOCK_ROLES = ("body", "attachment", "ignore")


def _cell_text(block) -> str:
    if block.kind == "table":
        return f"［表格：{len(block.rows)}行{len(block.rows[0]) if block.rows else 0}列］"
    if block.kind == "picture":
        return "［图片］"
    return block.text


class TypesetDialog(QDialog):
    """The draft's paragraphs with their parts, the summary of the result, and the actions."""

    def __init__(self, registry, parent: Optional[QWidget] = None):
        super().__init__(parent)
        self.registry = registry
        self.setWindowTitle("公文排版")
        self.resize(980, 640)
        self.draft: Optional[Draft] = None
        self.labelled: list = []
        self._work = tempfile.TemporaryDirectory(prefix="fazhi-typeset-")
        self.op = None

        self.open_button = QPushButton("打开草稿…", self)
        self.open_button.clicked.connect(self.choose_draft)
        self.paste_button = QPushButton("粘贴文本…", self)
        self.paste_button.clicked.connect(self.paste_text)
        self.format_box = QComboBox(self)
        for key, label in FORMATS.items():
            self.format_box.addItem(label, key)
        profile_format = (registry.profile().get("reply_format") or "file")
        self.format_box.setCurrentIndex(max(0, self.format_box.findData(profile_format)))
        self.number_box = QComboBox(self)
        for key, label in NUMBER_CHOICES:
            self.number_box.addItem(label, key)
        top = QHBoxLayout()
        for widget in (self.open_button, self.paste_button):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(QLabel("格式：", self))
        top.addWidget(self.format_box)
        top.addWidget(QLabel("发文字号：", self))
        top.addWidget(self.number_box)

        self.source_label = QLabel("请打开一份草稿（.docx、.doc、.wps、.txt），或粘贴文本。", self)
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["段", "草稿内容", "识别为"])
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeToContents)
        # an empty table sizes 识别为 to less than its word
        header.setMinimumSectionSize(header.fontMetrics().horizontalAdvance("识别为") + 12)
        self.summary = QPlainTextEdit(self)
        self.summary.setReadOnly(True)
        self.summary.setPlaceholderText("识别结果和将要统一的标点、标题序号显示在这里。")
        splitter = QSplitter(Qt.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.summary)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.buttons = QDialogButtonBox(self)
        self.preview_button = self.buttons.addButton("预览/打印…", QDialogButtonBox.ActionRole)
        self.save_button = self.buttons.addButton("保存为Word文档…", QDialogButtonBox.AcceptRole)
        close = self.buttons.addButton("关闭", QDialogButtonBox.RejectRole)
        self.preview_button.clicked.connect(self.preview)
        self.save_button.clicked.connect(self.save)
        close.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.source_label)
        layout.addWidget(splitter, 1)
        layout.addWidget(self.status)
        layout.addWidget(self.buttons)
        keep_on_screen(self)  # 640 is more than a 1366x768 screen at 125 % leaves
        self._update_actions([])

    # ------------------------------------------------------------- reading
    def choose_draft(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "打开草稿", "", DRAFT_FILTER)
        if path:
            self.load_file(path)

    def load_file(self, path) -> None:
        """Read the draft off the GUI thread (a .doc is converted first)."""
        path = Path(path)
        self.source_label.setText(f"正在读取“{path.name}”……")
        work = Path(self._work.name) / f"draft{id(path)}"

        def op(progress):
            progress.update(0, 0, f"正在读取“{path.name}”……")
            return read_draft(path, work)

        def failed(exc) -> None:
            self.source_label.setText(f"无法读取“{path.name}”：{exc}")

        self.op = run_in_background(self, op, title="读取草稿", on_success=self.show_draft,
                                    on_failure=failed, cancellable=False)

    def paste_text(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("粘贴文本")
        edit = QPlainTextEdit(dialog)
        edit.setPlaceholderText("把草稿的文字粘贴到这里（从网页、PDF或其他文档复制的均可）。")
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, dialog)
        buttons.button(QDialogButtonBox.Ok).setText("识别")
        buttons.button(QDialogButtonBox.Cancel).setText("取消")
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(edit)
        layout.addWidget(buttons)
        dialog.resize(640, 480)
        keep_on_screen(dialog)
        if dialog.exec() == QDialog.Accepted and edit.toPlainText().strip():
            self.show_draft(Draft(source=Path("粘贴的文本"), blocks=text_blocks(edit.toPlainText()),
                                  fmt="text"))

    def show_draft(self, draft: Draft) -> None:
        self.draft = draft
        self.labelled = recognise(draft)
        self.source_label.setText(f"草稿：{draft.source.name}（共{len(draft.blocks)}段）。"
                                  "识别有误时，在右侧“识别为”一栏改正。")
        self.table.setRowCount(len(self.labelled))
        for row, item in enumerate(self.labelled):
            self.table.setItem(row, 0, QTableWidgetItem(str(item.block.position)))
            text = QTableWidgetItem(_cell_text(item.block))
            text.setFlags(text.flags() & ~Qt.ItemIsEditable)
            self.table.setItem(row, 1, text)
            box = QComboBox(self.table)
            roles = BLOCK_ROLES if item.block.kind != "text" else tuple(ROLES)
            for role in roles:
                box.addItem(ROLES[role], role)
            box.setCurrentIndex(max(0, box.findData(item.role)))
            box.currentIndexChanged.connect(lambda _i, r=row, b=box: self.set_role(r, b.currentData()))
            self.table.setCellWidget(row, 2, box)
        self.table.resizeRowsToContents()
        self.refresh_summary()

    def set_role(self, row: int, role: str) -> None:
        self.labelled[row] = Labelled(self.labelled[row].block, role)
        self.refresh_summary()

    def role_box(self, row: int) -> QComboBox:
        return self.table.cellWidget(row, 2)

    def refresh_summary(self) -> None:
        lines, problems = preview_summary(self.draft, self.labelled)
        self.summary.setPlainText("\n".join(lines))
        self._update_actions(problems)

    def _update_actions(self, problems: list) -> None:
        ready = self.draft is not None and not problems
        self.preview_button.setEnabled(ready)
        self.save_button.setEnabled(ready)
        if self.draft is not None:
            self.status.setText("；".join(problems) if problems else "")

    # ------------------------------------------------------------- writing
    def _write(self, target: Path, on_done) -> None:
        draft, labelled = self.draft, list(self.labelled)
        fmt, number = self.format_box.currentData(), self.number_box.currentData()
        profile, registry = self.registry.profile(), self.registry

        def op(progress):
            progress.update(0, 0, "正在排版……")
            return typeset_labelled(draft, labelled, target, profile, fmt=fmt, registry=registry,
                                    number=number)

        def failed(exc) -> None:
            text = "；".join(exc.problems) if isinstance(exc, ValidationError) else str(exc)
            if not isinstance(exc, (FazhiError, InterruptedError)):
                logging.getLogger("fazhi_desktop").error("公文排版失败", exc_info=exc)
                text = f"排版时出现意外错误（{type(exc).__name__}），详情已写入日志。"
            self.status.setText(f"未能排版：{text}")

        self.op = run_in_background(self, op, title="公文排版", on_success=on_done,
                                    on_failure=failed, cancellable=False)

    def preview(self) -> None:
        target = Path(self._work.name) / "排版预览.docx"

        def done(result) -> None:
            self.status.setText("；".join(result.warnings[:1]))
            from ..preview import preview_document

            preview_document(self, result.path, registry=self.registry, title="预览 - 公文排版")

        self._write(target, done)

    def suggested_name(self) -> str:
        title = ""
        if self.draft is not None:
            title = "".join(i.block.text.strip() for i in self.labelled if i.role == "title")
        stem = self.draft.source.stem if self.draft is not None else "公文"
        return (title or stem)[:60] + ".docx"

    def save(self) -> None:
        start = self.draft.source.parent if self.draft and self.draft.source.is_absolute() else Path.home()
        path, _ = QFileDialog.getSaveFileName(self, "保存排版结果", str(start / self.suggested_name()),
                                              "Word文档 (*.docx)")
        if not path:
            return
        target = Path(path if path.lower().endswith(".docx") else path + ".docx")
        if self.draft is not None and self.draft.source.exists() and target.exists() and \
                target.resolve() == self.draft.source.resolve():
            QMessageBox.warning(self, "公文排版", "不能保存到草稿本身：草稿从不改动，请另选文件名。")
            return

        def done(result) -> None:
            changes = sum(c.count for c in result.changes)
            self.status.setText(f"已保存：{result.path}" + (f"（统一了{changes}处标点或标题序号）" if changes else ""))

        self._write(target, done)

    def done(self, code: int) -> None:  # noqa: D401 - Qt override
        super().done(code)
        self._work.cleanup()
