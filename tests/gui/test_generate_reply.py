"""生成答复件 from the editor: saves first, asks the folder once, writes the named file, opens it."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QMessageBox

from fazhi_desktop.gui import reply_action
from fazhi_desktop.gui.editor.record_editor import RecordEditor

from .conftest import type_text


def test_generate_reply_saves_edits_asks_folder_once_and_opens_the_document(
        qtbot, office, seed_proposal, tmp_path, monkeypatch):
    stored = office.save("proposal", seed_proposal)
    opened, asked = [], []
    monkeypatch.setattr(reply_action.QDesktopServices, "openUrl",
                        lambda url: opened.append(url.toLocalFile()) or True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: asked.append(1) or str(tmp_path))
    editor = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(editor)
    editor.show()
    type_text(editor.widget("reply.contact_person"), "")  # nothing typed: still clean
    type_text(editor.widget("notes"), "已面商")
    assert editor.dirty
    editor.generate_reply()
    qtbot.waitUntil(lambda: len(opened) == 1, timeout=20000)
    expected = tmp_path / "对区政协六届一次会议第28号提案的答复.docx"
    assert opened == [str(expected)] and expected.stat().st_size > 5000
    assert office.get("proposal", stored["id"])["notes"] == "已面商" and not editor.dirty
    assert office.setting("output_dir") == str(tmp_path)
    replacing = []  # the second time the file exists: replacing it is asked (issue 14.1)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda parent, title, text, *a: replacing.append(text) or QMessageBox.Yes)
    editor.generate_reply()
    qtbot.waitUntil(lambda: len(opened) == 2, timeout=20000)
    assert asked == [1]  # the folder was asked only the first time
    assert len(replacing) == 1 and "已存在" in replacing[0]
    assert f"答复件已生成：{expected}" in editor.done_notice.text()  # with any warnings
