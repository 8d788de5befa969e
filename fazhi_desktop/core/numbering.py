"""Document numbers (发文字号) such as 平湛司〔2022〕27号: proposing the next free one, recording
those handed out so none is given twice, and checking a number a clerk typed.

A number counts as used when it is in the doc_number table (handed out by `reserve`) or written
in any proposal's or suggestion's reply (also those in the recycle bin: the paper went out).
"""
from __future__ import annotations

import re
from typing import Optional

from .dates import now_iso
from .errors import ValidationError

NUMBER_RE = re.compile(r"^(?P<code>[^〔〕\[\]()（）【】\s]+)〔(?P<year>\d{4})〕(?P<serial>[1-9]\d*)号$")
_LOOSE = re.compile(
    r"^(?P<code>.*?)\s*[〔\[(（【［]\s*(?P<year>\d{2,4})\s*[〕\])）】］]\s*第?\s*(?P<serial>\d+)\s*号?$")
REPLY_KINDS = ("proposal", "suggestion")


def format_number(code: str, year: int, serial: int) -> str:
    return f"{code}〔{year}〕{serial}号"


def parse_number(text: str) -> Optional[tuple]:
    """(code, year, serial) of a well-formed number, else None."""
    m = NUMBER_RE.match((text or "").strip())
    return (m["code"], int(m["year"]), int(m["serial"])) if m else None


def format_problems(text: str) -> list:
    """Why a typed number is not in the form 代字〔YYYY〕N号 (Chinese; empty when it is)."""
    text = (text or "").strip()
    if not text or parse_number(text):
        return []
    problems = []
    loose = _LOOSE.match(text)
    if re.search(r"[\[\]()（）【】［］]", text):
        problems.append("年份应使用六角括号〔〕，不能用[]、()、【】等括号")
    elif "〔" not in text or "〕" not in text:
        problems.append("年份应写在六角括号〔〕中，如平湛司〔2022〕27号")
    if "第" in text:
        problems.append("发文字号中不加“第”字")
    if loose:
        if len(loose["year"]) != 4:
            problems.append("年份应写全四位数字，如2022")
        if loose["serial"].startswith("0"):
            problems.append("序号不编虚位（写1，不写01或001）")
        if not text.endswith("号"):
            problems.append("发文字号应以“号”字结尾")
        if not loose["code"].strip():
            problems.append("缺少机关代字")
    if not problems:
        problems.append("格式应为“机关代字〔年份〕序号号”，如平湛司〔2022〕27号")
    suggestion = ""
    if loose and loose["code"].strip() and len(loose["year"]) == 4:
        suggestion = f"，应写作“{format_number(loose['code'].strip(), int(loose['year']), int(loose['serial']))}”"
    return [f"发文字号“{text}”格式不规范：{'；'.join(problems)}{suggestion}。"]


def _holders(registry, number: str) -> list:
    """(kind, record_id) of everything that already carries `number`."""
    found = []
    parsed = parse_number(number)
    conn = registry.store.conn
    if parsed:
        for kind, rid in conn.execute(
                "SELECT kind, record_id FROM doc_number WHERE code = ? AND year = ? AND serial = ?",
                parsed):
            found.append((kind, rid))
    for kind in REPLY_KINDS:
        for (rid,) in conn.execute(f"SELECT id FROM {kind} WHERE doc_number = ?", (number,)):
            found.append((kind, rid))
    return found


def used_serials(registry, code: str, year: int) -> set:
    conn = registry.store.conn
    serials = {row[0] for row in conn.execute(
        "SELECT serial FROM doc_number WHERE code = ? AND year = ?", (code, year))}
    prefix = f"{code}〔{year}〕"
    for kind in REPLY_KINDS:
        # A range rather than LIKE 'prefix%', so that the doc_number index serves it.
        for (number,) in conn.execute(
                f"SELECT doc_number FROM {kind} WHERE doc_number >= ? AND doc_number < ?",
                (prefix, prefix + "\U0010ffff")):
            parsed = parse_number(number)
            if parsed and parsed[0] == code and parsed[1] == year:
                serials.add(parsed[2])
    return serials


def next_doc_number(registry, code: str, year: int) -> str:
    """The number after the highest used one for this code and year (1 for a new year).
    A proposal only: `reserve_doc_number` hands it out."""
    used = used_serials(registry, code, year)
    return format_number(code, year, max(used, default=0) + 1)


def reserve_doc_number(registry, code: str, year: int, *, kind: Optional[str] = None,
                       record_id: Optional[str] = None) -> str:
    """Hand out the next free number and record it, in one transaction: never twice."""
    if not (code or "").strip():
        raise ValidationError(["单位设置中未填写机关代字，无法编发文字号。"])
    store = registry.store
    with store.transaction():
        number = next_doc_number(registry, code, year)
        serial = parse_number(number)[2]
        store.conn.execute(
            "INSERT INTO doc_number(code, year, serial, kind, record_id, issued_at) "
            "VALUES (?, ?, ?, ?, ?, ?)", (code, year, serial, kind, record_id, now_iso()))
    return number


def issued_number(registry, code: str, year: int, *, kind: Optional[str],
                  record_id: Optional[str]) -> Optional[str]:
    """The last number of this code and year handed out to this record, if any."""
    row = registry.store.conn.execute(
        "SELECT serial FROM doc_number WHERE code = ? AND year = ? AND kind IS ? "
        "AND record_id IS ? ORDER BY serial DESC LIMIT 1", (code, year, kind, record_id)).fetchone()
    return format_number(code, year, row[0]) if row else None


def record_doc_number(registry, number: str, *, kind: Optional[str] = None,
                      record_id: Optional[str] = None) -> None:
    """Register a typed number as handed out (refused when malformed or used elsewhere).

    The check and the insert are one transaction: another clerk (thread or process) recording
    the same number waits for this COMMIT and is then refused, rather than both passing the
    check and both being told the number is theirs."""
    store = registry.store
    with store.transaction():
        problems = check_doc_number(registry, number, kind=kind, record_id=record_id)
        if problems:
            raise ValidationError(problems)
        code, year, serial = parse_number(number.strip())
        # IGNORE: the check passed, so a row already there is this record's own earlier one.
        store.conn.execute(
            "INSERT OR IGNORE INTO doc_number(code, year, serial, kind, record_id, issued_at) "
            "VALUES (?, ?, ?, ?, ?, ?)", (code, year, serial, kind, record_id, now_iso()))


def check_doc_number(registry, number: str, *, kind: Optional[str] = None,
                     record_id: Optional[str] = None) -> list:
    """Chinese warnings for a typed number: malformed, or already used by another record.
    The record's own earlier use (same kind and id) is not a conflict."""
    number = (number or "").strip()
    if not number:
        return []
    problems = format_problems(number)
    if problems:
        return problems
    from .records import describe_key

    for holder_kind, holder_id in _holders(registry, number):
        if holder_id and holder_id == record_id and (holder_kind in (None, kind)):
            continue
        what = "另一份文件"
        if holder_kind in REPLY_KINDS and holder_id:
            row = registry.store.load(holder_kind, holder_id, include_deleted=True)
            if row:
                what = describe_key(holder_kind, row) + "的答复"
        return [f"发文字号“{number}”已被{what}使用，请换一个号（下一个可用：" +
                f"{next_doc_number(registry, *parse_number(number)[:2])}）。"]
    return []


# ---------------------------------------------------------------- numbers of new records
# A new record is proposed the next free 编号 (proposal, suggestion) or 案件编号 (mediation), and
# the 届次 / 调委会 and 主办单位 of the record entered last, so that entering a pile of them is
# typing what differs (issue 17.4). Records in the recycle bin count as taken: restoring one must
# not collide with a number handed to a new record meanwhile.

_CASE_NUMBER = re.compile(r"^(?P<head>.*?)(?P<year>\d{4})(?P<middle>\D.*?)(?P<serial>\d+)(?P<tail>\D*)$")


def next_item_number(registry, kind: str, session: Optional[str]) -> int:
    """The number after the highest one of this 届次 (1 for a new session)."""
    if kind not in REPLY_KINDS or not (session or "").strip():
        return 1
    row = registry.store.conn.execute(
        f"SELECT max(number) FROM {kind} WHERE session = ? AND typeof(number) = 'integer'",
        (session.strip(),)).fetchone()
    return (row[0] or 0) + 1


def next_case_number(registry, year: int) -> Optional[str]:
    """（2026）湛调字第16号 after the highest serial of `year` in the form the office uses (that
    of the case with the highest serial, or of the last case of another year with the serial
    starting at 1); None when no case number is there to follow."""
    best, latest = None, None
    for (text,) in registry.store.conn.execute(
            "SELECT case_number FROM mediation ORDER BY seq"):
        found = _CASE_NUMBER.match(text or "")
        if not found:
            continue
        latest = found
        if int(found["year"]) == year and (best is None or int(found["serial"]) > int(best["serial"])):
            best = found
    model = best or latest
    if model is None:
        return None
    serial = int(best["serial"]) + 1 if best else 1
    candidate = f"{model['head']}{year}{model['middle']}{serial}{model['tail']}"
    taken = {row[0] for row in registry.store.conn.execute("SELECT case_number FROM mediation")}
    while candidate in taken:  # a number typed out of order above the highest one
        serial += 1
        candidate = f"{model['head']}{year}{model['middle']}{serial}{model['tail']}"
    return candidate


def new_record_defaults(registry, kind: str, *, year: Optional[int] = None) -> dict:
    """What a new record starts with: the next free number and the last record's 届次 and
    主办单位 (the office's own name from the profile when there is no record yet); for a
    mediation case the next 案件编号 and the last case's 调委会."""
    from .dates import today

    conn = registry.store.conn
    if kind in REPLY_KINDS:
        row = conn.execute(f"SELECT session, lead_unit FROM {kind} WHERE deleted_at IS NULL "
                           "ORDER BY seq DESC LIMIT 1").fetchone()
        profile = registry.profile()
        own = (profile.get("authority_short") or profile.get("authority") or "").strip()
        defaults = {"status": "pending"}
        session = row[0] if row else None
        if session:
            defaults["session"] = session
            defaults["number"] = next_item_number(registry, kind, session)
        lead = (row[1] if row else None) or own
        if lead:
            defaults["lead_unit"] = lead
        return defaults
    if kind == "mediation":
        defaults = {}
        number = next_case_number(registry, year or today().year)
        if number:
            defaults["case_number"] = number
        row = conn.execute("SELECT committee FROM mediation WHERE deleted_at IS NULL "
                           "ORDER BY seq DESC LIMIT 1").fetchone()
        if row and row[0]:
            defaults["committee"] = row[0]
        return defaults
    return {}
