"""GB/T 9704-2012 figures as constants, and unit conversions (mm, pt, twips, EMU).

Every number the engine lays out by comes from here (the figures are listed in words in
docs/documents.md, "The red-header format in numbers"), so a change of rule is one edit, and the
tests measure the rendered PDF against the same figures.
"""
from __future__ import annotations

PAGE_W_MM, PAGE_H_MM = 210.0, 297.0
TOP_MM, BOTTOM_MM, LEFT_MM, RIGHT_MM = 37.0, 35.0, 28.0, 26.0
TEXT_W_MM = PAGE_W_MM - LEFT_MM - RIGHT_MM  # 156
TEXT_H_MM = PAGE_H_MM - TOP_MM - BOTTOM_MM  # 225

LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_PT = 28.95  # 22 lines fill 225 mm; 29 pt already overflows to 21 lines
CHAR_SPACING_PT = -0.25  # 28 cells of 15.75 pt fit the 442 pt line, 29 do not
BODY_PT = 16.0  # 3号
TITLE_PT = 22.0  # 2号
SMALL_PT = 14.0  # 4号: 版记 and page numbers
CHAR_PT = BODY_PT + CHAR_SPACING_PT  # the advance of one 3号 character

RED = "FF0000"
MARK_TOP_IN_BLOCK_MM = 35.0  # 文件 format: mark's top edge below the text block's top
LETTER_MARK_TOP_MM = 30.0  # 信函 format: mark's top edge below the paper's top
LETTER_LINE_GAP_MM = 4.0  # double line 4 mm below the mark
LETTER_BOTTOM_LINE_MM = 20.0  # lower double line 20 mm above the paper's bottom
LETTER_LINE_W_MM = 170.0
SEPARATOR_GAP_MM = 4.0  # 文件 format: red separator 4 mm below the document number
PAGE_NUMBER_GAP_MM = 7.0  # the page number's dashes 7 mm below the text block
THICK_LINE_PT = 1.0  # 0.35 mm
THIN_LINE_PT = 0.75  # 0.25 mm (0.26)
SEAL_DIAMETER_MM = 42.0

# Ideographic em box: a CJK glyph's ink runs from about 0.12 em below to 0.88 em above the
# baseline in the fonts offices use (and in the Noto CJK substitutes); used to place a mark's
# top edge and to measure it.
CJK_ASCENT = 0.88


def mm_to_twips(mm: float) -> int:
    return round(mm / 25.4 * 1440)


def pt_to_twips(pt: float) -> int:
    return round(pt * 20)


def mm_to_emu(mm: float) -> int:
    return round(mm * 36000)


def pt_to_emu(pt: float) -> int:
    return round(pt * 12700)


def mm_to_pt(mm: float) -> float:
    return mm / 25.4 * 72


def pt_to_mm(pt: float) -> float:
    return pt * 25.4 / 72


TEXT_W_PT = mm_to_pt(TEXT_W_MM)
TEXT_W_TWIPS = mm_to_twips(TEXT_W_MM)
LINE_TWIPS = round(LINE_PITCH_PT * 20)  # 579
