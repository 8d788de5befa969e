"""Which part of an official document each block of a draft is (GB/T 9704's elements).

Qt-free. `recognise(draft)` labels every block with a role; `assemble(labelled)` turns the
labels into `Parts`. The window lets the clerk change a label and assembles again, so the
rules here only propose. They read the draft from both ends: from the top the red-header
remnants (标志, 发文字号, 签发人), the title and the 主送; from the bottom the 版记 (抄送, 印发),
附注, the 成文日期 with the 署名 above it and the 附件说明 above those; the rest is the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..text import heading_level
from .dates import parse_date_line
from .reading import Block, Draft

ROLES = {
    "header": "版头（按单位设置重排）",
    "doc_number": "发文字号",
    "signer": "签发人",
    "above_title": "标题上方标注",
    "title": "标题",
    "addressee": "主送机关",
    "body": "正文",
    "attachment_note": "附件说明",
    "signature": "署名",
    "date": "成文日期",
    "note": "附注",
    "attachment": "附件",
    "cc": "抄送",
    "printed": "印发",
    "ignore": "不带入",
}

DOC_NUMBER = re.compile(r"([\u4e00-\u9fff]{1,12})\s*[〔\[［(（]\s*(\d{4})\s*[〕\]］)）]\s*(\d{1,4})\s*号")
_SIGNER = re.compile(r"签\s*发\s*人\s*[:：]\s*(.+)$")
_PRINTED = re.compile(r"^(.*?)\s*(\S+年\S+月\S+日|\d{4}[-./]\d{1,2}[-./]\d{1,2})\s*印\s*发\s*[。.]?$")
_CC = re.compile(r"^抄\s*送\s*[:：]\s*(.*)$")
_ADDRESSEE_PREFIX = re.compile(r"^主\s*送\s*[:：]\s*(.*)$")
_ATTACHMENT_NOTE = re.compile(r"^附\s*件\s*[:：]\s*(.*)$")
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*\d*\s*$")
_LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*\S")
_MARK_LINES = re.compile(r"^(\d{6}|(绝密|机密|秘密)\s*★.*|特\s*急|加\s*急|.{2,30}文\s*件)$")
_CLASS_MARK = re.compile(r"^(办理结果|办理类别)\s*[:：]\s*[A-DＡ-Ｄ]\s*$")
# Words a document's title ends with (文种): a title line ending so is the title's last line.
_DOC_TYPES = ("通知", "报告", "请示", "复函", "函", "答复", "意见", "纪要", "决定", "方案", "办法",
              "规定", "通报", "批复", "公告", "通告", "议案", "建议", "提案", "总结", "计划", "要点",
              "细则", "规划", "说明", "讲话", "汇报", "情况", "的报告", "决议", "命令")
_AUTHORITY_END = ("局", "委", "院", "政府", "办公室", "所", "会", "部", "厅", "处", "中心", "公司", "组",
                  "委员会", "办", "室", "站", "队", "校", "社区", "街道", "镇", "乡", "村", "庭", "馆")
_NOTE = re.compile(r"^[（(].*[)）]$")
_CONTACT = re.compile(r"^(联系单位|联系人|联系电话|联系方式)")


@dataclass
class Labelled:
    block: Block
    role: str


@dataclass
class Parts:
    """A draft's parts, ready for the engine (texts as written; dates as found)."""

    title: str = ""
    doc_number: str = ""
    signers: list = field(default_factory=list)
    above_title: str = ""
    addressee: str = ""
    body: list = field(default_factory=list)  # Block items (text, table, picture)
    attachments: list = field(default_factory=list)  # 附件说明 names
    signature: list = field(default_factory=list)
    date_text: str = ""
    date_iso: str = ""
    notes: list = field(default_factory=list)
    attachment_pages: list = field(default_factory=list)  # (label, title, [Block])
    cc: list = field(default_factory=list)
    printed_by: str = ""
    printed_date_text: str = ""
    printed_date_iso: str = ""
    positions: dict = field(default_factory=dict)  # role -> first paragraph number (messages)


def _text(block: Block) -> str:
    return block.text.strip() if block.kind == "text" else ""


def _is_sentence(text: str) -> bool:
    return any(mark in text for mark in "。；！？") or len(text) > 60


# A 主送 is a list of organs; a sentence ending in a colon says what it introduces.
_INTRODUCES = re.compile(r"如下|现将|根据|按照|为了|为进一步|经研究|通知")


def _looks_like_addressee(text: str) -> bool:
    if _ADDRESSEE_PREFIX.match(text):
        return True
    if not (text.endswith(("：", ":")) and not heading_level(text)
            and not _ATTACHMENT_NOTE.match(text) and not _SIGNER.search(text)):
        return False
    if not _is_sentence(text[:-1]):
        return True
    # A long 主送 (各县（市、区）人民政府，…，各有关单位：, 68 characters) is still a list of
    # organs: no sentence mark and no words that introduce something. It had been set as a
    # body paragraph, indented, instead of flush left.
    return (len(text) <= 150 and not any(mark in text for mark in "。；！？")
            and not _INTRODUCES.search(text))


def _looks_like_signature(block: Block) -> bool:
    text = _text(block)
    if not text or _is_sentence(text) or heading_level(text) or len(text) > 40:
        return False
    if any(mark in text for mark in "，,：:"):
        return False
    return block.style.align == "right" or text.endswith(_AUTHORITY_END)


def recognise(draft: Draft) -> list:
    """Every block with its proposed role, in the draft's order."""
    blocks = draft.blocks
    roles = ["body"] * len(blocks)
    top = _label_top(blocks, roles)
    _label_bottom(blocks, roles, top)
    return [Labelled(block, role) for block, role in zip(blocks, roles)]


def _label_top(blocks: list, roles: list) -> int:
    """Header remnants, title and 主送 from the top; the index where the body starts."""
    i = 0
    while i < len(blocks):
        text = _text(blocks[i])
        if not text:
            break
        if DOC_NUMBER.search(text) and len(text) <= 60 and not _is_sentence(text):
            roles[i] = "doc_number"
        elif _SIGNER.search(text):
            roles[i] = "signer"
        elif _CLASS_MARK.match(text):
            roles[i] = "above_title"
        elif _MARK_LINES.match(text) and i + 1 < len(blocks) and not _looks_like_addressee(text):
            # a mark "…文件" only when a title still follows it
            following = _text(blocks[i + 1])
            if not following or _is_sentence(following):
                break
            roles[i] = "header"
        else:
            break
        i += 1
    # The title: short lines up to the 主送, ending at a line that ends with the 文种.
    start = i
    while i < len(blocks):
        text = _text(blocks[i])
        if (not text or _looks_like_addressee(text) or _is_sentence(text) or heading_level(text)
                or i - start >= 4):
            break
        roles[i] = "title"
        i += 1
        if text.endswith(_DOC_TYPES) and not (i < len(blocks) and _continues_title(blocks[i])):
            break
    if i == start:  # a long first line is the title only when nothing shorter came first
        text = _text(blocks[i]) if i < len(blocks) else ""
        if text and len(text) <= 80 and "。" not in text and not heading_level(text):
            roles[i] = "title"
            i += 1
    if i < len(blocks) and _looks_like_addressee(_text(blocks[i])):
        roles[i] = "addressee"
        i += 1
    return i


def _continues_title(block: Block) -> bool:
    """A next line that is still the title (centred and short, not the 主送)."""
    text = _text(block)
    return (bool(text) and block.style.align == "center" and len(text) <= 30
            and not _looks_like_addressee(text) and not _is_sentence(text))


def _label_bottom(blocks: list, roles: list, body_start: int) -> None:
    """版记, 附注, 附件 pages, 成文日期, 署名 and 附件说明, read upwards from the end."""
    date_at = None
    for i in range(body_start, len(blocks)):
        if parse_date_line(_text(blocks[i])) and i > body_start:
            date_at = i
            break
    end = len(blocks)
    # 版记 at the very end.
    j = end - 1
    while j >= body_start:
        text = _text(blocks[j])
        if _PRINTED.match(text):
            roles[j] = "printed"
        elif _CC.match(text):
            roles[j] = "cc"
        elif not text and blocks[j].kind == "text":
            pass
        else:
            break
        j -= 1
    colophon_at = j + 1
    if date_at is None:
        return
    roles[date_at] = "date"
    # After the date: 附注 (in parentheses, or a contact line), then 附件 pages.
    k = date_at + 1
    while k < colophon_at and (_NOTE.match(_text(blocks[k])) or _CONTACT.match(_text(blocks[k]))):
        roles[k] = "note"
        k += 1
    if k < colophon_at and _ATTACHMENT_LABEL.match(_text(blocks[k])):
        for m in range(k, colophon_at):
            roles[m] = "attachment"
    else:
        for m in range(k, colophon_at):
            roles[m] = "note" if _text(blocks[m]) else "ignore"
    # Above the date: the 署名 (one to three short lines, a joint issue has several).
    s = date_at - 1
    while s > body_start and date_at - s <= 3 and _looks_like_signature(blocks[s]):
        roles[s] = "signature"
        s -= 1
    # Above those: the 附件说明 ("附件：1.…" and its numbered continuation lines).
    a = s
    while a > body_start and _LIST_ITEM.match(_text(blocks[a])):
        a -= 1
    if a >= body_start and _ATTACHMENT_NOTE.match(_text(blocks[a])):
        for m in range(a, s + 1):
            roles[m] = "attachment_note"


def assemble(labelled: list) -> Parts:
    """The parts from labelled blocks (the recogniser's or the clerk's corrected ones)."""
    parts = Parts()
    title_lines, attachment_blocks = [], []
    for item in labelled:
        block, role, text = item.block, item.role, _text(item.block)
        parts.positions.setdefault(role, block.position)
        if role == "title":
            title_lines.append(text)
        elif role == "doc_number":
            found = DOC_NUMBER.search(text)
            parts.doc_number = re.sub(r"\s+", "", found.group(0)) if found else text
            signer = _SIGNER.search(text)
            if signer:
                parts.signers = _names(signer.group(1))
        elif role == "signer":
            found = _SIGNER.search(text)
            parts.signers = _names(found.group(1) if found else text)
        elif role == "above_title":
            parts.above_title = re.sub(r"\s+", "", text)
        elif role == "addressee":
            found = _ADDRESSEE_PREFIX.match(text)
            parts.addressee = (found.group(1) if found else text).rstrip()
            if not parts.addressee.endswith(("：", ":")):
                parts.addressee += "："
        elif role == "body":
            parts.body.append(block)
        elif role == "attachment_note":
            found = _ATTACHMENT_NOTE.match(text)
            name = found.group(1) if found else text
            if name:
                parts.attachments.append(re.sub(r"^\d{1,2}\s*[.．、]\s*", "", name))
        elif role == "signature":
            parts.signature.append(text)
        elif role == "date":
            parts.date_text = text
            day = parse_date_line(text)
            parts.date_iso = day.isoformat() if day else ""
        elif role == "note":
            if text:
                parts.notes.append(text[1:-1] if _NOTE.match(text) else text)
        elif role == "attachment":
            attachment_blocks.append(block)
        elif role == "cc":
            found = _CC.match(text)
            parts.cc = _names(found.group(1) if found else text, trailing="。.")
        elif role == "printed":
            found = _PRINTED.match(text)
            if found:
                parts.printed_by = found.group(1).strip()
                parts.printed_date_text = found.group(2)
                day = parse_date_line(found.group(2))
                parts.printed_date_iso = day.isoformat() if day else ""
    parts.title = "".join(title_lines)
    parts.attachment_pages = _attachment_pages(attachment_blocks)
    return parts


def _names(text: str, trailing: str = "") -> list:
    text = text.strip().rstrip(trailing)
    return [name.strip() for name in re.split(r"[，,、；;]|\s{2,}", text) if name.strip()]


def _attachment_pages(blocks: list) -> list:
    """(label, title, body blocks) per "附件N" line; the first line after the label is the title."""
    pages: list = []
    for block in blocks:
        text = _text(block)
        if _ATTACHMENT_LABEL.match(text):
            pages.append([re.sub(r"\s+", "", text), "", []])
        elif not pages:
            pages.append(["附件", "", []])
            pages[-1][2].append(block)
        elif not pages[-1][1] and not pages[-1][2] and text and not _is_sentence(text):
            pages[-1][1] = text
        else:
            pages[-1][2].append(block)
    return [tuple(page) for page in pages]


def problems(parts: Parts) -> list:
    """Why a draft cannot be typeset (Chinese), or [] when its title and body were found."""
    found = []
    if not parts.title:
        found.append("没有找到标题：标题应在正文之前单独成行（可在“公文排版”窗口中手动指定）。")
    if not any(b.kind != "text" or b.text.strip() for b in parts.body):
        found.append("没有找到正文。")
    return found


def role_word(role: str) -> str:
    return ROLES.get(role, role)


def optional(value: Optional[str]) -> str:
    return value or ""
