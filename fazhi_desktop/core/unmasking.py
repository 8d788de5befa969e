"""Showing a case's full ID numbers and phones on screen (issue 17.4): asked once per case and
editor window, and written to the 操作记录, like an export of personal data is
(docs/data-protection.md). What is shown stays the clerk's business; that it was shown is kept.
"""
from __future__ import annotations

from . import records


def unmask_question(kind: str, record: dict) -> str:
    what = records.describe_key(kind, record) if record.get("id") else "本案"
    return (f"将显示{what}全部当事人的完整身份证号码和电话。\n"
            "此次查看会记入操作记录。是否显示？")


def note_unmasked(registry, kind: str, record: dict) -> None:
    """The 操作记录 entry: who was looked at is the record; nothing of the numbers is kept."""
    what = records.describe_key(kind, record) if record.get("id") else "新登记的案件"
    registry.note("notice", kind=kind, record_id=record.get("id") or "",
                  detail={"text": f"查看了{what}当事人的完整身份证号码和电话"})
