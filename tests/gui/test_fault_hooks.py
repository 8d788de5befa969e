"""In the window no traceback reaches the clerk (issue 14.5): an exception raised in a slot, in
a Python thread, a qCritical message and a known fault each end in the box with 复制错误信息,
and the unexpected ones are in the error log with their traceback."""
from __future__ import annotations

import errno
import logging
import threading

import pytest
from PySide6.QtCore import qCritical
from PySide6.QtWidgets import QApplication, QPushButton

from fazhi_desktop.gui import fault_hooks
from fazhi_desktop.gui.dialogs.error_dialog import COPY_LABEL, ErrorDialog

LOG = ("logs", "fazhi-desktop.log")


@pytest.fixture
def hooks(tmp_path):
    fault_hooks.install(tmp_path)
    yield tmp_path
    fault_hooks.uninstall()


def _error_box():
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, ErrorDialog) and w.isVisible()]
    return boxes[0] if boxes else None


def _close(box):
    box.done(0)


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_shows_the_box_and_is_logged(qtbot, hooks):
    button = QPushButton("保存")
    qtbot.addWidget(button)

    def broken():
        raise KeyError("a bug in a slot")

    button.clicked.connect(broken)
    button.click()
    qtbot.waitUntil(lambda: _error_box() is not None)
    box = _error_box()
    log = hooks.joinpath(*LOG)
    assert "程序内部出错" in box.text() and str(log) in box.text()
    assert "Traceback" not in box.text() and "KeyError" not in box.text()
    assert "KeyError: 'a bug in a slot'" in log.read_text("utf-8")
    copy = [b for b in box.buttons() if b.text() == COPY_LABEL][0]
    copy.click()
    assert box.isVisible()  # copying does not close the box
    copied = QApplication.clipboard().text()
    assert box.text() in copied and "a bug in a slot" in copied
    _close(box)


@pytest.mark.qt_no_exception_capture
def test_a_known_fault_in_a_slot_gets_its_chinese_sentence(qtbot, hooks):
    button = QPushButton("导出")
    qtbot.addWidget(button)

    def disk_full():
        raise OSError(errno.ENOSPC, "No space left on device", "/media/u盘/台账.xlsx")

    button.clicked.connect(disk_full)
    button.click()
    qtbot.waitUntil(lambda: _error_box() is not None)
    box = _error_box()
    assert "磁盘空间已满" in box.text() and "/media/u盘/台账.xlsx" in box.text()
    assert "No space" not in box.text()
    assert not hooks.joinpath(*LOG).exists()  # a known fault is not a program error
    _close(box)


def test_an_exception_in_a_thread_shows_the_box_on_the_gui_thread(qtbot, hooks):
    def job():
        raise ValueError("a bug in a thread")

    worker = threading.Thread(target=job, name="后台任务")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: _error_box() is not None)
    box = _error_box()
    assert "程序内部出错" in box.text()
    assert "ValueError: a bug in a thread" in hooks.joinpath(*LOG).read_text("utf-8")
    _close(box)


def test_a_background_jobs_logged_failure_lands_in_the_log(hooks):
    try:
        raise RuntimeError("import failed half-way")
    except RuntimeError:
        logging.getLogger("fazhi_desktop").error("后台任务失败", exc_info=True)
    text = hooks.joinpath(*LOG).read_text("utf-8")
    assert "后台任务失败" in text and "RuntimeError: import failed half-way" in text


@pytest.mark.qt_log_ignore("deliberate critical")
def test_a_qt_critical_message_is_logged_and_shown(qtbot, hooks):
    qCritical("deliberate critical from the test")
    qtbot.waitUntil(lambda: _error_box() is not None)
    box = _error_box()
    assert "程序内部出错" in box.text()
    assert "deliberate critical from the test" in hooks.joinpath(*LOG).read_text("utf-8")
    _close(box)


@pytest.mark.qt_no_exception_capture
def test_a_second_fault_while_the_box_is_open_does_not_stack_boxes(qtbot, hooks):
    button = QPushButton("x")
    qtbot.addWidget(button)
    button.clicked.connect(lambda: 1 / 0)
    button.click()
    button.click()
    qtbot.waitUntil(lambda: _error_box() is not None)
    boxes = [w for w in QApplication.topLevelWidgets()
             if isinstance(w, ErrorDialog) and w.isVisible()]
    assert len(boxes) == 1
    assert hooks.joinpath(*LOG).read_text("utf-8").count("ZeroDivisionError") == 2
    _close(boxes[0])


def test_a_logged_background_failure_is_said_naming_the_log(hooks):
    try:
        raise RuntimeError("import failed")
    except RuntimeError as exc:
        logging.getLogger("fazhi_desktop").error("后台任务失败", exc_info=exc)
        message = fault_hooks.clerk_message(exc)
    assert "程序内部出错" in message and str(hooks.joinpath(*LOG)) in message
    assert "磁盘空间已满" in fault_hooks.clerk_message(OSError(errno.ENOSPC, "full", "/x.xlsx"))
