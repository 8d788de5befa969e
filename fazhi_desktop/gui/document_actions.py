"""文书 from one saved proposal or suggestion: 征询意见表, 会办意见, one reply per co-signer (联名),
and 预览/打印 of the reply — the same flow as 生成答复件 (gui/reply_action.py).

The editor and the register toolbar both use `documents_menu(parent, target)`, where `target`
has `document_target() -> (registry, kind, record_id) or None` (saving first when needed).
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMenu, QMessageBox

from ..core import records
from .ops import run_in_background
from .reply_action import make_document, output_folder

MENU_TITLE = "文书"


def opinion_form(parent, registry, kind: str, record_id: str):
    """征询意见表 of the record into the output folder, then opened."""
    from ..docgen import forms

    return _form(parent, registry, kind, record_id, "征询意见表", forms.opinion_form_filename,
                 forms.render_opinion_form)


def assist_opinion(parent, registry, kind: str, record_id: str):
    """会办意见 (numbered in the assist series) into the output folder, then opened."""
    from ..docgen import forms

    return _form(parent, registry, kind, record_id, "会办意见", forms.assist_opinion_filename,
                 forms.render_assist_opinion)


def _form(parent, registry, kind, record_id, title, filename, render):
    folder = output_folder(parent, registry)
    if folder is None:
        return None
    out = Path(folder) / filename(kind, registry.get(kind, record_id))
    return make_document(parent, registry, title=title, out_path=out,
                         render=lambda: render(registry, kind, record_id, out))


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
        warnings = list(result.warnings or [])
        if warnings:  # e.g. a font that prints as a substitute: said under the page count
            dialog.preview.loaded.connect(lambda _pages: QTimer.singleShot(
                0, lambda: dialog.status.setText(
                    dialog.status.text() + "\n请注意：" + " ".join(warnings))))
        if parent is not None:
            parent.preview_dialog = dialog

    def failure(exc) -> None:
        shutil.rmtree(workdir, ignore_errors=True)
        if not isinstance(exc, InterruptedError):
            QMessageBox.warning(parent, "预览", f"答复件未能生成，无法预览：{exc}")

    return run_in_background(parent, op, title="准备预览", on_success=success,
                             on_failure=failure, cancellable=False)


ACTIONS = (("opinion_form", "征询意见表…", "生成随答复件寄送的征询意见表（Word）", opinion_form),
           ("assist_opinion", "会办意见…", "会办单位致主办单位的会办意见（按会办文号编号）", assist_opinion),
           ("per_signer", "逐一答复联名人…", "联名件：为每位提出人各生成一份答复件", replies_per_signer))


def documents_menu(parent, target) -> QMenu:
    """The 文书 drop-down; 逐一答复联名人 is enabled only for a co-signed record."""
    menu = QMenu(MENU_TITLE, parent)
    menu.actions_by_name = {}

    def run(action_function) -> None:
        found = target.document_target()
        if found is not None:
            action_function(parent, *found)

    for name, text, tip, function in ACTIONS:
        action = menu.addAction(text)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda _=False, f=function: run(f))
        menu.actions_by_name[name] = action
    menu.setToolTipsVisible(True)
    menu.aboutToShow.connect(
        lambda: menu.actions_by_name["per_signer"].setEnabled(target.co_signed()))
    return menu
