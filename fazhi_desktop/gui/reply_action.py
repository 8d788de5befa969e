"""生成答复件: ask for the output folder once, render the reply off the GUI thread, show the
engine's warnings, open the document.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .ops import run_in_background

OUTPUT_DIR_SETTING = "output_dir"


def _reply_engine():
    """docgen.replies, or None when that module is not there yet (it is written separately)."""
    try:
        from ..docgen import replies
    except ImportError:
        return None
    if not hasattr(replies, "render_reply") or not hasattr(replies, "default_filename"):
        return None
    return replies


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


def generate_reply(parent, registry, kind: str, record_id: str, *, open_file: bool = True,
                   on_done=None):
    """Render the reply of one saved record into the output folder; returns the BackgroundOp."""
    replies = _reply_engine()
    if replies is None:
        QMessageBox.information(parent, "生成答复件",
                                "本版本尚未包含答复件生成功能（docgen/replies.py 缺失），"
                                "请更新软件后再试。记录已保存，不受影响。")
        return None
    folder = output_folder(parent, registry)
    if folder is None:
        return None
    record = registry.get(kind, record_id)
    out_path = Path(folder) / replies.default_filename(kind, record)

    def op(progress):
        progress.update(0, 0, "正在生成答复件……")
        return replies.render_reply(registry, kind, record_id, out_path)

    def success(result) -> None:
        path = Path(getattr(result, "path", out_path))
        warnings = list(getattr(result, "warnings", []) or [])
        if warnings:
            QMessageBox.information(parent, "生成答复件",
                                    f"答复件已生成：{path}\n\n请注意：\n" + "\n".join(warnings))
        if open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        if on_done is not None:
            on_done(path)

    def failure(exc) -> None:
        if isinstance(exc, InterruptedError):
            return
        QMessageBox.warning(parent, "生成答复件", f"答复件未能生成：{exc}")

    # The render reads the registry on a worker thread; the GUI waits (modal progress) meanwhile.
    return run_in_background(parent, op, title="生成答复件", on_success=success,
                             on_failure=failure, cancellable=False)
