"""Tables as WordprocessingML: ruled tables for forms and bodies, borderless ones for layout,
and the floating 版记 table anchored to the bottom of the page."""
from __future__ import annotations

import math

from . import layout as L
from . import ooxml as X
from .text import printed_width, text_width

CELL_MARGIN_PT = 4.0

_NO_BORDERS = "".join(f'<w:{s} w:val="nil"/>' for s in ("top", "left", "bottom", "right",
                                                        "insideH", "insideV"))


def _tbl(rows_xml: str, widths_pt: list, *, borders: str, tblpr_extra: str = "",
         cell_margin_pt: float = 0) -> str:
    widths = [max(1, L.pt_to_twips(w)) for w in widths_pt]
    margin = L.pt_to_twips(cell_margin_pt)
    return (
        f"<w:tbl {X.NSDECL}><w:tblPr>{tblpr_extra}"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="{margin}" w:type="dxa"/>'
        f'<w:bottom w:w="0" w:type="dxa"/><w:right w:w="{margin}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>'
        "</w:tblPr><w:tblGrid>"
        + "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        + f"</w:tblGrid>{rows_xml}</w:tbl>"), widths


def _cell(width_twips: int, paragraphs: str, *, vmerge: str = "", valign: str = "center",
          span: int = 1) -> str:
    props = f'<w:tcW w:w="{width_twips}" w:type="dxa"/>'
    if span > 1:
        props += f'<w:gridSpan w:val="{span}"/>'
    if vmerge:
        props += f'<w:vMerge w:val="{vmerge}"/>' if vmerge == "restart" else "<w:vMerge/>"
    props += f'<w:vAlign w:val="{valign}"/>'
    return f"<w:tc><w:tcPr>{props}</w:tcPr>{paragraphs}</w:tc>"


def _row(cells: str, height_pt: float, rule: str = "exact", header: bool = False,
         cant_split: bool = True) -> str:
    head = "<w:tblHeader/>" if header else ""
    keep = "<w:cantSplit/>" if cant_split else ""
    return (f'<w:tr><w:trPr>{keep}<w:trHeight w:val="{L.pt_to_twips(height_pt)}" '
            f'w:hRule="{rule}"/>{head}</w:trPr>{cells}</w:tr>')


def layout_table(rows: list, widths_pt: list, *, row_height_pt: float) -> str:
    """Borderless table; each cell (runs, jc[, vmerge]) holds one exact-height line."""
    xml_rows = []
    twips = [max(1, L.pt_to_twips(w)) for w in widths_pt]
    for cells in rows:
        parts = []
        for width, cell in zip(twips, cells):
            runs, jc = cell[0], cell[1]
            vmerge = cell[2] if len(cell) > 2 else ""
            para = X.paragraph(runs, jc=jc, line_pt=row_height_pt)
            parts.append(_cell(width, para, vmerge=vmerge))
        xml_rows.append(_row("".join(parts), row_height_pt))
    xml, _ = _tbl("".join(xml_rows), widths_pt, borders=_NO_BORDERS)
    return xml


def content_widths(rows: list, total_mm: float = L.TEXT_W_MM) -> list:
    """Column widths in mm summing to `total_mm`, by each column's longest cell (a narrow
    column keeps room for four characters, a wide one takes at most twenty)."""
    columns = max((len(r) for r in rows), default=1)
    wants = []
    for c in range(columns):
        longest = max((max((text_width(line) for line in (r[c] if c < len(r) else "").split("\n")),
                           default=0) for r in rows), default=0)
        wants.append(min(max(longest, 4.0), 20.0))
    total = sum(wants) or 1
    widths = [round(total_mm * w / total, 1) for w in wants]
    widths[-1] = round(total_mm - sum(widths[:-1]), 1)
    return widths


def tabbed_rows(lines: list) -> list:
    """Lines pasted from a spreadsheet (cells separated by tabs) as rows of equal length."""
    rows = [[cell.strip() for cell in line.split("\t")] for line in lines]
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def ruled_table(c, rows: list, widths_mm: list, *, header_rows: int = 1, size_pt: float = 14.0,
                row_height_mm: float = 10.0, header_role: str = "heading1") -> str:
    """A ruled table (all lines 0.5 pt); text centred in header rows, justified elsewhere.

    A cell text may be a str or (str, {"span": n, "align": "left", "height_mm": h}) for merged
    cells; `height_mm` makes its row at least that high (room to write by hand).
    """
    widths_pt = [L.mm_to_pt(w) for w in widths_mm]
    twips = [max(1, L.pt_to_twips(w)) for w in widths_pt]
    line = size_pt * 1.5
    xml_rows = []
    for r, cells in enumerate(rows):
        header = r < header_rows
        parts, col, lines, height_mm = [], 0, 1, row_height_mm
        for cell in cells:
            text, opts = (cell, {}) if not isinstance(cell, tuple) else cell
            height_mm = max(height_mm, opts.get("height_mm", 0))  # a box to write in
            span = opts.get("span", 1)
            width = sum(twips[col:col + span])
            col += span
            jc = opts.get("align") or ("center" if header else "left")
            room = width / 20 - 2 * CELL_MARGIN_PT
            texts = str(text or "").split("\n") or [""]
            paras = "".join(
                X.paragraph(c.run(c.clean(t, "表格"), header_role if header else "body", size_pt,
                                  spacing_pt=0, nobreak=_fits(room, size_pt)), jc=jc, line_pt=line)
                for t in texts)
            parts.append(_cell(width, paras, span=span))
            lines = max(lines, sum(max(1, math.ceil(printed_width(t) * size_pt / room))
                                   for t in texts))
        # A row taller than a third of the page may break across pages: kept whole, it would
        # leave most of a page empty before it (a long 纠纷简要情况 in the 卷宗).
        can_split = lines * line > L.mm_to_pt(L.TEXT_H_MM) / 3
        xml_rows.append(_row("".join(parts), L.mm_to_pt(height_mm), rule="atLeast",
                             header=header, cant_split=not can_split))
    borders = "".join(X.border(s, 0.5) for s in ("top", "left", "bottom", "right", "insideH",
                                                  "insideV"))
    xml, _ = _tbl("".join(xml_rows), widths_pt, borders=borders, cell_margin_pt=CELL_MARGIN_PT)
    return xml


def _fits(room_pt: float, size_pt: float):
    """nobreak predicate for a cell: a span is held only when it fits the cell's line."""
    return lambda span: printed_width(span) * size_pt <= room_pt


def bottom_table_box(rows: list, *, bottom_mm: float, thick: bool = True) -> str:
    """The 版记: rows of (paragraphs_xml, height_pt) in a one-column table as wide as the text
    block, inside a text box anchored to the page so its last line lies on `bottom_mm`.

    Returns a run. Text wraps above and below the box, so a last page too full for the 版记
    moves it (with its anchor paragraph) to a page of its own. LibreOffice imports a floating
    table (w:tblpPr) as wide as the text block inline; a page-anchored text box stays put.
    """
    height = sum(h for _, h in rows)
    if thick:
        borders = (X.border("top", L.THICK_LINE_PT) + '<w:left w:val="nil"/>'
                   + X.border("bottom", L.THICK_LINE_PT) + '<w:right w:val="nil"/>'
                   + X.border("insideH", L.THIN_LINE_PT) + '<w:insideV w:val="nil"/>')
    else:
        borders = _NO_BORDERS
    width = L.TEXT_W_TWIPS
    xml_rows = "".join(_row(_cell(width, paras), h) for paras, h in rows)
    table, _ = _tbl(xml_rows, [L.TEXT_W_PT], borders=borders)
    # A text box's content must end with a paragraph.
    content = table + X.paragraph("", line_pt=1)
    box = X.text_box(content, x_mm=L.LEFT_MM, y_mm=bottom_mm - L.pt_to_mm(height),
                     width_mm=L.TEXT_W_MM, height_mm=L.pt_to_mm(height), name="版记")
    return box.replace("<wp:wrapNone/>", "<wp:wrapTopAndBottom/>")
