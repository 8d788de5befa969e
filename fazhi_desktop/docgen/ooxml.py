"""WordprocessingML snippets the engine writes by hand: runs, paragraphs, shapes, text boxes.

python-docx covers little of what a red-header document needs (East Asian fonts, exact line
pitch, anchored red lines), so these builders emit the XML directly, with child elements in the
order the schema requires (Word reports a damaged file otherwise).
"""
from __future__ import annotations

import itertools
from typing import Iterable, Optional

from docx.oxml import parse_xml

from . import layout as L
from . import nobreak as NB



def escape(text: str, entities: Optional[dict] = None) -> str:
    """xml.sax.saxutils.escape, the same result, without importing it: saxutils imports
    urllib.request and http.client, 70 ms of every process that writes a document (issue 16)."""
    text = text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;")
    for key, value in (entities or {}).items():
        text = text.replace(key, value)
    return text


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {
    "w": W_NS,
    "wp": "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "pic": "http://schemas.openxmlformats.org/drawingml/2006/picture",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "wps": "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
}
NSDECL = " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())

_shape_ids = itertools.count(1000)


def rpr(font: str, size_pt: float, *, bold: bool = False, color: Optional[str] = None,
        spacing_pt: float = L.CHAR_SPACING_PT, east_asian_lang: str = "zh-CN",
        latin_lang: Optional[str] = None) -> str:
    """Run properties: one font for every script (East Asian set explicitly), zh-CN language.

    w:hint="eastAsia" makes the ambiguous-width characters (“ ” — …) take the East Asian font.
    `latin_lang` (default: the East Asian language) en-US keeps runs of digits together in
    LibreOffice; `east_asian_lang` en-US is for a span held together by word joiners
    (docgen/nobreak.py), which LibreOffice honours only outside its Chinese line breaking.
    """
    f = escape(font, {'"': "&quot;"})
    parts = [f'<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}" w:hint="eastAsia"/>']
    if bold:
        parts.append("<w:b/><w:bCs/>")
    if color:
        parts.append(f'<w:color w:val="{color}"/>')
    if spacing_pt:
        parts.append(f'<w:spacing w:val="{round(spacing_pt * 20)}"/>')
    half = round(size_pt * 2)
    parts.append(f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>')
    latin = latin_lang or east_asian_lang
    parts.append(f'<w:lang w:val="{latin}" w:eastAsia="{east_asian_lang}" w:bidi="ar-SA"/>')
    return "<w:rPr>" + "".join(parts) + "</w:rPr>"


def run(text: str, font: str, size_pt: float, *, nobreak=False, **kw) -> str:
    """A run; tab characters become <w:tab/> and newlines manual line breaks <w:br/>.

    nobreak: the spans of docgen/nobreak.py (numbers, dates, 发文字号 …) become runs of their
    own that no line break splits; a callable instead of True tells which spans fit the line
    (see nobreak.spans)."""
    if nobreak:
        # Latin language en-US throughout: digits (and a masked 138****2345) then hold by
        # themselves; only spans with Chinese characters need runs of their own.
        fits = nobreak if callable(nobreak) else None
        out, plain = [], ""
        for piece, held in NB.pieces(text, fits):
            if held and not piece.isascii():
                if plain:
                    out.append(run(plain, font, size_pt, latin_lang="en-US", **kw))
                    plain = ""
                out.append(run(NB.join(piece), font, size_pt, east_asian_lang="en-US", **kw))
            else:
                plain += NB.join(piece) if held else piece
        if plain or not out:
            out.append(run(plain, font, size_pt, latin_lang="en-US", **kw))
        return "".join(out)
    props = rpr(font, size_pt, **kw)
    pieces = []
    for i, line in enumerate(text.split("\n")):
        if i:
            pieces.append("<w:br/>")
        for j, chunk in enumerate(line.split("\t")):
            if j:
                pieces.append("<w:tab/>")
            if chunk:
                pieces.append(f'<w:t xml:space="preserve">{escape(chunk)}</w:t>')
    return f"<w:r>{props}{''.join(pieces)}</w:r>"


def ppr(*, jc: Optional[str] = None, line_pt: Optional[float] = L.LINE_PITCH_PT,
        line_rule: str = "exact", before_pt: float = 0, after_pt: float = 0,
        left_pt: float = 0, right_pt: float = 0, first_pt: float = 0, hanging_pt: float = 0,
        tabs: Iterable = (), keep_next: bool = False, keep_lines: bool = False,
        page_break_before: bool = False, borders: str = "", widow: bool = False,
        mark_rpr: str = "") -> str:
    """Paragraph properties in schema order. tabs: (kind, position_pt) pairs."""
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if keep_lines:
        parts.append("<w:keepLines/>")
    if page_break_before:
        parts.append("<w:pageBreakBefore/>")
    # Widow control off: a grid of 22 lines must stay 22 lines on every full page.
    parts.append("<w:widowControl/>" if widow else '<w:widowControl w:val="0"/>')
    if borders:
        parts.append(f"<w:pBdr>{borders}</w:pBdr>")
    tabs = list(tabs)
    if tabs:
        parts.append("<w:tabs>" + "".join(
            f'<w:tab w:val="{kind}" w:pos="{L.pt_to_twips(pos)}"/>' for kind, pos in tabs) + "</w:tabs>")
    # Measured with LibreOffice 7.4 on justified text: with overflowPunct absent or "0" a
    # line-end "，" that would be the 29th character vanishes from the page; with an explicit
    # "1" the line breaks one character earlier. (Word hangs the comma in the margin.)
    parts.append('<w:overflowPunct w:val="1"/>')
    # The space between Chinese and digits/Latin is left on: LibreOffice 7.4 adds it whatever
    # w:autoSpaceDN says, and hand-made replies (seed 000: "2019 年") show it in Word too.
    spacing = f'<w:spacing w:before="{L.pt_to_twips(before_pt)}" w:after="{L.pt_to_twips(after_pt)}"'
    if line_pt is not None:
        spacing += f' w:line="{L.pt_to_twips(line_pt)}" w:lineRule="{line_rule}"'
    elif line_rule == "auto":
        spacing += ' w:line="240" w:lineRule="auto"'
    parts.append(spacing + "/>")
    ind = f'<w:ind w:left="{L.pt_to_twips(left_pt)}" w:right="{L.pt_to_twips(right_pt)}"'
    if hanging_pt:
        ind += f' w:hanging="{L.pt_to_twips(hanging_pt)}"'
    else:
        ind += f' w:firstLine="{L.pt_to_twips(first_pt)}"'
    parts.append(ind + "/>")
    if jc:
        parts.append(f'<w:jc w:val="{jc}"/>')
    if mark_rpr:
        parts.append(mark_rpr)
    return "<w:pPr>" + "".join(parts) + "</w:pPr>"


def paragraph(runs: str, **kw) -> str:
    return f"<w:p {NSDECL}>{ppr(**kw)}{runs}</w:p>"


def element(xml: str):
    return parse_xml(xml)


def border(side: str, width_pt: float, color: str = "000000", space_pt: int = 0) -> str:
    return (f'<w:{side} w:val="single" w:sz="{round(width_pt * 8)}" w:space="{space_pt}" '
            f'w:color="{color}"/>')


def _anchor(body: str, *, x_emu: int, y_emu: int, cx: int, cy: int, name: str,
            behind: bool = False, rel_h: str = "page", rel_v: str = "page") -> str:
    shape_id = next(_shape_ids)
    return (
        f'<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        f'relativeHeight="{251660000 + shape_id}" behindDoc="{1 if behind else 0}" locked="0" '
        f'layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/>'
        f'<wp:positionH relativeFrom="{rel_h}"><wp:posOffset>{x_emu}</wp:posOffset></wp:positionH>'
        f'<wp:positionV relativeFrom="{rel_v}"><wp:posOffset>{y_emu}</wp:posOffset></wp:positionV>'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:wrapNone/><wp:docPr id="{shape_id}" name="{escape(name)}{shape_id}"/>'
        '<wp:cNvGraphicFramePr/>'
        f'{body}</wp:anchor>')


def line_shape(*, x_mm: float, y_mm: float, width_mm: float, weight_pt: float,
               color: str = L.RED, name: str = "红线") -> str:
    """A horizontal line anchored to the page; y is the line's centre. Returns a run."""
    cx = L.mm_to_emu(width_mm)
    graphic = (
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvCnPr/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="0"/></a:xfrm>'
        '<a:prstGeom prst="line"><a:avLst/></a:prstGeom>'
        f'<a:ln w="{L.pt_to_emu(weight_pt)}"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:ln>'
        '</wps:spPr><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>')
    anchor = _anchor(graphic, x_emu=L.mm_to_emu(x_mm), y_emu=L.mm_to_emu(y_mm), cx=cx, cy=0,
                     name=name)
    return _drawing_run(anchor)


def text_box(paragraphs_xml: str, *, x_mm: float, y_mm: float, width_mm: float,
             height_mm: float, name: str = "文本框") -> str:
    """A borderless, unfilled text box anchored to the page (no effect on the text flow)."""
    cx, cy = L.mm_to_emu(width_mm), L.mm_to_emu(height_mm)
    graphic = (
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr>'
        f'<a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
        '</wps:spPr>'
        f'<wps:txbx><w:txbxContent>{paragraphs_xml}</w:txbxContent></wps:txbx>'
        '<wps:bodyPr rot="0" vert="horz" wrap="square" lIns="0" tIns="0" rIns="0" bIns="0" '
        'anchor="t" anchorCtr="0"><a:noAutofit/></wps:bodyPr>'
        '</wps:wsp></a:graphicData></a:graphic>')
    anchor = _anchor(graphic, x_emu=L.mm_to_emu(x_mm), y_emu=L.mm_to_emu(y_mm), cx=cx, cy=cy,
                     name=name)
    return _drawing_run(anchor)


def picture_anchor(rel_id: str, *, x_mm: float, y_mm: float, width_mm: float,
                   height_mm: float, rel_h: str = "page", rel_v: str = "page",
                   name: str = "印章") -> str:
    """An image (e.g. the electronic seal) floating in front of the text."""
    cx, cy = L.mm_to_emu(width_mm), L.mm_to_emu(height_mm)
    shape_id = next(_shape_ids)
    graphic = (
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{shape_id}" name="{name}.png"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip r:embed="{rel_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        '</a:graphicData></a:graphic>')
    anchor = _anchor(graphic, x_emu=L.mm_to_emu(x_mm), y_emu=L.mm_to_emu(y_mm), cx=cx, cy=cy,
                     name=name, rel_h=rel_h, rel_v=rel_v)
    return f"<w:r><w:drawing>{anchor}</w:drawing></w:r>"


def _drawing_run(anchor: str) -> str:
    # Word 2010+ takes the wps shape from mc:Choice; older readers skip it.
    return ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
            f'{anchor}</w:drawing></mc:Choice></mc:AlternateContent></w:r>')


def page_field_runs(font: str, size_pt: float) -> str:
    """'— N —' with N a PAGE field."""
    props = rpr(font, size_pt, spacing_pt=0)
    return (f'<w:r>{props}<w:t xml:space="preserve">— </w:t></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r>{props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="separate"/></w:r>'
            f'<w:r>{props}<w:t>1</w:t></w:r>'
            f'<w:r>{props}<w:fldChar w:fldCharType="end"/></w:r>'
            f'<w:r>{props}<w:t xml:space="preserve"> —</w:t></w:r>')
