"""The editor stores what the clerk typed in the one canonical form (issue 14.4): a date typed as
2022年8月8日 or with full-width digits is saved as 2022-08-08, shown so after saving, and counted
in 2022's figures."""
from __future__ import annotations

import pytest

from fazhi_desktop.core.stats import item_figures
from fazhi_desktop.gui.editor.record_editor import RecordEditor

from .conftest import type_text


@pytest.fixture
def editor(qtbot, office):
    dialog = RecordEditor(office, "proposal")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(dialog.isActiveWindow)
    yield dialog
    dialog.dirty = False


@pytest.mark.parametrize("typed", ["2022年8月8日", "２０２２．８．８", " 2022/8/8 "])
def test_a_date_typed_the_clerks_way_is_stored_as_one_date(qtbot, editor, office, typed):
    type_text(editor.widget("session"), "区政协六届一次会议 ")
    type_text(editor.widget("number"), "２８")
    type_text(editor.widget("title"), "关于加强法治政府建设")
    editor.widget("authors").add_item("胡校丽")
    type_text(editor.widget("assigned_date").edit, typed)
    assert editor.save()
    [stored] = office.dump("proposal")
    assert stored["assigned_date"] == "2022-08-08"
    assert stored["number"] == 28 and stored["session"] == "区政协六届一次会议"
    assert item_figures(office, "proposal", 2022)["received"] == 1


@pytest.mark.parametrize("typed,stored", [("１２", 12), ("1,000", 1000), (" 7 ", 7)])
def test_petition_grid_cells_read_numbers_as_the_editor_and_excel_do(qtbot, registry, typed, stored):
    from fazhi_desktop.gui.pages.petition import PetitionPage

    registry.save("petition", {"unit": "区信访局", "period": "2021-03", "letters": 1})
    page = PetitionPage(registry)
    qtbot.addWidget(page)
    page.year.setValue(2022)
    assert page.model.setData(page.model.index(2, 0), typed)  # 3月, the first count
    [row] = [r for r in registry.dump("petition") if r["period"] == "2022-03"]
    assert row["letters"] == stored


@pytest.mark.parametrize("typed,words", [("99999999999999999999999", "数值过大"),
                                         ("-3", "应不小于0"), ("三", "只能填写非负整数")])
def test_petition_grid_refuses_what_cannot_be_a_count_in_chinese(qtbot, registry, typed, words):
    from fazhi_desktop.gui.pages.petition import PetitionPage

    registry.save("petition", {"unit": "区信访局", "period": "2021-03", "letters": 1})
    page = PetitionPage(registry)
    qtbot.addWidget(page)
    page.year.setValue(2022)
    refused = []
    page.model.refused.connect(refused.append)
    assert not page.model.setData(page.model.index(2, 0), typed)
    assert any(words in line for problems in refused for line in problems), refused
    assert [r["period"] for r in registry.dump("petition")] == ["2021-03"]
