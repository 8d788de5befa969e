"""Failures on output: a full disk, a read-only folder, a file held open by Word. The clerk reads
which file and why; no partial file is left; what was there before is untouched."""
from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from fazhi_desktop.core import atomic, backup
from fazhi_desktop.core.errors import OutputProblem

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _mount_tmpfs(folder, options: str) -> bool:
    folder.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)],
                          capture_output=True)
    return done.returncode == 0


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 64 KB file system (tmpfs) that fills up: ENOSPC from the kernel itself."""
    folder = tmp_path / "小U盘"
    if not (IS_ROOT and sys.platform.startswith("linux") and _mount_tmpfs(folder, "size=64k")):
        pytest.skip("mounting a tmpfs needs root on Linux")
    yield folder
    subprocess.run(["umount", str(folder)], check=True)


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "只读文件夹"
    if IS_ROOT and sys.platform.startswith("linux"):
        if not _mount_tmpfs(folder, "ro,size=64k"):
            pytest.skip("cannot mount a read-only tmpfs")
        yield folder
        subprocess.run(["umount", str(folder)], check=True)
    else:
        folder.mkdir()
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def _write(path, size: int) -> None:
    with atomic.atomic_output(path) as temp:
        with open(temp, "wb") as fh:
            for _ in range(size // 4096):
                fh.write(os.urandom(4096))


def test_a_full_disk_names_the_file_and_leaves_the_old_one_whole(tiny_disk):
    target = tiny_disk / "答复.docx"
    target.write_bytes(b"old document")
    with pytest.raises(OutputProblem) as failed:
        _write(target, 200_000)
    assert str(target) in str(failed.value) and "磁盘空间已满" in str(failed.value)
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["答复.docx"]
    assert target.read_bytes() == b"old document"


def test_a_full_disk_simulated_anywhere(tmp_path, monkeypatch):
    """The same promise where no tmpfs can be mounted: ENOSPC raised at the final flush."""
    target = tmp_path / "台账.xlsx"

    def full(fd):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", full)
    with pytest.raises(OutputProblem, match="磁盘空间已满"):
        _write(target, 8192)
    assert list(tmp_path.iterdir()) == []


def test_a_read_only_folder_is_named(read_only_folder):
    target = read_only_folder / "台账.xlsx"
    with pytest.raises(OutputProblem) as failed:
        _write(target, 4096)
    message = str(failed.value)
    assert str(target) in message
    assert "只读" in message or "没有写入权限" in message
    assert list(read_only_folder.iterdir()) == []


@pytest.mark.parametrize("error", [PermissionError(errno.EACCES, "Permission denied"),
                                   OSError(errno.EACCES, "sharing violation")])
def test_a_document_held_open_by_word_is_named_and_kept(tmp_path, monkeypatch, error):
    """On Windows, replacing a .docx that Word has open fails (sharing violation, EACCES)."""
    target = tmp_path / "对区政协六届一次会议第28号提案的答复.docx"
    target.write_bytes(b"the version Word has open")

    def locked(src, dst):
        raise error

    monkeypatch.setattr(atomic.os, "replace", locked)
    with pytest.raises(OutputProblem) as failed:
        _write(target, 4096)
    assert target.name in str(failed.value) and "Word" in str(failed.value)
    assert [p.name for p in tmp_path.iterdir()] == [target.name]
    assert target.read_bytes() == b"the version Word has open"


def test_a_backup_to_a_full_stick_fails_cleanly(filled_db, tiny_disk):
    with pytest.raises(backup.BackupProblem) as failed:
        backup.backup_now(filled_db, "manual", folder=tiny_disk)
    assert "备份" in str(failed.value) and ("磁盘空间已满" in str(failed.value))
    assert list(tiny_disk.iterdir()) == []
    assert backup.list_backups(filled_db, folder=tiny_disk) == []
