"""Checking a mediation case's parties, masking them, and the 司法确认 window."""
from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys

import pytest

from fazhi_desktop.core import mediation
from fazhi_desktop.core.errors import ValidationError
from fazhi_desktop.core.idcard import check_digit, id_number_problem, mask_id_number, mask_phone

from .conftest import LI_ID, ZHANG_ID


# (GB 11643's own example 440524188001010014 is born in 1880: refused as no living party's.)
@pytest.mark.parametrize("number", [ZHANG_ID, LI_ID, "11010519491231002x"])
def test_valid_id_numbers_pass(number):
    assert id_number_problem(number) is None


@pytest.mark.parametrize("number,words", [
    ("410402198005011234", "校验位不正确（末位应为3）"),
    ("110105194912310021", "校验位不正确（末位应为X）"),
    ("41040219800501123", "应为18位，实为17位"),
    ("4104021980050112333", "应为18位，实为19位"),
    ("41040219800231123X", "出生日期不是有效日期"),
    ("4104021980A501123X", "前17位应为数字"),
])
def test_invalid_id_numbers_say_what_is_wrong(number, words):
    assert words in id_number_problem(number)


def test_check_digit_of_the_standard_example():
    assert check_digit("11010519491231002") == "X"
    assert check_digit("41040219800501123") == "3"


def test_saving_a_party_with_a_wrong_check_digit_is_refused_in_chinese(registry, two_party_case):
    two_party_case["parties"][0]["id_number"] = "410402198005011234"
    with pytest.raises(ValidationError) as err:
        registry.save("mediation", two_party_case)
    assert any("“当事人”第1项“身份证号码”" in p and "校验位不正确" in p for p in err.value.problems)
    assert registry.count("mediation") == 0


def test_birth_date_must_agree_with_the_id_number(registry, two_party_case):
    two_party_case["parties"][0]["birth_date"] = "1980-05-02"
    with pytest.raises(ValidationError) as err:
        registry.save("mediation", two_party_case)
    assert any("身份证号码中的出生日期1980-05-01与出生日期1980-05-02不一致" in p
               for p in err.value.problems)


def test_a_bad_phone_and_a_single_party_are_refused(registry, two_party_case):
    two_party_case["parties"][1]["phone"] = "12345"
    del two_party_case["parties"][1:]
    two_party_case["parties"][0]["phone"] = "12345"
    with pytest.raises(ValidationError) as err:
        registry.save("mediation", two_party_case)
    text = "\n".join(err.value.problems)
    assert "不是有效的电话号码" in text and "至少需要两方当事人" in text


def test_masks_keep_region_and_last_four():
    assert mask_id_number(ZHANG_ID) == "4104**********1233"
    assert mask_phone("13837512345") == "138****2345"
    assert mask_phone("0375-2818989") == "********8989"
    masked = mediation.masked_record({"parties": [{"name": "张三", "id_number": ZHANG_ID,
                                                    "phone": "13837512345"}]})
    assert masked["parties"][0] == {"name": "张三", "id_number": "4104**********1233",
                                    "phone": "138****2345"}


def test_particulars_line_is_masked_unless_asked(two_party_case):
    zhang = two_party_case["parties"][0]
    line = mediation.party_particulars(zhang)
    assert line.startswith("张三，男，汉族，1980年5月1日出生，身份证号码4104**********1233")
    assert "联系电话138****2345" in line and ZHANG_ID not in line
    assert ZHANG_ID in mediation.party_particulars(zhang, masked=False)
    # Birth date from the ID number when the field is empty.
    assert "1949年12月31日出生" in mediation.party_particulars(two_party_case["parties"][1])


def test_dump_keeps_id_numbers_and_phones_whole(tmp_path, db_path, two_party_case):
    source = tmp_path / "case.json"
    source.write_text(json.dumps([two_party_case], ensure_ascii=False), "utf-8")
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    cmd = [sys.executable, "-m", "fazhi_desktop", "--db", str(db_path)]
    added = subprocess.run(cmd + ["add", "mediation", str(source)], capture_output=True,
                           text=True, encoding="utf-8", env=env, timeout=120)
    assert added.returncode == 0, added.stderr
    dumped = subprocess.run(cmd + ["dump", "mediation"], capture_output=True, text=True,
                            encoding="utf-8", env=env, timeout=120)
    party = json.loads(dumped.stdout)[0]["parties"][0]
    assert party["id_number"] == ZHANG_ID and party["phone"] == "13837512345"


# ----------------------------------------------------------------------------- 司法确认
@pytest.mark.parametrize("today,level,days_left", [
    (dt.date(2022, 8, 10), "open", 30),
    (dt.date(2022, 9, 1), "open", 8),
    (dt.date(2022, 9, 2), "closing", 7),
    (dt.date(2022, 9, 6), "urgent", 3),
    (dt.date(2022, 9, 9), "urgent", 0),
    (dt.date(2022, 9, 10), "closed", -1),
])
def test_judicial_confirmation_window_runs_30_days_from_the_agreement(two_party_case, today,
                                                                      level, days_left):
    window = mediation.confirmation_window(two_party_case, today=today)
    assert window.opens == dt.date(2022, 8, 10)
    assert window.closes == dt.date(2022, 9, 9)
    assert (window.level, window.days_left) == (level, days_left)


def test_window_messages_a_clerk_reads(two_party_case):
    last = mediation.confirmation_window(two_party_case, today=dt.date(2022, 9, 9))
    assert last.message.startswith("司法确认申请期限今天是最后一天：2022年8月10日协议生效，可于2022年9月9日前")
    gone = mediation.confirmation_window(two_party_case, today=dt.date(2022, 9, 12))
    assert gone.message == "司法确认申请期限已于2022年9月9日届满（已过3天）" and gone.warns
    two_party_case["closed_date"] = "2022-08-04"        # +30 = Saturday 2022-09-03
    weekend = mediation.confirmation_window(two_party_case, today=dt.date(2022, 8, 5))
    assert "顺延至其后第一个工作日" in weekend.message


def test_no_window_without_success_and_a_written_agreement(two_party_case):
    oral = dict(two_party_case, agreement=None)
    assert mediation.confirmation_window(oral).level == "not_applicable"
    failed = dict(two_party_case, outcome="failure")
    assert mediation.confirmation_window(failed).level == "not_applicable"
    undated = dict(two_party_case, closed_date=None)
    window = mediation.confirmation_window(undated)
    assert window.level == "unknown" and "未填写结案日期" in window.message
