"""One normalisation for every way data comes in (issue 14.4): what a clerk types in the editor,
a JSON file and an Excel cell is stored in one canonical form, so it counts where it should."""
from __future__ import annotations

import datetime as _dt

import pytest

from fazhi_desktop.core import normalize
from fazhi_desktop.core.errors import ValidationError
from fazhi_desktop.core.stats import item_figures

FIVE_WAYS = ["2022-8-8", "2022.8.8", " 2022/8/8\n", "2022年8月8日", "２０２２－０８－０８"]


@pytest.mark.parametrize("text", FIVE_WAYS + [
    "\u0662\u0660\u0662\u0662-08-08",  # Arabic-Indic digits
    "\u3000 2022 年 8 月 8 日\u3000", "20220808", "2022-08-08 09:30", "\ufeff2022-08-08\u200b",
    "2022\u20138\u20138"])  # en dashes
def test_every_way_of_typing_a_date_is_one_date(text):
    assert normalize.parse_date(text) == _dt.date(2022, 8, 8)
    assert normalize.canonical_date(text) == "2022-08-08"


@pytest.mark.parametrize("text", ["2022-02-30", "8月8日", "2022-8", "22-8-8", "0000-01-01",
                                  "10000-01-01", "2022-08-08-08", ""])
def test_what_is_not_a_date_stays_as_typed(text):
    assert normalize.parse_date(text) is None
    assert normalize.canonical_date(text) == text


@pytest.mark.parametrize("text", ["2022-8", "2022年8月", "2022年8月份", "２０２２．８", " 2022/08 ",
                                  "202208", "2022-08-08"])
def test_months(text):
    assert normalize.canonical_month(text) == "2022-08"


@pytest.mark.parametrize("text,value", [("28", 28), ("２８", 28), (" 1,000 ", 1000),
                                        ("1 000", 1000), ("１，０００", 1000), ("-3", -3)])
def test_integers(text, value):
    assert normalize.parse_int(text) == value


@pytest.mark.parametrize("text", ["2.5", "1,2", "二十八", "1e3", "", "1_000"])
def test_not_integers(text):
    assert normalize.parse_int(text) is None


@pytest.mark.parametrize("text,value", [("12000", 12000), ("1,200.50", 1200.5), ("￥3000", 3000),
                                        ("3000元", 3000), ("1.2万", 12000), ("１２０００", 12000)])
def test_amounts(text, value):
    assert normalize.parse_amount(text) == value


@pytest.mark.parametrize("text", ["nan", "inf", "1e308", "1_000", "十二", "1.2.3"])
def test_not_amounts(text):
    assert normalize.parse_amount(text) is None


def test_text_is_trimmed_but_a_long_texts_indent_is_kept():
    record = {"session": " 区政协六届一次会议\n", "number": "２８", "title": "\u3000关于加强法治政府建设",
              "authors": [" 胡校丽 ", ""], "status": " replied ",
              "reply": {"body": "\n\u3000\u3000第一段。\n第二段。  \n", "date": "2022年8月8日"}}
    normalize.normalize_record("proposal", record)
    assert record == {"session": "区政协六届一次会议", "number": 28, "title": "关于加强法治政府建设",
                      "authors": ["胡校丽"], "status": "replied",
                      "reply": {"body": "\u3000\u3000第一段。\n第二段。", "date": "2022-08-08"}}


def test_id_numbers_and_phones_lose_spaces_and_full_width_digits():
    party = {"name": "张三", "id_number": "４１０４０２ 1980 0101 123x", "phone": " 138 0000 0000"}
    normalize.normalize_record("mediation", {"parties": [party]})
    assert party["id_number"] == "4104021980010112" "3X"
    assert party["phone"] == "13800000000"


def _proposal(number, assigned):
    return {"session": "区政协六届一次会议", "number": number, "title": f"提案{number}",
            "authors": ["胡校丽"], "assigned_date": assigned}


def test_the_same_date_typed_five_ways_counts_in_one_year(registry):
    """JSON `add` (add_many) and the editor (save): every record lands in 2022's figures."""
    registry.add_many("proposal", [_proposal(n, d) for n, d in enumerate(FIVE_WAYS[:3], 1)])
    for n, day in enumerate(FIVE_WAYS[3:], 4):
        registry.save("proposal", _proposal(n, day))
    assert item_figures(registry, "proposal", 2022)["received"] == 5
    assert {r["assigned_date"] for r in registry.dump("proposal")} == {"2022-08-08"}
    assert item_figures(registry, "proposal", 2022)["undated"] == 0


def test_a_petition_month_typed_two_ways_cannot_be_entered_twice(registry):
    registry.save("petition", {"unit": "曹镇乡", "period": "2022-08", "letters": 3})
    with pytest.raises(ValidationError) as refused:
        registry.save("petition", {"unit": " 曹镇乡 ", "period": "２０２２年８月", "letters": 4})
    assert "曹镇乡2022-08已存在" in str(refused.value)
    with pytest.raises(ValidationError) as in_one_file:
        registry.add_many("petition", [{"unit": "城关镇", "period": "2022-9"},
                                       {"unit": "城关镇", "period": "2022年9月"}])
    assert "第2条记录：城关镇2022-09与第1条重复" in str(in_one_file.value)
    assert len(registry.dump("petition")) == 1


def test_excel_cells_use_the_same_parsers():
    from fazhi_desktop.ledgers import values
    from fazhi_desktop.ledgers.columns import column_by_key

    assert values.convert(column_by_key("petition", "period"), "２０２２年８月") == "2022-08"
    assert values.convert(column_by_key("petition", "letters"), "１，０００") == 1000
    assert values.parse_date_text("\u0662\u0660\u0662\u0662.8.8") == _dt.date(2022, 8, 8)
