"""The 信访统计 grid filled by keyboard like a spreadsheet: totals and 同比 follow at once."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from fazhi_desktop.gui.pages.petition import PetitionPage
from fazhi_desktop.gui.pages.petition_grid import COUNT_KEYS, HEADERS, TOTAL_ROW

from .conftest import month

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")
CHANNEL_COL = HEADERS.index("信访总量")
LEVEL_COL = HEADERS.index("五级合计")
YOY_COL = HEADERS.index("同比")


def _editor(page):
    editors = [w for w in page.grid.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, "no cell is being edited"
    return editors[0]


def _type(qtbot, page, text, key):
    """Type digits into the current cell (typing opens the editor), then Tab or Enter."""
    qtbot.keyClicks(page.grid, text[0])          # the first key opens the cell, like Excel
    editor = _editor(page)
    qtbot.keyClicks(editor, text[1:])
    qtbot.keyClick(editor, key)
    QApplication.processEvents()                 # the delegate commits on a queued call


@pytest.fixture
def page(qtbot, registry):
    registry.add_many("petition", [month("区信访局", "2021-03", letters=10, visits=10,
                                         to_county=100, to_city=130)])
    page = PetitionPage(registry)
    qtbot.addWidget(page)
    page.year.setValue(2022)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_clerk_fills_march_by_keyboard_and_sees_totals_and_year_on_year(qtbot, page, registry):
    model = page.model
    page.grid.setFocus()
    page.grid.setCurrentIndex(model.index(2, COUNT_KEYS.index("letters")))     # 3月 来信
    _type(qtbot, page, "4", Qt.Key_Tab)          # 来信 4, Tab -> 来访 (editor opens there)
    editor = _editor(page)
    qtbot.keyClicks(editor, "6")
    qtbot.keyClick(editor, Qt.Key_Return)        # 来访 6, Enter -> 4月 来访
    QApplication.processEvents()
    assert page.grid.currentIndex().row() == 3
    assert model.index(2, CHANNEL_COL).data() == "10"
    assert model.index(TOTAL_ROW, CHANNEL_COL).data() == "10"
    assert model.index(2, YOY_COL).data() == "-50%"             # 10 vs 20 in March 2021
    assert "信访总量10件（来信4件、来访6件、网上信访0件、电话0件），同比下降50%" in page.summary.text()
    page.grid.setCurrentIndex(model.index(2, COUNT_KEYS.index("to_county")))
    _type(qtbot, page, "90", Qt.Key_Return)
    assert model.index(2, LEVEL_COL).data() == "90"
    assert "京省市区乡五级信访总量90件，同比下降60.9%" in page.summary.text()
    stored = registry.dump("petition")
    march = [r for r in stored if r["period"] == "2022-03"][0]
    assert (march["unit"], march["letters"], march["visits"], march["to_county"]) == \
        ("区信访局", 4, 6, 90)


def test_letters_are_refused_only_numbers_get_in(qtbot, page, registry):
    page.grid.setFocus()
    page.grid.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClicks(page.grid, "1")
    editor = _editor(page)
    qtbot.keyClicks(editor, "x-2")                 # the validator drops what is not a digit
    assert editor.text() == "12"
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()
    assert page.model.index(0, 0).data() == "12"
    assert not page.model.setData(page.model.index(0, 1), "十")
    assert "只能填写非负整数" in page.message.text()


def test_totals_row_and_derived_columns_cannot_be_edited(page):
    model = page.model
    assert not model.flags(model.index(TOTAL_ROW, 0)) & Qt.ItemIsEditable
    assert not model.flags(model.index(0, CHANNEL_COL)) & Qt.ItemIsEditable
    assert model.flags(model.index(0, 0)) & Qt.ItemIsEditable


def test_a_second_unit_is_added_and_filled_separately(qtbot, page, registry):
    page.model.setData(page.model.index(0, 0), "5")              # 区信访局 2022-01
    page.add_unit("姚孟街道办事处")
    assert page.unit.currentText() == "姚孟街道办事处"
    assert page.model.index(2, 0).data() == ""                  # nothing reported yet
    page.model.setData(page.model.index(0, 0), "3")
    page.unit.setCurrentIndex(page.unit.findText("区信访局"))
    assert page.model.index(0, 0).data() == "5"
    assert "全部填报单位合计（2个单位）" in page.summary.text()
    assert [(r["unit"], r["period"]) for r in registry.dump("petition")][-1] == \
        ("姚孟街道办事处", "2022-01")
