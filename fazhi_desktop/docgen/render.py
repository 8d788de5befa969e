"""From an OfficialDocument to a .docx file: validation, layout in order, atomic save."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.atomic import atomic_output
from ..core.errors import ValidationError
from . import closing, header
from .composer import Composer
from .model import (FileHeader, LetterHeader, OfficialDocument, PageBreak, Paragraph, Picture,
                    Table)
from .text import clean

ELEMENT_NAMES = {"title": "标题", "addressee": "主送机关", "date": "成文日期"}


@dataclass
class RenderResult:
    """The file written and what the clerk should know (Chinese sentences)."""

    path: Path
    warnings: list = field(default_factory=list)


def check_required(doc: OfficialDocument) -> None:
    """Refuse a document whose required elements are empty, naming each of them."""
    values = {"title": doc.title, "addressee": doc.addressee,
              "date": doc.signature.date if doc.signature else ""}
    missing = [ELEMENT_NAMES[name] for name in doc.required
               if not clean(values.get(name), "", []).strip()]
    if missing:
        raise ValidationError([f"文档缺少{name}，无法生成。" for name in missing])


def add_blocks(c: Composer, blocks) -> None:
    """Body blocks: a str is one paragraph per line; Paragraph, Picture, Table, PageBreak."""
    for block in blocks or []:
        if isinstance(block, str):
            c.text(block)
        elif isinstance(block, Paragraph):
            c.paragraph(block.text, level=block.level, align=block.align, indent=block.indent)
        elif isinstance(block, Picture):
            if not Path(str(block.path)).is_file():
                c.warnings.append(f"图片“{block.path}”不存在，已略去。")
                continue
            c.picture(block.path, block.width_mm, block.caption)
        elif isinstance(block, Table):
            c.table(block.rows, block.widths_mm, header_rows=block.header_rows,
                    size_pt=block.size_pt, row_height_mm=block.row_height_mm)
        elif isinstance(block, PageBreak):
            c.page_break()
        else:
            raise TypeError(f"unknown block {block!r}")


def build(doc: OfficialDocument) -> Composer:
    """Lay the document out; the Composer holds the python-docx Document and the warnings."""
    check_required(doc)
    letter = isinstance(doc.header, LetterHeader)
    c = Composer(doc.fonts, letter=letter, page_numbers=doc.page_numbers)
    if isinstance(doc.header, FileHeader):
        header.file_header(c, doc.header, corner_mark=doc.corner_mark)
    elif letter:
        header.letter_header(c, doc.header, corner_mark=doc.corner_mark)
    elif doc.corner_mark:
        c.spacer(1, header.corner_box(c, doc.corner_mark, y_mm=16))
    header.title_area(c, doc.above_title)
    c.title(doc.title)
    c.stop_tracking()
    c.blank(1)  # the addressee one blank line below the title
    if doc.addressee:
        c.addressee(doc.addressee)
    add_blocks(c, doc.body)
    closing.attachment_note(c, doc.attachments)
    if doc.signature:
        closing.signature(c, doc.signature, notes_follow=bool(doc.notes or doc.contact))
    closing.contact_line(c, doc.contact, notes_follow=bool(doc.notes))
    closing.notes(c, doc.notes)
    for page in doc.attachment_pages:
        closing.attachment_page(c, page)
    if doc.colophon:
        closing.colophon(c, doc.colophon, letter=letter)
    return c


def write_document(doc: OfficialDocument, out_path, *, check_fonts: bool = True) -> RenderResult:
    """Build and save exactly `out_path` (whole or not at all); warnings include fonts that
    will print as a substitute."""
    c = build(doc)
    out_path = Path(out_path)
    with atomic_output(out_path) as temp:
        c.save(temp)
    warnings = list(c.warnings)
    if check_fonts:
        from ..core.fonts import substitution_warnings

        warnings.extend(c.font_notices)
        warnings.extend(substitution_warnings(c.fonts))
    return RenderResult(out_path, warnings)
