"""Rules of a mediation case: the 30-day judicial-confirmation window, and parties for display.

人民调解法 art. 33: the parties may jointly ask a court for judicial confirmation (司法确认) within
30 days of the agreement taking effect. The register has no signing date, so the agreement is
taken to take effect on the case's closing date (结案日期), the day the parties sign it.
"""
from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Optional

from .dates import chinese_date, parse_iso_date
from .idcard import id_birth_date, mask_id_number, mask_phone
from .records import PARTY_ROLE

CONFIRMATION_DAYS = 30
WARN_DAYS = 7     # "closing": a week left, time to remind the parties
URGENT_DAYS = 3   # "urgent": the last three days


@dataclass(frozen=True)
class ConfirmationWindow:
    """Where a case stands with respect to judicial confirmation."""

    level: str  # not_applicable / unknown / open / closing / urgent / closed
    opens: Optional[_dt.date] = None
    closes: Optional[_dt.date] = None
    days_left: Optional[int] = None
    message: str = ""

    @property
    def warns(self) -> bool:
        return self.level in ("closing", "urgent", "closed")


def has_written_agreement(record: dict) -> bool:
    agreement = record.get("agreement") or {}
    return bool(str(agreement.get("terms") or "").strip())


def confirmation_window(record: dict, *, today: Optional[_dt.date] = None) -> ConfirmationWindow:
    """The 司法确认 window of a case: open from the agreement's effect for 30 days.

    The start day is not counted (民事诉讼法 art. 85), so an agreement effective on 3 March can
    be confirmed up to and including 2 April. When the last day is a Saturday or Sunday the
    court takes the application on the next working day; the message says so, but the warning
    keeps to the plain date so that nobody relies on a holiday that may be a working day.
    """
    day = today or _dt.date.today()
    if record.get("outcome") != "success" or not has_written_agreement(record):
        return ConfirmationWindow("not_applicable",
                                  message="仅调解成功并达成书面协议的案件可申请司法确认")
    opens = parse_iso_date(record.get("closed_date") or "")
    if opens is None:
        return ConfirmationWindow(
            "unknown", message="未填写结案日期（协议生效日期），无法计算司法确认期限")
    closes = opens + _dt.timedelta(days=CONFIRMATION_DAYS)
    left = (closes - day).days
    tail = ""
    if closes.weekday() >= 5:
        tail = "（期满日为休息日的，顺延至其后第一个工作日）"
    span = f"{chinese_date(opens)}协议生效，可于{chinese_date(closes)}前共同向人民法院申请司法确认{tail}"
    if day < opens:
        return ConfirmationWindow("open", opens, closes, left, span)
    if left < 0:
        return ConfirmationWindow(
            "closed", opens, closes, left,
            f"司法确认申请期限已于{chinese_date(closes)}届满（已过{-left}天）")
    if left <= URGENT_DAYS:
        words = "今天是最后一天" if left == 0 else f"仅剩{left}天"
        return ConfirmationWindow("urgent", opens, closes, left, f"司法确认申请期限{words}：{span}")
    if left <= WARN_DAYS:
        return ConfirmationWindow("closing", opens, closes, left,
                                  f"司法确认申请期限即将届满（剩{left}天）：{span}")
    return ConfirmationWindow("open", opens, closes, left, f"剩{left}天：{span}")


# ----------------------------------------------------------------------------- parties
def masked_party(party: dict) -> dict:
    """A copy of a party with the ID number and phone masked (for tables and documents)."""
    out = dict(party)
    if out.get("id_number"):
        out["id_number"] = mask_id_number(out["id_number"])
    if out.get("phone"):
        out["phone"] = mask_phone(out["phone"])
    return out


def masked_record(record: dict) -> dict:
    """A copy of a case whose parties are all masked."""
    out = dict(record)
    out["parties"] = [masked_party(p) for p in record.get("parties") or []]
    return out


def birth_date_of(party: dict) -> Optional[_dt.date]:
    """The party's birth date: the field, else the one inside the ID number."""
    given = parse_iso_date(party.get("birth_date") or "")
    if given:
        return given
    number = str(party.get("id_number") or "").strip()
    return id_birth_date(number) if len(number) == 18 else None


def role_label(party: dict) -> str:
    return PARTY_ROLE.get(party.get("role") or "", "当事人")


# How the names of parties that are not natural persons end (a company, a shop, a village
# committee, an office): their particulars say 住所地, their legal_agent is a 法定代表人.
ORGANISATION_ENDINGS = ("公司", "厂", "店", "场", "行", "社", "中心", "委员会", "协会", "集团",
                        "学校", "医院", "院", "所", "局", "站", "部", "办事处", "政府", "银行",
                        "企业", "合作社", "事务所", "基金会", "俱乐部")


def is_organisation(party: dict) -> bool:
    """A party that is a company or another body, told by its name (the register has no field
    for it): 平顶山市某物业服务有限公司, 某村村民委员会. A person's name of 2 to 4 characters is
    never one, even when it ends like one (王站)."""
    name = str(party.get("name") or "").strip()
    return len(name) > 4 and "·" not in name and name.endswith(ORGANISATION_ENDINGS)


def party_particulars(party: dict, *, masked: bool = True) -> str:
    """'张三，男，汉族，1980年5月1日出生，身份证号码4104**********1234，农民，住…，联系电话138****5678';
    a company: '某物业服务有限公司，住所地…，联系电话0375****989'."""
    p = masked_party(party) if masked else party
    parts = [p.get("name") or ""]
    for key in ("sex", "ethnicity"):
        if p.get(key):
            parts.append(p[key])
    born = birth_date_of(party)
    if born:
        parts.append(f"{chinese_date(born)}出生")
    if p.get("id_number"):
        parts.append(f"身份证号码{p['id_number']}")
    if p.get("occupation"):
        parts.append(p["occupation"])
    if p.get("address"):
        parts.append(f"{'住所地' if is_organisation(party) else '住'}{p['address']}")
    if p.get("phone"):
        parts.append(f"联系电话{p['phone']}")
    return "，".join(parts)


def parties_by_role(record: dict) -> list:
    """(role label, [parties]) in the order 申请人, 被申请人, 第三人, keeping the clerk's order inside."""
    groups = []
    for role in ("applicant", "respondent", "third_party", None):
        members = [p for p in record.get("parties") or []
                   if (p.get("role") if p.get("role") in PARTY_ROLE else None) == role]
        if members:
            groups.append((PARTY_ROLE.get(role, "当事人"), members))
    return groups


# ----------------------------------------------------------------------------- register queries
def accepted_months(conn) -> list:
    """The months (YYYY-MM) in which live cases were accepted, newest first (month filter)."""
    sql = ("SELECT DISTINCT substr(accepted_date, 1, 7) FROM mediation "
           "WHERE deleted_at IS NULL ORDER BY 1 DESC")
    return [row[0] for row in conn.execute(sql)]


def confirmation_levels(conn, seq_list: list, *, today: Optional[_dt.date] = None) -> dict:
    """seq -> ConfirmationWindow for the given rows (one page of a register table)."""
    found = {}
    for start in range(0, len(seq_list), 500):
        chunk = seq_list[start:start + 500]
        sql = (f"SELECT seq, outcome, closed_date, json_extract(data, '$.agreement.terms') "
               f"FROM mediation WHERE seq IN ({', '.join('?' * len(chunk))})")
        for seq, outcome, closed, terms in conn.execute(sql, chunk):
            record = {"outcome": outcome, "closed_date": closed,
                      "agreement": {"terms": terms} if terms else None}
            found[seq] = confirmation_window(record, today=today)
    return found


def dispute_name(dispute_type) -> str:
    """The dispute as said in a sentence: 邻里 -> 邻里纠纷, 邻里纠纷 stays (clerks type either)."""
    text = str(dispute_type or "").strip()
    return text if not text or text.endswith("纠纷") else text + "纠纷"
