"""Screenshots of every page of the main window at 1024x768 (docs/screenshots/page_*.png), and
of the guide and the two editors (dialog_*.png) (offscreen, QWidget.grab(), demo data from scripts/demo_data.py).

Usage: .venv/bin/python scripts/page_screenshots.py [OUTPUT_DIR] [WIDTHxHEIGHT]
The PNGs are saved with Qt's best compression; docs/gui.md shows them.
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

# page title -> file name (ASCII names: they travel through zip files and URLs unharmed)
FILE_NAMES = {"首页": "home", "政协提案": "proposals", "人大建议": "suggestions",
              "人民调解": "mediation", "信访统计": "petitions", "统计": "statistics",
              "回收站": "recycle_bin", "操作记录": "audit", "单位设置": "settings",
              "数据交换": "exchange"}


MAX_BYTES = 150 * 1024


def _save(widget, path: Path, app) -> None:
    app.processEvents()
    widget.grab().save(str(path), "PNG", 0)  # quality 0: the smallest file Qt writes
    if path.stat().st_size > MAX_BYTES:
        _shrink(path)


def _shrink(path: Path) -> None:
    """256 colours (Pillow, which matplotlib brings along): a screenshot of text and flat
    colours loses nothing visible and gets about three times smaller."""
    from PIL import Image

    with Image.open(path) as image:
        small = image.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def main(out_dir: Path, size=(1024, 768)) -> list:
    from demo_data import fill

    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.gui.launch import setup_application
    from fazhi_desktop.gui.main_window import PAGES, MainWindow

    app = setup_application()
    out_dir.mkdir(parents=True, exist_ok=True)
    made = []
    with tempfile.TemporaryDirectory() as tmp:
        registry = Registry.open(Path(tmp) / "演示数据.sqlite3")
        fill(registry)
        window = MainWindow(registry)
        window.resize(*size)
        window.show()
        for row, (title, _factory) in enumerate(PAGES):
            page = window.show_page(title)
            table = getattr(page, "table", None)
            if table is not None and table.model().rowCount():
                table.selectRow(0)
                table.setFocus()  # the focus frame shows where the keyboard works
            path = out_dir / f"page_{FILE_NAMES.get(title, row)}.png"
            _save(window, path, app)
            made.append(path)
        help_dialog = window.show_help()
        path = out_dir / "dialog_help.png"
        _save(help_dialog, path, app)
        made.append(path)
        help_dialog.close()
        for title, name in (("政协提案", "dialog_proposal_editor"), ("人民调解", "dialog_mediation_editor")):
            page = window.show_page(title)
            page.table.selectRow(0)
            page.edit_current()
            editor = page.editor
            editor.resize(1024, 700)  # as it opens on a 1024x768 screen (offscreen is 800x800)
            path = out_dir / f"{name}.png"
            _save(editor, path, app)
            made.append(path)
            editor.dirty = False
            editor.close()
        window.close()
        registry.close()
    return made


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "docs" / "screenshots"
    width, height = (int(v) for v in (sys.argv[2] if len(sys.argv) > 2 else "1024x768").split("x"))
    for made in main(target, (width, height)):
        print(f"{made}  {made.stat().st_size // 1024} KB")
