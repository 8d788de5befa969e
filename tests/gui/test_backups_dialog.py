"""数据备份与恢复: the clerk backs up now, sees the copy in the list, restores a record lost
since, and chooses where backups go (a USB stick); every failure says what in Chinese."""
from __future__ import annotations

import sqlite3

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from fazhi_desktop.core import backup
from fazhi_desktop.core.errors import NotFound
from fazhi_desktop.gui.dialogs.backups import BackupsDialog

WAIT_MS = 20000


def open_dialog(qtbot, registry) -> BackupsDialog:
    dlg = BackupsDialog(registry)
    qtbot.addWidget(dlg)
    dlg.show()
    settle(qtbot, dlg)
    return dlg


def settle(qtbot, dlg) -> None:
    qtbot.waitUntil(lambda: not dlg.busy and not dlg.listing, timeout=WAIT_MS)


def listed(dlg) -> list:
    return [[dlg.table.item(row, col).text() for col in range(dlg.table.columnCount())]
            for row in range(dlg.table.rowCount())]


@pytest.fixture
def answer_yes(monkeypatch):
    asked = []

    def question(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    return asked


def test_backup_now_makes_a_verified_copy_that_appears_in_the_list(qtbot, office, seed_proposal):
    office.save("proposal", seed_proposal)
    dlg = open_dialog(qtbot, office)
    assert listed(dlg) == []
    assert "还没有备份" in dlg.status.text()

    dlg.backup_button.click()
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 1, timeout=WAIT_MS)
    settle(qtbot, dlg)
    [row] = listed(dlg)
    assert row[1] == "手动" and row[3] == "提案 1" and row[4] == "数据文件旁"
    info = dlg.selected_backup()  # the new copy is selected, ready to restore
    assert info.path.parent == backup.default_backup_dir(office.path)
    backup.verify_backup(info.path)  # a whole SQLite file of this app
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("SELECT count(*) FROM proposal").fetchone()[0] == 1
    conn.close()
    assert "已备份并校验" in dlg.status.text()


def test_restore_brings_back_a_record_deleted_after_the_backup(qtbot, office, seed_proposal,
                                                               answer_yes):
    kept = office.save("proposal", seed_proposal)
    backup.backup_now(office.path, "manual")
    office.delete("proposal", kept["id"])
    office.purge("proposal", kept["id"])  # gone for good, even from the recycle bin
    with pytest.raises(NotFound):
        office.get("proposal", kept["id"])

    dlg = open_dialog(qtbot, office)
    dlg.table.selectRow(0)
    with qtbot.waitSignal(dlg.restored, timeout=WAIT_MS):
        dlg.restore_button.click()
    settle(qtbot, dlg)

    assert "当前的数据文件会先自动备份" in answer_yes[0]
    # the open registry (the main window's) sees the restored record, no reopening needed
    assert office.get("proposal", kept["id"])["title"] == seed_proposal["title"]
    assert office.count("proposal") == 1
    assert "已从备份恢复" in dlg.message.text() and "恢复前" in dlg.message.text()
    reasons = [row[1] for row in listed(dlg)]
    assert "恢复前" in reasons and "手动" in reasons  # the file as it was is kept too


def test_restore_not_confirmed_changes_nothing(qtbot, office, seed_proposal, monkeypatch):
    backup.backup_now(office.path, "manual")
    office.save("proposal", seed_proposal)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.No)
    dlg = open_dialog(qtbot, office)
    dlg.table.selectRow(0)
    with qtbot.assertNotEmitted(dlg.restored, wait=300):
        dlg.restore_button.click()
    assert office.count("proposal") == 1 and len(listed(dlg)) == 1


def test_a_damaged_backup_is_refused_with_a_chinese_message(qtbot, office, seed_proposal,
                                                            answer_yes):
    office.save("proposal", seed_proposal)
    good = backup.backup_now(office.path, "manual").path
    broken = good.with_name(good.name.replace("手动", "导入前"))
    data = bytearray(good.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # a page of rubbish, as a failing USB stick returns
    broken.write_bytes(bytes(data))
    dlg = open_dialog(qtbot, office)
    dlg.select_backup(broken)
    with qtbot.assertNotEmitted(dlg.restored, wait=0):
        dlg.restore_button.click()
        qtbot.waitUntil(lambda: dlg.message is not None, timeout=WAIT_MS)
        settle(qtbot, dlg)
    assert f"不能用“{broken}”恢复" in dlg.message.text()
    assert office.get("proposal", office.dump("proposal")[0]["id"])  # data untouched


def test_choosing_a_usb_folder_is_saved_and_backups_go_there(qtbot, office, tmp_path, monkeypatch):
    stick = tmp_path / "U盘" / "法治备份"
    stick.mkdir(parents=True)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(stick))
    dlg = open_dialog(qtbot, office)
    assert not dlg.default_button.isEnabled()
    dlg.choose_button.click()
    settle(qtbot, dlg)
    assert office.setting(backup.SETTING_BACKUP_DIR) == str(stick)
    assert str(stick) in dlg.folder_label.text() and "自选位置" in dlg.folder_label.text()

    dlg.backup_button.click()
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 1, timeout=WAIT_MS)
    settle(qtbot, dlg)
    assert dlg.backups[0].path.parent == stick and listed(dlg)[0][4] == str(stick)

    dlg.default_button.click()
    settle(qtbot, dlg)
    assert office.setting(backup.SETTING_BACKUP_DIR) is None
    assert "默认" in dlg.folder_label.text()


def test_a_folder_that_cannot_be_written_is_refused(qtbot, office, tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    monkeypatch.setattr(QFileDialog, "getExistingDirectory",
                        lambda *a, **k: str(blocker / "备份"))
    dlg = open_dialog(qtbot, office)
    dlg.choose_button.click()
    assert office.setting(backup.SETTING_BACKUP_DIR) is None
    assert "无法在" in dlg.message.text() and "备份位置未更改" in dlg.message.text()


def test_unplugged_stick_is_said_in_the_dialog_and_after_backup(qtbot, office, tmp_path):
    office.set_setting(backup.SETTING_BACKUP_DIR, str(tmp_path / "gone" / "stick"))
    (tmp_path / "gone").write_text("not a folder: the stick is not there")
    dlg = open_dialog(qtbot, office)
    assert "现在无法访问这个文件夹" in dlg.folder_label.text()
    dlg.backup_button.click()
    qtbot.waitUntil(lambda: dlg.table.rowCount() == 1, timeout=WAIT_MS)
    settle(qtbot, dlg)
    assert "暂时无法写入" in dlg.message.text()  # core's warning, shown as it is
    assert listed(dlg)[0][4] == "数据文件旁"


def test_restore_waits_for_open_editors_to_be_dealt_with(qtbot, office, seed_proposal,
                                                         answer_yes):
    """The window passes before_restore (e.g. close editors, asking about unsaved edits);
    when it says no, nothing is replaced."""
    backup.backup_now(office.path, "manual")
    office.save("proposal", seed_proposal)
    asked = []
    dlg = BackupsDialog(office, before_restore=lambda: asked.append(1) or False)
    qtbot.addWidget(dlg)
    dlg.show()
    settle(qtbot, dlg)
    dlg.table.selectRow(0)
    with qtbot.assertNotEmitted(dlg.restored, wait=300):
        dlg.restore_button.click()
    assert asked == [1] and office.count("proposal") == 1
    assert dlg.status.text() == "未恢复。"


@pytest.mark.parametrize("content", ["empty file", "empty database"])
def test_a_backup_that_holds_no_data_is_refused_and_the_data_kept(qtbot, office, seed_proposal,
                                                                  answer_yes, content):
    """Issue 14.2: a file named like a backup but empty (an interrupted copy) would empty the
    data; the dialog refuses it with a Chinese message."""
    office.save("proposal", seed_proposal)
    good = backup.backup_now(office.path, "manual").path
    empty = good.with_name(good.name.replace("手动", "导入前"))
    if content == "empty file":
        empty.write_bytes(b"")
    else:
        conn = sqlite3.connect(empty)
        conn.execute("CREATE TABLE t(x)")
        conn.execute("DROP TABLE t")
        conn.commit()
        conn.close()
    dlg = open_dialog(qtbot, office)
    if content == "empty file":
        assert any(row[3] == "空文件，不能用于恢复" for row in listed(dlg))
    dlg.select_backup(empty)
    with qtbot.assertNotEmitted(dlg.restored, wait=0):
        dlg.restore_button.click()
        qtbot.waitUntil(lambda: dlg.message is not None, timeout=WAIT_MS)
        settle(qtbot, dlg)
    assert f"不能用“{empty}”恢复" in dlg.message.text() and "空" in dlg.message.text()
    assert office.count("proposal") == 1
