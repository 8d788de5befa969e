"""The 人民调解协议书 and the case file, rendered through LibreOffice and read back from the PDF:
every element in the Ministry's order, room to sign and to write measured on the page, no blank
page, and one masking rule (whole ID numbers only on the 协议书 and the 申请书)."""
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


INITIATIVE = dict(CASE, case_number="（2022）湛调字第17号", source="initiative")


def with_agents(case: dict) -> dict:
    case = json.loads(json.dumps(case))
    case["parties"][0]["entrusted_agent"] = "赵律师（河南某律师事务所律师）"
    case["parties"][1]["legal_agent"] = "李大（李四之父）"
    case["agreement"]["responsibility"] = "被申请人未及时维修卫生间防水，对申请人的损失负全部责任。"
    case["followups"][0]["method"] = "电话"
    return case


def big_case() -> dict:
    """Three parties with agents, long facts, five terms, three mediators, two follow-ups and a
    long committee name: what pushes papers over their page."""
    case = with_agents(CASE)
    case.update(case_number="（2022）湛调字第88号", committee="平顶山市湛河区曹镇乡人民调解委员会",
                mediators=["王建国", "刘芳", "孙志强"],
                facts="\n".join(["申请人要求被申请人赔偿维修费、误工费等共计8500元，"
                                 "被申请人认为损失仅为2000元，双方争执不下。" * 2] * 4))
    case["parties"].append({"role": "third_party", "name": "王五", "phone": "13912345678",
                            "entrusted_agent": "周律师（河南某律师事务所律师）"})
    case["agreement"]["terms"] = "\n".join(
        f"{c}、被申请人于2022年8月{20 + i}日前支付申请人第{i + 1}期维修费1500元。"
        for i, c in enumerate("一二三四五"))
    case["followups"] = [{"date": "2022-09-01", "method": "电话", "summary": "已履行。"},
                         {"date": "2022-10-01", "method": "上门走访", "summary": "关系和睦。"}]
    return case


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    """One LibreOffice run converts the agreement and the case files (one by application, one
    taken up on the committee's initiative)."""
    folder = tmp_path_factory.mktemp("mediation")
    with Registry.open(folder / "office.sqlite3") as registry:
        case_id = registry.save("mediation", with_agents(CASE))["id"]
        other_id = registry.save("mediation", INITIATIVE)["id"]
        agreement = render_mediation(registry, case_id, folder / "agreement.docx")
        case_file = render_mediation(registry, case_id, folder / "case_file.docx", what="case_file")
        initiative = render_mediation(registry, other_id, folder / "initiative.docx",
                                      what="case_file")
        big_id = registry.save("mediation", big_case())["id"]
        big_file = render_mediation(registry, big_id, folder / "big_file.docx", what="case_file")
        big_agreement = render_mediation(registry, big_id, folder / "big_agreement.docx")
    pdfs = convert_many([agreement.path, case_file.path, initiative.path, big_file.path,
                         big_agreement.path], "pdf", folder / "pdf")
    return {"agreement": pdfs[0], "case_file": pdfs[1], "initiative": pdfs[2],
            "big_file": pdfs[3], "big_agreement": pdfs[4],
            "warnings": agreement.warnings, "docx": agreement.path,
            "initiative_warnings": initiative.warnings}


def _gap_mm(pdf, above: str, below: str, page_starting: str) -> float:
    """Millimetres between the bottom of `above` and the top of `below` on the page whose text
    starts with `page_starting` (the room left to write by hand between them)."""
    import fitz

    for page in fitz.open(str(pdf)):
        if re.sub(r"\s+", "", page.get_text()).startswith(page_starting) and page.search_for(above):
            top = page.search_for(above)[0].y1
            bottom = min(r.y0 for r in page.search_for(below) if r.y0 > top)
            return (bottom - top) * 25.4 / 72
    raise AssertionError(f"no page starts with {page_starting}")


def test_agreement_carries_every_element_in_the_ministrys_order(rendered):
    text = "".join(_pages(rendered["agreement"]))
    expected = [
        "人民调解协议书",
        "编号：（2022）湛调字第15号",
        f"申请人：张三，男，汉族，1980年5月1日出生，身份证号码{ZHANG_ID}，个体经营，"
        "住平顶山市湛河区阳光苑小区3号楼2单元501室，联系电话138****2345",
        "委托代理人：赵律师（河南某律师事务所律师）",
        f"被申请人：李四，女，回族，1949年12月31日出生，身份证号码{LI_ID}",
        "法定代理人：李大（李四之父）",
        "纠纷主要事实、争议事项及各方当事人的责任：被申请人家中卫生间漏水",
        "被申请人未及时维修卫生间防水，对申请人的损失负全部责任。",
        "经阳光苑社区人民调解委员会调解，双方当事人自愿达成如下协议：一、被申请人于2022年8月20日前修复卫生间防水。"
        "二、被申请人赔偿申请人维修费3000元。",
        "履行方式、时限：现金一次性支付，于2022年8月20日前履行完毕。",
        "当事人的权利义务：各方当事人应当按照本协议约定全面、及时履行各自的义务",
        "本协议一式3份，当事人各执一份，人民调解委员会留存一份。",
        "共同向人民法院申请司法确认",
        "当事人签名：", "人民调解员（签名）",
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
    # the mediators sign by hand: their names are not printed where they sign
    assert "王建国" not in text and "刘芳" not in text


def test_agreement_leaves_room_for_each_party_and_mediator_to_sign(rendered):
    # two blank lines (≈ 20 mm) under each party's label and under the mediators' label
    assert _gap_mm(rendered["agreement"], "申请人（张三）", "被申请人（李四）", "") >= 19
    assert _gap_mm(rendered["agreement"], "人民调解员（签名）", "记录人（签名）", "") >= 19


def test_agreement_masks_phones_but_keeps_id_numbers_whole(rendered):
    text = "".join(_pages(rendered["agreement"]))
    assert "13837512345" not in text and "2818989" not in text
    assert ZHANG_ID in text and LI_ID in text


def test_agreement_is_a4_in_the_profile_fonts(rendered):
    assert _page_size_mm(rendered["agreement"]) == (210, 297)
    assert len(_pages(rendered["agreement"])) <= 3
    import zipfile

    xml = zipfile.ZipFile(rendered["docx"]).read("word/document.xml").decode("utf-8")
    assert 'w:eastAsia="仿宋_GB2312"' in xml          # body in 仿宋
    assert 'w:eastAsia="方正小标宋简体"' in xml       # title


def test_case_file_is_complete_and_in_filing_order(rendered):
    pages = _pages(rendered["case_file"])
    starts = ["人民调解卷宗", "卷内目录", "人民调解申请书", "当事人权利义务告知书", "调查记录",
              "人民调解记录", "人民调解协议书"]
    firsts = [page[:12] for page in pages]
    for i, title in enumerate(starts):
        assert firsts[i].startswith(title), (i, firsts[i])
    assert pages[-2].startswith("回访记录") and "双方已按协议履行" in pages[-2]
    assert "☑电话" in pages[-2] and "被回访人签名" in pages[-2].replace("签名", "签名")
    assert pages[-1].startswith("卷内备考表") and "立卷人" in pages[-1] and "检查人" in pages[-1]
    contents = pages[1]
    order = ["人民调解申请书", "当事人权利义务告知书", "当事人身份证明材料", "调查记录", "证据材料",
             "人民调解记录", "人民调解协议书", "履行凭证", "回访记录", "司法确认材料", "卷内备考表"]
    assert [contents.find(t) for t in order] == sorted(contents.find(t) for t in order)
    assert "（2022）湛调字第15号" in pages[0] and "邻里纠纷" in pages[0] and "本卷共页" in pages[0]
    assert all(page for page in pages)  # no page without text
    initiative = _pages(rendered["initiative"])
    assert initiative[2].startswith("人民调解受理登记表")
    assert not any(p.startswith("人民调解申请书") for p in initiative)


def test_case_file_pages_to_fill_by_hand_leave_room_to_write(rendered):
    pdf = rendered["case_file"]
    assert _gap_mm(pdf, "调查事项", "被调查人（签名）", "调查记录") >= 110
    assert _gap_mm(pdf, "纠纷事实及", "调解结果", "人民调解记录") >= 75
    assert "调解地点" in [p for p in _pages(pdf) if p.startswith("人民调解记录")][0]
    assert _gap_mm(pdf, "履行情况", "被回访人", "回访记录") >= 55
    assert _gap_mm(pdf, "卷", "立", "卷内备考表") >= 100


def test_one_masking_rule_whole_ids_only_on_the_application_and_the_agreement(rendered):
    for name in ("case_file", "initiative"):
        pages = _pages(rendered[name])
        signed = [i for i, p in enumerate(pages)
                  if p.startswith(("人民调解协议书", "人民调解申请书"))]
        signed += [i + 1 for i in signed]   # a paper running over onto the next page
        for i, page in enumerate(pages):
            assert "13837512345" not in page, (name, i)
            if i not in signed:
                assert ZHANG_ID not in page and LI_ID not in page, (name, i)
    application = [p for p in _pages(rendered["case_file"]) if p.startswith("人民调解申请书")][0]
    assert ZHANG_ID in application and "申请人（张三）签名或按指印" in application
    register = _pages(rendered["initiative"])[2]
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
    assert (tmp_path / "协议书（含完整身份证号）.docx").stat().st_size > 5000  # whole ID numbers
    folder = _cli("--db", db, "render", "mediation", ids[0], "--document", "case-file",
                  "--out", tmp_path / "卷宗.docx")
    assert folder.returncode == 0 and (tmp_path / "卷宗（含完整身份证号）.docx").exists()
    refused = _cli("--db", db, "render", "mediation", ids[1], "--out", tmp_path / "x.docx")
    assert refused.returncode == 2
    assert "尚未填写协议内容" in refused.stderr and not (tmp_path / "x.docx").exists()


def test_papers_pushed_over_a_page_never_leave_a_title_or_a_seal_alone(rendered):
    for name in ("big_file", "big_agreement", "case_file", "agreement"):
        for i, page in enumerate(_pages(rendered[name])):
            assert len(page) > 30, (name, i, page)  # more than a title, a seal or a date
    agreement = _pages(rendered["big_agreement"])
    last = agreement[-1]
    assert "平顶山市湛河区曹镇乡人民调解委员会（印）" in last and "本协议自各方当事人签名" in last
    assert "（或盖章、按指印）" in last  # the label is not cut by a narrow column
    pages = _pages(rendered["big_file"])
    second = [p for p in pages if "第2次回访" in p]
    assert len(second) == 1 and "记录日期" in second[0][second[0].index("第2次回访"):]
    assert "☑上门" in second[0]
