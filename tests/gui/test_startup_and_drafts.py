"""Start-up as the clerk meets it: a damaged file is explained (and left alone), a second window
on the same file is refused, and edits left unsaved by a crash come back as a draft."""
from __future__ import annotations

import hashlib

from fazhi_desktop.core import drafts, lock
from fazhi_desktop.gui.editor.record_editor import RecordEditor
from fazhi_desktop.gui.launch import launch_gui

from .conftest import type_text


def test_a_file_that_is_not_ours_is_explained_and_left_untouched(qtbot, tmp_path, boxes):
    path = tmp_path / "office.sqlite3"
    path.write_bytes("这不是数据库".encode("utf-8") * 50)
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    boxes.next("退出")
    assert launch_gui(str(path)) == 1
    assert "未做任何修改" in boxes.seen[0] or "不是" in boxes.seen[0]
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before
    assert not lock.is_locked(path)


def test_a_second_window_on_the_same_file_is_refused(qtbot, db_path, boxes):
    holder = lock.WriterLock(db_path).acquire()
    try:
        boxes.next("确定")
        assert launch_gui(str(db_path)) == 0
        assert boxes.seen and "打开" in boxes.seen[0]
    finally:
        holder.release()


def test_unsaved_edits_come_back_as_a_draft_after_a_crash(qtbot, office, seed_proposal, boxes):
    stored = office.save("proposal", seed_proposal)
    editor = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(editor)
    editor._draft_timer.setInterval(50)
    type_text(editor.widget("notes"), "第二次面商后修改")
    qtbot.waitUntil(lambda: drafts.load_draft(office, "proposal", stored["id"]) is not None)
    editor.dirty = False  # the "crash": the window goes away without asking

    boxes.next("恢复")
    again = RecordEditor(office, "proposal", stored["id"])
    qtbot.addWidget(again)
    assert "未保存的修改" in boxes.seen[0]
    assert again.widget("notes").value() == "第二次面商后修改" and again.dirty
    assert again.save()
    assert office.get("proposal", stored["id"])["notes"] == "第二次面商后修改"
    assert drafts.load_draft(office, "proposal", stored["id"]) is None


def test_a_draft_the_clerk_discards_is_gone(qtbot, office, boxes):
    editor = RecordEditor(office, "proposal")
    qtbot.addWidget(editor)
    editor._draft_timer.setInterval(50)
    type_text(editor.widget("title"), "关于未保存的新提案")
    qtbot.waitUntil(lambda: drafts.load_draft(office, "proposal", None) is not None)
    editor.dirty = False
    boxes.next("放弃")
    again = RecordEditor(office, "proposal")
    qtbot.addWidget(again)
    assert again.widget("title").value() is None and not again.dirty
    assert drafts.load_draft(office, "proposal", None) is None


def test_first_start_without_an_office_profile_asks_for_it_and_leaving_saves_nothing(
        qtbot, db_path, monkeypatch):
    from PySide6.QtWidgets import QDialog

    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.gui.dialogs.profile_dialog import FirstRunProfileDialog

    shown = []
    monkeypatch.setattr(FirstRunProfileDialog, "exec",
                        lambda self: shown.append(self.windowTitle()) or QDialog.Rejected)
    assert launch_gui(str(db_path)) == 0
    assert shown == ["首次使用：填写单位信息"]
    assert not lock.is_locked(db_path)
    with Registry.open(db_path) as registry:
        assert not registry.has_profile()


def test_a_normal_start_opens_the_window_on_the_file_and_backs_it_up(
        qtbot, db_path, seed_profile):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.gui.main_window import MainWindow

    with Registry.open(db_path) as registry:
        registry.set_profile(seed_profile)
    seen = {}

    def look_and_close():
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        if not windows or not list((db_path.parent / "backups").glob("*.sqlite3")):
            QTimer.singleShot(100, look_and_close)
            return
        seen["status"] = windows[0].path_label.text()
        seen["locked"] = lock.is_locked(db_path)
        windows[0].close()

    QTimer.singleShot(100, look_and_close)
    assert launch_gui(str(db_path)) == 0
    assert str(db_path) in seen["status"] and seen["locked"]
    assert not lock.is_locked(db_path)
