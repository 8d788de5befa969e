"""`typeset`: a colleague's draft comes out in the red-header format with its words unchanged."""
from __future__ import annotations

import hashlib
import re
import subprocess

import docx
import pytest

from fazhi_desktop.docgen.typeset.normalise import full_width_punctuation, standard_heading
from tests import pdfmeasure as M
from tests.typeset import drafts

pytestmark = pytest.mark.slow

_PUNCT = re.compile(r"[\s,，:：;；?？!！()（）.。、]")


def _bare(text: str) -> str:
    """Text without punctuation and spaces: what must be identical before and after."""
    return _PUNCT.sub("", text)


def _docx_texts(path) -> list:
    """Paragraph texts as printed (the word joiners that hold numbers together left out)."""
    from fazhi_desktop.docgen.nobreak import visible

    return [visible(p.text) for p in docx.Document(str(path)).paragraphs if p.text.strip()]


def _sha(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_plain_text_draft_in_gb18030_becomes_a_red_header_notice(cli, tmp_path):
    draft = drafts.write_text(tmp_path / "通知.txt")
    before = _sha(draft)
    out = tmp_path / "通知（排版）.docx"
    result = cli("typeset", draft, "--out", out, "--number", "auto", "--pdf")
    assert result.returncode == 0, result.stderr
    printed = result.stdout
    assert "标题：关于开展2023年度法治宣传教育工作的通知" in printed
    assert "主送机关：各乡（镇）人民政府，各街道办事处，区直各单位：" in printed
    assert "发文字号：平湛司〔2023〕1号" in printed  # auto: the office's series, the date's year
    assert "成文日期：二〇二三年三月一日" in printed
    assert "署名：平顶山市湛河区司法局" in printed
    assert "抄送：市司法局，区委办公室" in printed
    assert "改动：第7段：“(一)”改为“（一）”" in printed
    assert "改动：第9段：“1、”改为“1.”" in printed
    assert _sha(draft) == before  # the draft is only read

    pdf = M.open_pdf(out.with_suffix(".pdf"))
    page = pdf[0]
    red = M.ink_bbox(page, red=True, clip_mm=(0, 0, 210, 90))
    assert abs(red[1] - 72) < 1.0  # the mark 72 mm from the top (文件 format)
    text = M.full_text(pdf)
    assert "平湛司〔2023〕1号" in re.sub(r"\s", "", text)
    assert "2023年3月1日" in re.sub(r"\s", "", text)  # 成文日期 in Arabic numerals
    for line in drafts.NOTICE_LINES[drafts.BODY_START:drafts.BODY_END]:
        fixed, _ = full_width_punctuation(standard_heading(line)[0])
        assert re.sub(r"\s", "", fixed) in re.sub(r"\s", "", text)
    body = [ln for p in pdf for ln in M.body_lines(p)]
    assert all(ln.x0 > 27.5 and ln.x1 < 184.5 for ln in body)  # inside the 156 mm text block


def test_the_body_keeps_every_word_and_only_listed_marks_change(cli, tmp_path):
    draft = drafts.write_text(tmp_path / "通知.txt", encoding="utf-8")
    out = tmp_path / "out.docx"
    result = cli("typeset", draft, "--out", out, "--number", "none")
    assert result.returncode == 0, result.stderr
    texts = _docx_texts(out)
    body = drafts.NOTICE_LINES[drafts.BODY_START:drafts.BODY_END]
    start = next(i for i, t in enumerate(texts) if t.startswith("为深入贯彻落实"))
    got = texts[start:start + len(body)]
    assert [_bare(t) for t in got] == [_bare(t) for t in body]
    # no half-width mark left between Chinese characters
    assert not any(re.search(r"[\u4e00-\u9fff][,:;?!()][\u4e00-\u9fff]", t) for t in texts)
    assert "1.制定工作方案" in got and "（一）加强组织领导" in got and "（1）列入年度预算" in got
    changes = [line for line in result.stdout.splitlines() if line.startswith("改动：")]
    assert len(changes) >= 8


def test_a_word_draft_with_default_styles_keeps_its_table_and_lists_a_footnote(cli, tmp_path):
    picture = tmp_path / "chart.png"
    from PIL import Image

    Image.new("RGB", (400, 200), "white").save(picture)
    draft = drafts.write_word_default(tmp_path / "草稿.docx", picture=picture, footnote=True)
    out = tmp_path / "排版.docx"
    result = cli("typeset", draft, "--out", out, "--format", "letter", "--pdf")
    assert result.returncode == 0, result.stderr
    assert "主送机关：各镇（街道）司法所：" in result.stdout
    assert "1个表格" in result.stdout and "1个图片" in result.stdout
    assert "未带入：第" in result.stdout and "脚注" in result.stdout  # listed, not dropped silently
    document = docx.Document(str(out))
    tables = document.tables
    assert any("曹镇乡司法所" in c.text for t in tables for r in t.rows for c in r.cells)
    assert document.inline_shapes or "graphicData" in document.element.xml
    pdf = M.open_pdf(out.with_suffix(".pdf"))
    text = re.sub(r"\s", "", M.full_text(pdf))
    assert "姚孟街道司法所" in text and "2023年7月6日" in text


def test_mixed_heading_numbers_at_one_level_become_the_standard_form(cli, tmp_path):
    draft = drafts.write_word_default(tmp_path / "草稿.docx", table=False)
    out = tmp_path / "排版.docx"
    result = cli("typeset", draft, "--out", out)
    assert result.returncode == 0, result.stderr
    texts = _docx_texts(out)
    assert any(t.startswith("1.工作开展情况") for t in texts)
    assert any(t.startswith("1.存在问题") for t in texts)
    assert not any(t.startswith("1、") for t in texts)


@pytest.mark.parametrize("content", ["", "2023年3月1日\n", "\n\n   \n"])
def test_a_draft_without_title_or_body_is_refused_and_nothing_is_written(cli, tmp_path, content):
    draft = tmp_path / "空.txt"
    draft.write_text(content, encoding="utf-8")
    out = tmp_path / "out.docx"
    result = cli("typeset", draft, "--out", out)
    assert result.returncode == 2
    assert "未排版" in result.stderr and ("标题" in result.stderr or "正文" in result.stderr)
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_the_draft_itself_is_never_the_output(cli, tmp_path):
    draft = drafts.write_word_default(tmp_path / "草稿.docx")
    before = _sha(draft)
    result = cli("typeset", draft, "--out", draft)
    assert result.returncode == 2
    assert "文稿本身" in result.stderr
    assert _sha(draft) == before


def test_check_lists_what_departs_from_the_standard_and_writes_nothing(cli, tmp_path):
    draft = drafts.write_word_default(tmp_path / "草稿.docx")
    before = _sha(draft)
    result = cli("typeset", draft, "--check")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "上边距25.4毫米，应为37毫米" in out
    assert "字体为“Calibri”" in out or "未指定中文字体" in out
    assert "字号为11磅，应为三号（16磅）" in out
    assert "段首未缩进两个字" in out
    assert "半角标点" in out
    assert "第三层标题序号写法不一：“1、”1处、“1.”1处" in out
    assert _sha(draft) == before
    assert sorted(p.name for p in tmp_path.iterdir() if "sqlite3" not in p.name) == ["草稿.docx"]


def test_a_folder_of_drafts_is_typeset_into_another_folder_with_a_summary(cli, tmp_path):
    folder = tmp_path / "草稿"
    folder.mkdir()
    drafts.write_text(folder / "通知.txt")
    drafts.write_word_default(folder / "报送通知.docx")
    (folder / "空白.txt").write_text("", encoding="utf-8")
    out = tmp_path / "排版"
    result = cli("typeset", folder, "--out", out)
    assert result.returncode == 2  # one draft refused, the others done
    assert "共3份草稿：已排版2份，未排版1份" in result.stdout
    assert sorted(p.name for p in out.iterdir()) == ["报送通知.docx", "通知.docx"]
    same = cli("typeset", folder, "--out", folder)
    assert same.returncode == 2 and "草稿所在的文件夹" in same.stderr


def test_a_long_draft_keeps_22_lines_a_page_within_the_margins(cli, tmp_path):
    lines = ["关于进一步加强基层法治建设的实施意见", "各乡镇人民政府，各街道办事处：",
             *drafts.long_body(40), "平顶山市湛河区司法局", "2023-3-1"]
    draft = drafts.write_text(tmp_path / "意见.txt", lines, encoding="utf-8")
    out = tmp_path / "意见.docx"
    result = cli("typeset", draft, "--out", out, "--pdf")
    assert result.returncode == 0, result.stderr
    pdf = M.open_pdf(out.with_suffix(".pdf"))
    assert len(pdf) >= 4
    full = 0
    for page in list(pdf)[1:-1]:
        body = M.body_lines(page)
        # 22 lines, or fewer where a paragraph's last line or a heading moves to the next page
        assert 20 <= len(body) <= 22, [ln.text for ln in body]
        assert abs(M.line_top(body[0]) - 37) < 1.0
        pitches = {round(b.baseline - a.baseline, 1) for a, b in zip(body, body[1:])}
        assert pitches <= {round(28.95 / M.PT_PER_MM, 1)}, pitches  # on the 22-line grid
        full += len(body) == 22
        if len(body) == 22:
            assert abs(M.line_bottom(body[-1]) - 262) < 1.0
    assert full >= 3


def test_text_pasted_from_a_pdf_is_joined_back_into_paragraphs(tmp_path):
    from fazhi_desktop.docgen.typeset.reading import text_blocks

    paragraph = ("各单位要认真贯彻落实区委、区政府关于法治政府建设的部署要求，结合本单位实际，"
                 "细化工作措施，明确责任分工，确保各项任务按时保质完成，并于每季度末报送进展。")
    wrapped = [paragraph[i:i + 28] for i in range(0, len(paragraph), 28)]
    text = "\n\n".join(["关于加强法治建设的通知", "各单位：", *wrapped, "一、总体要求",
                        *wrapped, "湛河区司法局", "2023年3月1日"])
    texts = [b.text for b in text_blocks(text)]
    assert texts.count(paragraph) == 2
    assert "一、总体要求" in texts


def test_a_doc_file_is_read_through_the_office_suite(cli, tmp_path):
    from fazhi_desktop.office.libreoffice import convert, find_soffice

    if not find_soffice():
        pytest.skip("LibreOffice is not installed")
    source = drafts.write_word_default(tmp_path / "草稿.docx", table=False)
    doc = convert(source, "doc:MS Word 97", tmp_path / "doc")
    out = tmp_path / "排版.docx"
    result = cli("typeset", doc, "--out", out)
    assert result.returncode == 0, result.stderr
    assert "标题：关于报送2023年上半年法治政府建设情况的通知" in result.stdout
