"""人民调解协议书 in the Ministry of Justice's layout, and the entry point for the mediation
documents (the agreement alone, or the whole case file from docgen/mediation_file.py).

On A4 GB/T 9704 pages without a 版头: title, 编号, each party's particulars, the dispute's facts
and issues, the agreed terms, how and when they are performed, copies, the effect clause, the
signatures of the parties, the mediator(s) and the recorder, the committee's seal and the date.

ID numbers: the agreement prints each party's full ID number. It is the instrument the parties
perform and may take to a court for judicial confirmation (司法确认), where each party must be
identified without doubt; every copy goes to the parties themselves and the committee's file.
Phone numbers are not needed for the agreement's effect and every party receives a copy, so
they are masked. The other papers of the case file mask both (docgen/mediation_file.py).
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
from .filenames import safe_stem
from .model import Signature
from .render import RenderResult
from .tables import layout_table

DOCUMENTS = {"agreement": "人民调解协议书", "case_file": "人民调解卷宗"}
BLANK_DATE = "　　年　　月　　日"
EFFECT_CLAUSE = ("本协议自各方当事人签名（盖章或按指印）、人民调解员签名并加盖人民调解委员会印章之日起生效。"
                 "经人民调解委员会调解达成的调解协议，具有法律约束力，当事人应当按照约定履行。"
                 "当事人可以自本协议生效之日起三十日内共同向人民法院申请司法确认。")


def default_filename(record: dict, what: str = "agreement") -> str:
    """人民调解协议书（2022）湛调字第15号.docx — safe on Windows."""
    return safe_stem(f"{DOCUMENTS[what]}{record.get('case_number', '')}") + ".docx"


def agreement_party_line(party: dict) -> str:
    """A party's particulars on the agreement: the full ID number, the phone masked."""
    shown = dict(party)
    if shown.get("phone"):
        shown["phone"] = mask_phone(shown["phone"])
    return rules.party_particulars(shown, masked=False)


def copies_of(record: dict) -> int:
    """The agreement's copies: as recorded, else one per party and one kept by the committee."""
    agreement = record.get("agreement") or {}
    return agreement.get("copies") or len(record.get("parties") or []) + 1


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


def signature_lines(c: Composer, left: list, right: list, *, left_share: float = 0.58) -> None:
    """Two borderless columns of signature lines (parties left; mediators and recorder right)."""
    rows = []
    for i in range(max(len(left), len(right))):
        lt = left[i] if i < len(left) else ""
        rt = right[i] if i < len(right) else ""
        rows.append([(c.run(lt), "left"), (c.run(rt), "left")])
    left_w = L.TEXT_W_PT * left_share
    c.add(layout_table(rows, [left_w, L.TEXT_W_PT - left_w], row_height_pt=L.LINE_PITCH_PT))


def add_agreement(c: Composer, record: dict, *, title: str = "人民调解协议书") -> None:
    """The agreement's pages, appended to a Composer (alone, or inside the case file)."""
    c.title(title)
    c.stop_tracking()
    c.add(X.paragraph(c.run(f"编号：{record.get('case_number', '')}"), jc="right"))
    for role, parties in rules.parties_by_role(record):
        for party in parties:
            labelled(c, f"{role}：", agreement_party_line(party))
    heading(c, "纠纷主要事实、争议事项：")
    c.text(record.get("facts") or "（未填写）", "纠纷事实")
    committee = record.get("committee", "")
    heading(c, f"经{committee}调解，双方当事人自愿达成如下协议：")
    terms = ((record.get("agreement") or {}).get("terms") or "").strip()
    c.text(terms or "（未填写协议内容）", "协议内容")
    heading(c, "履行方式、时限：")
    c.text(performance_sentence(record), "履行方式")
    parties = record.get("parties") or []
    c.text(f"本协议一式{copies_of(record)}份，当事人各执一份，人民调解委员会留存一份。", "协议份数")
    c.text(EFFECT_CLAUSE, "生效条款")
    c.blank(1, keep_next=True)
    left = ["当事人（签名盖章或按指印）："]
    for party in parties:
        left += [f"{rules.role_label(party)}（{party.get('name', '')}）：", ""]
    right = ["人民调解员（签名）："]
    for name in record.get("mediators") or [""]:
        right += [f"　　{name}" if name else "", ""]
    right += ["记录人（签名）：", ""]
    signature_lines(c, left, right)
    date = record.get("closed_date") or BLANK_DATE
    signature(c, Signature([f"{committee}（印）"], date, sealed=True))


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
    warnings += c.warnings + substitution_warnings(c.fonts)
    return RenderResult(out_path, warnings)


def render_from_cli(registry, args) -> RenderResult:
    """`render mediation ID --out FILE.docx [--document agreement|case-file]`."""
    what = "case_file" if getattr(args, "document", "") == "case-file" else "agreement"
    return render_mediation(registry, args.record_id, args.out, what=what)
