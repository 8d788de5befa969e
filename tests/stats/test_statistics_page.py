"""The 统计 page: a clerk picks a year, reads the seed-style figures and saves a chart as PNG."""
from __future__ import annotations

import pytest

from fazhi_desktop.gui.pages.statistics import StatisticsPage

from .conftest import case, item, month

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def page(qtbot, registry):
    registry.add_many("suggestion", [item(n, session="区人大十届一次会议", assigned_date="2022-03-01",
                                          status="replied") for n in range(1, 68)])
    registry.add_many("proposal", [item(n, assigned_date="2022-03-01", status="closed")
                                   for n in range(1, 127)])
    registry.add_many("mediation", [case(1, dispute_type="物业", outcome="success"),
                                    case(2, dispute_type="邻里", outcome="failure")])
    registry.add_many("petition", [month("区信访局", "2021-07", to_county=230, letters=3),
                                   month("区信访局", "2022-07", to_county=90, letters=6)])
    page = StatisticsPage(registry)
    qtbot.addWidget(page)
    page.set_year(2022)
    return page


def test_the_year_reads_as_the_yearly_report_says_it(page):
    text = page.text.toPlainText()
    assert "办理人大代表建议67件，政协委员提案126件，办结率100%" in text
    assert "京省市区乡五级信访总量90件，同比下降60.9%（按7月同期比较）" in text
    assert page.cards["items"].value.text() == "100%"
    assert page.cards["mediation"].value.text() == "50%"
    assert page.cards["levels"].value.text() == "下降60.9%"
    assert page.cards["petition"].value.text() == "上升100%"


def test_a_year_without_a_previous_year_shows_dashes(page):
    page.set_year(2021)
    assert page.cards["levels"].value.text() == "—"
    assert page.cards["items"].value.text() == "—"
    assert "办结率—" in page.text.toPlainText()


def test_both_charts_are_shown_and_saved_as_png(page, tmp_path):
    assert not page.trend.pixmap().isNull() and not page.types.pixmap().isNull()
    saved = page.save_chart("trend", str(tmp_path / "趋势"))
    assert saved.name == "趋势.png"
    data = saved.read_bytes()
    assert data.startswith(b"\x89PNG")
    width = int.from_bytes(data[16:20], "big")
    assert width >= 1400                       # print resolution, not the screen copy
    assert page.save_chart("types", str(tmp_path / "types.png")).exists()
    assert page.default_chart_name("trend") == "2022年信访总量月度趋势.png"
