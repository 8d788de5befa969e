"""Measuring a rendered PDF the way a clerk's ruler would: millimetres from the paper's edges.

Text comes from PyMuPDF's character positions (baselines are exact); red marks and the page
number's dashes from the rasterised page, since a glyph's ink is what the eye measures.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import fitz  # PyMuPDF

PT_PER_MM = 72 / 25.4


def mm(value_pt: float) -> float:
    return value_pt / PT_PER_MM


@dataclass
class Line:
    """One printed line: characters sharing a baseline."""

    baseline: float  # mm from the top of the paper
    x0: float
    x1: float
    size: float  # pt
    text: str

    @property
    def chars(self) -> int:
        return len(self.text.replace(" ", ""))


def open_pdf(path) -> fitz.Document:
    return fitz.open(str(Path(path)))


def page_size(page) -> tuple:
    return round(mm(page.rect.width), 1), round(mm(page.rect.height), 1)


def lines(page) -> list:
    """Lines of text top to bottom (characters grouped by baseline, 0.6 pt tolerance)."""
    chars = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for ch in span["chars"]:
                    chars.append((ch["origin"][1], ch["bbox"][0], ch["bbox"][2], span["size"],
                                  ch["c"]))
    chars.sort(key=lambda c: (round(c[0] * 2) / 2, c[1]))
    out: list = []
    for y, x0, x1, size, c in chars:
        if out and abs(out[-1][0] - y) < 0.6:
            last = out[-1]
            last[1] = min(last[1], x0)
            last[2] = max(last[2], x1)
            last[3] = max(last[3], size)
            last[4].append((x0, c))
        else:
            out.append([y, x0, x1, size, [(x0, c)]])
    result = []
    for y, x0, x1, size, items in out:
        text = "".join(c for _, c in sorted(items))
        result.append(Line(mm(y), mm(x0), mm(x1), size, text))
    return result


def body_lines(page, *, size: float = 16.0) -> list:
    """Lines set in the body size (3号) inside the text block's height."""
    return [ln for ln in lines(page) if abs(ln.size - size) < 0.6 and 30 < ln.baseline < 265]


def line_top(line: Line, pitch_pt: float = 28.95) -> float:
    """Top of the exact-height line box the baseline sits in (baseline at 80%)."""
    return line.baseline - mm(0.8 * pitch_pt)


def line_bottom(line: Line, pitch_pt: float = 28.95) -> float:
    return line.baseline + mm(0.2 * pitch_pt)


def segments(page) -> list:
    """Straight strokes: (y_mm, x0_mm, x1_mm, width_pt, (r, g, b)) of horizontal lines."""
    found = []
    for drawing in page.get_drawings():
        rect = drawing["rect"]
        color = drawing.get("color") or drawing.get("fill")
        if rect.height < 3 and rect.width > 20:
            found.append((round(mm((rect.y0 + rect.y1) / 2), 2), round(mm(rect.x0), 2),
                          round(mm(rect.x1), 2), drawing.get("width") or rect.height,
                          tuple(round(c, 2) for c in (color or (0, 0, 0)))))
    return sorted(found)


def is_red(color) -> bool:
    return color[0] > 0.8 and color[1] < 0.2 and color[2] < 0.2


def ink_bbox(page, *, red: bool, clip_mm=None, dpi: int = 300):
    """(x0, y0, x1, y1) in mm of red (or dark) pixels within clip (x0, y0, x1, y1 mm), or None."""
    clip = fitz.Rect(*[v * PT_PER_MM for v in clip_mm]) if clip_mm else page.rect
    pix = page.get_pixmap(dpi=dpi, clip=clip, colorspace=fitz.csRGB, alpha=False)
    w, h, s = pix.width, pix.height, pix.samples
    xs, ys = [], []
    for y in range(h):
        row = s[y * w * 3:(y + 1) * w * 3]
        for x in range(0, w, 2):
            r, g, b = row[3 * x], row[3 * x + 1], row[3 * x + 2]
            hit = (r > 180 and g < 90 and b < 90) if red else (r < 110 and g < 110 and b < 110)
            if hit:
                xs.append(x)
                ys.append(y)
    if not xs:
        return None
    scale = 25.4 / dpi
    return (mm(clip.x0) + min(xs) * scale, mm(clip.y0) + min(ys) * scale,
            mm(clip.x0) + max(xs) * scale, mm(clip.y0) + max(ys) * scale)


@dataclass
class PageNumber:
    text: str
    x0: float
    x1: float
    dash_y: float  # mm: centre of the dashes' ink


def page_number(page):
    """The '— N —' line below the text block, or None."""
    for ln in lines(page):
        if ln.baseline > 263 and "—" in ln.text:
            dash_y = _dash_centre(page, ln)
            return PageNumber(ln.text.replace(" ", ""), ln.x0, ln.x1, dash_y)
    return None


def _dash_centre(page, ln: Line) -> float:
    """Centre line of the first dash's ink (a horizontal bar left of the digits)."""
    clip = (ln.x0, ln.baseline - 6, ln.x0 + 3.5, ln.baseline + 2)
    box = ink_bbox(page, red=False, clip_mm=clip, dpi=600)
    return (box[1] + box[3]) / 2 if box else float("nan")


def full_text(doc) -> str:
    return "".join(page.get_text() for page in doc)


TEXT_TOP_MM, TEXT_BOTTOM_MM = 37.0, 262.0


def block_lines(page) -> list:
    """Lines inside the text block (page numbers below it and marks above it left out)."""
    return [ln for ln in lines(page) if TEXT_TOP_MM - 1 < ln.baseline < TEXT_BOTTOM_MM + 1
            and ln.text.strip()]


def flowing_lines(doc) -> list:
    """(page index, Line) of every text-block line in reading order, page after page: for
    checks on what meets at a line end (a line and the next, across pages too)."""
    return [(i, ln) for i, page in enumerate(doc) for ln in block_lines(page)]
