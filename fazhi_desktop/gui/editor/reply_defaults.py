"""What an empty reply field will read in the document, shown as placeholder text in the editor.

The values are the document engine's own (docgen.replies.reply_defaults); only the wording for
what is decided at generation time (the date, the 文号) is written here.
"""
from __future__ import annotations

import datetime as _dt

from ...core import records
from ...docgen.replies import reply_defaults


def reply_placeholders(kind: str, record: dict, profile: dict) -> dict:
    """{"texts": reply field -> the text shown in grey when the clerk leaves it empty,
    "lists": signers / cc -> the names shown in grey}."""
    defaults = reply_defaults(kind, record, profile)
    texts = {key: value for key, value in defaults.items() if isinstance(value, str)}
    if not (record.get("session") and record.get("number")):  # not numbered yet: the pattern only
        texts["title"] = f"对…第…号{records.item_word(kind)}的答复"
    if not record.get("title"):
        texts["opening"] = ""
    code = profile.get("doc_code")
    texts.update(
        doc_number=(f"如：{code}〔{_dt.date.today().year}〕1号（留空则文号处空白）" if code
                    else "留空则文号处空白"),
        date="生成时的日期",
        printed_date="同成文日期",
    )
    lists = {key: defaults[key] for key in ("signers", "cc")}
    return {"texts": {k: v for k, v in texts.items() if v}, "lists": lists}
