"""Ledger export and import at 100,000 rows: time and peak memory (run by hand, not in tests).

    .venv/bin/python bench/ledgers_100k.py [ROWS]

Each phase runs in a child process so that its peak RSS is its own.
"""
from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def phase(name: str, work: Path, rows: int) -> dict:
    code = f"""
import json, resource, sys, time
sys.path.insert(0, {str(ROOT / 'tests')!r})
from pathlib import Path
from fazhi_desktop.core.registry import Registry
work, rows = Path({str(work)!r}), {rows}
start = time.perf_counter()
if {name!r} == "fill":
    from ledgers import factory
    with Registry.open(work / "source.sqlite3") as reg:
        for begin in range(1, rows + 1, 10000):
            reg.add_many("proposal", [factory.proposal(n) for n in range(begin, min(begin + 10000, rows + 1))])
elif {name!r} == "export":
    from fazhi_desktop.ledgers.export import export_ledger
    with Registry.open(work / "source.sqlite3") as reg:
        export_ledger(reg, "proposal", work / "ledger.xlsx")
elif {name!r} == "scan":
    from fazhi_desktop.ledgers.importer import scan
    with Registry.open(work / "target.sqlite3") as reg:
        report = scan(reg, "proposal", work / "ledger.xlsx")
        assert report.rows == rows and not report.problems, report.problem_lines()[:3]
elif {name!r} == "import":
    from fazhi_desktop.ledgers.importer import import_ledger
    with Registry.open(work / "target.sqlite3") as reg:
        report = import_ledger(reg, "proposal", work / "ledger.xlsx")
        assert report.created == rows
print(json.dumps({{"seconds": round(time.perf_counter() - start, 1),
                   "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}}))
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        for name in ("fill", "export", "scan", "import"):
            result = phase(name, work, rows)
            size = ""
            if name == "export":
                size = f", file {(work / 'ledger.xlsx').stat().st_size / 1e6:.1f} MB"
            print(f"{name:7s} {rows} rows: {result['seconds']} s, peak RSS {result['peak_rss_mb']} MB{size}",
                  flush=True)


if __name__ == "__main__":
    main()
