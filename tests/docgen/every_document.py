"""Render one office's records as every document type the engine writes, for the typesetting
tests: replies (proposal, suggestion, a co-signer's copy), 征询意见表, 会办意见, 人民调解协议书,
the 卷宗 and the yearly report. The records are the awkward ones a clerk meets: long titles,
co-signers, co-units, numbers and dates placed near line ends, half-width punctuation pasted
from elsewhere and headings that fall anywhere on a page.

Calls the existing render functions (not a document-type table), one LibreOffice run for all.
"""
from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import FIXTURES

FILLER = "法治政府建设示范创建工作推进落实全面依法治区基层社会治理能力现代化水平持续提升"
# What must stay on one line, typed with pasted half-width marks around it.
HOLD = "单位有28个,人员518人(1份);平湛司〔2022〕26号:2022年8月8日,联系人：王丙寅?"
HEADINGS = ["一、总体情况", "二、下一步工作", "三、存在的问题", "四、工作打算", "五、有关说明"]
SUB_HEADINGS = ["（一）加强组织领导", "（二）完善工作机制", "（三）强化督导检查"]


def near_line_ends(count: int = 10) -> list:
    """Paragraphs whose held spans start one character further on each time, so that each
    of them meets the end of the first line (26 characters after the indent) somewhere."""
    return [FILLER[:16 + k] + HOLD for k in range(count)]


def sectioned_body(sections: int = 12) -> list:
    """Headings separated by paragraphs of 1 to 5 lines (cycled), so that headings land on
    every line of a page over a few pages; numbers and pasted punctuation inside."""
    lines = ["现将有关情况说明如下："]  # one line: puts a heading on a page's last line
    for i in range(sections):
        lines.append(HEADINGS[i % len(HEADINGS)] if i % 2 == 0 else SUB_HEADINGS[i % 3])
        count = 1 + (i * 3) % 5
        text = (FILLER * 4)[i:i + 26 + 28 * (count - 1) - len(HOLD)] + HOLD
        lines.append(text)
    return lines


def reply_body() -> str:
    return "\n".join(near_line_ends() + sectioned_body())


def profile() -> dict:
    return json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8"))


LONG_TITLE = ("关于进一步加强和改进新时代基层人民调解组织规范化建设、推动矛盾纠纷多元化解"
              "机制落地见效的建议")


def records() -> dict:
    """kind -> records of that kind (the office is 湛河区司法局)."""
    proposal = {
        "session": "区政协六届一次会议", "number": 28, "title": LONG_TITLE,
        "authors": ["胡校丽委员", "李明"], "lead_unit": "湛河区司法局",
        "co_units": ["区住建局", "区民政局"], "assigned_date": "2022-05-10",
        "status": "replied", "result_class": "A",
        "reply": {"doc_number": "平湛司〔2022〕26号", "date": "2022-08-08",
                  "body": reply_body()},
    }
    suggestion = {
        "session": "区人大十届一次会议", "number": 15, "title": "关于加强社区矫正工作",
        "authors": ["王芳"], "lead_unit": "湛河区司法局", "assigned_date": "2022-05-10",
        "status": "replied",
        "reply": {"doc_number": "平湛司〔2022〕27号", "date": "2022-08-08",
                  "body": "\n".join(near_line_ends(6) + sectioned_body(4))},
    }
    assisted = {
        "session": "区人大十届一次会议", "number": 31, "title": "规范农村集体资产管理(试行)的建议。",
        "authors": ["赵强"], "lead_unit": "区农业农村局",
        "co_units": ["湛河区司法局", "区财政局"], "assigned_date": "2022-05-10",
        "status": "replied",
        "reply": {"date": "2022-08-08", "body": "\n".join(near_line_ends(6))},
        "assist": {"date": "2022-08-08", "doc_number": "平湛司会〔2022〕3号",
                   "body": "\n".join(near_line_ends(6))},
    }
    case = {
        "case_number": "（2022）湛调字第15号", "committee": "阳光苑社区人民调解委员会",
        "mediators": ["王建国", "刘芳"], "accepted_date": "2022-08-01", "source": "application",
        "dispute_type": "邻里纠纷",
        "parties": [
            {"role": "applicant", "name": "张三", "sex": "男", "ethnicity": "汉族",
             "birth_date": "1980-05-01", "id_number": "410402198005011233",
             "occupation": "个体经营", "address": "平顶山市湛河区阳光苑小区3号楼2单元501室",
             "phone": "13837512345"},
            {"role": "respondent", "name": "李四", "sex": "女", "ethnicity": "回族",
             "id_number": "11010519491231002X",
             "address": "平顶山市湛河区阳光苑小区3号楼2单元401室", "phone": "0375-2818989"},
        ],
        "facts": "\n".join(near_line_ends(8)),
        "outcome": "success",
        "agreement": {"terms": "\n".join(near_line_ends(8)),
                      "performance_method": "现金一次性支付", "performance_deadline": "2022-08-20",
                      "copies": 3},
        "amount": 3000, "performance": "performed", "closed_date": "2022-08-10",
        "followups": [{"date": "2022-09-01", "summary": "双方已按协议履行,邻里关系和睦。"}],
    }
    return {"proposal": [proposal], "suggestion": [suggestion, assisted], "mediation": [case]}


def fill(registry) -> dict:
    """Profile and records into `registry`; kind -> ids in the order of records()."""
    from fazhi_desktop.core.errors import ValidationError

    registry.set_profile(profile())
    ids = {}
    for kind, items in records().items():
        ids[kind] = []
        for item in items:
            try:
                saved = registry.save(kind, item)
            except ValidationError:  # a data file that does not know `assist` yet (issue 13)
                saved = registry.save(kind, {k: v for k, v in item.items() if k != "assist"})
            ids[kind].append(saved["id"])
    return ids


def render_all(registry, folder: Path) -> tuple:
    """Fill `registry` and write every document into `folder`: ({name: .docx path},
    {name: the RenderResult's warnings})."""
    from fazhi_desktop.docgen import forms, mediation, replies
    from fazhi_desktop.docgen.report import ReportOptions, render_report

    folder = Path(folder)
    ids = fill(registry)
    out, warnings = {}, {}

    def keep(name, result):
        out[name] = Path(result.path)
        warnings[name] = list(getattr(result, "warnings", []) or [])

    keep("reply_proposal", replies.render_reply(registry, "proposal", ids["proposal"][0],
                                                folder / "reply_proposal.docx"))
    keep("reply_cosigner", replies.render_reply(registry, "proposal", ids["proposal"][0],
                                                folder / "reply_cosigner.docx", signer="李明"))
    keep("reply_suggestion", replies.render_reply(registry, "suggestion", ids["suggestion"][0],
                                                  folder / "reply_suggestion.docx"))
    keep("opinion_form", forms.render_opinion_form(registry, "proposal", ids["proposal"][0],
                                                   folder / "opinion_form.docx"))
    keep("assist_opinion", forms.render_assist_opinion(
        registry, "suggestion", ids["suggestion"][1], folder / "assist_opinion.docx"))
    keep("agreement", mediation.render_mediation(registry, ids["mediation"][0],
                                                 folder / "agreement.docx", what="agreement"))
    keep("case_file", mediation.render_mediation(registry, ids["mediation"][0],
                                                 folder / "case_file.docx", what="case_file"))
    keep("report", render_report(registry, ReportOptions(year=2022, doc_number="平湛司〔2022〕30号",
                                                         date="2022-12-20"),
                                 folder / "report.docx"))
    return out, warnings
