"""The end of a document: 附件说明, 署名 and 成文日期 (sealed or not, with an optional seal image),
附注, attachment pages, the 版记 at the bottom of the last page, and the page-number footers."""
from __future__ import annotations

import math

from ..core.dates import chinese_date
from . import layout as L
from . import ooxml as X
from .composer import Composer, measure
from .model import AttachmentPage, Colophon, Signature

COLOPHON_LINE_PT = 22.0  # line pitch of the 4号 版记 text
COLOPHON_PAD_PT = 7.0
FOOTER_LINE_PT = 20.0


def date_text(value) -> str:
    """ISO dates become 2022年8月8日; anything else is kept as written."""
    return chinese_date(value) or str(value or "").strip()


def attachment_note(c: Composer, names: list) -> None:
    """One blank line below the text, two characters in: 附件：1.XXXX, names aligned."""
    names = [c.clean(n, "附件说明").strip().rstrip("。.；;，,") for n in names if n and n.strip()]
    if not names:
        return
    c.blank(1)
    label = "附件："
    if len(names) == 1:
        lead = 2 * L.CHAR_PT + measure(label)
        c.add(X.paragraph(c.run(label + names[0], nobreak=True), jc="both", left_pt=lead,
                          hanging_pt=measure(label)))
        return
    for i, name in enumerate(names, 1):
        prefix = f"{i}."
        lead = 2 * L.CHAR_PT + measure(label) + measure(prefix)
        text = (label if i == 1 else "") + prefix + name
        hang = measure(text[: len(text) - len(name)])
        c.add(X.paragraph(c.run(("\t" if i > 1 else "") + text, nobreak=True), jc="both", left_pt=lead,
                          hanging_pt=hang if i == 1 else measure(prefix),
                          tabs=(("left", 2 * L.CHAR_PT + measure(label)),)))


def signature(c: Composer, sig: Signature, *, notes_follow: bool = False) -> None:
    """署名 and 成文日期, kept on one page with the last body paragraph (and the 附注)."""
    c.keep_last_with_next()
    names = [c.clean(n, "署名").strip() for n in sig.names if n and str(n).strip()]
    date = date_text(c.clean(sig.date, "成文日期"))
    date_w = measure(date)
    if sig.sealed:
        # Room for the seal: its top within one line below the text, name and date just
        # below its centre (GB/T 9704 7.3.5.1).
        c.blank(2, keep_next=True)
        right = 4 * L.CHAR_PT
        first = None
        for name in names:
            el = c.add(X.paragraph(c.run(name), jc="right", keep_next=True,
                                   right_pt=max(0.0, right + (date_w - measure(name)) / 2)))
            first = first if first is not None else el
        c.add(X.paragraph(c.run(date), jc="right", right_pt=right, keep_next=notes_follow))
        if sig.seal_image and first is not None:
            _place_seal(c, first, sig.seal_image, centre_x=L.TEXT_W_PT - right - date_w / 2)
        return
    # Unsealed: one blank line, name two characters from the right, date below it starting
    # two characters further right (or two from the right if longer, the name moved left).
    c.blank(1, keep_next=True)
    two = 2 * L.CHAR_PT
    for name in names:
        name_w = measure(name)
        if date_w > name_w:  # the date is longer: two from the right, the name moved left
            name_right = two + date_w - name_w + two
            date_para = dict(jc="right", right_pt=two)
        else:  # the date starts two characters right of the name's first character
            name_right = two
            date_para = dict(jc="left", left_pt=L.TEXT_W_PT - two - name_w + two)
        c.add(X.paragraph(c.run(name), jc="right", right_pt=name_right, keep_next=True))
    if not names:
        date_para = dict(jc="right", right_pt=two)
    c.add(X.paragraph(c.run(date), keep_next=notes_follow, **date_para))


def _place_seal(c: Composer, paragraph, image_path, *, centre_x: float) -> None:
    """The seal image over name and date, both a little below its centre."""
    try:
        rel_id, image = c.doc.part.get_or_add_image(str(image_path))
        ratio = image.px_height / image.px_width if image.px_width else 1.0
    except Exception:  # a missing or unreadable file must not stop the document
        c.warnings.append(f"电子印章图片“{image_path}”无法读取，已留出手工盖章位置。")
        return
    width = L.SEAL_DIAMETER_MM
    height = width * ratio
    centre_y = 0.5 * L.LINE_PITCH_PT  # relative to the name line's top
    run = X.picture_anchor(
        rel_id, x_mm=L.pt_to_mm(centre_x) - width / 2,
        y_mm=L.pt_to_mm(centre_y) - height / 2, width_mm=width, height_mm=height,
        rel_h="margin", rel_v="paragraph", name="印章")
    paragraph.append(X.element(run.replace("<w:r>", f"<w:r {X.NSDECL}>", 1)))


def contact_line(c: Composer, text: str, *, notes_follow: bool = False) -> None:
    """The reply's contact line (联系单位及电话：… 联系人：…): on the line after the date, two
    characters in, without the 附注's parentheses; squeezed a little rather than wrapped."""
    text = c.clean(text or "", "联系方式").strip()
    if not text:
        return
    room = L.TEXT_W_PT - 2 * L.CHAR_PT
    spacing = L.CHAR_SPACING_PT
    if measure(text) > room:  # tighten the letter spacing (by at most 1.5 pt) to keep one line
        spacing = max(spacing - 1.5, spacing + (room - measure(text)) / len(text) - 0.05)
    c.add(X.paragraph(c.run(text, spacing_pt=spacing, nobreak=True), jc="left",
                      left_pt=2 * L.CHAR_PT, keep_lines=True, keep_next=notes_follow))


def notes(c: Composer, lines: list) -> None:
    """附注: in parentheses, two characters in, on the line after the date."""
    texts = [c.clean(line, "附注").strip() for line in lines]
    texts = [t for t in texts if t]
    for i, text in enumerate(texts):
        if not (text.startswith(("（", "(")) and text.endswith(("）", ")"))):
            text = f"（{text}）"
        c.add(X.paragraph(c.run(text, nobreak=True), jc="both", left_pt=2 * L.CHAR_PT, hanging_pt=L.CHAR_PT,
                          keep_lines=True, keep_next=i < len(texts) - 1))


def attachment_page(c: Composer, page: AttachmentPage) -> None:
    c.page_break()
    c.add(X.paragraph(c.run(c.clean(page.label, "附件"), "heading1"), jc="left"))
    if page.title:
        c.add(X.paragraph(""))
        c.title(page.title)
    from .render import add_blocks

    add_blocks(c, page.body)


def colophon(c: Composer, col: Colophon, *, letter: bool = False) -> None:
    """版记 on the last page, its last line on the text block's bottom edge."""
    from .tables import bottom_table_box

    size = L.SMALL_PT
    rows = []
    cc = [c.clean(x, "抄送").strip().rstrip("，,。") for x in col.cc if x and str(x).strip()]
    if cc:
        text = "抄送：" + "，".join(cc) + "。"
        label = measure("抄送：", size, 0)
        first_cap = L.TEXT_W_PT - 2 * size
        lines = 1 + max(0, math.ceil((measure(text, size, 0) - first_cap) /
                                     ((first_cap - label) * 0.97)))
        para = X.paragraph(c.run(text, "body", size, spacing_pt=0, nobreak=True), jc="both",
                           line_pt=COLOPHON_LINE_PT, left_pt=size + label, right_pt=size,
                           hanging_pt=label)
        rows.append((para, lines * COLOPHON_LINE_PT + COLOPHON_PAD_PT))
    printed_by = c.clean(col.printed_by, "印发机关").strip()
    printed_date = date_text(c.clean(col.printed_date, "印发日期"))
    if not letter and (printed_by or printed_date):
        issued = printed_date + "印发" if printed_date else ""
        # 印发机关 one character from the left, the date one from the right; an organ whose
        # name leaves no character between them (中共…全面依法治区委员会办公室) puts the date on
        # the next line: on one line the date ran past the row and 印发 was cut off.
        both = measure(printed_by, size, 0) + measure(issued, size, 0) + 3 * size
        two_lines = bool(printed_by and issued) and both > L.TEXT_W_PT
        runs = c.run(printed_by + ("\n" if two_lines else "") + "\t" + issued,
                     "body", size, spacing_pt=0)
        para = X.paragraph(runs, jc="left", line_pt=COLOPHON_LINE_PT, left_pt=size,
                           tabs=(("right", L.TEXT_W_PT - size),))
        rows.append((para, COLOPHON_LINE_PT * (2 if two_lines else 1) + COLOPHON_PAD_PT))
    if not rows:
        return
    box = bottom_table_box(rows, bottom_mm=L.PAGE_H_MM - L.BOTTOM_MM, thick=not letter)
    # Anchored in a last paragraph one point high, which never spills onto a page of its own.
    c.add(X.paragraph(box, line_pt=1, mark_rpr=X.rpr(c.font("body"), 1, spacing_pt=0)))


def page_number_footers(c: Composer, *, enabled: bool = True) -> None:
    """— N — in 4号宋体: odd pages one character from the right, even pages one from the left;
    none on the first page of a letter."""
    section = c.doc.sections[0]
    section.different_first_page_header_footer = c.letter
    font = c.font("page_number")
    size = L.SMALL_PT
    odd = X.paragraph(X.page_field_runs(font, size) if enabled else "", jc="right",
                      line_pt=FOOTER_LINE_PT, right_pt=size)
    even = X.paragraph(X.page_field_runs(font, size) if enabled else "", jc="left",
                       line_pt=FOOTER_LINE_PT, left_pt=size)
    _set_footer(section.footer, odd)
    _set_footer(section.even_page_footer, even)
    if c.letter:
        _set_footer(section.first_page_footer, X.paragraph("", line_pt=FOOTER_LINE_PT))


def _set_footer(footer, xml: str) -> None:
    footer.is_linked_to_previous = False
    element = footer._element
    for p in list(element):
        element.remove(p)
    element.append(X.element(xml))

