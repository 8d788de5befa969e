"""A line edit's grey hint (placeholder) shortened with "…" when the field is narrower than the
hint, the whole hint then in its tooltip: the editor's reply fields show what the document will
use when they are left empty (a whole opening sentence, the next free 发文字号 …), and on a
1024-pixel screen those hints were cut off mid-word. `full_placeholder(field)` is the whole hint.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QLineEdit

# the frame and text margins of a line edit, which the placeholder never gets
_INSET = 10


class _Elider(QObject):
    def __init__(self, field: QLineEdit):
        super().__init__(field)
        self.field = field
        self.full = ""
        self.own_tip = field.toolTip()  # shown again once the hint fits
        field.installEventFilter(self)

    def apply(self) -> None:
        field = self.field
        room = max(field.width() - _INSET - (24 if field.isClearButtonEnabled() else 0), 40)
        shown = field.fontMetrics().elidedText(self.full, Qt.ElideRight, room)
        field.setPlaceholderText(shown)
        field.setToolTip(self.full if shown != self.full else self.own_tip)

    def eventFilter(self, watched, event) -> bool:  # noqa: N802
        if event.type() in (QEvent.Resize, QEvent.FontChange):
            self.apply()
        return False


def set_elided_placeholder(field: QLineEdit, text: str) -> None:
    """Show `text` as the field's hint, with "…" while the field is too narrow for it. (A
    composite field, such as a date with its calendar button, takes the hint as it is.)"""
    if not isinstance(field, QLineEdit):
        field.setPlaceholderText(text)
        return
    elider = getattr(field, "_hint_elider", None)
    if elider is None:
        elider = field._hint_elider = _Elider(field)
    elider.full = text
    elider.apply()


def full_placeholder(field: QLineEdit) -> str:
    """The whole hint (what set_elided_placeholder was given), or the plain one."""
    elider = getattr(field, "_hint_elider", None)
    if elider is not None:
        return elider.full
    return (field if isinstance(field, QLineEdit) else getattr(field, "edit", field)).placeholderText()
