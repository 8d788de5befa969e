"""Threads and the store: each thread reads the last COMMIT only, a failed COMMIT leaves the store
usable, the register cache never outlives a rollback, and two clerks never get one number."""
from __future__ import annotations

import gc
import sqlite3
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from fazhi_desktop.core import numbering, queries, schema
from fazhi_desktop.core.errors import ValidationError
from fazhi_desktop.core.registry import Registry
from fazhi_desktop.core.store import split_statements

REPO = Path(__file__).resolve().parents[2]


def _item(number: int, title: str = "关于加强社区矫正的提案") -> dict:
    return {"session": "区政协六届一次会议", "number": number, "title": title,
            "authors": ["赵一"], "assigned_date": "2022-03-01"}


def test_a_read_on_another_thread_never_sees_a_cancelled_imports_rows(registry):
    """The GUI thread reads while a background import is half-way; the import is then
    cancelled: the GUI thread never saw its rows, before or after."""
    registry.save("proposal", _item(1))
    half_way, go_on = threading.Event(), threading.Event()
    outcome = {}

    def cancelled() -> bool:  # asked before each item: after the 3rd, pause, then cancel
        if registry.count("proposal") == 4:  # this thread sees its own 3 new rows
            half_way.set()
            go_on.wait(10)
            return True
        return False

    def import_in_background():
        try:
            registry.add_many("proposal", [_item(n) for n in range(2, 7)], cancelled=cancelled)
        except InterruptedError as exc:
            outcome["cancelled"] = str(exc)

    worker = threading.Thread(target=import_in_background)
    worker.start()
    try:
        assert half_way.wait(10)
        query = queries.TableQuery("proposal", order_by="number", descending=False)
        assert registry.count("proposal") == 1
        assert len(registry.table_seqs(query)) == 1
        assert [r["number"] for r in registry.dump("proposal")] == [1]
        # ...and the GUI thread may save meanwhile: it waits for the import to end, not joins it
    finally:
        go_on.set()
        worker.join(10)
    assert outcome["cancelled"].startswith("已取消")
    assert registry.count("proposal") == 1
    assert len(registry.table_seqs(query)) == 1


def test_a_save_during_a_background_transaction_waits_for_it_and_survives_its_rollback(registry):
    inside, release = threading.Event(), threading.Event()

    def doomed_import():
        with pytest.raises(RuntimeError):
            with registry.transaction():
                registry.save("proposal", _item(2))
                inside.set()
                release.wait(10)
                raise RuntimeError("cancelled")

    worker = threading.Thread(target=doomed_import)
    worker.start()
    assert inside.wait(10)
    saver = threading.Thread(target=lambda: registry.save("proposal", _item(1)))
    saver.start()
    release.set()
    worker.join(10)
    saver.join(10)
    assert [r["number"] for r in registry.dump("proposal")] == [1]


def test_register_cache_does_not_keep_rows_a_rollback_undid(registry):
    """A search narrows the cached list of the register's rows. A deletion that is rolled back
    must not leave that list without the record (total_changes, the old key, kept it)."""
    stored = registry.save("proposal", _item(1))
    query = queries.TableQuery("proposal", search="矫正")
    assert len(registry.table_seqs(query)) == 1
    with pytest.raises(RuntimeError):
        with registry.transaction():
            registry.delete("proposal", stored["id"])
            assert registry.table_seqs(query) == []  # its own write, not yet committed
            raise RuntimeError("abandon")
    assert len(registry.table_seqs(query)) == 1
    registry.delete("proposal", stored["id"])
    assert registry.table_seqs(query) == []  # and a COMMIT is seen at once


def test_register_cache_sees_a_commit_of_another_thread(registry):
    query = queries.TableQuery("proposal")
    assert registry.table_seqs(query) == []
    worker = threading.Thread(target=lambda: registry.save("proposal", _item(1)))
    worker.start()
    worker.join(10)
    assert len(registry.table_seqs(query)) == 1


def _deferred_check(registry) -> None:
    """A constraint SQLite checks only at COMMIT: a way to make a real COMMIT fail."""
    registry.store.conn.execute("CREATE TABLE t_parent(id INTEGER PRIMARY KEY)")
    registry.store.conn.execute(
        "CREATE TABLE t_child(pid INTEGER REFERENCES t_parent(id) DEFERRABLE INITIALLY DEFERRED)")


def test_a_failed_commit_rolls_back_and_leaves_the_store_usable(registry):
    _deferred_check(registry)
    store = registry.store
    with pytest.raises(sqlite3.IntegrityError):
        with registry.transaction():
            registry.save("proposal", _item(1))
            store.conn.execute("INSERT INTO t_child VALUES (99)")  # fails at COMMIT
    assert store._depth == 0
    assert not store.conn.in_transaction
    assert registry.count("proposal") == 0  # nothing half-written
    # the next writes, on this thread and on another, work
    registry.save("proposal", _item(1))
    worker = threading.Thread(target=lambda: registry.save("proposal", _item(2)))
    worker.start()
    worker.join(10)
    assert [r["number"] for r in registry.dump("proposal")] == [1, 2]


def test_a_disk_full_at_commit_leaves_the_store_usable(registry, monkeypatch):
    """SQLite may roll back by itself on SQLITE_FULL; the store must then not ROLLBACK again
    (an error) nor stay counted inside a transaction."""
    store = registry.store
    real_execute = sqlite3.Connection.execute

    class Full(type(store.conn)):
        def execute(self, sql, *args):
            if sql == "COMMIT":
                real_execute(self, "ROLLBACK")
                raise sqlite3.OperationalError("database or disk is full")
            return real_execute(self, sql, *args)

    store.conn.__class__ = Full
    with pytest.raises(sqlite3.OperationalError):
        registry.save("proposal", _item(1))
    assert store._depth == 0 and not store.conn.in_transaction
    store.conn.__class__ = Full.__mro__[1]
    registry.save("proposal", _item(1))
    assert registry.count("proposal") == 1


def test_connections_of_ended_threads_are_closed(registry):
    def read():
        registry.count("proposal")

    for _ in range(5):
        worker = threading.Thread(target=read)
        worker.start()
        worker.join(10)
    gc.collect()
    assert registry.store.connection_count() == 1  # the test's own thread


def test_close_closes_every_threads_connection(db_path):
    reg = Registry.open(db_path)
    kept = []
    worker = threading.Thread(target=lambda: kept.append(reg.store.conn))
    worker.start()
    worker.join(10)
    reg.close()
    with pytest.raises(sqlite3.ProgrammingError):
        kept[0].execute("SELECT 1")


# ----------------------------------------------------------------------------- numbers
def test_two_threads_recording_the_same_typed_number_do_not_both_get_it(registry, monkeypatch):
    """Each checks that the number is free, then records it: a window between the two used to
    let both pass the check and both be told the number was theirs."""
    check = numbering.check_doc_number
    both_checking = threading.Barrier(2, timeout=2)

    def slow_check(*args, **kw):
        problems = check(*args, **kw)
        try:
            both_checking.wait()  # old code: both are here at once; new code: never (times out)
        except threading.BrokenBarrierError:
            pass
        return problems

    monkeypatch.setattr(numbering, "check_doc_number", slow_check)
    results = {}

    def take(record_id):
        try:
            numbering.record_doc_number(registry, "平湛司〔2022〕5号", kind="proposal",
                                        record_id=record_id)
            results[record_id] = "ok"
        except ValidationError as exc:
            results[record_id] = str(exc)

    workers = [threading.Thread(target=take, args=(rid,)) for rid in ("a", "b")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(20)
    assert sorted(results.values())[0] == "ok"
    assert "已被另一份文件使用" in sorted(results.values())[1]
    holders = registry.read("SELECT record_id FROM doc_number").fetchall()
    assert len(holders) == 1


def test_threads_reserving_numbers_never_get_the_same_one(registry):
    got = []

    def take():
        for _ in range(15):
            got.append(numbering.reserve_doc_number(registry, "平湛司", 2022, kind="proposal"))

    workers = [threading.Thread(target=take) for _ in range(3)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(30)
    assert len(got) == 45 and len(set(got)) == 45


_RESERVE = """
import sys
from fazhi_desktop.core.registry import Registry
from fazhi_desktop.core import numbering
with Registry.open(sys.argv[1]) as reg:
    for _ in range(10):
        print(numbering.reserve_doc_number(reg, "平湛司", 2023), flush=True)
"""


def test_two_processes_reserving_numbers_never_get_the_same_one(registry):
    env = {"PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8", "FAZHI_NO_USER_DIRS": "1"}
    runs = [subprocess.Popen([sys.executable, "-c", _RESERVE, str(registry.path)], env=env,
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE) for _ in range(2)]
    numbers = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode == 0, err.decode("utf-8", "replace")
        numbers += out.decode("utf-8").split()
    assert len(numbers) == 20 and len(set(numbers)) == 20


# ----------------------------------------------------------------------------- the store
def test_statement_splitter_keeps_semicolons_inside_strings_comments_and_triggers():
    script = """
    CREATE TABLE a (x TEXT DEFAULT ';');  -- a comment; with a semicolon
    CREATE TRIGGER a_t AFTER INSERT ON a BEGIN
        UPDATE a SET x = 'y;z' WHERE rowid = new.rowid;
    END;
    INSERT INTO a(x) VALUES ('1;2'); INSERT INTO a(x) VALUES ('3')
    """
    statements = split_statements(script)
    assert len(statements) == 4
    assert "CREATE TRIGGER" in statements[1] and statements[1].endswith("END;")
    conn = sqlite3.connect(":memory:")
    for statement in statements:
        conn.execute(statement)
    assert [r[0] for r in conn.execute("SELECT x FROM a ORDER BY rowid")] == ["y;z", "y;z"]
    with pytest.raises(ValueError):
        split_statements("CREATE TABLE b (x TEXT DEFAULT 'unclosed);")


def test_every_released_schema_step_splits_into_whole_statements():
    for _, sql, _ in schema.MIGRATIONS:
        for statement in split_statements(sql):
            assert sqlite3.complete_statement(statement)


def _make_version_6_backup(path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    for target, sql, _ in schema.MIGRATIONS:
        if target > 6:
            break
        for statement in split_statements(sql):
            conn.execute(statement)  # steps 2-3's Python parts have no rows to index here
    conn.execute(
        "INSERT INTO proposal(id, session, number, title, authors, data, created_at, updated_at) "
        "VALUES ('a3c1d0e4-0000-4000-8000-000000000009', '区政协六届一次会议', 9, "
        "'关于备份的提案', '赵一', '{\"session\": \"区政协六届一次会议\", \"number\": 9, "
        "\"title\": \"关于备份的提案\", \"authors\": [\"赵一\"]}', "
        "'2022-01-01T00:00:00+08:00', '2022-01-01T00:00:00+08:00')")
    conn.execute("PRAGMA user_version=6")
    conn.close()


class _Worker:
    """A long-lived thread (as a pool thread is) that runs what it is handed."""

    def __init__(self):
        import queue

        self._jobs = queue.Queue()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def _loop(self):
        while True:
            job, done = self._jobs.get()
            if job is None:
                return
            try:
                done.append(job())
            except BaseException as exc:  # handed back to the test
                done.append(exc)

    def run(self, job):
        done = []
        self._jobs.put((job, done))
        while not done:
            threading.Event().wait(0.01)
        return done[0]

    def stop(self):
        self._jobs.put((None, None))
        self._thread.join(10)


def test_restoring_an_older_backup_reopens_and_migrates_the_open_store(registry, tmp_path):
    from fazhi_desktop.core.backup import restore_backup

    worker = _Worker()
    try:
        registry.save("proposal", _item(1))
        assert worker.run(lambda: registry.count("proposal")) == 1  # it holds a connection now
        old = tmp_path / "backups" / "old.sqlite3"
        old.parent.mkdir()
        _make_version_6_backup(old)
        restore_backup(registry.path, old)
        registry.reopen()
        assert registry.store.version == schema.LATEST_VERSION
        assert [r["number"] for r in registry.dump("proposal")] == [9]
        # step 7 is in place: the audit trail takes a note, which version 6 refused
        registry.note("notice", kind="proposal", detail={"text": "已从备份恢复"})
        # the worker's connection from before the restore is replaced on its next use
        saved = worker.run(lambda: registry.save("proposal", _item(2)))
        assert not isinstance(saved, BaseException), saved
        assert sorted(r["number"] for r in registry.dump("proposal")) == [2, 9]
        assert registry.store.connection_count() == 2
    finally:
        worker.stop()


def test_a_store_nobody_closed_does_not_stay_alive(db_path):
    """Its connections are closed when it is dropped (the per-thread bookkeeping keeps no
    reference to it)."""
    import weakref

    reg = Registry.open(db_path)
    conn = reg.store.conn
    ref = weakref.ref(reg.store)
    del reg
    gc.collect()
    assert ref() is None
    with pytest.raises(sqlite3.ProgrammingError):
        conn.execute("SELECT 1")


def test_the_facades_read_runs_selects_only(registry):
    registry.save("proposal", _item(1))
    assert registry.read("SELECT count(*) FROM proposal").fetchone()[0] == 1
    for sql in ("DELETE FROM proposal", "WITH x AS (SELECT 1) DELETE FROM proposal", ""):
        with pytest.raises(ValueError):
            registry.read(sql)
    assert registry.count("proposal") == 1


def test_close_lets_another_threads_transaction_finish_first(db_path):
    reg = Registry.open(db_path)
    inside, release = threading.Event(), threading.Event()

    def import_in_background():
        with reg.transaction():
            reg.save("proposal", _item(1))
            inside.set()
            release.wait(10)
            reg.save("proposal", _item(2))

    worker = threading.Thread(target=import_in_background)
    worker.start()
    assert inside.wait(10)
    release.set()
    reg.close()  # holds until the import's COMMIT (closing first would roll it back)
    worker.join(10)
    with Registry.open(db_path) as again:
        assert again.count("proposal") == 2


_FILE_SIZE_LIMIT = """
import resource, signal, sqlite3, sys
from pathlib import Path
from fazhi_desktop.core.registry import Registry

path = Path(sys.argv[1])
reg = Registry.open(path)
reg.save("proposal", {"session": "s", "number": 1, "title": "t", "authors": ["a"]})
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail with EFBIG instead
largest = max(p.stat().st_size for p in path.parent.iterdir() if p.is_file())
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (largest + 8192, hard))
reached_commit = False
try:
    with reg.transaction():
        for i in range(2, 40):  # ~40 KB: stays in the page cache until COMMIT writes the WAL
            reg.save("proposal", {"session": "s", "number": i, "title": "关于" * 200,
                                  "authors": ["a"]})
        reached_commit = True
    print("committed")
except sqlite3.Error as exc:
    print("refused at", "COMMIT" if reached_commit else "a statement")
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
print(reg.store._depth, reg.store.conn.in_transaction, reg.count("proposal"))
reg.save("proposal", {"session": "s", "number": 99, "title": "t", "authors": ["a"]})
print(reg.count("proposal"))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="RLIMIT_FSIZE, SIGXFSZ")
def test_a_commit_that_cannot_write_leaves_the_store_usable(tmp_path):
    """A real failing COMMIT: the process may not grow a file (as on a full disk), so writing
    the transaction to the WAL fails at COMMIT. (SQLite rolls back by itself here; the deferred
    constraint above is the case where the transaction stays open.)"""
    env = {"PYTHONPATH": str(REPO), "PYTHONIOENCODING": "utf-8", "FAZHI_NO_USER_DIRS": "1"}
    run = subprocess.run([sys.executable, "-c", _FILE_SIZE_LIMIT, str(tmp_path / "f.sqlite3")],
                         env=env, capture_output=True, timeout=120)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")
    assert run.stdout.decode("utf-8").split("\n")[:3] == ["refused at COMMIT", "0 False 1", "2"]
