"""批量生成答复件: the selected proposals or suggestions rendered into one folder off the GUI thread,
with progress and 取消, then the list of what was made and what failed and why.

The register page's toolbar calls `open_batch_dialog(parent, registry, kind, record_ids)`, or in
one line `install_batch_action(page)` adds the button and multi-row selection to a RegisterPage.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QBrush, QColor, QDesktopServices
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from ...core import records
from ...core.errors import FazhiError
from ...core.validation import clerk_text
from ...docgen.batch import BatchResult, batch_types, make_replies
from ..ops import run_in_background
from ..preview import converter_for, preview_document
from ..reply_action import OUTPUT_DIR_SETTING
from ..widgets.screen_fit import keep_on_screen

PDF_SETTING = "batch_pdf"
_FAILED_COLOUR = QColor("#b3261e")


class BatchRepliesDialog(QDialog):
    """Choose a folder (and PDF), start, watch progress, then read the outcome per record."""

    def __init__(self, registry, kind: str, record_ids, parent: Optional[QWidget] = None, *,
                 scope: str = "所选的 {n} 件{word}"):
        super().__init__(parent)
        self.registry, self.kind, self.record_ids = registry, kind, list(record_ids)
        self.result: Optional[BatchResult] = None
        self.op = None
        self.converter = converter_for(registry)
        word = records.item_word(kind)
        self.setWindowTitle("批量生成答复件")
        self.setMinimumWidth(640)

        which = scope.format(n=len(self.record_ids), word=word)
        intro = QLabel(f"将为{which}各生成一份下面所选的文书"
                       f"（Word文档，默认答复件），以文书标题命名，保存到下面的文件夹；"
                       f"文件夹中已有的同名文件不会被覆盖。", self)
        intro.setWordWrap(True)
        self.folder_edit = QLineEdit(self)
        self.folder_edit.setText(registry.setting(OUTPUT_DIR_SETTING) or str(Path.home()))
        browse = QPushButton("选择…", self)
        browse.clicked.connect(self.choose_folder)
        # Which document: the batch types of the table (docgen/document_types.py).
        self.type_box = QComboBox(self)
        for doc_type in batch_types(kind):
            self.type_box.addItem(doc_type.label, doc_type.name)
        type_row = QHBoxLayout()
        type_row.addWidget(QLabel("生成：", self))
        type_row.addWidget(self.type_box, 1)
        folder_row = QHBoxLayout()
        folder_row.addWidget(QLabel("保存到：", self))
        folder_row.addWidget(self.folder_edit, 1)
        folder_row.addWidget(browse)

        self.pdf_box = QCheckBox(self)
        if self.converter is not None:
            self.pdf_box.setText(f"同时生成PDF（使用 {self.converter.display_name}）")
            self.pdf_box.setChecked(bool(registry.setting(PDF_SETTING)))
        else:
            self.pdf_box.setText("同时生成PDF（未找到LibreOffice、WPS或Word，无法生成）")
            self.pdf_box.setEnabled(False)

        co_signed = self._count_co_signed()
        self.per_signer_box = QCheckBox(
            f"联名{word}（所选中有{co_signed}件）为每位提出人各生成一份答复件", self)
        self.per_signer_box.setVisible(co_signed > 0)

        self.summary = QLabel("", self)
        self.summary.setWordWrap(True)
        self.results = QTreeWidget(self)
        self.results.setHeaderLabels(["结果", "文书 / 未生成的原因"])
        self.results.setRootIsDecorated(False)
        self.results.setColumnWidth(0, 90)
        self.results.itemDoubleClicked.connect(self._preview_item)
        self.results.itemSelectionChanged.connect(self._update_buttons)

        self.buttons = QDialogButtonBox(self)
        self.start_button = self.buttons.addButton("开始生成", QDialogButtonBox.AcceptRole)
        self.preview_button = self.buttons.addButton("预览所选", QDialogButtonBox.ActionRole)
        self.folder_button = self.buttons.addButton("打开文件夹", QDialogButtonBox.ActionRole)
        self.close_button = self.buttons.addButton("关闭", QDialogButtonBox.RejectRole)
        self.start_button.clicked.connect(self.start)
        self.preview_button.clicked.connect(self.preview_selected)
        self.folder_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        self.start_button.setEnabled(bool(self.record_ids))
        self.preview_button.hide()
        self.folder_button.hide()

        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(type_row)
        layout.addLayout(folder_row)
        layout.addWidget(self.pdf_box)
        layout.addWidget(self.per_signer_box)
        layout.addWidget(self.summary)
        layout.addWidget(self.results, 1)
        layout.addWidget(self.buttons)
        keep_on_screen(self)
        if not self.record_ids:
            self.summary.setText(f"请先在表格中选择要生成答复件的{word}（可按住Ctrl或Shift多选）。")

    def _count_co_signed(self) -> int:
        count = 0
        for record_id in self.record_ids:
            try:
                count += len(self.registry.get(self.kind, record_id).get("authors") or []) > 1
            except FazhiError:  # a record deleted meanwhile is reported when the batch runs
                continue
        return count

    # ------------------------------------------------------------------ running
    def choose_folder(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, "选择答复件的保存文件夹", self.folder_edit.text())
        if folder:
            self.folder_edit.setText(folder)

    def start(self) -> None:
        folder = Path(self.folder_edit.text().strip()).expanduser()
        if not self.folder_edit.text().strip():
            self.summary.setText("请先选择保存答复件的文件夹。")
            return
        want_pdf = self.pdf_box.isChecked() and self.converter is not None
        per_signer = self.per_signer_box.isChecked()
        document = self.type_box.currentData() or "reply"
        self.registry.set_setting(OUTPUT_DIR_SETTING, str(folder))
        if self.converter is not None:
            self.registry.set_setting(PDF_SETTING, want_pdf)
        self.start_button.setEnabled(False)
        self.summary.setText("正在生成……")
        registry, kind, ids, converter = self.registry, self.kind, self.record_ids, self.converter

        def op(progress):
            return make_replies(registry, kind, ids, folder, pdf=want_pdf, converter=converter,
                                per_signer=per_signer, progress=progress.update,
                                cancelled=progress.cancelled, document=document)

        self.op = run_in_background(self, op, title="批量生成答复件", on_success=self.show_result,
                                    on_failure=self._failed)

    def _failed(self, exc) -> None:
        self.start_button.setEnabled(True)
        self.summary.setText(f"批量生成未完成：{clerk_text(exc)}")

    def show_result(self, result: BatchResult) -> None:
        self.result = result
        # Warnings every document shares (a font substitute) are said once, not on every row.
        from ...core.fonts import summarize_warnings

        common = _common_warnings(result.made)
        shown, details = summarize_warnings(common)  # five font sentences: one line
        self.summary.setText(result.summary() + "".join(f"\n提示：{w}" for w in shown))
        self.summary.setToolTip("\n".join(details))
        self.results.clear()
        for item in result.made:
            files = item.docx.name + (f"，{item.pdf.name}" if item.pdf else "")
            row = QTreeWidgetItem(["已生成", files])
            row.setData(0, Qt.UserRole, str(item.docx))
            own = [w for w in item.warnings if w not in common]
            if own:
                row.setToolTip(1, "\n".join(own))
                row.setText(1, files + "（" + "；".join(own) + "）")
            self.results.addTopLevelItem(row)
        for item in result.failed:
            row = QTreeWidgetItem(["未生成", f"{item.label}——{item.problem}"])
            row.setToolTip(1, row.text(1))
            for column in (0, 1):
                row.setForeground(column, QBrush(_FAILED_COLOUR))
            self.results.addTopLevelItem(row)
        self.folder_button.show()
        self.preview_button.show()
        self.start_button.hide()
        self.close_button.setText("完成")
        self._update_buttons()

    # ------------------------------------------------------------------ afterwards
    def _selected_document(self) -> Optional[Path]:
        items = self.results.selectedItems()
        path = items[0].data(0, Qt.UserRole) if items else None
        return Path(path) if path else None

    def _update_buttons(self) -> None:
        self.preview_button.setEnabled(self._selected_document() is not None)

    def _preview_item(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        path = item.data(0, Qt.UserRole)
        if path:
            self._preview(Path(path))

    def preview_selected(self) -> None:
        path = self._selected_document()
        if path is not None:
            self._preview(path)

    def _preview(self, docx_path: Path):
        pdf = docx_path.with_suffix(".pdf")
        source = pdf if pdf.exists() and self.result and any(
            i.pdf == pdf for i in self.result.made) else docx_path
        return preview_document(self, source, registry=self.registry, converter=self.converter)

    def open_folder(self) -> None:
        if self.result is not None and not QDesktopServices.openUrl(
                QUrl.fromLocalFile(str(self.result.folder))):  # said, not pretended
            self.summary.setText(self.summary.text() +
                                 f"\n未能打开文件夹，请在文件管理器中找到：{self.result.folder}")


def _common_warnings(items) -> list:
    """The warnings that every made document has (in the first one's order)."""
    if len(items) < 2:
        return []
    shared = set(items[0].warnings).intersection(*(set(i.warnings) for i in items[1:]))
    return [w for w in items[0].warnings if w in shared]


def selected_record_ids(table, model) -> list:
    """The ids of the rows selected in a register table, top to bottom."""
    rows = sorted({index.row() for index in table.selectionModel().selectedRows()})
    return [rid for rid in (model.record_id(row) for row in rows) if rid]


def install_batch_action(page) -> QAction:
    """Give a register page (RegisterPage: toolbar, table, model, registry, kind) the
    批量生成答复件… button after 生成答复件, and let its table select many rows."""
    page.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
    action = QAction("批量生成答复件…", page)
    action.setToolTip("为表格中选中的多条记录分别生成答复件；只选一条或未选时，为表格中显示的"
                      "全部记录（当前筛选，如“仅看超期”）生成")
    action.triggered.connect(lambda: open_batch_dialog(
        page, page.registry, page.kind, *batch_scope(page)))
    actions = page.toolbar.actions()
    reply = getattr(page, "actions_by_name", {}).get("reply")
    position = actions.index(reply) + 1 if reply in actions else len(actions)
    if position < len(actions):
        page.toolbar.insertAction(actions[position], action)
    else:
        page.toolbar.addAction(action)
    if hasattr(page, "actions_by_name"):
        page.actions_by_name["batch"] = action
    return action


def batch_scope(page) -> tuple:
    """(ids, how to call them): several selected rows; else every row the table shows under
    its filter (the 督办 list of 仅看超期), since one row has 生成答复件 of its own."""
    selected = selected_record_ids(page.table, page.model)
    if len(selected) > 1:
        return selected, "所选的 {n} 件{word}"
    scope = page.filter_summary() if hasattr(page, "filter_summary") else ""
    ids = page.shown_ids() if hasattr(page, "shown_ids") else selected
    scope = scope.replace("{", "{{").replace("}", "}}")  # a search text is not a template
    return ids, ("表格中显示的 {n} 件{word}" + (f"（{scope}）" if scope else ""))


def open_batch_dialog(parent, registry, kind: str, record_ids,
                      scope: str = "所选的 {n} 件{word}") -> BatchRepliesDialog:
    """Show the batch dialog for these records (non-modal; it deletes itself when closed);
    `scope` says which they are ({n}, {word} filled in: 表格中显示的 2 件提案（仅看超期）)."""
    dialog = BatchRepliesDialog(registry, kind, record_ids, parent, scope=scope)
    dialog.setAttribute(Qt.WA_DeleteOnClose, True)
    dialog.show()
    return dialog
