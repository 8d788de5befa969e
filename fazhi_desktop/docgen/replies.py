"""Replies to proposals (政协提案) and suggestions (人大建议), as seed 000 carries them.

`build_reply(kind, record, profile)` is pure: the record's reply fields first, then
`reply_defaults` (the office profile, then the defaults of interchange.md), which the editor
also shows as placeholders. `render_reply` reads the record and the profile
from the registry and writes exactly `out_path`.
"""
from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Optional

from ..core import records
from ..core.errors import ValidationError
from . import wording
from .filenames import safe_stem
from .model import Colophon, FileHeader, LetterHeader, OfficialDocument, Signature
from .render import RenderResult, write_document

CLOSING_WORDS = ("感谢", "欢迎", "特此答复", "此复")


def default_title(kind: str, record: dict) -> str:
    """对区政协六届一次会议第28号提案的答复 (docgen/wording.py: nothing doubled)."""
    return wording.reply_title(record.get("session"), record.get("number"),
                               records.item_word(kind))


def reply_title(kind: str, record: dict) -> str:
    reply = record.get("reply") or {}
    return (reply.get("title") or "").strip() or default_title(kind, record)


def default_filename(kind: str, record: dict, signer: Optional[str] = None) -> str:
    """对区政协六届一次会议第28号提案的答复.docx (with the signer's name for a co-signed item)."""
    stem = reply_title(kind, record).replace("\n", "")
    if signer:
        stem += f"（{signer}）"
    return safe_stem(stem) + ".docx"


def default_opening(kind: str, record: dict) -> str:
    """By the title's shape: 您提出的《关于…的建议》收悉 / 关于X的提案 / 关于“X”的提案."""
    return wording.opening(record.get("title"), records.item_word(kind))


def addressee_of(kind: str, name) -> str:
    """胡校丽委员 (an author typed as 胡校丽委员 keeps one 委员)."""
    return wording.person(name, records.people_word(kind))


def mark_text(profile: dict, *, letter: bool) -> str:
    """The red mark: the profile's, without 文件 for a letter; the authority's name otherwise."""
    text = (profile.get("mark_text") or "").strip()
    authority = (profile.get("authority") or "").strip()
    if letter:
        text = text[:-2] if text.endswith("文件") else text
        return text or authority
    return text or (authority + "文件" if authority else "")


CONTACT_FIELDS = ("contact_unit", "contact_phone", "contact_person")


def contact_defaults(profile: dict) -> dict:
    """The office profile's contact unit, phone and person, for a document that leaves them empty."""
    return {key: profile.get(key) or "" for key in CONTACT_FIELDS}


def reply_defaults(kind: str, record: dict, profile: dict) -> dict:
    """reply field -> the value the document uses when the reply leaves it empty (lists for
    signers and cc). Not here: the date (the day of generation), printed_date (the reply's date),
    doc_number (left blank) and the closing sentence (added only when the body has none)."""
    authors = record.get("authors") or []
    authority = profile.get("authority") or ""
    return {
        "title": default_title(kind, record),
        "opening": default_opening(kind, record),
        "addressee": addressee_of(kind, authors[0]) if authors else "",
        "signature": profile.get("authority_short") or authority,
        **contact_defaults(profile),
        "printed_by": profile.get("printed_by") or (authority + "办公室" if authority else ""),
        "signers": list(profile.get("signers") or []),
        "cc": list((profile.get("cc") or {}).get(kind) or []),
    }


def contact_line(reply: dict, profile: dict) -> str:
    defaults = contact_defaults(profile)
    unit, phone, person = (reply.get(key) or defaults[key] for key in CONTACT_FIELDS)
    parts = []
    if unit or phone:
        parts.append(f"联系单位及电话：{unit} {phone}".strip())
    if person:
        parts.append(f"联系人：{person}")
    return " ".join(parts)


def build_reply(kind: str, record: dict, profile: dict, *, signer: Optional[str] = None,
                today: Optional[_dt.date] = None) -> tuple:
    """(OfficialDocument, warnings) for the reply to one record; ValidationError if it has
    no reply text."""
    if kind not in ("proposal", "suggestion"):
        raise ValidationError([f"“{records.kind_label(kind)}”没有答复件。"])
    reply = dict(record.get("reply") or {})
    where = records.describe_key(kind, record)
    if not (reply.get("body") or "").strip():
        raise ValidationError([f"{where}还没有答复正文，请先在“答复件”中填写答复内容。"])
    warnings = []
    defaults = reply_defaults(kind, record, profile)
    addressee = (reply.get("addressee") or "").strip() or defaults["addressee"]
    if signer:  # a co-signed item: each signer's own copy
        addressee = addressee_of(kind, signer)
    date = reply.get("date")
    if not date:
        date = (today or _dt.date.today()).isoformat()
        warnings.append(f"{where}的答复未填写成文日期，已使用今天的日期（{date}）。")
    letter = (profile.get("reply_format") or "file") == "letter"
    number = (reply.get("doc_number") or "").strip()
    if not number:
        warnings.append(f"{where}的答复未填写发文字号，文号处留空。")
    if letter:
        header = LetterHeader(mark=mark_text(profile, letter=True), doc_number=number)
    else:
        signers = list(reply.get("signers") or defaults["signers"])
        if not signers:
            warnings.append("未设置签发人：答复件按上行文格式需要签发人，请在单位设置或答复件中填写。")
        header = FileHeader(marks=[mark_text(profile, letter=False)], suffix="",
                            doc_number=number, signers=signers)
    result = record.get("result_class") or ""
    corner = profile.get("class_mark") == "corner"
    body = [reply.get("opening") or defaults["opening"], reply["body"]]
    closing = (reply.get("closing") or "").strip()
    last = [ln for ln in reply["body"].split("\n") if ln.strip()][-1]
    if closing:
        body.append(closing)
    elif not any(word in last for word in CLOSING_WORDS):
        body.append("感谢您对我们工作的关心和支持，欢迎继续提出宝贵意见和建议。")
    seal_image = None
    if profile.get("seal") == "image":
        path = profile.get("seal_image")
        if path and Path(path).is_file():
            seal_image = path
        else:
            warnings.append(f"电子印章图片“{path or '（未设置）'}”不存在，已留出手工盖章位置。")
    signature = Signature(
        names=[reply.get("signature") or defaults["signature"]],
        date=date, sealed=True, seal_image=seal_image)
    cc = reply.get("cc")  # an empty list is the clerk's "no 抄送"; only a missing one defaults
    colophon = Colophon(
        cc=list(defaults["cc"] if cc is None else cc),
        printed_by=reply.get("printed_by") or defaults["printed_by"],
        printed_date=reply.get("printed_date") or date)
    line = contact_line(reply, profile)
    doc = OfficialDocument(
        title=reply_title(kind, record), header=header, addressee=addressee, body=body,
        corner_mark=result if (result and corner) else "",
        above_title=f"办理结果：{result}" if (result and not corner) else "",
        signature=signature, contact=line, colophon=colophon,
        fonts=dict(profile.get("fonts") or {}))
    return doc, warnings


def render_reply(registry, kind: str, record_id: str, out_path, *,
                 signer: Optional[str] = None) -> RenderResult:
    """Write the reply of one record to exactly `out_path`."""
    record = registry.get(kind, record_id)
    if signer is not None and signer not in (record.get("authors") or []):
        raise ValidationError([f"“{signer}”不是该{records.item_word(kind)}的提出人。"])
    doc, warnings = build_reply(kind, record, registry.profile(), signer=signer)
    from ..core.numbering import check_doc_number

    number = (record.get("reply") or {}).get("doc_number") or ""
    warnings += check_doc_number(registry, number, kind=kind, record_id=record_id)
    result = write_document(doc, out_path)
    result.warnings[:0] = warnings
    return result


def render_replies_per_signer(registry, kind: str, record_id: str, folder) -> list:
    """A co-signed (联名) item: one reply per signer, named …的答复（姓名）.docx."""
    record = registry.get(kind, record_id)
    results = []
    for author in record.get("authors") or []:
        out = Path(folder) / default_filename(kind, record, signer=author)
        results.append(render_reply(registry, kind, record_id, out, signer=author))
    return results
