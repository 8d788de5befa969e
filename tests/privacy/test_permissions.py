"""Issue 20.1: under the usual umask 022 everything holding personal data is the owner's only.

Files 0600 (data file, -wal/-shm, lock, backups, log), the folders the app makes 0700; a folder
the clerk chose keeps its mode; an older installation is tightened on open and the 操作记录 says so.
"""
from __future__ import annotations

import os
import stat
import sys
from pathlib import Path

import pytest

from tests.safety.conftest import proposal, run_cli

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="POSIX modes only")


def mode(path) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    """The default data folder under a fresh XDG_DATA_HOME (no --db, no FAZHI_DB)."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("FAZHI_DB", raising=False)
    return tmp_path / "xdg" / "fazhi-desktop"


def test_default_installation_is_private(umask_022, data_home):
    from fazhi_desktop.core import backup, drafts, private_files
    from fazhi_desktop.core.lock import WriterLock
    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.paths import resolve_db_path

    path = resolve_db_path(None)
    with WriterLock(path), Registry.open(path) as registry:
        registry.save("proposal", proposal(1))
        drafts.save_draft(registry, "proposal", None, {"title": "草稿：张三的身份证号"})
        info = backup.backup_now(path, "manual")
        with private_files.open_private(path.parent / "fazhi.log", "a", encoding="utf-8") as log:
            log.write("启动\n")
        assert Path(str(path) + "-wal").exists() and Path(str(path) + "-shm").exists()
        assert mode(data_home) == 0o700
        for name in ("fazhi.sqlite3", "fazhi.sqlite3-wal", "fazhi.sqlite3-shm",
                     "fazhi.sqlite3.lock", "fazhi.log"):
            assert mode(data_home / name) == 0o600, name
        assert mode(info.path.parent) == 0o700
        assert mode(info.path) == 0o600
    # and a file made where nothing of ours is private would have been 0644
    probe = data_home / "probe.txt"
    probe.write_text("x")
    assert mode(probe) == 0o644


def test_cli_in_a_folder_the_clerk_chose(umask_022, tmp_path):
    folder = tmp_path / "我的文档"
    folder.mkdir()
    db = folder / "office.sqlite3"
    records = tmp_path / "p.json"
    records.write_text('[{"session": "区政协六届一次会议", "number": 1, "title": "关于法治的提案", '
                       '"authors": ["胡校丽"], "lead_unit": "湛河区司法局", "assigned_date": "2026-05-10"}]',
                       "utf-8")
    assert run_cli("--db", db, "add", "proposal", records).returncode == 0
    out = tmp_path / "手动备份.sqlite3"
    assert run_cli("--db", db, "backup", "--out", out).returncode == 0
    assert mode(folder) == 0o755  # the clerk's folder is left as it is
    assert mode(db) == 0o600
    assert mode(out) == 0o600
    backups = folder / "backups"
    if backups.exists():
        assert mode(backups) == 0o700


def test_chosen_backup_folder_keeps_its_mode_copies_are_private(umask_022, tmp_path):
    from fazhi_desktop.core import backup
    from fazhi_desktop.core.registry import Registry

    stick = tmp_path / "U盘"
    stick.mkdir()
    db = tmp_path / "office.sqlite3"
    with Registry.open(db) as registry:
        registry.save("proposal", proposal(1))
        registry.set_setting(backup.SETTING_BACKUP_DIR, str(stick))
    info = backup.backup_now(db, "manual")
    assert info.path.parent == stick
    assert mode(stick) == 0o755
    assert mode(info.path) == 0o600


def test_an_older_installation_is_tightened_once_and_noted(umask_022, data_home):
    from fazhi_desktop.core import backup
    from fazhi_desktop.core.registry import Registry
    from fazhi_desktop.paths import resolve_db_path

    path = resolve_db_path(None)
    with Registry.open(path) as registry:
        registry.save("proposal", proposal(1))
    copy = backup.backup_now(path, "manual").path
    # what an older version left: everything readable by every local account
    for p in (data_home, copy.parent):
        os.chmod(p, 0o755)
    for p in (path, copy):
        os.chmod(p, 0o644)
    with Registry.open(path) as registry:
        notes = [e for e in registry.audit_log() if e["action"] == "notice"]
    assert len(notes) == 1 and "已收紧数据文件和备份的访问权限" in notes[0]["after"]["text"]
    assert (mode(data_home), mode(copy.parent)) == (0o700, 0o700)
    assert (mode(path), mode(copy)) == (0o600, 0o600)
    with Registry.open(path) as registry:  # nothing left to tighten: no second note
        assert len([e for e in registry.audit_log() if e["action"] == "notice"]) == 1


def test_restore_into_a_missing_file_is_private(umask_022, tmp_path):
    from fazhi_desktop.core import backup
    from fazhi_desktop.core.registry import Registry

    db = tmp_path / "office.sqlite3"
    with Registry.open(db) as registry:
        registry.save("proposal", proposal(1))
    copy = backup.backup_now(db, "manual").path
    target = tmp_path / "new.sqlite3"
    backup.restore_backup(target, copy)
    assert mode(target) == 0o600


def test_other_files_in_a_chosen_data_folder_are_left_alone(umask_022, tmp_path):
    from fazhi_desktop.core.registry import Registry

    folder = tmp_path / "文档"
    folder.mkdir()
    theirs = folder / "install.log"
    theirs.write_text("not ours")
    ours = folder / "fazhi.log.1"
    ours.write_text("rotated log")
    with Registry.open(folder / "office.sqlite3"):
        pass
    assert mode(theirs) == 0o644 and mode(ours) == 0o600
