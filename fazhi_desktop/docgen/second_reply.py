"""再次答复: the second reply to a member or deputy who answered 不满意 on the opinion form.

The rules give an unsatisfied member or deputy a second reply within one month. It is a reply
in the same red-header format, with its own title (对…第N号提案的再次答复), opening (it says the
first answer was found unsatisfactory), number, date and body, all from the record's
`second_reply` object; everything else (addressee, signers, contact, 抄送, 印发) is the first
reply's, through docgen/replies.py.
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..core import records
from ..core.errors import ValidationError
from .filenames import safe_stem
from .item_phrases import number_phrase, title_phrase
from .render import RenderResult, write_document

SECOND_KEYS = ("doc_number", "title", "opening", "body", "date")


def second_title(kind: str, record: dict) -> str:
    return f"对{number_phrase(kind, record)}的再次答复"


def second_opening(kind: str, record: dict) -> str:
    """您对我们就您提出的《关于…的提案》所作的答复表示不满意。…现再次答复如下："""
    phrase = title_phrase(kind, record.get("title", ""))
    return (f"您对我们就您提出的{phrase}所作的答复表示不满意。我们高度重视，"
            f"再次进行了认真研究。现再次答复如下：")


def second_problems(kind: str, record: dict) -> list:
    """Why no second reply can be made (Chinese), or []."""
    where = records.describe_key(kind, record)
    if record.get("satisfaction") != "unsatisfied":
        shown = records.SATISFACTION.get(record.get("satisfaction") or "", "未反馈")
        return [f"{where}的满意度为“{shown}”，只有对答复“不满意”的才需再次答复"
                f"（请先在“基本信息”中记录满意度）。"]
    second = record.get("second_reply") or {}
    if not str(second.get("body") or "").strip():
        return [f"{where}还没有再次答复的正文，请先在“再次答复”中填写。"]
    return []


def second_record(kind: str, record: dict) -> dict:
    """The record as build_reply should see it: the first reply's particulars with the second
    reply's number, title, opening, body and date (a missing date: today, with a warning)."""
    second = record.get("second_reply") or {}
    reply = dict(record.get("reply") or {})
    reply.update({"doc_number": second.get("doc_number") or "",
                  "title": (second.get("title") or "").strip() or second_title(kind, record),
                  "opening": (second.get("opening") or "").strip() or second_opening(kind, record),
                  "body": second.get("body") or "", "date": second.get("date") or None,
                  "printed_date": None, "closing": None})
    shown = dict(record)
    shown["reply"] = reply
    return shown


def render_second_reply(registry, kind: str, record_id: str, out_path, *,
                        signer: Optional[str] = None) -> RenderResult:
    from .replies import build_reply

    record = registry.get(kind, record_id)
    problems = second_problems(kind, record)
    if problems:
        raise ValidationError(problems)
    doc, warnings = build_reply(kind, second_record(kind, record), registry.profile(),
                                signer=signer)
    warnings = [w.replace("的答复未填写", "的再次答复未填写") for w in warnings]
    warnings += number_warnings(registry, kind, record)
    result = write_document(doc, Path(out_path))
    result.warnings[:0] = warnings
    return result


def number_warnings(registry, kind: str, record: dict) -> list:
    """The second reply's number: well formed, not another document's, not the first reply's."""
    from ..core.numbering import check_doc_number

    number = ((record.get("second_reply") or {}).get("doc_number") or "").strip()
    if not number:
        return []
    if number == ((record.get("reply") or {}).get("doc_number") or "").strip():
        return [f"再次答复的发文字号“{number}”与第一次答复相同，请另编一个号。"]
    return check_doc_number(registry, number, kind=kind, record_id=record.get("id"))


def second_reply_filename(kind: str, record: dict) -> str:
    second = record.get("second_reply") or {}
    return safe_stem((second.get("title") or "").strip() or second_title(kind, record)) + ".docx"
