"""Issue 13, points 1 and 2, measured on the rendered PDF of every document type the engine
writes (replies, a co-signer's copy, 征询意见表, 会办意见, 人民调解协议书, 卷宗, yearly report),
made from awkward records (tests/docgen/every_document.py): long titles, co-signers, co-units,
numbers and dates near line ends, pasted half-width punctuation, headings anywhere on a page."""
from __future__ import annotations

import re

import pytest

from fazhi_desktop.docgen.punctuation import fullwidth
from tests import pdfmeasure as M
from tests.docgen import every_document as E
from tests.docgen import typesetting as T

pytestmark = pytest.mark.slow

NAMES = ["reply_proposal", "reply_cosigner", "reply_suggestion", "opinion_form",
         "assist_opinion", "agreement", "case_file", "report"]
PITCH_MM = 28.95 / M.PT_PER_MM
CHAR_MM = 15.75 / M.PT_PER_MM


@pytest.fixture(scope="module")
def documents(tmp_path_factory):
    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.office.libreoffice import convert_many, find_soffice

    if not find_soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("every")
    registry = Registry.open(folder / "office.sqlite3")
    try:
        paths, warnings = E.render_all(registry, folder)
    finally:
        registry.close()
    pdfs = convert_many(list(paths.values()), "pdf", folder / "pdf")
    assert all(pdfs), pdfs
    return {name: (M.open_pdf(pdf), warnings[name]) for name, pdf in zip(paths, pdfs)}


@pytest.mark.parametrize("name", NAMES)
def test_no_number_date_document_number_or_count_is_split_across_lines(documents, name):
    assert not T.split_spans(documents[name][0])


@pytest.mark.parametrize("name", NAMES)
def test_no_heading_is_the_last_line_of_a_page(documents, name):
    assert not T.stranded_headings(documents[name][0])


@pytest.mark.parametrize("name", NAMES)
def test_every_page_holds_text(documents, name):
    assert not T.empty_pages(documents[name][0]), f"{name}: 这些页没有正文"


@pytest.mark.parametrize("name", NAMES)
def test_no_half_width_punctuation_between_chinese_characters(documents, name):
    assert not T.half_width_marks(documents[name][0])


@pytest.mark.parametrize("name", NAMES)
def test_no_generated_sentence_doubles_a_word(documents, name):
    assert not T.doubled_words(T.text_of(documents[name][0]))


def test_replies_name_the_item_and_the_people_as_real_replies_do(documents):
    texts = {name: T.text_of(documents[name][0]) for name in ("reply_proposal", "reply_cosigner", "reply_suggestion")}
    assert f"胡校丽委员：您提出的《{E.LONG_TITLE}》收悉。现答复如下：" in texts["reply_proposal"]
    assert "李明委员：您提出的《" in texts["reply_cosigner"]
    assert "王芳代表：您提出的关于加强社区矫正工作的建议收悉。" in texts["reply_suggestion"]
    assert "对区政协六届一次会议第28号提案的答复" in texts["reply_proposal"]


@pytest.mark.parametrize("name", ["reply_proposal", "reply_suggestion", "agreement", "case_file"])
def test_warnings_say_how_many_half_width_marks_were_changed(documents, name):
    _, warnings = documents[name]
    counts = [int(m.group(1)) for w in warnings for m in [re.search(r"文中有(\d+)个半角标点", w)] if m]
    assert counts and counts[0] > 0, warnings
    if name == "reply_proposal":  # only the body carries pasted marks
        assert counts[0] == fullwidth(E.reply_body())[1]


@pytest.mark.parametrize("name", NAMES)
def test_text_stays_inside_the_margins(documents, name):
    pdf, _ = documents[name]
    for index, page in enumerate(pdf):
        assert M.page_size(page) == (210.0, 297.0)
        outside = [ln.text for ln in M.block_lines(page) if ln.x0 < 27.5 or ln.x1 > 184.5]
        assert not outside, f"第{index + 1}页：{outside}"


@pytest.mark.parametrize("name", ["reply_proposal", "reply_cosigner", "reply_suggestion",
                                  "assist_opinion"])
def test_body_lines_stay_on_the_22_line_grid(documents, name):
    pdf, _ = documents[name]
    for index, page in enumerate(pdf[1:], 2):  # page 1's header block has its own measures
        for ln in M.block_lines(page):
            if abs(ln.size - 16) < 0.6:
                steps = (M.line_top(ln) - 37) / PITCH_MM
                assert abs(steps - round(steps)) < 0.05, (index, ln.text, steps)
