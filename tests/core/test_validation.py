"""Every bad-input rule of interchange.md is refused with a Chinese message naming where and what."""
from __future__ import annotations

import pytest

from fazhi_desktop.core.validation import check_batch, profile_problems, record_problems

GOOD = {"session": "区政协六届一次会议", "number": 28, "title": "关于加强法治政府建设",
        "authors": ["胡校丽"]}


def _one(kind, record, position=3):
    return record_problems(kind, record, position)


def test_a_complete_proposal_has_no_problems(seed_proposal):
    assert record_problems("proposal", seed_proposal) == []


@pytest.mark.parametrize("field,label", [("session", "届次"), ("number", "编号"),
                                         ("title", "案由"), ("authors", "提出人")])
def test_missing_required_field_names_position_and_field(field, label):
    record = {k: v for k, v in GOOD.items() if k != field}
    problems = _one("proposal", record)
    assert len(problems) == 1
    assert problems[0].startswith("第3条记录")
    assert label in problems[0] and field in problems[0] and "必填" in problems[0]


def test_wrong_types_are_named():
    record = dict(GOOD, number="二十八", authors="胡校丽")
    text = "\n".join(_one("proposal", record))
    assert "“编号”（number）：应为整数，实为“二十八”" in text
    assert "“提出人（委员）”（authors）：应为文字列表" in text


@pytest.mark.parametrize("value", ["2022-02-30", "8月8日", "2022-8", "22-8-8", 20220808])
def test_bad_dates_are_refused(value):
    problems = _one("proposal", dict(GOOD, assigned_date=value))
    assert len(problems) == 1 and "交办日期" in problems[0] and "不是有效日期" in problems[0]


def test_number_must_be_at_least_one():
    problems = _one("proposal", dict(GOOD, number=0))
    assert "应不小于1" in problems[0]


def test_unknown_status_lists_the_allowed_words():
    problems = _one("suggestion", dict(GOOD, status="done"))
    assert "办理状态" in problems[0] and "pending（待办理）" in problems[0]


def test_nested_reply_date_is_checked():
    problems = _one("proposal", dict(GOOD, reply={"date": "8月8日"}))
    assert "“答复件”中“成文日期”（date）" in problems[0]


def test_invalid_id_number_in_a_party_is_refused():
    case = {"case_number": "（2022）湛调字第15号", "committee": "阳光苑社区人民调解委员会",
            "accepted_date": "2022-03-01", "dispute_type": "邻里",
            "parties": [{"name": "张三", "id_number": "410402198001011235"},
                        {"name": "李四"}]}
    problems = _one("mediation", case)
    assert len(problems) == 1
    assert "“当事人”第1项“身份证号码”" in problems[0] and "校验位不正确" in problems[0]


def test_mediation_needs_two_parties():
    case = {"case_number": "X1", "committee": "C", "accepted_date": "2022-03-01",
            "dispute_type": "邻里", "parties": [{"name": "张三"}]}
    assert any("至少需要两方当事人" in p for p in _one("mediation", case))


def test_petition_counts_must_be_non_negative_integers():
    problems = _one("petition", {"unit": "曹镇乡", "period": "2022-13", "letters": -1,
                                 "visits": 2.5})
    text = "\n".join(problems)
    assert "不是有效月份" in text and "应不小于0" in text and "“来访”（visits）：应为整数" in text


def test_file_that_is_not_a_list_is_refused():
    assert "应为记录列表" in check_batch("proposal", {"session": "x"})[0]


def test_duplicate_key_inside_one_file_names_both_positions():
    problems = check_batch("proposal", [GOOD, dict(GOOD)])
    assert problems == ["第2条记录：区政协六届一次会议第28号提案与第1条重复"]


def test_bad_uuid_is_refused():
    assert "不是有效的UUID" in _one("proposal", dict(GOOD, id="123"))[0]


def test_profile_needs_the_authority_and_valid_choices():
    problems = profile_problems({"reply_format": "pdf"})
    text = "\n".join(problems)
    assert "发文机关全称" in text and "答复件格式" in text


@pytest.mark.parametrize("birth", ["20991231", "18991231"])
def test_id_number_with_an_impossible_birth_date_is_refused(birth):
    from fazhi_desktop.core.idcard import check_digit, id_number_problem

    first17 = "410402" + birth + "123"
    assert "不合理" in id_number_problem(first17 + check_digit(first17))
