"""Deterministic records of every kind, as clerks fill them in, for the ledger tests."""
from __future__ import annotations

import datetime as _dt

from fazhi_desktop.core.idcard import check_digit

UNITS = ("湛河区司法局", "区财政局", "区人社局", "区住建局", "区城管局", "区教体局")
AUTHORS = ("胡校丽", "李强", "赵敏", "王建国", "刘芳", "陈思远", "张伟", "周晓燕")
COMMITTEES = ("阳光苑社区人民调解委员会", "姚孟街道人民调解委员会", "物业纠纷调解中心")
TOWNS = ("姚孟街道", "曹镇乡", "北渡街道", "九里山街道")


def proposal(n: int, kind: str = "proposal") -> dict:
    """The n-th proposal (n >= 1) of 区政协六届一次会议, every ledger field filled."""
    session = "区政协六届一次会议" if kind == "proposal" else "区人大十届一次会议"
    assigned = _dt.date(2022, 3, 1) + _dt.timedelta(days=n % 90)
    record = {
        "session": session,
        "number": n,
        "title": f"关于加强第{n}项法治建设工作的{'提案' if kind == 'proposal' else '建议'}",
        "authors": [AUTHORS[n % len(AUTHORS)]] + ([AUTHORS[(n + 3) % len(AUTHORS)]] if n % 4 == 0 else []),
        "group": "民盟" if kind == "proposal" else "姚孟代表团",
        "lead_unit": UNITS[n % len(UNITS)],
        "co_units": [UNITS[(n + 1) % len(UNITS)]] if n % 3 == 0 else [],
        "assigned_date": assigned.isoformat(),
        "status": ("pending", "in_progress", "replied", "closed")[n % 4],
        "result_class": "ABCD"[n % 4] if n % 4 >= 2 else None,
        "satisfaction": "satisfied" if n % 4 == 3 else None,
        "reply": {"doc_number": f"平湛司〔2022〕{n}号", "date": "2022-08-08"} if n % 4 >= 2 else None,
        "notes": "重点督办" if n % 10 == 0 else None,
    }
    if n % 5 == 0:
        record["due_date"] = (assigned + _dt.timedelta(days=180)).isoformat()
    return {k: v for k, v in record.items() if v not in (None, [], {})}


def id_number(n: int, year: int = 1980) -> str:
    first17 = f"410411{year}{(n % 12) + 1:02d}{(n % 28) + 1:02d}{n % 1000:03d}"
    return first17 + check_digit(first17)


def mediation(n: int) -> dict:
    accepted = _dt.date(2022, 1, 3) + _dt.timedelta(days=n % 300)
    record = {
        "case_number": f"（2022）湛调字第{n}号",
        "committee": COMMITTEES[n % len(COMMITTEES)],
        "mediators": ["高秀英"] + (["郭建民"] if n % 2 else []),
        "accepted_date": accepted.isoformat(),
        "source": ("application", "initiative", "court_referral", "police_referral")[n % 4],
        "dispute_type": ("婚姻家庭", "邻里", "物业", "合同")[n % 4],
        "parties": [
            {"role": "applicant", "name": f"申{AUTHORS[n % 8]}", "id_number": id_number(n),
             "phone": f"138{n:08d}"[:11]},
            {"role": "respondent", "name": f"被{AUTHORS[(n + 1) % 8]}",
             "id_number": id_number(n + 1, 1975)},
        ],
        "facts": "双方因楼上漏水发生纠纷，申请人要求赔偿损失。",
        "outcome": ("success", "success", "failure", "pending")[n % 4],
        "amount": 1000 * (n % 7) + 0.5 * (n % 2),
        "performance": "performed" if n % 4 < 2 else None,
        "closed_date": (accepted + _dt.timedelta(days=10)).isoformat() if n % 4 != 3 else None,
    }
    if n % 4 < 2:
        record["agreement"] = {"terms": "被申请人赔偿申请人损失"}
    return {k: v for k, v in record.items() if v not in (None, [], {})}


def petition(n: int, year: int = 2022) -> dict:
    """Unit n % 4, month (n // 4) % 12 + 1."""
    return {
        "unit": TOWNS[n % len(TOWNS)],
        "period": f"{year}-{(n // len(TOWNS)) % 12 + 1:02d}",
        "letters": n % 5, "visits": n % 7, "online": n % 3, "phone": 1,
        "group_visits": n % 2, "group_visit_persons": 5 * (n % 2), "repeat": n % 2,
        "to_beijing": 0, "to_province": n % 2, "to_city": 1, "to_county": n % 4,
        "to_township": 2, "resolved": n % 5,
    }


def records_of(kind: str, count: int) -> list:
    if kind in ("proposal", "suggestion"):
        return [proposal(n, kind) for n in range(1, count + 1)]
    if kind == "mediation":
        return [mediation(n) for n in range(1, count + 1)]
    return [petition(n) for n in range(count)]
