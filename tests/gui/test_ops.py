"""Background work: results arrive on the GUI thread, slow work shows a dialog, 取消 stops it."""
from __future__ import annotations

import threading
import time

from PySide6.QtCore import QThread, Qt
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from fazhi_desktop.gui.ops import run_in_background


def test_quick_op_delivers_result_on_gui_thread_without_dialog(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    got = {}

    def op(progress):
        progress.update(1, 1, "完成")
        return threading.current_thread().name

    def done(result):
        got["worker"] = result
        got["gui"] = QThread.currentThread() is QApplication.instance().thread()

    handle = run_in_background(parent, op, title="测试", on_success=done)
    with qtbot.waitSignal(handle.finished, timeout=5000):
        pass
    assert got["gui"] is True
    assert got["worker"] != threading.main_thread().name
    assert handle.dialog is None


def test_slow_op_shows_progress_dialog_and_cancel_stops_it(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    failures = []

    def op(progress):
        for i in range(200):
            if progress.cancelled():
                raise InterruptedError("已取消")
            progress.update(i, 200, f"第{i}条")
            time.sleep(0.02)
        return "finished"

    handle = run_in_background(parent, op, title="导出台账", on_success=lambda r: failures.append(r),
                               on_failure=failures.append)
    qtbot.waitUntil(lambda: handle.dialog is not None and handle.dialog.isVisible(), timeout=3000)
    assert handle.dialog.windowTitle() == "导出台账"
    cancel_button = next(b for b in handle.dialog.findChildren(QPushButton) if b.text() == "取消")
    qtbot.mouseClick(cancel_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: handle.is_done, timeout=5000)
    assert len(failures) == 1 and isinstance(failures[0], InterruptedError)


def test_failure_reaches_on_failure(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    errors = []

    def op(progress):
        raise ValueError("坏数据")

    handle = run_in_background(parent, op, title="导入", on_success=lambda r: None,
                               on_failure=errors.append)
    qtbot.waitUntil(lambda: handle.is_done, timeout=5000)
    assert isinstance(errors[0], ValueError) and str(errors[0]) == "坏数据"
