"""The application's icon (the seal mark), kept apart from the 关于 dialog so that the start-up
path does not import the dialog's widgets (issue 16: ~13 ms of a ~190 ms cold start)."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QIcon

from ..paths import resources_dir

ICON_NAME = "fazhi-desktop"
ICON_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def icon_png(size: int) -> Path:
    return resources_dir() / "icons" / "png" / f"{ICON_NAME}-{size}.png"


def app_icon() -> QIcon:
    """The seal mark at every drawn size (PNG: loads without the ico/svg plugins)."""
    icon = QIcon()
    for size in ICON_SIZES:
        if icon_png(size).exists():
            icon.addFile(str(icon_png(size)))
    return icon
