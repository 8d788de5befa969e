"""A one-line message under a table that takes no room while it has nothing to say: on a low
screen (1366x768 at 125 %) the empty line left the table a row shorter for nothing."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel


class StatusLine(QLabel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWordWrap(True)
        self.setVisible(False)

    def setText(self, text: str) -> None:  # noqa: N802
        super().setText(text)
        self.setVisible(bool(text))

    def clear(self) -> None:
        super().clear()
        self.setVisible(False)
