"""设置 › PDF转换: which office suite makes PDFs (自动/LibreOffice/WPS/Word) and the one in use.

A small self-contained group box; the settings page adds it with one line:
`layout.addWidget(ConverterSetting(registry, self))`. The choice is saved at once.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QComboBox, QFormLayout, QGroupBox, QLabel, QWidget

from ..office import converters


class ConverterSetting(QGroupBox):
    def __init__(self, registry, parent: Optional[QWidget] = None):
        super().__init__("PDF转换与预览", parent)
        self.registry = registry
        self.choice = QComboBox(self)
        for key, label in converters.CHOICE_LABELS.items():
            self.choice.addItem(label, key)
        current = registry.setting(converters.SETTING_KEY) or "auto"
        self.choice.setCurrentIndex(max(0, self.choice.findData(current)))
        self.in_use = QLabel(self)
        self.in_use.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("转换PDF使用：", self.choice)
        form.addRow("当前使用：", self.in_use)
        self.choice.currentIndexChanged.connect(self._changed)
        self.refresh()

    def refresh(self) -> None:
        self.in_use.setText(converters.describe_converter(self.choice.currentData()))

    def _changed(self, _index: int) -> None:
        self.registry.set_setting(converters.SETTING_KEY, self.choice.currentData())
        self.refresh()
