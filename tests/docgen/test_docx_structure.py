"""What Word and WPS read from the file: explicit East Asian fonts per heading level, no theme
fonts, Chinese language, the character spacing and line pitch of the 22 x 28 grid."""
from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn

from fazhi_desktop.docgen import nobreak
from fazhi_desktop.docgen.nobreak import visible
from fazhi_desktop.docgen.model import OfficialDocument, Signature
from fazhi_desktop.docgen.render import write_document

FONTS = {"title": "方正小标宋简体", "body": "仿宋_GB2312", "heading1": "黑体",
         "heading2": "楷体_GB2312", "page_number": "宋体"}


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    path = tmp_path_factory.mktemp("structure") / "doc.docx"
    body = ["一、关于“对法治政府建设意义认识不足”的问题",
            "（一）高位谋划，推动法治政府建设落到实处。一是党的领导持续加强。",
            "1.第三级标题。正文。", "普通段落，“引号”和—破折号。"]
    doc = OfficialDocument(title="关于某事的报告", addressee="区委", body=["\n".join(body)],
                           signature=Signature(["湛河区司法局"], "2022-08-08"),
                           fonts=dict(FONTS, body="仿宋"))
    write_document(doc, path, check_fonts=False)
    return path, docx.Document(str(path))


def _runs(document, startswith):
    """(text, East Asian font) of a paragraph's runs, neighbours in one font merged (digits
    are runs of their own: docgen/nobreak.py)."""
    paragraph = next(p for p in document.paragraphs if p.text.startswith(startswith))
    merged = []
    for run in paragraph.runs:
        text, font = visible(run.text), run._r.rPr.rFonts.get(qn("w:eastAsia"))
        if merged and merged[-1][1] == font:
            merged[-1] = (merged[-1][0] + text, font)
        else:
            merged.append((text, font))
    return merged


def test_heading_levels_take_their_fonts_and_run_in_headings_stop_at_the_full_stop(written):
    _, document = written
    assert _runs(document, "一、") == [("一、关于“对法治政府建设意义认识不足”的问题", "黑体")]
    assert _runs(document, "（一）") == [("（一）高位谋划，推动法治政府建设落到实处。", "楷体_GB2312"),
                                        ("一是党的领导持续加强。", "仿宋")]
    assert _runs(document, "1.") == [("1.第三级标题。正文。", "仿宋")]  # the profile's body font


def test_every_run_is_chinese_with_explicit_fonts_and_grid_spacing(written):
    _, document = written
    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            rpr = run._r.rPr
            fonts = rpr.rFonts
            assert fonts.get(qn("w:eastAsia")) and fonts.get(qn("w:ascii"))
            assert fonts.get(qn("w:hint")) == "eastAsia"  # “ ” — in the Chinese font
            # Chinese, except a span held on one line (digits, dates …: docgen/nobreak.py)
            lang = rpr.find(qn("w:lang")).get(qn("w:eastAsia"))
            assert rpr.find(qn("w:lang")).get(qn("w:val")) in ("zh-CN", "en-US")
            assert lang == "zh-CN" or (lang == "en-US" and run.text == nobreak.join(
                visible(run.text)) and nobreak.spans(visible(run.text)) == [(0, len(visible(run.text)))])
    body = next(p for p in document.paragraphs if p.text.startswith("普通段落"))
    assert body.runs[0]._r.rPr.find(qn("w:spacing")).get(qn("w:val")) == "-5"  # -0.25 pt
    spacing = body._p.pPr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")


def test_no_theme_fonts_and_a4_page_with_gb_margins(written):
    path, document = written
    with zipfile.ZipFile(path) as z:
        styles = z.read("word/styles.xml").decode("utf-8")
    assert "Theme=" not in styles  # 黑体 would turn into 等线
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert [round(m.mm) for m in (section.top_margin, section.bottom_margin, section.left_margin,
                                  section.right_margin)] == [37, 35, 28, 26]
    assert document.settings.odd_and_even_pages_header_footer


def test_file_names_are_safe_for_windows(seed_proposal):
    from fazhi_desktop.docgen.replies import default_filename

    seed_proposal["reply"]["title"] = "关于“A/B”的复函"
    assert default_filename("proposal", seed_proposal, signer="胡校丽") == "关于“A／B”的复函（胡校丽）.docx"


def test_font_table_names_what_word_prints_when_a_font_is_missing(written):
    path, _ = written
    with zipfile.ZipFile(path) as z:
        table = z.read("word/fontTable.xml").decode("utf-8")
    assert '<w:font w:name="仿宋"><w:altName w:val="仿宋_GB2312"/><w:charset w:val="86"/>' in table
    assert '<w:font w:name="楷体_GB2312"><w:altName w:val="楷体"/>' in table


def test_contact_line_has_no_parentheses_while_a_note_keeps_them(tmp_path):
    """A reply's contact line prints as the offices write it; other documents' 附注 in （）."""
    path = tmp_path / "notes.docx"
    doc = OfficialDocument(title="关于某事的函", addressee="区委", body=["正文。"],
                           signature=Signature(["湛河区司法局"], "2022-08-08"),
                           contact="联系单位及电话：湛河区司法局 2818989 联系人：王丙寅",
                           notes=["此件公开发布"], fonts=FONTS)
    write_document(doc, path, check_fonts=False)
    texts = [visible(p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    date = texts.index("2022年8月8日")
    assert texts[date + 1:date + 3] == ["联系单位及电话：湛河区司法局 2818989 联系人：王丙寅",
                                        "（此件公开发布）"]
