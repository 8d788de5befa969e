"""The only changes typesetting makes to a draft's words: punctuation and heading numbers.

Qt-free. Each change is returned as a `Change` so that the command and the window can list
them; everything else in the text stays character for character.

- Half-width , : ; ? ! ( ) next to Chinese text become ，：；？！（） by the engine's own rule
  (docgen/punctuation.py: not in 9:30, 1,000, a web address or a 发文字号), and a "." closing
  Chinese text becomes 。
- Heading numbers take the standard form of their level: "(一)" -> "（一）", "1、" / "1．" ->
  "1.", "(1)" -> "（1）", "一." / "一，" -> "一、".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..punctuation import fullwidth

_CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…·]"
_CJK_RE = re.compile(_CJK)
_CN_NUM = "一二三四五六七八九十"


@dataclass
class Change:
    """One kind of change in one paragraph: where (第N段), what became what, how often."""

    position: int
    before: str
    after: str
    count: int = 1

    def describe(self) -> str:
        times = f"（{self.count}处）" if self.count > 1 else ""
        return f"第{self.position}段：“{self.before}”改为“{self.after}”{times}"


def _is_cjk(ch: str) -> bool:
    return bool(ch) and bool(_CJK_RE.match(ch))


def full_width_punctuation(text: str) -> tuple:
    """(new text, number of marks changed): the engine's rule for , : ; ? ! ( )
    (docgen/punctuation.py), and a half-width full stop right after Chinese text."""
    text, changed = fullwidth(text)
    chars = list(text)
    for i, ch in enumerate(text):
        if ch != ".":
            continue
        prev = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        # 。 only at the end of Chinese text or before more of it; at a paragraph's end also
        # after a number (电话：2818989.); never in 3.5, 1. or a web address.
        ends_chinese = not after and prev.isdigit() and _CJK_RE.search(text)
        if (_is_cjk(prev) and (not after or _is_cjk(after))) or ends_chinese:
            chars[i] = "。"
            changed += 1
    return "".join(chars), changed


_HEADING_FORMS = (
    # (pattern at the paragraph's start, standard form), per level
    (re.compile(rf"^([{_CN_NUM}]+)\s*[.．，,、]\s*(?=\S)"), r"\1、"),
    (re.compile(rf"^[(（]\s*([{_CN_NUM}]+)\s*[)）]\s*"), r"（\1）"),
    (re.compile(r"^(\d{1,2})\s*[.．、]\s*(?=[^\d\s])"), r"\1."),
    (re.compile(r"^[(（]\s*(\d{1,2})\s*[)）]\s*"), r"（\1）"),
)


def standard_heading(text: str) -> tuple:
    """(text with its heading number in the standard form of its level, old number, new
    number); the same text and two empty strings when nothing changes."""
    for pattern, form in _HEADING_FORMS:
        found = pattern.match(text)
        if found:
            old = found.group(0)
            new = found.expand(form)
            if old == new:
                return text, "", ""
            return new + text[found.end():], old.strip(), new.strip()
    return text, "", ""


def normalise_paragraph(text: str, position: int, changes: list) -> str:
    """Heading number first (it may hold a half-width bracket), then punctuation."""
    text, old, new = standard_heading(text)
    if old:
        changes.append(Change(position, old, new))
    fixed, count = full_width_punctuation(text)
    if count:
        changes.append(Change(position, "半角标点", "全角标点", count))
    return fixed
