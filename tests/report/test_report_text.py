"""The report's sentences carry the registers' figures in the seeds' phrasing."""
from __future__ import annotations

from fazhi_desktop.core.registry import Registry
from fazhi_desktop.core.stats import year_figures
from fazhi_desktop.docgen import report_text

from .conftest import HAND


def test_sentences_quote_the_hand_counted_figures(year_db):
    with Registry.open(year_db) as registry:
        figures = year_figures(registry, 2022)
    assert report_text.item_sentence(figures) == (
        f"全年办理人大代表建议{HAND['suggestions']}件、政协委员提案{HAND['proposals']}件，"
        f"办结率{HAND['completion']}，人大代表建议满意率{HAND['sat_s']}、政协委员提案满意率{HAND['sat_p']}。")
    assert report_text.mediation_sentence(figures) == (
        f"全年受理调处各类矛盾纠纷{HAND['cases']}件，调处成功{HAND['success']}件，"
        f"调处成功率{HAND['success_rate']}。")
    assert report_text.petition_sentence(figures) == (
        f"全年信访总量{HAND['channel']}件，同比{HAND['channel_yoy']}；"
        f"京省市区乡五级信访总量{HAND['level']}件，同比{HAND['level_yoy']}。")


def test_equal_satisfaction_is_said_once_as_seed_004_does():
    figures = {"proposal": {"received": 84, "satisfaction_rate": 100.0},
               "suggestion": {"received": 26, "satisfaction_rate": 100.0},
               "items_combined": {"completion_rate": 100.0}}
    assert report_text.item_sentence(figures) == "全年办理人大代表建议26件、政协委员提案84件，办结率100%，满意率均为100%。"


def test_a_first_year_without_last_year_leaves_the_comparison_to_the_clerk(tmp_path):
    with Registry.open(tmp_path / "new.sqlite3") as registry:
        registry.add_many("petition", [{"unit": "乡", "period": "2022-01", "letters": 3, "to_county": 1}])
        figures = year_figures(registry, 2022)
    sentence = report_text.petition_sentence(figures)
    assert sentence.startswith("全年信访总量3件；京省市区乡五级信访总量1件【请填写：")
    assert "同比" not in sentence.split("【")[0]
    assert "（2022年已填报1月）" in sentence


def test_an_empty_register_is_a_marked_gap_not_a_zero(tmp_path):
    with Registry.open(tmp_path / "empty.sqlite3") as registry:
        figures = year_figures(registry, 2022)
    assert report_text.petition_sentence(figures).startswith("【请填写：2022年尚未填报信访统计")
    assert report_text.item_sentence(figures).startswith("【请填写：登记簿中没有2022年交办的人大代表建议和政协委员提案")
    assert report_text.mediation_sentence(figures).startswith("【请填写：登记簿中没有2022年受理的人民调解案件")
    assert "—" not in "".join(report_text.body_lines(figures, authority="湛河区司法局"))


def test_we_is_said_as_the_authority_would():
    assert report_text.we("湛河区司法局") == "我局"
    assert report_text.we("中站区人民政府") == "我区"
    assert report_text.we("某某县人民政府") == "我县"
    assert report_text.we("姚孟街道") == "我街道"


def test_a_district_named_with_its_city_says_we_district():
    """The full name starts with the city: 平顶山市湛河区人民政府 said 我市 before."""
    assert report_text.we("平顶山市湛河区人民政府") == "我区"
    assert report_text.we("焦作市中站区人民政府") == "我区"
    assert report_text.we("河南省汝州市人民政府") == "我市"
    assert report_text.we("湛河区曹镇乡人民政府") == "我乡"
    assert report_text.we("平顶山市湛河区姚孟街道办事处") == "我街道"


def test_a_report_for_a_year_without_records_is_still_a_draft(tmp_path, seed_profile):
    import docx

    from fazhi_desktop.docgen.report import ReportOptions, render_report

    with Registry.open(tmp_path / "new.sqlite3") as registry:
        registry.set_profile(seed_profile)
        result = render_report(registry, ReportOptions(year=2022, date="2023-01-10"), tmp_path / "r.docx")
    document = docx.Document(str(result.path))
    assert len(document.inline_shapes) == 0  # no petition counts: no chart
    assert result.fill_count == 12  # with the 第一责任人 part's
    assert "关于2022年度法治政府建设情况的报告" in "".join(p.text for p in document.paragraphs).replace("\n", "")


def test_the_opening_names_as_leaders_only_the_organs_that_lead(tmp_path, seed_profile):
    """A report sent to the 人大 and the 政协 as well: they supervise, they do not lead
    (the opening said 在…人大常委会、…政协委员会的坚强领导下 before)."""
    from fazhi_desktop.docgen.report import ReportOptions, build_report

    to = "中共平顶山市湛河区委员会、平顶山市湛河区人大常委会、区政协、平顶山市司法局"
    with Registry.open(tmp_path / "r.sqlite3") as registry:
        registry.set_profile(dict(seed_profile, report_to=to))
        doc = build_report(registry, ReportOptions(year=2022, date="2022-12-31"))
    assert doc.addressee.rstrip("：") == to  # the 主送 itself is as typed
    opening = doc.body[0].text
    assert "在中共平顶山市湛河区委员会、平顶山市司法局的坚强领导下" in opening, opening
    assert "人大" not in opening and "政协" not in opening
    assert report_text.leaders("区人大常委会、区政协") is None
