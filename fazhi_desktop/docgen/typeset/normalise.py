"""The only changes typesetting makes to a draft's words: punctuation and heading numbers.

Qt-free. Each change is returned as a `Change` so that the command and the window can list
them; everything else in the text stays character for character.

- Half-width , : ; ? ! ( ) . next to Chinese text become ，：；？！（）。 — but not inside runs
  of digits and Latin letters (9:30, 1,000, e.g., www.gov.cn, (a)), nor in a 发文字号.
- Heading numbers take the standard form of their level: "(一)" -> "（一）", "1、" / "1．" ->
  "1.", "(1)" -> "（1）", "一." / "一，" -> "一、".
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_CJK = r"[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef“”‘’—…·]"
_CJK_RE = re.compile(_CJK)
_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
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


def _protected_spans(text: str) -> list:
    """Spans left alone: URLs, e-mail addresses, 发文字号 with half-width brackets."""
    spans = []
    for pattern in (r"https?://\S+|www\.[\w./-]+|[\w.+-]+@[\w-]+\.[\w.]+",
                    r"[\u4e00-\u9fff]{1,10}[\[(（〔]\d{4}[\])）〕]\d+号"):
        spans += [m.span() for m in re.finditer(pattern, text)]
    return spans


def _neighbour(text: str, i: int, step: int) -> str:
    """The nearest character that is not a space, before (step -1) or after (step 1) i."""
    i += step
    while 0 <= i < len(text) and text[i] in " \t":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def full_width_punctuation(text: str) -> tuple:
    """(new text, number of marks changed): half-width marks touching Chinese text."""
    protected = _protected_spans(text)
    chars = list(text)
    changed = 0
    open_paren = []  # positions of "(" waiting for their ")"
    for i, ch in enumerate(text):
        if ch not in _FULL or any(a <= i < b for a, b in protected):
            continue
        before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
        if ch == "(":
            open_paren.append(i)
        elif ch == ")":
            if open_paren:
                start = open_paren.pop()
                outer = (_neighbour(text, start, -1), after)
                if _CJK_RE.search(text[start + 1:i]) or any(_is_cjk(c) for c in outer):
                    chars[start], chars[i] = "（", "）"
                    changed += 2
        elif ch == ".":
            # A full stop only right after Chinese text, at the end or before more of it; at the
            # end of a Chinese paragraph also after a number (电话：2818989.).
            prev = text[i - 1] if i else ""
            ends_chinese = not after and prev.isdigit() and _CJK_RE.search(text)
            if (_is_cjk(prev) and (not after or _is_cjk(after))) or ends_chinese:
                chars[i] = "。"
                changed += 1
        elif ch in ":," and text[i - 1:i].isdigit() and text[i + 1:i + 2].isdigit():
            continue  # 9:30, 1,000
        elif _is_cjk(before) or _is_cjk(after):
            chars[i] = _FULL[ch]
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
