"""A window's first size, never larger than the screen it opens on: an editor designed at
1100x720 opened on a 1024x768 office screen with its right edge and buttons off the screen."""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication


def resize_within_screen(window, width: int, height: int) -> None:
    """`width` x `height`, or the screen's free area (taskbar excluded) when that is smaller."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        room = screen.availableGeometry()
        width, height = min(width, room.width()), min(height, room.height() - 30)  # title bar
    window.resize(width, height)
