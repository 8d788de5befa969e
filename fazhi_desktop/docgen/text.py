"""Text as it goes on paper: cleaning what XML cannot store, heading levels, character widths.

GB/T 9704 counts in characters of the body size: a Chinese character is one, a half-width digit
or Latin letter half of one. Widths here are in those units (em), for indents and alignment.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

# XML 1.0 forbids C0 controls other than tab/newline/CR, lone surrogates and U+FFFE/U+FFFF.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")

_CN_NUM = "一二三四五六七八九十百零〇"
HEADING_PATTERNS = (
    (1, re.compile(rf"^[{_CN_NUM}]+、")),
    (2, re.compile(rf"^[（(][{_CN_NUM}]+[）)]")),
    (3, re.compile(r"^\d+[.．、](?!\d)")),
    (4, re.compile(r"^[（(]\d+[）)]")),
)


def clean(text: Optional[str], where: str, warnings: list) -> str:
    """The text without characters Word cannot store; a warning names the element."""
    if not text:
        return ""
    text = str(text).replace("\r\n", "\n").replace("\r", "\n")
    cleaned, count = _FORBIDDEN.subn("", text)
    if count:
        warnings.append(f"{where}中有{count}个无法保存到Word文档的控制字符，已删除。")
    return cleaned


def heading_level(text: str) -> int:
    """1-4 for "一、", "（一）", "1.", "（1）" at the start of a paragraph; 0 for plain text."""
    for level, pattern in HEADING_PATTERNS:
        if pattern.match(text):
            return level
    return 0


def split_heading(text: str) -> tuple:
    """A heading that runs into its paragraph: (heading up to the first 。, the rest)."""
    pos = text.find("。")
    if pos < 0 or pos == len(text) - 1:
        return text, ""
    return text[:pos + 1], text[pos + 1:]


def char_width(ch: str) -> float:
    """Width in em: 1 for full-width characters, 0.5 for half-width ones."""
    if ch in "“”‘’—…·":  # set in the East Asian font (w:hint), so full width
        return 1.0
    return 1.0 if unicodedata.east_asian_width(ch) in ("W", "F", "A") else 0.5


def text_width(text: str) -> float:
    return sum(char_width(c) for c in text)


AUTOSPACE_EM = 0.25  # the gap Word and LibreOffice put between Chinese and digits/Latin


def printed_width(text: str) -> float:
    """Width in em as printed: text_width plus the automatic gaps at Chinese/Latin borders."""
    gaps = sum(1 for a, b in zip(text, text[1:])
               if (a.isascii() and a.isalnum()) != (b.isascii() and b.isalnum())
               and not (a.isspace() or b.isspace()) and char_width(a) + char_width(b) == 1.5)
    return text_width(text) + AUTOSPACE_EM * gaps


def ensure_colon(text: str) -> str:
    """An addressee ends with a full-width colon."""
    text = text.strip().rstrip(":：")
    return text + "：" if text else ""
