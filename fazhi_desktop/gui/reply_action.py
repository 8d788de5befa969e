"""生成答复件: ask for the output folder once, render the reply off the GUI thread, open it in the
system's Word/WPS, then a notice with the engine's warnings and 在程序内预览.

`make_document` is the shared flow for every document made from a record (gui/document_actions.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Optional

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .ops import run_in_background

OUTPUT_DIR_SETTING = "output_dir"
PREVIEW_BUTTON = "在程序内预览"


def output_folder(parent, registry, *, ask: bool = False):
    """The folder for generated documents; asks once and remembers it in the data file."""
    folder = registry.setting(OUTPUT_DIR_SETTING)
    if folder and Path(folder).is_dir() and not ask:
        return folder
    folder = QFileDialog.getExistingDirectory(parent, "选择答复件的保存文件夹", folder or str(Path.home()))
    if not folder:
        return None
    registry.set_setting(OUTPUT_DIR_SETTING, folder)
    return folder


def show_done_notice(parent, registry, title: str, path: Path, warnings: list, *,
                     opened: bool, preview: bool = True) -> QMessageBox:
    """A non-modal notice: where the document is, its warnings, and 在程序内预览 (issue 7)."""
    text = f"{title}已生成：{path}"
    if opened:
        text += "\n已用系统的Word/WPS打开。"
    if warnings:
        text += "\n\n请注意：\n" + "\n".join(warnings)
    box = QMessageBox(QMessageBox.Information, title, text, QMessageBox.NoButton, parent)
    box.setAttribute(Qt.WA_DeleteOnClose, True)
    box.setModal(False)
    if preview and Path(path).is_file():
        button = box.addButton(PREVIEW_BUTTON, QMessageBox.ActionRole)
        button.setToolTip("在本程序中查看排版、打印或另存为PDF")

        def open_preview() -> None:
            from .preview import preview_document

            preview_document(parent, path, registry=registry)

        button.clicked.connect(open_preview)
    box.addButton("确定", QMessageBox.AcceptRole)
    box.show()
    if parent is not None:
        parent.done_notice = box  # the last one, for the clerk's window (and tests)
    return box


def make_document(parent, registry, *, title: str, render: Callable, out_path: Path,
                  open_file: bool = True, on_done: Optional[Callable] = None, notice: bool = True):
    """Run `render()` (returns a RenderResult or a list of them) off the GUI thread, then open
    the file (a folder for several), show the notice; errors in a warning box. A single file
    that would replace an existing one (or land on the data) is asked about first: None if not."""
    from .output_check import may_write

    if Path(out_path).suffix and not may_write(parent, registry, out_path, title=title):
        return None

    def op(progress):
        progress.update(0, 0, f"正在生成{title}……")
        return render()

    def success(result) -> None:
        results = result if isinstance(result, list) else [result]
        paths = [Path(getattr(r, "path", out_path)) for r in results]
        warnings = []
        for r in results:  # the same font warning on every copy is said once
            warnings += [w for w in (getattr(r, "warnings", None) or []) if w not in warnings]
        target = paths[0] if len(paths) == 1 else Path(out_path)
        if open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(target)))
        if notice:
            shown = target if len(paths) == 1 else \
                f"{target}（{len(paths)}份：" + "、".join(p.name for p in paths) + "）"
            show_done_notice(parent, registry, title, shown, warnings, opened=open_file,
                             preview=len(paths) == 1)
        if on_done is not None:
            on_done(target)

    def failure(exc) -> None:
        if isinstance(exc, InterruptedError):
            return
        QMessageBox.warning(parent, title, f"{title}未能生成：{exc}")

    # The render reads the registry on a worker thread; the GUI waits (modal progress) meanwhile.
    return run_in_background(parent, op, title=f"生成{title}", on_success=success,
                             on_failure=failure, cancellable=False)


def generate_reply(parent, registry, kind: str, record_id: str, *, open_file: bool = True,
                   on_done=None):
    """Render the reply of one saved record into the output folder; returns the BackgroundOp."""
    from ..docgen import replies  # python-docx and the engine load on first use, not at start-up

    folder = output_folder(parent, registry)
    if folder is None:
        return None
    record = registry.get(kind, record_id)
    out_path = Path(folder) / replies.default_filename(kind, record)
    return make_document(parent, registry, title="答复件", out_path=out_path,
                         render=lambda: replies.render_reply(registry, kind, record_id, out_path),
                         open_file=open_file, on_done=on_done)
