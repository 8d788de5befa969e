"""One writer: a second window on the same file is refused in Chinese, a dead owner's lock is
taken over, a share without locking is reported; the command line relies on SQLite's locking."""
from __future__ import annotations

import errno
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from fazhi_desktop.core import lock
from fazhi_desktop.core.registry import Registry
from .conftest import proposal, run_cli, sha256, write_json

posix_only = pytest.mark.skipif(sys.platform.startswith("win"), reason="uses SIGKILL")


def test_a_second_window_is_refused_with_the_first_ones_pid(db_path):
    with lock.WriterLock(db_path):
        with pytest.raises(lock.AlreadyOpen) as refused:
            lock.WriterLock(db_path).acquire()
        assert "已在另一个法治办公助手窗口中打开" in str(refused.value)
        assert refused.value.pid is not None and str(refused.value.pid) in str(refused.value)
        assert lock.is_locked(db_path)
    assert not lock.is_locked(db_path)
    with lock.WriterLock(db_path):  # free again once the first window closed
        pass


def _hold_lock_in_child(db_path: Path):
    code = ("import sys, time\n"
            "from fazhi_desktop.core.lock import WriterLock\n"
            "WriterLock(sys.argv[1]).acquire()\n"
            "print('locked', flush=True)\n"
            "time.sleep(120)\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db_path)], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


@posix_only
def test_another_process_holding_the_file_refuses_and_its_crash_frees_it(db_path):
    proc = _hold_lock_in_child(db_path)
    try:
        with pytest.raises(lock.AlreadyOpen) as refused:
            lock.WriterLock(db_path).acquire()
        assert refused.value.pid == proc.pid
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    assert lock.read_owner(db_path)[0] == proc.pid  # the stale pid is still written there...
    with lock.WriterLock(db_path) as taken:  # ...but the dead process's lock is recovered
        assert taken.held


def test_a_stale_lock_file_with_a_dead_pid_does_not_block(db_path):
    lock.lock_path(db_path).write_text('{"pid": 999999, "host": "old-pc"}'.ljust(200))
    with lock.WriterLock(db_path) as taken:
        assert taken.held
        assert lock.read_owner(db_path)[0] != 999999


def test_a_network_share_is_reported_instead_of_locked(db_path, monkeypatch):
    monkeypatch.setattr(lock, "network_filesystem", lambda path: "cifs")
    with pytest.raises(lock.LockUnsupported) as refused:
        lock.WriterLock(db_path).acquire()
    assert "网络共享" in str(refused.value) and "复制到本机硬盘" in str(refused.value)


def test_a_file_system_without_locks_is_reported(db_path, monkeypatch):
    def no_locks(fd):
        raise OSError(errno.ENOLCK, "No locks available")

    monkeypatch.setattr(lock, "_lock", no_locks)
    with pytest.raises(lock.LockUnsupported, match="不支持文件锁定"):
        lock.WriterLock(db_path).acquire()


def test_network_mounts_are_recognised_from_the_mount_table(tmp_path, monkeypatch):
    import builtins
    import io

    table = f"server:/share {tmp_path} nfs4 rw 0 0\n/dev/vda / ext4 rw 0 0\n"
    real_open = builtins.open
    monkeypatch.setattr(builtins, "open", lambda f, *a, **k: io.StringIO(table)
                        if f == "/proc/mounts" else real_open(f, *a, **k))
    if sys.platform.startswith("win"):
        pytest.skip("Windows asks GetDriveTypeW")
    assert lock.network_filesystem(tmp_path / "office.sqlite3") == "nfs4"
    assert lock.network_filesystem(Path("/usr/lib")) is None


def test_each_data_file_has_its_own_window_name(tmp_path):
    a = lock.instance_name(tmp_path / "a.sqlite3")
    assert a == lock.instance_name(tmp_path / "sub" / ".." / "a.sqlite3")
    assert a != lock.instance_name(tmp_path / "b.sqlite3")
    assert a.startswith("fazhi-desktop-") and len(a) < 40  # QLocalServer names stay short


@posix_only
def test_the_command_line_is_refused_at_once_while_a_window_has_the_file(db_path, tmp_path):
    """Decision (issue 14.3): every writing command takes the window's lock. A window keeps it
    for hours, so a command does not wait for it: it says so, names the window and writes nothing."""
    with Registry.open(db_path) as window:
        window.save("proposal", proposal(1))
    before = sha256(db_path)
    proc = _hold_lock_in_child(db_path)
    try:
        items = write_json(tmp_path / "batch.json", [proposal(n) for n in range(100, 160)])
        result = run_cli("--db", db_path, "add", "proposal", items, env={"FAZHI_LOCK_WAIT": "60"})
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
    assert result.returncode == 1
    assert "另一程序正在写入，请稍后重试" in result.stderr and "窗口中打开" in result.stderr
    assert f"进程号{proc.pid}" in result.stderr and "Traceback" not in result.stderr
    assert sha256(db_path) == before
    with Registry.open(db_path) as registry:
        assert registry.count("proposal") == 1


def test_a_data_file_on_a_write_protected_stick_is_explained(tmp_path, monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(lock.os, "open", refuse)
    with pytest.raises(lock.ReadOnlyLocation) as refused:
        lock.WriterLock(tmp_path / "office.sqlite3").acquire()
    assert "无法写入" in str(refused.value) and "复制到本机硬盘" in str(refused.value)


def _hold_in_child(db_path: Path, role: str, seconds: float):
    code = ("import sys, time\n"
            "from fazhi_desktop.core.lock import WriterLock\n"
            "held = WriterLock(sys.argv[1], role=sys.argv[2]).acquire()\n"
            "print('locked', flush=True)\n"
            "time.sleep(float(sys.argv[3]))\n"
            "held.release()\n")
    proc = subprocess.Popen([sys.executable, "-c", code, str(db_path), role, str(seconds)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "locked"
    return proc


def test_a_window_starting_while_a_command_writes_waits_for_it(db_path):
    proc = _hold_in_child(db_path, "command", 1.0)
    try:
        with lock.WriterLock(db_path).acquire(wait=60) as taken:
            assert taken.held and lock.read_owner_role(db_path) == "window"
    finally:
        proc.wait(30)
        proc.stdout.close()


def test_waiting_for_another_window_is_not_attempted(db_path):
    proc = _hold_in_child(db_path, "window", 120)
    try:
        with pytest.raises(lock.WriterBusy) as refused:
            lock.WriterLock(db_path, role="command").acquire(wait=600)  # would hang if it waited
        assert str(refused.value).startswith("另一程序正在写入，请稍后重试")
        assert "窗口中打开" in str(refused.value) and refused.value.pid == proc.pid
        assert isinstance(refused.value, lock.AlreadyOpen)  # the window's start-up wakes it
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
