"""The main window's pages, each built the first time it is shown or asked for.

Building every page before the window appeared cost most of the cold start at 100,000 records
(issue 16): the statistics page imported matplotlib and drew its charts, the settings page ran
`soffice --version`, the register pages imported python-docx through the reply editor. Now only
the start page is built before the window shows; the others are built on their first visit
(`pages[title]`), which also imports their module then (`page_class`).

The stack keeps one slot per page in PAGES order: an empty placeholder until the page exists.
"""
from __future__ import annotations

import importlib
from typing import Callable, Iterator

from PySide6.QtWidgets import QStackedWidget, QWidget


def page_class(module: str, name: str):
    """fazhi_desktop.gui.pages.<module>.<name>, imported on first use (after the background
    warm-up, if it is still importing: never two threads importing at once)."""
    from .warm_up import wait_for_warm_up

    wait_for_warm_up()
    return getattr(importlib.import_module(f"fazhi_desktop.gui.pages.{module}"), name)


class LazyPages:
    """title -> page, built on first look-up by `build(factory)` and put into its stack slot.

    Reads like the dict it replaces (`pages[title]`, `title in pages`, iteration over titles);
    `built()` gives only the pages that exist, for what must not build the others (refreshing
    after a change, asking open editors to save)."""

    def __init__(self, entries, build: Callable, stack: QStackedWidget):
        self._entries = list(entries)
        self._build = build
        self._stack = stack
        self._pages: dict = {}
        self._slots = []
        for _ in self._entries:
            slot = QWidget(stack)
            self._slots.append(slot)
            stack.addWidget(slot)

    def __getitem__(self, title: str) -> QWidget:
        page = self._pages.get(title)
        if page is not None:
            return page
        row = self._row(title)
        page = self._build(self._entries[row][1])
        self._pages[title] = page
        slot = self._slots[row]
        current = self._stack.currentWidget() is slot
        self._stack.insertWidget(row, page)
        self._stack.removeWidget(slot)
        slot.deleteLater()
        self._slots[row] = page
        if current:
            self._stack.setCurrentWidget(page)
        return page

    def _row(self, title: str) -> int:
        for row, (name, _) in enumerate(self._entries):
            if name == title:
                return row
        raise KeyError(title)

    def __contains__(self, title) -> bool:
        return any(name == title for name, _ in self._entries)

    def __iter__(self) -> Iterator[str]:
        return iter(name for name, _ in self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def keys(self):
        return list(self)

    def get(self, title, default=None):
        return self[title] if title in self else default

    def is_built(self, title: str) -> bool:
        return title in self._pages

    def built(self) -> list:
        """The pages built so far, in PAGES order."""
        return [self._pages[name] for name, _ in self._entries if name in self._pages]

    def values(self) -> list:
        """Every page (building the missing ones): for callers that really need them all."""
        return [self[name] for name, _ in self._entries]

    def items(self) -> list:
        return [(name, self[name]) for name, _ in self._entries]
