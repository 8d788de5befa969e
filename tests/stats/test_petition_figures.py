"""Petition totals by channel and by level, 同比 and 环比, resolved rate, against hand counts."""
from __future__ import annotations

from fazhi_desktop.core import stats
from fazhi_desktop.core.stats_text import fmt_change, petition_lines

from .conftest import month

LEVELS_2021 = dict(to_beijing=3, to_province=12, to_city=40, to_county=95, to_township=80)  # 230
LEVELS_2022 = dict(to_beijing=0, to_province=5, to_city=15, to_county=40, to_township=30)   # 90


def _full_year(unit, year, **counts):
    return [month(unit, f"{year}-{m:02d}", **counts) for m in range(1, 13)]


def test_five_level_total_falling_from_230_to_90_reads_down_60_9(registry, add):
    add("petition", [month("区信访局", "2021-06", **LEVELS_2021),
                     month("区信访局", "2022-06", **LEVELS_2022)]
        + [month("区信访局", f"{y}-{m:02d}") for y in (2021, 2022) for m in range(1, 13) if m != 6])
    fig = stats.petition_figures(registry, 2022)
    assert fig["level_total"] == 90
    assert fig["yoy"]["level_total"] == -60.9        # (90 - 230) / 230 = -60.87%
    assert fig["yoy"]["to_beijing"] == -100.0
    assert "京省市区乡五级信访总量90件，同比下降60.9%" in petition_lines(fig, 2022)


def test_channel_total_sums_two_units_and_four_channels(registry, add):
    add("petition", _full_year("区信访局", 2022, letters=2, visits=1, online=3, phone=1, resolved=6)
        + _full_year("姚孟街道", 2022, letters=1, online=1, resolved=1)
        + _full_year("区信访局", 2021, letters=2, visits=2, online=2, phone=2)
        + _full_year("姚孟街道", 2021, letters=1))
    fig = stats.petition_figures(registry, 2022)
    # 2022: (2+1+3+1 + 1+1) * 12 = 108; 2021: (8 + 1) * 12 = 108 -> 持平.
    assert fig["channel_total"] == 108
    assert fig["totals"]["letters"] == 36 and fig["totals"]["online"] == 48
    assert fig["yoy"]["channel_total"] == 0.0
    assert fig["resolved_rate"] == 77.8              # 84 / 108
    assert fig["units"] == ["区信访局", "姚孟街道"]
    one = stats.petition_figures(registry, 2022, unit="姚孟街道")
    assert one["channel_total"] == 24 and one["yoy"]["channel_total"] == 100.0  # 24 vs 12
    assert "信访总量108件（来信36件、来访12件、网上信访48件、电话12件），同比持平" in petition_lines(fig, 2022)


def test_first_year_has_no_year_on_year_change(registry, add):
    add("petition", _full_year("区信访局", 2022, letters=5, to_county=2))
    fig = stats.petition_figures(registry, 2022)
    assert fig["channel_total"] == 60
    assert fig["previous_year_reported"] is False
    assert all(value is None for value in fig["yoy"].values())
    assert fig["monthly"][0]["mom_channel"] is None      # no December before
    assert fig["monthly"][1]["mom_channel"] == 0.0
    assert "信访总量60件（来信60件、来访0件、网上信访0件、电话0件），同比—（上年同期无数据）" \
        in petition_lines(fig, 2022)


def test_previous_year_of_zeros_gives_no_change_rather_than_infinity(registry, add):
    add("petition", [month("区信访局", "2021-03"), month("区信访局", "2022-03", letters=4)])
    fig = stats.petition_figures(registry, 2022)
    assert fig["yoy"]["channel_total"] is None
    assert "同比—（上年同期为0）" in petition_lines(fig, 2022)[0]


def test_month_on_month_and_same_period_comparison(registry, add):
    add("petition", [
        month("区信访局", "2021-12", letters=10),
        month("区信访局", "2022-01", letters=8),    # 环比 vs 2021-12: -20%
        month("区信访局", "2022-02", letters=10),   # +25%
        month("区信访局", "2022-04", letters=5),    # March missing: no 环比
        month("区信访局", "2021-01", letters=4), month("区信访局", "2021-02", letters=4),
        month("区信访局", "2021-11", letters=100),  # no 2022-11 row: outside the 同期
    ])
    fig = stats.petition_figures(registry, 2022)
    moms = [m["mom_channel"] for m in fig["monthly"][:4]]
    assert moms == [-20.0, 25.0, None, None]
    assert fig["yoy_months"] == [1, 2]
    assert fig["yoy"]["channel_total"] == 125.0      # (8 + 10) vs (4 + 4)
    assert fig["monthly"][0]["yoy_channel"] == 100.0
    assert "（按1—2月同期比较）" in petition_lines(fig, 2022)[0]


def test_change_words():
    assert fmt_change(-60.9) == "下降60.9%"
    assert fmt_change(12.0) == "上升12%"
    assert fmt_change(0.0) == "持平"
    assert stats.change(90, 230) == -60.9
    assert stats.change(5, 0) is None and stats.change(5, None) is None
