"""First run asks for the office; 单位设置 edits every profile field; Qt's own texts are Chinese."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from fazhi_desktop.gui.dialogs.profile_dialog import FirstRunProfileDialog

from .conftest import type_text


def test_first_run_dialog_refuses_an_empty_authority_then_saves_the_office(qtbot, registry):
    assert not registry.has_profile()
    dialog = FirstRunProfileDialog(registry)
    qtbot.addWidget(dialog)
    dialog.show()
    ok = dialog.buttons.button(QDialogButtonBox.Ok)
    qtbot.mouseClick(ok, Qt.LeftButton)
    assert dialog.isVisible() and not registry.has_profile()
    assert "发文机关全称" in dialog.form.problems.text()
    authority = dialog.form.form.widgets["authority"]
    assert "c62828" in authority.styleSheet()
    type_text(authority, "平顶山市湛河区司法局")
    type_text(dialog.form.form.widgets["doc_code"], "平湛司")
    dialog.form.form.widgets["signers"].add_item("杨晓伟")
    qtbot.mouseClick(ok, Qt.LeftButton)  # the report's 主送机关 is asked too (issue 17.4)
    assert dialog.isVisible() and not registry.has_profile()
    assert "年度报告主送机关" in dialog.form.problems.text()
    type_text(dialog.form.form.widgets["report_to"], "区委、区政府")
    qtbot.mouseClick(ok, Qt.LeftButton)
    assert not dialog.isVisible()
    profile = registry.stored_profile()
    assert profile["authority"] == "平顶山市湛河区司法局"
    assert profile["doc_code"] == "平湛司" and profile["signers"] == ["杨晓伟"]
    assert profile["report_to"] == "区委、区政府"


def test_settings_page_edits_every_profile_field_including_cc_fonts_and_seal(qtbot, window, tmp_path):
    office = window.registry
    page = window.show_page("单位设置")
    widgets = page.form.form.widgets
    assert widgets["authority"].text() == "平顶山市湛河区司法局"
    for key in ("report_to", "reply_format", "class_mark", "seal", "seal_image", "cc.proposal",
                "cc.suggestion", "fonts.title", "fonts.body", "fonts.page_number"):
        assert key in widgets, key
    widgets["reply_format"].setCurrentIndex(widgets["reply_format"].findData("letter"))
    widgets["seal"].setCurrentIndex(widgets["seal"].findData("image"))
    seal = tmp_path / "seal.png"
    seal.write_bytes(b"png")
    type_text(widgets["seal_image"], str(seal))
    widgets["cc.suggestion"].add_item("区人大代表联络室（1份）")
    type_text(widgets["fonts.body"], "仿宋")
    assert page.save()
    profile = office.stored_profile()
    assert profile["reply_format"] == "letter" and profile["seal"] == "image"
    assert profile["seal_image"] == str(seal)
    assert profile["cc"]["suggestion"][-1] == "区人大代表联络室（1份）"
    assert profile["cc"]["proposal"] == ["区政协提案委（3份）", "区委区政府督查局（1份）"]
    assert profile["fonts"]["body"] == "仿宋"

    widgets["authority"].clear()
    assert not page.save()
    assert "发文机关全称" in page.form.problems.text()
    assert office.stored_profile()["authority"] == "平顶山市湛河区司法局"


def test_qt_dialogs_speak_chinese(qtbot):
    box = QMessageBox(QMessageBox.Question, "t", "x", QMessageBox.Ok | QMessageBox.Cancel)
    qtbot.addWidget(box)
    assert sorted(b.text() for b in box.buttons()) == sorted(["确定", "取消"])


def test_backup_now_then_restore_brings_back_the_earlier_data(qtbot, window, boxes):
    """From 单位设置 the clerk opens 数据备份与恢复, backs up, and later restores that copy;
    the registers show the restored data at once."""
    from fazhi_desktop.gui.dialogs.backups import BackupsDialog

    office = window.registry
    office.save("proposal", {"session": "区政协六届一次会议", "number": 1, "title": "关于备份前",
                             "authors": ["甲"]})
    opened = []
    original_exec = BackupsDialog.exec

    def exec_(dialog):
        opened.append(dialog)
        dialog.show()
        return 0

    BackupsDialog.exec = exec_
    try:
        window.show_page("单位设置").backups_button.click()
    finally:
        BackupsDialog.exec = original_exec
    [dialog] = opened
    qtbot.addWidget(dialog)
    dialog.backup_now()
    qtbot.waitUntil(lambda: len(dialog.backups) == 1, timeout=20000)
    office.save("proposal", {"session": "区政协六届一次会议", "number": 2, "title": "关于备份后",
                             "authors": ["乙"]})
    dialog.table.selectRow(0)
    boxes.next("是")
    with qtbot.waitSignal(dialog.restored, timeout=20000):
        dialog.restore_selected()
    assert [r["title"] for r in office.dump("proposal")] == ["关于备份前"]
    assert window.pages["政协提案"].model.rowCount() == 1
