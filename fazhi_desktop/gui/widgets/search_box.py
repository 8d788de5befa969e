"""The search box of a register: its hint is shortened with "…" when the box is narrow (the
whole hint is in the tooltip, with Ctrl+F and Esc), and Esc empties it (a second Esc, on an
empty box, hands the focus to the table below)."""
from __future__ import annotations

from typing import Callable, Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

# room for the clear button and the frame, which the placeholder never gets
_INSET = 34


class SearchBox(QLineEdit):
    def __init__(self, placeholder: str, parent=None, *, on_leave: Optional[Callable] = None):
        super().__init__(parent)
        self.full_placeholder = placeholder
        self.on_leave = on_leave
        self.setClearButtonEnabled(True)
        self.setToolTip(f"{placeholder}\n输入时自动筛选；Ctrl+F 到这里，Esc 清空")
        self._elide()

    def _elide(self) -> None:
        room = max(self.width() - _INSET, 40)
        self.setPlaceholderText(self.fontMetrics().elidedText(self.full_placeholder,
                                                              Qt.ElideRight, room))

    def resizeEvent(self, event) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._elide()

    def keyPressEvent(self, event) -> None:  # noqa: N802
        if event.key() == Qt.Key_Escape and event.modifiers() == Qt.NoModifier:
            if self.text():
                self.clear()
            elif self.on_leave is not None:
                self.on_leave()
            event.accept()
            return
        super().keyPressEvent(event)
