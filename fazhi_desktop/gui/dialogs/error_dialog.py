"""The box a clerk sees when something went wrong: a Chinese sentence, and 复制错误信息.

The sentence is core/faults.py's for a known fault (磁盘空间已满 …) or core/errorlog.py's for an
unexpected one (naming the log file). No traceback is shown; 复制错误信息 puts the sentence, the
program's version and, for an unexpected fault, the traceback on the clipboard, for whoever
supports the program.
"""
from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QPushButton

from ... import APP_NAME, __version__

COPY_LABEL = "复制错误信息"


class ErrorDialog(QMessageBox):
    """A warning box with the message, 复制错误信息 (stays open) and 关闭."""

    def __init__(self, message: str, details: str = "", parent=None):
        super().__init__(parent)
        self.setIcon(QMessageBox.Critical if details else QMessageBox.Warning)
        self.setWindowTitle(f"{APP_NAME} - 出错了")
        self.setText(message)
        self.details = details
        self.copy_button = QPushButton(COPY_LABEL, self)
        # ActionRole: clicking it does not close the box.
        self.addButton(self.copy_button, QMessageBox.ActionRole)
        self.copy_button.clicked.disconnect()
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        close = self.addButton("关闭", QMessageBox.AcceptRole)
        self.setDefaultButton(close)
        self.setEscapeButton(close)

    def clipboard_text(self) -> str:
        text = f"{APP_NAME} {__version__}\n{self.text()}"
        return f"{text}\n\n{self.details}" if self.details else text

    def copy_to_clipboard(self) -> None:
        QGuiApplication.clipboard().setText(self.clipboard_text())
        self.copy_button.setText("已复制")
