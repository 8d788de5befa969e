"""文书 from one saved record, its menu built from the table of document types
(docgen/document_types.py): 答复件, 再次答复, 征询意见表, 会办意见 for a proposal or suggestion
(plus 逐一答复联名人), 人民调解协议书 and 卷宗 for a mediation case; and 预览/打印 of the reply.

The record editor, the register toolbar and the mediation editor all use
`documents_menu(parent, target, kind)`, where `target` has `document_target() -> (registry, kind,
record_id) or None` (saving first when needed) and, for proposals and suggestions,
`co_signed() -> bool`.

A document already in the output folder is never overwritten: the clerk may have edited it in
Word. The new one is saved under the next free name (…（2）.docx), as the batch does, and the
notice says so.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox, QMenu

from ..core import records
from ..core.validation import clerk_text
from .ops import run_in_background
from .reply_action import free_path, make_document, output_folder

MENU_TITLE = "文书"
PER_SIGNER = "per-signer"


def make_typed_document(parent, registry, name: str, kind: str, record_id: str, *,
                        open_file: bool = True, on_done=None):
    """One document of type `name` into the output folder (a free name), then opened.

    A record the type cannot be made from (e.g. 会办意见 where the office leads) is refused with
    the Chinese reason before any number is handed out or any file written."""
    from ..docgen.document_types import get, render_document

    doc_type = get(name, kind)
    record = registry.get(kind, record_id)
    if doc_type.precheck is not None:
        problems = doc_type.precheck(kind, record, registry.profile())
        if problems:
            QMessageBox.warning(parent, doc_type.label, "\n".join(problems))
            return None
    folder = output_folder(parent, registry)
    if folder is None:
        return None
    out, renamed = free_path(Path(folder) / doc_type.filename(kind, record))
    return make_document(parent, registry, title=doc_type.label, out_path=out,
                         render=lambda: render_document(registry, name, kind, record_id, out),
                         open_file=open_file, on_done=on_done, renamed_from=renamed)


def replies_per_signer(parent, registry, kind: str, record_id: str):
    """联名: one reply per author into the output folder; the folder is opened."""
    from ..docgen import replies

    authors = registry.get(kind, record_id).get("authors") or []
    if len(authors) < 2:
        QMessageBox.information(parent, "逐一答复联名人",
                                f"这件{records.item_word(kind)}只有一位提出人，请用“生成答复件”。")
        return None
    folder = output_folder(parent, registry)
    if folder is None:
        return None
    taken = [p for a in authors
             if (p := Path(folder) / replies.default_filename(kind, registry.get(kind, record_id),
                                                               signer=a)).exists()]
    if taken and QMessageBox.question(
            parent, "逐一答复联名人",
            "以下答复件已存在，可能已在Word/WPS中修改过：\n" + "\n".join(p.name for p in taken)
            + "\n是否用新生成的覆盖？", QMessageBox.Yes | QMessageBox.No,
            QMessageBox.No) != QMessageBox.Yes:
        return None
    return make_document(parent, registry, title="联名答复件", out_path=Path(folder),
                         render=lambda: replies.render_replies_per_signer(
                             registry, kind, record_id, folder))


def preview_reply(parent, registry, kind: str, record_id: str):
    """预览/打印: the reply rendered into a temporary folder and shown in the app's preview."""
    from ..docgen import replies

    from .preview import preview_document

    workdir = Path(tempfile.mkdtemp(prefix="fazhi-reply-"))
    out = workdir / replies.default_filename(kind, registry.get(kind, record_id))

    def op(progress):
        progress.update(0, 0, "正在生成答复件……")
        return replies.render_reply(registry, kind, record_id, out)

    def success(result) -> None:
        dialog = preview_document(parent, result.path, registry=registry)
        if dialog is None:  # no converter: the .docx was opened instead and must stay
            return
        dialog.finished.connect(lambda *_: shutil.rmtree(workdir, ignore_errors=True))
        from ..core.fonts import summarize_warnings

        warnings, details = summarize_warnings(list(result.warnings or []))  # fonts: one line
        if warnings:  # e.g. a font that prints as a substitute: said under the page count
            dialog.status.setToolTip("\n".join(details))
            dialog.preview.loaded.connect(lambda _pages: QTimer.singleShot(
                0, lambda: dialog.status.setText(
                    dialog.status.text() + "\n请注意：" + " ".join(warnings))))
        if parent is not None:
            parent.preview_dialog = dialog

    def failure(exc) -> None:
        shutil.rmtree(workdir, ignore_errors=True)
        if not isinstance(exc, InterruptedError):
            QMessageBox.warning(parent, "预览", f"答复件未能生成，无法预览：{clerk_text(exc)}")

    return run_in_background(parent, op, title="准备预览", on_success=success,
                             on_failure=failure, cancellable=False)


def documents_menu(parent, target, kind: str = "proposal") -> QMenu:
    """The 文书 drop-down of `kind`: one action per document type (keyed by the type's name in
    `menu.actions_by_name`), and 逐一答复联名人 for a co-signed proposal or suggestion."""
    from ..docgen.document_types import for_kind

    menu = QMenu(MENU_TITLE, parent)
    menu.actions_by_name = {}

    def run(name: str) -> None:
        found = target.document_target()
        if found is None:
            return
        registry, found_kind, record_id = found
        if name == PER_SIGNER:
            replies_per_signer(parent, registry, found_kind, record_id)
        else:
            make_typed_document(parent, registry, name, found_kind, record_id)

    entries = [(t.name, f"{t.label}…", t.tip) for t in for_kind(kind)]
    if kind in ("proposal", "suggestion"):
        entries.append((PER_SIGNER, "逐一答复联名人…", "联名件：为每位提出人各生成一份答复件"))
    for name, text, tip in entries:
        action = menu.addAction(text)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _=False, n=name: run(n))
        menu.actions_by_name[name] = action
    menu.setToolTipsVisible(True)
    if PER_SIGNER in menu.actions_by_name and hasattr(target, "co_signed"):
        menu.aboutToShow.connect(
            lambda: menu.actions_by_name[PER_SIGNER].setEnabled(target.co_signed()))
    return menu


def add_documents_button(page, bar, kind: str):
    """A 文书 ▾ drop-down on a register page's toolbar (the page is the menu's target)."""
    from PySide6.QtWidgets import QToolButton

    from ..docgen.document_types import for_kind

    page.documents_menu = documents_menu(page, page, kind)
    button = QToolButton(bar)
    button.setText(MENU_TITLE + " ▾")
    button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0; }")
    button.setToolTip("、".join(t.label for t in for_kind(kind)))
    button.setMenu(page.documents_menu)
    button.setPopupMode(QToolButton.InstantPopup)
    holder = page.actions_by_name["documents"] = bar.addWidget(button)
    holder.setText(MENU_TITLE)
    page.documents_button = button
    return button
