"""首页: what needs attention today — open, overdue and soon-due proposals and suggestions, and
mediation cases in progress — each number a link that opens the register filtered accordingly —
and 生成年度报告….
"""
from __future__ import annotations

import datetime as _dt

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QFrame, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout,
                               QWidget)

from ...core import records
from ...core.dates import chinese_date


class LinkButton(QPushButton):
    """A flat button that reads as a link: the hand cursor over it.

    The cursor is set when the mouse first comes over the button, not when the page is built:
    the page is built before the window first appears, and naming the cursor shape creates Qt's
    whole enum namespace (11 ms, a sixth of the app's own start-up, issue 16)."""

    def enterEvent(self, event):  # noqa: N802 (Qt override)
        if self.cursor().shape() != QtCore.Qt.PointingHandCursor:
            self.setCursor(QtCore.Qt.PointingHandCursor)
        super().enterEvent(event)


class HomePage(QWidget):
    """Emits open_register(kind, filter) where filter is 'pending', 'overdue' or 'due_soon'."""

    open_register = Signal(str, str)
    open_page = Signal(str)

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.title = QLabel(self)
        self.title.setStyleSheet("font-size: 18pt; font-weight: bold; padding: 8px 0;")
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(16)
        self.grid.setVerticalSpacing(10)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 16, 24, 16)
        layout.addWidget(self.title)
        layout.addWidget(QLabel("需要关注的事项（点击数字打开对应的登记表）：", self))
        layout.addLayout(self.grid)
        tools = QHBoxLayout()
        self.report_button = QPushButton("生成年度报告…", self)
        self.report_button.setToolTip("年度法治政府建设情况报告初稿：各登记簿的数字已填好")
        self.report_button.clicked.connect(self.open_report)
        tools.addWidget(self.report_button)
        tools.addStretch(1)
        layout.addSpacing(12)
        layout.addLayout(tools)
        layout.addStretch(1)
        self.buttons = {}
        self.refresh()

    def open_report(self):
        """The yearly report dialog for last year until March, this year afterwards."""
        from ..dialogs.report_dialog import default_report_year, open_report_dialog

        self.report_dialog = open_report_dialog(self, self.registry, year=default_report_year())
        return self.report_dialog

    def _link(self, text: str, tip: str, slot, *, tone: str = "") -> QPushButton:
        button = LinkButton(text, self)
        button.setFlat(True)
        button.setToolTip(tip)
        colors = {"red": "#b71c1c", "amber": "#8d6e00"}
        button.setStyleSheet("font-size: 16pt; text-align: left; padding: 4px 10px;"
                             f"color: {colors.get(tone, '#0d47a1')};")
        button.clicked.connect(slot)
        return button

    def refresh(self) -> None:
        profile = self.registry.profile()
        name = profile.get("authority_short") or profile.get("authority") or ""
        self.title.setText(f"{name}　{chinese_date(_dt.date.today())}")
        while self.grid.count():
            item = self.grid.takeAt(0)
            if item.widget():
                item.widget().deleteLater()
        self.buttons = {}
        counts = self.registry.attention()
        headers = ("", "待办（未答复）", "已超期", "14天内到期")
        for col, text in enumerate(headers):
            label = QLabel(text, self)
            label.setStyleSheet("font-weight: bold;")
            self.grid.addWidget(label, 0, col)
        for row, kind in enumerate(("proposal", "suggestion"), 1):
            self.grid.addWidget(QLabel(records.kind_label(kind), self), row, 0)
            c = counts[kind]
            for col, (key, tone) in enumerate((("pending", ""), ("overdue", "red"),
                                               ("due_soon", "amber")), 1):
                tip = f"打开{records.kind_label(kind)}登记表，{headers[col]}"
                button = self._link(f"{c[key]} 件", tip,
                                    lambda _=False, k=kind, f=key: self.open_register.emit(k, f),
                                    tone=tone if c[key] else "")
                self.grid.addWidget(button, row, col)
                self.buttons[(kind, key)] = button
        line = QFrame(self)
        line.setFrameShape(QFrame.HLine)
        self.grid.addWidget(line, 3, 0, 1, 4)
        self.grid.addWidget(QLabel("人民调解", self), 4, 0)
        button = self._link(f"{counts['mediation']['pending']} 件调解中", "打开人民调解登记表",
                            lambda: self.open_page.emit("人民调解"))
        self.grid.addWidget(button, 4, 1, 1, 2)
        self.buttons[("mediation", "pending")] = button
        self.grid.setColumnStretch(4, 1)
