"""统计 page: the year's figures of the four registers (core.stats) in the yearly report's words,
headline cards, and the two charts (core.charts) that a clerk can save as PNG for the report.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPixmap
from PySide6.QtWidgets import (QComboBox, QFileDialog, QFrame, QGridLayout, QHBoxLayout, QLabel,
                               QMessageBox, QPlainTextEdit, QPushButton, QScrollArea, QSizePolicy,
                               QVBoxLayout, QWidget)

from ...core import stats
from ...core.errors import FazhiError
from ...core.stats_text import fmt_change, fmt_percent, report_lines

CHART_WIDTH = 640


class FigureCard(QFrame):
    """One headline figure: a big number and what it is."""

    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setFrameShape(QFrame.StyledPanel)
        self.setStyleSheet("FigureCard { background: white; border: 1px solid #d9dde3; border-radius: 4px; }")
        self.value = QLabel("—", self)
        self.value.setStyleSheet("font-size: 20pt; font-weight: bold; color: #a61b1f;")
        self.caption = QLabel(title, self)
        self.caption.setStyleSheet("color: #555;")
        self.detail = QLabel("", self)
        self.detail.setStyleSheet("color: #777; font-size: 9pt;")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)

    def show_value(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)


class StatisticsPage(QWidget):
    """The year's figures; charts are redrawn only when the figures change."""

    def __init__(self, registry, parent=None):
        super().__init__(parent)
        self.registry = registry
        self.figures: Optional[dict] = None
        self._drawn_key = None
        self.charts: dict = {}   # name -> PNG bytes
        self.year = QComboBox(self)
        self.year.setMinimumWidth(100)
        self.year.currentIndexChanged.connect(lambda _i: self.show_year())
        self.measure = QComboBox(self)
        self.measure.addItem("信访总量（来信+来访+网上+电话）", "channel_total")
        self.measure.addItem("五级信访总量（京省市区乡）", "level_total")
        self.measure.currentIndexChanged.connect(lambda _i: self._draw_charts(force=True))
        copy_button = QPushButton("复制统计文字", self)
        copy_button.setToolTip("复制下方文字，粘贴到年度报告中")
        copy_button.clicked.connect(self.copy_text)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度：", self))
        top.addWidget(self.year)
        top.addSpacing(16)
        top.addWidget(QLabel("趋势图口径：", self))
        top.addWidget(self.measure)
        top.addStretch(1)
        top.addWidget(copy_button)
        self.cards = {}
        cards = QGridLayout()
        for i, (name, title) in enumerate((
                ("items", "建议、提案办结率"), ("satisfaction", "满意率（建议/提案）"),
                ("mediation", "人民调解成功率"), ("petition", "信访总量同比"),
                ("levels", "五级信访总量同比"))):
            card = FigureCard(title, self)
            self.cards[name] = card
            cards.addWidget(card, 0, i)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setStyleSheet("font-size: 10.5pt;")
        self.trend = self._chart_label()
        self.types = self._chart_label()
        save_trend = QPushButton("保存趋势图为PNG…", self)
        save_trend.clicked.connect(lambda: self.save_chart("trend"))
        save_types = QPushButton("保存类型图为PNG…", self)
        save_types.clicked.connect(lambda: self.save_chart("types"))
        chart_box = QWidget(self)
        chart_layout = QVBoxLayout(chart_box)
        chart_layout.setContentsMargins(0, 0, 0, 0)
        for label, button in ((self.trend, save_trend), (self.types, save_types)):
            chart_layout.addWidget(label)
            row = QHBoxLayout()
            row.addStretch(1)
            row.addWidget(button)
            chart_layout.addLayout(row)
        chart_layout.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidget(chart_box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.NoFrame)
        scroll.setMinimumWidth(CHART_WIDTH + 24)
        body = QHBoxLayout()
        body.addWidget(self.text, 1)
        body.addWidget(scroll)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(cards)
        layout.addLayout(body, 1)
        self.refresh()

    def _chart_label(self) -> QLabel:
        label = QLabel(self)
        label.setAlignment(Qt.AlignCenter)
        label.setSizePolicy(QSizePolicy.Fixed, QSizePolicy.Fixed)
        label.setStyleSheet("background: white; border: 1px solid #d9dde3;")
        return label

    # ------------------------------------------------------------- data
    def refresh(self) -> None:
        current = self.year.currentData()
        years = stats.years_with_data(self.registry)
        self.year.blockSignals(True)
        self.year.clear()
        for year in years:
            self.year.addItem(f"{year}年", year)
        index = self.year.findData(current) if current else -1
        self.year.setCurrentIndex(index if index >= 0 else 0)
        self.year.blockSignals(False)
        self.show_year()

    def set_year(self, year: int) -> None:
        index = self.year.findData(year)
        if index < 0:
            self.year.addItem(f"{year}年", year)
            index = self.year.count() - 1
        self.year.setCurrentIndex(index)

    def show_year(self) -> None:
        year = self.year.currentData()
        if year is None:
            return
        self.figures = stats.year_figures(self.registry, year)
        self.text.setPlainText("\n".join(report_lines(self.figures)))
        self._show_cards()
        self._draw_charts()

    def _show_cards(self) -> None:
        f = self.figures
        both, p, s = f["items_combined"], f["proposal"], f["suggestion"]
        m, pet = f["mediation"], f["petition"]
        self.cards["items"].show_value(fmt_percent(both["completion_rate"]),
                                       f"建议{s['received']}件、提案{p['received']}件，已答复{both['replied']}件")
        self.cards["satisfaction"].show_value(
            f"{fmt_percent(s['satisfaction_rate'])} / {fmt_percent(p['satisfaction_rate'])}",
            f"反馈意见{both['with_feedback']}件")
        self.cards["mediation"].show_value(fmt_percent(m["success_rate"]),
                                           f"受理{m['accepted']}件，成功{m['success']}件")
        for name, key, total in (("petition", "channel_total", "信访总量"),
                                 ("levels", "level_total", "五级总量")):
            change = pet["yoy"][key]
            shown = "—" if change is None else fmt_change(change)
            self.cards[name].show_value(shown, f"{total}{pet[key]}件" if pet["months_reported"]
                                        else "本年未填报")

    def _draw_charts(self, *, force: bool = False) -> None:
        if self.figures is None:
            return
        from ...core import charts

        year = self.figures["year"]
        measure = self.measure.currentData()
        key = json.dumps([year, measure, self.figures["petition"]["monthly"],
                          self.figures["mediation"]["by_type"]], sort_keys=True)
        if key == self._drawn_key and not force:
            return
        self._drawn_key = key
        width, height = CHART_WIDTH / 100, CHART_WIDTH / 100 * 0.5
        self.charts["trend"] = charts.petition_trend_png(self.figures["petition"], year,
                                                         measure=measure, dpi=100,
                                                         size=(width, height))
        self.charts["types"] = charts.mediation_by_type_png(self.figures["mediation"], year,
                                                            dpi=100, size=(width, height))
        for name, label in (("trend", self.trend), ("types", self.types)):
            pixmap = QPixmap()
            pixmap.loadFromData(self.charts[name], "PNG")
            label.setPixmap(pixmap)
            label.setFixedSize(pixmap.size())

    # ------------------------------------------------------------- actions
    def copy_text(self) -> None:
        QGuiApplication.clipboard().setText(self.text.toPlainText())

    def chart_png(self, name: str) -> bytes:
        """The chart at print resolution (the page shows a screen-sized one)."""
        from ...core import charts

        year = self.figures["year"]
        if name == "trend":
            return charts.petition_trend_png(self.figures["petition"], year,
                                             measure=self.measure.currentData(), dpi=200)
        return charts.mediation_by_type_png(self.figures["mediation"], year, dpi=200)

    def default_chart_name(self, name: str) -> str:
        year = self.figures["year"]
        if name == "trend":
            what = "信访总量" if self.measure.currentData() == "channel_total" else "五级信访总量"
            return f"{year}年{what}月度趋势.png"
        return f"{year}年人民调解案件类型.png"

    def save_chart(self, name: str, path: Optional[str] = None) -> Optional[Path]:
        if self.figures is None:
            return None
        if path is None:
            folder = self.registry.setting("output_dir") or str(Path.home())
            path, _ = QFileDialog.getSaveFileName(self, "保存图表", str(Path(folder) / self.default_chart_name(name)),
                                                  "PNG 图片 (*.png)")
            if not path:
                return None
        if not path.lower().endswith(".png"):
            path += ".png"
        from ..output_check import may_write

        if not may_write(self, self.registry, path, title="保存图表", confirmed=True):
            return None
        from ...core import charts

        try:
            return charts.save_png(self.chart_png(name), path)
        except FazhiError as exc:
            QMessageBox.warning(self, "保存图表", str(exc))
            return None
