"""GUI fixtures: the app set up as the clerk gets it (Chinese Qt texts, CJK font), a data file
with the office profile, the main window, and a helper that answers the next message box."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

# Offscreen Qt says this on every top-level show(); it is about the platform, not our code.
OFFSCREEN_NOISE = "This plugin does not support (propagateSizeHints|raise)"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/gui" in str(item.fspath).replace("\\", "/"):
            item.add_marker(pytest.mark.qt_log_ignore(OFFSCREEN_NOISE))


@pytest.fixture(autouse=True)
def chinese_app(qapp):
    from fazhi_desktop.gui.launch import setup_application

    return setup_application()


@pytest.fixture
def office(registry, seed_profile):
    """A data file whose office profile is set up (after the first run)."""
    registry.set_profile(seed_profile)
    return registry


@pytest.fixture
def window(qtbot, office):
    from fazhi_desktop.gui.main_window import MainWindow

    win = MainWindow(office)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    from fazhi_desktop.gui.editor.record_editor import RecordEditor

    for editor in win.findChildren(RecordEditor):  # no editor may ask questions at teardown
        editor.dirty = False
        editor.close()


class BoxAnswerer:
    """Clicks a button (by its Chinese text) in the next modal dialog, and records its text."""

    def __init__(self, qtbot):
        self.qtbot = qtbot
        self.seen = []
        self.active = True

    def next(self, button_text: str) -> None:
        def answer():
            if not self.active:
                return
            box = QApplication.activeModalWidget()
            if not isinstance(box, QMessageBox):
                QTimer.singleShot(20, answer)
                return
            self.seen.append(box.text())
            for button in box.buttons():
                if button.text().replace("(&Y)", "").replace("(&N)", "") == button_text:
                    button.click()
                    return
            raise AssertionError(f"no button {button_text} in {[b.text() for b in box.buttons()]}")

        QTimer.singleShot(0, answer)


@pytest.fixture
def boxes(qtbot):
    answerer = BoxAnswerer(qtbot)
    yield answerer
    answerer.active = False


def type_text(widget, text: str) -> None:
    """Type as a Chinese input method does: the committed text arrives in one event
    (QTest.keyClicks only knows ASCII)."""
    from PySide6.QtGui import QInputMethodEvent

    widget.setFocus()
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


@pytest.fixture(autouse=True)
def unanswered_boxes_do_not_hang(monkeypatch):
    """A message box nobody answers (a test gone wrong) closes itself after 5 s as 取消."""
    original = QMessageBox.exec

    def exec_with_timeout(box):
        QTimer.singleShot(5000, box.reject)
        return original(box)

    monkeypatch.setattr(QMessageBox, "exec", exec_with_timeout)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    """pytest-qt closes the test's widgets before fixtures end: no editor may ask 保存? then."""
    app = QApplication.instance()
    if app is not None:
        from fazhi_desktop.gui.editor.record_editor import RecordEditor

        for widget in app.topLevelWidgets():
            if isinstance(widget, RecordEditor):
                widget.dirty = False
    yield
