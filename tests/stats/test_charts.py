"""The charts are PNGs with Chinese that renders (no missing-glyph boxes) and gaps for missing months."""
from __future__ import annotations

import warnings

from fazhi_desktop.core import charts, stats

from .conftest import case, month


def test_charts_draw_chinese_with_an_installed_cjk_font(registry):
    registry.add_many("petition", [month("区信访局", "2022-01", letters=3)])
    registry.add_many("mediation", [case(1, dispute_type="婚姻家庭", outcome="success")])
    assert charts.cjk_font() is not None
    figures = stats.year_figures(registry, 2022)
    with warnings.catch_warnings():
        warnings.simplefilter("error")           # "Glyph ... missing from font" would raise
        trend = charts.petition_trend_png(figures["petition"], 2022)
        types = charts.mediation_by_type_png(figures["mediation"], 2022)
        empty = charts.mediation_by_type_png(stats.mediation_figures(registry, 2030), 2030)
    for png in (trend, types, empty):
        assert png.startswith(b"\x89PNG")
    assert len(trend) > 10_000


def test_a_matplotlib_that_sees_only_the_japanese_face_still_draws_chinese(monkeypatch):
    """matplotlib 3.9 (Python 3.9, the Debian 11 bundle) lists Debian's Noto CJK collection as
    "Noto Sans CJK JP" only; that face holds every Chinese character and must be chosen."""
    monkeypatch.setattr(charts, "installed_font_names", lambda: {"DejaVu Sans", "Noto Sans CJK JP"})
    assert charts.cjk_font() == "Noto Sans CJK JP"
    monkeypatch.setattr(charts, "installed_font_names", lambda: {"DejaVu Sans"})
    assert charts.cjk_font() is None


def test_charts_are_drawn_without_any_cjk_font(registry, monkeypatch):
    """No CJK font at all: plain labels in the default font, no crash (the statistics page and
    the yearly report must still open)."""
    registry.add_many("petition", [month("区信访局", "2022-01", letters=3)])
    registry.add_many("mediation", [case(1, dispute_type="婚姻家庭", outcome="success")])
    monkeypatch.setattr(charts, "cjk_font", lambda: None)
    figures = stats.year_figures(registry, 2022)
    trend = charts.petition_trend_png(figures["petition"], 2022)
    types = charts.mediation_by_type_png(figures["mediation"], 2022)
    empty = charts.mediation_by_type_png(stats.mediation_figures(registry, 2030), 2030)
    for png in (trend, types, empty):
        assert png.startswith(b"\x89PNG") and len(png) > 5_000
