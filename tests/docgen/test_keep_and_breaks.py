"""Headings keep with their paragraph, page breaks leave no empty page, tall table rows may
split (issue 13, 2): the properties in the file. Their effect on paper is measured in
test_every_document.py."""
from __future__ import annotations

import pytest
from docx.oxml.ns import qn

from fazhi_desktop.docgen.composer import Composer, is_standalone_heading
from fazhi_desktop.docgen.text import heading_level


def _paragraph(c: Composer, startswith: str):
    return next(p for p in c.doc.paragraphs if p.text.startswith(startswith))


def _has(paragraph, tag: str) -> bool:
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.find(qn(tag)) is not None


def test_a_heading_on_its_own_line_keeps_with_the_next_paragraph():
    c = Composer()
    for text in ("二、下一步工作", "（一）加强组织领导", "1.完善制度", "（1）细化分工",
                 "（二）高位谋划，推动落实。一是党的领导持续加强。", "（一）如实陈述纠纷事实；", "正文。"):
        c.paragraph(text)
    for start in ("二、", "（一）加强", "1.", "（1）"):
        assert _has(_paragraph(c, start), "w:keepNext"), start
    for start in ("（二）", "（一）如实", "正文"):  # run-in heading, list item, plain text
        assert not _has(_paragraph(c, start), "w:keepNext"), start


def test_standalone_heading_rules():
    assert is_standalone_heading("一、当事人享有下列权利：", heading_level("一、当事人享有下列权利："))
    assert not is_standalone_heading("一、" + "很长的标题" * 12, 1)  # three lines: a paragraph
    assert not is_standalone_heading("普通段落", 0)


def test_a_page_break_starts_the_next_paragraph_on_a_new_page_without_a_break_paragraph():
    c = Composer()
    c.paragraph("第一页。")
    c.page_break()
    c.paragraph("第二页。")
    assert _has(_paragraph(c, "第二页"), "w:pageBreakBefore")
    assert not c.doc.element.body.findall(".//" + qn("w:br"))
    assert len([p for p in c.doc.paragraphs]) == 2


def test_a_table_after_a_page_break_gets_a_one_point_paragraph_that_starts_the_page():
    c = Composer()
    c.paragraph("第一页。")
    c.page_break()
    c.table([["甲", "乙"]], [78, 78], header_rows=0)
    table = c.doc.element.body.find(qn("w:tbl"))
    before = table.getprevious()
    assert before.tag == qn("w:p") and before.find(qn("w:pPr")).find(qn("w:pageBreakBefore")) is not None


def test_tall_table_rows_may_break_across_pages_short_ones_stay_whole():
    c = Composer()
    c.table([["短", "一行"], ["长", "很长的内容。" * 200]], [30, 126], header_rows=0)
    rows = c.doc.element.body.find(qn("w:tbl")).findall(qn("w:tr"))
    assert rows[0].find(qn("w:trPr")).find(qn("w:cantSplit")) is not None
    assert rows[1].find(qn("w:trPr")).find(qn("w:cantSplit")) is None


@pytest.mark.slow
def test_the_signature_never_stands_on_a_page_without_body_text(tmp_path):
    """Bodies ending on each of the last lines of page 1: the page with the signature, the date
    and the contact line always shows body text too (GB/T 9704), and no page is empty."""
    from fazhi_desktop.docgen.render import write_document
    from fazhi_desktop.office.libreoffice import convert_many, find_soffice
    from tests import pdfmeasure as M
    from tests.docgen import typesetting as T
    from tests.docgen.samples import FILLER, paragraphs, sample

    if not find_soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    paths = []
    for lines in range(6, 12):
        doc = sample("file", 1)
        doc.body = ["\n".join(paragraphs(lines, per_paragraph=3))]
        doc.contact = "联系单位及电话：湛河区司法局 2818989 联系人：王丙寅"
        paths.append(write_document(doc, tmp_path / f"body{lines}.docx", check_fonts=False).path)
    for path, pdf in zip(paths, convert_many(paths, "pdf", tmp_path)):
        document = M.open_pdf(pdf)
        last = [T.flat(ln.text) for ln in M.block_lines(document[-1])]
        assert any(len(t) >= 12 and t[:4] in FILLER * 2 for t in last), (path.name, last)
        assert not T.empty_pages(document), path.name
