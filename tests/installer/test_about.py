"""The about box: the clerk sees the app's name, the pyproject version, the data file and the mark."""
from __future__ import annotations

import re
from pathlib import Path

from fazhi_desktop import APP_NAME, __version__

REPO = Path(__file__).resolve().parent.parent.parent


def pyproject_version() -> str:
    text = (REPO / "pyproject.toml").read_text("utf-8")
    return re.search(r'^version\s*=\s*"([^"]+)"', text, re.M).group(1)


def test_about_box_shows_the_pyproject_version_and_the_data_file(qtbot, tmp_path):
    from fazhi_desktop.gui.dialogs.about import AboutDialog

    data_file = tmp_path / "数据" / "fazhi.sqlite3"
    dialog = AboutDialog(data_file)
    qtbot.addWidget(dialog)
    dialog.grab()  # lays it out without show(), which warns on the offscreen platform
    assert __version__ == pyproject_version()
    assert dialog.version_label.text() == f"版本 {pyproject_version()}"
    assert dialog.name_label.text() == APP_NAME
    assert str(data_file) in dialog.data_label.text()
    assert "版权" in dialog.copyright_label.text() or "©" in dialog.copyright_label.text()
    assert dialog.windowTitle() == f"关于{APP_NAME}"


def test_about_box_shows_the_red_seal_mark(qtbot, tmp_path):
    from fazhi_desktop.gui.dialogs.about import AboutDialog

    dialog = AboutDialog(tmp_path / "fazhi.sqlite3")
    qtbot.addWidget(dialog)
    image = dialog.mark.pixmap().toImage()
    assert (image.width(), image.height()) == (96, 96)
    corner_in = image.pixelColor(20, 48)     # inside the seal, left of the glyph: seal red
    assert corner_in.red() > 150 and corner_in.green() < 60 and corner_in.blue() < 60


def test_copy_info_puts_version_and_data_file_on_the_clipboard(qtbot, tmp_path):
    from PySide6.QtGui import QGuiApplication

    from fazhi_desktop.gui.dialogs.about import AboutDialog

    dialog = AboutDialog(tmp_path / "fazhi.sqlite3")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    text = QGuiApplication.clipboard().text()
    assert f"{APP_NAME} {__version__}" in text
    assert str(tmp_path / "fazhi.sqlite3") in text


def test_window_icon_has_every_drawn_size():
    from PySide6.QtCore import QSize

    from fazhi_desktop.gui.dialogs.about import app_icon

    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert {(16, 16), (32, 32), (48, 48), (256, 256)} <= sizes
    assert not app_icon().pixmap(QSize(64, 64)).isNull()
