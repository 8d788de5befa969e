"""The sentences the 再次答复 and the 会办意见 build from a record's title never double 关于 or the
suffix, whatever shape the title has (the three shapes real replies distinguish)."""
from __future__ import annotations

import re

import pytest

from fazhi_desktop.docgen.forms import build_assist_opinion
from fazhi_desktop.docgen.item_phrases import title_phrase
from fazhi_desktop.docgen.second_reply import second_opening

TITLES = {
    "关于加强农村人民调解组织建设的建议": "《关于加强农村人民调解组织建设的建议》",
    "关于加强法治政府建设": "关于加强法治政府建设的建议",
    "加强法治政府建设": "关于“加强法治政府建设”的建议",
    "《关于加快老旧小区改造的建议》": "《关于加快老旧小区改造的建议》",
    # titles as typed elsewhere: a suffix without 关于, a full stop (the reply's opening named
    # them right, the 再次答复 and the 会办意见 printed 关于“加强社区矫正工作建议”的建议)
    "加强社区矫正工作建议": "关于“加强社区矫正工作”的建议",
    "建设湛河法治文化带的建议": "关于“建设湛河法治文化带”的建议",
    "关于加快老旧小区改造的建议。": "《关于加快老旧小区改造的建议》",
}
PROFILE = {"authority": "平顶山市湛河区司法局", "authority_short": "湛河区司法局",
           "mark_text": "平顶山市湛河区司法局", "doc_code": "平湛司"}


def doubled(text: str) -> list:
    """Words said twice in a row by construction: 关于“关于, 的建议的建议, 建议》的建议 …"""
    patterns = [r"关于[“《]?关于", r"(提案|建议)[》”]?的(提案|建议)", r"[。，]的", r"的的"]
    return [p for p in patterns if re.search(p, text)]


@pytest.mark.parametrize("title, phrase", TITLES.items())
def test_the_title_is_named_as_real_replies_name_it(title, phrase):
    assert title_phrase("suggestion", title) == phrase


@pytest.mark.parametrize("title", TITLES)
def test_no_generated_sentence_doubles_a_word(title):
    record = {"session": "区人大十届一次会议", "number": 12, "title": title,
              "lead_unit": "湛河区民政局", "co_units": ["湛河区司法局"],
              "assist": {"body": "同意。", "date": "2022-06-15"}}
    opening = second_opening("suggestion", record)
    assert not doubled(opening), opening
    assist = build_assist_opinion("suggestion", record, PROFILE)
    assert not doubled(assist.body[0]), assist.body[0]
    assert not doubled(assist.title), assist.title
