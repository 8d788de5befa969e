"""人民调解协议书 in the Ministry of Justice's layout, and the entry point for the mediation
documents (the agreement alone, or the whole case file from docgen/mediation_file.py).

On A4 GB/T 9704 pages without a 版头: title, 编号, each party's particulars with their 法定代理人 /
委托代理人, the dispute's facts and issues with each party's responsibility (人民调解法 art. 29),
the agreed terms, how and when they are performed, the parties' rights and duties under the
agreement, copies, the effect clause, then room for every party to sign (or seal, or thumbprint),
for the mediators to sign by hand (their names are not pre-printed: a printed name is not a
signature) and for the recorder, the committee's seal and the date.

Personal data, one rule for every mediation output: a paper the parties sign and a court may
confirm (协议书, 申请书) prints each party's whole ID number, since a court must identify each
party without doubt and every copy goes to the parties themselves and the committee's file;
every other page, register, ledger, report and statistic masks it. Phone numbers are not needed
for any paper's effect and are masked everywhere in documents. A document that prints whole ID
numbers says so in its file name and is noted in the 操作记录 (docgen/document_types.py).
"""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from ..core import mediation as rules
from ..core.dates import chinese_date
from ..core.idcard import mask_phone
from . import layout as L
from . import ooxml as X
from .closing import signature
from .composer import Composer
from .model import Signature
from .render import RenderResult
from .tables import layout_table

DOCUMENTS = {"agreement": "人民调解协议书", "case_file": "人民调解卷宗"}
BLANK_DATE = "　　年　　月　　日"
RIGHTS_CLAUSE = ("各方当事人应当按照本协议约定全面、及时履行各自的义务，不得擅自变更或者解除本协议。"
                 "当事人之间就本协议的履行或者内容发生争议的，一方当事人可以向人民法院提起诉讼；"
                 "本协议经人民法院确认有效后，一方拒绝履行或者未全部履行的，对方当事人可以向人民法院申请强制执行。")
EFFECT_CLAUSE = ("本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。"
                 "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
                 "当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。")


def agreement_party_line(party: dict) -> str:
    """A party's particulars on the agreement: the full ID number, the phone masked."""
    shown = dict(party)
    if shown.get("phone"):
        shown["phone"] = mask_phone(shown["phone"])
    return rules.party_particulars(shown, masked=False)


AGENTS = (("legal_agent", "法定代理人"), ("entrusted_agent", "委托代理人"))


def add_parties(c: Composer, record: dict, line=agreement_party_line) -> None:
    """申请人：… / 法定代理人：… / 委托代理人：… for every party, by role."""
    for role, parties in rules.parties_by_role(record):
        for party in parties:
            labelled(c, f"{role}：", line(party))
            for key, label in AGENTS:
                if key == "legal_agent" and rules.is_organisation(party):
                    label = "法定代表人"  # a company is represented, not under guardianship
                if str(party.get(key) or "").strip():
                    labelled(c, f"{label}：", party[key].strip())


def copies_of(record: dict) -> int:
    """The agreement's copies: as recorded, else one per party and one kept by the committee."""
    agreement = record.get("agreement") or {}
    return agreement.get("copies") or len(record.get("parties") or []) + 1


def both_or_all(record: dict) -> str:
    """双方 for two parties; 各方 for three or more (a third party, several applicants), where
    双方 would leave some of those who sign out of the agreement they sign."""
    return "双方" if len(record.get("parties") or []) == 2 else "各方"


def performance_sentence(record: dict) -> str:
    agreement = record.get("agreement") or {}
    method = (agreement.get("performance_method") or "").strip().rstrip("。")
    deadline = chinese_date(agreement.get("performance_deadline") or "")
    if method and deadline:
        return f"{method}，于{deadline}前履行完毕。"
    if method:
        return f"{method}。"
    if deadline:
        return f"于{deadline}前履行完毕。"
    return "按照本协议约定的内容履行。"


def heading(c: Composer, text: str) -> None:
    """A 黑体 label line such as “纠纷主要事实、争议事项：”, indented two characters."""
    c.add(X.paragraph(c.run(text, "heading1"), jc="both", first_pt=2 * L.CHAR_PT, keep_next=True))


def labelled(c: Composer, label: str, text: str) -> None:
    """A paragraph starting with a 黑体 label: “申请人：张三，男……”."""
    runs = c.run(label, "heading1") + c.run(c.clean(text, label.rstrip("：")), nobreak=True)
    c.add(X.paragraph(runs, jc="both", first_pt=2 * L.CHAR_PT))


def signature_lines(c: Composer, left: list, right: list, *, left_share: float = 0.58,
                    with_next: bool = False, tail: int = 0) -> int:
    """Two borderless columns of signature lines (parties left; mediators and recorder right).
    A label wider than its column takes two lines (each row is one exact line: a long name
    was cut off at the column's edge, 被申请人（平顶山市湛河区阳光)."""
    left_w = L.TEXT_W_PT * left_share
    # less a margin: a label measured to fill its column exactly still lost its last characters
    left = [part for text in left for part in fitted(text, left_w - SIGN_MARGIN_PT)]
    right = [part for text in right for part in fitted(text, L.TEXT_W_PT - left_w - SIGN_MARGIN_PT)]
    rows = []
    for i in range(max(len(left), len(right))):
        lt = left[i] if i < len(left) else ""
        rt = right[i] if i < len(right) else ""
        rows.append([(c.run(lt), "left"), (c.run(rt), "left")])
    table = c.add(layout_table(rows, [left_w, L.TEXT_W_PT - left_w], row_height_pt=L.LINE_PITCH_PT))
    if tail and len(rows) > tail:
        # Too tall for one page: each label keeps its room to sign, and only the last `tail`
        # rows go with what follows (the seal and the date), which kept whole had been pushed
        # alone onto a page of their own.
        trs = table.findall(f"{{{X.W_NS}}}tr")
        for i, tr in enumerate(trs[:-tail]):
            if i + 1 < len(left) and not left[i + 1].strip():
                _keep_row(tr)
        keep_rows_together(table, with_next=with_next, last=tail)
    else:
        keep_rows_together(table, with_next=with_next)
    return len(rows)


def _keep_row(tr) -> None:
    w = f"{{{X.W_NS}}}"
    for ppr in tr.iter(f"{w}pPr"):
        if ppr.find(f"{w}keepNext") is None:
            ppr.insert(0, X.element(f"<w:keepNext {X.NSDECL}/>"))


_NO_LINE_START = "）)：:，、。"
SIGN_MARGIN_PT = 12.0


def fitted(text: str, width_pt: float) -> list:
    """A signature label as lines no wider than `width_pt`: whole when it fits, else broken
    before the bracketed name (申请人 / （阿卜杜拉·买买提）：) or after a label (告知日期：/ the
    date, never split), else where the line is full,
    never with a closing mark at a line's start."""
    from .composer import measure

    if measure(text) <= width_pt:
        return [text]
    for cut in (text.find("（"), text.find("：") + 1):  # before the name, after a label
        if 0 < cut < len(text) and measure(text[:cut]) <= width_pt \
                and measure(text[cut:]) <= width_pt:
            return [text[:cut], text[cut:]]
    lines, line = [], ""
    for ch in text:
        if line and measure(line + ch) > width_pt and ch not in _NO_LINE_START:
            lines.append(line)
            line = ""
        line += ch
    return lines + [line] if line else lines


def keep_rows_together(table, *, with_next: bool = False, last: int = 0) -> None:
    """Every row kept with the next (keepNext on the paragraphs of all rows but the last, and
    the last too `with_next`): a signature block moves to the next page whole instead of leaving
    its seal and date alone; a form keeps its signature lines. `last`: only the last rows."""
    w = f"{{{X.W_NS}}}"
    rows = table.findall(f"{w}tr")[-last:] if last else table.findall(f"{w}tr")
    for row in (rows if with_next else rows[:-1]):
        for ppr in row.iter(f"{w}pPr"):
            if ppr.find(f"{w}keepNext") is None:
                ppr.insert(0, X.element(f"<w:keepNext {X.NSDECL}/>"))


SIGN_ROOM_LINES = 2  # blank lines under each signature label: room for a name, a seal, a thumbprint


def add_agreement(c: Composer, record: dict, *, title: str = "人民调解协议书",
                  new_page: bool = False) -> None:
    """The agreement's pages, appended to a Composer (alone, or inside the case file)."""
    paper_title(c, title, new_page=new_page)
    c.add(X.paragraph(c.run(f"编号：{record.get('case_number', '')}"), jc="right"))
    add_parties(c, record)
    agreement = record.get("agreement") or {}
    heading(c, "纠纷主要事实、争议事项及各方当事人的责任：")
    c.text(record.get("facts") or "（未填写）", "纠纷事实")
    responsibility = (agreement.get("responsibility") or "").strip()
    if responsibility:
        c.text(responsibility, "各方当事人的责任")
    else:
        c.warnings.append("未填写各方当事人的责任（人民调解法第二十九条），协议书中未载明。")
    committee = record.get("committee", "")
    heading(c, f"经{committee}调解，{both_or_all(record)}当事人自愿达成如下协议：")
    terms = (agreement.get("terms") or "").strip()
    c.text(terms or "（未填写协议内容）", "协议内容")
    heading(c, "履行方式、时限：")
    c.text(performance_sentence(record), "履行方式")
    heading(c, "当事人的权利义务：")
    c.text(RIGHTS_CLAUSE, "权利义务")
    c.text(f"本协议一式{copies_of(record)}份，当事人各执一份，人民调解委员会留存一份。", "协议份数")
    c.text(EFFECT_CLAUSE, "生效条款")
    c.keep_last_with_next()  # the signature page shows text of the agreement (GB/T 9704 7.3.5)
    c.blank(1, keep_next=True)
    parties = record.get("parties") or []
    left = ["当事人签名：", "（或盖章、按指印）"]
    for party in parties:
        left += [f"{rules.role_label(party)}（{party.get('name', '')}）："] + [""] * SIGN_ROOM_LINES
    right = ["人民调解员（签名）："] + [""] * (SIGN_ROOM_LINES * max(1, len(record.get("mediators") or [])))
    right += ["记录人（签名）："] + [""] * SIGN_ROOM_LINES
    # The signature lines are kept with each other and with the committee's seal and the date
    # (GB/T 9704 7.3.5: they never stand alone on a last page), which are set as a sealed
    # 署名 under the table, however long the committee's name.
    # Whole on one page when it fits (22 lines: the last clause, a blank line, the rows, two
    # blank lines, the seal's name and the date); else the last rows stay with the seal.
    rows = max(len(left), len(right)) + 2  # a label or two may take two lines
    tail = 0 if rows + 1 + 4 + 3 <= L.LINES_PER_PAGE else SIGN_ROOM_LINES * 3 + 1
    signature_lines(c, left, right, left_share=0.5, with_next=True, tail=tail)
    date = record.get("closed_date") or BLANK_DATE
    signature(c, Signature([f"{committee}（印）"], date, sealed=True))


def paper_title(c: Composer, text: str, *, new_page: bool = False) -> None:
    """A paper's title (2号小标宋, centred), starting a new page when asked. The break belongs
    to the title (pageBreakBefore), so a paper that ends exactly at a page's foot leaves no
    empty page behind it, as a page-break paragraph would."""
    from .titles import break_title

    lines = break_title(c.clean(text, "标题"))
    c.add(X.paragraph(c.run("\n".join(lines), "title"), jc="center", keep_next=True,
                      page_break_before=new_page))
    c.stop_tracking()


def build_agreement(record: dict, profile: Optional[dict] = None) -> Composer:
    c = Composer((profile or {}).get("fonts"))
    add_agreement(c, record)
    return c


def render_mediation(registry, record_id: str, out_path, *, what: str = "agreement") -> RenderResult:
    """Write the agreement ('agreement') or the whole case file ('case_file') of a case."""
    from ..core.atomic import atomic_output
    from ..core.errors import ValidationError
    from ..core.fonts import substitution_warnings

    record = registry.get("mediation", record_id)
    profile = registry.profile()
    warnings = []
    if what == "agreement":
        if record.get("outcome") != "success":
            warnings.append("该案件调解结果不是“调解成功”，协议书仅供参考。")
        if not ((record.get("agreement") or {}).get("terms") or "").strip():
            raise ValidationError(["该案件尚未填写协议内容（事实、结果与协议页），无法生成人民调解协议书。"])
        c = build_agreement(record, profile)
    elif what == "case_file":
        from .mediation_file import build_case_file

        c = build_case_file(record, profile)
    else:
        raise ValueError(what)
    out_path = Path(out_path)
    with atomic_output(out_path) as temp:
        c.save(temp)
    warnings += c.warnings + c.font_notices + substitution_warnings(c.fonts)
    return RenderResult(out_path, warnings)

