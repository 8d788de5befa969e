"""bench/exchange_10k.py still runs (50 cases, one run): code paths only, never speed."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "bench" / "exchange_10k.py"


def test_the_exchange_benchmark_runs_at_a_small_scale():
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    result = subprocess.run([sys.executable, str(SCRIPT), "--cases", "50", "--runs", "1"],
                            capture_output=True, text=True, encoding="utf-8", env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "| import 50 cases into the district |" in result.stdout
    assert "| the same package again (all 未变) |" in result.stdout
