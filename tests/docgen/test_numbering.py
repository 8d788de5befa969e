"""Document numbers: the next free one, never handed out twice, typed ones checked."""
from __future__ import annotations

import pytest

from fazhi_desktop.core import numbering
from fazhi_desktop.core.errors import ValidationError


def test_clerk_gets_27_after_the_seed_reply_numbered_26(registry, seed_proposal):
    registry.save("proposal", seed_proposal)
    assert numbering.next_doc_number(registry, "平湛司", 2022) == "平湛司〔2022〕27号"
    assert numbering.next_doc_number(registry, "平湛司", 2023) == "平湛司〔2023〕1号"


def test_reserved_numbers_are_never_handed_out_twice(registry, seed_proposal):
    registry.save("proposal", seed_proposal)
    first = numbering.reserve_doc_number(registry, "平湛司", 2022)
    second = numbering.reserve_doc_number(registry, "平湛司", 2022)
    assert (first, second) == ("平湛司〔2022〕27号", "平湛司〔2022〕28号")
    rows = registry.store.conn.execute("SELECT serial FROM doc_number ORDER BY serial").fetchall()
    assert [r[0] for r in rows] == [27, 28]


@pytest.mark.parametrize("typed, words", [
    ("平湛司[2022]27号", "六角括号"),
    ("平湛司(2022)27号", "六角括号"),
    ("平湛司〔2022〕第27号", "不加“第”"),
    ("平湛司〔2022〕027号", "虚位"),
    ("平湛司〔22〕27号", "四位"),
])
def test_malformed_typed_numbers_are_warned_about(registry, typed, words):
    problems = numbering.check_doc_number(registry, typed)
    assert len(problems) == 1 and words in problems[0]


def test_a_number_already_used_by_another_reply_is_warned_about(registry, seed_proposal):
    saved = registry.save("proposal", seed_proposal)
    problems = numbering.check_doc_number(registry, "平湛司〔2022〕26号", kind="proposal",
                                          record_id="another")
    assert problems and "已被" in problems[0] and "第28号提案" in problems[0]
    assert "平湛司〔2022〕27号" in problems[0]  # and the next free one is named
    # the record's own number is not a conflict
    assert numbering.check_doc_number(registry, "平湛司〔2022〕26号", kind="proposal",
                                      record_id=saved["id"]) == []
    assert numbering.check_doc_number(registry, "平湛司〔2022〕30号") == []


def test_recording_a_used_number_is_refused(registry, seed_proposal):
    registry.save("proposal", seed_proposal)
    with pytest.raises(ValidationError):
        numbering.record_doc_number(registry, "平湛司〔2022〕26号", record_id="x")
    numbering.record_doc_number(registry, "平湛司〔2022〕40号", record_id="x")
    assert numbering.next_doc_number(registry, "平湛司", 2022) == "平湛司〔2022〕41号"


def test_reply_with_a_malformed_or_taken_number_is_made_with_a_warning(registry, seed_proposal,
                                                                      seed_profile, tmp_path):
    from fazhi_desktop.docgen.replies import render_reply

    registry.set_profile(seed_profile)
    first = registry.save("proposal", seed_proposal)
    result = render_reply(registry, "proposal", first["id"], tmp_path / "a.docx")
    assert not any("发文字号" in w for w in result.warnings)  # its own number
    second = dict(seed_proposal, number=29)
    second["reply"] = dict(seed_proposal["reply"], doc_number="平湛司〔2022〕第26号")
    saved = registry.save("proposal", second)
    result = render_reply(registry, "proposal", saved["id"], tmp_path / "b.docx")
    assert any("不加“第”" in w for w in result.warnings) and result.path.exists()
