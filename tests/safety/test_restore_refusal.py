"""Issue 14.2: a restore takes only this app's backups or data files. An empty file, an empty
database, another program's database, a text file, a folder or the data file itself is refused
in Chinese, and the data file keeps every byte."""
from __future__ import annotations

import sqlite3

import pytest

from fazhi_desktop.core import backup
from fazhi_desktop.core.registry import Registry
from .conftest import run_cli, sha256


def _empty_database(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()


def _foreign_database(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE contacts(name TEXT)")
    conn.execute("INSERT INTO contacts VALUES ('张三')")
    conn.commit()
    conn.close()


def _ours_without_a_table(path, filled_db):
    backup.copy_database(filled_db, path)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE audit")
    conn.commit()
    conn.close()


SOURCES = {
    "an empty file": (lambda p, db: p.write_bytes(b""), "空文件"),
    "an empty database": (lambda p, db: _empty_database(p), "空数据库"),
    "another program's database": (lambda p, db: _foreign_database(p), "不是法治办公助手的数据文件"),
    "our schema missing a table": (_ours_without_a_table, "不是法治办公助手的数据文件"),
    "a text file": (lambda p, db: p.write_text("这不是备份", "utf-8"), "不是法治办公助手的数据文件"),
}


@pytest.mark.parametrize("what", sorted(SOURCES))
def test_cli_restore_of_a_non_backup_is_refused_and_the_data_kept(filled_db, tmp_path, what):
    make, words = SOURCES[what]
    source = tmp_path / "office-20260101-080000-手动.sqlite3"
    make(source, filled_db)
    before = sha256(filled_db)
    result = run_cli("--db", filled_db, "restore", source)
    assert result.returncode == 1, result.stdout
    assert f"不能用“{source}”恢复" in result.stderr and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert sha256(filled_db) == before
    with Registry.open(filled_db) as registry:
        assert registry.count("proposal") == 3


def test_the_data_file_itself_and_a_folder_are_refused(filled_db, tmp_path):
    before = sha256(filled_db)
    for source, words in ((filled_db, "数据文件自身"), (tmp_path / "." / filled_db.name, "数据文件自身"),
                          (tmp_path, "文件夹")):
        with pytest.raises(backup.BackupProblem, match=words):
            backup.restore_backup(filled_db, source)
    assert sha256(filled_db) == before


def test_an_old_version_backup_is_still_restored(filled_db, tmp_path):
    from fazhi_desktop.core import schema

    old = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(old, isolation_level=None)
    version, sql, _ = schema.MIGRATIONS[0]
    conn.executescript(sql)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    result = run_cli("--db", filled_db, "restore", old)
    assert result.returncode == 0, result.stderr
    with Registry.open(filled_db) as registry:  # upgraded on the next writing open
        assert registry.store.version == schema.LATEST_VERSION and registry.count("proposal") == 0


@pytest.mark.parametrize("what", ["an empty file", "an empty database"])
def test_the_one_click_remedy_passes_over_an_empty_copy_to_the_good_one(filled_db, what):
    """An interrupted copy (empty) that is the newest 'backup' would empty the data; the start-up
    remedy takes the newest copy that holds data instead."""
    from fazhi_desktop.core import health

    good = backup.backup_now(filled_db, "daily").path
    import datetime as _dt

    later = _dt.datetime.now() + _dt.timedelta(minutes=5)
    empty = good.with_name(f"office-{later:%Y%m%d-%H%M%S}-手动.sqlite3")
    SOURCES[what][0](empty, filled_db)
    assert backup.list_backups(filled_db, with_counts=False)[0].path == empty  # newest
    filled_db.write_bytes(filled_db.read_bytes()[:5000])  # the data file is damaged
    result = health.restore_newest_good_backup(filled_db)
    assert result["backup"].path == good
    with Registry.open(filled_db) as registry:
        assert registry.count("proposal") == 3


def test_a_file_whose_name_only_looks_like_a_backup_does_not_break_the_list(filled_db):
    folder = backup.backup_now(filled_db, "manual").path.parent
    (folder / "office-20261399-999999-手动.sqlite3").write_bytes(b"")
    result = run_cli("--db", filled_db, "backups")
    assert result.returncode == 0 and "Traceback" not in result.stderr
    assert len(backup.list_backups(filled_db)) == 2
