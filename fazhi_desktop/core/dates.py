"""Dates as the registers keep them: ISO text in storage, Chinese forms on paper."""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from typing import Optional

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def parse_iso_date(text: str) -> Optional[_dt.date]:
    """'2022-08-08' -> date; None when the text is not a real date in that form."""
    m = _ISO_DATE.match(text.strip()) if isinstance(text, str) else None
    if not m:
        return None
    try:
        return _dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_iso_month(text: str) -> Optional[tuple[int, int]]:
    m = _ISO_MONTH.match(text.strip()) if isinstance(text, str) else None
    if not m or not 1 <= int(m[2]) <= 12:
        return None
    return int(m[1]), int(m[2])


def add_months(day: _dt.date, months: int) -> _dt.date:
    """Calendar months later, clamped to the month's end (11-30 + 3 months = 2-28/29)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return _dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def default_due_date(assigned: str) -> Optional[str]:
    """The reply is due three months after assignment (domain.md)."""
    day = parse_iso_date(assigned) if assigned else None
    return add_months(day, 3).isoformat() if day else None


def chinese_date(value) -> str:
    """2022-08-08 -> 2022年8月8日 (GB/T 9704: arabic digits, full year, no leading zeros)."""
    day = value if isinstance(value, _dt.date) else parse_iso_date(value or "")
    if day is None:
        return ""
    return f"{day.year}年{day.month}月{day.day}日"


def today() -> _dt.date:
    return _dt.date.today()


def now_iso() -> str:
    """A timestamp for created_at/updated_at: local time with offset, to the second."""
    return _dt.datetime.now().astimezone().isoformat(timespec="seconds")
