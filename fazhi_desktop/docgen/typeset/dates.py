"""成文日期 as drafts write it: 2022年8月8日, 2022-8-8, 2022.8.8, 2022/8/8, 二〇二二年八月八日.

Qt-free. A line is a date line only when the date is all it holds (spaces aside), so a sentence
that mentions a date is never taken for the document's date.
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Optional

_CN_DIGITS = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "三": 3, "四": 4,
              "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "〇○零Ｏ一二三四五六七八九十"

_ARABIC = re.compile(r"^(\d{4})\s*(?:年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日|[-./／]\s*(\d{1,2})\s*[-./／]"
                     r"\s*(\d{1,2})\s*日?)$")
_CHINESE = re.compile(rf"^([{_CN}]{{4}})\s*年\s*([{_CN}]{{1,3}})\s*月\s*([{_CN}]{{1,3}})\s*日$")


def _ascii_digits(text: str) -> str:
    """Full-width and other Unicode decimal digits as ASCII (２０２２ -> 2022)."""
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch
                   for ch in text)


def _chinese_number(text: str) -> Optional[int]:
    """一 .. 三十一 (with 十), or digit by digit (二〇二二)."""
    if "十" in text:
        head, _, tail = text.partition("十")
        tens = _CN_DIGITS.get(head, None) if head else 1
        ones = _CN_DIGITS.get(tail, None) if tail else 0
        if tens is None or ones is None:
            return None
        return tens * 10 + ones
    value = 0
    for ch in text:
        if ch not in _CN_DIGITS:
            return None
        value = value * 10 + _CN_DIGITS[ch]
    return value


def parse_date_line(text: str) -> Optional[_dt.date]:
    """The date a line consists of, or None (also for impossible dates like 2月30日)."""
    line = _ascii_digits(re.sub(r"\s+", " ", text or "").strip())
    if not line or len(line) > 24:
        return None
    found = _ARABIC.match(line)
    if found:
        year = int(found.group(1))
        month = int(found.group(2) or found.group(4))
        day = int(found.group(3) or found.group(5))
    else:
        found = _CHINESE.match(line)
        if not found:
            return None
        year = _chinese_number(found.group(1))
        month = _chinese_number(found.group(2))
        day = _chinese_number(found.group(3))
        if None in (year, month, day):
            return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None
