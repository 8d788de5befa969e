"""Issue 20.1: a backup folder the clerk chooses (USB stick, share) gets a one-time notice that the
copies hold personal data."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QFileDialog

from fazhi_desktop.core import backup
from fazhi_desktop.gui.dialogs.backups import BackupsDialog


def choose(qtbot, registry, folder, monkeypatch) -> BackupsDialog:
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    dlg = BackupsDialog(registry)
    qtbot.addWidget(dlg)
    dlg.show()
    qtbot.waitUntil(lambda: not dlg.busy and not dlg.listing, timeout=20000)
    dlg.message = None
    dlg.choose_button.click()
    qtbot.waitUntil(lambda: not dlg.busy and not dlg.listing, timeout=20000)
    return dlg


@pytest.mark.qt_log_ignore("This plugin does not support (propagateSizeHints|raise)")
def test_first_chosen_folder_is_told_copies_hold_personal_data_once(qtbot, registry, tmp_path,
                                                                     monkeypatch):
    stick = tmp_path / "U盘"
    stick.mkdir()
    dlg = choose(qtbot, registry, stick, monkeypatch)
    assert registry.setting(backup.SETTING_BACKUP_DIR) == str(stick)
    assert dlg.message is not None and "个人信息" in dlg.message.text()
    assert "身份证号码" in dlg.message.text()
    dlg.message.close()

    share = tmp_path / "共享"
    share.mkdir()
    again = choose(qtbot, registry, share, monkeypatch)
    assert registry.setting(backup.SETTING_BACKUP_DIR) == str(share)
    assert again.message is None  # once is enough
