"""What an empty reply field will read in the document, shown as placeholder text in the editor.

Display only: the document engine decides the real defaults (docgen/replies.py); these follow
interchange.md's `reply` section so that the clerk sees the same words before generating.
"""
from __future__ import annotations

import datetime as _dt

from ...core import records


def reply_placeholders(kind: str, record: dict, profile: dict) -> dict:
    """reply field -> the text shown in grey when the clerk leaves it empty."""
    word = records.item_word(kind)
    session, number = record.get("session") or "", record.get("number")
    title = record.get("title") or ""
    authors = record.get("authors") or []
    try:  # the engine's own wording when it is there, so the placeholder is what gets printed
        from ...docgen.replies import default_opening, default_title
    except ImportError:
        default_title = lambda k, r: f"对{session}第{number}号{word}的答复"  # noqa: E731
        default_opening = lambda k, r: f"您提出的关于“{title}”的{word}收悉。现答复如下："  # noqa: E731
    texts = {
        "title": default_title(kind, record) if session and number else f"对…第…号{word}的答复",
        "opening": default_opening(kind, record) if title else "",
        "addressee": f"{authors[0]}{records.people_word(kind)}" if authors else "",
        "signature": profile.get("authority_short") or profile.get("authority") or "",
        "contact_unit": profile.get("contact_unit") or "",
        "contact_phone": profile.get("contact_phone") or "",
        "contact_person": profile.get("contact_person") or "",
        "printed_by": profile.get("printed_by") or "",
        "doc_number": (f"如：{profile['doc_code']}〔{_dt.date.today().year}〕1号（留空则文号处空白）"
                       if profile.get("doc_code") else "留空则文号处空白"),
        "date": "生成时的日期",
        "printed_date": "同成文日期",
    }
    lists = {
        "signers": list(profile.get("signers") or []),
        "cc": list((profile.get("cc") or {}).get(kind) or []),
    }
    return {"texts": {k: v for k, v in texts.items() if v}, "lists": lists}
