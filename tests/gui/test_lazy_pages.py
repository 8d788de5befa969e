"""Cold start (issue 16): the window shows with only its start page built; every other page is
built on its first visit, and the heavy libraries load only then."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from fazhi_desktop.gui.main_window import PAGES

ROOT = Path(__file__).resolve().parents[2]

_START = r"""
import json, sys
from fazhi_desktop.core.registry import Registry
from fazhi_desktop.gui.launch import setup_application
from fazhi_desktop.gui.main_window import MainWindow
app = setup_application([sys.argv[0]])
registry = Registry.open(sys.argv[1])
registry.set_profile({"authority": "平顶山市湛河区司法局", "authority_short": "湛河区司法局"})
window = MainWindow(registry)
window.show()
app.processEvents()
before = {name: name in sys.modules for name in ("matplotlib", "docx", "openpyxl")}
window.show_page("统计")
window.show_page("政协提案")
after = {name: name in sys.modules for name in ("matplotlib", "docx")}
print(json.dumps({"before": before, "after": after}))
registry.close()
"""


def test_the_window_shows_before_charts_documents_and_ledgers_are_loaded(tmp_path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")]))
    done = subprocess.run([sys.executable, "-c", _START, str(tmp_path / "data.sqlite3")],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    loaded = json.loads(done.stdout.strip().splitlines()[-1])
    assert loaded["before"] == {"matplotlib": False, "docx": False, "openpyxl": False}
    assert loaded["after"] == {"matplotlib": True, "docx": True}  # the pages still work


def test_only_the_start_page_is_built_until_a_page_is_visited(window):
    built = [title for title, _ in PAGES if window.pages.is_built(title)]
    assert built == ["首页"]
    page = window.show_page("人民调解")
    assert window.stack.currentWidget() is page
    assert window.pages.is_built("人民调解") and window.pages["人民调解"] is page
    assert window.stack.count() == len(PAGES)  # one slot per page, in navigation order
    assert window.stack.indexOf(page) == [t for t, _ in PAGES].index("人民调解")


def test_ctrl_number_and_the_list_open_pages_that_were_never_built(window, qtbot):
    window.nav.setCurrentRow([t for t, _ in PAGES].index("回收站"))
    assert window.stack.currentWidget() is window.pages["回收站"]
    window.refresh_all()  # refreshes the built pages only, builds nothing
    assert not window.pages.is_built("统计")



def test_pages_read_once_when_first_shown(office, qtbot, monkeypatch):
    """The pages in FRESH_WHEN_BUILT read their data in their constructor, so the window does
    not refresh them again on that first showing (if a constructor stops refreshing, take its
    page out of the set); any other page is refreshed when shown."""
    from fazhi_desktop.gui import main_window
    from fazhi_desktop.gui.lazy_pages import page_class

    calls = []
    for module, name in (("home", "HomePage"), ("register", "RegisterPage"),
                         ("recycle_bin", "RecycleBinPage")):
        cls = page_class(module, name)

        def counted(self, *args, _original=cls.refresh, **kwargs):
            calls.append(f"{type(self).__name__}:{getattr(self, 'kind', '')}")
            return _original(self, *args, **kwargs)

        monkeypatch.setattr(cls, "refresh", counted)
    window = main_window.MainWindow(office)
    qtbot.addWidget(window)
    for title in ("政协提案", "人大建议", "回收站"):
        window.show_page(title)
    assert calls.count("HomePage:") == 1
    assert calls.count("RegisterPage:proposal") == 1
    assert calls.count("RegisterPage:suggestion") == 1
    assert calls.count("RecycleBinPage:") >= 1
    assert main_window.FRESH_WHEN_BUILT == {"首页", "政协提案", "人大建议"}
    window.show_page("政协提案")  # a later visit reads again
    assert calls.count("RegisterPage:proposal") == 2
