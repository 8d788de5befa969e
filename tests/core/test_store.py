"""The data file itself: pragmas, migrations from an older schema, refusal of foreign files."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from fazhi_desktop.core import schema
from fazhi_desktop.core.errors import DatabaseProblem
from fazhi_desktop.core.registry import Registry
from fazhi_desktop.core.store import Store


def test_new_file_is_wal_full_sync_foreign_keys_latest_version(db_path):
    with Store.open(db_path) as store:
        conn = store.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert store.version == schema.LATEST_VERSION
        assert {"proposal", "suggestion", "mediation", "petition", "profile", "audit"} <= set(
            store.db.table_names())


def _make_version_1_file(path):
    conn = sqlite3.connect(path)
    conn.executescript(schema.MIGRATIONS[0][1])
    data = {"session": "区政协六届一次会议", "number": 3, "title": "关于加强社区矫正的提案",
            "authors": ["赵一"]}
    conn.execute(
        "INSERT INTO proposal(id, session, number, title, authors, data, created_at, updated_at) "
        "VALUES ('a3c1d0e4-0000-4000-8000-000000000001', '区政协六届一次会议', 3, "
        "'关于加强社区矫正的提案', '赵一', ?, '2022-01-01T00:00:00+08:00', "
        "'2022-01-01T00:00:00+08:00')", (json.dumps(data, ensure_ascii=False),))
    conn.execute("PRAGMA user_version=1")
    conn.commit()
    conn.close()


def test_migration_from_version_1_backs_up_first_and_keeps_records(tmp_path):
    path = tmp_path / "old.sqlite3"
    _make_version_1_file(path)
    with Registry.open(path) as registry:
        assert registry.store.version == schema.LATEST_VERSION
        assert [r["title"] for r in registry.dump("proposal")] == ["关于加强社区矫正的提案"]
        # the search index was built for records that existed before the migration
        from fazhi_desktop.core.queries import TableQuery, seqs
        assert len(seqs(registry.store.conn, TableQuery("proposal", search="矫正"))) == 1
    from fazhi_desktop.core.backup import list_backups
    backups = [b for b in list_backups(path) if b.reason == "migration"]
    assert len(backups) == 1
    copy = sqlite3.connect(backups[0].path)
    assert copy.execute("PRAGMA user_version").fetchone()[0] == 1
    assert copy.execute("SELECT count(*) FROM proposal").fetchone()[0] == 1


def test_file_from_a_newer_version_is_refused_untouched(tmp_path):
    path = tmp_path / "new.sqlite3"
    Store.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version={schema.LATEST_VERSION + 1}")
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    before = hashlib.sha256(path.read_bytes()).hexdigest()
    with pytest.raises(DatabaseProblem) as info:
        Store.open(path)
    assert "更新版本" in str(info.value)
    assert hashlib.sha256(path.read_bytes()).hexdigest() == before


def test_a_word_document_renamed_is_refused_untouched(tmp_path):
    path = tmp_path / "fake.sqlite3"
    path.write_bytes(b"PK\x03\x04 this is a docx" * 10)
    with pytest.raises(DatabaseProblem) as info:
        Store.open(path)
    assert "不是法治办公助手的数据文件" in str(info.value)
    assert path.read_bytes() == b"PK\x03\x04 this is a docx" * 10


def test_failed_write_rolls_back_everything(db_path):
    with Store.open(db_path) as store:
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.conn.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
                raise RuntimeError("boom")
        assert store.get_setting("a") is None


def test_a_write_from_another_thread_waits_for_the_open_transaction(db_path):
    """The GUI thread saving while a background import holds its transaction must not slip into
    it: when the import is rolled back, the other thread's save stays."""
    import threading

    with Store.open(db_path) as store:
        started, other_done = threading.Event(), threading.Event()

        def other_thread():
            started.wait()
            with store.transaction():
                store.conn.execute("INSERT INTO settings(key, value) VALUES ('saved', '1')")
            other_done.set()

        worker = threading.Thread(target=other_thread)
        worker.start()
        with pytest.raises(RuntimeError):
            with store.transaction():
                store.conn.execute("INSERT INTO settings(key, value) VALUES ('import', '1')")
                started.set()
                assert not other_done.wait(0.3)  # it waits for this transaction to end
                raise RuntimeError("import cancelled")
        worker.join(10)
        assert store.get_setting("import") is None
        assert store.get_setting("saved") == 1


def test_a_setting_and_the_profile_written_in_a_transaction_that_fails_are_not_kept(tmp_path):
    """Key/value writes join the caller's transaction: nothing commits it half-way (sqlite-utils
    3.x's upsert did, through `with conn:`, on the Python 3.9 build)."""
    import pytest

    from fazhi_desktop.core.registry import Registry

    with Registry.open(tmp_path / "d.sqlite3") as registry:
        registry.set_setting("output_dir", "/before")
        with pytest.raises(RuntimeError):
            with registry.transaction():
                registry.set_setting("output_dir", "/after")
                registry.set_profile({"authority": "平顶山市湛河区司法局"})
                raise RuntimeError("a later step failed")
        assert registry.setting("output_dir") == "/before"
        assert registry.stored_profile() is None
        registry.set_profile({"authority": "平顶山市湛河区司法局"})  # and the store still writes
        assert registry.stored_profile()["authority"] == "平顶山市湛河区司法局"
