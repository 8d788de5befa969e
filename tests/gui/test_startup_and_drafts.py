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


def test_a_second_start_brings_the_open_window_forward(qtbot, db_path, seed_profile):
    """The listener for a second start is made just after the first paint (not on the path to
    the window); once the window is up, a second start's knock reaches it."""
    from PySide6.QtCore import QTimer
    from PySide6.QtNetwork import QLocalSocket
    from PySide6.QtWidgets import QApplication

    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.gui.main_window import MainWindow

    with Registry.open(db_path) as registry:
        registry.set_profile(seed_profile)
    seen = {"woken": 0, "tries": 0}

    def knock_then_close():
        windows = [w for w in QApplication.topLevelWidgets()
                   if isinstance(w, MainWindow) and w.isVisible()]
        seen["tries"] += 1
        if windows and seen["tries"] > 100:  # 5 s and still no listener: give up, and fail
            windows[0].close()
            return
        if not windows or getattr(windows[0], "single_instance", None) is None:
            QTimer.singleShot(50, knock_then_close)
            return
        window = windows[0]
        window.single_instance.wake.connect(lambda: seen.__setitem__("woken", seen["woken"] + 1))
        socket = QLocalSocket()
        socket.connectToServer(lock.instance_name(db_path))
        seen["connected"] = socket.waitForConnected(1000)
        socket.write(b"1")
        socket.waitForBytesWritten(500)
        socket.disconnectFromServer()
        QTimer.singleShot(300, window.close)

    QTimer.singleShot(50, knock_then_close)
    assert launch_gui(str(db_path)) == 0
    assert seen.get("connected") and seen["woken"] >= 1


def test_work_after_the_first_paint_runs_once_and_also_for_a_window_never_shown(
        qtbot, monkeypatch):
    from PySide6.QtWidgets import QMainWindow

    from fazhi_desktop.gui import first_paint

    shown, calls = QMainWindow(), []
    qtbot.addWidget(shown)
    first_paint.after_first_paint(shown, lambda: calls.append("a"))
    first_paint.after_first_paint(shown, lambda: calls.append("b"))
    assert calls == []  # not while the window is being built
    shown.show()
    qtbot.waitUntil(lambda: calls == ["a", "b"], timeout=2000)
    shown.update()
    qtbot.wait(50)
    assert calls == ["a", "b"]  # once, not at every paint

    monkeypatch.setattr(first_paint, "FALLBACK_MS", 50)
    hidden = QMainWindow()
    qtbot.addWidget(hidden)
    first_paint.after_first_paint(hidden, lambda: calls.append("hidden"))
    qtbot.waitUntil(lambda: "hidden" in calls, timeout=2000)
