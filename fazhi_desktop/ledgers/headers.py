"""Finding the header row of a clerk's ledger and matching its headers to columns by name.

Tolerates the variants of columns.py, any column order, a title or blank rows above the header,
full-width characters, spaces and marks such as "（必填）" or "*". 序号 is a row counter when the
sheet also has a 提案号/编号 column, else it is the number.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Optional

from .columns import columns

HEADER_SEARCH_ROWS = 30
MIN_MATCHED = 2
_MARKS = re.compile(r"^[*※★●]+|[*※★●:：]+$")
_NOTE = re.compile(r"\((必填|必填项|选填|可选|必须|非必填|可不填|必选)[^)]*\)$")
_TRAILING_PAREN = re.compile(r"\([^()]*\)$")


def normalize_header(text) -> str:
    """'提案号（必填）' -> '提案号'; ' 交 办\\n日期 ' -> '交办日期'; full-width to half-width."""
    if text is None:
        return ""
    value = unicodedata.normalize("NFKC", str(text))
    value = re.sub(r"\s+", "", value)
    value = _MARKS.sub("", value)
    value = _NOTE.sub("", value)
    return _MARKS.sub("", value)


@functools.lru_cache(maxsize=None)
def _alias_index(kind: str) -> tuple[dict, dict]:
    strong, weak = {}, {}
    for col in columns(kind):
        for alias in (col.header, *col.aliases):
            strong.setdefault(normalize_header(alias), col.key)
        for alias in col.weak_aliases:
            weak.setdefault(normalize_header(alias), col.key)
    return strong, weak


def match_header(kind: str, text) -> Optional[str]:
    """The column key a header names, or None. Strong names first, then without a trailing
    parenthesis (提出人（委员） -> 提出人)."""
    strong, _weak = _alias_index(kind)
    name = normalize_header(text)
    if not name:
        return None
    if name in strong:
        return strong[name]
    bare = _TRAILING_PAREN.sub("", name)
    return strong.get(bare) if bare else None


@dataclass
class HeaderMatch:
    """Where the header is and what each column means (0-based column index -> column key)."""

    row: int  # 1-based Excel row number of the header
    headers: dict = field(default_factory=dict)  # col index -> header text as typed
    mapping: dict = field(default_factory=dict)  # col index -> column key
    duplicates: dict = field(default_factory=dict)  # col index -> key already taken

    def mapped_keys(self) -> set:
        return set(self.mapping.values())


def match_row(kind: str, cells) -> HeaderMatch:
    """Match one candidate header row (a sequence of cell values)."""
    _strong, weak = _alias_index(kind)
    result = HeaderMatch(row=0)
    weak_cells = {}
    for index, value in enumerate(cells):
        if value is None or not str(value).strip():
            continue
        result.headers[index] = str(value).strip()
        key = match_header(kind, value)
        if key is None:
            weak_key = weak.get(normalize_header(value))
            if weak_key:
                weak_cells[index] = weak_key
            continue
        if key in result.mapping.values():
            result.duplicates[index] = key
            continue
        result.mapping[index] = key
    taken = set(result.mapping.values())
    for index, key in weak_cells.items():
        if key not in taken:
            result.mapping[index] = key
            taken.add(key)
    # 序号 alone (no 编号 column): it is the number; beside 编号 it only counts rows.
    for index, key in list(result.mapping.items()):
        if key == "seq" and "number" not in taken and any(
                "序号" in c.weak_aliases for c in columns(kind) if c.key == "number"):
            result.mapping[index] = "number"
            taken.add("number")
    return result


def score(match: HeaderMatch) -> int:
    return len([k for k in match.mapping.values() if k != "seq"])


def find_header(kind: str, first_rows) -> Optional[HeaderMatch]:
    """The best header among the first rows (a list of cell tuples), or None if none is
    recognisable (fewer than MIN_MATCHED known headers)."""
    best: Optional[HeaderMatch] = None
    for number, cells in enumerate(first_rows[:HEADER_SEARCH_ROWS], 1):
        candidate = match_row(kind, cells)
        candidate.row = number
        if score(candidate) >= 1 and number >= 2:
            _add_upper_header(kind, candidate, first_rows[number - 2])
        if score(candidate) >= MIN_MATCHED and (best is None or score(candidate) > score(best)):
            best = candidate
    return best


def _add_upper_header(kind: str, match: HeaderMatch, upper) -> None:
    """Two-row headers: 案件编号 merged over both rows sits in the upper row only, above the
    lower row's 申请人 | 被申请人 under a merged 当事人. Take the upper row's names where the
    lower row is empty."""
    taken = match.mapped_keys()
    for index, value in enumerate(upper):
        if index in match.headers or value is None or not str(value).strip():
            continue
        key = match_header(kind, value)
        if key and key not in taken:
            match.headers[index] = str(value).strip()
            match.mapping[index] = key
            taken.add(key)


def missing_required(kind: str, mapping: dict) -> list:
    """Required columns that no sheet column is mapped to."""
    keys = set(mapping.values())
    if "parties.name" in keys:  # one 当事人 column names both sides
        keys |= {"applicant.name", "respondent.name"}
    return [c for c in columns(kind) if c.required and c.key not in keys]


_SESSION = re.compile(r"[区县市省]?(?:政协|人大)[一二三四五六七八九十\d]+届[一二三四五六七八九十\d]+次会议")


def session_from_title(rows_above) -> Optional[str]:
    """区政协六届一次会议 from a title such as 湛河区司法局区政协六届一次会议提案办理台账, for a
    sheet that has no 届次 column because it holds one session."""
    for cells in rows_above:
        for value in cells:
            if isinstance(value, str):
                found = _SESSION.search(normalize_header(value))
                if found:
                    return found.group(0)
    return None
