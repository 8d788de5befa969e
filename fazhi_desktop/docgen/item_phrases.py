"""How a sentence names a proposal or suggestion by its title, without doubling 关于 or the suffix.

Real replies write 《关于…的建议》 when the title is a full 关于…的提案/建议 title, 关于X的提案 when it
reads "关于X", and 关于“X”的提案 only when it has no 关于 (shared rule of issue 13.1; the reply's
own default opening lives in docgen/replies.py). The 再次答复 and the 会办意见 use this module.
"""
from __future__ import annotations

from ..core import records

SUFFIXES = ("提案", "建议", "意见", "议案")


def title_phrase(kind: str, title: str) -> str:
    """《关于加强…的建议》 / 关于加强…的提案 / 关于“加强…”的提案."""
    item = records.item_word(kind)
    text = (title or "").strip().strip("《》“”\"")
    if text.startswith("关于") and text.endswith(SUFFIXES):
        return f"《{text}》"
    if text.startswith("关于"):
        return f"{text}的{item}"
    return f"关于“{text}”的{item}"


def number_phrase(kind: str, record: dict) -> str:
    """区政协六届一次会议第28号提案."""
    return f"{record.get('session', '')}第{record.get('number', '')}号{records.item_word(kind)}"
