"""Half-width punctuation pasted into Chinese text becomes full-width, as GB/T 15834 sets it.

Replies arrive from colleagues with `,` `:` `;` `?` `!` `(` `)` typed on an English keyboard
("经研究,现答复如下:"). In Chinese text these are set full-width (，：；？！（）); next to digits
and Latin words they stay as they are: 1,000  9:30  f(x)  http://…?a=1, and the 发文字号 or case
number a clerk typed with ASCII brackets ("平湛司(2022)26号", "(2022)湛调字第15号") is left for
the clerk, since its form is the office's.

A mark is "in Chinese text" when the character next to it (spaces skipped) on either side is
Chinese: an ideograph or a full-width mark. A bracket pair is converted together, when either
bracket touches Chinese or the pair encloses some. Spaces around a converted mark are dropped
(full-width marks carry their own space).
"""
from __future__ import annotations

import re

HALF_TO_FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_ANY_HALF = re.compile(r"[,:;?!()]")
_KEEP = re.compile(
    r"(?:https?|ftp)://[!-~]*[A-Za-z0-9/#=&_%-]|www\.[!-~]*[A-Za-z0-9/#=&_%-]|[\w.+-]+@[\w-]+\.[\w.]+"  # URLs and e-mail addresses
    r"|[\u4e00-\u9fff]{1,10}[(\[]\d{4}[)\]]\d+号"  # 发文字号 with ASCII brackets
    r"|[(（]\d{4}[)）][\u4e00-\u9fff]{1,10}第?\d+号")  # case numbers


def is_chinese(ch: str) -> bool:
    """An ideograph or a full-width mark (CJK punctuation, full-width forms, “”‘’…—·)."""
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x3000 <= code <= 0x303F
            or 0xFF01 <= code <= 0xFF5E or 0x20000 <= code <= 0x2FFFF or ch in "“”‘’…—·")


def _neighbour(text: str, pos: int, step: int) -> str:
    """The nearest character from `pos` in direction `step` that is not a space ('' if none)."""
    pos += step
    while 0 <= pos < len(text) and text[pos] in " \t":
        pos += step
    return text[pos] if 0 <= pos < len(text) else ""


def _touches_chinese(text: str, pos: int) -> bool:
    return any(is_chinese(c) for c in (_neighbour(text, pos, -1), _neighbour(text, pos, 1)) if c)


def fullwidth(text: str) -> tuple:
    """(text with half-width marks in Chinese text set full-width, how many were changed)."""
    if not text or not _ANY_HALF.search(text):
        return text, 0
    protected = set()
    for m in _KEEP.finditer(text):
        protected.update(range(m.start(), m.end()))
    convert = set()
    # Brackets: matched pairs decide together.
    stack = []
    for i, ch in enumerate(text):
        if i in protected:
            continue
        if ch == "(":
            stack.append(i)
        elif ch == ")":
            if stack:
                start = stack.pop()
                inner = text[start + 1:i]
                if (_touches_chinese(text, start) or _touches_chinese(text, i)
                        or any(is_chinese(c) for c in inner)):
                    convert.update((start, i))
            elif _touches_chinese(text, i):
                convert.add(i)
    for start in stack:  # an opening bracket never closed
        if _touches_chinese(text, start):
            convert.add(start)
    for i, ch in enumerate(text):
        if ch in ",:;?!" and i not in protected and _touches_chinese(text, i):
            convert.add(i)
    if not convert:
        return text, 0
    out, after_mark = [], False
    for i, ch in enumerate(text):
        if i in convert:
            # full-width marks carry their own space: none before ，：；？！（） or after them
            while out and out[-1] in " \t":
                out.pop()
            out.append(HALF_TO_FULL[ch])
            after_mark = True
        elif ch in " \t" and after_mark:
            continue
        else:
            out.append(ch)
            after_mark = False
    return "".join(out), len(convert)


def warning(count: int) -> str:
    """The sentence for the clerk: how many marks were changed."""
    return (f"文中有{count}个半角标点（, : ; ? ! ( )）夹在中文之间，已按中文排版改为全角"
            f"（数字、英文、网址和文号中的未改动）。")
