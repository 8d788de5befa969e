"""Start-up checks: a foreign, truncated, damaged or too new file is found before anything is
written, the clerk reads what happened in Chinese, and one restore brings back a working file."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fazhi_desktop.core import backup, health
from fazhi_desktop.core.errors import FileTooNew
from fazhi_desktop.core.registry import Registry
from .conftest import proposal, run_cli, sha256, write_json


def _truncate(path: Path) -> None:
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


def _not_sqlite(path: Path) -> None:
    path.write_bytes("这是一个改了扩展名的Word文档".encode("utf-8") * 100)


def _too_new(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA user_version = 99")
    conn.close()


def _damage_pages(path: Path) -> None:
    """Scribble over two b-tree pages in the middle (what a failing disk does)."""
    data = bytearray(path.read_bytes())
    page = 4096
    middle = len(data) // page // 2
    for n in range(middle, middle + 2):
        data[n * page: n * page + 200] = b"\xde\xad" * 100
    path.write_bytes(bytes(data))


def _foreign(path: Path) -> None:
    path.unlink()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()


BAD_FILES = {
    "not_sqlite": (_not_sqlite, "不是法治办公助手的数据文件"),
    "truncated": (_truncate, "不完整"),
    "damaged": (_damage_pages, "已损坏"),
    "too_new": (_too_new, "更新版本"),
    "foreign": (_foreign, "不是法治办公助手的数据文件"),
}


def test_a_healthy_file_and_a_new_file_pass(filled_db, tmp_path):
    assert health.check_file(filled_db) is None
    assert health.check_file(filled_db, thorough=True) is None
    assert health.check_file(tmp_path / "not-yet-created.sqlite3") is None


@pytest.mark.parametrize("code", sorted(BAD_FILES))
def test_a_bad_file_is_named_in_chinese_and_left_untouched(filled_db, code):
    spoil, words = BAD_FILES[code]
    spoil(filled_db)
    before = sha256(filled_db)
    siblings = sorted(p.name for p in filled_db.parent.iterdir())
    finding = health.check_file(filled_db)
    assert finding is not None and finding.code == code
    assert words in finding.message and "未做任何修改" in finding.message
    assert finding.can_restore == (code in ("not_sqlite", "truncated", "damaged"))
    with pytest.raises(health.DamagedFile) as refused:
        Registry.open(filled_db)
    assert refused.value.finding.code == code
    if code == "too_new":
        assert isinstance(refused.value, FileTooNew)
    assert sha256(filled_db) == before
    assert sorted(p.name for p in filled_db.parent.iterdir()) == siblings


@pytest.mark.parametrize("code", sorted(BAD_FILES))
def test_every_command_but_check_refuses_a_bad_file_and_leaves_it_byte_for_byte(filled_db, tmp_path, code):
    spoil, words = BAD_FILES[code]
    spoil(filled_db)
    before = sha256(filled_db)
    new_items = write_json(tmp_path / "new.json", [proposal(50)])
    profile = write_json(tmp_path / "profile.json", {"org_name": "湛河区司法局"})
    for args in (["dump", "proposal"], ["add", "proposal", new_items], ["profile", "show"],
                 ["profile", "set", profile], ["backup"]):
        result = run_cli("--db", filled_db, *args)
        assert result.returncode != 0, args
        assert words in result.stderr, (args, result.stderr)
        assert sha256(filled_db) == before, args
    check = run_cli("--db", filled_db, "check")
    assert check.returncode == 1
    assert words in check.stdout
    assert sha256(filled_db) == before


def test_check_says_healthy_with_exit_0(filled_db):
    before = sha256(filled_db)
    result = run_cli("--db", filled_db, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "完好" in result.stdout and "政协提案3条" in result.stdout
    assert sha256(filled_db) == before
    assert not Path(str(filled_db) + "-wal").exists(), "check created a log beside the file"


def test_restore_newest_good_backup_keeps_the_damaged_file_and_the_app_works(filled_db):
    older = backup.backup_now(filled_db, "daily")
    newest = backup.backup_now(filled_db, "manual")
    _damage_pages(newest.path)  # the newest backup is itself bad: the one before is used
    _truncate(filled_db)
    damaged_hash = sha256(filled_db)
    finding = health.check_file(filled_db)
    assert finding.can_restore
    assert health.newest_good_backup(filled_db).path == older.path
    result = health.restore_newest_good_backup(filled_db)
    kept = result["damaged_kept"]
    assert kept.name.startswith("office.sqlite3.损坏-")
    assert sha256(kept) == damaged_hash
    assert health.check_file(filled_db) is None
    with Registry.open(filled_db) as registry:
        assert [r["title"] for r in registry.dump("proposal")] == ["第1号提案", "第2号提案", "第3号提案"]
        registry.save("proposal", proposal(4))  # a working app, not a read-only relic


def test_restore_without_any_backup_says_so_and_changes_nothing(filled_db):
    _truncate(filled_db)
    before = sha256(filled_db)
    with pytest.raises(backup.BackupProblem, match="没有找到"):
        health.restore_newest_good_backup(filled_db)
    assert sha256(filled_db) == before


def test_a_file_left_by_a_crash_with_its_log_passes(tmp_path):
    """After a kill, committed work sits in -wal: that is not damage, and it is kept."""
    import subprocess
    import sys
    import signal
    import time

    db = tmp_path / "office.sqlite3"
    code = (
        "import sys, time\n"
        "from fazhi_desktop.core.registry import Registry\n"
        "r = Registry.open(sys.argv[1])\n"
        f"r.save('proposal', {proposal(7)!r})\n"
        "print('saved', flush=True)\n"
        "time.sleep(60)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "saved"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert Path(str(db) + "-wal").stat().st_size > 0
    assert health.check_file(db) is None
    with Registry.open(db) as registry:
        assert registry.count("proposal") == 1


def test_an_empty_file_with_backups_is_not_taken_for_a_new_one(filled_db):
    backup.backup_now(filled_db, "daily")
    filled_db.write_bytes(b"")
    finding = health.check_file(filled_db)
    assert finding is not None and finding.code == "truncated" and "空文件" in finding.message


def test_a_big_file_gets_a_structural_start_check_and_the_daily_backup_finds_hidden_damage(
        filled_db, monkeypatch):
    """Above QUICK_CHECK_LIMIT start-up skips quick_check (seconds to minutes on a big file);
    the daily backup's integrity_check still finds damage and reports it as the same finding."""
    monkeypatch.setattr(health, "QUICK_CHECK_LIMIT", 1024)
    _damage_pages(filled_db)
    assert health.check_file(filled_db) is None  # structure fine: the start is not delayed
    with pytest.raises(health.DamagedFile) as found:
        backup.backup_on_start(filled_db)
    assert found.value.finding.code == "damaged" and found.value.finding.can_restore
    assert backup.list_backups(filled_db) == []
    assert not list((filled_db.parent / "backups").glob("*.part"))


def test_a_file_checked_by_the_window_is_not_read_again_by_open_but_a_change_is(filled_db, monkeypatch):
    assert health.check_file(filled_db) is None
    calls = []
    real = health._check_content
    monkeypatch.setattr(health, "_check_content", lambda *a, **kw: calls.append(a) or real(*a, **kw))
    Registry.open(filled_db).close()
    assert calls == []  # unchanged since the check a moment ago
    _damage_pages(filled_db)
    with pytest.raises(health.DamagedFile):
        Registry.open(filled_db)
