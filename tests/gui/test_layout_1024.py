"""Issue 17.1: every page of the main window lays out on an office screen, 1024x768, and on
1366x768 at 125 % (1092x550 pixels left for the window at that scale, under a taskbar): the
window keeps that size (no page widens it), and tests/gui/layout_check.py finds no widgets over
each other, no cut text, no cut header and no sideways scrollbar. The data is the demo file of
scripts/demo_data.py: long titles, committee names and a year of petition counts."""
from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from .layout_check import layout_problems

REPO = Path(__file__).resolve().parents[2]
SIZES = {"1024x768": (1024, 768), "1366x768@125%": (1092, 550)}


def _demo_data():
    spec = importlib.util.spec_from_file_location("demo_data", REPO / "scripts" / "demo_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def demo_window(qtbot, registry):
    from fazhi_desktop.gui.main_window import MainWindow

    _demo_data().fill(registry)
    window = MainWindow(registry)
    qtbot.addWidget(window)
    return window


@pytest.mark.parametrize("screen", SIZES)
def test_every_page_fits_an_office_screen(qtbot, demo_window, screen):
    from fazhi_desktop.gui.main_window import PAGES

    width, height = SIZES[screen]
    demo_window.resize(width, height)
    demo_window.show()
    qtbot.waitExposed(demo_window)
    found = []
    for title, _factory in PAGES:
        page = demo_window.show_page(title)
        qtbot.wait(10)  # layouts settle
        if demo_window.width() > width or demo_window.height() > height:
            found.append(f"{title}: 窗口被撑大到 {demo_window.width()}x{demo_window.height()}")
        found += [f"{title} › {problem}" for problem in layout_problems(page)]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("screen", SIZES)
def test_registers_fit_with_their_longest_filters_chosen(qtbot, demo_window, screen):
    """首页's 待办 opens a register with 状态 = 未答复（待办理、办理中）, the longest choice."""
    from fazhi_desktop.core import queries

    width, height = SIZES[screen]
    demo_window.resize(width, height)
    demo_window.show()
    qtbot.waitExposed(demo_window)
    for kind, title in (("proposal", "政协提案"), ("suggestion", "人大建议")):
        demo_window.open_register_filtered(kind, "pending")
        page = demo_window.pages[title]
        assert page.status.currentData() == queries.OPEN
        page.result_class.setCurrentIndex(page.result_class.count() - 1)
        qtbot.wait(10)
        assert demo_window.width() <= width
        assert layout_problems(page) == []


def test_count_label_never_widens_the_window(qtbot, demo_window):
    """The count beside the search grows with the filter; the window stays 1024 wide."""
    demo_window.resize(1024, 768)
    demo_window.show()
    page = demo_window.show_page("政协提案")
    page.overdue.setChecked(True)
    qtbot.wait(10)
    assert page.count_label.text() == "1 / 10 条"
    assert demo_window.width() == 1024


def test_cut_placeholder_ends_in_an_ellipsis_and_the_tooltip_has_it_whole(qtbot):
    from fazhi_desktop.gui.widgets.search_box import SearchBox

    box = SearchBox("搜索案由、提出人、答复内容（输入两个字即可）")
    qtbot.addWidget(box)
    box.resize(160, 30)
    box.show()
    qtbot.waitExposed(box)
    assert box.placeholderText().endswith("…")
    assert box.fontMetrics().horizontalAdvance(box.placeholderText()) < 160 - 24
    assert "输入两个字即可" in box.toolTip()
    box.resize(600, 30)
    assert box.placeholderText() == "搜索案由、提出人、答复内容（输入两个字即可）"


@pytest.mark.parametrize("title", ["政协提案", "人民调解"])
def test_editors_open_within_the_screen(qtbot, demo_window, title):
    """The editors were 1100 pixels wide: on a 1024 screen their 保存 button was off the edge.
    (The offscreen screen is smaller still, 800x800.)"""
    demo_window.show()
    page = demo_window.show_page(title)
    page.table.selectRow(0)
    page.edit_current()
    editor = page.editor
    qtbot.waitExposed(editor)
    room = editor.screen().availableGeometry()
    try:
        assert editor.width() <= room.width() and editor.height() <= room.height()
    finally:
        editor.dirty = False
        editor.close()
