"""Data packages at a district's scale (issue 15 point 5): a township's package of 10,000
mediation cases, imported by the district (target < 10 s), then the same package again
(target < 5 s: everything 未变).

    .venv/bin/python bench/exchange_10k.py [--cases 10000] [--runs 3] [--no-encryption]

Each import is timed from the file on disk to the commit: reading and checking the package
(whole-file checksum, scrypt, SM4-GCM, JSON, every record validated), planning, and applying in
one transaction (rows, search index, audit trail). The district's file is a fresh copy of an
empty data file for each run of the first import. Figures go to docs/performance.md.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import make_data  # noqa: E402
from textgen import TextGen  # noqa: E402

from fazhi_desktop.core.registry import Registry  # noqa: E402

PASSPHRASE = "bench 交换口令"


def township(path: Path, cases: int) -> None:
    g = TextGen(seed=15)
    with Registry.open(path) as reg:
        reg.set_profile({"authority": "曹镇乡司法所"})
        items = [make_data.mediation(g, 2016 + n % 10, n // 10 + 1) for n in range(cases)]
        for start in range(0, cases, 5000):
            reg.add_many("mediation", items[start:start + 5000])


def import_once(db: Path, package: Path, passphrase) -> tuple:
    started = time.perf_counter()
    with Registry.open(db) as reg:
        opened = time.perf_counter()
        plan = reg.plan_package(package, passphrase=passphrase)
        planned = time.perf_counter()
        reg.apply_package(plan)
        applied = time.perf_counter()
    done = time.perf_counter()
    print(f"  open {opened - started:.2f} s, read+plan {planned - opened:.2f} s, "
          f"apply {applied - planned:.2f} s, close {done - applied:.2f} s", flush=True)
    return done - started, plan.counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-encryption", action="store_true")
    args = parser.parse_args()
    passphrase = None if args.no_encryption else PASSPHRASE
    with tempfile.TemporaryDirectory(prefix="fazhi-exchange-bench-") as tmp:
        tmp = Path(tmp)
        started = time.perf_counter()
        township(tmp / "township.sqlite3", args.cases)
        built = time.perf_counter() - started
        package = tmp / "township.fzpkg"
        started = time.perf_counter()
        with Registry.open(tmp / "township.sqlite3") as reg:
            manifest = reg.export_package(package, passphrase=passphrase)
        exported = time.perf_counter() - started
        empty = tmp / "empty.sqlite3"
        with Registry.open(empty) as reg:
            reg.set_profile({"authority": "平顶山市湛河区司法局"})
        with Registry.open(tmp / "township.sqlite3") as reg:
            dumped = reg.dump("mediation")
        first, again, floor = [], [], []
        for run in range(args.runs):
            # Floor: the same 10,000 records through Registry.add_many (an `add` of a dump, the
            # app's ordinary write path: rows, indexes, search index, audit) into a fresh file.
            plain = tmp / f"floor-{run}.sqlite3"
            shutil.copy(empty, plain)
            started = time.perf_counter()
            with Registry.open(plain) as reg:
                reg.add_many("mediation", dumped)
            floor.append(time.perf_counter() - started)
            district = tmp / f"district-{run}.sqlite3"
            shutil.copy(empty, district)
            seconds, counts = import_once(district, package, passphrase)
            assert counts["新增"] == args.cases, counts
            first.append(seconds)
            seconds, counts = import_once(district, package, passphrase)
            assert counts["未变"] == args.cases, counts
            again.append(seconds)
        algorithm = (manifest["encryption"] or {}).get("algorithm") or "none"
        print(f"township file: {args.cases} cases built in {built:.1f} s; "
              f"package {package.stat().st_size / 1e6:.1f} MB ({algorithm}) exported in "
              f"{exported:.2f} s")
        print(f"floor (add_many of the same records): {statistics.median(floor):.2f} s, runs "
              + ", ".join(f"{s:.2f}" for s in floor))
        print(f"| import {args.cases} cases into the district | {statistics.median(first):.2f} s "
              f"| < 10 s | {'PASS' if statistics.median(first) < 10 else 'MISS'} | runs "
              + ", ".join(f"{s:.2f}" for s in first) + " |")
        print(f"| the same package again (all 未变) | {statistics.median(again):.2f} s "
              f"| < 5 s | {'PASS' if statistics.median(again) < 5 else 'MISS'} | runs "
              + ", ".join(f"{s:.2f}" for s in again) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
