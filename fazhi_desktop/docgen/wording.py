"""Default sentences built from record fields, worded so that no word or suffix is doubled.

A record's title is typed (or imported) as the member or deputy wrote it: "关于加强法治政府建设",
"关于加强农村人民调解组织建设的建议", "《关于…的提案》", "加强社区矫正工作。", even "关于关于…".
Real replies name it in one of three ways, and the default opening follows them:

- a full title (关于 … 的提案/的建议/建议/提案/的意见/的议案):  您提出的《关于…的建议》收悉。
- "关于X" without a suffix:                                  您提出的关于X的提案收悉。
- no 关于:                                                   您提出的关于“X”的提案收悉。

The same care goes into the other defaults: the reply's title 对{届次}第N号提案的答复 (a number
typed as "第28号" or "28号" is not doubled), the addressee 胡校丽委员 (an author typed with 委员
keeps one), and a word with its class such as 邻里纠纷. An office's own `opening` is never
touched (replies.py uses it as written).
"""
from __future__ import annotations

import re

# Suffixes that end a full title, longest first (的建议 before 建议).
TITLE_SUFFIXES = ("的建议", "的提案", "的意见", "的议案", "建议", "提案", "议案")
# Wrapping marks a clerk may paste around a title: they are the title's, not part of it.
_WRAPPERS = (("《", "》"), ("“", "”"), ('"', '"'), ("「", "」"), ("『", "』"), ("'", "'"),
             ("‘", "’"), ("〈", "〉"))
# Trailing punctuation and spaces a title does not end with.
_TRAILING = " \t\u3000。．.，,；;：:！!？?、"
# Words that already say who a person is: an author typed "胡校丽委员" is not "胡校丽委员委员".
PERSON_TITLES = ("委员", "代表", "同志", "先生", "女士", "主任", "主席")


def _wrapped(text: str, left: str, right: str) -> bool:
    """True when the whole text sits in one pair of marks ("《X》", not "《X》与《Y》")."""
    if len(text) < len(left) + len(right) or not (text.startswith(left) and text.endswith(right)):
        return False
    inner = text[len(left):-len(right)]
    return left not in inner and right not in inner


def tidy(text) -> str:
    """The text without surrounding spaces, trailing punctuation or wrapping marks."""
    text = re.sub(r"\s+", " ", str(text or "")).strip(" \u3000")
    changed = True
    while changed and text:
        changed = False
        stripped = text.rstrip(_TRAILING)
        if stripped != text:
            text, changed = stripped, True
        for left, right in _WRAPPERS:
            if _wrapped(text, left, right):
                text, changed = text[len(left):-len(right)].strip(" \u3000"), True
    return text


def _without_doubled_about(text: str) -> str:
    """"关于关于X" -> "关于X"."""
    while text.startswith("关于关于"):
        text = text[2:]
    return text


def title_suffix(title: str) -> str:
    """The suffix a full title ends with ("的建议"), or ""."""
    return next((s for s in TITLE_SUFFIXES if title.endswith(s) and len(title) > len(s)), "")


def _strip_suffixes(text: str) -> str:
    """"X的建议的建议" -> "X"."""
    while True:
        suffix = title_suffix(text)
        if not suffix:
            return text
        text = text[:-len(suffix)].rstrip(_TRAILING)
        if text.endswith("的") and not title_suffix(text):  # "的建议" alone: no stem
            text = text[:-1]


def _inner_quotes(text: str) -> str:
    """Quotation marks inside a quoted span become single ones: “加强‘枫桥经验’推广”."""
    return text.replace("“", "‘").replace("”", "’")


def _inner_book_marks(text: str) -> str:
    """Title marks inside 《》 become single ones: 《关于落实〈条例〉的建议》."""
    return text.replace("《", "〈").replace("》", "〉")


def item_phrase(title, item: str) -> str:
    """How a reply names the item it answers, after 您提出的 (item = 提案 / 建议):

    《关于…的建议》 for a full title, 关于X的提案 for "关于X", 关于“X”的提案 without 关于;
    just the item word for an empty title.
    """
    text = _without_doubled_about(tidy(title))
    if not text:
        return item
    if text.startswith("关于"):
        if title_suffix(text):
            # a title as written by its author: doubled suffixes ("的建议的建议") reduced to one
            suffix = title_suffix(text)
            return f"《{_inner_book_marks(_strip_suffixes(text) + suffix)}》"
        stem = text[2:].strip(" \u3000")
        return f"关于{stem}的{item}" if stem else item
    stem = _strip_suffixes(text)
    if not stem:
        return item
    return f"关于“{_inner_quotes(stem)}”的{item}"


def opening(title, item: str) -> str:
    """您提出的《关于…的建议》收悉。现答复如下："""
    return f"您提出的{item_phrase(title, item)}收悉。现答复如下："


def number_text(number) -> str:
    """A record's number as written between 第 and 号: "第28号" and "28号" give "28"."""
    text = tidy(number)
    if text.startswith("第"):
        text = text[1:]
    if text.endswith("号"):
        text = text[:-1]
    return text.strip()


def numbered_item(session, number, item: str) -> str:
    """区政协六届一次会议第28号提案 (no 第 … 号 without a number)."""
    session = tidy(session)
    number = number_text(number)
    if number:
        return f"{session}第{number}号{item}"
    return f"{session}{item}"


def reply_title(session, number, item: str) -> str:
    """对区政协六届一次会议第28号提案的答复"""
    return f"对{numbered_item(session, number, item)}的答复"


def person(name, word: str) -> str:
    """胡校丽委员: the name with its title, which a name typed with one keeps once."""
    text = tidy(name).rstrip("：:")
    if not text:
        return ""
    if text.endswith(PERSON_TITLES):
        return text
    return text + word


def bare_name(name) -> str:
    """欧阳娜娜 for an author typed "欧阳娜娜委员": a list under the label 提出委员 (the opinion
    form) names people, not "阿卜杜拉·买买提、欧阳娜娜委员"."""
    text = tidy(name).rstrip("：:")
    for word in ("委员", "代表"):
        if text.endswith(word) and len(text) > len(word) + 1:
            return text[:-len(word)]
    return text


def with_suffix(text, suffix: str) -> str:
    """邻里 -> 邻里纠纷; 邻里纠纷 stays (a class word that the text may already carry)."""
    text = tidy(text)
    if not text or text.endswith(suffix):
        return text
    return text + suffix
