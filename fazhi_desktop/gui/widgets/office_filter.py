"""The 单位 filter and column of a register: shown only when the file holds records of more than
one office (a district that imported its townships' data packages, issue 15.3).

The offices come from core.stats.offices_held; the table shows each row's office by name.
"""
from __future__ import annotations

from typing import Optional

from PySide6.QtWidgets import QComboBox, QLabel

from ...core import stats

ALL_OFFICES = "全部单位"
OFFICE_KEY = "office"  # the column key in the register models' COLUMNS


class OfficeFilter:
    """A label and a combo for a filter row; `reload()` refills them and says whether to show
    the 单位 column; `names` maps office id -> name for the models."""

    def __init__(self, parent, on_change):
        self.label = QLabel("单位：", parent)
        self.combo = QComboBox(parent)
        # as wide as ~9 characters, not as the longest office name: the search box keeps its room
        self.combo.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.combo.setMinimumContentsLength(9)
        self.combo.setToolTip("只看一个单位的记录（数据交换收到的各单位）")
        self.combo.currentIndexChanged.connect(lambda _i: on_change())
        self.names: dict = {}
        self.several = False
        self.set_visible(False)

    def set_visible(self, visible: bool) -> None:
        self.label.setVisible(visible)
        self.combo.setVisible(visible)

    def reload(self, registry) -> bool:
        held = stats.offices_held(registry)
        self.names = {o["id"]: o["name"] for o in held}
        self.several = len(held) > 1
        current = self.combo.currentData()
        self.combo.blockSignals(True)
        self.combo.clear()
        self.combo.addItem(ALL_OFFICES, None)
        for office in held:
            self.combo.addItem(office["name"] + ("（本单位）" if office["own"] else ""), office["id"])
        self.combo.setCurrentIndex(max(self.combo.findData(current), 0) if current else 0)
        self.combo.blockSignals(False)
        self.set_visible(self.several)
        return self.several

    def place_column(self, table, column: int) -> None:
        """Show the 单位 column first (a district reads which office before anything else) and
        only when several offices are held; the model's column order stays as it is."""
        header = table.horizontalHeader()
        if header.visualIndex(column) != 0:
            header.moveSection(header.visualIndex(column), 0)
        table.setColumnHidden(column, not self.several)

    def current(self) -> Optional[str]:
        return self.combo.currentData() if self.several else None
