"""The 人民调解协议书 and the case file, rendered through LibreOffice and read back from the PDF."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from fazhi_desktop.core.registry import Registry
from fazhi_desktop.docgen.mediation import render_mediation
from fazhi_desktop.office.libreoffice import convert_many, find_soffice

from .conftest import CASE, LI_ID, ZHANG_ID

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(find_soffice() is None, reason="LibreOffice not installed")]


def _pages(pdf) -> list:
    out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    return [re.sub(r"\s+", "", page) for page in out.split("\f") if page.strip()]


def _page_size_mm(pdf) -> tuple:
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, check=True).stdout.decode()
    w, h = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", out).groups()
    return round(float(w) * 25.4 / 72), round(float(h) * 25.4 / 72)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """One LibreOffice run converts the agreement and the case file of the seed-like case."""
    folder = tmp_path_factory.mktemp("mediation")
    with Registry.open(folder / "office.sqlite3") as registry:
        case_id = registry.save("mediation", CASE)["id"]
        agreement = render_mediation(registry, case_id, folder / "agreement.docx")
        case_file = render_mediation(registry, case_id, folder / "case_file.docx", what="case_file")
    pdfs = convert_many([agreement.path, case_file.path], "pdf", folder / "pdf")
    return {"agreement": pdfs[0], "case_file": pdfs[1], "warnings": agreement.warnings,
            "docx": agreement.path}


def test_agreement_carries_every_element_in_the_ministrys_order(rendered):
    text = "".join(_pages(rendered["agreement"]))
    expected = [
        "人民调解协议书",
        "编号：（2022）湛调字第15号",
        f"申请人：张三，男，汉族，1980年5月1日出生，身份证号码{ZHANG_ID}，个体经营，"
        "住平顶山市湛河区阳光苑小区3号楼2单元501室，联系电话138****2345",
        f"被申请人：李四，女，回族，1949年12月31日出生，身份证号码{LI_ID}",
        "纠纷主要事实、争议事项：被申请人家中卫生间漏水",
        "经阳光苑社区人民调解委员会调解，双方当事人自愿达成如下协议：一、被申请人于2022年8月20日前修复卫生间防水。"
        "二、被申请人赔偿申请人维修费3000元。",
        "履行方式、时限：现金一次性支付，于2022年8月20日前履行完毕。",
        "本协议一式3份，当事人各执一份，人民调解委员会留存一份。",
        "共同向人民法院申请司法确认",
        "当事人（签名盖章或按指印）",
        "申请人（张三）", "被申请人（李四）",
        "记录人（签名）",
        "阳光苑社区人民调解委员会（印）",
        "2022年8月10日",
    ]
    position = 0
    for piece in expected:
        found = text.find(piece, position)
        assert found >= 0, f"missing or out of order: {piece}"
        position = found + len(piece)
    assert "人民调解员（签名）" in text and "王建国" in text and "刘芳" in text


def test_agreement_masks_phones_but_keeps_id_numbers_whole(rendered):
    text = "".join(_pages(rendered["agreement"]))
    assert "13837512345" not in text and "2818989" not in text
    assert ZHANG_ID in text and LI_ID in text


def test_agreement_is_a4_in_the_profile_fonts(rendered):
    assert _page_size_mm(rendered["agreement"]) == (210, 297)
    assert len(_pages(rendered["agreement"])) <= 2
    import zipfile

    xml = zipfile.ZipFile(rendered["docx"]).read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="仿宋_GB2312"' in xml          # body in 仿宋
    assert 'w:eastAsia="方正小标宋简体"' in xml       # title


def test_case_file_is_complete_and_in_filing_order(rendered):
    pages = _pages(rendered["case_file"])
    starts = ["人民调解卷宗", "卷内目录", "人民调解受理登记表", "当事人权利义务告知书", "人民调解记录",
              "人民调解协议书"]
    firsts = [page[:12] for page in pages]
    for i, title in enumerate(starts):
        assert firsts[i].startswith(title), (i, firsts[i])
    assert pages[-1].startswith("回访记录") and "双方已按协议履行" in pages[-1]
    contents = pages[1]
    order = ["受理登记表", "当事人权利义务告知书", "当事人身份证明材料", "调查记录", "证据材料",
             "人民调解记录", "人民调解协议书", "履行凭证", "回访记录", "司法确认材料"]
    assert [contents.find(t) for t in order] == sorted(contents.find(t) for t in order)
    assert "（2022）湛调字第15号" in pages[0] and "邻里纠纷" in pages[0]


def test_case_file_masks_numbers_except_on_the_agreement(rendered):
    pages = _pages(rendered["case_file"])
    agreement_pages = [i for i, p in enumerate(pages) if p.startswith("人民调解协议书")]
    agreement_pages.append(agreement_pages[0] + 1)   # its signature page
    for i, page in enumerate(pages):
        if i not in agreement_pages:
            assert ZHANG_ID not in page and "13837512345" not in page, i
    register = pages[2]
    assert "4104**********1233" in register and "138****2345" in register


def _cli(*args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def test_render_mediation_on_the_command_line(tmp_path):
    db = tmp_path / "office.sqlite3"
    source = tmp_path / "case.json"
    oral = dict(CASE, case_number="（2022）湛调字第16号", agreement=None)
    source.write_text(json.dumps([CASE, oral], ensure_ascii=False), "utf-8")
    ids = _cli("--db", db, "add", "mediation", source).stdout.split()
    result = _cli("--db", db, "render", "mediation", ids[0], "--out", tmp_path / "协议书.docx")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "协议书.docx").stat().st_size > 5000
    folder = _cli("--db", db, "render", "mediation", ids[0], "--document", "case-file",
                  "--out", tmp_path / "卷宗.docx")
    assert folder.returncode == 0 and (tmp_path / "卷宗.docx").exists()
    refused = _cli("--db", db, "render", "mediation", ids[1], "--out", tmp_path / "x.docx")
    assert refused.returncode == 2
    assert "尚未填写协议内容" in refused.stderr and not (tmp_path / "x.docx").exists()
