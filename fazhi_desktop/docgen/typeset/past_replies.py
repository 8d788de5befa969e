"""往年答复件入库: replies an office sent in earlier years (.docx) become register records.

Qt-free. Each file is read by the typesetting recogniser; from its parts come 届次 and 编号 (the
reply's title: 对区政协六届一次会议第28号提案的答复), the item's own title (the opening: 您提出的
《关于…的提案》 / 关于“X”的提案 / 关于X的提案), the member or deputy (the 主送: 胡校丽委员), the
发文字号 and 签发人, the body, 署名, 成文日期, the contact line, 抄送 and 印发. A file whose item
already is in the register (same 届次 and 编号) gives that record its reply; the others become new
records marked 已答复. All records land in one transaction or none does. The 发文字号 series
learn the numbers used because the records carry them (core/numbering.py reads them).
"""
from __future__ import annotations

import copy
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ...core.errors import FazhiError, ValidationError
from .reading import read_draft
from .recognise import assemble, recognise

KIND_WORDS = {"proposal": "提案", "suggestion": "建议"}
_ITEM = re.compile(r"(?:关于)?对?\s*(?P<session>\S*?(?:政协|人大|人民代表大会)\S*?会议)\s*(?:上\s*)?"
                   r"第\s*(?P<number>\d{1,4})\s*号\s*(?P<word>提案|建议|议案|意见)")
_OPENING = re.compile(r"^您(?:们)?(?:提出|领衔提出|联名提出)的")
_TITLE_FORMS = (
    re.compile(r"《(?P<t>关于.+?)》"),
    re.compile(r"关于“(?P<t>.+?)”的(?:提案|建议)"),
    re.compile(r"(?P<t>关于.+?)的(?:提案|建议)(?:收悉|已收悉)"),
)
_ADDRESSEE_SUFFIX = re.compile(r"(委员|代表|同志|先生|女士)?\s*[:：]?$")
_PHONE = re.compile(r"(?:电话)?[:：]?\s*(\d[\d\- ]{5,})")


@dataclass
class PastReply:
    """One file's outcome: the record to write (or why not)."""

    path: Path
    kind: Optional[str] = None
    record: Optional[dict] = None
    existing_id: Optional[str] = None
    problems: list = field(default_factory=list)
    recognised: list = field(default_factory=list)  # Chinese lines: what was read

    @property
    def ok(self) -> bool:
        return not self.problems and self.record is not None


def read_past_reply(path, *, kind: Optional[str] = None) -> PastReply:
    """Recognise one reply document; problems (Chinese) instead of an exception."""
    path = Path(path)
    outcome = PastReply(path=path)
    try:
        with tempfile.TemporaryDirectory(prefix="fazhi-past-") as work:
            draft = read_draft(path, Path(work))
            # stored as sent: no punctuation changes (the engine sets them when printing)
            parts = assemble(recognise(draft))
    except FazhiError as exc:
        outcome.problems.append(str(exc))
        return outcome
    found = _ITEM.search(parts.title) or _ITEM.search(" ".join(b.text for b in parts.body[:2]
                                                               if b.kind == "text"))
    if not found:
        outcome.problems.append("没有从标题中找到届次和编号（应如“对区政协六届一次会议第28号提案的答复”）。")
        return outcome
    word = found.group("word")
    detected = "proposal" if word == "提案" or "政协" in found.group("session") else "suggestion"
    if kind and kind != detected:
        outcome.problems.append(f"这是一份{KIND_WORDS[detected]}的答复，不是{KIND_WORDS[kind]}的答复。")
        return outcome
    outcome.kind = detected
    session = re.sub(r"\s+", "", found.group("session")).lstrip("对")
    number = int(found.group("number"))
    texts = [b.text for b in parts.body if b.kind == "text"]
    opening = texts[0] if texts and _OPENING.match(texts[0]) else ""
    body = texts[1:] if opening else texts
    item_title = _item_title(opening) or parts.title
    authors = _authors(parts.addressee)
    if not authors:
        outcome.problems.append("没有找到主送（委员或代表的姓名）。")
        return outcome
    if not body:
        outcome.problems.append("没有找到答复正文。")
        return outcome
    reply = {"addressee": parts.addressee.rstrip("：:"), "body": "\n".join(body)}
    record = {"session": session, "number": number, "title": item_title, "authors": authors,
              "status": "replied", "reply": reply}
    # Title and opening only where they are not what the app would print anyway.
    from ..replies import default_opening, default_title

    if _bare(parts.title) != _bare(default_title(detected, record)):
        reply["title"] = parts.title
    if opening and _bare(opening) != _bare(default_opening(detected, record)):
        reply["opening"] = opening
    if parts.doc_number:
        reply["doc_number"] = parts.doc_number
    if parts.signers:
        reply["signers"] = list(parts.signers)
    if parts.signature:
        reply["signature"] = "、".join(parts.signature)
    if parts.date_iso:
        reply["date"] = parts.date_iso
    reply.update(_contact(parts.notes))
    if parts.cc:
        reply["cc"] = list(parts.cc)
    if parts.printed_by:
        reply["printed_by"] = parts.printed_by
    if parts.printed_date_iso:
        reply["printed_date"] = parts.printed_date_iso
    result_class = re.search(r"[A-DＡ-Ｄ]", parts.above_title or "")
    if result_class:
        record["result_class"] = "ABCD"["ABCDＡＢＣＤ".index(result_class.group(0)) % 4]
    outcome.record = record
    outcome.recognised = [f"{session}第{number}号{KIND_WORDS[detected]}", f"“{item_title}”",
                          "、".join(authors), parts.doc_number or "无发文字号",
                          parts.date_text or "无成文日期"]
    return outcome


def _bare(text: str) -> str:
    return re.sub(r"\s+", "", text or "")


def _item_title(opening: str) -> str:
    for pattern in _TITLE_FORMS:
        found = pattern.search(opening)
        if found:
            return found.group("t").strip()
    return ""


def _authors(addressee: str) -> list:
    text = _ADDRESSEE_SUFFIX.sub("", (addressee or "").strip())
    return [name for name in re.split(r"[、，,\s]+", text) if name]


def _contact(notes: list) -> dict:
    """联系单位及电话：湛河区司法局 2818989 联系人：王丙寅 -> the reply's contact fields."""
    found: dict = {}
    for note in notes:
        unit = re.search(r"联系单位(?:及电话)?[:：]\s*(\S+)", note)
        person = re.search(r"联系人[:：]\s*([^\s，,；;]+)", note)
        phone = _PHONE.search(note[note.find("电话"):] if "电话" in note else "")
        if unit:
            found["contact_unit"] = unit.group(1)
        if person:
            found["contact_person"] = person.group(1)
        if phone:
            found["contact_phone"] = phone.group(1).strip()
    return found


@dataclass
class ImportPlan:
    """What a folder holds: records to add or give a reply, and files that could not be read."""

    folder: Path
    readable: list  # PastReply
    unreadable: list  # PastReply


def plan_folder(registry, folder, *, kind: Optional[str] = None) -> ImportPlan:
    """Read every .docx in the folder and match it against the registers (writes nothing)."""
    folder = Path(folder)
    files = sorted(p for p in folder.iterdir()
                   if p.is_file() and p.suffix.lower() == ".docx" and not p.name.startswith("~$"))
    readable, unreadable, seen = [], [], {}
    for path in files:
        outcome = read_past_reply(path, kind=kind)
        if outcome.ok:
            key = (outcome.kind, outcome.record["session"], outcome.record["number"])
            if key in seen:
                outcome.problems.append(f"与“{seen[key]}”是同一件（届次和编号相同），未重复导入。")
            else:
                seen[key] = path.name
                _match_existing(registry, outcome)
        (readable if outcome.ok else unreadable).append(outcome)
    return ImportPlan(folder=folder, readable=readable, unreadable=unreadable)


def _match_existing(registry, outcome: PastReply) -> None:
    """Give an existing record (same 届次 and 编号) the reply instead of adding a new one."""
    from ...core import numbering

    existing_id = registry.key_holder(outcome.kind, outcome.record)
    if existing_id:
        current = registry.get(outcome.kind, existing_id)
        merged = copy.deepcopy(current)
        merged["reply"] = {**(current.get("reply") or {}), **outcome.record["reply"]}
        if merged.get("status") in (None, "pending", "in_progress"):
            merged["status"] = "replied"
        for name in ("result_class",):
            if outcome.record.get(name) and not merged.get(name):
                merged[name] = outcome.record[name]
        outcome.record = merged
        outcome.existing_id = existing_id
    number = outcome.record["reply"].get("doc_number")
    if number:
        outcome.problems.extend(numbering.check_doc_number(
            registry, number, kind=outcome.kind, record_id=existing_id))


def apply_plan(registry, plan: ImportPlan) -> dict:
    """Write every readable file's record in one transaction; {kind: [ids]}."""
    by_kind: dict = {}
    for outcome in plan.readable:
        by_kind.setdefault(outcome.kind, []).append(outcome.record)
    if not by_kind:
        raise ValidationError(["文件夹中没有可以导入的答复件。"])
    ids: dict = {}
    with registry.transaction():
        for kind, items in by_kind.items():
            ids[kind] = registry.add_many(kind, items)
    return ids
