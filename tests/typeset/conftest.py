"""The typesetting tests: an office profile on a fresh data file, the CLI as a clerk runs it."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture
def office_db(tmp_path):
    """A data file with seed 000's office profile (mark, 机关代字 平湛司, fonts)."""
    from fazhi_desktop.core.registry import Registry

    db = tmp_path / "office.sqlite3"
    with Registry.open(db) as registry:
        registry.set_profile(json.loads((FIXTURES / "seed000_profile.json").read_text("utf-8")))
    return db


@pytest.fixture
def cli(office_db):
    def run(*args):
        return subprocess.run([sys.executable, "-m", "fazhi_desktop", "--db", str(office_db),
                               *map(str, args)], capture_output=True, text=True, timeout=300)
    return run
