"""Keyboard helpers for the pages: a Tab order set in one call, and toolbar buttons that Tab
reaches (Qt gives a toolbar's buttons no focus at all, so Tab from a table used to jump to a
widget the clerk could not see)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolBar, QWidget


def toolbar_buttons(bar: QToolBar) -> list:
    """The toolbar's buttons, left to right, each now reachable by Tab (not by a click: a click
    must leave the focus where the clerk was working)."""
    buttons = []
    for action in bar.actions():
        widget = bar.widgetForAction(action)
        if widget is None or action.isSeparator():
            continue
        widget.setFocusPolicy(Qt.TabFocus)
        buttons.append(widget)
    return buttons


def chain_tab_order(widgets: list) -> None:
    """Tab moves through `widgets` in this order (Shift+Tab back)."""
    widgets = [w for w in widgets if isinstance(w, QWidget)]
    for first, second in zip(widgets, widgets[1:]):
        QWidget.setTabOrder(first, second)
