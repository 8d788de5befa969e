"""How a sentence names a proposal or suggestion by its title, without doubling 关于 or the suffix.

Real replies write 《关于…的建议》 when the title is a full 关于…的提案/建议 title, 关于X的提案 when it
reads "关于X", and 关于“X”的提案 only when it has no 关于 (shared rule of issue 13.1). The 再次答复
and the 会办意见 use this module; the rule itself is docgen/wording.py's, the one the reply's
default opening follows, so that a title such as “加强社区矫正工作提案” or “建设法治文化带的建议。”
is named the same way, once, in every document (a second copy of the rule here had printed
关于“加强社区矫正工作提案”的提案).
"""
from __future__ import annotations

from ..core import records
from . import wording


def title_phrase(kind: str, title: str) -> str:
    """《关于加强…的建议》 / 关于加强…的提案 / 关于“加强…”的提案."""
    return wording.item_phrase(title, records.item_word(kind))


def number_phrase(kind: str, record: dict) -> str:
    """区政协六届一次会议第28号提案."""
    return wording.numbered_item(record.get("session"), record.get("number"),
                                 records.item_word(kind))
