"""The mediation case file (卷宗) in filing order: cover (本卷共　页), table of contents, the
人民调解申请书 (a case that came by application) or the 受理登记表 (any other source),
当事人权利义务告知书, 调查记录 (a page to fill by hand), 人民调解记录 (地点, room to write),
人民调解协议书, 回访记录 (方式, room to write, signatures) and the 卷内备考表 — one document, each
paper on its own page.

Personal data: the 申请书 and the agreement print the whole ID numbers (papers the parties sign
and a court may see); every other page masks ID numbers and phones (see docgen/mediation.py).

Page numbers are left to the clerk: the file also holds papers the app does not print (identity
documents, evidence, receipts, 司法确认 papers), inserted in order, and archives number the
assembled sheets by hand; the table of contents lists those papers in their places, and the
cover's 本卷共　页 is filled in once they are.
"""
from __future__ import annotations

from typing import Optional

from ..core import mediation as rules
from ..core.dates import chinese_date
from ..core.records import OUTCOME, PERFORMANCE, SOURCE
from . import ooxml as X
from .composer import Composer
from .mediation import (BLANK_DATE, add_agreement, add_parties, heading, keep_rows_together,
                        paper_title, signature_lines)
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
FOLLOWUP_METHODS = ("电话", "上门", "其他")
TICKED, BOX = "☑", "□"
# Room to write by hand, in mm of a ruled cell (a line of handwriting takes about 8 mm).
INVESTIGATION_BOX_MM = 120
MEDIATION_BOX_MM = 80
FOLLOWUP_BOX_MM = 60
REMARKS_BOX_MM = 110


def kept_table(c: Composer, rows: list, widths: list, *, with_next: bool = False, **kw) -> None:
    """A ruled table whose rows stay on one page (a form split over two pages is not a form),
    with what follows when `with_next` (its signature lines); one taller than a page still
    breaks."""
    c.table(rows, widths, **kw)
    keep_rows_together(c._sect.getprevious(), with_next=with_next)


def _d(value) -> str:
    return chinese_date(value or "") or ""


NAMES_CELL_CHARS = 23  # 4号 characters on a line of the 当事人 / 回访对象 cell (122 mm and more)


def _names(record: dict, width_chars: float = NAMES_CELL_CHARS) -> str:
    """申请人：张三、李四；被申请人：王五, a line break put between names where the cell's line is
    full: a name is never broken across lines (王 / 䶮 had been)."""
    from .text import printed_width

    tokens = []
    groups = rules.parties_by_role(record)
    for g, (role, parties) in enumerate(groups):
        for i, party in enumerate(parties):
            text = (f"{role}：" if i == 0 else "") + party.get("name", "")
            last_in_group = i == len(parties) - 1
            tokens.append(text + ("" if last_in_group and g == len(groups) - 1
                                  else "；" if last_in_group else "、"))
    lines, line = [], ""
    for token in tokens:
        if line and printed_width(line + token) > width_chars:
            lines.append(line)
            line = token
        else:
            line += token
    return "\n".join(lines + [line]) if line else ""


def _has_agreement(record: dict) -> bool:
    return rules.has_written_agreement(record)


def by_application(record: dict) -> bool:
    """A case brought by a party's application has the 申请书 in place of the 受理登记表."""
    return record.get("source") == "application"


def contents(record: dict) -> list:
    """(title, note) in filing order; the app prints those without a note."""
    first = "人民调解申请书" if by_application(record) else "人民调解受理登记表"
    items = [(first, ""), ("当事人权利义务告知书", ""), ("当事人身份证明材料", "另附"),
             ("调查记录", ""), ("证据材料", "另附（如有）"), ("人民调解记录", "")]
    if _has_agreement(record):
        items.append(("人民调解协议书", ""))
    items += [("履行凭证", "另附（如有）"), ("回访记录", ""), ("司法确认材料", "另附（如有）"),
              ("卷内备考表", "")]
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
            ["立 卷 人", "", "立卷日期", ""],
            ["本卷页数", ("本卷共　　　页", {"span": 3})]]
    c.table(rows, WIDTHS, header_rows=0, row_height_mm=13)


def add_contents(c: Composer, record: dict) -> None:
    paper_title(c, "卷内目录", new_page=True)
    c.blank(1)
    rows = [["序号", "文书名称", "页号", "备注"]]
    for i, (title, note) in enumerate(contents(record), 1):
        rows.append([(str(i), {"align": "center"}), title, "", note])
    c.table(rows, [18, 80, 22, 36], row_height_mm=11)
    c.text("页号由立卷人在卷内材料排列完毕后逐页编写。", "说明")


def add_application(c: Composer, record: dict) -> None:
    """人民调解申请书: the applicant's request, signed by the applicant (whole ID numbers)."""
    paper_title(c, "人民调解申请书", new_page=True)
    c.blank(1)
    add_parties(c, record)
    heading(c, "纠纷事实及申请事项：")
    c.text(record.get("facts") or "（未填写）", "纠纷事实")
    applicants = [p for p in record.get("parties") or [] if p.get("role") == "applicant"]
    we = "我们" if len(applicants) > 1 else "本人"  # three applicants sign it: not 本人
    c.text(f"为此，特向你委员会申请调解。{we}已知悉人民调解的性质和当事人的权利义务，"
           "自愿接受调解。", "申请书")
    c.keep_last_with_next()
    c.paragraph("此致", where="申请书")
    c.keep_last_with_next()
    c.paragraph(record.get("committee", ""), indent=False, where="申请书")
    c.keep_last_with_next()
    c.blank(1, keep_next=True)
    applicants = [p for p in record.get("parties") or [] if p.get("role") == "applicant"] or \
        (record.get("parties") or [])[:1]
    left = [f"申请人（{p.get('name', '')}）签名或按指印：" for p in applicants]
    signature_lines(c, left + [""], ["", f"{_d(record.get('accepted_date')) or BLANK_DATE}"],
                    left_share=0.62)


def add_register(c: Composer, record: dict) -> None:
    """受理登记表: the case at acceptance, parties masked."""
    paper_title(c, "人民调解受理登记表", new_page=True)
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
    paper_title(c, "当事人权利义务告知书", new_page=True)
    c.blank(1)
    for line in RIGHTS:
        c.paragraph(line, where="告知书")
    c.paragraph("以上内容已告知，当事人已知悉。", where="告知书")
    c.keep_last_with_next()  # the signatures never stand alone on a page
    c.blank(1, keep_next=True)
    left = [f"{rules.role_label(p)}（{p.get('name', '')}）签名：" for p in record.get("parties") or []]
    signature_lines(c, left, [f"告知日期：{_d(record.get('accepted_date')) or BLANK_DATE}"],
                    left_share=0.5)


def add_investigation(c: Composer, record: dict) -> None:
    """调查记录: a page the mediator fills in by hand during the investigation."""
    paper_title(c, "调查记录", new_page=True)
    c.blank(1)
    rows = [["调查时间", "　　年　　月　　日", "调查地点", ""],
            ["调 查 人", "", "记 录 人", ""],
            ["被调查人", "", "与本案关系", ""],
            ["调查事项", (f"{record.get('case_number', '')}　{with_suffix(record.get('dispute_type'), '纠纷')}",
                      {"span": 3})],
            ["调查情况", ("", {"span": 3, "height_mm": INVESTIGATION_BOX_MM})]]
    kept_table(c, rows, WIDTHS, header_rows=0, row_height_mm=12, with_next=True)
    c.blank(1, keep_next=True)
    signature_lines(c, ["被调查人（签名）："], ["调查人（签名）："], left_share=0.5)


def add_record(c: Composer, record: dict) -> None:
    """人民调解记录: who, when, where, the facts, room for the course, the result."""
    paper_title(c, "人民调解记录", new_page=True)
    c.blank(1)
    agreement = record.get("agreement") or {}
    result = OUTCOME.get(record.get("outcome") or "pending", "")
    if _has_agreement(record):
        result += "，达成书面调解协议（见人民调解协议书）"
    rows = [["调解时间", _d(record.get("closed_date")) or "　　年　　月　　日", "调解地点", ""],
            ["当 事 人", (_names(record), {"span": 3})],
            ["人民调解员", ("、".join(record.get("mediators") or []), {"span": 3})],
            ["纠纷事实及争议事项", (record.get("facts") or "", {"span": 3})],
            ["调解情况", ("", {"span": 3, "height_mm": MEDIATION_BOX_MM})],
            ["调解结果", (result, {"span": 3})]]
    if agreement.get("performance_deadline"):
        rows.append(["履行期限", (_d(agreement["performance_deadline"]), {"span": 3})])
    # The facts may be long: only the box to write in, the result and the signatures are kept
    # together (the whole table kept would leave the title alone when it is taller than a page).
    c.table(rows, WIDTHS, header_rows=0, row_height_mm=12)
    keep_rows_together(c._sect.getprevious(), with_next=True, last=len(rows) - 4)
    c.blank(1, keep_next=True)
    left = [f"{rules.role_label(p)}（{p.get('name', '')}）签名：" for p in record.get("parties") or []]
    signature_lines(c, left, ["人民调解员（签名）：", "记录人（签名）："])


def method_ticks(method: str) -> str:
    """□电话　☑上门　□其他 — the recorded method ticked (anything else under 其他)."""
    method = (method or "").strip()
    chosen = next((m for m in FOLLOWUP_METHODS if m in method), "其他" if method else "")
    if method in ("走访", "入户", "面谈", "当面"):
        chosen = "上门"
    return "　".join(f"{TICKED if m == chosen else BOX}{m}" for m in FOLLOWUP_METHODS)


def add_followups(c: Composer, record: dict) -> None:
    paper_title(c, "回访记录", new_page=True)
    c.blank(1)
    followups = record.get("followups") or [{}]
    performance = PERFORMANCE.get(record.get("performance") or "", "")
    for i, visit in enumerate(followups, 1):
        if len(followups) > 1:
            heading(c, f"第{i}次回访")
        rows = [["案件编号", (record.get("case_number", ""), {"span": 3})],
                ["回访日期", (_d(visit.get("date")) or "　　年　　月　　日", {"span": 3})],
                ["回访对象", (_names(record), {"span": 3})],
                ["回访方式", (method_ticks(visit.get("method") or ""), {"span": 3})],
                ["履行情况", (performance, {"span": 3})],
                ["回访情况", (visit.get("summary") or "",
                          {"span": 3, "height_mm": FOLLOWUP_BOX_MM})],
                ["被回访人签名", "", "回访人签名", ""],
                ["记 录 人", "", "记录日期", ""]]
        # widths: 被回访人签名 stays on one line
        kept_table(c, rows, [34, 54, 28, 40], header_rows=0, row_height_mm=12)


def add_remarks(c: Composer, record: dict) -> None:
    """卷内备考表: the file's last sheet — what it holds, who filed and who checked it."""
    paper_title(c, "卷内备考表", new_page=True)
    c.blank(1)
    rows = [["卷　　号", (record.get("case_number", ""), {"span": 3})],
            ["本卷情况说明", ("本卷共　　件、　　页。\n", {"span": 3, "height_mm": REMARKS_BOX_MM})],
            ["立 卷 人", "", "立卷日期", "　　年　　月　　日"],
            ["检 查 人", "", "检查日期", "　　年　　月　　日"]]
    kept_table(c, rows, [36, 42, 30, 48], header_rows=0, row_height_mm=14)


def build_case_file(record: dict, profile: Optional[dict] = None) -> Composer:
    """The whole file as one document, each paper starting on a new page."""
    c = Composer((profile or {}).get("fonts"), page_numbers=False)
    add_cover(c, record)
    add_contents(c, record)
    if by_application(record):
        add_application(c, record)
    else:
        add_register(c, record)
    add_rights(c, record)
    add_investigation(c, record)
    add_record(c, record)
    if _has_agreement(record):
        add_agreement(c, record, new_page=True)
    add_followups(c, record)
    add_remarks(c, record)
    return c
