"""A demo data file as a clerk's office has it after a few months: proposals and suggestions of
two sessions (one overdue, one due within 14 days), mediation cases of three committees, a year
of petition counts for two units, one suggestion in the 回收站, and the office profile of
seed 000.

Used by scripts/page_screenshots.py (docs/screenshots) and tests/gui/test_layout_1024.py (the
long titles, committee names and counts that make a crowded page).

Usage: .venv/bin/python scripts/demo_data.py OUT.sqlite3
"""
from __future__ import annotations

import copy
import datetime as _dt
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FIXTURES = REPO / "tests" / "fixtures"

SUGGESTIONS = [
    ("关于加快推进公共法律服务实体平台建设的建议", ["李志强"], "湛河区司法局", "in_progress"),
    ("关于加强基层人民调解员队伍专业化建设的建议", ["王秀英", "张国庆"], "湛河区司法局", "pending"),
    ("关于在老旧小区推广物业纠纷诉前调解的建议", ["刘海燕"], "区住建局", "replied"),
    ("关于加强农民工欠薪问题法律援助的建议", ["赵永刚"], "区人社局", "closed"),
    ("关于规范行政执法公示制度的建议", ["孙丽华"], "湛河区司法局", "pending"),
    ("关于建立“法律明白人”激励机制的建议", ["周建伟"], "湛河区司法局", "in_progress"),
]
COMMITTEES = ("阳光苑社区人民调解委员会", "姚孟街道人民调解委员会", "曹镇乡人民调解委员会")
PARTIES = (("张三", "李四"), ("王建华", "赵丽"), ("陈志刚", "刘芳芳"), ("孙强", "周敏"),
           ("吴海", "郑秀兰"), ("冯磊", "何静"), ("许文斌", "高玉梅"), ("马超", "林晓红"))
DISPUTES = ("邻里", "婚姻家庭", "物业", "损害赔偿", "房屋宅基地", "劳动争议", "合同", "道路交通")
OUTCOMES = ("success", "success", "pending", "success", "failure", "success", "pending", "success")


def proposals(today: _dt.date) -> list:
    """Seed 000 and nine more (scripts/screenshots.py's, which also makes main_window.png)."""
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshots import sample_records

    seed = json.loads((FIXTURES / "seed000_proposal.json").read_text("utf-8"))
    return sample_records(seed)


def suggestions(today: _dt.date) -> list:
    items = []
    for number, (title, authors, unit, status) in enumerate(SUGGESTIONS, 12):
        record = {"session": "区十届人大三次会议", "number": number, "title": title,
                  "authors": authors, "lead_unit": unit, "status": status,
                  "assigned_date": (today - _dt.timedelta(days=100 - number * 7)).isoformat()}
        if status in ("replied", "closed"):
            record["result_class"] = "A"
        items.append(record)
    items[1]["due_date"] = (today - _dt.timedelta(days=3)).isoformat()  # overdue
    return items


def mediation_cases(today: _dt.date) -> list:
    sys.path.insert(0, str(REPO))
    from tests.mediation.conftest import CASE

    cases = []
    for n, ((applicant, respondent), dispute, outcome) in enumerate(zip(PARTIES, DISPUTES, OUTCOMES)):
        case = copy.deepcopy(CASE)
        accepted = today - _dt.timedelta(days=12 * (len(PARTIES) - n) + 3)
        case.update(case_number=f"（{accepted.year}）湛调字第{n + 15}号",
                    committee=COMMITTEES[n % len(COMMITTEES)], dispute_type=dispute,
                    accepted_date=accepted.isoformat(), outcome=outcome,
                    amount=[3000, 0, 12500, 800, 0, 46000, 2000, 150000][n])
        case["parties"][0]["name"], case["parties"][1]["name"] = applicant, respondent
        case["followups"] = []
        if outcome == "success":
            case["closed_date"] = (accepted + _dt.timedelta(days=9)).isoformat()
            case["agreement"]["performance_deadline"] = case["closed_date"]
        else:
            for key in ("closed_date", "agreement", "performance"):
                case.pop(key, None)
        cases.append(case)
    return cases


def petition_months(today: _dt.date) -> list:
    months = []
    for unit, scale in (("姚孟街道办事处", 1), ("曹镇乡人民政府", 2)):
        for month in range(1, today.month + 1):
            months.append({"unit": unit, "period": f"{today.year}-{month:02d}",
                           "letters": 3 * scale + month % 4, "visits": 5 + month % 3,
                           "online": 7 * scale, "phone": 2 + month % 2,
                           "group_visits": month % 2, "group_visit_persons": 6 * (month % 2),
                           "repeat": month % 3, "to_beijing": 0, "to_province": month % 2,
                           "to_city": 1 + month % 2, "to_county": 4 + scale,
                           "to_township": 9 * scale, "resolved": 12 * scale + month % 5})
    return months


def fill(registry, today: _dt.date | None = None) -> dict:
    """Put the demo records into an open Registry; {kind: [ids]}."""
    today = today or _dt.date.today()
    registry.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
    ids = {"proposal": registry.add_many("proposal", proposals(today)),
           "suggestion": registry.add_many("suggestion", suggestions(today)),
           "mediation": registry.add_many("mediation", mediation_cases(today)),
           "petition": registry.add_many("petition", petition_months(today))}
    registry.delete("suggestion", ids["suggestion"][-1])  # something in the 回收站
    return ids


def main(path: Path) -> None:
    sys.path.insert(0, str(REPO))
    from fazhi_desktop.core.registry import Registry

    registry = Registry.open(path)
    try:
        ids = fill(registry)
    finally:
        registry.close()
    print(f"已生成演示数据：{path}（" + "，".join(f"{k} {len(v)} 条" for k, v in ids.items()) + "）")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("用法：python scripts/demo_data.py 输出文件.sqlite3")
    main(Path(sys.argv[1]))
