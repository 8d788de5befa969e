"""From a draft's parts to the office's red-header document, through the same engine as replies.

Qt-free. `typeset_file` reads, recognises, normalises (punctuation and heading numbers only,
each change listed) and writes; `build_document` maps Parts onto the engine's OfficialDocument
with the office's profile (mark, 机关代字, fonts, 印发机关).
"""
from __future__ import annotations

import datetime as _dt
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

from ...core.errors import ValidationError
from ..model import (Colophon, FileHeader, LetterHeader, OfficialDocument, Paragraph, Picture,
                     Signature, Table, AttachmentPage)
from ..render import RenderResult, write_document
from .normalise import Change, full_width_punctuation, normalise_paragraph
from .reading import Block, Draft, read_draft
from .recognise import Parts, assemble, problems, recognise, role_word

FORMATS = {"file": "文件格式", "letter": "信函格式", "plain": "无版头"}
TEXT_WIDTH_MM = 156.0


@dataclass
class TypesetResult:
    """What was made and what the clerk should know."""

    path: Optional[Path]
    parts: Parts
    labelled: list
    changes: list = field(default_factory=list)  # Change
    warnings: list = field(default_factory=list)
    dropped: list = field(default_factory=list)
    doc_number: str = ""


def normalised_parts(parts: Parts) -> tuple:
    """(a copy of the parts with body text normalised, the changes made)."""
    changes: list = []
    body = []
    for block in parts.body:
        if block.kind == "text":
            text = normalise_paragraph(block.text, block.position, changes)
            body.append(Block(kind="text", text=text, position=block.position, style=block.style))
        elif block.kind == "table":
            rows = [[normalise_paragraph(cell, block.position, changes) for cell in row]
                    for row in block.rows]
            body.append(Block(kind="table", rows=rows, position=block.position))
        else:
            body.append(block)
    pages = []
    for label, title, blocks in parts.attachment_pages:
        fixed = [Block(kind=b.kind, text=normalise_paragraph(b.text, b.position, changes)
                       if b.kind == "text" else b.text, position=b.position, rows=b.rows,
                       image_path=b.image_path, image_width_mm=b.image_width_mm)
                 for b in blocks]
        pages.append((label, title, fixed))
    # The parts around the body: only punctuation (a 主送 or 抄送 typed with half-width commas).
    def fixed(text: str, where: int) -> str:
        new, count = full_width_punctuation(text)
        if count:
            changes.append(Change(where, "半角标点", "全角标点", count))
        return new

    where = {item: position for position, item in _positions(parts)}
    copy = Parts(**{**parts.__dict__, "body": body, "attachment_pages": pages,
                    "title": fixed(parts.title, where.get("title", 0)),
                    "addressee": fixed(parts.addressee, where.get("addressee", 0)),
                    "attachments": [fixed(a, where.get("attachment_note", 0))
                                    for a in parts.attachments],
                    "notes": [fixed(n, where.get("note", 0)) for n in parts.notes],
                    "cc": [fixed(c, where.get("cc", 0)) for c in parts.cc]})
    changes.sort(key=lambda c: c.position)
    return copy, _merged(changes)


def _positions(parts: Parts) -> list:
    """(paragraph number, part) of the parts outside the body, for the list of changes."""
    return [(p, role) for role, p in parts.positions.items()]


def _merged(changes: list) -> list:
    """One line per paragraph and kind of change."""
    out: list = []
    for change in changes:
        last = out[-1] if out else None
        if last and (last.position, last.before, last.after) == (
                change.position, change.before, change.after):
            last.count += change.count
        else:
            out.append(Change(change.position, change.before, change.after, change.count))
    return out


def table_widths(rows: list) -> list:
    """Column widths in mm summing to the text block's 156 mm, by each column's longest cell
    (docgen/tables.py: a reply body's pasted table is laid out the same way)."""
    from ..tables import content_widths

    return content_widths(rows, TEXT_WIDTH_MM)


def _blocks(blocks: list) -> list:
    out = []
    for block in blocks:
        if block.kind == "text":
            for line in block.text.split("\n"):
                if line.strip():
                    out.append(Paragraph(line.strip()))
        elif block.kind == "table" and block.rows:
            # 4号 cells, rows as high as their text needs (no fixed line height that overflows)
            out.append(Table(rows=block.rows, widths_mm=table_widths(block.rows),
                             header_rows=1, size_pt=14.0, row_height_mm=8.0))
        elif block.kind == "picture" and block.image_path:
            out.append(Picture(block.image_path, block.image_width_mm or 150.0))
    return out


def _marks(profile: dict) -> tuple:
    mark = (profile.get("mark_text") or profile.get("authority") or "").strip()
    if mark.endswith("文件") and len(mark) > 2:
        return [mark[:-2]], "文件"
    return [mark], ""


def build_document(parts: Parts, profile: dict, *, fmt: str = "file",
                   doc_number: str = "") -> OfficialDocument:
    """The OfficialDocument for these parts in the office's format."""
    header = None
    if fmt == "file":
        marks, suffix = _marks(profile)
        if not marks[0]:
            raise ValidationError(["单位设置中未填写发文机关标志，无法使用文件格式（可选 --format plain）。"])
        header = FileHeader(marks=marks, suffix=suffix, doc_number=doc_number,
                            signers=list(parts.signers))
    elif fmt == "letter":
        mark = (profile.get("mark_text") or profile.get("authority") or "").strip()
        mark = mark[:-2] if mark.endswith("文件") else mark
        if not mark:
            raise ValidationError(["单位设置中未填写发文机关标志，无法使用信函格式（可选 --format plain）。"])
        header = LetterHeader(mark=mark, doc_number=doc_number)
    signature = None
    if parts.date_iso:
        names = parts.signature or ([profile.get("authority_short") or profile.get("authority")]
                                    if profile.get("authority") else [])
        signature = Signature(names=[n for n in names if n], date=parts.date_iso,
                              sealed=fmt != "plain")
    colophon = None
    if parts.cc or parts.printed_by:
        colophon = Colophon(cc=list(parts.cc), printed_by=parts.printed_by,
                            printed_date=parts.printed_date_iso or parts.date_iso)
    pages = [AttachmentPage(label=label, title=title, body=_blocks(blocks))
             for label, title, blocks in parts.attachment_pages]
    return OfficialDocument(
        title=parts.title, header=header, addressee=parts.addressee, body=_blocks(parts.body),
        above_title=parts.above_title, attachments=list(parts.attachments), signature=signature,
        notes=list(parts.notes), attachment_pages=pages, colophon=colophon,
        fonts=dict(profile.get("fonts") or {}) or OfficialDocument.__dataclass_fields__[
            "fonts"].default_factory(),
        required=("title",))


def choose_number(registry, parts: Parts, profile: dict, number: str) -> str:
    """--number: a given number (checked), 'auto' (the office's next, taken now), 'none', or
    'keep' (the draft's own, default)."""
    from ...core import numbering

    if number == "none":
        return ""
    if number == "keep":
        return parts.doc_number
    if number == "auto":
        year = int(parts.date_iso[:4]) if parts.date_iso else _dt.date.today().year
        return numbering.reserve_doc_number(registry, profile.get("doc_code") or "", year)
    problems_found = numbering.format_problems(number)
    if problems_found:
        raise ValidationError(problems_found)
    return number


def recognise_file(path, work_dir: Optional[Path] = None) -> tuple:
    """(draft, labelled blocks) of a draft file."""
    draft = read_draft(path, work_dir)
    return draft, recognise(draft)


def typeset_labelled(draft: Draft, labelled: list, out_path, profile: dict, *, fmt: str = "file",
                     registry=None, number: str = "keep") -> TypesetResult:
    """Write the document for already labelled blocks (the window's corrected labels)."""
    parts = assemble(labelled)
    refused = problems(parts)
    if refused:
        raise ValidationError(refused)
    fixed, changes = normalised_parts(parts)
    doc_number = choose_number(registry, parts, profile, number) if registry is not None or \
        number in ("none", "keep") else parts.doc_number
    if fmt == "plain":
        doc_number = ""
    document = build_document(fixed, profile, fmt=fmt, doc_number=doc_number)
    result: RenderResult = write_document(document, out_path)
    warnings = list(result.warnings)
    if not parts.date_iso:
        warnings.append("草稿中没有找到成文日期，文末未排署名和日期，请补上后再发。")
    if changes:
        total = sum(c.count for c in changes)
        warnings.insert(0, f"已统一{total}处标点或标题序号（逐条列出如下）。")
    return TypesetResult(path=result.path, parts=fixed, labelled=labelled, changes=changes,
                         warnings=warnings, dropped=list(draft.dropped), doc_number=doc_number)


def typeset_file(path, out_path, profile: dict, *, fmt: str = "file", registry=None,
                 number: str = "keep") -> TypesetResult:
    """Read, recognise and write: the one-step 一键排版 of a draft."""
    source, target = Path(path), Path(out_path)
    if target.exists() and _same_file(source, target):
        raise ValidationError(["排版结果不能保存到文稿本身：文稿从不改动，请另选保存位置。"])
    with tempfile.TemporaryDirectory(prefix="fazhi-typeset-") as work:
        draft, labelled = recognise_file(source, Path(work))
        return typeset_labelled(draft, labelled, target, profile, fmt=fmt, registry=registry,
                                number=number)


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def describe(result: TypesetResult) -> list:
    """The lines the command prints: each part as recognised, then the changes."""
    return summary_lines(result.parts, changes=result.changes, dropped=result.dropped,
                         labelled=result.labelled, doc_number=result.doc_number)


def preview_summary(draft: Draft, labelled: list) -> tuple:
    """(lines describing the parts and the changes typesetting would make, problems): for the
    window, before anything is written."""
    parts = assemble(labelled)
    fixed, changes = normalised_parts(parts)
    lines = summary_lines(fixed, changes=changes, dropped=draft.dropped, labelled=labelled,
                          doc_number=parts.doc_number)
    return lines, problems(parts)


def summary_lines(parts: Parts, *, changes: list, dropped: list, labelled: list,
                  doc_number: str) -> list:
    lines = []
    if doc_number:
        lines.append(f"发文字号：{doc_number}")
    if parts.signers:
        lines.append(f"签发人：{'、'.join(parts.signers)}")
    lines.append(f"标题：{parts.title}")
    if parts.addressee:
        lines.append(f"主送机关：{parts.addressee}")
    levels = {1: 0, 2: 0, 3: 0, 4: 0}
    from ..text import heading_level

    texts = [b for b in parts.body if b.kind == "text"]
    for block in texts:
        level = heading_level(block.text)
        if level:
            levels[level] += 1
    tables = sum(1 for b in parts.body if b.kind == "table")
    pictures = sum(1 for b in parts.body if b.kind == "picture")
    extra = "，".join(f"{n}个{name}" for n, name in ((levels[1], "一级标题"), (levels[2], "二级标题"),
                                                      (levels[3], "三级标题"), (levels[4], "四级标题"),
                                                      (tables, "表格"), (pictures, "图片")) if n)
    lines.append(f"正文：{len(texts)}段" + (f"（{extra}）" if extra else ""))
    if parts.attachments:
        lines.append(f"附件说明：{'；'.join(parts.attachments)}")
    if parts.signature:
        lines.append(f"署名：{'、'.join(parts.signature)}")
    if parts.date_text:
        lines.append(f"成文日期：{parts.date_text}")
    for note in parts.notes:
        lines.append(f"附注：{note}")
    for label, title, _ in parts.attachment_pages:
        lines.append(f"附件：{label} {title}".rstrip())
    if parts.cc:
        lines.append(f"抄送：{'，'.join(parts.cc)}")
    if parts.printed_by:
        lines.append(f"印发：{parts.printed_by} {parts.printed_date_text}")
    for change in changes:
        lines.append(f"改动：{change.describe()}")
    for item in dropped:
        lines.append(f"未带入：{item}")
    ignored = [i for i in labelled if i.role in ("ignore", "header")]
    for item in ignored:
        lines.append(f"{role_word(item.role)}：第{item.block.position}段“{item.block.text[:20]}”")
    return lines
