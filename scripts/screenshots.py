"""Regenerate docs/screenshots/main_window.png and editor.png offscreen (QWidget.grab()).

Usage: .venv/bin/python scripts/screenshots.py [OUTPUT_DIR]
The proposal register holds ten realistic records (one overdue, one due within 14 days); the
editor shows seed 000 on its 答复件 tab.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

TITLES = [
    ("关于加强法治政府建设", ["胡校丽"], "湛河区司法局", "replied", "A"),
    ("关于推进社区人民调解室规范化建设的建议", ["王建军", "李红"], "湛河区司法局", "in_progress", None),
    ("关于加强农村法律明白人培养的提案", ["赵春梅"], "湛河区司法局", "pending", None),
    ("关于完善公共法律服务体系的建议", ["孙立新"], "湛河区司法局", "replied", "B"),
    ("关于规范行政执法“三项制度”落实的提案", ["周海涛"], "湛河区司法局", "closed", "A"),
    ("关于加强青少年法治教育的建议", ["吴晓燕", "郑伟"], "区教体局", "in_progress", None),
    ("关于优化法律援助办理流程的提案", ["钱明"], "湛河区司法局", "pending", None),
    ("关于化解物业纠纷的建议", ["冯丽娟"], "区住建局", "replied", "B"),
    ("关于建设湛河法治文化带的提案", ["陈国庆"], "湛河区司法局", "in_progress", None),
    ("关于加强社区矫正对象帮扶的建议", ["褚红梅"], "湛河区司法局", "pending", None),
]


def sample_records(seed: dict) -> list:
    today = _dt.date.today()
    items = [seed]
    for number, (title, authors, unit, status, klass) in enumerate(TITLES[1:], 29):
        assigned = today - _dt.timedelta(days=number - 20)
        record = {"session": "区政协六届一次会议" if number < 35 else "区政协六届二次会议",
                  "number": number, "title": title, "authors": authors, "lead_unit": unit,
                  "assigned_date": assigned.isoformat(), "status": status}
        if klass:
            record["result_class"] = klass
        items.append(record)
    items[2]["due_date"] = (today - _dt.timedelta(days=6)).isoformat()  # overdue
    items[6]["due_date"] = (today + _dt.timedelta(days=9)).isoformat()  # due within 14 days
    return items


def main(out_dir: Path) -> None:
    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.gui.launch import setup_application

    app = setup_application()
    from fazhi_desktop.gui.editor.record_editor import RecordEditor
    from fazhi_desktop.gui.main_window import MainWindow

    fixtures = REPO / "tests" / "fixtures"
    seed = json.loads((fixtures / "seed000_proposal.json").read_text("utf-8"))
    profile = json.loads((fixtures / "seed000_profile.json").read_text("utf-8"))
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        registry = Registry.open(Path(tmp) / "演示数据.sqlite3")
        registry.set_profile(profile)
        ids = registry.add_many("proposal", sample_records(seed))
        window = MainWindow(registry)
        window.show()
        page = window.show_page("政协提案")
        page.table.selectRow(0)
        app.processEvents()
        window.grab().save(str(out_dir / "main_window.png"))

        editor = RecordEditor(registry, "proposal", ids[0], window)
        editor.show()
        editor.tabs.setCurrentIndex(2)
        app.processEvents()
        editor.grab().save(str(out_dir / "editor.png"))
        editor.close()
        window.close()
        registry.close()
    print(f"已生成：{out_dir / 'main_window.png'}，{out_dir / 'editor.png'}")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots")
