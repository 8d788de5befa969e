"""First run: a short dialog that sets up the office (单位设置) before the registers open."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout

from ..widgets.profile_form import ProfileForm
from ..widgets.screen_fit import keep_on_screen, resize_within_screen, scrolling


class FirstRunProfileDialog(QDialog):
    """Asks the authority's names, document code, signers and contact; saved via the core."""

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.setWindowTitle("首次使用：填写单位信息")
        intro = QLabel("欢迎使用法治办公助手。请先填写本单位的基本信息，生成答复件时会用到。"
                       "以后可在“单位设置”中修改和补充。", self)
        intro.setWordWrap(True)
        self.form = ProfileForm(registry, self, short=True)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("保存并开始使用")
        buttons.button(QDialogButtonBox.Cancel).setText("退出")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(scrolling(self.form))  # on a low screen the fields scroll, the buttons stay
        layout.addWidget(buttons)
        # all the fields at once where the screen allows (no scrollbar), the screen's room where not
        resize_within_screen(self, 560, max(480, self.sizeHint().height()))
        keep_on_screen(self)

    def accept(self) -> None:
        if self.form.save():
            super().accept()
