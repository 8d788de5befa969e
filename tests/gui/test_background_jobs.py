"""Background jobs and the data file's lifetime: a batch dialog closed mid-run stops its job
cleanly instead of dropping it, quitting waits for every job before the data file is closed, and a
job's failure is logged with its traceback while the clerk still gets the Chinese message."""
from __future__ import annotations

import logging
import time

import pytest
from docx import Document
from PySide6.QtWidgets import QWidget

from fazhi_desktop.docgen import batch
from fazhi_desktop.gui import ops
from fazhi_desktop.gui.dialogs.batch_replies import open_batch_dialog
from tests.batch.conftest import fifty_proposals


@pytest.fixture
def slow_batch(office, seed_proposal, monkeypatch):
    """Fifty replies to make, each a little slow, so that the clerk can act half-way."""
    from fazhi_desktop.docgen.replies import render_reply

    ids = office.add_many("proposal", fifty_proposals(seed_proposal))

    def render(reg, kind, rid, out, *, signer=None):
        time.sleep(0.4)  # widens the window in which the test acts (under load too); nothing is timed
        return render_reply(reg, kind, rid, out, signer=signer)

    monkeypatch.setattr(batch, "_renderer", lambda document: render)
    return office, ids


def _start(qtbot, parent, registry, ids, folder):
    dialog = open_batch_dialog(parent, registry, "proposal", ids)
    dialog.folder_edit.setText(str(folder))
    dialog.pdf_box.setChecked(False)
    dialog.start_button.click()
    qtbot.waitUntil(lambda: len(_made(folder)) >= 2, timeout=60_000)
    return dialog


def _made(folder) -> list:
    """The finished documents (a document being written has a temporary ".~" name)."""
    return [p for p in folder.glob("*.docx") if not p.name.startswith(".~")]


def _all_whole(folder) -> int:
    """Every file in the folder is a whole Word document (no temporary leftovers)."""
    names = [p.name for p in folder.iterdir()]
    assert all(name.endswith(".docx") and not name.startswith(".~") for name in names), names
    for path in folder.iterdir():
        Document(str(path))  # opens: not cut short
    return len(names)


def test_quitting_during_a_batch_stops_it_cleanly_before_the_file_closes(qtbot, window, slow_batch,
                                                                       tmp_path):
    registry, ids = slow_batch
    folder = tmp_path / "答复件"
    _start(qtbot, window, registry, ids, folder)
    assert ops.running()
    window.close()  # the clerk quits (Ctrl+Q) while the batch runs
    assert ops.running() == []  # every job has ended before the window is gone
    made = _all_whole(folder)
    assert 2 <= made < 49  # stopped early (49 of the 50 can be made)
    registry.close()  # what launch.py does next: no job is left using the file
    time.sleep(0.3)
    assert _all_whole(folder) == made  # and nothing is written after the quit


def test_a_batch_dialog_closed_mid_run_stops_its_job_instead_of_dropping_it(qtbot, slow_batch,
                                                                          tmp_path):
    registry, ids = slow_batch
    folder = tmp_path / "答复件"
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = _start(qtbot, parent, registry, ids, folder)
    job = dialog.op
    dialog.close()  # the dialog deletes itself when closed (on the next turn of the event loop)
    qtbot.waitUntil(lambda: job.cancel_requested, timeout=5000)  # told to stop...
    assert job in ops.running()  # ...and still tracked, so that a quit would wait for it
    assert job.wait(60)  # ...and it stops after the document it was writing
    qtbot.waitUntil(lambda: job not in ops.running(), timeout=10_000)
    assert 2 <= _all_whole(folder) < 49


def test_a_failing_job_is_logged_with_its_traceback_and_still_shown(qtbot, caplog):
    parent = QWidget()
    qtbot.addWidget(parent)
    shown = []

    def op(progress):
        raise KeyError("没有这个字段")

    with caplog.at_level(logging.ERROR, logger="fazhi_desktop"):
        handle = ops.run_in_background(parent, op, title="导出台账", on_success=lambda r: None,
                                       on_failure=shown.append)
        qtbot.waitUntil(lambda: handle.is_done, timeout=5000)
    assert isinstance(shown[0], KeyError)
    record = next(r for r in caplog.records if r.name == "fazhi_desktop")
    assert "导出台账" in record.getMessage() and record.exc_info[0] is KeyError


def test_a_cancelled_job_is_not_logged_as_a_fault(qtbot, caplog):
    parent = QWidget()
    qtbot.addWidget(parent)

    def op(progress):
        raise InterruptedError("已取消")

    with caplog.at_level(logging.INFO, logger="fazhi_desktop"):
        handle = ops.run_in_background(parent, op, title="导入", on_success=lambda r: None,
                                       on_failure=lambda exc: None)
        qtbot.waitUntil(lambda: handle.is_done, timeout=5000)
    assert not [r for r in caplog.records if r.name == "fazhi_desktop"]


def test_restoring_a_backup_reopens_the_windows_data_file(qtbot, window, tmp_path):
    from fazhi_desktop.core.backup import backup_now, restore_backup

    registry = window.registry
    registry.save("proposal", {"session": "区政协六届一次会议", "number": 1,
                               "title": "关于备份之前的提案", "authors": ["赵一"]})
    info = backup_now(registry.path, "manual", folder=tmp_path / "备份")
    registry.save("proposal", {"session": "区政协六届一次会议", "number": 2,
                               "title": "关于备份之后的提案", "authors": ["钱二"]})
    restore_backup(registry.path, info.path)
    window.reopen_after_restore()
    assert registry.store.connection_count() == 1  # the old connection was let go
    assert [r["number"] for r in registry.dump("proposal")] == [1]
