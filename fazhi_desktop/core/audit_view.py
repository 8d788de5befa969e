"""The audit trail as a clerk reads it: entry summaries and what each change changed.

Qt-free, shared by the 操作记录 page and the editor's 修改记录 tab. ID numbers and phones stay
masked here as everywhere else on screen.
"""
from __future__ import annotations

from . import records
from .idcard import mask_id_number, mask_phone
from .registry import summarize


ACTION_WORDS = {"create": "新建", "update": "修改", "delete": "删除", "restore": "恢复",
                "purge": "彻底删除", "export": "导出个人信息", "notice": "系统记录",
                "merge": "数据交换", "resolve": "处理冲突"}
# Entries written by Registry.note: not a record's change; their detail's `text` says what.
NOTE_ACTIONS = ("export", "notice", "merge", "resolve")
ACTION_HINTS = {"delete": "移到回收站", "restore": "从回收站恢复", "purge": "从回收站永久删除"}
EMPTY = "（空）"


def kind_word(kind: str) -> str:
    """政协提案 / 人大建议 / … ; the office profile's changes are logged as kind 'profile',
    data packages exported and merged (core/exchange) as kind 'package'."""
    return {"profile": "单位信息", "package": "数据包"}.get(kind) or records.kind_label(kind)


def entry_summary(entry: dict) -> str:
    """The one line naming the record an audit entry is about."""
    record = entry.get("after") or entry.get("before") or {}
    if entry.get("action") in NOTE_ACTIONS:
        return str(record.get("text") or "")
    if entry["kind"] == "profile":
        return record.get("authority") or "单位信息"
    if entry["kind"] not in records.FIELDS:
        return entry.get("record_id") or ""
    return summarize(entry["kind"], record)


def _plain(value) -> str:
    """Any stored value as a clerk reads it (lists joined with 、, whole floats without .0)."""
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value)
    if isinstance(value, dict):
        return "；".join(f"{k}：{_plain(v)}" for k, v in value.items() if _plain(v))
    return str(value)


def _text(field, value) -> str:
    if value is None or value == "":
        return ""
    if field.type == "enum" and field.choices:
        return field.choices.get(value, str(value))
    if field.type == "id_number":  # personal data stays masked here as everywhere else
        return mask_id_number(str(value))
    if field.type == "phone":
        return mask_phone(str(value))
    return _plain(value)


def _flatten(fields, record: dict, prefix: str = "") -> list:
    """[(label, raw value, text)] in the form's order; nested fields as 答复件·署名, list items
    as 当事人1·姓名; keys the field list does not know are kept under their own name."""
    record = record if isinstance(record, dict) else {}
    out = []
    known = set(records.META_FIELDS) if not prefix else set()
    for f in fields:
        known.add(f.name)
        value = record.get(f.name)
        label = f"{prefix}{f.label}"
        if f.type == "obj" and f.children:
            out += _flatten(f.children, value or {}, f"{label}·")
        elif f.type == "list_obj" and f.children:
            items = value if isinstance(value, list) else []
            for i, item in enumerate(items, 1):
                if isinstance(item, dict):
                    out += _flatten(f.children, item, f"{label}{i}·")
                else:
                    out.append((f"{label}{i}", item, _plain(item)))
        else:
            out.append((label, value, _text(f, value)))
    for name, value in record.items():
        if name not in known:
            out.append((f"{prefix}{name}", value, _plain(value)))
    return out


def _fields_of(kind: str) -> tuple:
    return records.FIELDS.get(kind, ())


def changed_fields(kind: str, before, after) -> list:
    """[(label, old text, new text)] for every field whose value differs, in the form's order.

    Meta fields (id, created/updated time) are left out; an empty value reads （空）.
    """
    old = {label: (raw, text) for label, raw, text in _flatten(_fields_of(kind), before or {})}
    new = {label: (raw, text) for label, raw, text in _flatten(_fields_of(kind), after or {})}
    order = list(old) + [label for label in new if label not in old]
    if new:  # the form's order: labels of the newer version first where both have them
        order = list(new) + [label for label in old if label not in new]
    changes = []
    for label in order:
        raw_old, text_old = old.get(label, (None, ""))
        raw_new, text_new = new.get(label, (None, ""))
        if _same(raw_old, raw_new):
            continue
        if text_old == text_new:  # e.g. an ID number changed in its masked middle digits
            text_new += "（有改动，部分号码已隐去）"
        changes.append((label, text_old or EMPTY, text_new or EMPTY))
    return changes


def _same(a, b) -> bool:
    empty = (None, "", [], {})
    if a in empty and b in empty:
        return True
    return a == b


def record_lines(kind: str, record) -> list:
    """[(label, text)] of every filled-in field: a created or deleted record, readable whole."""
    return [(label, text) for label, _raw, text in _flatten(_fields_of(kind), record or {}) if text]


_EXCHANGE_META = ("office_id", "version", "merged_version", "deleted_at")  # bookkeeping, not content


def side_by_side(kind: str, left, right) -> list:
    """[(label, left text, right text, differs)] over the fields either version fills in, in the
    form's order: two versions of one record compared field by field (data-exchange conflicts)."""
    a = {label: (raw, text) for label, raw, text in _flatten(_fields_of(kind), left or {})}
    b = {label: (raw, text) for label, raw, text in _flatten(_fields_of(kind), right or {})}
    order = list(a) + [label for label in b if label not in a]
    rows = []
    for label in order:
        if label in records.META_FIELDS or label in _EXCHANGE_META:
            continue
        raw_a, text_a = a.get(label, (None, ""))
        raw_b, text_b = b.get(label, (None, ""))
        if not text_a and not text_b:
            continue
        rows.append((label, text_a or EMPTY, text_b or EMPTY, not _same(raw_a, raw_b)))
    return rows
