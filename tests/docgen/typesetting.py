"""What a clerk checks when reading a rendered document, as functions over its PDF: spans split
at a line end, headings stranded at a page's foot, pages without text, half-width marks between
Chinese characters, doubled words. Each returns what it found (empty: all is well)."""
from __future__ import annotations

import re

from fazhi_desktop.docgen import nobreak
from tests import pdfmeasure as M

HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．]|（\d+）)[^。；]*$")
HALF_WIDTH_IN_CHINESE = re.compile(r"[\u4e00-\u9fff][,:;?!()]|[,:;?!()][\u4e00-\u9fff]")
DOUBLED = re.compile(r"关于[“《]?关于|(的?(?:提案|建议|议案|意见))[》”]?\1|第第|号号|委员委员|代表代表|纠纷纠纷")
CHAR_MM = 15.75 / M.PT_PER_MM
RIGHT_MM = 184.0


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def split_spans(pdf) -> list:
    """Numbers, dates, 发文字号, counts … (docgen/nobreak.py) that a line end cuts in two."""
    flow = M.flowing_lines(pdf)
    split = []
    for (page, a), (_, b) in zip(flow, flow[1:]):
        # b continues a's paragraph when a is full and b starts at the left margin (no
        # indent); other pairs are a paragraph's end and the next one's start
        if a.x1 < RIGHT_MM - 0.6 * CHAR_MM or abs(b.x0 - 28) > 1.0:
            continue
        left, right = flat(a.text), flat(b.text)
        for start, end in nobreak.spans(left + right):
            if start < len(left) < end:
                split.append(f"第{page + 1}页：…{left[-10:]} / {right[:10]}…")
    return split


def stranded_headings(pdf) -> list:
    """Headings on a line of their own that are the last body line of a page (not the last)."""
    stranded = []
    for index, page in enumerate(pdf[:-1]):
        body = [ln for ln in M.block_lines(page) if abs(ln.size - 16) < 0.6]
        if body and HEADING.match(flat(body[-1].text)) and body[-1].x1 < RIGHT_MM - 2 * CHAR_MM:
            stranded.append(f"第{index + 1}页末行：{body[-1].text}")
    return stranded


def empty_pages(pdf) -> list:
    """Numbers (from 1) of pages with no text in the text block."""
    return [i + 1 for i, page in enumerate(pdf) if not M.block_lines(page)]


def half_width_marks(pdf) -> list:
    """Lines (and line joins) where , : ; ? ! ( ) touch a Chinese character."""
    flow = [flat(ln.text) for _, ln in M.flowing_lines(pdf)]
    found = [line for line in flow if HALF_WIDTH_IN_CHINESE.search(line)]
    found += [a[-3:] + "/" + b[:3] for a, b in zip(flow, flow[1:])
              if HALF_WIDTH_IN_CHINESE.search(a[-1:] + b[:1])]
    return found


def text_of(pdf) -> str:
    return flat("".join(ln.text for _, ln in M.flowing_lines(pdf)))


def doubled_words(text: str) -> list:
    """关于“关于…, …的建议》的建议, 第第, 委员委员 …"""
    return [m.group() for m in DOUBLED.finditer(text)]
