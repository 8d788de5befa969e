"""The clerk selects records, presses 批量生成答复件, and reads what was made and what was not."""
from __future__ import annotations

import pytest

from fazhi_desktop.gui.dialogs.batch_replies import BatchRepliesDialog, open_batch_dialog

from .conftest import BROKEN_NUMBER

pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")


@pytest.fixture
def dialog(qtbot, filled_registry, render, monkeypatch, tmp_path):
    registry, ids = filled_registry
    chosen = ids[BROKEN_NUMBER - 3:BROKEN_NUMBER + 2]  # five records, the broken one among them
    dlg = open_batch_dialog(None, registry, "proposal", chosen)
    qtbot.addWidget(dlg)  # closed (and so deleted) after the test
    dlg.folder_edit.setText(str(tmp_path / "答复件"))
    dlg.pdf_box.setChecked(False)
    return dlg


def _run(qtbot, dlg):
    dlg.start_button.click()
    qtbot.waitUntil(lambda: dlg.result is not None, timeout=60_000)


def test_batch_lists_made_and_failed_replies_with_the_reason(qtbot, dialog, tmp_path):
    assert isinstance(dialog, BatchRepliesDialog)
    assert "5 件提案" in dialog.findChildren(type(dialog.summary))[0].text()
    _run(qtbot, dialog)
    assert dialog.summary.text().splitlines()[0] == "已生成4份答复件，1份未能生成。"
    rows = [(dialog.results.topLevelItem(i).text(0), dialog.results.topLevelItem(i).text(1))
            for i in range(dialog.results.topLevelItemCount())]
    assert [r[0] for r in rows] == ["已生成"] * 4 + ["未生成"]
    assert rows[-1][1].startswith(f"区政协六届一次会议第{BROKEN_NUMBER}号提案") and "没有答复正文" in rows[-1][1]
    assert len(list((tmp_path / "答复件").glob("*.docx"))) == 4
    # the folder is remembered for next time
    assert dialog.registry.setting("output_dir") == str(tmp_path / "答复件")


def test_one_made_reply_can_be_previewed_from_the_list(qtbot, dialog):
    _run(qtbot, dialog)
    dialog.results.setCurrentItem(dialog.results.topLevelItem(0))
    assert dialog.preview_button.isEnabled()
    preview = dialog._preview(dialog._selected_document())
    qtbot.waitUntil(lambda: preview.preview.page_count() >= 1, timeout=120_000)
    preview.close()


def test_nothing_selected_says_how_to_select(qtbot, registry):
    dlg = BatchRepliesDialog(registry, "suggestion", [])
    qtbot.addWidget(dlg)
    assert not dlg.start_button.isEnabled()
    assert "请先在表格中选择要生成答复件的建议" in dlg.summary.text()


def test_from_the_register_table_the_clerk_selects_rows_and_opens_the_batch(qtbot, filled_registry):
    from PySide6.QtCore import QItemSelectionModel
    from PySide6.QtWidgets import QApplication

    from fazhi_desktop.gui.dialogs.batch_replies import install_batch_action
    from fazhi_desktop.gui.pages.register import RegisterPage

    registry, ids = filled_registry
    page = RegisterPage(registry, "proposal")
    qtbot.addWidget(page)
    action = install_batch_action(page)
    names = [a.text() for a in page.toolbar.actions()]
    assert names.index("批量生成答复件…") == names.index("生成答复件") + 1
    selection = page.table.selectionModel()
    for row in (0, 2, 4):  # Ctrl+click on three rows
        selection.select(page.model.index(row, 0),
                         QItemSelectionModel.Select | QItemSelectionModel.Rows)
    action.trigger()
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, BatchRepliesDialog)
               and w.isVisible()]
    assert len(dialogs) == 1
    dialog = dialogs[0]
    assert dialog.record_ids == [page.model.record_id(r) for r in (0, 2, 4)]
    dialog.close()


def test_the_dialog_offers_the_batch_types_of_the_table_and_makes_the_chosen_one(
        qtbot, dialog, tmp_path):
    from fazhi_desktop.docgen.batch import batch_types

    labels = [dialog.type_box.itemText(i) for i in range(dialog.type_box.count())]
    assert labels == [t.label for t in batch_types("proposal")] == ["答复件", "再次答复", "征询意见表"]
    dialog.type_box.setCurrentIndex(labels.index("征询意见表"))
    _run(qtbot, dialog)
    made = sorted(p.name for p in (tmp_path / "答复件").glob("*.docx"))
    assert len(made) == 5 and all(name.endswith("征询意见表.docx") for name in made)
    assert dialog.result.summary().startswith("已生成5份征询意见表")
