"""生成调解协议书 / 卷宗 from the mediation editor: ask the folder once, render off the GUI thread,
show the engine's warnings, open the document.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from ...docgen import mediation as engine
from ..ops import run_in_background
from ..output_check import may_write
from ..reply_action import output_folder

TITLES = {"agreement": "生成人民调解协议书", "case_file": "生成卷宗"}


def render_document(parent, registry, record_id: str, what: str, *, open_file: bool = True,
                    on_done=None):
    """Render the agreement ('agreement') or the whole case file ('case_file') of a saved case."""
    title = TITLES[what]
    folder = output_folder(parent, registry)
    if folder is None:
        return None
    record = registry.get("mediation", record_id)
    out_path = Path(folder) / engine.default_filename(record, what)
    if not may_write(parent, registry, out_path, title=title):
        return None

    def op(progress):
        progress.update(0, 0, f"正在{title[2:]}……")
        return engine.render_mediation(registry, record_id, out_path, what=what)

    def success(result) -> None:
        path = Path(getattr(result, "path", out_path))
        warnings = list(getattr(result, "warnings", []) or [])
        if warnings:
            QMessageBox.information(parent, title, f"已生成：{path}\n\n请注意：\n" + "\n".join(warnings))
        if open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        if on_done is not None:
            on_done(path)

    def failure(exc) -> None:
        if not isinstance(exc, InterruptedError):
            QMessageBox.warning(parent, title, f"未能生成：{exc}")

    return run_in_background(parent, op, title=title, on_success=success, on_failure=failure,
                             cancellable=False)
