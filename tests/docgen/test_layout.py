"""GB/T 9704 geometry measured on the rendered PDF of 1-, 3- and 30-page documents, 文件 and 信函."""
from __future__ import annotations

import docx
import pytest

from fazhi_desktop.docgen.render import write_document
from tests import pdfmeasure as M
from tests.docgen.samples import sample

pytestmark = pytest.mark.slow

CASES = [("file", 1), ("file", 3), ("file", 30), ("letter", 1), ("letter", 3), ("letter", 30)]
CHAR_MM = 16 / M.PT_PER_MM * 0.984  # one 3号 character with -0.25 pt spacing
SMALL_CHAR_MM = 14 / M.PT_PER_MM


@pytest.fixture(scope="module", params=CASES, ids=[f"{f}-{n}p" for f, n in CASES])
def rendered(request, tmp_path_factory, to_pdf):
    fmt, pages = request.param
    folder = tmp_path_factory.mktemp(f"{fmt}{pages}")
    path = folder / f"{fmt}{pages}.docx"
    result = write_document(sample(fmt, pages), path, check_fonts=False)
    pdf = M.open_pdf(to_pdf(path))
    return fmt, pages, result.path, pdf


def test_document_has_the_expected_number_of_a4_pages(rendered):
    fmt, pages, _, pdf = rendered
    assert len(pdf) == pages
    for page in pdf:
        assert M.page_size(page) == (210.0, 297.0)


def test_docx_reopens_with_python_docx(rendered):
    _, _, path, _ = rendered
    reopened = docx.Document(str(path))
    assert any("湛河区司法局" in p.text for p in reopened.paragraphs)


def test_full_pages_have_22_lines_of_28_characters_within_the_margins(rendered):
    fmt, pages, _, pdf = rendered
    full_pages = [pdf[i] for i in range(1, pages - 1)] or ([pdf[1]] if pages == 3 else [])
    if pages == 1:
        full_pages = []
    for page in full_pages:
        body = M.body_lines(page)
        assert len(body) == 22, [ln.text for ln in body]
        assert abs(M.line_top(body[0]) - 37) < 1.0  # top margin 37 mm
        assert abs(M.line_bottom(body[-1]) - 262) < 1.0  # bottom margin 35 mm
        full = [ln for ln in body if ln.x0 < 29]  # not the first line of a paragraph
        assert full and all(ln.chars == 28 for ln in full), [ln.text for ln in full if ln.chars != 28]
        assert all(abs(ln.x0 - 28) < 0.6 for ln in full)  # left margin 28 mm
        assert all(182.5 < ln.x1 <= 184.3 for ln in full)  # right margin 26 mm
        indented = [ln for ln in body if ln.x0 > 29]
        assert all(abs(ln.x0 - 28 - 2 * CHAR_MM) < 0.6 for ln in indented)


def test_mark_is_red_at_its_place_and_centred(rendered):
    fmt, _, _, pdf = rendered
    page = pdf[0]
    clip = (0, 0, 210, 90) if fmt == "file" else (0, 0, 210, 46)
    x0, y0, x1, _ = M.ink_bbox(page, red=True, clip_mm=clip)
    expected_top = 37 + 35 if fmt == "file" else 30
    assert abs(y0 - expected_top) < 1.0
    assert abs((x0 + x1) / 2 - 106) < 1.5  # centred on the text block
    assert x1 - x0 <= 156.5


def test_red_lines_are_where_the_standard_puts_them(rendered):
    fmt, _, _, pdf = rendered
    page = pdf[0]
    red = [s for s in M.segments(page) if M.is_red(s[4])]
    number = next(ln for ln in M.lines(page) if "〔2022〕" in ln.text)
    number_ink_bottom = number.baseline + 0.08 * 16 / M.PT_PER_MM
    if fmt == "file":
        assert len(red) == 1
        y, x0, x1, _, _ = red[0]
        assert abs(x0 - 28) < 0.3 and abs(x1 - 184) < 0.3  # as wide as the text block
        assert abs(y - number_ink_bottom - 4) < 1.0  # 4 mm below the document number
        assert abs(number.x0 - 28 - CHAR_MM) < 0.6  # upward: one character from the left
        # 签发人 on the same line, its name ending one character from the right
        assert "签发人：杨晓伟" in number.text
        assert abs(number.x1 - (184 - CHAR_MM)) < 1.0
    else:
        assert len(red) == 4
        top, bottom = red[:2], red[2:]
        for y, x0, x1, _, _ in red:
            assert abs(x0 - 20) < 0.3 and abs(x1 - 190) < 0.3  # 170 mm, centred
        assert top[0][3] > top[1][3]  # thick over thin
        assert bottom[0][3] < bottom[1][3]  # thin over thick
        assert abs(bottom[1][0] - 277) < 1.0  # 20 mm above the paper's bottom
        mark_bottom = M.ink_bbox(page, red=True, clip_mm=(0, 0, 210, 46))[3]
        assert abs(top[0][0] - top[0][3] / 2 / M.PT_PER_MM - mark_bottom - 4) < 1.0
        assert abs(number.x1 - 184) < 0.6  # flush right
        assert all(not M.segments(p) for p in pdf[1:])  # only on the first page


def test_page_numbers_alternate_sides_7mm_below_the_text_block(rendered):
    fmt, pages, _, pdf = rendered
    for index, page in enumerate(pdf, 1):
        number = M.page_number(page)
        if fmt == "letter" and index == 1:
            assert number is None
            continue
        assert number is not None and number.text == f"—{index}—"
        assert abs(number.dash_y - 269) < 1.0
        if index % 2:
            assert abs(number.x1 - (184 - SMALL_CHAR_MM)) < 1.0
        else:
            assert abs(number.x0 - (28 + SMALL_CHAR_MM)) < 1.0


def test_colophon_sits_at_the_bottom_of_the_last_page_only(rendered):
    fmt, _, _, pdf = rendered
    last = pdf[-1]
    for page in pdf[:-1]:
        assert "抄送" not in page.get_text()
    cc = next(ln for ln in M.lines(last) if ln.text.startswith("抄送："))
    assert cc.text.endswith("。")
    assert abs(cc.x0 - 28 - SMALL_CHAR_MM) < 0.6  # one character in
    rules = [s for s in M.segments(last) if not M.is_red(s[4])]
    if fmt == "file":
        assert len(rules) == 3
        (y1, _, _, w1, _), (y2, _, _, w2, _), (y3, x0, x1, w3, _) = rules
        assert abs(y3 - 262) < 0.6 and abs(x0 - 28) < 0.3 and abs(x1 - 184) < 0.3
        assert w1 > w2 and w3 > w2  # thick, thin, thick
        printed = next(ln for ln in M.lines(last) if ln.text.endswith("印发"))
        assert y2 < printed.baseline < y3
        assert abs(printed.x1 - (184 - SMALL_CHAR_MM)) < 0.8
    else:
        assert rules == []  # 信函: no lines, no 印发
        assert "印发" not in last.get_text()
        assert 255 < cc.baseline < 262
