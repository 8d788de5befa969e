"""The mediation case file (卷宗) in filing order: cover, table of contents, 受理登记表,
当事人权利义务告知书, 人民调解记录, 人民调解协议书, 回访记录 — one document, each paper on its
own page, ID numbers and phones masked except on the agreement (see docgen/mediation.py).

Page numbers are left to the clerk: the file also holds papers the app does not print (identity
documents, evidence, receipts, 司法确认 papers), inserted in order, and archives number the
assembled sheets by hand; the table of contents lists those papers in their places.
"""
from __future__ import annotations

from typing import Optional

from ..core import mediation as rules
from ..core.dates import chinese_date
from ..core.records import OUTCOME, PERFORMANCE, SOURCE
from . import ooxml as X
from .composer import Composer
from .mediation import BLANK_DATE, add_agreement, heading, signature_lines
from .wording import with_suffix

RIGHTS = (
    "人民调解委员会是依法设立的调解民间纠纷的群众性组织，调解民间纠纷不收取任何费用。"
    "根据《中华人民共和国人民调解法》的规定，现将当事人在人民调解活动中的权利和义务告知如下：",
    "一、当事人享有下列权利：",
    "（一）选择或者接受人民调解员；",
    "（二）接受调解、拒绝调解或者要求终止调解；",
    "（三）要求调解公开进行或者不公开进行；",
    "（四）自主表达意愿、自愿达成调解协议。",
    "二、当事人应当履行下列义务：",
    "（一）如实陈述纠纷事实；",
    "（二）遵守调解现场秩序，尊重人民调解员；",
    "（三）尊重对方当事人行使权利。",
    "三、经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
    "当事人可以自调解协议生效之日起三十日内共同向人民法院申请司法确认。",
)
WIDTHS = [30, 48, 30, 48]  # mm, 156 in all


def _d(value) -> str:
    return chinese_date(value or "") or ""


def _names(record: dict) -> str:
    return "；".join(f"{role}：{'、'.join(p.get('name', '') for p in parties)}"
                    for role, parties in rules.parties_by_role(record))


def _has_agreement(record: dict) -> bool:
    return rules.has_written_agreement(record)


def contents(record: dict) -> list:
    """(title, note) in filing order; the app prints those without a note."""
    items = [("受理登记表", ""), ("当事人权利义务告知书", ""), ("当事人身份证明材料", "另附"),
             ("调查记录", "另附（如有）"), ("证据材料", "另附（如有）"), ("人民调解记录", "")]
    if _has_agreement(record):
        items.append(("人民调解协议书", ""))
    items += [("履行凭证", "另附（如有）"), ("回访记录", ""), ("司法确认材料", "另附（如有）")]
    return items


def add_cover(c: Composer, record: dict) -> None:
    c.blank(2)
    c.add(X.paragraph(c.run("人民调解卷宗", "title", 36), jc="center", line_pt=60))
    c.blank(1)
    c.add(X.paragraph(c.run(record.get("committee", "")), jc="center"))
    c.blank(2)
    rows = [["卷　　号", (record.get("case_number", ""), {"span": 3})],
            ["案　　由", (with_suffix(record.get('dispute_type'), "纠纷"), {"span": 3})],
            ["当 事 人", (_names(record), {"span": 3})],
            ["人民调解员", ("、".join(record.get("mediators") or []), {"span": 3})],
            ["受理日期", _d(record.get("accepted_date")), "结案日期", _d(record.get("closed_date"))],
            ["调解结果", OUTCOME.get(record.get("outcome") or "pending", ""), "保管期限", ""],
            ["立 卷 人", "", "立卷日期", ""]]
    c.table(rows, WIDTHS, header_rows=0, row_height_mm=13)


def add_contents(c: Composer, record: dict) -> None:
    c.page_break()
    c.title("卷内目录")
    c.blank(1)
    rows = [["序号", "文书名称", "页号", "备注"]]
    for i, (title, note) in enumerate(contents(record), 1):
        rows.append([(str(i), {"align": "center"}), title, "", note])
    c.table(rows, [18, 80, 22, 36], row_height_mm=11)
    c.text("页号由立卷人在卷内材料排列完毕后逐页编写。", "说明")


def add_register(c: Composer, record: dict) -> None:
    """受理登记表: the case at acceptance, parties masked."""
    c.page_break()
    c.title("人民调解受理登记表")
    c.add(X.paragraph(c.run(f"编号：{record.get('case_number', '')}"), jc="right"))
    rows = [["受理日期", _d(record.get("accepted_date")),
             "纠纷来源", SOURCE.get(record.get("source") or "", "")],
            ["纠纷类型", record.get("dispute_type", ""), "调解委员会", record.get("committee", "")]]
    for role, parties in rules.parties_by_role(record):
        for party in parties:
            rows.append([role, (rules.party_particulars(party), {"span": 3})])
    rows.append(["纠纷简要情况", (record.get("facts") or "", {"span": 3})])
    rows.append(["人民调解员", ("、".join(record.get("mediators") or []), {"span": 3})])
    c.table(rows, WIDTHS, header_rows=0, row_height_mm=12)
    c.blank(1)
    signature_lines(c, ["登记人（签名）："], [f"登记日期：{_d(record.get('accepted_date')) or BLANK_DATE}"],
                    left_share=0.5)


def add_rights(c: Composer, record: dict) -> None:
    c.page_break()
    c.title("当事人权利义务告知书")
    c.blank(1)
    for line in RIGHTS:
        c.paragraph(line, where="告知书")
    c.paragraph("以上内容已告知，当事人已知悉。", where="告知书")
    c.blank(1, keep_next=True)
    left = [f"{rules.role_label(p)}（{p.get('name', '')}）签名：" for p in record.get("parties") or []]
    signature_lines(c, left, [f"告知日期：{_d(record.get('accepted_date')) or BLANK_DATE}"],
                    left_share=0.5)


def add_record(c: Composer, record: dict) -> None:
    """人民调解记录: who, when, the facts, the result; the mediator adds the course by hand."""
    c.page_break()
    c.title("人民调解记录")
    c.blank(1)
    agreement = record.get("agreement") or {}
    result = OUTCOME.get(record.get("outcome") or "pending", "")
    if _has_agreement(record):
        result += "，达成书面调解协议（见人民调解协议书）"
    rows = [["调解时间", _d(record.get("closed_date")) or "", "调解地点", ""],
            ["当 事 人", (_names(record), {"span": 3})],
            ["人民调解员", ("、".join(record.get("mediators") or []), {"span": 3})],
            ["纠纷事实及争议事项", (record.get("facts") or "", {"span": 3})],
            ["调解情况", ("", {"span": 3})],
            ["调解结果", (result, {"span": 3})]]
    if agreement.get("performance_deadline"):
        rows.append(["履行期限", (_d(agreement["performance_deadline"]), {"span": 3})])
    c.table(rows, WIDTHS, header_rows=0, row_height_mm=12)
    c.blank(1, keep_next=True)
    left = [f"{rules.role_label(p)}（{p.get('name', '')}）签名：" for p in record.get("parties") or []]
    signature_lines(c, left, ["人民调解员（签名）：", "记录人（签名）："])


def add_followups(c: Composer, record: dict) -> None:
    c.page_break()
    c.title("回访记录")
    c.blank(1)
    followups = record.get("followups") or [{}]
    performance = PERFORMANCE.get(record.get("performance") or "", "")
    for i, visit in enumerate(followups, 1):
        if len(followups) > 1:
            heading(c, f"第{i}次回访")
        rows = [["案件编号", record.get("case_number", ""), "回访日期", _d(visit.get("date"))],
                ["回访对象", (_names(record), {"span": 3})],
                ["履行情况", (performance, {"span": 3})],
                ["回访情况", (visit.get("summary") or "", {"span": 3})],
                ["回 访 人", "", "记 录 人", ""]]
        c.table(rows, [24, 54, 24, 54], header_rows=0, row_height_mm=12)


def build_case_file(record: dict, profile: Optional[dict] = None) -> Composer:
    """The whole file as one document, each paper starting on a new page."""
    c = Composer((profile or {}).get("fonts"), page_numbers=False)
    add_cover(c, record)
    add_contents(c, record)
    add_register(c, record)
    add_rights(c, record)
    add_record(c, record)
    if _has_agreement(record):
        c.page_break()
        add_agreement(c, record)
    add_followups(c, record)
    return c

