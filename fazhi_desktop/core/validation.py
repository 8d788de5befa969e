"""Checking records against interchange.md, with messages that say where and what, in Chinese.

The same checks serve the command line (a JSON file), the GUI's editor (one record, inline) and
the Excel import (a row), so a clerk reads the same words wherever data is refused.

Before checking, every record is brought to its canonical form in place (core/normalize.py:
dates, months, numbers, trimmed text), so what passes is what gets stored. Besides the field
rules, a record is refused when it holds what the store cannot keep: numbers beyond
MAX_NUMBER, dates outside core/years.py's range, text with characters UTF-8 cannot encode
(a lone surrogate such as JSON's "\\udc80"), or nesting deeper than MAX_DEPTH.
"""
from __future__ import annotations

import math
import re
from typing import Iterable, Optional

from . import records
from .dates import parse_iso_date, parse_iso_month
from .normalize import normalize_record
from .years import FIRST_YEAR, LAST_YEAR
from .idcard import id_birth_date, id_number_problem, phone_problem
from .records import Field

_TYPE_WORDS = {
    "str": "文字",
    "int": "整数",
    "number": "数字",
    "date": "日期（YYYY-MM-DD）",
    "month": "月份（YYYY-MM）",
    "list_str": "文字列表",
    "list_obj": "列表",
    "obj": "对象",
    "enum": "规定的取值",
    "id_number": "身份证号码",
    "phone": "电话号码",
}

# The largest number a field takes: a trillion yuan covers every amount, and it stays far from
# SQLite's 64-bit integers and from where a float stops counting whole yuan exactly.
MAX_NUMBER = 999_999_999_999
# Records are a few levels deep (a case, its parties, a party's fields); anything much deeper is
# not a record, and Python's JSON writer would run out of stack on it.
MAX_DEPTH = 32


def _field_problem(fld: Field, value, path: str, problems: list, record: dict) -> None:
    """Append a problem for one present (non-null) value of a field."""
    where = f"{path}“{fld.label}”（{fld.name}）"
    t = fld.type
    if t in ("str", "id_number", "phone"):
        if not isinstance(value, str):
            problems.append(f"{where}：应为文字，实为{_show(value)}")
            return
        if fld.required and not value.strip():
            problems.append(f"{where}：必填，不能为空")
        elif t == "id_number" and value.strip():
            bad = id_number_problem(value)
            if bad:
                problems.append(f"{where}：身份证号码{value}{bad}")
            else:
                given = record.get("birth_date")
                born = id_birth_date(value.strip())
                if isinstance(given, str) and parse_iso_date(given) and born and born.isoformat() != given:
                    problems.append(
                        f"{where}：身份证号码中的出生日期{born.isoformat()}与出生日期{given}不一致")
        elif t == "phone" and value.strip():
            bad = phone_problem(value)
            if bad:
                problems.append(f"{where}：“{value}”{bad}")
    elif t in ("int", "number"):
        ok = isinstance(value, int) and not isinstance(value, bool)
        if t == "number":
            ok = ok or (isinstance(value, float) and math.isfinite(value))
        if not ok:
            problems.append(f"{where}：应为{_TYPE_WORDS[t]}，实为{_show(value)}")
        elif fld.minimum is not None and value < fld.minimum:
            problems.append(f"{where}：应不小于{_num(fld.minimum)}，实为{_show(value)}")
        elif abs(value) > MAX_NUMBER:
            problems.append(f"{where}：数值过大，应不大于{MAX_NUMBER}，实为{_show(value)}")
    elif t == "date":
        day = parse_iso_date(value) if isinstance(value, str) else None
        if day is None:
            problems.append(f"{where}：不是有效日期（如2022-08-08、2022.8.8或2022年8月8日），实为{_show(value)}")
        elif not FIRST_YEAR <= day.year <= LAST_YEAR:
            problems.append(f"{where}：日期{value}超出可用范围（{FIRST_YEAR}年至{LAST_YEAR}年）")
    elif t == "month":
        month = parse_iso_month(value) if isinstance(value, str) else None
        if month is None:
            problems.append(f"{where}：不是有效月份（应为YYYY-MM，如2022-08），实为{_show(value)}")
        elif not FIRST_YEAR <= month[0] <= LAST_YEAR:
            problems.append(f"{where}：月份{value}超出可用范围（{FIRST_YEAR}年至{LAST_YEAR}年）")
    elif t == "enum":
        if not isinstance(value, str) or value not in fld.choices:
            allowed = "、".join(f"{k}（{v}）" for k, v in fld.choices.items())
            problems.append(f"{where}：取值{_show(value)}无效，应为{allowed}之一")
    elif t == "list_str":
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            problems.append(f"{where}：应为文字列表，如[\"张三\", \"李四\"]，实为{_show(value)}")
        elif fld.non_empty and not [v for v in value if v.strip()]:
            problems.append(f"{where}：必填，至少一项")
    elif t == "obj":
        if not isinstance(value, dict):
            problems.append(f"{where}：应为对象（{{…}}），实为{_show(value)}")
        else:
            _check_fields(fld.children, value, f"{path}“{fld.label}”中", problems)
    elif t == "list_obj":
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            problems.append(f"{where}：应为对象列表（[{{…}}, …]），实为{_show(value)}")
        else:
            for i, item in enumerate(value, 1):
                _check_fields(fld.children, item, f"{path}“{fld.label}”第{i}项", problems)


def _check_fields(fields: Iterable[Field], data: dict, path: str, problems: list) -> None:
    for fld in fields:
        value = data.get(fld.name)
        if value is None:
            if fld.required:
                problems.append(f"{path}缺少必填项“{fld.label}”（{fld.name}）")
            continue
        _field_problem(fld, value, path, problems, data)


def _show(value) -> str:
    if isinstance(value, str):
        value = _printable(value)
        return f"“{value}”" if len(value) <= 30 else f"“{value[:30]}…”"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) > 10 ** 15:
        return f"{len(str(abs(value)))}位数"
    if isinstance(value, float) and abs(value) > 10 ** 15:
        return "极大的数"
    if value is None:
        return "空值"
    if isinstance(value, bool):
        return "是/否值"
    if isinstance(value, (list, dict)):
        return "列表" if isinstance(value, list) else "对象"
    return str(value)


def _printable(text: str) -> str:
    """The text with what cannot be printed or stored (lone surrogates) shown as \\udc80."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _storable_problems(value, where: str, problems: list,
                       labels: Optional[dict] = None) -> None:
    """Text UTF-8 cannot encode, numbers that are not finite and nesting too deep, anywhere in a
    record (unknown keys too); `labels` names the record's own fields in Chinese. The place is
    put into words only for a problem found (the walk runs for every imported row)."""
    found: list = []
    _unstorable(value, (), found, 0)
    for path, problem in found:
        words = []
        for depth, step in enumerate(path):
            if isinstance(step, int):
                words.append(f"第{step}项：")
            else:
                name = _printable(str(step))
                label = labels.get(step) if labels and depth == 0 and isinstance(step, str) else None
                words.append(f"“{label}”（{name}）：" if label else f"“{name}”：")
        problems.append(f"{where}{''.join(words)}{problem}")


def _unstorable(value, path: tuple, found: list, depth: int) -> None:
    if depth > MAX_DEPTH:
        found.append((path, f"内容嵌套过深（超过{MAX_DEPTH}层），不是有效的记录"))
        return
    if isinstance(value, str):
        bad = _unencodable_at(value)
        if bad is not None:
            found.append((path, f"文字中第{bad + 1}个字符（{_printable(value[bad])}）无法保存，"
                                "请删去或重新输入该字符"))
    elif isinstance(value, float):
        if not math.isfinite(value):
            found.append((path, "不是有效的数字（数值超出范围）"))
    elif isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and _unencodable_at(key) is not None:
                found.append((path, f"字段名“{_printable(key)}”含有无法保存的字符"))
            if isinstance(item, (str, dict, list, float)):
                _unstorable(item, path + (key,), found, depth + 1)
    elif isinstance(value, list):
        for index, item in enumerate(value, 1):
            if isinstance(item, (str, dict, list, float)):
                _unstorable(item, path + (index,), found, depth + 1)


# Lone surrogates are the only str content UTF-8 cannot encode; a search is cheaper than encoding.
_SURROGATE = re.compile("[\ud800-\udfff]")


def _unencodable_at(text: str):
    if text.isascii():
        return None
    match = _SURROGATE.search(text)
    return match.start() if match else None


def _num(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else str(x)


def record_problems(kind: str, record, position: Optional[int] = None) -> list:
    """All problems of one record; `position` (1-based) prefixes each with 第N条记录.

    The record is first normalised in place (core/normalize.py), so a caller that stores it
    after an empty answer stores the canonical form."""
    prefix = f"第{position}条记录：" if position is not None else ""
    if not isinstance(record, dict):
        return [f"{prefix}应为一个对象（{{…}}），实为{_show(record)}"]
    problems: list = []
    _storable_problems(record, prefix, problems,
                       labels={f.name: f.label for f in records.FIELDS[kind]})
    if problems:  # the field rules would only repeat the same characters
        return problems
    normalize_record(kind, record)
    rid = record.get("id")
    if rid is not None and not _is_uuid(rid):
        problems.append(f"{prefix}“记录编号”（id）：{_show(rid)}不是有效的UUID")
    _check_fields(records.FIELDS[kind], record, prefix, problems)
    if kind == "mediation" and isinstance(record.get("parties"), list):
        if len(record["parties"]) < 2:
            problems.append(f"{prefix}“当事人”（parties）：至少需要两方当事人，实为{len(record['parties'])}方")
    return problems


def _is_uuid(value) -> bool:
    if not isinstance(value, str):
        return False
    import uuid

    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True


def check_batch(kind: str, items) -> list:
    """Problems of a whole file: its form, each record, and keys repeated inside the file."""
    if kind not in records.KINDS:
        return [f"未知的记录类型“{kind}”，应为 proposal、suggestion、mediation 或 petition"]
    if not isinstance(items, list):
        return [f"文件内容应为记录列表（[{{…}}, …]），实为{_show(items)}"]
    problems: list = []
    seen_keys: dict = {}
    seen_ids: dict = {}
    for pos, item in enumerate(items, 1):
        item_problems = record_problems(kind, item, pos)
        problems.extend(item_problems)
        if item_problems or not isinstance(item, dict):
            continue
        key = records.key_of(kind, item)
        if key in seen_keys and item.get("id") is None:
            problems.append(
                f"第{pos}条记录：{records.describe_key(kind, item)}与第{seen_keys[key]}条重复")
        seen_keys.setdefault(key, pos)
        rid = item.get("id")
        if rid is not None:
            if rid in seen_ids:
                problems.append(f"第{pos}条记录：记录编号（id）与第{seen_ids[rid]}条相同")
            seen_ids.setdefault(rid, pos)
    return problems


def profile_problems(profile) -> list:
    if not isinstance(profile, dict):
        return [f"单位设置应为一个对象（{{…}}），实为{_show(profile)}"]
    problems: list = []
    _storable_problems(profile, "单位设置：", problems)
    if problems:
        return problems
    normalize_record("profile", profile)
    _check_fields(records.PROFILE_FIELDS, profile, "单位设置：", problems)
    return problems


# What a clerk reads of a problem line. The lines name a field as “label”（key） and a record by
# its id: that serves the command line and the form (gui/widgets/form.py finds the field to
# highlight by its key), but a clerk knows the field by its label and the record by its 编号.
_FIELD_KEY = re.compile(r"”（[a-z_][a-z0-9_]*）")
_RECORD_ID = re.compile(r"（id[ ：:]\s*[0-9a-fA-F-]{8,}）")
_QUOTED_UUID = re.compile(r"“[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}”")


def clerk_text(problem) -> str:
    """A problem line (or an error) without field keys or record ids (the GUI shows this)."""
    text = _FIELD_KEY.sub("”", str(problem))
    text = text.replace("如需修改原记录，请提供其记录编号", "如需修改，请在登记表中打开原记录")
    return _QUOTED_UUID.sub("", _RECORD_ID.sub("", text))
