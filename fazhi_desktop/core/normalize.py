"""One normalisation for every way data comes in: the editor, JSON (`add`, data packages) and
Excel import all turn what a clerk typed into the one canonical form before it is checked.

Canonical forms: dates `YYYY-MM-DD`, months `YYYY-MM`, integers and amounts as numbers, text
without the spaces, line breaks and invisible characters that surround it. Full-width digits
(２０２２) and other Unicode decimal digits (٢٠٢٢) count as the digits they are, so a date typed
five ways is stored one way and counts in one year, and a petition month typed two ways is one
key (the store's uniqueness and the statistics both compare the stored text).

The parsers return None (or raise nothing) when the text is not of the form: validation then
says what was expected, in Chinese, with the value as typed. The ledger importer calls the same
parsers (ledgers/values.py) and adds only what belongs to a cell (Excel serial numbers, 第28号).
"""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from typing import Optional

# Characters that are not whitespace to str.strip() but are invisible and come with pasted text.
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
# Dashes that look like the hyphen of 2022-08-08 (NFKC keeps them apart).
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe63"), "-")

_DATE = re.compile(
    r"^(\d{4})\s*(?:年|[.\-/])\s*(\d{1,2})\s*(?:月|[.\-/])\s*(\d{1,2})\s*日?"
    r"(?:\s*(?:T\s*)?\d{1,2}:\d{2}(?::\d{2})?)?$", re.ASCII)
_DATE_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$", re.ASCII)
_MONTH = re.compile(r"^(\d{4})\s*(?:年|[.\-/])\s*(\d{1,2})\s*(?:月份|月)?$", re.ASCII)
_MONTH_COMPACT = re.compile(r"^(\d{4})(\d{2})$", re.ASCII)
_INTEGER = re.compile(r"^[+-]?\d+$", re.ASCII)
_DECIMAL = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$", re.ASCII)
_GROUPED = re.compile(r"(?<=\d),(?=\d{3}(?:\D|$))", re.ASCII)  # 1,000 -> 1000, not 1,2

# Multi-line texts: a first line's indent (　　) is the clerk's, so only blank lines before and
# whitespace after are dropped.
LONG_TEXT_FIELDS = frozenset(
    ("body", "facts", "terms", "summary", "notes", "opening", "performance_method"))


def trim(text: str) -> str:
    """Surrounding spaces (also U+3000), line breaks and zero-width characters removed."""
    return text.strip().strip(_INVISIBLE).strip()


def trim_long(text: str) -> str:
    """Blank lines before the text and whitespace after it removed; the first line's indent kept."""
    text = text.strip(_INVISIBLE).rstrip()
    return re.sub(r"^(?:[ \t\u3000\u00a0]*\r?\n)+", "", text)


def ascii_digits(text: str) -> str:
    """NFKC (full-width letters, digits and punctuation to half-width), every Unicode decimal
    digit to 0-9, the look-alike dashes to '-'; the surrounding whitespace trimmed."""
    text = unicodedata.normalize("NFKC", trim(text)).translate(_DASHES)
    if text.isascii():
        return text
    return "".join(str(unicodedata.decimal(c)) if unicodedata.decimal(c, None) is not None else c
                   for c in text)


def parse_date(text) -> Optional[_dt.date]:
    """2022-8-8, 2022.8.8, 2022/8/8, 2022年8月8日, 20220808 (any digits, spaces around, a time of
    day after it) -> date; None when it is not a real calendar date in one of those forms."""
    if not isinstance(text, str):
        return None
    text = ascii_digits(text)
    match = _DATE.match(text) or _DATE_COMPACT.match(text)
    if not match:
        return None
    try:
        return _dt.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:  # 2022-02-30, year 0
        return None


def parse_month(text) -> Optional[tuple]:
    """2022-8, 2022.08, 2022/8, 2022年8月, 2022年8月份, 202208, or a whole date -> (2022, 8)."""
    if not isinstance(text, str):
        return None
    text = ascii_digits(text)
    match = _MONTH.match(text) or _MONTH_COMPACT.match(text)
    if match:
        year, month = int(match[1]), int(match[2])
        return (year, month) if 1 <= month <= 12 and year >= 1 else None
    day = parse_date(text)
    return (day.year, day.month) if day else None


def parse_int(text) -> Optional[int]:
    """'28', '２８', ' 1,000 ', '1 000' -> the integer; None otherwise (also for '2.5')."""
    if not isinstance(text, str):
        return None
    text = _GROUPED.sub("", re.sub(r"\s+", "", ascii_digits(text)))
    return int(text) if _INTEGER.match(text) else None


def parse_amount(text) -> Optional[float]:
    """An amount of money as typed: '12000', '1,200.50', '￥3000', '3000元', '1.2万' -> a number
    (int when whole, else rounded to the fen); None when it is not one."""
    if not isinstance(text, str):
        return None
    text = re.sub(r"\s+", "", ascii_digits(text)).replace("¥", "").replace("￥", "")
    text = _GROUPED.sub("", text)
    scale = 1
    if text.endswith("元"):
        text = text[:-1]
    if text.endswith("万"):
        text, scale = text[:-1], 10000
    if not _DECIMAL.match(text):
        return None
    value = float(text) * scale
    return int(value) if value.is_integer() else round(value, 2)


def canonical_date(value):
    """The stored form of a date value: 'YYYY-MM-DD' when it is a date in any accepted form,
    else the value unchanged (validation then refuses it, showing it as typed)."""
    day = parse_date(value)
    return day.isoformat() if day else value


def canonical_month(value):
    month = parse_month(value)
    return f"{month[0]:04d}-{month[1]:02d}" if month else value


def canonical_int(value):
    parsed = parse_int(value)
    return value if parsed is None else parsed


def canonical_number(value):
    parsed = parse_amount(value)
    return value if parsed is None else parsed


def canonical_text(value, *, long: bool = False):
    if not isinstance(value, str):
        return value
    return trim_long(value) if long else trim(value)


def canonical_code(value):
    """ID numbers and phones: half-width, no spaces inside (410402 1980 0101 1234), x -> X."""
    if not isinstance(value, str):
        return value
    return re.sub(r"\s+", "", ascii_digits(value)).upper()


def _canonical(fld, value):
    t = fld.type
    if t == "date":
        return canonical_date(value)
    if t == "month":
        return canonical_month(value)
    if t == "int":
        return canonical_int(value)
    if t == "number":
        return canonical_number(value)
    if t in ("id_number", "phone"):
        return canonical_code(value)
    if t in ("str", "enum"):
        return canonical_text(value, long=fld.name in LONG_TEXT_FIELDS)
    if t == "list_str" and isinstance(value, list):
        items = [trim(v) if isinstance(v, str) else v for v in value]
        return [v for v in items if v != ""]
    if t == "obj" and isinstance(value, dict):
        normalize_fields(fld.children, value)
    elif t == "list_obj" and isinstance(value, list):
        for item in value:
            if isinstance(item, dict):
                normalize_fields(fld.children, item)
    return value


def normalize_fields(fields, data: dict) -> dict:
    """Bring every known field of `data` to its canonical form, in place; unknown keys are left
    alone. A text that is empty once trimmed becomes absent (None), as an empty editor field."""
    for fld in fields:
        value = data.get(fld.name)
        if value is None:
            continue
        new = _canonical(fld, value)
        if isinstance(new, str) and new == "" and fld.type in ("date", "month", "enum"):
            new = None
        if new is not value:
            data[fld.name] = new
    return data


def normalize_record(kind: str, record) -> object:
    """The canonical form of one record (kind: proposal, suggestion, mediation, petition or
    'profile'), in place; anything that is not a dict is returned as it is."""
    from . import records

    if isinstance(record, dict) and kind in records.FIELDS:
        normalize_fields(records.FIELDS[kind], record)
    return record
