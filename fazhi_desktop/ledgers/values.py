"""Cell values both ways: a record's field as an Excel cell (real dates, Chinese words, masked
personal data), and what a clerk typed in a cell back to the interchange format.

A value that cannot be understood raises ValueProblem with the reason in Chinese (what was
expected, what was found); the importer puts it on the cell it came from.
"""
from __future__ import annotations

import datetime as _dt
import math
import re
import unicodedata
from typing import Optional

from openpyxl.cell.cell import ERROR_CODES

from ..core import records
from ..core import normalize
from ..core.dates import default_due_date, parse_iso_date, parse_iso_month
from ..core.idcard import mask_id_number, mask_phone
from .columns import PARTY_ROLES, Column

# One item per line in a ledger cell: LibreOffice and Excel break a wrapped line anywhere in
# Chinese text and digit runs, so "张三、欧阳建国" could print "欧阳" and "建国" on two lines.
# The import splits on a line break as on 、.
LIST_JOIN = "\n"
_LIST_SPLIT = re.compile(r"[、,，;；/\n]+|\s{1,}")
_PARALLEL_SPLIT = re.compile(r"[、,，;；\n]")  # keeps empty places: ID numbers line up with names
# A count or a number as a ledger writes it: 第28号, 12件, 3人 (the digits go to core.normalize).
_INT_WORDS = re.compile(r"^第?(.+?)(?:号|件|次|人|批)?$")
_EXCEL_EPOCH = _dt.datetime(1899, 12, 30)


class ValueProblem(ValueError):
    """A cell that cannot be read as its column's type; str() is the reason in Chinese."""


# Extra words clerks use for each enumeration, beyond the labels in core/records.py.
SYNONYMS = {
    "status": {"待办": "pending", "未办理": "pending", "未办": "pending", "未交办": "pending",
               "在办": "in_progress", "正在办理": "in_progress", "办理中": "in_progress",
               "否": "in_progress", "未答复": "in_progress",
               "答复": "replied", "已回复": "replied", "已答复": "replied",
               "办结": "closed", "已办结": "closed", "已完成": "closed", "完成": "closed",
               "是": "closed"},
    "result_class": {"A": "A", "B": "B", "C": "C", "D": "D", "留作参考": "D",
                     "解决或基本解决": "A", "已解决": "A", "基本解决": "A", "采纳": "A",
                     "正在解决": "B", "列入计划": "B", "计划解决": "B",
                     "暂不能解决": "C", "因条件限制暂不能解决": "C"},
    "satisfaction": {"是": "satisfied", "否": "unsatisfied", "满意": "satisfied",
                     "比较满意": "basically_satisfied", "基本满意": "basically_satisfied",
                     "不满意": "unsatisfied"},
    "source": {"申请": "application", "当事人申请": "application", "主动": "initiative",
               "主动调解": "initiative", "依职权": "initiative", "诉调": "court_referral",
               "法院移送": "court_referral", "法院委托": "court_referral",
               "访调": "petition_referral", "信访移送": "petition_referral",
               "警调": "police_referral", "公安移送": "police_referral", "派出所移送": "police_referral",
               "其他": "other", "其它": "other"},
    "outcome": {"成功": "success", "调解成功": "success", "达成协议": "success",
                "不成功": "failure", "失败": "failure", "调解不成功": "failure",
                "未达成协议": "failure", "终止": "terminated", "终止调解": "terminated",
                "调解中": "pending", "在调": "pending", "未结": "pending", "正在调解": "pending"},
    "performance": {"已履行": "performed", "履行完毕": "performed", "是": "performed",
                    "部分履行": "partial", "部分": "partial", "未履行": "not_performed",
                    "否": "not_performed"},
}


def normalize_text(text: str) -> str:
    """Full-width letters and digits to half-width, spaces (also U+3000) and line breaks out."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


_ENUM_WORDS: dict = {}


def enum_words(col: Column) -> dict:
    """Every word accepted for an enum column (normalized) -> stored value (built once)."""
    cached = _ENUM_WORDS.get((col.key, col.field_name))
    if cached is not None:
        return cached
    words = {}
    for value, label in (col.choices or {}).items():
        words[normalize_text(value)] = value
        words[normalize_text(label)] = value
        words[normalize_text(re.sub(r"[（(].*?[）)]", "", label))] = value
    for word, value in SYNONYMS.get(col.field_name, {}).items():
        words[normalize_text(word)] = value
    words.update({k.lower(): v for k, v in list(words.items())})
    _ENUM_WORDS[(col.key, col.field_name)] = words
    return words


def enum_display(col: Column) -> str:
    return "、".join((col.choices or {}).values())


# ----------------------------------------------------------------- export: record -> cell
def get_path(record: dict, key: str):
    if "." in key:
        head, tail = key.split(".", 1)
        return (record.get(head) or {}).get(tail)
    return record.get(key)


def parties_of(record: dict, role: str) -> list:
    """The parties of one role; a party without a role counts as applicant if first, else
    respondent (older data)."""
    found = []
    for index, party in enumerate(record.get("parties") or []):
        party_role = party.get("role") or ("applicant" if index == 0 else "respondent")
        if party_role == role:
            found.append(party)
    return found


def short_label(col: Column, label: str) -> str:
    """"D类（留作参考）" is "D类" in a ledger column six characters wide; both import back."""
    return re.sub(r"（.*?）$", "", label) if col.field_name == "result_class" else label


def cell_value(col: Column, record: dict, *, masked: bool = True):
    """The value the ledger shows for a record in this column (None for an empty cell)."""
    head = col.key.split(".")[0]
    if col.type == "party_str":
        parties = parties_of(record, head)
        if not parties:
            return None
        values = [party.get(col.field_name) or "" for party in parties]
        if masked and col.personal:
            values = [(mask_id_number(v) if col.field_name == "id_number" else mask_phone(v))
                      for v in values]
        return LIST_JOIN.join(values) if any(values) else None
    value = get_path(record, col.key)
    if value is None and col.key == "due_date":  # the effective deadline, as the register shows
        value = default_due_date(record.get("assigned_date"))
    if value is None and col.key == "status" and "session" in record:
        value = "pending"
    if value is None or value == "" or value == []:
        return None
    if col.type == "date":
        return parse_iso_date(value) or value
    if col.type == "month":
        month = parse_iso_month(value)
        return _dt.date(month[0], month[1], 1) if month else value
    if col.type == "enum":
        return short_label(col, (col.choices or {}).get(value, value))
    if col.type == "list_str":
        return LIST_JOIN.join(value)
    return value


# ----------------------------------------------------------------- import: cell -> value
def is_blank(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def convert(col: Column, raw):
    """What a cell means for this column; None for an empty cell; ValueProblem if unreadable."""
    if is_blank(raw):
        return None
    if isinstance(raw, str) and raw.strip() in ERROR_CODES:
        raise ValueProblem(f"单元格是公式的错误值{raw.strip()}，请先在Excel或WPS中改正公式")
    converter = _CONVERTERS.get(col.type, _to_text)
    return converter(col, raw)


def _show(raw) -> str:
    if isinstance(raw, (_dt.datetime, _dt.date)):
        return raw.strftime("%Y-%m-%d")
    text = str(raw).strip()
    return f"“{text[:30]}…”" if len(text) > 30 else f"“{text}”"


def _to_text(col: Column, raw) -> str:
    if isinstance(raw, _dt.datetime):
        return raw.date().isoformat() if raw.time() == _dt.time() else raw.isoformat(" ")
    if isinstance(raw, _dt.date):
        return raw.isoformat()
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))  # a phone or case number typed as a number
    return str(raw).strip()


def _to_int(col: Column, raw) -> int:
    if isinstance(raw, bool):
        raise ValueProblem(f"应为整数，实为{_show(raw)}")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, float):
        if raw.is_integer():
            return int(raw)
        raise ValueProblem(f"应为整数，实为{raw:g}")
    match = _INT_WORDS.match(normalize_text(str(raw)))
    value = normalize.parse_int(match[1]) if match else None
    if value is not None:
        return value
    raise ValueProblem(f"应为整数（如28），实为{_show(raw)}")


def _to_number(col: Column, raw):
    if isinstance(raw, bool):
        raise ValueProblem(f"应为数字，实为{_show(raw)}")
    if isinstance(raw, (int, float)):
        value = raw
    else:
        value = normalize.parse_amount(str(raw))
        if value is None:
            raise ValueProblem(f"应为数字（如12000或1.2万），实为{_show(raw)}")
    if not math.isfinite(value):
        raise ValueProblem(f"应为数字，实为{_show(raw)}")
    return int(value) if float(value).is_integer() else round(float(value), 2)


def parse_date_text(text: str) -> Optional[_dt.date]:
    """The date forms clerks type: 2022年8月8日, 2022.8.8, 2022/8/8, 2022-08-08, 20220808
    (core.normalize.parse_date: the same forms the editor and JSON accept)."""
    return normalize.parse_date(text)


def _excel_serial(raw) -> Optional[_dt.date]:
    """A date cell whose number format was lost reads as a serial number (44781 = 2022-08-08)."""
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 20000 <= raw <= 80000:
        return (_EXCEL_EPOCH + _dt.timedelta(days=int(raw))).date()
    return None


def _to_date(col: Column, raw) -> str:
    if isinstance(raw, _dt.datetime):
        return raw.date().isoformat()
    if isinstance(raw, _dt.date):
        return raw.isoformat()
    day = _excel_serial(raw) or (parse_date_text(str(raw)) if isinstance(raw, str) else None)
    if day is None:
        raise ValueProblem(f"不是有效日期，实为{_show(raw)}（应为日期，如2022年8月8日、2022-08-08、"
                           "2022.8.8或2022/8/8）")
    return day.isoformat()


def _to_month(col: Column, raw) -> str:
    if isinstance(raw, (_dt.date, _dt.datetime)):
        return f"{raw.year:04d}-{raw.month:02d}"
    day = _excel_serial(raw)
    if day:
        return f"{day.year:04d}-{day.month:02d}"
    month = normalize.parse_month(str(raw))
    if month:
        return f"{month[0]:04d}-{month[1]:02d}"
    raise ValueProblem(f"不是有效月份，实为{_show(raw)}（应为月份，如2022年8月或2022-08）")


def _to_enum(col: Column, raw) -> str:
    text = normalize_text(_to_text(col, raw))
    words = enum_words(col)
    value = words.get(text) or words.get(text.lower())
    if value is None and text.endswith("类"):
        value = words.get(text[:-1].upper())
    if value is None:
        raise ValueProblem(f"“{str(raw).strip()}”不是有效的{col.header}，应为{enum_display(col)}之一")
    return value


def _to_list(col: Column, raw) -> list:
    return [part for part in _LIST_SPLIT.split(_to_text(col, raw)) if part]


def _to_parallel(col: Column, raw) -> list:
    """Names split on any separator; ID numbers and phones keep empty places between 、."""
    text = _to_text(col, raw)
    if col.field_name == "name":
        return [part for part in _LIST_SPLIT.split(text) if part]
    parts = [normalize_text(part) for part in _PARALLEL_SPLIT.split(text)]
    if any("*" in part for part in parts):
        raise ValueProblem(f"{col.header}已隐去（含*号），无法导入；请填写完整号码，或使用导出时"
                           "选择了“不隐去个人信息”的台账")
    if col.field_name == "id_number":
        parts = [part.upper() for part in parts]
    return parts


_CONVERTERS = {
    "str": _to_text,
    "id_number": _to_text,
    "phone": _to_text,
    "int": _to_int,
    "number": _to_number,
    "date": _to_date,
    "month": _to_month,
    "enum": _to_enum,
    "list_str": _to_list,
    "party_str": _to_parallel,
}


# ----------------------------------------------------------------- import: values -> record
def build_record(kind: str, values: dict) -> dict:
    """A record from converted column values (key -> value, None left out)."""
    record: dict = {}
    party_values: dict = {}
    for key, value in values.items():
        if value is None or value == [] or value == "":
            continue
        head = key.split(".")[0]
        if head in PARTY_ROLES or head == "parties":
            party_values.setdefault(head, {})[key.split(".", 1)[1]] = value
        elif "." in key:
            record.setdefault(head, {})[key.split(".", 1)[1]] = value
        else:
            record[key] = value
    if kind == "mediation" and party_values:
        record["parties"] = _parties(party_values)
    if record.get("due_date") and record.get("due_date") == default_due_date(
            record.get("assigned_date")):
        del record["due_date"]  # the default deadline: left implicit, as the editor does
    if kind == "mediation" and isinstance(record.get("dispute_type"), str):
        record["dispute_type"] = _dispute_type(record["dispute_type"])
    return record


def _parties(party_values: dict) -> list:
    both = (party_values.get("parties") or {}).get("name") or []
    if both and not any((party_values.get(r) or {}).get("name") for r in PARTY_ROLES[:2]):
        party_values = dict(party_values, applicant={"name": both[:1]},
                            respondent={"name": both[1:]})
    parties = []
    for role in PARTY_ROLES:
        given = party_values.get(role) or {}
        names = given.get("name") or []
        for index, name in enumerate(names):
            party = {"role": role, "name": name}
            for field in ("id_number", "phone"):
                column = given.get(field) or []
                if index < len(column) and column[index]:
                    party[field] = column[index]
            parties.append(party)
    return parties


def _dispute_type(text: str) -> str:
    """婚姻家庭纠纷 -> 婚姻家庭: the app's categories, so the statistics count it."""
    stripped = text[:-2] if text.endswith("纠纷") else text
    return stripped if stripped in records.DISPUTE_TYPES else text

