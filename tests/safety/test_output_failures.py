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
    subprocess.run(["umount", "-l", str(folder)], check=True)  # lazy: a failed write may still hold a handle


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "只读文件夹"
    if IS_ROOT and sys.platform.startswith("linux"):
        if not _mount_tmpfs(folder, "ro,size=64k"):
            pytest.skip("cannot mount a read-only tmpfs")
        yield folder
        subprocess.run(["umount", "-l", str(folder)], check=True)  # lazy: a failed write may still hold a handle
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


def _fill(folder, leave: int = 4096) -> None:
    """Leave only `leave` bytes free on the tmpfs."""
    stat = os.statvfs(folder)
    (folder / "占位.bin").write_bytes(b"\0" * (stat.f_bavail * stat.f_frsize - leave))


def _untouched(registry, record_id):
    return (registry.get("proposal", record_id), len(registry.audit_log(record_id=record_id)))


def test_a_reply_saved_to_a_full_disk_names_the_file_and_the_record_is_untouched(
        registry, seed_proposal, seed_profile, tiny_disk):
    from fazhi_desktop.docgen.replies import default_filename, render_reply

    registry.set_profile(seed_profile)
    saved = registry.save("proposal", seed_proposal)
    before = _untouched(registry, saved["id"])
    _fill(tiny_disk)
    target = tiny_disk / default_filename("proposal", saved)
    with pytest.raises(OutputProblem) as failed:
        render_reply(registry, "proposal", saved["id"], target)
    assert target.name in str(failed.value) and "磁盘空间已满" in str(failed.value)
    assert sorted(p.name for p in tiny_disk.iterdir()) == ["占位.bin"]
    assert _untouched(registry, saved["id"]) == before


def test_a_ledger_saved_to_a_read_only_folder_names_the_file_and_leaves_nothing(
        registry, seed_proposal, read_only_folder):
    from fazhi_desktop.ledgers.export import export_ledger

    saved = registry.save("proposal", seed_proposal)
    before = _untouched(registry, saved["id"])
    target = read_only_folder / "政协提案办理台账.xlsx"
    with pytest.raises(OutputProblem) as failed:
        export_ledger(registry, "proposal", target)
    assert target.name in str(failed.value)
    assert "只读" in str(failed.value) or "没有写入权限" in str(failed.value)
    assert list(read_only_folder.iterdir()) == []
    assert _untouched(registry, saved["id"]) == before


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc/self/fd")
def test_a_writer_failing_half_way_leaves_no_temporary_file_even_where_open_files_cannot_be_deleted(
        tmp_path, monkeypatch):
    """Windows refuses to delete a file that is still open. A writer that dies half-way (a
    ZipFile on a full disk) keeps its handle in the traceback; it must be let go first."""
    import zipfile
    from pathlib import Path

    real_unlink = Path.unlink

    def windows_unlink(self, *args, **kwargs):
        for fd in os.listdir("/proc/self/fd"):
            with_link = f"/proc/self/fd/{fd}"
            if os.path.exists(with_link) and os.readlink(with_link) == str(self):
                raise PermissionError(errno.EACCES, "The process cannot access the file (WinError 32)")
        return real_unlink(self, *args, **kwargs)

    monkeypatch.setattr(Path, "unlink", windows_unlink)
    target = tmp_path / "答复.docx"

    def half_written_zip(path):
        archive = zipfile.ZipFile(path, "w")  # left open, as a library does when it fails
        archive.writestr("word/document.xml", "<w:document/>")
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(OutputProblem, match="磁盘空间已满"):
        with atomic.atomic_output(target) as temp:
            half_written_zip(temp)
    assert list(tmp_path.iterdir()) == []
