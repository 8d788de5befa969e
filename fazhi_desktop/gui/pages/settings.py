"""单位设置: every field of the office profile, saved through the core with inline errors."""
from __future__ import annotations

from PySide6.QtWidgets import (QHBoxLayout, QLabel, QPushButton, QScrollArea, QTabWidget,
                               QVBoxLayout, QWidget)

from ..widgets.backup_box import BackupBox
from ..widgets.profile_form import ProfileForm


class SettingsPage(QWidget):
    def __init__(self, registry, parent=None, *, on_restored=None):
        super().__init__(parent)
        self.registry = registry
        self.form = ProfileForm(registry, self)
        self.backups = BackupBox(registry, self, on_restored=self._restored(on_restored))
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
        try:  # which office suite converts to PDF (gui/converter_setting.py, written separately)
            from ..converter_setting import ConverterSetting
        except ImportError:
            pass
        else:
            other_layout.addWidget(ConverterSetting(registry, other))
        other_layout.addWidget(self.backups)
        other_layout.addStretch(1)
        self.tabs.addTab(other, "PDF转换与数据备份")
        layout.addWidget(self.tabs, 1)
        layout.addLayout(buttons)

    def _restored(self, on_restored):
        def after() -> None:
            self.refresh()
            if on_restored is not None:
                on_restored()

        return after

    def refresh(self) -> None:
        self.form.load()
        self.backups.refresh()
        self.status.clear()

    def save(self) -> bool:
        ok = self.form.save()
        self.status.setText("已保存。" if ok else "")
        return ok
