"""Work that can wait until the window is on the screen: run it right after the first paint.

What the clerk waits for at start-up is the window (issue 16); what does not change the first
picture (the listener for a second start, with Qt's network module to load) goes here. If the
window is never painted (started minimised, no display), the work still runs after
`FALLBACK_MS`.
"""
from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer

FALLBACK_MS = 1000


class _FirstPaint(QObject):
    def __init__(self, window, callbacks: list):
        super().__init__(window)
        self.callbacks = callbacks
        self.window = window
        window.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self, self.run)

    def eventFilter(self, obj, event):  # noqa: N802 (Qt override)
        if obj is self.window and event.type() == QEvent.Type.Paint and self.callbacks:
            QTimer.singleShot(0, self, self.run)  # after this paint has reached the screen
        return False

    def run(self) -> None:
        callbacks, self.callbacks = self.callbacks, []
        if callbacks:
            self.window.removeEventFilter(self)
        for callback in callbacks:
            callback()


def make_qt_enums() -> None:
    """Create the Qt enum types the pages use (QtCore.Qt's 93, QStyle's pixmaps) now, while the
    clerk looks at the start page: kept off the path to the window (12-16 ms), they would
    otherwise be paid by the first visit to a register, whose budget is 200 ms."""
    from PySide6 import QtCore
    from PySide6.QtWidgets import QStyle

    QtCore.Qt.AlignmentFlag  # noqa: B018 -- touching the namespace creates its enums
    QStyle.StandardPixmap  # noqa: B018


def after_first_paint(window, callback: Callable[[], None]) -> None:
    """Call `callback()` once, on the GUI thread, just after `window` is first painted."""
    waiting = window.findChild(_FirstPaint)
    if waiting is not None and waiting.callbacks:
        waiting.callbacks.append(callback)
    else:
        _FirstPaint(window, [callback])
