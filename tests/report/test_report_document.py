"""The clerk makes the yearly report on the command line and reads it as printed (LibreOffice PDF).

One report and one conversion for the whole module; every check reads that PDF or its .docx.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile

import docx
import pytest

from fazhi_desktop.docgen.report import fill_spans
from tests.office.pdfutil import flat_text, page_count, page_size_mm, page_texts, render_png

from .conftest import HAND

pytestmark = pytest.mark.slow


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", timeout=300)


@pytest.fixture(scope="module")
def made(year_db, tmp_path_factory):
    out = tmp_path_factory.mktemp("made") / "关于2022年度法治政府建设情况的报告.docx"
    proc = _cli("--db", year_db, "report", "--year", 2022, "--out", out,
                "--number", "平湛司〔2023〕3号", "--date", "2023-01-16", "--pdf")
    assert proc.returncode == 0, proc.stderr
    stats = _cli("--db", year_db, "stats", "--year", 2022, "--json")
    assert stats.returncode == 0, stats.stderr
    return {"docx": out, "pdf": out.with_suffix(".pdf"), "stdout": proc.stdout,
            # page numbers (—3—) out, so that a sentence running over a page reads whole
            "text": re.sub(r"—\d+—", "", flat_text(out.with_suffix(".pdf"))),
            "stats": json.loads(stats.stdout)}


def test_report_command_writes_the_docx_and_the_pdf_beside_it(made):
    assert made["docx"].exists() and made["pdf"].exists()
    assert "已生成：" in made["stdout"] and "已生成PDF：" in made["stdout"]
    assert "处“【请填写：…】”（黄色底纹）需要补充" in made["stdout"]
    assert page_count(made["pdf"]) >= 3
    assert page_size_mm(made["pdf"]) == (210, 297)


def test_report_is_an_upward_document_with_mark_number_signer_title_and_addressee(made):
    text = made["text"]
    assert text.startswith("平顶山市湛河区司法局文件")
    assert "平湛司〔2023〕3号" in text and "签发人：杨晓伟" in text
    assert "关于2022年度法治政府建设情况的报告区委、区政府：" in text
    assert "现将我局2022年度法治政府建设情况报告如下：" in text
    # the seeds' skeleton, in order
    positions = [text.index(h) for h in ("一、总体工作完成情况", "（一）加强组织领导",
                                         "（二）认真履行推进法治建设第一责任人职责",
                                         "党政主要负责人切实履行推进法治建设第一责任人职责",
                                         "（五）强化行政权力制约和监督", "（六）依法化解矛盾纠纷",
                                         "二、存在问题及下步打算", "尽管我局法治政府建设取得了一定成效",
                                         "下一步，我局将", "2023年1月16日印发")]
    assert positions == sorted(positions)


def test_every_figure_in_the_report_matches_stats(made):
    text, fig = made["text"], made["stats"]
    m = re.search(r"办理人大代表建议(\d+)件、政协委员提案(\d+)件，办结率([\d.]+)%", text)
    assert (int(m[1]), int(m[2])) == (fig["suggestion"]["received"], fig["proposal"]["received"])
    assert float(m[3]) == fig["items_combined"]["completion_rate"]
    m = re.search(r"人大代表建议满意率([\d.]+)%、政协委员提案满意率([\d.]+)%", text)
    assert (float(m[1]), float(m[2])) == (fig["suggestion"]["satisfaction_rate"],
                                          fig["proposal"]["satisfaction_rate"])
    m = re.search(r"受理调处各类矛盾纠纷(\d+)件，调处成功(\d+)件，调处成功率([\d.]+)%", text)
    med = fig["mediation"]
    assert (int(m[1]), int(m[2]), float(m[3])) == (med["accepted"], med["success"], med["success_rate"])
    m = re.search(r"信访总量(\d+)件，同比(上升|下降)([\d.]+)%；京省市区乡五级信访总量(\d+)件，同比(上升|下降)([\d.]+)%", text)
    pet = fig["petition"]
    assert int(m[1]) == pet["channel_total"] and int(m[4]) == pet["level_total"]
    assert float(m[3]) * (-1 if m[2] == "下降" else 1) == pet["yoy"]["channel_total"]
    assert float(m[6]) * (-1 if m[5] == "下降" else 1) == pet["yoy"]["level_total"]
    # and the hand count agrees with both
    assert f"京省市区乡五级信访总量{HAND['level']}件，同比{HAND['level_yoy']}" in text


def test_the_monthly_petition_chart_is_the_reports_attachment_with_its_title_once(made):
    listing = subprocess.run(["pdfimages", "-list", str(made["pdf"])], capture_output=True,
                             text=True, check=True).stdout.splitlines()[2:]
    images = [line.split() for line in listing if line.split()[2] == "image"]
    assert len(images) == 1
    width_px, x_ppi = int(images[0][3]), int(images[0][12])
    assert width_px / x_ppi * 25.4 == pytest.approx(150, abs=1)  # 150 mm wide, inside the text block
    title = "2022年信访总量月度趋势（与上年对比）"
    text = made["text"]
    # named in the text, listed as 附件 under it, and printed as the 附件's title: the picture
    # has no title of its own, so the words appear exactly these three times
    assert "2022年各月信访总量与上年对比情况见附件。" in text
    assert f"附件：{title}" in text and f"附件{title}" in text and text.count("月度趋势") == 2
    assert len(docx.Document(str(made["docx"])).inline_shapes) == 1
    # the chart is on a page of its own after the signature: no page is left half empty
    # before it (the body pages are full up to the signature's page)
    pages = page_texts(made["pdf"])
    chart_page = next(i for i, p in enumerate(pages) if re.sub(r"\s+", "", p).startswith(f"附件{title}"))
    assert chart_page == len(pages) - 1 or "印发" in re.sub(r"\s+", "", pages[-1])
    assert "湛河区司法局" in re.sub(r"\s+", "", pages[chart_page - 1])  # the signature before it


def test_no_body_page_of_the_report_is_left_half_empty(made):
    import fitz

    document = fitz.open(str(made["pdf"]))
    body_pages = [page for page in document if "附件" not in page.get_text()[:10]][:-1]
    for page in body_pages[:-1]:  # every page before the signature's runs to the text block's foot
        bottoms = [b[3] for b in page.get_text("blocks") if "—" not in b[4]]
        assert max(bottoms) * 25.4 / 72 > 297 - 35 - 20, page.number


def test_what_the_clerk_must_write_is_marked_and_highlighted(made):
    document = docx.Document(str(made["docx"]))
    gaps = highlighted = 0
    for paragraph in document.paragraphs:
        spans = fill_spans(paragraph.text)
        gaps += len(spans)
        marked = "".join(r.text for r in paragraph.runs if r.font.highlight_color is not None)
        assert marked == "".join(paragraph.text[a:b] for a, b in spans)
        highlighted += bool(marked)
    assert gaps >= 6 and highlighted >= 6
    assert f"文中有{gaps}处" in made["stdout"]
    assert made["text"].count("【请填写：") == gaps


def test_report_pages_render_for_looking_at(made, tmp_path):
    pngs = render_png(made["pdf"], tmp_path / "report")
    assert len(pngs) == page_count(made["pdf"])


def test_a_bad_number_or_date_is_refused_before_anything_is_written(year_db, tmp_path):
    out = tmp_path / "r.docx"
    proc = _cli("--db", year_db, "report", "--year", 2022, "--out", out, "--number", "平湛司[2023]03号",
                "--date", "2023-13-01")
    assert proc.returncode == 2
    assert "发文字号“平湛司[2023]03号”格式不规范" in proc.stderr and "成文日期“2023-13-01”无效" in proc.stderr
    assert not out.exists()


def test_numbers_are_never_handed_out_twice(year_db, tmp_path, made):
    # the same year's report may be generated again under its own number …
    again = _cli("--db", year_db, "report", "--year", 2022, "--out", tmp_path / "again.docx",
                 "--number", "平湛司〔2023〕3号")
    assert again.returncode == 0, again.stderr
    # … but another year's report may not take it
    other = _cli("--db", year_db, "report", "--year", 2021, "--out", tmp_path / "2021.docx",
                 "--number", "平湛司〔2023〕3号")
    assert other.returncode == 2 and "已被" in other.stderr and "下一个可用：平湛司〔2023〕4号" in other.stderr
    assert not (tmp_path / "2021.docx").exists()
    # auto: the next free number, and the same one when the draft is made again
    first = _cli("--db", year_db, "report", "--year", 2021, "--out", tmp_path / "a.docx",
                 "--number", "auto", "--date", "2023-02-01")
    second = _cli("--db", year_db, "report", "--year", 2021, "--out", tmp_path / "b.docx",
                  "--number", "auto", "--date", "2023-02-01")
    assert first.returncode == 0 and second.returncode == 0, first.stderr + second.stderr
    xml = [zipfile.ZipFile(tmp_path / n).read("word/document.xml").decode("utf-8") for n in ("a.docx", "b.docx")]
    assert all("平湛司〔2023〕4号" in x for x in xml)


def test_the_report_takes_the_next_number_of_the_series_unless_told_none(tmp_path):
    from fazhi_desktop.core.registry import Registry

    from .conftest import fill_year

    db = tmp_path / "office.sqlite3"
    with Registry.open(db) as registry:
        fill_year(registry)
    numbered = _cli("--db", db, "report", "--year", 2022, "--out", tmp_path / "a.docx",
                    "--date", "2023-01-16")
    assert numbered.returncode == 0, numbered.stderr
    assert "发文字号：平湛司〔2023〕1号" in numbered.stdout
    assert "平湛司〔2023〕1号" in zipfile.ZipFile(tmp_path / "a.docx").read("word/document.xml").decode()
    blank = _cli("--db", db, "report", "--year", 2021, "--out", tmp_path / "b.docx",
                 "--date", "2023-01-16", "--number", "none")
    assert blank.returncode == 0, blank.stderr
    assert "发文字号留空" in blank.stdout
    xml = zipfile.ZipFile(tmp_path / "b.docx").read("word/document.xml").decode()
    assert "平湛司〔2023〕" not in xml
