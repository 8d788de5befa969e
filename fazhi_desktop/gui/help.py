"""帮助 › 使用说明 (F1): the clerk's guide, resources/help/guide.md (Chinese, Markdown), shown in a
QTextBrowser inside the program: it works on an office PC without a network, and links between
its sections stay inside the window."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout

from ..paths import resources_dir
from .widgets.screen_fit import keep_on_screen

GUIDE = "help/guide.md"
MISSING = "找不到使用说明文件（{path}）。\n\n请重新安装本程序，或向系统管理员索取安装包。"


def guide_path():
    return resources_dir() / GUIDE


def guide_text() -> str:
    """The guide in Markdown; a short Chinese note when the file is missing (a damaged install)."""
    path = guide_path()
    try:
        return path.read_text("utf-8")
    except OSError:
        return MISSING.format(path=path)


class HelpDialog(QDialog):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser(self)
        self.browser.setOpenExternalLinks(False)  # offline: nothing leaves the program
        self.browser.setOpenLinks(False)  # the contents' links (#标题) are followed here
        self.browser.anchorClicked.connect(lambda url: self.go_to_heading(url.fragment()))
        self.browser.setMarkdown(guide_text())
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(720, 600)
        keep_on_screen(self)  # 600 is more than a 1366x768 screen at 125 % leaves


    def go_to_heading(self, fragment: str) -> bool:
        """Scroll to the heading a contents link names (Qt's Markdown reader gives headings no
        anchors; a link is the heading's words without punctuation, as on GitHub)."""
        wanted = _words(fragment)
        block = self.browser.document().begin()
        while block.isValid():
            if block.blockFormat().headingLevel() and _words(block.text()) == wanted:
                cursor = QTextCursor(block)
                self.browser.verticalScrollBar().setValue(self.browser.verticalScrollBar().maximum())
                self.browser.setTextCursor(cursor)
                self.browser.ensureCursorVisible()  # from the bottom: the heading ends up on top
                return True
            block = block.next()
        return False


def _words(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def show_guide(window) -> HelpDialog:
    """One guide window per main window, brought forward when already open."""
    dialog = getattr(window, "_guide", None)
    if dialog is None:
        dialog = window._guide = HelpDialog(window)
        dialog.setWindowModality(Qt.NonModal)
    dialog.show()
    dialog.raise_()
    dialog.activateWindow()
    return dialog
