"""What making a reply changes in its record (issue 17.4).

A reply without a 成文日期 is dated the day it is made (docgen/replies.py). That date is written
back into the record, so that a copy made later (a reprint, 预览/打印 next month) carries the same
date as the one sent. The clerk is then offered to set the status to 已答复; `may_mark_replied`
says whether that question makes sense.
"""
from __future__ import annotations

import copy
from typing import Optional

from .dates import today

REPLIED = "replied"
DONE = ("replied", "closed")


def reply_date_to_use(record: dict) -> str:
    """The date the reply will carry: its own 成文日期, else today (YYYY-MM-DD)."""
    return (record.get("reply") or {}).get("date") or today().isoformat()


def keep_reply_date(registry, kind: str, record_id: str, date: str) -> Optional[dict]:
    """Write `date` as the reply's 成文日期 when the record has none; returns the stored record
    (None when nothing needed writing)."""
    record = registry.get(kind, record_id)
    if (record.get("reply") or {}).get("date"):
        return None
    changed = copy.deepcopy(record)
    changed.setdefault("reply", {})["date"] = date
    return registry.save(kind, changed)


def may_mark_replied(record: dict) -> bool:
    """True while the record is not yet 已答复 or 已办结."""
    return (record.get("status") or "pending") not in DONE


def mark_replied(registry, kind: str, record_id: str) -> dict:
    """Set the status to 已答复 (a save like any other: validated and in the 操作记录)."""
    record = copy.deepcopy(registry.get(kind, record_id))
    record["status"] = REPLIED
    return registry.save(kind, record)
