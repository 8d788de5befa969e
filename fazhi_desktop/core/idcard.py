"""Resident ID numbers (GB 11643-1999) and phone numbers: checking and masking."""
from __future__ import annotations

import datetime as _dt
import re
from typing import Optional

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
_PHONE = re.compile(r"^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?|\d{7,8})$")


def check_digit(first17: str) -> str:
    """The 18th character for the first 17 digits (ISO 7064 MOD 11-2)."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS))
    return _CHECK[total % 11]


def id_number_problem(value: str) -> Optional[str]:
    """None for a valid 18-character ID number, else what is wrong, in Chinese."""
    text = value.strip().upper()
    if len(text) != 18:
        return f"应为18位，实为{len(text)}位"
    if not text[:17].isdigit() or not (text[17].isdigit() or text[17] == "X"):
        return "前17位应为数字，末位为数字或X"
    born = id_birth_date(text)
    if born is None:
        return "其中的出生日期不是有效日期"
    if born.year < 1900 or born > _dt.date.today():
        return f"其中的出生日期{born.isoformat()}不合理（早于1900年或晚于今天）"
    if check_digit(text[:17]) != text[17]:
        return f"校验位不正确（末位应为{check_digit(text[:17])}）"
    return None


def id_birth_date(value: str) -> Optional[_dt.date]:
    try:
        return _dt.date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return None


def phone_problem(value: str) -> Optional[str]:
    text = value.strip().replace(" ", "")
    if _PHONE.match(text):
        return None
    return "不是有效的电话号码（手机号11位，座机如0375-2818989）"


def mask_id_number(value: Optional[str]) -> str:
    """4104**********1234: the region's first four and the last four stay visible."""
    if not value:
        return ""
    text = str(value)
    if len(text) <= 8:
        return "*" * len(text)
    return text[:4] + "*" * (len(text) - 8) + text[-4:]


def mask_phone(value: Optional[str]) -> str:
    """138****5678 for a mobile; the last four stay visible on any number."""
    if not value:
        return ""
    text = str(value)
    if len(text) == 11 and text.isdigit():
        return text[:3] + "****" + text[-4:]
    if len(text) <= 4:
        return "*" * len(text)
    return "*" * (len(text) - 4) + text[-4:]
