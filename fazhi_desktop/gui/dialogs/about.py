"""关于: the app's name, mark, version, where its data file lives, and the licence line."""
from __future__ import annotations

import platform
import sys
from pathlib import Path

from PySide6.QtCore import Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication, QPixmap
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton,
                               QVBoxLayout)

from ... import APP_NAME, __version__
from ..app_icon import ICON_NAME, ICON_SIZES, app_icon, icon_png  # noqa: F401 (their old home)
from ..widgets.screen_fit import keep_on_screen

COPYRIGHT = "© 2026 法治办公助手开发组。专有软件，仅供授权单位内部使用。"


def about_text(registry_path) -> str:
    """Plain text for a support call: version, data file, system (the 复制信息 button)."""
    return (f"{APP_NAME} {__version__}\n"
            f"数据文件：{registry_path}\n"
            f"系统：{platform.system()} {platform.release()}（{platform.machine()}）\n"
            f"Python {platform.python_version()} · Qt {qVersion()}")


class AboutDialog(QDialog):
    """Shown from the 帮助 menu; the data location is selectable and its folder can be opened."""

    def __init__(self, registry_path, parent=None):
        super().__init__(parent)
        self.registry_path = Path(registry_path)
        self.setWindowTitle(f"关于{APP_NAME}")
        self.setWindowIcon(app_icon())

        self.mark = QLabel(self)
        pixmap = QPixmap(str(icon_png(128)))
        self.mark.setPixmap(pixmap.scaled(96, 96, Qt.KeepAspectRatio, Qt.SmoothTransformation))
        self.mark.setAlignment(Qt.AlignTop)

        self.name_label = QLabel(APP_NAME, self)
        font = self.name_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        self.name_label.setFont(font)
        self.version_label = QLabel(f"版本 {__version__}", self)
        self.purpose_label = QLabel("政协提案、人大建议答复，人民调解，信访统计，红头公文与台账。", self)
        self.purpose_label.setWordWrap(True)
        self.data_label = QLabel(f"数据文件：{self.registry_path}", self)
        self.data_label.setWordWrap(True)
        self.data_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.copyright_label = QLabel(COPYRIGHT, self)
        self.copyright_label.setWordWrap(True)
        self.copyright_label.setStyleSheet("color: palette(mid);")

        text = QVBoxLayout()
        for label in (self.name_label, self.version_label, self.purpose_label, self.data_label,
                      self.copyright_label):
            text.addWidget(label)
        top = QHBoxLayout()
        top.addWidget(self.mark)
        top.addSpacing(12)
        top.addLayout(text, 1)

        buttons = QDialogButtonBox(QDialogButtonBox.Ok, self)
        buttons.button(QDialogButtonBox.Ok).setText("确定")
        self.open_folder_button = QPushButton("打开数据文件夹", self)
        self.copy_button = QPushButton("复制信息", self)
        buttons.addButton(self.open_folder_button, QDialogButtonBox.ActionRole)
        buttons.addButton(self.copy_button, QDialogButtonBox.ActionRole)
        buttons.accepted.connect(self.accept)
        self.open_folder_button.clicked.connect(self.open_data_folder)
        self.copy_button.clicked.connect(self.copy_info)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        keep_on_screen(self)

    def open_data_folder(self) -> bool:
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.registry_path.parent)))

    def copy_info(self) -> None:
        QGuiApplication.clipboard().setText(about_text(self.registry_path))


if __name__ == "__main__":  # a quick look: python -m fazhi_desktop.gui.dialogs.about
    from PySide6.QtWidgets import QApplication

    from ...paths import resolve_db_path

    app = QApplication(sys.argv[:1])
    AboutDialog(resolve_db_path()).exec()
