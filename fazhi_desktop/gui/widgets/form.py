"""A set of field widgets bound to the keys of a record, and the red problem list under a form.

The core's problem lines name the field as “label”（name）, nested fields after “parent”中; that is
how a problem finds the widget to highlight.
"""
from __future__ import annotations

import re
from typing import Optional

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel

from .fields import highlight

_FIELD_NAME = re.compile(r"（([a-z_]+)）")
_NESTED = re.compile(r"“([^”]+)”(?:中|第\d+项)")


class BoundForm(QObject):
    """name -> widget; `prefix.name` for a nested object's field (reply.body)."""

    changed = Signal()

    def __init__(self, parent=None, *, nested_labels: Optional[dict] = None):
        super().__init__(parent)
        self.widgets: dict = {}
        # Chinese label of a nested object -> its key, to read “答复件”中“成文日期”（date）.
        self.nested_labels = nested_labels or {}

    def bind(self, key: str, widget) -> None:
        self.widgets[key] = widget
        widget.changed.connect(self.changed.emit)

    def load(self, data: dict) -> None:
        for key, widget in self.widgets.items():
            widget.blockSignals(True)
            widget.set_value(_get(data, key))
            widget.blockSignals(False)

    def store_into(self, data: dict) -> dict:
        """Write the widgets' values into data (a copy of the record); empty values are removed."""
        for key, widget in self.widgets.items():
            _set(data, key, widget.value())
        for key in {k.split(".")[0] for k in self.widgets if "." in k}:
            if data.get(key) == {}:
                data.pop(key)
        return data

    def keys_in(self, problem: str) -> list:
        """The bound keys that a problem line points at."""
        names = _FIELD_NAME.findall(problem)
        if not names:
            return []
        name = names[-1]
        nested = _NESTED.findall(problem)
        parent = self.nested_labels.get(nested[-1]) if nested else None
        key = f"{parent}.{name}" if parent else name
        if parent and parent in self.widgets:  # a whole list (communications) bound as one widget
            return [parent]
        return [key] if key in self.widgets else []

    def show_problems(self, problems: list) -> list:
        """Highlight the widgets named by the problems; returns them in form order."""
        marked = []
        for problem in problems:
            for key in self.keys_in(problem):
                if key not in marked:
                    marked.append(key)
        for key, widget in self.widgets.items():
            highlight(widget, key in marked)
        return [self.widgets[k] for k in self.widgets if k in marked]


def _get(data: dict, key: str):
    if "." in key:
        outer, inner = key.split(".", 1)
        return (data.get(outer) or {}).get(inner)
    return data.get(key)


def _set(data: dict, key: str, value) -> None:
    if "." in key:
        outer, inner = key.split(".", 1)
        target = data.setdefault(outer, {})
        if not isinstance(target, dict):
            target = data[outer] = {}
    else:
        target, inner = data, key
    if value is None or value == [] or value == "":
        target.pop(inner, None)
    else:
        target[inner] = value


class ProblemLabel(QLabel):
    """The red list of refused input under a form; hidden when there is nothing to say."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.setStyleSheet("color: #c62828; padding: 4px;")
        self.hide()

    def show_problems(self, problems: list, *, heading: str = "未保存，请修改以下内容：") -> None:
        if not problems:
            self.clear()
            self.hide()
            return
        from ...core.validation import clerk_text  # the label, not the field's key

        self.setText(heading + "\n" + "\n".join(f"• {clerk_text(p)}" for p in problems))
        self.show()
