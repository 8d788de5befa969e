"""Issue 14.3 and 14.7: one writer at a time, through real processes.

Every writing command takes the lock the window takes, waits for another command, gives up with
「另一程序正在写入，请稍后重试」; temporary names are unique per process; refused input costs no
backup."""
from __future__ import annotations

import json
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from fazhi_desktop.core import backup
from fazhi_desktop.core.registry import Registry
from .conftest import REPO, proposal, run_cli, sha256, write_json

posix_only = pytest.mark.skipif(sys.platform.startswith("win"), reason="uses SIGKILL")
BUSY = "另一程序正在写入，请稍后重试"


def _popen_cli(*args, wait: str = "60"):
    import os

    env = dict(os.environ, PYTHONIOENCODING="utf-8", FAZHI_LOCK_WAIT=wait)
    return subprocess.Popen([sys.executable, "-m", "fazhi_desktop", *map(str, args)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            encoding="utf-8", cwd=str(REPO), env=env)


def _hold_as_command(db_path: Path, seconds: float):
    """Another command holding the writer lock for `seconds` (then it exits)."""
    code = ("import sys, time\n"
            "from fazhi_desktop.core.lock import WriterLock\n"
            "held = WriterLock(sys.argv[1], role='command').acquire()\n"
            "print('locked', flush=True)\n"
            "time.sleep(float(sys.argv[2]))\n"
            "held.release()\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db_path), str(seconds)],
                            stdout=subprocess.PIPE, text=True, cwd=str(REPO))
    assert proc.stdout.readline().strip() == "locked"
    return proc


def _backup_files(db_path: Path) -> list:
    folder = backup.default_backup_dir(db_path)
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _numbers(db_path: Path) -> list:
    with Registry.open(db_path) as registry:
        return sorted(r["number"] for r in registry.dump("proposal"))


def test_twenty_pairs_of_simultaneous_adds_all_succeed(filled_db, tmp_path):
    """Both adds of a pair start together; each backs the file up first (it holds records), so
    before the fix they shared the backup's temporary name and one failed with a false message."""
    expected = [1, 2, 3]
    for pair in range(20):
        procs = []
        for side in range(2):
            number = 100 + pair * 2 + side
            items = write_json(tmp_path / f"p{pair}-{side}.json", [proposal(number)])
            procs.append((_popen_cli("--db", filled_db, "add", "proposal", items), number))
        for proc, number in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            assert "Traceback" not in err and len(out.split()) == 1
            expected.append(number)
    assert _numbers(filled_db) == sorted(expected)
    import_backups = [b for b in backup.list_backups(filled_db) if b.reason == "import"]
    assert len(import_backups) == 40
    assert not [p for p in backup.default_backup_dir(filled_db).iterdir() if p.suffix == ".part"]


def test_a_command_waits_for_another_command_then_writes(filled_db, tmp_path):
    holder = _hold_as_command(filled_db, 1.5)
    try:
        items = write_json(tmp_path / "a.json", [proposal(50)])
        result = run_cli("--db", filled_db, "add", "proposal", items, env={"FAZHI_LOCK_WAIT": "60"})
    finally:
        holder.wait(30)
        holder.stdout.close()
    assert result.returncode == 0, result.stderr
    assert _numbers(filled_db) == [1, 2, 3, 50]


@pytest.mark.parametrize("command", ["add", "import", "profile set", "restore"])
def test_every_writing_command_gives_up_in_chinese_when_the_lock_stays_taken(
        filled_db, tmp_path, seed_profile, command):
    items = write_json(tmp_path / "a.json", [proposal(60)])
    template = tmp_path / "模板.xlsx"
    assert run_cli("--db", filled_db, "template", "proposal", "--out", template).returncode == 0
    copy = backup.backup_now(filled_db, "manual").path
    args = {"add": ["add", "proposal", items],
            "import": ["import", "proposal", template],
            "profile set": ["profile", "set", write_json(tmp_path / "p.json", seed_profile)],
            "restore": ["restore", copy]}[command]
    before, backups_before = sha256(filled_db), _backup_files(filled_db)
    holder = _hold_as_command(filled_db, 30)
    try:
        result = run_cli("--db", filled_db, *args, env={"FAZHI_LOCK_WAIT": "0.5"})
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait()
        holder.stdout.close()
    assert result.returncode == 1, result.stderr
    assert result.stderr.startswith(BUSY) and "正由另一个程序写入" in result.stderr
    assert "Traceback" not in result.stderr
    assert sha256(filled_db) == before and _backup_files(filled_db) == backups_before


def _before_restore_copy(stdout: str):
    for line in stdout.splitlines():
        if line.startswith("恢复前的数据已备份到："):
            return Path(line.split("：", 1)[1])
    return None


def _numbers_in(path) -> list:
    import sqlite3

    conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro", uri=True)
    try:
        return [n for (n,) in conn.execute("SELECT number FROM proposal WHERE deleted_at IS NULL")]
    finally:
        conn.close()


@pytest.fixture
def big_db(filled_db):
    with Registry.open(filled_db) as registry:  # a bigger file makes the restore take a while
        registry.add_many("proposal", [proposal(n, "办理情况" * 200) for n in range(1000, 3000)])
    return filled_db


@posix_only
@pytest.mark.parametrize("wait", ["0.1", "60"])
def test_an_add_started_during_a_restore_waits_or_is_refused_never_lost(big_db, tmp_path, wait):
    """The add starts once the restore holds the lock: with a long wait it lands after the
    restore, with a short one it is refused; it is never acknowledged and then overwritten."""
    from fazhi_desktop.core.lock import read_owner

    source = backup.backup_now(big_db, "manual").path
    for trial in range(3):
        restore = _popen_cli("--db", big_db, "restore", source)
        deadline = time.monotonic() + 30
        while read_owner(big_db)[0] != restore.pid and restore.poll() is None:
            assert time.monotonic() < deadline
            time.sleep(0.002)
        number = 5000 + trial
        add = _popen_cli("--db", big_db, "add", "proposal",
                         write_json(tmp_path / f"t{trial}.json", [proposal(number)]), wait=wait)
        _, r_err = restore.communicate(timeout=120)
        _, a_err = add.communicate(timeout=120)
        assert restore.returncode == 0, r_err
        assert "Traceback" not in a_err
        if add.returncode == 0:
            assert number in _numbers(big_db), f"trial {trial}: acknowledged, then lost"
        else:
            assert add.returncode == 1 and a_err.startswith(BUSY), a_err
            assert number not in _numbers(big_db)
        if wait == "60":
            assert add.returncode == 0, a_err


@posix_only
def test_adds_and_restores_racing_freely_lose_no_acknowledged_add(big_db, tmp_path):
    """Started together at varying offsets: an acknowledged add is in the data afterwards, or
    (it committed before the restore began) in the copy the restore made of the data first."""
    source = backup.backup_now(big_db, "manual").path
    for trial in range(6):
        restore = _popen_cli("--db", big_db, "restore", source)
        time.sleep(0.04 * trial)
        number = 6000 + trial
        add = _popen_cli("--db", big_db, "add", "proposal",
                         write_json(tmp_path / f"r{trial}.json", [proposal(number)]), wait="60")
        r_out, r_err = restore.communicate(timeout=120)
        _, a_err = add.communicate(timeout=120)
        assert restore.returncode == 0 and add.returncode == 0, (r_err, a_err)
        kept = _before_restore_copy(r_out)
        assert number in _numbers(big_db) or (kept and number in _numbers_in(kept)), trial


def test_two_backups_in_the_same_second_keep_both_copies(filled_db):
    for _ in range(3):
        procs = [_popen_cli("--db", filled_db, "backup") for _ in range(2)]
        for proc in procs:
            _, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
    names = [n for n in _backup_files(filled_db) if n.endswith(".sqlite3")]
    assert len(names) == 6 and not [n for n in _backup_files(filled_db) if n.endswith(".part")]


# --------------------------------------------------------------------------- 14.7
@pytest.mark.parametrize("content", [
    "not json",
    json.dumps([{"session": "区政协六届一次会议", "number": 1, "title": "重复的编号",
                 "authors": ["某委员"]}], ensure_ascii=False),  # number 1 exists
    json.dumps([{"session": "s", "number": "一", "title": "t", "authors": ["a"]}]),
])
def test_refused_add_costs_no_backup(filled_db, tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_text(content, "utf-8")
    before = _backup_files(filled_db)
    result = run_cli("--db", filled_db, "add", "proposal", bad)
    assert result.returncode == 2, result.stderr
    assert _backup_files(filled_db) == before


def test_accepted_add_is_backed_up_once_with_the_state_before_it(filled_db, tmp_path):
    before = _backup_files(filled_db)
    result = run_cli("--db", filled_db, "add", "proposal",
                     write_json(tmp_path / "ok.json", [proposal(9)]))
    assert result.returncode == 0, result.stderr
    [new] = [n for n in _backup_files(filled_db) if n not in before]
    info = backup.read_backup_info(backup.default_backup_dir(filled_db) / new)
    assert info.reason == "import" and info.counts["proposal"] == 3


def test_refused_import_costs_no_backup(filled_db, tmp_path):
    from openpyxl import load_workbook

    workbook = tmp_path / "台账.xlsx"
    assert run_cli("--db", filled_db, "template", "proposal", "--out", workbook).returncode == 0
    wb = load_workbook(workbook)
    ws = wb.worksheets[0]
    header_row = next(r for r in range(1, 10) if any(c.value for c in ws[r]))
    ws.cell(row=header_row + 1, column=1, value="这一行不完整")
    wb.save(workbook)
    before = _backup_files(filled_db)
    result = run_cli("--db", filled_db, "import", "proposal", workbook)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert _backup_files(filled_db) == before


def test_a_backup_rotated_away_while_the_list_is_read_is_skipped(filled_db, monkeypatch):
    """Two programs: one lists the backups while the other's rotation deletes one of them."""
    kept = backup.backup_now(filled_db, "manual").path
    gone = backup.backup_now(filled_db, "manual").path
    real = backup.read_backup_info

    def vanishing(path):
        if path == gone:
            path.unlink()  # deleted between the folder listing and the read
        return real(path)

    monkeypatch.setattr(backup, "read_backup_info", vanishing)
    assert [b.path for b in backup.list_backups(filled_db)] == [kept]
