"""Font check before printing, and titles broken into balanced lines that keep words whole."""
from __future__ import annotations

import pytest

from fazhi_desktop.core import fonts
from fazhi_desktop.docgen.titles import break_title


def test_missing_profile_font_names_its_substitute(monkeypatch, request):
    fonts.substitute_for.cache_clear()  # answers are cached per process; this test fakes the machine
    request.addfinalizer(fonts.substitute_for.cache_clear)
    monkeypatch.setattr(fonts, "installed_families",
                        lambda: frozenset({"simsun", "宋体", "notoserifcjksc"}))
    monkeypatch.setattr(fonts.shutil, "which", lambda name: None)  # no fc-match: Word's rules
    statuses = {s.role: s for s in fonts.check_fonts({"body": "仿宋_GB2312"})}
    assert statuses["page_number"].installed is True  # 宋体 = SimSun
    assert statuses["body"].installed is False and statuses["body"].substitute == "宋体"
    warnings = fonts.substitution_warnings({})
    assert any("仿宋_GB2312" in w and "“宋体”代替" in w for w in warnings)
    assert not any("页码字体" in w for w in warnings)


def test_font_list_of_this_machine_is_readable():
    if fonts.installed_families() is None:
        pytest.skip("no font listing on this system")
    assert fonts.is_installed("Noto Sans CJK SC") or fonts.is_installed("WenQuanYi Zen Hei")


@pytest.mark.parametrize("title, lines", [
    ("对区政协六届一次会议第28号提案的答复", ["对区政协六届一次会议", "第28号提案的答复"]),
    ("示范区党工委 示范区管委会关于2021年度法治政府建设情况的报告",
     ["示范区党工委 示范区管委会", "关于2021年度法治政府建设情况的报告"]),
    ("关于某事的报告", ["关于某事的报告"]),
    ("第一行\n第二行", ["第一行", "第二行"]),
])
def test_titles_break_where_a_clerk_would(title, lines):
    assert break_title(title) == lines


def test_long_title_never_splits_quotes_or_numbers():
    title = "关于印发《湛河区法治政府建设年度工作要点》和2022年度第128号工作安排的通知"
    result = break_title(title)
    assert "".join(result) == title and len(result) >= 2
    for line in result:
        assert line.count("《") == line.count("》")
    assert any("2022年度" in line for line in result) and any("第128号" in line for line in result)


def test_quoted_name_longer_than_a_line_still_breaks():
    title = "关于印发《湛河区创建全国法治政府建设示范市责任清单》和2022年度第128号工作要点的通知"
    result = break_title(title)
    assert "".join(result) == title and all(len(line) <= 20 for line in result)
