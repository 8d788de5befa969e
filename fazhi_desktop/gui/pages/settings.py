"""单位设置: every field of the office profile, saved through the core with inline errors."""
from __future__ import annotations

from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QScrollArea, QTabWidget,
                               QVBoxLayout, QWidget)

from ..converter_setting import ConverterSetting
from ..widgets.profile_form import ProfileForm


class SettingsPage(QWidget):
    def __init__(self, registry, parent=None, *, open_backups=None):
        super().__init__(parent)
        self.registry = registry
        self.form = ProfileForm(registry, self)
        self.backups_button = QPushButton("数据备份与恢复…", self)
        self.backups_button.setToolTip("立即备份、选择备份位置（如U盘）、从备份恢复")
        if open_backups is not None:
            self.backups_button.clicked.connect(open_backups)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        self.save_button = QPushButton("保存", self)
        self.save_button.setToolTip("保存单位信息（Ctrl+S）")
        self.save_button.setShortcut("Ctrl+S")
        self.save_button.clicked.connect(self.save)
        self.revert_button = QPushButton("撤销修改", self)
        self.revert_button.clicked.connect(self.refresh)
        self.status = QLabel(self)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.revert_button)
        buttons.addWidget(self.status)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("这些信息用于生成答复件的版头、署名、联系人和抄送。", self))
        self.tabs = QTabWidget(self)
        self.tabs.addTab(scroll, "单位信息")
        other = QWidget(self)
        other_layout = QVBoxLayout(other)
        other_layout.addWidget(ConverterSetting(registry, other))  # which office suite converts to PDF
        backups_row = QHBoxLayout()
        backups_row.addWidget(QLabel("数据文件每天自动备份一次，升级和导入前也会备份。", other))
        backups_row.addWidget(self.backups_button)
        backups_row.addStretch(1)
        other_layout.addLayout(backups_row)
        other_layout.addStretch(1)
        self.tabs.addTab(other, "PDF转换与数据备份")
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def refresh(self) -> None:
        self.form.load()
        self.status.clear()

    def save(self) -> bool:
        ok = self.form.save()
        self.status.setText("已保存。" if ok else "")
        return ok
