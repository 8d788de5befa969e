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
