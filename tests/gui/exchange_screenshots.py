"""Screenshots of the 数据交换 page and the per-office 统计 table for docs/screenshots/ (1024x768).

Run: .venv/bin/python tests/gui/exchange_screenshots.py  (offscreen; two demo data files in /tmp:
a township exports its cases and petition months, the district imports them, both edit a case).
"""
from __future__ import annotations

import copy
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from fazhi_desktop.core.registry import Registry  # noqa: E402
from tests.mediation.conftest import CASE  # noqa: E402

OUT = REPO / "docs" / "screenshots"
PASS = "阳光苑调解2026"


def _case(number: int, committee: str, **fields) -> dict:
    record = copy.deepcopy(CASE)
    record.update(case_number=f"（2022）调字第{number}号", committee=committee,
                  accepted_date=f"2022-{(number % 12) + 1:02d}-05", **fields)
    return record


def main() -> None:
    from fazhi_desktop.gui.launch import setup_application
    from fazhi_desktop.gui.pages.exchange import ExchangePage
    from fazhi_desktop.gui.pages.statistics import StatisticsPage

    app = setup_application()
    folder = Path(tempfile.mkdtemp(prefix="fazhi-exchange-shots-"))
    profile = json.loads((REPO / "tests" / "fixtures" / "seed000_profile.json").read_text("utf-8"))
    district = Registry.open(folder / "district.sqlite3")
    district.set_profile(profile)
    district.add_many("mediation", [_case(n, "湛河区人民调解委员会",
                                          outcome="success" if n % 5 else "pending")
                                    for n in range(1, 21)])
    district.add_many("petition", [{"unit": "区信访局", "period": f"2022-{m:02d}", "letters": 6,
                                    "visits": 4, "online": 3, "phone": 2} for m in range(1, 11)])
    township = Registry.open(folder / "township.sqlite3")
    township.set_profile(dict(profile, authority="曹镇乡司法所"))
    township.add_many("mediation", [_case(n, "曹镇乡人民调解委员会",
                                          outcome="success" if n % 4 else "failure")
                                    for n in range(1, 13)])
    township.add_many("petition", [{"unit": "曹镇乡", "period": f"2022-{m:02d}", "letters": 1,
                                    "visits": 2} for m in range(1, 11)])
    first = folder / "曹镇乡司法所数据包-20221201.fzpkg"
    township.export_package(first, passphrase=PASS)
    district.apply_package(district.plan_package(first, passphrase=PASS))
    mine = next(r for r in district.dump("mediation") if r["committee"].startswith("曹镇乡"))
    district.save("mediation", dict(mine, facts=mine["facts"] + "区司法局复核：协议已履行。"))
    theirs = township.get("mediation", mine["id"])
    township.save("mediation", dict(theirs, outcome="failure", performance="not_performed"))
    township.save("mediation", _case(40, "曹镇乡人民调解委员会"))
    second = folder / "曹镇乡司法所数据包-20221215.fzpkg"
    township.export_package(second, passphrase=PASS)

    page = ExchangePage(district)
    page.resize(1024, 768)
    page.show()

    def grab(widget, name: str) -> None:
        for _ in range(10):
            app.processEvents()
        widget.grab().save(str(OUT / name))
        print(OUT / name)

    page.tabs.setCurrentIndex(1)
    from fazhi_desktop.gui.pages.exchange import planned_changes

    plan = district.plan_package(second, passphrase=PASS)
    page.show_plan(second, plan, planned_changes(district, plan))
    grab(page, "exchange_import.png")
    district.apply_package(plan)
    page.discard_plan()
    page.refresh()
    page.tabs.setCurrentIndex(3)
    grab(page, "exchange_conflicts.png")
    page.tabs.setCurrentIndex(0)
    grab(page, "exchange_export.png")

    from fazhi_desktop.gui.pages.mediation import MediationPage

    register = MediationPage(district)
    register.resize(1024, 768)
    register.show()
    grab(register, "mediation_offices.png")

    stats_page = StatisticsPage(district)
    stats_page.resize(1024, 768)
    stats_page.show()
    stats_page.set_year(2022)
    grab(stats_page, "statistics_offices.png")


if __name__ == "__main__":
    main()
