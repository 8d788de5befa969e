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
