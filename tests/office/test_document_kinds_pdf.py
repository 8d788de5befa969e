"""Every document type of the table (docgen/document_types.py) comes out as an A4 PDF beside it
with `render … --document TYPE --pdf`, from records as a clerk keeps them: a reply the office
leads, a proposal it only assists (会办意见), an unsatisfied deputy (再次答复, 征询意见表 with the
recorded contacts ticked), a mediation case that came by application (协议书, 卷宗)."""
from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from tests.conftest import FIXTURES
from tests.mediation.conftest import CASE, LI_ID, ZHANG_ID

from .pdfutil import body_text, page_count, page_size_mm, page_texts

pytestmark = pytest.mark.slow

KINDS = {
    "reply": ("lead", ["对区政协六届一次会议第28号提案的答复", "胡校丽委员"]),
    "opinion-form": ("second", ["人大代表建议办理情况征询意见表", "区人大十届一次会议第12号",
                                "曹镇乡代表团", "湛河区民政局", "王丙寅2818989",
                                "☑面商（2022年6月1日）", "☑电话联系（2022年7月20日）", "☑A类"]),
    "assist": ("assist", ["关于区政协六届一次会议第31号提案的会办意见", "湛河区住房和城乡建设局：",
                          "平湛司会〔2021〕1号", "我局将组织律师每月进小区开展法律咨询2次"]),
    "second-reply": ("second", ["对区人大十届一次会议第12号建议的再次答复", "李明代表：",
                                "您对我们就您提出的《关于加强农村人民调解组织建设的建议》所作的答复表示不满意",
                                "平湛司〔2022〕41号", "2022年10月10日"]),
    "agreement": ("mediation", ["人民调解协议书", "（2022）湛调字第15号", "委托代理人：赵律师",
                                "法定代理人：李大", "各方当事人的责任", ZHANG_ID]),
    "case-file": ("mediation", ["人民调解卷宗", "本卷共", "人民调解申请书", "调查记录",
                                "卷内备考表", "回访方式", "☑电话"]),
}


def records_of_an_office(registry) -> dict:
    registry.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
    seed = json.loads((FIXTURES / "seed000_proposal.json").read_text("utf-8"))
    ids = {"lead": registry.save("proposal", seed)["id"]}
    assist = copy.deepcopy(seed)
    assist.update(number=31, title="关于加快老旧小区改造的提案", lead_unit="湛河区住房和城乡建设局",
                  co_units=["湛河区司法局", "湛河区财政局"], reply={},
                  assist={"body": "一、关于法律服务进小区\n我局将组织律师每月进小区开展法律咨询2次。",
                          "date": "2021-06-15"})
    ids["assist"] = registry.save("proposal", assist)["id"]
    second = copy.deepcopy(seed)
    second.update(session="区人大十届一次会议", number=12, title="关于加强农村人民调解组织建设的建议",
                  authors=["李明", "王芳"], group="曹镇乡代表团", satisfaction="unsatisfied",
                  co_units=["湛河区民政局"],
                  communications=[{"date": "2022-06-01", "method": "面商"},
                                  {"date": "2022-07-20", "method": "电话"}],
                  second_reply={"body": "经与区财政局再次协商，2023年起村级人民调解员每案补贴提高到200元。",
                                "date": "2022-10-10", "doc_number": "平湛司〔2022〕41号"})
    second["reply"].update(doc_number="平湛司〔2022〕30号", addressee="李明代表")
    ids["second"] = registry.save("suggestion", second)["id"]
    case = copy.deepcopy(CASE)
    case["parties"][0]["entrusted_agent"] = "赵律师（河南某律师事务所律师）"
    case["parties"][1]["legal_agent"] = "李大（李四之父）"
    case["agreement"]["responsibility"] = "被申请人未及时维修卫生间防水，对申请人的损失负全部责任。"
    case["followups"][0]["method"] = "电话"
    ids["mediation"] = registry.save("mediation", case)["id"]
    return ids


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    from fazhi_desktop.core.registry import Registry

    folder = tmp_path_factory.mktemp("kinds")
    with Registry.open(folder / "office.sqlite3") as registry:
        ids = records_of_an_office(registry)
    kinds = {"lead": "proposal", "assist": "proposal", "second": "suggestion",
             "mediation": "mediation"}
    outputs = {}
    for name, (which, _texts) in KINDS.items():
        out = folder / f"{name}.docx"
        proc = subprocess.run([sys.executable, "-m", "fazhi_desktop", "--db", str(folder / "office.sqlite3"),
                               "render", kinds[which], ids[which], "--out", str(out),
                               "--document", name, "--pdf"],
                              capture_output=True, text=True, encoding="utf-8", timeout=300)
        assert proc.returncode == 0, proc.stderr
        if name in ("agreement", "case-file"):  # whole ID numbers: the name says so
            out = out.with_name(f"{out.stem}（含完整身份证号）.docx")
        assert proc.stdout.splitlines() == [str(out), str(out.with_suffix(".pdf"))]
        outputs[name] = out.with_suffix(".pdf")
    return outputs


@pytest.mark.parametrize("name", list(KINDS))
def test_each_document_type_prints_as_a4_pdf_with_its_text(made, name):
    pdf = made[name]
    assert page_count(pdf) >= 1 and page_size_mm(pdf) == (210, 297)
    text = body_text(pdf)
    for expected in KINDS[name][1]:
        assert expected in text


@pytest.mark.parametrize("name", list(KINDS))
def test_no_page_is_left_without_text(made, name):
    for number, page in enumerate(page_texts(made[name]), 1):
        assert page.replace("—", "").strip(), f"{name}: page {number} is blank"


def test_the_opinion_form_is_one_page(made):
    assert page_count(made["opinion-form"]) == 1


def test_the_agreement_carries_whole_ids_and_the_case_file_masks_elsewhere(made):
    assert ZHANG_ID in body_text(made["agreement"]) and LI_ID in body_text(made["agreement"])
    pages = page_texts(made["case-file"])
    whole = [i for i, p in enumerate(pages) if ZHANG_ID in p.replace(" ", "")]
    titles = ["人民调解申请书" in p.replace(" ", "") or "人民调解协议书" in p.replace(" ", "")
              for p in pages]
    assert whole and all(titles[i] for i in whole)
    # the masked pages: tests/mediation/test_agreement_pdf.py (a case taken up on initiative)


def test_the_opinion_form_stays_on_one_page_with_many_units_and_signers(tmp_path):
    """Long cells (a long title, eight co-signers, six co-units, three contacts) take room from
    the writing box, never a second page."""
    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.docgen.forms import MIN_BOX_MM, render_opinion_form
    from fazhi_desktop.office.libreoffice import convert_many

    with Registry.open(tmp_path / "office.sqlite3") as registry:
        ids = records_of_an_office(registry)
        record = registry.get("suggestion", ids["second"])
        record.update(number=99, authors=["李明", "王芳", "张伟", "刘洋", "陈静", "杨帆", "赵磊", "黄丽"],
                      title="关于进一步加强和规范农村基层人民调解组织建设，切实提高矛盾纠纷源头化解能力的建议",
                      co_units=["湛河区民政局", "湛河区财政局", "湛河区人力资源和社会保障局",
                                "湛河区农业农村局", "曹镇乡人民政府", "河滨街道办事处"])
        record["communications"].append({"date": "2022-08-02", "method": "书面征求意见"})
        record.pop("id")
        saved = registry.save("suggestion", record)
        out = render_opinion_form(registry, "suggestion", saved["id"], tmp_path / "form.docx")
    [pdf] = convert_many([out.path], "pdf", tmp_path / "pdf")
    assert page_count(pdf) == 1
    text = body_text(pdf)
    assert "河滨街道办事处" in text and "☑书面联系（2022年8月2日）" in text
    # each name, unit and date whole on its line (the lists break between their items)
    lines = ["".join(line.split()) for line in page_texts(pdf)[0].splitlines()]
    for whole in ("黄丽", "湛河区人力资源和社会保障局", "（2022年7月20日）", "（2022年8月2日）"):
        assert any(whole in line for line in lines), whole
    import fitz

    page = fitz.open(str(pdf))[0]
    top = page.search_for("对答复内容的评价")[0].y1
    bottom = page.search_for("代表签名")[0].y0
    assert (bottom - top) * 25.4 / 72 >= MIN_BOX_MM  # still room to write
