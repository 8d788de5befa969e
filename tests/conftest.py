"""Shared fixtures: an offscreen Qt platform, a fresh data file per test, and seed 000's record."""
from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

# Before anything imports Qt: no display in CI.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("FAZHI_NO_USER_DIRS", "1")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "office.sqlite3"


@pytest.fixture
def registry(db_path):
    from fazhi_desktop.core.registry import Registry

    reg = Registry.open(db_path)
    yield reg
    reg.close()


@pytest.fixture
def seed_proposal() -> dict:
    """Seed 000 (a real reply of 湛河区司法局) as a proposal record in the interchange format."""
    return json.loads((FIXTURES / "seed000_proposal.json").read_text("utf-8"))


@pytest.fixture
def seed_profile() -> dict:
    return json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8"))


def pytest_collection_modifyitems(items):
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()):
            item.fixturenames.append("modal_watchdog")


@pytest.fixture
def modal_watchdog(qapp):
    """A modal dialog nobody answers (a static QMessageBox.information in a test gone wrong)
    would block the whole suite; close it after 8 s and fail the test, naming its text."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen = {"widget": None, "ticks": 0, "closed": []}

    def tick():
        modal = QApplication.activeModalWidget()
        if modal is None or modal is not seen["widget"]:
            seen["widget"], seen["ticks"] = modal, 0
            return
        seen["ticks"] += 1
        if seen["ticks"] >= 16:  # 16 x 0.5 s
            text = modal.text() if isinstance(modal, QMessageBox) else modal.windowTitle()
            seen["closed"].append(text)
            modal.reject()
            seen["widget"], seen["ticks"] = None, 0

    timer = QTimer()
    timer.setInterval(500)
    timer.timeout.connect(tick)
    timer.start()
    yield
    timer.stop()
    if seen["closed"]:
        pytest.fail(f"a modal dialog stayed open unanswered and was closed: {seen['closed']}")
