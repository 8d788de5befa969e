"""信访统计 page: pick a unit and a year, fill the monthly grid like a spreadsheet (saved cell by
cell), and read the year's totals, 同比 and 环比 under it, for the unit and for all units.
"""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QHeaderView, QInputDialog, QLabel,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from ...core import stats
from ...core.years import FIRST_YEAR, LAST_YEAR
from ...core.stats_text import petition_lines
from .petition_grid import COUNT_KEYS, PetitionGridModel, PetitionGridView

UNITS_SETTING = "petition_units"   # units added by hand before they have any row


class PetitionPage(QWidget):
    """Monthly petition counts per unit and year."""

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.unit = QComboBox(self)
        self.unit.setMinimumWidth(220)
        self.unit.setToolTip("填报单位")
        self.add_unit_button = QPushButton("添加单位…", self)
        self.add_unit_button.setAutoDefault(False)
        self.add_unit_button.clicked.connect(self.ask_new_unit)
        self.year = QSpinBox(self)
        self.year.setRange(FIRST_YEAR, LAST_YEAR)  # core/years.py: the years that exist
        self.year.setValue(_dt.date.today().year)
        self.year.setSuffix(" 年")
        self.model = PetitionGridModel(registry, self)
        self.grid = PetitionGridView(self)
        self.grid.setModel(self.model)
        header = self.grid.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Stretch)
        header.setMinimumSectionSize(48)
        self.message = QLabel(self)
        self.message.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.summary.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.summary.setStyleSheet("padding: 8px; background: #f7f8fa;")
        top = QHBoxLayout()
        top.addWidget(QLabel("填报单位：", self))
        top.addWidget(self.unit)
        top.addWidget(self.add_unit_button)
        top.addSpacing(20)
        top.addWidget(QLabel("年度：", self))
        top.addWidget(self.year)
        top.addStretch(1)
        hint = QLabel("直接输入数字，Tab 右移、回车下移，每格输入后自动保存。", self)
        hint.setStyleSheet("color: #666;")
        top.addWidget(hint)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.grid)
        layout.addWidget(self.message)
        layout.addWidget(self.summary, 1)
        self.unit.currentIndexChanged.connect(lambda _i: self.load_grid())
        self.year.valueChanged.connect(lambda _v: self.load_grid())
        self.model.saved.connect(self._saved)
        self.model.refused.connect(self._refused)
        self.refresh()

    # ------------------------------------------------------------- units
    def units(self) -> list:
        found = self.registry.distinct_values("petition", "unit")
        extra = [u for u in self.registry.setting(UNITS_SETTING, []) or [] if u not in found]
        return sorted(found + extra)

    def ask_new_unit(self) -> None:
        name, ok = QInputDialog.getText(self, "添加填报单位", "单位名称（如：姚孟街道办事处）：")
        if ok:
            self.add_unit(name)

    def add_unit(self, name: str) -> None:
        name = (name or "").strip()
        if not name:
            return
        kept = list(self.registry.setting(UNITS_SETTING, []) or [])
        if name not in kept:
            self.registry.set_setting(UNITS_SETTING, kept + [name])
        self.refresh(select=name)

    # ------------------------------------------------------------- loading
    def refresh(self, select: Optional[str] = None) -> None:
        current = select or self.unit.currentText()
        self.unit.blockSignals(True)
        self.unit.clear()
        for name in self.units():
            self.unit.addItem(name)
        index = self.unit.findText(current) if current else -1
        self.unit.setCurrentIndex(index if index >= 0 else (0 if self.unit.count() else -1))
        self.unit.blockSignals(False)
        self.load_grid()

    def load_grid(self) -> None:
        unit = self.unit.currentText() or None
        self.model.load(unit, self.year.value())
        self.message.clear()
        if unit is None:
            self.message.setText("请先点击“添加单位…”添加填报单位，再按月填写。")
        self.show_summary()

    def show_summary(self) -> None:
        year = self.year.value()
        unit = self.unit.currentText()
        lines = []
        if self.model.figures is not None:
            lines.append(f"<b>{unit}　{year}年</b>")
            lines += petition_lines(self.model.figures, year)
        everyone = stats.petition_figures(self.registry, year)
        if len(everyone["units"]) > 1 or (everyone["units"] and everyone["units"] != [unit]):
            lines.append(f"<br><b>全部填报单位合计（{len(everyone['units'])}个单位）</b>")
            lines += petition_lines(everyone, year)
        self.summary.setText("<br>".join(lines))

    def _saved(self, period: str) -> None:
        self.message.setStyleSheet("color: #2e7d32;")
        self.message.setText(f"已保存 {self.unit.currentText()} {period}")
        self.show_summary()

    def _refused(self, problems: list) -> None:
        self.message.setStyleSheet("color: #c62828;")
        self.message.setText("未保存：" + "；".join(problems))

    # ------------------------------------------------------------- for tests and shortcuts
    def cell(self, month: int, key: str):
        return self.model.index(month - 1, COUNT_KEYS.index(key) if key in COUNT_KEYS else key)
