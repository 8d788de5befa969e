"""bench/perf_100k.py (issue 16) at a tiny size: every row's processes and floors run, and the
table names each row with its ratio. Speed is not checked here; the bench measures it."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_issue_16_table_comes_out_with_every_row(tmp_path):
    env = dict(os.environ, FAZHI_PERF_CACHE=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, str(ROOT / "bench" / "perf_100k.py"), "--sizes", "20",
                           "40", "--runs", "1"], env=env, capture_output=True, text=True,
                          timeout=600, cwd=str(tmp_path))
    assert done.returncode == 0, done.stderr[-3000:]
    table = done.stdout[done.stdout.index("| what the clerk waits for"):]
    for row in ("the window appears", "`render proposal", "`export proposal", "`stats --year",
                "`add proposal` of 40 records"):
        line = next(line for line in table.splitlines() if row in line)
        assert line.count("x |") >= 2, line  # a ratio at each size
    assert "growth 20→40" in table
