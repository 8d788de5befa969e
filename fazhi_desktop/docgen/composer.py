"""Composer: a python-docx document set up for GB/T 9704, with one method per kind of line.

The page (A4, 37/28/26/35 mm, 22 lines x 28 characters), the styles (theme fonts cleared, East
Asian font explicit, zh-CN) and the page-number footers are prepared on creation; the header
block, body and closing modules add their elements through `add()`. While the first page's
header block is laid out, `cursor_pt` tracks the vertical position (all its lines have exact
heights), so that red lines and the title land where the standard puts them.
"""
from __future__ import annotations

from typing import Optional

import docx
from docx.oxml.ns import qn

from ..core.fonts import printable_fonts
from ..core.records import DEFAULT_FONTS
from . import layout as L
from . import ooxml as X
from .charset import font_charset, missing
from .charset import warning as charset_warning
from .punctuation import fullwidth
from .punctuation import warning as punctuation_warning
from .text import clean, heading_level, printed_width, split_heading

ROLE_SIZES = {"title": L.TITLE_PT, "body": L.BODY_PT, "heading1": L.BODY_PT,
              "heading2": L.BODY_PT, "page_number": L.SMALL_PT}
LEVEL_ROLES = {1: "heading1", 2: "heading2", 3: "body", 4: "body"}
INDENT_PT = 2 * L.CHAR_PT  # paragraphs start two characters in


class Composer:
    """One document being built. `letter`: no page number on the first page (信函)."""

    def __init__(self, fonts: Optional[dict] = None, *, letter: bool = False,
                 page_numbers: bool = True):
        self.doc = docx.Document()
        wanted = dict(DEFAULT_FONTS)
        wanted.update({k: v for k, v in (fonts or {}).items() if v})
        # Kylin/UOS install 仿宋_GB2312 as 仿宋, 方正小标宋简体 as FZXiaoBiaoSong-B05S …: the
        # document names the family this PC has, so it prints as the clerk sees it
        # (core/fonts.py); font_notices say which, for the render's warnings.
        self.fonts, self.font_notices = printable_fonts(wanted)
        self.warnings: list = []
        self.punctuation_changes = 0  # half-width marks set full-width (docgen/punctuation.py)
        self.missing_chars: dict = {}  # font -> characters it does not have (docgen/charset.py)
        self._break_pending = False  # page_break(): the next element starts a page
        self.cursor_pt: Optional[float] = 0.0
        self.letter = letter
        self._body = self.doc.element.body
        self._sect = self._body[-1]
        self._clear_template()
        self._setup_page(page_numbers)

    # ----------------------------------------------------------------- basics
    def font(self, role: str) -> str:
        return self.fonts.get(role) or DEFAULT_FONTS[role]

    def clean(self, text, where: str) -> str:
        return clean(text, where, self.warnings)

    def add(self, xml: str):
        """Append a paragraph or table (XML) to the body; returns the element. After
        `page_break()` the element starts a new page."""
        el = X.element(xml) if isinstance(xml, str) else xml
        if self._break_pending:
            self._break_pending = False
            if el.tag == qn("w:p"):
                _page_break_before(el)
            else:  # a table: an empty, 1 pt paragraph starts the page for it
                self.add(X.paragraph("", line_pt=1, page_break_before=True,
                                     mark_rpr=X.rpr(self.font("body"), 1, spacing_pt=0)))
        self._sect.addprevious(el)
        return el

    def run(self, text: str, role: str = "body", size: Optional[float] = None, *,
            nobreak=False, **kw) -> str:
        """A run in the role's font. Every text of the document passes here: half-width
        punctuation in Chinese text is set full-width (counted for the warning on save);
        nobreak: numbers, dates, 发文字号 … are held on one line (text that may wrap); a
        predicate instead of True says which spans fit (ooxml.run)."""
        text, changed = fullwidth(text)
        self.punctuation_changes += changed
        font = self.font(role)
        if not text.isascii():  # 堃 in 仿宋_GB2312: said on save (docgen/charset.py)
            for ch in missing(text, font_charset(font)):
                if ch not in self.missing_chars.setdefault(font, []):
                    self.missing_chars[font].append(ch)
        return X.run(text, self.font(role), size or ROLE_SIZES[role], nobreak=nobreak, **kw)

    def line(self, runs: str, *, height_pt: float = L.LINE_PITCH_PT, lines: int = 1, **kw):
        """A paragraph of `lines` exact-height lines; advances the first-page cursor."""
        el = self.add(X.paragraph(runs, line_pt=height_pt, **kw))
        if self.cursor_pt is not None:
            self.cursor_pt += height_pt * lines
        return el

    def spacer(self, height_pt: float, runs: str = ""):
        """An empty paragraph exactly `height_pt` high (may carry anchored shapes)."""
        if height_pt < 1 and not runs:
            return None
        return self.line(runs, height_pt=max(height_pt, 1.0),
                         mark_rpr=X.rpr(self.font("body"), 1, spacing_pt=0))

    def blank(self, count: int = 1, *, keep_next: bool = False) -> None:
        for _ in range(count):
            self.line("", keep_next=keep_next)

    def keep_last_with_next(self) -> None:
        """Keep the last paragraph so far on the page of what follows (GB/T 9704: the page
        with the signature must show body text)."""
        last = self._sect.getprevious()
        if last is None or last.tag != X.element(f"<w:p {X.NSDECL}/>").tag:
            return
        ppr = last.find(f"{{{X.W_NS}}}pPr")
        if ppr is not None and ppr.find(f"{{{X.W_NS}}}keepNext") is None:
            ppr.insert(0, X.element(f"<w:keepNext {X.NSDECL}/>"))

    def stop_tracking(self) -> None:
        self.cursor_pt = None

    # ----------------------------------------------------------------- body elements
    def title(self, text: str) -> None:
        """2号小标宋, centred; lines as titles.break_title arranges them."""
        from .titles import break_title

        lines = break_title(self.clean(text, "标题"))
        self.line(self.run("\n".join(lines), "title"), jc="center", lines=len(lines))

    def addressee(self, text: str) -> None:
        from .text import ensure_colon

        self.line(self.run(ensure_colon(self.clean(text, "主送机关")), "body"))

    def paragraph(self, text: str, *, level: Optional[int] = None, align: Optional[str] = None,
                  indent: bool = True, where: str = "正文") -> None:
        """A body paragraph; a heading (一、 （一）) that runs on: only up to 。 in its font."""
        text = self.clean(text, where).strip("\n")
        level = heading_level(text) if level is None else level
        if level in (1, 2):
            head, rest = split_heading(text)
            runs = self.run(head, LEVEL_ROLES[level], nobreak=True) + (
                self.run(rest, nobreak=True) if rest else "")
        else:
            runs = self.run(text, nobreak=True)
        jc = {"center": "center", "right": "right", "left": "left"}.get(align or "", "both")
        # A heading on a line of its own (一、… （二）… 1.… （1）… with no sentence after it)
        # keeps with the paragraph it heads: never the last line of a page.
        heading = is_standalone_heading(text, level)
        self.add(X.paragraph(runs, jc=jc, first_pt=INDENT_PT if indent and not align else 0,
                             keep_next=heading, keep_lines=heading))
        self.stop_tracking()

    def text(self, text: str, where: str = "正文") -> None:
        """Several paragraphs, one per line of `text`; empty lines are skipped. Two or more
        lines in a row with tabs are a table pasted from a spreadsheet: set as a ruled table
        (as paragraphs their cells stood at Word's default tab stops, out of line with the
        row above wherever a cell was longer than another)."""
        from .tables import content_widths, tabbed_rows

        lines = [ln.strip(" \u3000") for ln in self.clean(text, where).split("\n")]
        lines = [ln for ln in lines if ln.strip()]
        i = 0
        while i < len(lines):
            j = i
            while j < len(lines) and "\t" in lines[j].strip():
                j += 1
            if j - i >= 2:
                rows = tabbed_rows([ln.strip() for ln in lines[i:j]])
                self.table(rows, content_widths(rows), header_rows=1, size_pt=14.0,
                           row_height_mm=8.0)
                i = j
                continue
            self.paragraph(lines[i].strip(), where=where)
            i += 1

    def picture(self, path, width_mm: float = 150.0, caption: str = "") -> None:
        width_mm = min(width_mm, L.TEXT_W_MM)
        el = self.add(X.paragraph("", jc="center", line_pt=None, line_rule="auto"))
        from docx.shared import Mm
        from docx.text.paragraph import Paragraph as DocxParagraph

        DocxParagraph(el, self.doc._body).add_run().add_picture(str(path), width=Mm(width_mm))
        if caption:
            self.paragraph(caption, level=0, align="center", where="图片说明")
        self.stop_tracking()

    def table(self, rows: list, widths_mm: list, *, header_rows: int = 1,
              size_pt: float = 14.0, row_height_mm: float = 10.0) -> None:
        from .tables import ruled_table

        self.add(ruled_table(self, rows, widths_mm, header_rows=header_rows, size_pt=size_pt,
                             row_height_mm=row_height_mm))
        self.stop_tracking()

    def page_break(self) -> None:
        """The next paragraph or table starts a new page. Set as "page break before" on it,
        not as a break character: a break in a paragraph of its own after a full page would
        first take a line of the next page and then leave it blank (the 卷宗's empty page)."""
        self._break_pending = True
        self.stop_tracking()

    # ----------------------------------------------------------------- saving
    def save(self, path) -> None:
        from .fonttable import declare_fonts

        self._number_drawings()
        declare_fonts(self.doc, self.fonts.values())
        self.doc.save(str(path))
        note = punctuation_warning(self.punctuation_changes) if self.punctuation_changes else ""
        if note and note not in self.warnings:  # the clerk learns how many marks changed
            self.warnings.append(note)
        for font, chars in self.missing_chars.items():
            note = charset_warning(font, chars)
            if note not in self.warnings:
                self.warnings.append(note)

    def _number_drawings(self) -> None:
        """Unique ids for every drawing (ours and python-docx's pictures): Word repairs a
        document whose wp:docPr ids repeat."""
        parts = [self.doc.part] + [rel.target_part for rel in self.doc.part.rels.values()
                                   if rel.reltype.endswith(("/header", "/footer"))]
        next_id = 1
        for part in parts:
            for doc_pr in part.element.iter(f"{{{X.NS['wp']}}}docPr"):
                doc_pr.set("id", str(next_id))
                next_id += 1

    # ----------------------------------------------------------------- setup
    def _clear_template(self) -> None:
        """Theme fonts in the template override explicit ones (黑体 -> 等线): strip them."""
        styles = self.doc.styles.element
        for rfonts in styles.iter(qn("w:rFonts")):
            for attr in list(rfonts.attrib):
                if attr.endswith("Theme}") or "Theme" in attr:
                    del rfonts.attrib[attr]
        body_font = self.font("body")
        defaults = styles.find(qn("w:docDefaults"))
        rpr_default = defaults.find(qn("w:rPrDefault"))
        rpr_default.clear()
        rpr_default.append(X.element(
            X.rpr(body_font, L.BODY_PT).replace("<w:rPr>", f"<w:rPr {X.NSDECL}>", 1)))
        normal = self.doc.styles["Normal"]
        normal.font.name = body_font
        normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), body_font)

    def _setup_page(self, page_numbers: bool) -> None:
        section = self.doc.sections[0]
        from docx.shared import Mm

        section.page_width, section.page_height = Mm(L.PAGE_W_MM), Mm(L.PAGE_H_MM)
        section.top_margin, section.bottom_margin = Mm(L.TOP_MM), Mm(L.BOTTOM_MM)
        section.left_margin, section.right_margin = Mm(L.LEFT_MM), Mm(L.RIGHT_MM)
        section.header_distance = Mm(15)
        section.footer_distance = Mm(FOOTER_DISTANCE_MM)
        grid = self._sect.find(qn("w:docGrid"))
        if grid is None:
            grid = X.element(f'<w:docGrid {X.NSDECL}/>')
            self._sect.append(grid)
        for attr in list(grid.attrib):
            del grid.attrib[attr]
        # The line pitch Word's templates carry; no grid type, since LibreOffice doubles the
        # cells of a linesAndChars grid: exact line spacing and -0.25 pt do the 22 x 28.
        grid.set(qn("w:linePitch"), str(L.LINE_TWIPS))
        self.doc.settings.odd_and_even_pages_header_footer = True
        from .closing import page_number_footers

        page_number_footers(self, enabled=page_numbers)


def _page_break_before(paragraph) -> None:
    """Give a paragraph (lxml element) w:pageBreakBefore, in the schema's place in its pPr."""
    ppr = paragraph.find(qn("w:pPr"))
    if ppr is None:
        ppr = X.element(f"<w:pPr {X.NSDECL}/>")
        paragraph.insert(0, ppr)
    if ppr.find(qn("w:pageBreakBefore")) is not None:
        return
    anchor = None
    for tag in ("w:pStyle", "w:keepNext", "w:keepLines"):
        found = ppr.find(qn(tag))
        if found is not None:
            anchor = found
    element = X.element(f"<w:pageBreakBefore {X.NSDECL}/>")
    if anchor is None:
        ppr.insert(0, element)
    else:
        anchor.addnext(element)


HEADING_MAX_EM = 2 * L.CHARS_PER_LINE - 2  # a heading standing alone takes at most two lines


def is_standalone_heading(text: str, level: int) -> bool:
    """A heading that is a paragraph of its own (no sentence runs on after it)."""
    if level not in (1, 2, 3, 4):
        return False
    text = text.strip()
    # An item ending a sentence ("（一）如实陈述纠纷事实；") is a list item, not a heading:
    # chaining a list's items together could push a whole block to the next page.
    if "。" in text or text.endswith(("；", ";", "！", "？")):
        return False
    return printed_width(text) <= HEADING_MAX_EM


FOOTER_DISTANCE_MM = 25.2  # tuned so that the dashes sit 7 mm below the text block


def measure(text: str, size_pt: float = L.BODY_PT, spacing_pt: float = L.CHAR_SPACING_PT) -> float:
    """Width of a text in points (half-width digits count half), with character spacing."""
    return printed_width(text) * size_pt + len(text) * spacing_pt
