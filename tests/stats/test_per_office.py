"""Issue 15.3: figures per office when a district holds its townships' records — the totals stay
the sum, `office=` narrows to one office, `stats --office` and `--json`'s by_office, and the 统计
page's 单位 filter and per-office table (shown only with more than one office)."""
from __future__ import annotations

import json

import pytest

from fazhi_desktop.core import stats
from tests.safety.conftest import run_cli
from tests.stats.conftest import case, month
from tests.stats.offices import TOWNSHIP, TOWNSHIP_NAME, hold_for_township

AUTHORITY = "平顶山市湛河区司法局"


@pytest.fixture
def district(registry, add):
    """The district: 3 cases of its own (2 successful), the township's 2 (1 successful), petition
    months of both."""
    registry.set_profile(json.load(open("tests/fixtures/seed000_profile.json", encoding="utf-8")))
    own = add("mediation", [case(1, outcome="success"), case(2, outcome="success"), case(3)])
    theirs = add("mediation", [case(11, outcome="success"), case(12, outcome="failure")])
    months = add("petition", [month("区信访局", "2022-01", letters=5, visits=5),
                              month("曹镇乡", "2022-01", letters=2, phone=1)])
    hold_for_township(registry, "mediation", theirs)
    hold_for_township(registry, "petition", months[1:])
    return registry


def test_totals_are_the_sum_and_office_narrows(district):
    assert stats.offices_held(district)[0]["name"] == AUTHORITY  # own office first, by its profile
    assert stats.several_offices(district)
    total = stats.year_figures(district, 2022)
    assert total["mediation"]["accepted"] == 5 and total["mediation"]["success_rate"] == 60.0
    assert total["petition"]["channel_total"] == 13
    township = stats.year_figures(district, 2022, office=TOWNSHIP)
    assert township["office"] == TOWNSHIP_NAME
    assert township["mediation"]["accepted"] == 2 and township["mediation"]["success_rate"] == 50.0
    assert township["petition"]["channel_total"] == 3
    table = stats.office_table(district, 2022)
    assert [(r["office"], r["mediation_accepted"], r["mediation_success_rate"],
             r["petition_channel_total"]) for r in table] == [
        (AUTHORITY, 3, 66.7, 10), (TOWNSHIP_NAME, 2, 50.0, 3), ("合计", 5, 60.0, 13)]


def test_one_office_shows_no_office_table(registry, add):
    add("mediation", [case(1)])
    assert not stats.several_offices(registry)


def test_cli_office_and_json_by_office(district, db_path):
    district.close()
    whole = run_cli("--db", db_path, "stats", "--year", "2022", "--json")
    assert whole.returncode == 0, whole.stderr
    data = json.loads(whole.stdout)
    assert data["mediation"]["accepted"] == 5  # the existing keys: the totals
    by_office = {o["office"]: o for o in data["by_office"]}
    assert by_office[TOWNSHIP_NAME]["mediation"]["accepted"] == 2
    assert by_office[AUTHORITY]["mediation"]["accepted"] == 3 and by_office[AUTHORITY]["own"]
    one = run_cli("--db", db_path, "stats", "--year", "2022", "--office", TOWNSHIP_NAME, "--json")
    assert json.loads(one.stdout)["mediation"]["accepted"] == 2
    text = run_cli("--db", db_path, "stats", "--year", "2022")
    assert "各单位" in text.stdout and TOWNSHIP_NAME in text.stdout
    bad = run_cli("--db", db_path, "stats", "--year", "2022", "--office", "不存在的所")
    assert bad.returncode == 2 and "没有名为“不存在的所”的单位" in bad.stderr and TOWNSHIP_NAME in bad.stderr


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")
def test_statistics_page_office_filter_and_table(qtbot, district, registry, add):
    from fazhi_desktop.gui.pages.statistics import StatisticsPage

    page = StatisticsPage(district)
    qtbot.addWidget(page)
    page.resize(1024, 768)
    page.show()
    page.set_year(2022)
    assert page.office.isVisible() and page.office_table.isVisible()
    cells = [[page.office_table.item(r, c).text() for c in range(page.office_table.columnCount())]
             for r in range(page.office_table.rowCount())]
    headings = [page.office_table.horizontalHeaderItem(c).text()
                for c in range(page.office_table.columnCount())]
    assert "调处成功率" in headings and "信访总量" in headings
    rate, total = headings.index("调处成功率"), headings.index("信访总量")
    assert [(row[0], row[rate], row[total]) for row in cells] == [
        (AUTHORITY, "66.7%", "10"), (TOWNSHIP_NAME, "50%", "3"), ("合计", "60%", "13")]
    assert page.cards["mediation"].value.text() == "60%"
    page.office.setCurrentIndex(page.office.findData(TOWNSHIP))
    assert page.cards["mediation"].value.text() == "50%"
    assert "受理2件" in page.cards["mediation"].detail.text()


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")
def test_statistics_page_hides_office_parts_for_one_office(qtbot, registry, add):
    from fazhi_desktop.gui.pages.statistics import StatisticsPage

    add("mediation", [case(1)])
    page = StatisticsPage(registry)
    qtbot.addWidget(page)
    page.show()
    assert not page.office.isVisible() and not page.office_table.isVisible()
