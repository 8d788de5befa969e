"""The 人民调解 page and editor as a clerk uses them: register two parties, save, read back, masked."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit

from fazhi_desktop.gui.pages.mediation import COLUMNS, MediationPage
from fazhi_desktop.gui.pages.mediation_editor import MediationEditor
from fazhi_desktop.gui.pages.mediation_parties import KEYS

from .conftest import LI_ID, ZHANG_ID

@pytest.fixture(autouse=True)
def no_blocking_dialogs(monkeypatch):
    """A message box would wait for a click forever offscreen: answer 不保存 / No."""
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "exec", lambda self: QMessageBox.Discard)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.Ok)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.Ok)


pytestmark = pytest.mark.qt_log_ignore("This plugin does not support propagateSizeHints")

ID_COL, PHONE_COL, NAME_COL = KEYS.index("id_number"), KEYS.index("phone"), KEYS.index("name")


def type_text(qtbot, widget, text):
    """Latin keys as key presses; Chinese as an input method commits it (QTest cannot press 张)."""
    if text.isascii():
        qtbot.keyClicks(widget, text)
        return
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def _type_cell(qtbot, table, row, col, text):
    table.setCurrentCell(row, col)
    table.editItem(table.item(row, col))
    editors = [w for w in table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(editors) == 1, "the cell did not open for editing"
    editor = editors[0]
    editor.selectAll()
    if text:
        type_text(qtbot, editor, text)
    else:
        qtbot.keyClick(editor, Qt.Key_Delete)
    qtbot.keyClick(editor, Qt.Key_Return)
    QApplication.processEvents()   # the delegate commits on a queued call


def test_clerk_registers_a_dispute_with_two_parties_and_reads_it_back(qtbot, registry):
    editor = MediationEditor(registry)
    qtbot.addWidget(editor)
    editor.show()
    qtbot.waitExposed(editor)
    editor.tabs.setCurrentWidget(editor.parties)
    type_text(qtbot, editor.widget("case_number"), "（2022）湛调字第15号")
    type_text(qtbot, editor.widget("committee"), "阳光苑社区人民调解委员会")
    editor.widget("accepted_date").set_value("2022-08-01")
    editor.widget("dispute_type").set_value("邻里")
    parties = editor.parties.table
    for row, (name, number, phone) in enumerate((("张三", ZHANG_ID, "13837512345"),
                                                 ("李四", LI_ID, "0375-2818989"))):
        _type_cell(qtbot, parties, row, NAME_COL, name)
        _type_cell(qtbot, parties, row, ID_COL, number)
        _type_cell(qtbot, parties, row, PHONE_COL, phone)
    # Typed numbers are shown masked at once; the value behind them is whole.
    assert parties.item(0, ID_COL).text() == "4104**********1233"
    assert parties.item(1, PHONE_COL).text() == "********8989"
    assert editor.dirty
    qtbot.keyClick(editor, Qt.Key_S, Qt.ControlModifier)
    assert not editor.dirty, editor.problems.text()
    stored = registry.dump("mediation")[0]
    assert [(p["role"], p["name"], p["id_number"], p["phone"]) for p in stored["parties"]] == [
        ("applicant", "张三", ZHANG_ID, "13837512345"), ("respondent", "李四", LI_ID, "0375-2818989")]
    # 出生日期 filled from the ID number typed (issue 17.4)
    assert stored["parties"][0]["birth_date"] == f"{ZHANG_ID[6:10]}-{ZHANG_ID[10:12]}-{ZHANG_ID[12:14]}"
    again = MediationEditor(registry, stored["id"])
    qtbot.addWidget(again)
    assert again.parties.value() == stored["parties"]
    assert again.parties.table.item(0, ID_COL).text() == "4104**********1233"


def test_a_wrong_check_digit_is_shown_inline_and_refused_on_save(qtbot, registry, two_party_case):
    editor = MediationEditor(registry)
    qtbot.addWidget(editor)
    editor.show()
    editor.tabs.setCurrentWidget(editor.parties)
    qtbot.waitExposed(editor)
    editor.form.load(dict(two_party_case, parties=[]))
    editor.parties.set_value(two_party_case["parties"])
    editor.parties.set_unmasked(True)
    _type_cell(qtbot, editor.parties.table, 0, ID_COL, "410402198005011234")
    assert "校验位不正确（末位应为3）" in editor.parties.hint.text()
    assert not editor.save()
    assert "“当事人”第1项“身份证号码”" in editor.problems.text()
    assert registry.count("mediation") == 0


def test_masked_numbers_cannot_be_edited_until_unmasked(qtbot, registry, two_party_case,
                                                       monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    stored = registry.save("mediation", two_party_case)
    editor = MediationEditor(registry, stored["id"])
    qtbot.addWidget(editor)
    item = editor.parties.table.item(0, ID_COL)
    assert not item.flags() & Qt.ItemIsEditable
    editor.parties.show_full.setChecked(True)  # asked first (issue 17.4): answered No
    assert item.text() == "4104**********1233" and not editor.parties.show_full.isChecked()
    asked = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a, **k: asked.append(text) or QMessageBox.Yes)
    editor.parties.show_full.setChecked(True)
    assert item.text() == ZHANG_ID and item.flags() & Qt.ItemIsEditable
    assert "会记入操作记录" in asked[0] and "案件（2022）湛调字第15号" in asked[0]
    notes = [e for e in registry.audit_log(record_id=stored["id"]) if e["action"] == "notice"]
    assert len(notes) == 1 and "完整身份证号码" in notes[0]["after"]["text"]
    editor.parties.show_full.setChecked(False)  # hidden and shown again: asked once per case
    editor.parties.show_full.setChecked(True)
    assert len(asked) == 1 and item.text() == ZHANG_ID
    editor.load(stored["id"])                                    # reopening masks again
    assert editor.parties.table.item(0, ID_COL).text() == "4104**********1233"


def test_parties_reorder_and_remove(qtbot, registry, two_party_case):
    stored = registry.save("mediation", two_party_case)
    editor = MediationEditor(registry, stored["id"])
    qtbot.addWidget(editor)
    editor.parties.add_party({"role": "third_party", "name": "王五"})
    editor.parties.table.setCurrentCell(2, NAME_COL)
    editor.parties.move(-1)
    assert [p["name"] for p in editor.parties.value()] == ["张三", "王五", "李四"]
    editor.parties.table.setCurrentCell(0, NAME_COL)
    editor.parties.remove_party()
    assert editor.save()
    assert [p["name"] for p in registry.get("mediation", stored["id"])["parties"]] == ["王五", "李四"]


def test_register_table_filters_searches_and_warns_of_the_closing_window(qtbot, registry,
                                                                        two_party_case):
    registry.save("mediation", two_party_case)
    other = dict(two_party_case, case_number="（2022）湛调字第16号", dispute_type="物业",
                 accepted_date="2022-09-03", outcome="pending", agreement=None,
                 parties=[{"role": "applicant", "name": "赵六"}, {"role": "respondent", "name": "钱七"}])
    registry.save("mediation", other)
    page = MediationPage(registry, today=dt.date(2022, 9, 6))
    qtbot.addWidget(page)
    assert page.model.rowCount() == 2
    page.dispute_type.setCurrentIndex(page.dispute_type.findData("物业"))
    assert page.model.rowCount() == 1
    page.dispute_type.setCurrentIndex(0)
    page.month.setCurrentIndex(page.month.findData("2022-08"))
    assert page.model.rowCount() == 1
    page.month.setCurrentIndex(0)
    page.search.setText("李四")
    page.apply_filters()
    assert page.model.rowCount() == 1
    col = [c[0] for c in COLUMNS].index("confirmation")
    assert page.model.index(0, col).data() == "即将届满（剩3天）"
    page.table.selectRow(0)
    assert "4104**********1233" in page.summary.text() and ZHANG_ID not in page.summary.text()
    assert "138****2345" in page.summary.text()


def test_documents_menu_saves_and_writes_documents_that_say_they_carry_whole_ids(
        qtbot, registry, two_party_case, tmp_path, monkeypatch):
    from PySide6.QtGui import QDesktopServices


    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    registry.set_setting("output_dir", str(tmp_path))
    stored = registry.save("mediation", two_party_case)
    editor = MediationEditor(registry, stored["id"])
    qtbot.addWidget(editor)
    editor.widget("amount").set_value("3200")       # an unsaved edit: the menu saves first
    editor.dirty = True
    assert editor.buttons["documents"].menu() is editor.documents_menu
    editor.documents_menu.actions_by_name["agreement"].trigger()
    target = tmp_path / "人民调解协议书（2022）湛调字第15号（含完整身份证号）.docx"
    qtbot.waitUntil(lambda: target.exists() and bool(opened), timeout=20000)
    assert registry.get("mediation", stored["id"])["amount"] == 3200
    import docx

    text = "\n".join(p.text for p in docx.Document(str(target)).paragraphs)
    assert ZHANG_ID in text and "138****2345" in text and "13837512345" not in text
    editor.documents_menu.actions_by_name["case-file"].trigger()
    folder = tmp_path / "人民调解卷宗（2022）湛调字第15号（含完整身份证号）.docx"
    qtbot.waitUntil(lambda: folder.exists() and len(opened) == 2, timeout=20000)
    notes = [row for row in registry.store.conn.execute(
        "SELECT action, after FROM audit WHERE action = 'export'")]
    assert len(notes) == 2 and all("含完整身份证号" in after for _a, after in notes)
