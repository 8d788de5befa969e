"""Documents made from the same record as the reply: the opinion form (征询意见表) the member or
deputy returns, and an assisting unit's 会办意见 to the lead unit (its own number series)."""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from ..core import records
from ..core.dates import chinese_date
from ..core.errors import ValidationError
from .filenames import safe_stem
from .model import Colophon, LetterHeader, OfficialDocument, Paragraph, Signature, Table
from .render import RenderResult, write_document
from .replies import contact_line, mark_text

BOX = "□"


def opinion_form_title(kind: str) -> str:
    return "政协委员提案办理情况征询意见表" if kind == "proposal" else "人大代表建议办理情况征询意见表"


def build_opinion_form(kind: str, record: dict, profile: dict, *,
                       signer: Optional[str] = None) -> OfficialDocument:
    """The form sent with the reply: the item, the unit, and boxes for 满意/基本满意/不满意."""
    reply = record.get("reply") or {}
    item = records.item_word(kind)
    people = records.people_word(kind)
    authors = [signer] if signer else list(record.get("authors") or [])
    unit = record.get("lead_unit") or profile.get("authority_short") or profile.get("authority", "")
    ticks = "　".join(f"{BOX}{word}" for word in records.SATISFACTION.values())
    rows = [
        [f"{item}编号", f"{record.get('session', '')}第{record.get('number', '')}号"],
        [f"{item}标题", record.get("title", "")],
        [f"{people}", "、".join(authors)],
        ["承办单位", unit],
        ["答复日期", chinese_date(reply.get("date")) or ""],
        ["办理前是否沟通", f"{BOX}面商　{BOX}电话联系　{BOX}书面联系　{BOX}未联系"],
        ["对办理工作的评价", ticks],
        ["对答复内容的评价", ticks],
        ["意见和建议", "\n\n\n\n"],
        [f"{people}签名", "\n　　　　　　　　　　　　　　年　　月　　日"],
    ]
    line = contact_line(reply, profile)
    body = [Table(rows=rows, widths_mm=[44, 112], header_rows=0, size_pt=14, row_height_mm=13)]
    body.append(Paragraph(
        f"请在收到答复后十日内填写本表并寄回承办单位。{line}", level=0, indent=True))
    return OfficialDocument(title=opinion_form_title(kind), body=body, page_numbers=False,
                            fonts=dict(profile.get("fonts") or {}), required=("title",))


def assist_code(profile: dict) -> str:
    """The 机关代字 of 会办意见: the profile's `assist_code`, else 代字 + 会."""
    return (profile.get("assist_code") or "").strip() or ((profile.get("doc_code") or "") + "会")


def build_assist_opinion(kind: str, record: dict, profile: dict, *, doc_number: str = "",
                         text: Optional[str] = None,
                         date: Optional[str] = None) -> OfficialDocument:
    """会办意见: an assisting unit's view, sent to the lead unit as a 信函."""
    reply = record.get("reply") or {}
    body_text = (text if text is not None else reply.get("body") or "").strip()
    where = records.describe_key(kind, record)
    if not body_text:
        raise ValidationError([f"{where}还没有会办意见的内容，请先填写答复正文。"])
    lead = (record.get("lead_unit") or "").strip()
    if not lead:
        raise ValidationError([f"{where}未填写主办单位，无法确定会办意见的主送单位。"])
    item = records.item_word(kind)
    title = f"关于{record.get('session', '')}第{record.get('number', '')}号{item}的会办意见"
    opening = f"贵单位主办的{record.get('session', '')}第{record.get('number', '')}号{item}" \
              f"“{record.get('title', '')}”，我单位为会办单位。现将会办意见函告如下："
    authority = profile.get("authority") or ""
    return OfficialDocument(
        title=title,
        header=LetterHeader(mark=mark_text(profile, letter=True), doc_number=doc_number),
        addressee=lead, body=[opening, body_text],
        signature=Signature([profile.get("authority_short") or authority],
                            date or reply.get("date") or _dt.date.today().isoformat()),
        notes=[contact_line(reply, profile)] if contact_line(reply, profile) else [],
        colophon=Colophon(cc=[]), fonts=dict(profile.get("fonts") or {}))


def render_opinion_form(registry, kind: str, record_id: str, out_path, *,
                        signer: Optional[str] = None) -> RenderResult:
    record = registry.get(kind, record_id)
    return write_document(build_opinion_form(kind, record, registry.profile(), signer=signer),
                          out_path)


def render_assist_opinion(registry, kind: str, record_id: str, out_path, *,
                          doc_number: Optional[str] = None, year: Optional[int] = None) -> RenderResult:
    """The 会办意见 with the next number of the assist series (recorded) unless one is given."""
    from ..core import numbering

    record = registry.get(kind, record_id)
    profile = registry.profile()
    build_assist_opinion(kind, record, profile)  # refuse before a number is used up
    if doc_number is None:  # made again (a typo fixed): the number it already has
        year = year or _dt.date.today().year
        doc_number = numbering.issued_number(registry, assist_code(profile), year,
                                             kind=kind, record_id=record_id) \
            or numbering.reserve_doc_number(registry, assist_code(profile), year,
                                            kind=kind, record_id=record_id)
    return write_document(build_assist_opinion(kind, record, profile, doc_number=doc_number),
                          out_path)


def opinion_form_filename(kind: str, record: dict) -> str:
    return safe_stem(f"{record.get('session', '')}第{record.get('number', '')}号"
                     f"{records.item_word(kind)}征询意见表") + ".docx"


def assist_opinion_filename(kind: str, record: dict) -> str:
    return safe_stem(f"关于{record.get('session', '')}第{record.get('number', '')}号"
                     f"{records.item_word(kind)}的会办意见") + ".docx"
