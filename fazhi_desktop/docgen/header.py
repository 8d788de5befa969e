"""版头: the 文件 and 信函 header blocks, the red lines, and what sits between them and the title.

Positions follow gbt9704.md. All first-page lines have exact heights, and LibreOffice (like
Word) sets a line's baseline at 80% of an exact line height, so each glyph's top edge is known:
baseline - 0.84 em for the ideographs of 小标宋/仿宋 (and of the Noto CJK substitutes).
"""
from __future__ import annotations

import math
from typing import Optional

from . import layout as L
from . import ooxml as X
from .composer import Composer, measure
from .model import FileHeader, LetterHeader

BASELINE = 0.8  # baseline at 80% of an exact line height
INK_TOP, INK_BOTTOM = 0.84, 0.08  # ideograph ink above / below the baseline, in em
MARK_PT = 42.0  # 初号; condensed (character scaling) to fit the line
MIN_SCALE = 0.6
SEPARATOR_PT = 2.0
LETTER_THICK_PT, LETTER_THIN_PT, LETTER_GAP_PT = 2.0, 0.75, 1.5
TEXT_TOP_PT = L.mm_to_pt(L.TOP_MM)


def mark_size(width_em: float, available_pt: float) -> tuple:
    """(size in pt, character scale) for a mark `width_em` characters wide."""
    size = MARK_PT
    scale = min(1.0, available_pt / (width_em * size)) if width_em else 1.0
    if scale < MIN_SCALE:
        scale = MIN_SCALE
        size = available_pt / (width_em * scale)
    return size, scale


def _ink_line_top(ink_top_pt: float, size: float, height: float) -> float:
    """Where a line of exact `height` must start for its glyphs' top edge to be at ink_top."""
    return ink_top_pt - BASELINE * height + INK_TOP * size


def file_header(c: Composer, h: FileHeader, *, corner_mark: str = "") -> None:
    """文件 format: 份号/密级/紧急, mark, number (and 签发人), red separator. Leaves the cursor
    just below the number line; `title_area` then places the title."""
    anchors = corner_box(c, corner_mark, y_mm=L.TOP_MM) if corner_mark else ""
    c.spacer(1, anchors)
    for text, role in ((h.copy_number, "body"), (h.secrecy, "heading1"), (h.urgency, "heading1")):
        if text:
            c.line(c.run(c.clean(text, "版头"), role))
    names = [c.clean(n, "发文机关标志") for n in h.marks if n and n.strip()]
    suffix = c.clean(h.suffix, "发文机关标志")
    mark_top = L.mm_to_pt(L.MARK_TOP_IN_BLOCK_MM)
    if len(names) <= 1:
        text = (names[0] if names else "") + suffix
        size, scale = mark_size(measure(text, 1, 0), L.TEXT_W_PT * 0.96)
        height = size * 1.3
        c.spacer(_ink_line_top(mark_top, size, height) - c.cursor_pt)
        c.line(_mark_run(c, text, size, scale), height_pt=height, jc="center")
        ink_bottom = c.cursor_pt - height + BASELINE * height + INK_BOTTOM * size
    else:
        ink_bottom = _joint_mark(c, names, suffix, mark_top)
    # 发文字号 (and 签发人) two lines below the mark
    first_ink_top = ink_bottom + 2 * L.LINE_PITCH_PT
    first_line_top = _ink_line_top(first_ink_top, L.BODY_PT, L.LINE_PITCH_PT)
    c.spacer(first_line_top - c.cursor_pt)
    number = c.clean(h.doc_number, "发文字号")
    signers = [c.clean(s, "签发人") for s in h.signers if s and s.strip()]
    if signers:
        _upward_lines(c, number, signers)
    else:
        c.line(c.run(number), jc="center")
    number_baseline = c.cursor_pt - L.LINE_PITCH_PT + BASELINE * L.LINE_PITCH_PT
    sep_y = number_baseline + INK_BOTTOM * L.BODY_PT + L.mm_to_pt(L.SEPARATOR_GAP_MM)
    c.spacer(1, X.line_shape(x_mm=L.LEFT_MM, y_mm=L.pt_to_mm(TEXT_TOP_PT + sep_y),
                             width_mm=L.TEXT_W_MM, weight_pt=SEPARATOR_PT, name="分隔线"))
    c.last_element_bottom_pt = sep_y


def _mark_run(c: Composer, text: str, size: float, scale: float) -> str:
    run = c.run(text, "title", size, color=L.RED, spacing_pt=0)
    if scale < 0.995:
        run = run.replace("<w:sz ", f'<w:w w:val="{round(scale * 100)}"/><w:sz ', 1)
    return run


def _joint_mark(c: Composer, names: list, suffix: str, mark_top: float) -> float:
    """Joint issue: the names stacked (lead first), 文件 to their right, vertically centred."""
    widest = max(measure(n, 1, 0) for n in names)
    suffix_w = measure(suffix, 1, 0)
    available = L.TEXT_W_PT * 0.96 - (suffix_w * MARK_PT * 0.9 if suffix else 0)
    size, scale = mark_size(widest, available)
    height = size * 1.3
    c.spacer(_ink_line_top(mark_top, size, height) - c.cursor_pt)
    names_w = widest * size * scale + 4
    suffix_cell = suffix_w * size * scale + 8 if suffix else 0
    left_pad = (L.TEXT_W_PT - names_w - suffix_cell) / 2
    widths = [left_pad, names_w] + ([suffix_cell] if suffix else []) + [left_pad]
    rows = []
    for i, name in enumerate(names):
        cells = [("", None), (_mark_run(c, name, size, scale), "distribute")]
        if suffix:
            cells.append((_mark_run(c, suffix, size, scale) if i == 0 else "", "center",
                          "restart" if i == 0 else "continue"))
        cells.append(("", None))
        rows.append(cells)
    from .tables import layout_table

    c.add(layout_table(rows, widths, row_height_pt=height))
    c.cursor_pt += height * len(names)
    return c.cursor_pt - height + BASELINE * height + INK_BOTTOM * size


def _upward_lines(c: Composer, number: str, signers: list) -> None:
    """Number one character from the left on the last 签发人 line; signers two per line,
    aligned under the first name, one character from the right. Where a long 发文字号 and two
    long names (湛依法治区办〔2022〕2号, 阿卜杜拉·买买提) would run into each other on that
    line, one name a line (GB/T 9704 7.2.4: "一般每行排两个姓名")."""
    label = "签发人："
    number_end = L.CHAR_PT + measure(number) + L.CHAR_PT  # at least a character before 签发人
    for per_line in (2, 1):
        pairs = ["　".join(signers[i:i + per_line]) for i in range(0, len(signers), per_line)]
        names_x = L.TEXT_W_PT - L.CHAR_PT - max(measure(p) for p in pairs)
        label_x = names_x - measure(label) - 1
        if not number or number_end <= label_x:
            break
    tabs = (("left", label_x), ("left", names_x))
    for i, names in enumerate(pairs):
        last = i == len(pairs) - 1
        runs = (c.run(number) if last and number else "") + c.run("\t")
        runs += c.run(label if i == 0 else "") + c.run("\t") + c.run(names, "heading2")
        c.line(runs, jc="left", left_pt=L.CHAR_PT, tabs=tabs)


def letter_header(c: Composer, h: LetterHeader, *, corner_mark: str = "") -> None:
    """信函 format: mark 30 mm from the paper's top, red double lines top and bottom, number
    flush right 7/8 of a character below the upper line; 份号 etc. flush left."""
    mark = c.clean(h.mark, "发文机关标志")
    size, scale = mark_size(measure(mark, 1, 0), L.TEXT_W_PT * 0.96)
    height = size * 1.3
    top = L.mm_to_pt(L.LETTER_MARK_TOP_MM)
    box_y = top - BASELINE * height + INK_TOP * size
    box = X.text_box(X.paragraph(_mark_run(c, mark, size, scale), jc="center", line_pt=height),
                     x_mm=L.LEFT_MM, y_mm=L.pt_to_mm(box_y), width_mm=L.TEXT_W_MM,
                     height_mm=L.pt_to_mm(height), name="发文机关标志")
    ink_bottom = top + (INK_TOP + INK_BOTTOM) * size
    thick_y = ink_bottom + L.mm_to_pt(L.LETTER_LINE_GAP_MM) + LETTER_THICK_PT / 2
    thin_y = thick_y + LETTER_THICK_PT / 2 + LETTER_GAP_PT + LETTER_THIN_PT / 2
    x = (L.PAGE_W_MM - L.LETTER_LINE_W_MM) / 2
    page_h = L.mm_to_pt(L.PAGE_H_MM - L.LETTER_BOTTOM_LINE_MM)
    lines = [(thick_y, LETTER_THICK_PT), (thin_y, LETTER_THIN_PT),
             (page_h - LETTER_THICK_PT / 2 - LETTER_GAP_PT - LETTER_THIN_PT / 2, LETTER_THIN_PT),
             (page_h, LETTER_THICK_PT)]
    anchors = box + "".join(
        X.line_shape(x_mm=x, y_mm=L.pt_to_mm(y), width_mm=L.LETTER_LINE_W_MM, weight_pt=w,
                     name="信函红线") for y, w in lines)
    if corner_mark:
        anchors += corner_box(c, corner_mark, y_mm=16)
    c.spacer(1, anchors)
    line_bottom = thin_y + LETTER_THIN_PT / 2 - TEXT_TOP_PT  # in text-block coordinates
    number = c.clean(h.doc_number, "发文字号")
    left_items = [c.clean(t, "版头") for t in (h.copy_number, h.secrecy, h.urgency) if t]
    if number or left_items:
        ink_top = line_bottom + L.BODY_PT * 7 / 8
        c.spacer(_ink_line_top(ink_top, L.BODY_PT, L.LINE_PITCH_PT) - c.cursor_pt)
        first = left_items.pop(0) if left_items else ""
        role = "body" if first and first == h.copy_number else "heading1"
        runs = (c.run(first, role) if first else "") + c.run("\t" + number)
        c.line(runs, jc="left", tabs=(("right", L.TEXT_W_PT),))
        for item in left_items:
            c.line(c.run(item, "heading1"), jc="left")
        c.last_element_bottom_pt = c.cursor_pt
    else:
        c.last_element_bottom_pt = max(line_bottom, c.cursor_pt)


def corner_box(c: Composer, text: str, *, y_mm: float) -> str:
    """The handling-result class at the first page's top right (3号黑体)."""
    width = 40.0
    para = X.paragraph(c.run(c.clean(text, "办理结果"), "heading1"), jc="right")
    return X.text_box(para, x_mm=L.LEFT_MM + L.TEXT_W_MM - width, y_mm=y_mm, width_mm=width,
                      height_mm=L.pt_to_mm(L.LINE_PITCH_PT), name="办理结果")


def title_area(c: Composer, above_title: str = "", *, after_pt: Optional[float] = None) -> None:
    """Two blank lines between the header block and the title, snapped to the grid; a text
    such as "办理结果：A" takes the first of them."""
    last = getattr(c, "last_element_bottom_pt", None)
    if last is None or c.cursor_pt is None:
        if above_title:
            c.line(c.run(c.clean(above_title, "办理结果")), jc="left")
        return
    target = last + 2 * L.LINE_PITCH_PT - 8
    title_top = math.ceil(target / L.LINE_PITCH_PT - 1e-6) * L.LINE_PITCH_PT
    if above_title:
        c.spacer(title_top - 2 * L.LINE_PITCH_PT - c.cursor_pt)
        c.line(c.run(c.clean(above_title, "办理结果")), jc="left")
    c.spacer(title_top - c.cursor_pt)
