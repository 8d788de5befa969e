"""The register tables' sort order and column widths, and the main window's size, kept between
runs (issue 17.4) in the data file's settings (key `view.*`), so that a clerk's arrangement
comes back with the registers it belongs to (and a test's file holds its own).

`remember_table(table, registry, name)` restores and then follows a table's header;
`remember_window(window, registry)` does the same for a window's size and maximised state.
Saving waits until the clerk stops dragging (SAVE_DELAY_MS); a file that cannot be written to
(read-only) simply keeps nothing.
"""
from __future__ import annotations

import logging

from PySide6 import QtCore  # QtCore.Qt when used: its enums cost 11 ms at start (issue 16)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QHeaderView

SAVE_DELAY_MS = 500
MIN_WIDTH = 24     # a column narrower than this was squeezed by accident: not restored
KEY = "view.{}"


def _store(registry, name: str, value) -> None:
    """Keep one view setting; never let a layout detail break the app (a read-only or locked
    file keeps nothing, and says so in the log only)."""
    try:
        if not registry.closed:
            registry.set_setting(KEY.format(name), value)
    except Exception as exc:  # noqa: BLE001 (FazhiError, sqlite3 errors alike)
        logging.getLogger("fazhi_desktop").info("view state not kept: %s", exc)


class _TableMemory(QObject):
    def __init__(self, table, registry, name: str):
        super().__init__(table)
        self.table, self.registry, self.name = table, registry, name
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save)
        self.restore()
        header = table.horizontalHeader()
        header.sectionResized.connect(lambda *_: self.timer.start())
        header.sortIndicatorChanged.connect(lambda *_: self.timer.start())

    def restore(self) -> None:
        state = self.registry.setting(KEY.format(self.name)) or {}
        header = self.table.horizontalHeader()
        for column, width in enumerate(state.get("widths") or []):
            if column < header.count() and isinstance(width, int) and width >= MIN_WIDTH and \
                    header.sectionResizeMode(column) == QHeaderView.Interactive:
                header.resizeSection(column, width)
        sort = state.get("sort")
        if isinstance(sort, list) and len(sort) == 2 and isinstance(sort[0], int) and \
                0 <= sort[0] < header.count():
            # through the page's own connection: the model re-queries in that order
            order = QtCore.Qt.DescendingOrder if sort[1] else QtCore.Qt.AscendingOrder
            header.setSortIndicator(sort[0], order)

    def save(self) -> None:
        header = self.table.horizontalHeader()
        _store(self.registry, self.name, {
            "widths": [header.sectionSize(c) for c in range(header.count())],
            "sort": [header.sortIndicatorSection(),
                     int(header.sortIndicatorOrder() == QtCore.Qt.DescendingOrder)]})


def remember_table(table, registry, name: str) -> QObject:
    """Restore `table`'s column widths and sort order saved under `name`, then keep them."""
    return _TableMemory(table, registry, name)


class _WindowMemory(QObject):
    def __init__(self, window, registry):
        super().__init__(window)
        self.window, self.registry = window, registry
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(SAVE_DELAY_MS)
        self.timer.timeout.connect(self.save)
        state = registry.setting(KEY.format("window")) or {}
        size = state.get("size")
        if isinstance(size, list) and len(size) == 2 and all(isinstance(v, int) for v in size):
            available = window.screen().availableGeometry() if window.screen() else None
            width, height = size
            if available is not None:  # a size from a bigger screen still fits this one
                width, height = min(width, available.width()), min(height, available.height())
            window.resize(max(width, 640), max(height, 480))
        self.maximised = bool(state.get("maximised"))
        window.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Resize, QEvent.WindowStateChange):
            self.timer.start()
        elif event.type() == QEvent.Close:
            self.save()
        return False

    def save(self) -> None:
        maximised = self.window.isMaximized()
        state = {"maximised": maximised}
        if not maximised and not self.window.isFullScreen():
            state["size"] = [self.window.width(), self.window.height()]
        else:  # keep the size to come back to when it is no longer maximised
            old = {} if self.registry.closed else (self.registry.setting(KEY.format("window")) or {})
            if old.get("size"):
                state["size"] = old["size"]
        _store(self.registry, "window", state)


def remember_window(window, registry) -> QObject:
    """Restore the window's size saved in the data file, then keep it; call before show()
    and use `show_window` to show it maximised when it was."""
    return _WindowMemory(window, registry)


def show_window(window, memory) -> None:
    if getattr(memory, "maximised", False):
        window.showMaximized()
    else:
        window.show()
