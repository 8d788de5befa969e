"""Seed 000 entered as a proposal renders to the reply the office sent, paragraph for paragraph."""
from __future__ import annotations

import re

import docx
import pytest

from fazhi_desktop.docgen.nobreak import visible
from fazhi_desktop.docgen.punctuation import fullwidth
from fazhi_desktop.docgen.replies import default_filename, render_reply
from tests import pdfmeasure as M

pytestmark = pytest.mark.slow


def _flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def seed_reply(tmp_path_factory, to_pdf):
    import json

    from fazhi_desktop.core.registry import Registry
    from tests.conftest import FIXTURES

    folder = tmp_path_factory.mktemp("seed")
    registry = Registry.open(folder / "office.sqlite3")
    registry.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
    record = registry.save("proposal", json.loads(
        (FIXTURES / "seed000_proposal.json").read_text("utf-8")))
    out = folder / default_filename("proposal", record)
    result = render_reply(registry, "proposal", record["id"], out)
    registry.close()
    pdf = M.open_pdf(to_pdf(result.path))
    return record, result, pdf


def test_default_file_name_is_the_reply_title(seed_proposal):
    assert default_filename("proposal", seed_proposal) == "对区政协六届一次会议第28号提案的答复.docx"


def test_reply_carries_the_seed_text_paragraph_for_paragraph(seed_reply):
    record, result, _ = seed_reply
    paragraphs = [visible(p.text) for p in docx.Document(str(result.path)).paragraphs if p.text.strip()]
    reply = record["reply"]
    expected = ["办理结果：A", "对区政协六届一次会议\n第28号提案的答复", "胡校丽委员：",
                "您提出的关于加强法治政府建设的提案收悉。现答复如下："]
    # the seed's one pasted half-width pair, 案(事)件, is set full-width
    expected += fullwidth(reply["body"])[0].split("\n")
    expected += ["湛河区司法局", "2022年8月8日",
                 "联系单位及电话：湛河区司法局 2818989 联系人：王丙寅"]
    start = paragraphs.index("办理结果：A")
    assert paragraphs[start:start + len(expected)] == expected


def test_rendered_pdf_shows_every_seed_paragraph_and_the_closing_block(seed_reply):
    record, _, pdf = seed_reply
    text = _flat("".join(ln.text for page in pdf for ln in M.lines(page)
                         if ln.baseline < 263))  # page numbers left out
    for paragraph in fullwidth(record["reply"]["body"])[0].split("\n"):
        assert _flat(paragraph) in text, paragraph[:20]
    for piece in ("平湛司〔2022〕26号", "签发人：杨晓伟", "办理结果：A", "胡校丽委员：",
                  "抄送：区政协提案委（3份），区委区政府督查局（1份）。",
                  "平顶山市湛河区司法局办公室2022年8月8日印发"):
        assert _flat(piece) in text, piece


def test_first_page_layout_of_the_seed_reply(seed_reply):
    _, _, pdf = seed_reply
    page = pdf[0]
    lines = M.lines(page)
    mark = M.ink_bbox(page, red=True, clip_mm=(0, 0, 210, 95))
    assert abs(mark[1] - 72) < 1.0
    separator = [s for s in M.segments(page) if M.is_red(s[4])]
    assert len(separator) == 1
    result_line = next(ln for ln in lines if ln.text.startswith("办理结果"))
    title = [ln for ln in lines if abs(ln.size - 22) < 0.5]
    assert [ln.text.replace(" ", "") for ln in title] == ["对区政协六届一次会议", "第28号提案的答复"]
    # the class takes the first blank line under the red line, one blank line above the title
    assert separator[0][0] < result_line.baseline < title[0].baseline
    assert abs(title[0].baseline - result_line.baseline - 2 * 28.95 / M.PT_PER_MM) < 0.5
    assert abs((title[0].x0 + title[0].x1) / 2 - 106) < 1.5  # centred
    assert any(ln.text.startswith("您提出的") for ln in lines)  # body text on the first page


def test_last_page_holds_signature_date_and_the_colophon_at_the_bottom(seed_reply):
    _, _, pdf = seed_reply
    text = "".join(page.get_text() for page in pdf[-2:])
    assert "湛河区司法局" in text and "印发" in pdf[-1].get_text()
    rules = [s for s in M.segments(pdf[-1]) if not M.is_red(s[4])]
    assert abs(rules[-1][0] - 262) < 0.6


def test_contact_line_prints_as_in_the_seed_on_one_line_after_the_date(seed_reply):
    _, _, pdf = seed_reply
    lines = [ln for page in pdf for ln in M.lines(page)]
    date = max(i for i, ln in enumerate(lines) if _flat(ln.text) == "2022年8月8日")
    contact = lines[date + 1]
    # one line, no parentheses, as seed 000 prints it
    assert _flat(contact.text) == "联系单位及电话：湛河区司法局2818989联系人：王丙寅"
    assert contact.text.strip()[0] == "联" and "（" not in contact.text
    # two characters in from the left margin (28 mm), on the line right after the date
    assert abs(contact.x0 - (28 + 2 * 15.75 / M.PT_PER_MM)) < 1.0
    assert 0 < contact.baseline - lines[date].baseline < 1.5 * 28.95 / M.PT_PER_MM
    assert contact.x1 <= 210 - 26 + 0.5


def test_seed_reply_reads_right_to_a_clerk(seed_reply):
    """Issue 13 on the real reply: no number split at a line end ("第15 / 号"), no heading at a
    page's foot, no empty page, no half-width mark in Chinese text, nothing doubled."""
    from tests.docgen import typesetting as T

    _, result, pdf = seed_reply
    assert not T.split_spans(pdf)
    assert not T.stranded_headings(pdf)
    assert not T.empty_pages(pdf)
    assert not T.half_width_marks(pdf)
    assert not T.doubled_words(T.text_of(pdf))
    assert any("文中有2个半角标点" in w for w in result.warnings)  # 案(事)件
