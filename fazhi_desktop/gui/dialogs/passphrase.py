"""The two passphrase questions of data exchange: a new one for an export (typed twice), and the
one agreed with a partner office for an import (with 记住 where the system keyring protects it).

The rules are core/passphrases.py's; these dialogs only ask and show its words.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import (QCheckBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QLineEdit, QVBoxLayout)

from ...core import passphrases
from ..widgets.screen_fit import keep_on_screen


def _secret_field(parent) -> QLineEdit:
    field = QLineEdit(parent)
    field.setEchoMode(QLineEdit.Password)
    field.setMinimumWidth(260)
    return field


class NewPassphraseDialog(QDialog):
    """导出: the passphrase typed twice; OK only when core/passphrases accepts it."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setWindowTitle("设置数据包口令")
        self.first = _secret_field(self)
        self.second = _secret_field(self)
        self.problem = QLabel(self)
        self.problem.setStyleSheet("color: #a61b1f;")
        self.problem.setWordWrap(True)
        intro = QLabel("数据包将加密保存。请输入与接收单位事先约定的口令（至少"
                       f"{passphrases.MIN_LENGTH}个字符），对方导入时需要输入同一口令。"
                       "口令请当面或电话告知，不要与数据包一起发送。", self)
        intro.setWordWrap(True)
        form = QFormLayout()
        form.addRow("口令：", self.first)
        form.addRow("再次输入：", self.second)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.buttons)
        for field in (self.first, self.second):
            field.textChanged.connect(self._check)
        self._check()
        keep_on_screen(self)

    def _check(self) -> None:
        problem = passphrases.new_passphrase_problem(self.first.text(), self.second.text())
        typed = bool(self.first.text() or self.second.text())
        self.problem.setText(problem if problem and typed else "")
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(problem is None)

    def passphrase(self) -> str:
        return self.first.text()


class PackagePassphraseDialog(QDialog):
    """导入: the passphrase of a package from `office_name`; `wrong` says the last try failed."""

    def __init__(self, package_name: str, office_name: str = "", *, wrong: bool = False,
                 parent=None):
        super().__init__(parent)
        self.setWindowTitle("输入数据包口令")
        sender = f"（来自“{office_name}”）" if office_name else ""
        intro = QLabel(f"数据包“{package_name}”{sender}已加密，请输入双方约定的口令。", self)
        intro.setWordWrap(True)
        self.field = _secret_field(self)
        self.problem = QLabel("口令不正确，请重新输入。" if wrong else "", self)
        self.problem.setStyleSheet("color: #a61b1f;")
        self.remember: Optional[QCheckBox] = None
        form = QFormLayout()
        form.addRow("口令：", self.field)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        self.keyring_note: Optional[QLabel] = None
        reason = passphrases.unavailable_reason()
        if reason is None:  # only where the system keyring protects it
            self.remember = QCheckBox("在本机的系统密钥环中记住该单位的口令", self)
            layout.addWidget(self.remember)
        else:  # said plainly, so the clerk knows to keep the passphrase somewhere safe
            self.keyring_note = QLabel(reason, self)
            self.keyring_note.setWordWrap(True)
            self.keyring_note.setStyleSheet("color: #555555;")
            layout.addWidget(self.keyring_note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.field.textChanged.connect(
            lambda text: self.buttons.button(QDialogButtonBox.Ok).setEnabled(bool(text)))
        self.buttons.button(QDialogButtonBox.Ok).setEnabled(False)
        keep_on_screen(self)

    def passphrase(self) -> str:
        return self.field.text()

    def wants_remembering(self) -> bool:
        return self.remember is not None and self.remember.isChecked()
