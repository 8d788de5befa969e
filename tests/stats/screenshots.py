"""Screenshots of the 人民调解 editor, the 信访统计 grid and the 统计 page for docs/screenshots/.

Run: .venv/bin/python tests/stats/screenshots.py  (offscreen; builds a demo data file in /tmp).
"""
from __future__ import annotations

import datetime
import os
import random
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from PySide6.QtWidgets import QApplication  # noqa: E402

from fazhi_desktop.core.registry import Registry  # noqa: E402
from tests.mediation.conftest import CASE  # noqa: E402

OUT = REPO / "docs" / "screenshots"


def demo_registry(path: Path) -> Registry:
    registry = Registry.open(path)
    rnd = random.Random(7)
    registry.add_many("suggestion", [
        {"session": "区人大十届一次会议", "number": n, "title": f"关于第{n}项民生事项的建议",
         "authors": ["张代表"], "assigned_date": "2022-03-10", "status": "closed",
         "satisfaction": rnd.choice(["satisfied", "satisfied", "basically_satisfied"]),
         "result_class": rnd.choice("AAB")} for n in range(1, 68)])
    registry.add_many("proposal", [
        {"session": "区政协六届一次会议", "number": n, "title": f"关于第{n}项工作的提案",
         "authors": ["胡校丽"], "assigned_date": "2022-04-01", "status": "closed",
         "satisfaction": "satisfied", "result_class": rnd.choice("AABC")} for n in range(1, 127)])
    types = ("婚姻家庭", "邻里", "物业", "合同", "损害赔偿", "劳动争议", "道路交通")
    # The first case closed 25 days ago: its 司法确认 window is about to close (the yellow warning).
    closed = (datetime.date.today() - datetime.timedelta(days=25)).isoformat()
    cases = [dict(CASE, closed_date=closed, accepted_date=closed)]
    for n in range(16, 130):
        case = dict(CASE, case_number=f"（2022）湛调字第{n}号", dispute_type=rnd.choice(types),
                    accepted_date=f"2022-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}",
                    outcome=rnd.choice(["success"] * 9 + ["failure"]), amount=rnd.randint(0, 50) * 100)
        cases.append(case)
    registry.add_many("mediation", cases)
    rows = []
    for unit in ("湛河区信访局", "姚孟街道办事处"):
        for year in (2021, 2022):
            for month in range(1, 13):
                scale = 3 if year == 2021 else 1
                row = {"unit": unit, "period": f"{year}-{month:02d}"}
                for key, top in (("letters", 6), ("visits", 8), ("online", 15), ("phone", 5),
                                 ("to_beijing", 1), ("to_province", 3), ("to_city", 6),
                                 ("to_county", 10), ("to_township", 8), ("repeat", 3),
                                 ("group_visits", 1)):
                    row[key] = rnd.randint(0, top * scale)
                row["group_visit_persons"] = row["group_visits"] * rnd.randint(5, 12)
                row["resolved"] = row["letters"] + row["visits"] + row["online"]
                rows.append(row)
    registry.add_many("petition", rows)
    return registry


def main() -> None:
    app = QApplication.instance() or QApplication([])
    OUT.mkdir(parents=True, exist_ok=True)
    registry = demo_registry(Path(tempfile.mkdtemp()) / "demo.sqlite3")
    from fazhi_desktop.gui.pages.mediation_editor import MediationEditor
    from fazhi_desktop.gui.pages.petition import PetitionPage
    from fazhi_desktop.gui.pages.statistics import StatisticsPage

    case_id = registry.dump("mediation")[0]["id"]
    editor = MediationEditor(registry, case_id)
    editor.resize(1100, 640)
    editor.show()
    editor.tabs.setCurrentWidget(editor.parties)
    app.processEvents()
    editor.grab().save(str(OUT / "mediation_editor.png"))
    editor.tabs.setCurrentIndex(2)
    app.processEvents()
    editor.grab().save(str(OUT / "mediation_agreement_tab.png"))
    editor.close()
    petition = PetitionPage(registry)
    petition.year.setValue(2022)
    petition.resize(1280, 760)
    petition.show()
    app.processEvents()
    petition.grab().save(str(OUT / "petition_grid.png"))
    page = StatisticsPage(registry)
    page.set_year(2022)
    page.resize(1400, 860)
    page.show()
    app.processEvents()
    page.grab().save(str(OUT / "statistics.png"))
    registry.close()


if __name__ == "__main__":
    main()
