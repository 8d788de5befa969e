"""The crash harness's short form: 25 random SIGKILLs of the real write path, and a large add."""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(sys.platform.startswith("win"), reason="SIGKILL is POSIX")

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "kill_test.py"


def _harness():
    spec = importlib.util.spec_from_file_location("kill_test", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_saves_survive_random_kills_of_the_writing_process(tmp_path):
    result = _harness().run(kills=25, big=2, seed=20261123, workdir=tmp_path,
                            max_delay=0.5, log=lambda *_: None, upgrades=2)
    assert result["kills"] == 25
    assert result["acknowledged_saves"] > 100, "the writer barely wrote: the kills proved nothing"
    assert result["problems"] == []
    assert result["damaged_files"] == 0
    assert result["lost_acknowledged"] == 0
    big = result["big_add"]
    assert big["partial"] == 0 and big["damaged_files"] == 0
    assert big["killed_midway"] >= 1, "no large add was actually cut short"
    upgrade = result["upgrade"]
    assert upgrade["lost_records"] == 0 and upgrade["damaged_files"] == 0
    assert upgrade["killed_midway"] >= 1, "no upgrade was actually cut short"


def test_the_ledger_notices_a_lost_or_changed_record():
    """The checker itself can fail: a missing, altered or half-landed write is reported."""
    ledger = _harness().Ledger()
    ledger.feed(["PENDING a h1", "ACK a h1", "PENDING b h2", "ACK b h2", "PENDING b h3",
                 "BATCH c:h4 d:h5"])
    assert ledger.check({"a": "h1", "b": "h3"})[1] == []
    assert ledger.check({"a": "h1", "b": "h2", "c": "h4", "d": "h5"})[1] == []
    lost, problems = ledger.check({"b": "h2"})
    assert lost == ["a"]
    lost, problems = ledger.check({"a": "hX", "b": "h2"})
    assert lost == ["a"]
    _, problems = ledger.check({"a": "h1", "b": "h2", "c": "h4"})
    assert any("partly" in p for p in problems)
    _, problems = ledger.check({"a": "h1", "b": "h2", "z": "h9"})
    assert any("never written" in p for p in problems)
