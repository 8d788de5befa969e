"""Issue 14.6: commands that only read never create or change a file.

A mistyped path is said to be missing (exit 1) and nothing appears on the disk; on an existing
file the bytes and the folder's listing stay exactly as they were (no upgrade, no checkpoint, no
-wal/-shm left behind); an old-version file is refused instead of upgraded; `check` does not
call an empty database 完好."""
from __future__ import annotations

import hashlib
import sqlite3
import subprocess
import sys
import os
from pathlib import Path

import pytest

from fazhi_desktop.core import schema
from fazhi_desktop.core.registry import Registry

READERS = {
    "dump": ["dump", "proposal"],
    "stats": ["stats", "--year", "2026"],
    "stats --json": ["stats", "--year", "2026", "--json"],
    "export": ["export", "proposal", "--out", "{out}"],
    "check": ["check"],
    "backups": ["backups"],
    "profile show": ["profile", "show"],
    "import --dry-run": ["import", "proposal", "{workbook}", "--dry-run"],
}


def run(*args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def listing(folder: Path) -> dict:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def args_for(name, tmp_path, workbook=None):
    return [a.format(out=tmp_path / "out" / "台账.xlsx", workbook=workbook) for a in READERS[name]]


@pytest.fixture
def closed_db(tmp_path, seed_proposal, seed_profile):
    folder = tmp_path / "data"
    folder.mkdir()
    db = folder / "office.sqlite3"
    with Registry.open(db) as registry:
        registry.save("proposal", seed_proposal)
        registry.set_profile(seed_profile)
    (tmp_path / "out").mkdir()
    return db


@pytest.fixture
def workbook(tmp_path):
    path = tmp_path / "模板.xlsx"
    assert run("--db", tmp_path / "scratch.sqlite3", "template", "proposal",
               "--out", path).returncode == 0
    return path


@pytest.mark.parametrize("name", [n for n in READERS if n != "import --dry-run"])
def test_a_missing_data_file_is_said_to_be_missing_and_nothing_is_created(tmp_path, name):
    missing = tmp_path / "错的文件夹" / "office.sqlite3"
    (tmp_path / "out").mkdir()
    result = run("--db", missing, *args_for(name, tmp_path))
    assert result.returncode == 1, result.stdout
    assert "不存在" in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert not missing.parent.exists()
    assert listing(tmp_path / "out") == {}


@pytest.mark.parametrize("name", sorted(READERS))
def test_reading_leaves_the_file_and_its_folder_byte_for_byte(closed_db, tmp_path, workbook, name):
    before = listing(closed_db.parent)
    result = run("--db", closed_db, *args_for(name, tmp_path, workbook))
    assert result.returncode in (0, 2), result.stderr  # dry-run of a blank template: 0
    assert "Traceback" not in result.stderr
    assert listing(closed_db.parent) == before


def test_reading_a_file_a_window_has_open_sees_its_saves_and_changes_nothing(closed_db, seed_proposal):
    with Registry.open(closed_db) as window:
        window.save("proposal", dict(seed_proposal, number=99, title="窗口里刚保存的提案"))
        # -shm is SQLite's shared memory (readers mark their place in it): not data
        files = {p.name: p.read_bytes() for p in closed_db.parent.iterdir() if p.suffix != ".sqlite3-shm"}
        result = run("--db", closed_db, "dump", "proposal")
        assert result.returncode == 0 and "窗口里刚保存的提案" in result.stdout
        assert {p.name: p.read_bytes() for p in closed_db.parent.iterdir()
                if p.suffix != ".sqlite3-shm"} == files


def _old_file(path: Path) -> Path:
    conn = sqlite3.connect(path, isolation_level=None)
    version, sql, _ = schema.MIGRATIONS[0]
    conn.executescript(sql)
    conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    return path


@pytest.mark.parametrize("name", ["dump", "stats", "export", "profile show"])
def test_an_old_file_is_refused_not_upgraded(tmp_path, name):
    (tmp_path / "out").mkdir()
    db = _old_file(tmp_path / "old.sqlite3")
    before = listing(tmp_path)
    result = run("--db", db, *args_for(name, tmp_path))
    assert result.returncode == 1
    assert "旧版本" in result.stderr and "Traceback" not in result.stderr
    assert listing(tmp_path) == before  # no backup made, no upgrade


def _empty_database(path: Path) -> Path:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t(x)")
    conn.execute("DROP TABLE t")
    conn.commit()
    conn.close()
    return path


@pytest.mark.parametrize("make", ["empty database", "zero bytes"])
def test_check_does_not_call_an_empty_file_healthy(tmp_path, make):
    db = tmp_path / "office.sqlite3"
    if make == "zero bytes":
        db.write_bytes(b"")
    else:
        _empty_database(db)
    before = listing(tmp_path)
    result = run("--db", db, "check")
    assert result.returncode == 1
    assert "数据文件完好" not in result.stdout and "空" in result.stdout
    assert listing(tmp_path) == before
    for name in ("dump", "stats", "profile show"):
        result = run("--db", db, *READERS[name])
        assert result.returncode == 1 and "空" in result.stderr, (name, result.stderr)
    assert listing(tmp_path) == before


def _left_by_a_crash(tmp_path, seed_proposal) -> Path:
    """A data file and its log as a killed program leaves them (the last save only in -wal)."""
    import shutil

    live = tmp_path / "live"
    live.mkdir()
    registry = Registry.open(live / "office.sqlite3")
    registry.store.conn.execute("PRAGMA wal_autocheckpoint=0")
    registry.save("proposal", dict(seed_proposal, title="只在日志里的提案"))
    crashed = tmp_path / "crashed"
    crashed.mkdir()
    for name in ("office.sqlite3", "office.sqlite3-wal"):
        shutil.copy(live / name, crashed / name)
    registry.close()
    return crashed / "office.sqlite3"


@pytest.mark.parametrize("name", ["dump", "stats", "export", "check", "profile show"])
def test_reading_a_file_left_by_a_crash_does_not_checkpoint_it(tmp_path, seed_proposal, name):
    """Before: opening checkpointed the log into the file and deleted it (the bytes changed).
    SQLite may add its shared-memory index (-shm) to read the log; it holds no data."""
    db = _left_by_a_crash(tmp_path, seed_proposal)
    (tmp_path / "out").mkdir()
    before = listing(db.parent)
    result = run("--db", db, *args_for(name, tmp_path))
    assert result.returncode == 0, result.stderr
    if name == "dump":
        assert "只在日志里的提案" in result.stdout
    after = {k: v for k, v in listing(db.parent).items() if not k.endswith("-shm")}
    assert after == before


@pytest.mark.parametrize("name", ["dump", "stats", "check", "backups", "profile show"])
def test_without_db_a_reader_does_not_create_the_default_folder(tmp_path, name):
    home = tmp_path / "home"
    env = dict(os.environ, PYTHONIOENCODING="utf-8", HOME=str(home), XDG_DATA_HOME="", FAZHI_DB="")
    result = subprocess.run([sys.executable, "-m", "fazhi_desktop", *READERS[name]],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)
    assert result.returncode == 1 and "不存在" in result.stdout + result.stderr
    assert not home.exists()


def test_a_writer_that_checkpoints_during_an_unlocked_read_makes_the_read_say_so(closed_db,
                                                                               seed_proposal):
    from fazhi_desktop.core.access import ChangedWhileReading, open_for_reading

    reader = open_for_reading(closed_db)  # a closed file: read immutable, without locks
    assert reader.count("proposal") == 1
    with Registry.open(closed_db) as writer:  # another program saves and, closing, checkpoints
        writer.save("proposal", dict(seed_proposal, number=77))
    with pytest.raises(ChangedWhileReading, match="请重新运行此命令"):
        reader.close()
    quiet = open_for_reading(closed_db)
    assert quiet.count("proposal") == 2
    quiet.close()  # nothing happened meanwhile: no complaint
