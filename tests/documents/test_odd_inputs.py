"""The documents made from odd but real inputs (tests/documents/odd_inputs.py), read as the clerk
who signs them: rendered by the command line, printed to PDF by LibreOffice and measured.

Each test names what was wrong before its fix.
"""
from __future__ import annotations

import pytest

from tests import pdfmeasure as M
from tests.documents import odd_inputs as O

NAMES = ("proposal2-reply", "proposal2-form", "proposal4-reply", "suggestion1-second",
         "mediation-agreement", "mediation-casefile")


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """name -> (pdf path, the command's output) for the documents the tests read."""
    from fazhi_desktop.office.libreoffice import convert_many, find_soffice

    if not find_soffice():
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("odd")
    done = O.render_all(folder, only=NAMES)
    for name, (path, status, output) in done.items():
        assert status == 0 and path is not None, (name, output)
    names = list(done)
    pdfs = convert_many([done[n][0] for n in names], "pdf", folder / "pdf")
    return {n: (pdf, done[n][2]) for n, pdf in zip(names, pdfs)}


def chars(page) -> list:
    """(baseline mm, x0 mm, x1 mm, character) of every character on the page."""
    out = []
    for block in page.get_text("rawdict")["blocks"]:
        for line in block.get("lines", []):
            for span in line["spans"]:
                for ch in span["chars"]:
                    out.append((M.mm(ch["origin"][1]), M.mm(ch["bbox"][0]), M.mm(ch["bbox"][2]),
                                ch["c"]))
    return out


def text_of(pdf) -> str:
    from fazhi_desktop.docgen.nobreak import visible

    return visible(M.full_text(M.open_pdf(pdf)).replace("\n", ""))


def test_a_long_number_and_two_long_signer_names_do_not_run_into_each_other(rendered):
    """湛依法治区办〔2022〕2号 and 签发人：阿卜杜拉·买买提　王䶮 did not fit one line: the tab to
    签发人 lay left of the number's end, 签发人 was pushed right and the names wrapped,
    阿卜杜拉·买买 / 提　王䶮, onto the red line. The names now go one a line, the number stays
    on the last one with at least a character before the name beside it."""
    pdf, _ = rendered["proposal2-reply"]
    page = M.open_pdf(pdf)[0]
    found = [c for c in chars(page) if c[3] == "〔"]
    assert found, "no 发文字号"
    baseline = found[0][0]
    on_line = sorted((c for c in chars(page) if abs(c[0] - baseline) < 0.3 and c[3].strip()
                      and c[3] != "\u2060"), key=lambda c: c[1])
    text = "".join(c[3] for c in on_line)
    assert text.startswith("湛依法治区办〔2022〕2号"), text
    for a, b in zip(on_line, on_line[1:]):
        assert b[1] >= a[2] - 0.2, (a, b)  # nothing printed over anything
    end = next(i for i, c in enumerate(on_line) if c[3] == "号")
    if end + 1 < len(on_line):
        assert on_line[end + 1][1] - on_line[end][2] >= 5.0, text  # a character: 5.6 mm
    # Before: 签发人 was pushed right, 阿卜杜拉·买买 / 提　王䶮 wrapped onto a line over the red line.
    red = min(y for y, x0, x1, w, color in M.segments(page) if M.is_red(color) and x1 - x0 > 100)
    texts = [ln.text.replace(" ", "") for ln in M.lines(page) if ln.baseline < red + 5]
    assert any("阿卜杜拉·买买提" in t for t in texts), texts
    for ln in M.lines(page):
        if "䶮" in ln.text or "阿卜杜拉·" in ln.text.replace(" ", ""):
            if ln.baseline < red + 5:  # the header's names, not the addressee below
                assert ln.baseline < red - 1.5, (ln.text, ln.baseline, red)


def test_an_agreement_among_five_parties_and_a_company_is_worded_for_them(rendered):
    """Three applicants, a company and a third party sign it: 双方当事人 left three of them out,
    the company 住 at an address like a person and had a 法定代理人 like a child."""
    text = text_of(rendered["mediation-agreement"][0])
    assert "调解委员会调解，各方当事人自愿达成如下协议" in text
    assert "双方当事人" not in text
    assert "平顶山市湛河区阳光苑物业服务有限公司，住所地平顶山市湛河区曹镇乡" in text
    assert "法定代表人：王䶮（该公司总经理）" in text
    assert "法定代理人：张堃（张小堃之父）" in text  # a child's guardian keeps its word
    assert "阿卜杜拉·买买提，男，汉族" in text
    register = text_of(rendered["mediation-casefile"][0])
    assert "物业服务有限公司，住所地" in register


def test_a_two_party_agreement_still_says_both():
    from fazhi_desktop.docgen.mediation import both_or_all

    two = {"parties": [{"name": "张三"}, {"name": "李四"}]}
    assert both_or_all(two) == "双方"
    assert both_or_all(O.MEDIATION) == "各方"


def test_a_company_is_told_by_its_name_a_person_never():
    from fazhi_desktop.core.mediation import is_organisation

    for name in ("平顶山市湛河区阳光苑物业服务有限公司", "湛河区曹镇乡后营村村民委员会",
                 "平顶山市某某建筑工程队劳务合作社", "河南某律师事务所"):
        assert is_organisation({"name": name}), name
    for name in ("王站", "欧阳振华", "阿卜杜拉·买买提", "诸葛中心"):
        assert not is_organisation({"name": name}), name


def test_characters_the_fonts_lack_are_named_before_printing(rendered):
    """李𠮷 as contact person (仿宋_GB2312 body), 王䶮 as 签发人 (楷体_GB2312): Word and WPS print
    them in another font or as a box; nothing said so before."""
    _, output = rendered["proposal2-reply"]
    assert "“𠮷”不在字体“仿宋_GB2312”的字库（GB2312）中" in output, output
    assert "“䶮”不在字体“楷体_GB2312”的字库（GB2312）中" in output, output


def test_a_document_in_gb2312_characters_only_says_nothing_about_fonts(tmp_path):
    from fazhi_desktop.docgen.composer import Composer

    c = Composer()
    c.paragraph("阿卜杜拉·买买提委员：您提出的《关于Wi-Fi全覆盖的建议》收悉。☑")
    c.save(tmp_path / "a.docx")
    assert not [w for w in c.warnings if "字库" in w]
    c = Composer({"body": "仿宋"})  # a GBK font has 堃 but not 䶮
    c.paragraph("张堃、王䶮")
    c.save(tmp_path / "b.docx")
    assert [w for w in c.warnings if "字库" in w] == [
        next(w for w in c.warnings if w.startswith("“䶮”不在字体“仿宋”的字库（GBK）中"))]


def test_the_opinion_form_lists_the_members_by_name_only(rendered):
    """An author typed 欧阳娜娜委员 stood as the only one with 委员 under 提出委员."""
    text = text_of(rendered["proposal2-form"][0])
    assert "阿卜杜拉·买买提、李𠮷、王䶮、张堃、欧阳娜娜" in text, text
    assert "欧阳娜娜委员" not in text


def test_every_signature_label_is_printed_whole_and_the_seal_stays_with_the_signatures(rendered):
    """Five parties: 申请人（阿卜杜拉·买买提）： and 被申请人（平顶山市湛河区阳光苑物业服务有限公司）：
    were cut off at their column's edge (one exact line a row), and the signature block, taller
    than a page, left the committee's seal and the date alone on the last page."""
    doc = M.open_pdf(rendered["mediation-agreement"][0])
    text = text_of(rendered["mediation-agreement"][0])
    assert "（阿卜杜拉·买买提）：" in text
    assert "被申请人（平顶山市湛河区阳光苑物业服务有限公司）：" in text
    last = [ln.text for ln in M.block_lines(doc[-1])]
    seal = next(i for i, t in enumerate(last) if t.endswith("委员会（印）"))
    assert seal >= 2, last  # signature lines above the seal on its page
    assert any("第三人（王䶮）" in t for t in last[:seal]), last
    # a label too wide for its column breaks after its colon, never inside the date
    case_file = M.open_pdf(rendered["mediation-casefile"][0])
    page = next(p for p in case_file if "告知日期" in p.get_text())
    dated = [ln.text.replace(" ", "") for ln in M.lines(page) if "2022年12月" in ln.text.replace(" ", "")]
    assert dated and all("2022年12月31日" in t for t in dated), dated


def test_the_colophon_keeps_a_long_printing_office_and_its_date_whole(rendered):
    """中共平顶山市湛河区委全面依法治区委员会办公室 and 2023年1月1日印发 on one line ran past the
    row: 印发 was cut off. The date now takes the next line, flush right."""
    doc = M.open_pdf(rendered["proposal2-reply"][0])
    lines = [ln for ln in M.lines(doc[-1]) if abs(ln.size - 14) < 0.6]
    texts = [ln.text.replace(" ", "") for ln in lines]
    assert "中共平顶山市湛河区委全面依法治区委员会办公室" in texts, texts
    issued = next(ln for ln in lines if ln.text.replace(" ", "").endswith("2023年1月1日印发"))
    assert issued.x1 <= 210 - 26 - 4.0 and issued.baseline <= 262.5, issued


def test_the_opinion_form_stays_on_one_page_with_a_long_lead_unit(rendered):
    """A 90-character title, five members and a 23-character 主办单位: the note under the form
    took two lines and its second went onto a page of its own."""
    doc = M.open_pdf(rendered["proposal2-form"][0])
    assert doc.page_count == 1
    assert "委全面依法治区委员会办公室。" in text_of(rendered["proposal2-form"][0])


def test_the_case_file_never_breaks_a_name_and_several_applicants_are_not_one(rendered):
    """The 当事人 and 回访对象 cells broke 王 / 䶮 at the line's end; the 申请书 of three
    applicants said 本人已知悉."""
    doc = M.open_pdf(rendered["mediation-casefile"][0])
    names = ("阿卜杜拉·买买提", "李𠮷", "张小堃", "平顶山市湛河区阳光苑物业服务有限公司", "王䶮")
    for page in doc:
        texts = [ln.text.replace(" ", "") for ln in M.lines(page)]
        if not any(t.startswith("申请人：") for t in texts):
            continue
        cell = [t for t in texts if "申请人：" in t or "第三人：" in t or "公司" in t]
        joined = "|".join(cell)
        for name in names:
            assert name in joined, (name, cell)
    text = text_of(rendered["mediation-casefile"][0])
    assert "我们已知悉人民调解的性质" in text and "本人已知悉" not in text
