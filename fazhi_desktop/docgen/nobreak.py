"""Spans that must not break across lines: numbers with their measure word, 发文字号, case
numbers, bracketed counts, dates, phone numbers and the name after 联系人.

How a span is held together (measured with LibreOffice 7.4; see docs/printing.md):

1. A span is a run of its own whose languages (Latin and East Asian) are en-US. With zh-CN (the
   language of all other text) LibreOffice 7.4 breaks even inside a run of digits
   ("单位有 2 / 8 个") and ignores word joiners; with en-US it breaks by the Unicode rules (ICU),
   which keep digits together and honour the joiner. Every run of digits is such a span.
2. Inside a span, U+2060 WORD JOINER sits between characters where a line could otherwise
   break (around ideographs and brackets). It has no width and prints nothing. Word and WPS are
   expected to honour it as Unicode says (UAX #14, class WJ): not verified here.

OOXML has no run property for "keep these characters on one line" (w:noBreakHyphen and the
non-breaking space cover hyphens and spaces only), hence the joiner.
"""
from __future__ import annotations

import re

WJ = "\u2060"
_HAN = r"\u4e00-\u9fff"
_UNITS = "个人件份号项次届条名家起户张页元角岁天周月年日时分秒米亩吨台辆所批轮期类篇部册本套余多万亿千百"
PATTERNS = (
    re.compile(rf"[{_HAN}]{{1,6}}[〔\[(（]\d{{4}}[〕\])）]\d+号"),  # 发文字号 平湛司〔2022〕26号
    re.compile(rf"[（(]\d{{4}}[）)][{_HAN}]{{1,10}}第?\d+号"),  # case number （2022）湛调字第15号
    re.compile(rf"[（(]\s*\d+\s*[{_UNITS}]{{1,2}}[）)]"),  # bracketed count （1份）
    re.compile(r"\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{4}年度?"),  # dates
    re.compile(r"\d{1,2}[:：]\d{2}"),  # times 9:30
    re.compile(r"\d[\d*]{5,}[\dXx]"),  # masked ID and phone numbers 138****2345
    re.compile(r"(?<!\d)(?:0\d{2,3}-)?\d{7,8}(?!\d)|(?<!\d)1\d{10}(?!\d)"),  # phones
    re.compile(rf"第?\d+(?:\.\d+)*(?:%|‰|[{_UNITS}]{{1,2}})|第\d+"),  # 第15号 28个 3000元 99.5%
    re.compile(r"[（(〔\[]\d{4}[）)〕\]]"),  # a bracketed year, when the whole number is too wide
    re.compile(r"\d+(?:\.\d+)*"),  # any other run of digits
)
_ANY = re.compile("|".join(f"(?:{p.pattern})" for p in PATTERNS))
_CANDIDATE = re.compile(r"\d|人[：:]|员[：:]|人姓名")  # every span has a digit or a name label
# The name after 联系人/签发人/经办人/联系人姓名 (2 to 6 characters, or with a middle dot).
NAME = re.compile(rf"(?:联系人|签发人|经办人|承办人|调解员|记录人)(?:姓名)?[：:]\s*([{_HAN}·]{{2,4}})")


def spans(text: str, fits=None) -> list:
    """(start, end) of every span to hold together, merged where they touch or overlap.

    fits(span_text) -> bool: spans that do not fit (wider than a narrow table cell) are not
    held, so that the line breaks between their parts (their own smaller spans) rather than
    anywhere; LibreOffice would otherwise break an over-long held span at any character."""
    if not _CANDIDATE.search(text):  # most runs: nothing to hold
        return []
    if fits is None:  # one pass over the text; the leftmost pattern's match wins
        found = [(m.start(), m.end()) for m in _ANY.finditer(text) if m.end() > m.start()]
    else:  # every pattern: the parts of a span too wide for the cell are needed too
        found = [(m.start(), m.end()) for pattern in PATTERNS for m in pattern.finditer(text)
                 if m.end() > m.start()]
    # the name alone: held with its label too, a note would rather spread its first line
    found += [(m.start(1), m.end(1)) for m in NAME.finditer(text)]
    if fits is not None:
        found = [(a, b) for a, b in found if fits(text[a:b])]
    merged: list = []
    for start, end in sorted(found):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    if fits is not None:  # overlapping spans merged into something too wide: keep the parts
        merged = [m for m in merged if fits(text[m[0]:m[1]])]
    return merged


def pieces(text: str, fits=None) -> list:
    """The text as (piece, held_together) pairs, in order."""
    out, pos = [], 0
    for start, end in spans(text, fits):
        if start > pos:
            out.append((text[pos:start], False))
        out.append((text[start:end], True))
        pos = end
    if pos < len(text):
        out.append((text[pos:], False))
    return out


def _breakable(a: str, b: str) -> bool:
    """Whether a line could break between a and b in an en-US run, so that a joiner is
    needed. Between printable ASCII characters the Unicode rules already forbid it (digits,
    letters, "*" of a masked number, "." and "-" before a digit), except after a space,
    a hyphen or a slash."""
    return not (a.isascii() and b.isascii() and a.isprintable() and b.isprintable()
                and a not in " -/" and b != " ")


def join(text: str) -> str:
    """The text with word joiners wherever a line could break inside it."""
    if len(text) < 2:
        return text
    out = [text[0]]
    for a, b in zip(text, text[1:]):
        if _breakable(a, b):
            out.append(WJ)
        out.append(b)
    return "".join(out)


def visible(text: str) -> str:
    """The text as printed (without the joiners): for searching a document's text."""
    return text.replace(WJ, "")
