"""A year of an office's registers whose figures are known by hand (2022 against 2021).

Proposals 2022: 8 交办, 7 answered, feedback 5 满意 + 1 基本满意 + 1 不满意 -> 满意率 85.7%.
Suggestions 2022: 4 交办, 4 answered, 4 满意 -> 满意率 100%. Together 办结率 11/12 = 91.7%.
Mediation 2022: 10 cases, 9 successful -> 调处成功率 90%.
Petitions: 信访总量 400 (2021) -> 300 (2022), 同比下降25%; 五级信访总量 230 -> 90, 同比下降60.9%.
"""
from __future__ import annotations

import json

import pytest

from tests.conftest import FIXTURES

HAND = {"suggestions": 4, "proposals": 8, "completion": "91.7%", "sat_s": "100%",
        "sat_p": "85.7%", "cases": 10, "success": 9, "success_rate": "90%",
        "channel": 300, "channel_yoy": "下降25%", "level": 90, "level_yoy": "下降60.9%"}


def _items(kind: str) -> list:
    session = "区政协六届一次会议" if kind == "proposal" else "区人大十届一次会议"
    count = 8 if kind == "proposal" else 4
    feedback = (["satisfied"] * 5 + ["basically_satisfied", "unsatisfied", None]
                if kind == "proposal" else ["satisfied"] * 4)
    items = []
    for n in range(1, count + 1):
        answered = not (kind == "proposal" and n == 8)
        item = {"session": session, "number": n, "title": f"关于第{n}项工作的{'提案' if kind == 'proposal' else '建议'}",
                "authors": [f"代表{n}"], "assigned_date": f"2022-0{1 + n % 8}-10",
                "status": "closed" if answered else "in_progress",
                "satisfaction": feedback[n - 1]}
        if answered:
            item["reply"] = {"body": "已办理。", "date": "2022-09-01"}
        items.append(item)
    items.append({"session": session, "number": 99, "title": "上年度的件", "authors": ["某某"],
                  "assigned_date": "2021-05-01", "status": "closed"})  # counts in 2021, not 2022
    return items


def _cases() -> list:
    return [{"case_number": f"（2022）湛调字第{n}号", "committee": "阳光苑社区人民调解委员会",
             "accepted_date": f"2022-{1 + n % 12:02d}-05", "dispute_type": "邻里",
             "parties": [{"role": "applicant", "name": "张三"}, {"role": "respondent", "name": "李四"}],
             "outcome": "failure" if n == 10 else "success"} for n in range(1, 11)]


def _petitions() -> list:
    rows = []
    for m in range(1, 13):
        rows.append({"unit": "湛河区信访局", "period": f"2021-{m:02d}", "letters": 20, "visits": 10,
                     "to_county": 15})
        rows.append({"unit": "姚孟街道", "period": f"2021-{m:02d}", "visits": 4 if m <= 10 else 0,
                     "to_city": 5 if m <= 10 else 0})
        rows.append({"unit": "湛河区信访局", "period": f"2022-{m:02d}", "letters": 15, "visits": 5,
                     "to_county": 5, "to_city": 6 if m == 3 else 0})
        rows.append({"unit": "姚孟街道", "period": f"2022-{m:02d}", "visits": 5, "to_township": 2})
    return rows


def fill_year(registry) -> None:
    registry.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
    registry.add_many("proposal", _items("proposal"))
    registry.add_many("suggestion", _items("suggestion"))
    registry.add_many("mediation", _cases())
    registry.add_many("petition", _petitions())


@pytest.fixture(scope="module")
def year_db(tmp_path_factory):
    """A data file holding the year above (module-scoped: built once)."""
    from fazhi_desktop.core.registry import Registry

    path = tmp_path_factory.mktemp("report") / "office.sqlite3"
    with Registry.open(path) as registry:
        fill_year(registry)
    return path
