"""Default sentences built from record fields never double a word or a suffix (issue 13, 1)."""
from __future__ import annotations

import re

import pytest

from fazhi_desktop.docgen import wording
from fazhi_desktop.docgen.replies import build_reply, reply_defaults

PROFILE = {"authority": "平顶山市湛河区司法局", "authority_short": "湛河区司法局",
           "signers": ["杨晓伟"]}

# title as typed -> what follows 您提出的 in a proposal reply
OPENINGS = [
    ("关于加强农村人民调解组织建设的建议", "《关于加强农村人民调解组织建设的建议》"),
    ("关于加强法治政府建设的提案", "《关于加强法治政府建设的提案》"),
    ("关于加强法治政府建设", "关于加强法治政府建设的提案"),
    ("加强社区矫正工作", "关于“加强社区矫正工作”的提案"),
    ("加强社区矫正工作的建议", "关于“加强社区矫正工作”的提案"),
    ("加强社区矫正工作提案", "关于“加强社区矫正工作”的提案"),
    ("关于规范执法的意见", "《关于规范执法的意见》"),
    ("关于规范执法的议案", "《关于规范执法的议案》"),
    ("关于规范执法建议", "《关于规范执法建议》"),
    ("  关于加强法治政府建设的建议。 ", "《关于加强法治政府建设的建议》"),
    ("关于加强法治政府建设，", "关于加强法治政府建设的提案"),
    ("《关于加强法治政府建设的建议》", "《关于加强法治政府建设的建议》"),
    ("“加强社区矫正工作”", "关于“加强社区矫正工作”的提案"),
    ("加强“枫桥经验”推广", "关于“加强‘枫桥经验’推广”的提案"),
    ("关于落实《人民调解法》的建议", "《关于落实〈人民调解法〉的建议》"),
    ("关于关于加强法治政府建设", "关于加强法治政府建设的提案"),
    ("关于加强法治政府建设的建议的建议", "《关于加强法治政府建设的建议》"),
    ("法", "关于“法”的提案"),
    ("", "提案"),
    ("关于", "提案"),
]


@pytest.mark.parametrize("title,phrase", OPENINGS)
def test_default_opening_names_the_title_as_real_replies_do(title, phrase):
    record = {"session": "区政协六届一次会议", "number": 28, "title": title, "authors": ["胡校丽"],
              "reply": {"body": "正文。"}}
    opening = reply_defaults("proposal", record, PROFILE)["opening"]
    assert opening == f"您提出的{phrase}收悉。现答复如下："
    assert_nothing_doubled(opening)


def test_a_very_long_title_is_named_whole_and_once():
    title = "关于" + "进一步加强和改进新时代基层人民调解组织规范化建设" * 6 + "的建议"
    opening = wording.opening(title, "建议")
    assert opening == f"您提出的《{title}》收悉。现答复如下："
    assert opening.count("关于") == 1 and opening.count("建议") == 1


def test_suggestion_title_without_about_takes_the_suggestion_word():
    assert wording.opening("加强调解", "建议") == "您提出的关于“加强调解”的建议收悉。现答复如下："


@pytest.mark.parametrize("number", [28, "28", "第28号", "28号", " 第28号 "])
def test_reply_title_never_doubles_di_or_hao(number):
    record = {"session": "区政协六届一次会议", "number": number, "title": "关于X"}
    assert reply_defaults("proposal", record, PROFILE)["title"] == "对区政协六届一次会议第28号提案的答复"


@pytest.mark.parametrize("author,addressee", [("胡校丽", "胡校丽委员"), ("胡校丽委员", "胡校丽委员"),
                                              (" 胡校丽 ", "胡校丽委员"), ("胡校丽委员：", "胡校丽委员")])
def test_addressee_takes_the_title_word_once(author, addressee):
    record = {"session": "区政协六届一次会议", "number": 1, "title": "关于X", "authors": [author]}
    assert reply_defaults("proposal", record, PROFILE)["addressee"] == addressee


def test_co_signer_copy_is_addressed_once():
    record = {"session": "区人大十届一次会议", "number": 3, "title": "关于X的建议",
              "authors": ["李明代表", "王芳"], "reply": {"body": "正文。", "date": "2022-08-08"}}
    doc, _ = build_reply("suggestion", record, PROFILE, signer="李明代表")
    assert doc.addressee == "李明代表"
    doc, _ = build_reply("suggestion", record, PROFILE, signer="王芳")
    assert doc.addressee == "王芳代表"
    assert doc.body[0] == "您提出的《关于X的建议》收悉。现答复如下："


def test_an_office_opening_is_printed_as_written():
    record = {"session": "区政协六届一次会议", "number": 1, "title": "关于X的提案", "authors": ["甲"],
              "reply": {"body": "正文。", "date": "2022-08-08",
                        "opening": "您提出的关于“关于X的提案”的提案收悉"}}
    doc, _ = build_reply("proposal", record, PROFILE)
    assert doc.body[0] == "您提出的关于“关于X的提案”的提案收悉"


def test_class_word_is_added_once():
    assert wording.with_suffix("邻里", "纠纷") == "邻里纠纷"
    assert wording.with_suffix("邻里纠纷", "纠纷") == "邻里纠纷"


DOUBLED = re.compile(r"关于[“《]?关于|(的?(?:提案|建议|议案|意见))[》”]?\1|第第|号号|委员委员|代表代表|纠纷纠纷")


def assert_nothing_doubled(text: str) -> None:
    """No 关于 twice in a row (quoted or not), no suffix repeated, no 第第/号号."""
    assert not DOUBLED.search(text), text
