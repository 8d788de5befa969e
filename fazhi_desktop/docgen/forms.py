"""Documents made from the same record as the reply: the opinion form (征询意见表) the member or
deputy returns, and the 会办意见 an assisting unit sends to the lead unit (its own number series).

会办意见: it exists only where the office is an assisting unit of the record (its `authority` or
`authority_short` among `co_units`) and `lead_unit` names another unit. It is a 信函 under the
office's own mark, addressed to the lead unit, carrying the office's own opinion (`assist.body`,
not the reply), dated `assist.date`, numbered in the assist series of that date's year. A record
the office leads is refused before any number is handed out.
"""
from __future__ import annotations

import datetime as _dt
from typing import Optional

from ..core import records
from ..core.dates import chinese_date
from ..core.errors import ValidationError
from .filenames import safe_stem
from .item_phrases import number_phrase, title_phrase
from .model import Colophon, LetterHeader, OfficialDocument, Paragraph, Signature, Table
from .render import RenderResult, write_document
from .replies import contact_line, mark_text
from .wording import bare_name

BOX, TICKED = "□", "☑"
# How a recorded 沟通 is ticked on the form: the form's box -> words a clerk writes as the method.
CONTACT_METHODS = (("面商", ("面商", "面谈", "座谈", "走访", "见面", "当面", "上门")),
                   ("电话联系", ("电话", "手机", "微信", "视频")),
                   ("书面联系", ("书面", "信函", "函", "邮件", "短信")))
WRITING_BOX_MM = 62  # 意见和建议: room for six or seven handwritten lines, the form still on one page


def opinion_form_title(kind: str) -> str:
    return "政协委员提案办理情况征询意见表" if kind == "proposal" else "人大代表建议办理情况征询意见表"


def ticks(options, chosen) -> str:
    """□A类　☑B类 …: `chosen` ticked."""
    return "　".join(f"{TICKED if value in chosen else BOX}{label}" for value, label in options)


def communication_ticks(record: dict, width_chars: float = 19.0) -> str:
    """The methods of contact as boxes, the recorded ones ticked with their dates."""
    done = {}
    for item in record.get("communications") or []:
        method = str(item.get("method") or "")
        for box, words in CONTACT_METHODS:
            if any(word in method for word in words):
                done.setdefault(box, []).append(chinese_date(item.get("date") or "") or "")
                break
    ticked, others = [], []
    for box, _words in CONTACT_METHODS:
        if box in done:
            dates = "、".join(d for d in done[box] if d)
            ticked.append(f"{TICKED}{box}" + (f"（{dates}）" if dates else ""))
        else:
            others.append(f"{BOX}{box}")
    others.append(f"{BOX}未联系")  # nothing recorded is not proof of no contact: left to them
    # Each recorded contact on a line of its own, so that no date is broken across lines.
    return "\n".join(ticked + [lines_at(others, "　", width_chars)])


def lines_at(items: list, sep: str, width_chars: float = 19.0) -> str:
    """Items joined by `sep`, a line break put between items where a cell's line would be
    full (`width_chars` characters): a name, a unit or a date is never broken across lines."""
    from .text import printed_width

    lines, line = [], ""
    for item in items:
        candidate = f"{line}{sep}{item}" if line else item
        if line and printed_width(candidate) > width_chars:
            lines.append(line + (sep if sep != "　" else ""))
            line = item
        else:
            line = candidate
    return "\n".join(lines + [line]) if line else "\n".join(lines)


LABEL_MM, VALUE_MM, SIGN_ROW_MM = 46, 110, 16
ROW_MM = {14: 9.0, 12: 8.0}  # the least row height per cell font size (4号, 小四)
# The text block (225 mm) less the title with the blank line under it (21 mm measured), the
# closing note (one line) and a margin for rounding.
TABLE_BUDGET_MM = 225 - 21 - 10.2 - 3
MIN_BOX_MM = 30


def cell_chars(size_pt: float) -> float:
    """How many full-width characters a value cell takes on one line, with a safety margin."""
    return (VALUE_MM - 3) / 25.4 * 72 / size_pt - 2.5


def rows_height_mm(rows: list, size_pt: float) -> float:
    """The estimated height of the form's rows (each line of a cell 1.5 lines of its size)."""
    import math

    from .text import printed_width

    line_mm = size_pt * 1.5 * 25.4 / 72
    usable_pt = (VALUE_MM - 3) / 25.4 * 72
    used = 0.0
    for _label, value in rows:
        text = value[0] if isinstance(value, tuple) else str(value or "")
        lines = sum(max(1, math.ceil(printed_width(part) * size_pt / usable_pt))
                    for part in text.split("\n"))
        used += max(ROW_MM[size_pt], lines * line_mm + 0.6)
    return used


def build_opinion_form(kind: str, record: dict, profile: dict, *,
                       signer: Optional[str] = None) -> OfficialDocument:
    """The form sent with the reply: the item, its units, the contact, the result class, the
    recorded contact with the member, boxes for 满意/基本满意/不满意 and room to write.

    One page: the 意见和建议 box is WRITING_BOX_MM less what long cells (a long title, many
    signers, co-units, contacts) take, never below MIN_BOX_MM; where that is not enough the
    cells are set in 小四 instead of 4号."""
    import math

    from .text import printed_width

    lead = record.get("lead_unit") or profile.get("authority_short") or profile.get("authority", "")
    note = f"请在收到答复后十日内填写本表，寄回{lead or '承办单位'}。"
    # The budget holds one line of the note; a long 主办单位 makes it two, and that line had
    # gone onto a second page of its own.
    note_lines = math.ceil((printed_width(note) + 2) / 28)
    budget = TABLE_BUDGET_MM - (note_lines - 1) * 10.2
    for size in (14, 12):
        rows = opinion_rows(kind, record, profile, signer=signer, size_pt=size)
        room = budget - SIGN_ROW_MM - rows_height_mm(rows, size)
        if room >= MIN_BOX_MM:
            break
    people = records.people_word(kind)
    box = max(MIN_BOX_MM, min(WRITING_BOX_MM, room))
    rows += [["意见和建议", ("", {"height_mm": box})],
             [f"{people}签名", ("　　　　　　　　　　　年　　月　　日", {"height_mm": SIGN_ROW_MM})]]
    body = [Table(rows=rows, widths_mm=[LABEL_MM, VALUE_MM], header_rows=0, size_pt=size,
                  row_height_mm=ROW_MM[size])]
    body.append(Paragraph(note, level=0, indent=True))
    return OfficialDocument(title=opinion_form_title(kind), body=body, page_numbers=False,
                            fonts=dict(profile.get("fonts") or {}), required=("title",))


def opinion_rows(kind: str, record: dict, profile: dict, *, signer: Optional[str],
                 size_pt: float) -> list:
    """The form's rows above the writing box, long lists broken between their items."""
    reply = record.get("reply") or {}
    item = records.item_word(kind)
    people = records.people_word(kind)
    group_label = "界别/党派" if kind == "proposal" else "代表团"
    width = cell_chars(size_pt)
    authors = [bare_name(a) for a in ([signer] if signer else list(record.get("authors") or []))]
    lead = record.get("lead_unit") or profile.get("authority_short") or profile.get("authority", "")
    co_units = lines_at([u for u in record.get("co_units") or [] if u], "、", width) or "无"
    satisfaction = list(records.SATISFACTION.items())
    classes = [(v, f"{v}类") for v in records.RESULT_CLASS]
    person = reply.get("contact_person") or profile.get("contact_person") or ""
    phone = reply.get("contact_phone") or profile.get("contact_phone") or ""
    return [
        [f"{item}编号", f"{record.get('session', '')}第{record.get('number', '')}号"],
        [f"{item}标题", record.get("title", "")],
        [f"提出{people}", lines_at(authors, "、", width)],
        [group_label, record.get("group") or ""],
        ["主办单位", lead],
        ["会办单位", co_units],
        ["联系人及电话", f"{person}　{phone}".strip()],
        ["答复日期", chinese_date(reply.get("date")) or ""],
        ["办理结果类别", ticks(classes, {record.get("result_class")})],
        ["办理前后沟通", communication_ticks(record, width)],
        ["对办理工作的评价", ticks(satisfaction, ())],
        ["对答复内容的评价", ticks(satisfaction, ())],
    ]


# ----------------------------------------------------------------------------- 会办意见
def assist_code(profile: dict) -> str:
    """The 机关代字 of 会办意见: the profile's `assist_code`, else 代字 + 会."""
    return (profile.get("assist_code") or "").strip() or ((profile.get("doc_code") or "") + "会")


def office_names(profile: dict) -> set:
    return {n.strip() for n in (profile.get("authority"), profile.get("authority_short"))
            if n and n.strip()}


def assist_problems(kind: str, record: dict, profile: dict) -> list:
    """Why the office cannot issue a 会办意见 for this record (Chinese), or []."""
    where = records.describe_key(kind, record)
    ours = office_names(profile)
    lead = (record.get("lead_unit") or "").strip()
    co_units = {u.strip() for u in record.get("co_units") or [] if u and u.strip()}
    if lead and lead in ours:
        return [f"{where}由本单位（{lead}）主办，会办意见是会办单位致主办单位的文书，"
                f"本单位不出具；请生成答复件。"]
    if not ours & co_units:
        name = profile.get("authority_short") or profile.get("authority") or "本单位"
        return [f"{where}的会办单位中没有本单位（{name}），无法出具会办意见。"]
    if not lead:
        return [f"{where}未填写主办单位，无法确定会办意见的主送单位。"]
    if not str((record.get("assist") or {}).get("body") or "").strip():
        return [f"{where}还没有会办意见正文，请先在“会办意见”中填写。"]
    return []


def assist_date(record: dict, today: Optional[_dt.date] = None) -> str:
    return (record.get("assist") or {}).get("date") or (today or _dt.date.today()).isoformat()


def build_assist_opinion(kind: str, record: dict, profile: dict, *,
                         doc_number: str = "") -> OfficialDocument:
    """会办意见: the office's own view, sent to the lead unit as a 信函."""
    problems = assist_problems(kind, record, profile)
    if problems:
        raise ValidationError(problems)
    assist = record.get("assist") or {}
    lead = record["lead_unit"].strip()
    authority = profile.get("authority") or ""
    short = profile.get("authority_short") or authority
    title = f"关于{number_phrase(kind, record)}的会办意见"
    opening = (f"贵单位主办的{title_phrase(kind, record.get('title', ''))}"
               f"（{number_phrase(kind, record)}），我单位为会办单位。"
               f"经认真研究，现将会办意见函告如下：")
    line = contact_line({}, profile)
    return OfficialDocument(
        title=title,
        header=LetterHeader(mark=mark_text(profile, letter=True), doc_number=doc_number),
        addressee=lead, body=[opening, assist["body"]],
        signature=Signature([short], assist_date(record)),
        notes=[line] if line else [], colophon=Colophon(cc=[]),
        fonts=dict(profile.get("fonts") or {}))


def render_opinion_form(registry, kind: str, record_id: str, out_path, *,
                        signer: Optional[str] = None) -> RenderResult:
    record = registry.get(kind, record_id)
    return write_document(build_opinion_form(kind, record, registry.profile(), signer=signer),
                          out_path)


def render_assist_opinion(registry, kind: str, record_id: str, out_path, *,
                          doc_number: Optional[str] = None) -> RenderResult:
    """The 会办意见: `assist.doc_number` when typed, else the number it was given before, else
    the next of the assist series in the year of its date (recorded). Refused — nothing
    numbered — where the office is not an assisting unit."""
    from ..core import numbering

    record = registry.get(kind, record_id)
    profile = registry.profile()
    build_assist_opinion(kind, record, profile)  # refuse before a number is used up
    typed = ((record.get("assist") or {}).get("doc_number") or "").strip()
    doc_number = doc_number or typed
    warnings = []
    if typed:
        warnings += numbering.check_doc_number(registry, typed, kind=kind, record_id=record_id)
        parsed = numbering.parse_number(typed)
        if parsed and parsed[1] != int(assist_date(record)[:4]):
            warnings.append(f"会办意见的发文字号“{typed}”的年份与成文日期"
                            f"（{chinese_date(assist_date(record))}）的年份不一致。")
    if not doc_number:
        year = int(assist_date(record)[:4])
        doc_number = numbering.issued_number(registry, assist_code(profile), year,
                                             kind=kind, record_id=record_id) \
            or numbering.reserve_doc_number(registry, assist_code(profile), year,
                                            kind=kind, record_id=record_id)
    result = write_document(build_assist_opinion(kind, record, profile, doc_number=doc_number),
                            out_path)
    if not (record.get("assist") or {}).get("date"):
        warnings.insert(0, f"{records.describe_key(kind, record)}的会办意见未填写成文日期，"
                           f"已使用今天的日期。")
    result.warnings[:0] = warnings
    return result


def opinion_form_filename(kind: str, record: dict) -> str:
    return safe_stem(f"{record.get('session', '')}第{record.get('number', '')}号"
                     f"{records.item_word(kind)}征询意见表") + ".docx"


def assist_opinion_filename(kind: str, record: dict) -> str:
    return safe_stem(f"关于{record.get('session', '')}第{record.get('number', '')}号"
                     f"{records.item_word(kind)}的会办意见") + ".docx"
