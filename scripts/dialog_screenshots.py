"""Screenshots of the tall dialogs as they open on the smallest office screen, 1366x768 at 125 %
(1092x550 logical pixels under the taskbar): the proposal editor's 答复件 tab, the mediation
editor's 事实 tab, the first-run dialog and 数据备份与恢复 (docs/screenshots/fit_*.png, offscreen,
QWidget.grab(), demo data from scripts/demo_data.py). docs/gui.md "Dialogs" shows them.

Usage: .venv/bin/python scripts/dialog_screenshots.py [OUTPUT_DIR] [WIDTHxHEIGHT]
"""
from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))


def main(out_dir: Path, size=(1092, 550)) -> list:
    from demo_data import fill
    from page_screenshots import _save
    from PySide6.QtCore import QRect

    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.gui.launch import setup_application
    from fazhi_desktop.gui.widgets import screen_fit

    app = setup_application()
    # the offscreen platform's one screen is 800x800: pose as the office screen
    screen_fit.available_geometry = lambda _widget: QRect(0, 0, *size)
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        registry = Registry.open(Path(tmp) / "演示数据.sqlite3")
        ids = fill(registry)
        from fazhi_desktop.gui.dialogs.backups import BackupsDialog
        from fazhi_desktop.gui.dialogs.profile_dialog import FirstRunProfileDialog
        from fazhi_desktop.gui.editor.record_editor import RecordEditor
        from fazhi_desktop.gui.pages.mediation_editor import MediationEditor

        editor = RecordEditor(registry, "proposal", ids["proposal"][0])
        mediation = MediationEditor(registry, ids["mediation"][0])
        for name, dialog, tab in (("fit_proposal_editor", editor, 2),
                                  ("fit_mediation_editor", mediation, 2),
                                  ("fit_first_run", FirstRunProfileDialog(registry), None),
                                  ("fit_backups", BackupsDialog(registry), None)):
            dialog.show()
            if tab is not None:
                dialog.tabs.setCurrentIndex(tab)
            for _ in range(20):  # the backups list is read off the GUI thread
                app.processEvents()
                if not getattr(dialog, "listing", False):
                    break
                import time

                time.sleep(0.1)
            path = out_dir / f"{name}.png"
            _save(dialog, path, app)
            made.append(path)
            if hasattr(dialog, "dirty"):
                dialog.dirty = False
            dialog.close()
        registry.close()
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    width, height = (int(v) for v in (sys.argv[2] if len(sys.argv) > 2 else "1092x550").split("x"))
    for made in main(target, (width, height)):
        print(f"{made}  {made.stat().st_size // 1024} KB")
