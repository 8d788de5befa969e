"""Issue 14.1 in the window: a file the window writes never lands on the data, and an existing
document is not replaced without asking (the document folder is chosen once, so no file dialog
asks)."""
from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from fazhi_desktop.gui import reply_action
from fazhi_desktop.gui.dialogs.export_ledger import ExportLedgerDialog
from fazhi_desktop.gui.output_check import may_write
from tests.safety.conftest import sha256


def _answers(monkeypatch, answer):
    said = {"question": [], "warning": []}
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: said["question"].append(text) or answer)
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda parent, title, text, *a: said["warning"].append(text))
    return said


def test_a_document_that_exists_is_not_replaced_unasked(qtbot, office, seed_proposal, tmp_path,
                                                        monkeypatch):
    stored = office.save("proposal", seed_proposal)
    office.set_setting(reply_action.OUTPUT_DIR_SETTING, str(tmp_path))
    existing = tmp_path / "对区政协六届一次会议第28号提案的答复.docx"
    existing.write_bytes(b"the clerk's own edits, made in Word")
    said = _answers(monkeypatch, QMessageBox.No)
    opened = []
    monkeypatch.setattr(reply_action.QDesktopServices, "openUrl", lambda url: opened.append(url))
    assert reply_action.generate_reply(None, office, "proposal", stored["id"]) is None
    assert len(said["question"]) == 1 and "已存在" in said["question"][0]
    assert existing.read_bytes() == b"the clerk's own edits, made in Word" and opened == []


def test_the_data_file_is_refused_by_every_spelling(qtbot, office, tmp_path, monkeypatch):
    said = _answers(monkeypatch, QMessageBox.Yes)
    link = tmp_path / "台账.xlsx"
    link.symlink_to(office.path)
    before = sha256(office.path)
    for target in (office.path, link, str(office.path) + "-wal"):
        assert not may_write(None, office, target, title="导出台账")
    assert len(said["warning"]) == 3 and all("不能保存到" in w for w in said["warning"])
    assert said["question"] == []  # refused before any question about replacing
    assert sha256(office.path) == before


def test_the_export_dialog_does_not_write_onto_the_data(qtbot, office, seed_proposal, tmp_path,
                                                        monkeypatch):
    office.save("proposal", seed_proposal)
    said = _answers(monkeypatch, QMessageBox.Yes)
    link = tmp_path / "台账.xlsx"
    link.symlink_to(office.path)
    before = sha256(office.path)
    dialog = ExportLedgerDialog(office, "proposal")
    qtbot.addWidget(dialog)
    dialog.path_edit.setText(str(link))
    dialog.start()
    assert said["warning"] and "数据文件本身" in said["warning"][0]
    assert getattr(dialog, "op", None) is None and sha256(office.path) == before
