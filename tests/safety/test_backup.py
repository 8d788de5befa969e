"""Backups: taken through SQLite's backup API (a live file's latest save included), verified,
rotated 7/4/12 without ever losing the newest, listed with counts, restored after a safety copy."""
from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from fazhi_desktop.core import backup, schema
from fazhi_desktop.core.lock import WriterLock
from fazhi_desktop.core.registry import Registry
from .conftest import proposal, run_cli, sha256


def _titles(path) -> list:
    conn = sqlite3.connect(f"{Path(path).as_uri()}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT title FROM proposal WHERE deleted_at IS NULL ORDER BY number")]
    finally:
        conn.close()


def test_a_backup_of_an_open_file_holds_the_last_save_and_passes_its_check(registry, db_path):
    registry.save("proposal", proposal(1, "刚刚保存的提案"))
    assert Path(str(db_path) + "-wal").stat().st_size > 0  # the save is still only in the log
    info = backup.backup_now(db_path, "manual")
    assert info.path.parent == db_path.parent / "backups"
    assert info.path.name.endswith("-手动.sqlite3")
    assert _titles(info.path) == ["刚刚保存的提案"]
    assert info.counts["proposal"] == 1 and info.reason == "manual"
    conn = sqlite3.connect(info.path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one self-contained file
    conn.close()
    assert not list(info.path.parent.glob("*.part"))


def test_backups_are_listed_newest_first_with_reason_size_and_counts(filled_db):
    first = backup.backup_now(filled_db, "daily")
    with Registry.open(filled_db) as registry:
        registry.save("proposal", proposal(9))
    second = backup.backup_now(filled_db, "import")
    listed = backup.list_backups(filled_db)
    assert [b.path for b in listed] == [second.path, first.path]
    assert [b.counts["proposal"] for b in listed] == [4, 3]
    assert [b.reason_label for b in listed] == ["导入前", "自动"]
    assert all(b.size > 0 for b in listed)
    assert "提案4条" in listed[0].describe()


def test_the_start_backup_is_taken_at_most_once_a_day(filled_db):
    assert backup.backup_on_start(filled_db) is not None
    assert backup.backup_on_start(filled_db) is None
    assert len(backup.list_backups(filled_db)) == 1


def test_upgrading_an_old_file_backs_it_up_first(tmp_path):
    db = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(db, isolation_level=None)
    version, sql, _ = schema.MIGRATIONS[0]
    conn.executescript(sql)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    old_hash = sha256(db)
    with Registry.open(db) as registry:
        assert registry.store.version == schema.LATEST_VERSION
    copies = backup.list_backups(db)
    assert [b.reason for b in copies] == ["migration"]
    conn = sqlite3.connect(copies[0].path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == version
    conn.close()
    assert old_hash != sha256(db)


def test_a_chosen_folder_is_used_and_an_unplugged_one_falls_back_with_a_warning(filled_db, tmp_path):
    stick = tmp_path / "U盘" / "备份"
    with Registry.open(filled_db) as registry:
        registry.set_setting(backup.SETTING_BACKUP_DIR, str(stick))
    info = backup.backup_now(filled_db, "manual")
    assert info.path.parent == stick and info.warnings == []
    with Registry.open(filled_db) as registry:
        registry.set_setting(backup.SETTING_BACKUP_DIR, "/proc/没有这个U盘")
    info = backup.backup_now(filled_db, "manual")
    assert info.path.parent == filled_db.parent / "backups"
    assert "暂时无法写入" in info.warnings[0] and "没有这个U盘" in info.warnings[0]


def _info(when: str) -> backup.BackupInfo:
    created = dt.datetime.fromisoformat(when)
    return backup.BackupInfo(path=Path(f"x-{created:%Y%m%d-%H%M%S}-自动.sqlite3"), created=created,
                             reason="daily", size=1)


def test_rotation_keeps_7_daily_4_weekly_12_monthly_and_the_newest():
    now = dt.datetime(2026, 11, 23, 9, 0)
    daily_for_two_years = [_info((now - dt.timedelta(days=d)).isoformat()) for d in range(1, 730)]
    doomed = {b.created for b in backup.backups_to_delete(daily_for_two_years, now=now)}
    kept = sorted((b.created for b in daily_for_two_years if b.created not in doomed), reverse=True)
    assert len(kept) == 7 + 4 + 12
    assert kept[:7] == [now - dt.timedelta(days=d) for d in range(1, 8)]
    older_weeks = {k.isocalendar()[:2] for k in kept[7:]}
    assert {(2026, 46), (2026, 45), (2026, 44), (2026, 43)} <= older_weeks  # the 4 weeks before
    months = {(k.year, k.month) for k in kept}
    assert len(months) == 13  # this month and 12 before it
    assert 330 < (now - kept[-1]).days < 400  # about a year back, nothing older
    # a single very old backup is never deleted: it is the newest there is
    lonely = [_info("2019-01-01T08:00:00")]
    assert backup.backups_to_delete(lonely, now=now) == []
    # several backups today (e.g. before each import) all stay for a day
    today = [_info(f"2026-11-23T0{h}:00:00") for h in range(1, 8)]
    assert backup.backups_to_delete(today, now=now) == []


def test_rotation_deletes_real_files_but_never_the_new_one(filled_db):
    info = backup.backup_now(filled_db, "daily")
    folder = info.path.parent
    for days in range(2, 60):
        stamp = dt.datetime.now() - dt.timedelta(days=days)
        (folder / f"office-{stamp:%Y%m%d-%H%M%S}-自动.sqlite3").write_bytes(info.path.read_bytes())
    (folder / "别的文件.txt").write_text("不是备份", "utf-8")
    newest = backup.backup_now(filled_db, "manual")
    names = [b.path.name for b in backup.list_backups(filled_db, with_counts=False)]
    assert newest.path.name in names and info.path.name in names
    assert len(names) <= 1 + 7 + 4 + 12 + 1
    assert (folder / "别的文件.txt").exists()


def test_restore_brings_back_the_backup_after_backing_up_the_current_file(filled_db):
    taken = backup.backup_now(filled_db, "manual")
    with Registry.open(filled_db) as registry:
        registry.save("proposal", proposal(4, "备份之后新增的提案"))
    result = backup.restore_backup(filled_db, taken.path)
    assert _titles(filled_db) == ["第1号提案", "第2号提案", "第3号提案"]
    assert "备份之后新增的提案" in _titles(result["before_backup"])
    assert result["damaged_kept"] is None
    with Registry.open(filled_db) as registry:
        assert registry.setting(backup.INFO_KEY) is None  # the backup's note stays in the backup
        assert registry.store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_restore_while_a_window_has_the_file_open_reaches_that_window(filled_db):
    """The GUI restores in-process: its open connection sees the restored content."""
    taken = backup.backup_now(filled_db, "manual")
    with Registry.open(filled_db) as registry:
        registry.save("proposal", proposal(4))
        backup.restore_backup(filled_db, taken.path)
        assert registry.count("proposal") == 3


def test_a_damaged_backup_is_refused_and_the_data_file_is_untouched(filled_db, tmp_path):
    bad = tmp_path / "bad-backup.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 50)
    before = sha256(filled_db)
    with pytest.raises(backup.BackupProblem, match="不能用"):
        backup.restore_backup(filled_db, bad)
    assert sha256(filled_db) == before


def test_cli_backup_out_restore_and_listing(filled_db, tmp_path):
    out = tmp_path / "给U盘的备份.sqlite3"
    result = run_cli("--db", filled_db, "backup", "--out", out)
    assert result.returncode == 0, result.stderr
    assert "已备份到" in result.stdout and _titles(out) == ["第1号提案", "第2号提案", "第3号提案"]
    with Registry.open(filled_db) as registry:
        registry.delete("proposal", registry.dump("proposal")[0]["id"])
    result = run_cli("--db", filled_db, "restore", out)
    assert result.returncode == 0, result.stderr
    assert "已从" in result.stdout and "恢复前的数据已备份到" in result.stdout
    assert len(_titles(filled_db)) == 3
    listing = run_cli("--db", filled_db, "backups")
    assert listing.returncode == 0 and "恢复前" in listing.stdout


def test_cli_restore_is_refused_while_a_window_has_the_file(filled_db, tmp_path):
    out = backup.backup_now(filled_db, "manual").path
    before = sha256(filled_db)
    with WriterLock(filled_db):
        result = run_cli("--db", filled_db, "restore", out)
    assert result.returncode == 1
    assert "已在另一个法治办公助手窗口中打开" in result.stderr
    assert sha256(filled_db) == before


def test_cli_restore_of_a_damaged_file_keeps_it_renamed(filled_db):
    out = backup.backup_now(filled_db, "manual").path
    filled_db.write_bytes(filled_db.read_bytes()[:5000])
    damaged = sha256(filled_db)
    result = run_cli("--db", filled_db, "restore", out)
    assert result.returncode == 0, result.stderr
    kept = [p for p in filled_db.parent.iterdir() if ".损坏-" in p.name]
    assert len(kept) == 1 and sha256(kept[0]) == damaged
    assert "损坏的数据文件已改名保留为" in result.stdout
    assert run_cli("--db", filled_db, "check").returncode == 0


def test_restoring_an_old_backup_does_not_rotate_it_away_first(filled_db):
    taken = backup.backup_now(filled_db, "daily")
    folder = taken.path.parent
    for days in range(1, 41):
        stamp = dt.datetime.now() - dt.timedelta(days=days)
        (folder / f"office-{stamp:%Y%m%d-%H%M%S}-自动.sqlite3").write_bytes(taken.path.read_bytes())
    oldest = backup.list_backups(filled_db, with_counts=False)[-1].path
    assert oldest in [b.path for b in backup.list_backups(filled_db)]
    assert oldest in [b.path for b in backup.backups_to_delete(
        backup.list_backups(filled_db, with_counts=False) + [taken], now=dt.datetime.now()
        + dt.timedelta(days=1))]  # a rotation now would have removed it
    backup.restore_backup(filled_db, oldest)
    assert oldest.exists()
    assert _titles(filled_db) == ["第1号提案", "第2号提案", "第3号提案"]


def test_two_computers_sharing_one_backup_folder_never_rotate_or_restore_each_others_copies(
        tmp_path, monkeypatch):
    """Two clerks, both with fazhi.sqlite3, both backing up to \\\\server\\备份."""
    from fazhi_desktop.core import health

    share = tmp_path / "共享备份"
    files = {}
    for pc, number in (("PC-调解", 1), ("PC-提案", 2)):
        db = tmp_path / pc / "fazhi.sqlite3"
        with Registry.open(db) as registry:
            registry.save("proposal", proposal(number, f"{pc}的提案"))
            registry.set_setting(backup.SETTING_BACKUP_DIR, str(share))
        files[pc] = db
    monkeypatch.setattr(backup.socket, "gethostname", lambda: "PC-调解")
    first = backup.backup_now(files["PC-调解"], "daily")
    for days in range(1, 41):  # PC-调解's older copies
        stamp = dt.datetime.now() - dt.timedelta(days=days)
        (share / f"fazhi-{stamp:%Y%m%d-%H%M%S}-自动.sqlite3").write_bytes(first.path.read_bytes())
    monkeypatch.setattr(backup.socket, "gethostname", lambda: "PC-提案")
    theirs = {b.path for b in backup.list_backups(files["PC-调解"])}
    backup.backup_now(files["PC-提案"], "daily")
    assert theirs <= {b.path for b in backup.list_backups(files["PC-调解"])}  # nothing of theirs deleted
    files["PC-提案"].write_bytes(b"\0" * 4096)  # PC-提案's file is destroyed
    monkeypatch.setattr(backup.socket, "gethostname", lambda: "PC-调解")
    backup.backup_now(files["PC-调解"], "manual", rotate=False)  # the newest copy is the other PC's
    monkeypatch.setattr(backup.socket, "gethostname", lambda: "PC-提案")
    health.restore_newest_good_backup(files["PC-提案"])
    assert _titles(files["PC-提案"]) == ["PC-提案的提案"]
    assert "来自计算机“PC-调解”" in backup.list_backups(files["PC-调解"])[0].describe()
