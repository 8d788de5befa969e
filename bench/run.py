"""The benchmark: builds the data file if missing, measures, prints the results table.

    .venv/bin/python bench/run.py                 # 100,000 records per kind (first run builds ~30 min)
    .venv/bin/python bench/run.py --scale 0.01    # 1,000 per kind: a quick look
    .venv/bin/python bench/run.py --only search   # one group: start, tables, search, save, stats,
                                                  # replies, ledgers, memory

Each figure is the median of --runs runs (search: p50/p95 over 50 queries), printed beside its
floor measured in the same run on the same data and the ratio to it; PASS/MISS against the
target. The table (Markdown) also goes to bench/results/latest-s{scale}.md.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sqlite3
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import make_data  # noqa: E402
from timing import Result, show  # noqa: E402

GROUPS = ("start", "tables", "search", "save", "stats", "replies", "ledgers", "memory")


def machine() -> str:
    """One paragraph: CPU, cores, memory, Python, SQLite, PySide6."""
    cpu = platform.processor() or ""
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        info = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
        cpu = f"{info.get('Model name', '').strip()}, {info.get('CPU(s)', '').strip()} CPU(s)"
    except OSError:
        pass
    try:
        with open("/proc/meminfo") as fh:
            mem = f"{int(fh.readline().split()[1]) / 2**20:.1f} GiB RAM"
    except OSError:
        mem = ""
    try:
        import PySide6

        qt = f"PySide6 {PySide6.__version__}"
    except ImportError:
        qt = "PySide6 not installed"
    return (f"{cpu}; {mem}; {platform.platform()}; Python {platform.python_version()}; "
            f"SQLite {sqlite3.sqlite_version}; {qt}")


def table(results: list) -> str:
    lines = ["| 测量 | 结果 | 地板 | 倍数 | 目标 | 判定 | 说明 |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        value = r.value_text or show(r.value, r.unit)
        ratio = f"{r.ratio:.2f}x" if r.ratio is not None else "—"
        target = f"< {show(r.target, r.unit)}" if r.target is not None else ""
        lines.append(f"| {r.name} | {value} | {show(r.floor, r.unit)} | {ratio} | {target} | "
                     f"{r.verdict} | {r.note} |")
    return "\n".join(lines)


def run(scale: float, n: int, only: tuple = GROUPS, *, batch: int = 1000, queries: int = 50,
        data_dir: Path = make_data.DATA_DIR, log=print) -> list:
    """Build (if missing) and measure; the Result rows of the table."""
    from fazhi_desktop.core.registry import Registry

    path = make_data.build(scale, data_dir=data_dir, log=log)
    info = json.loads(make_data.info_path(scale, data_dir).read_text("utf-8"))
    results = []
    if "start" in only:
        from cases_gui import measure_cold_start, measure_open_check

        log("cold start")
        results.append(measure_cold_start(path, n, log=log))
        results += measure_open_check(path, n)
    with Registry.open(path, backup_dir=Path(data_dir) / "backups") as registry:
        if "tables" in only:
            from cases_tables import measure_tables

            log("tables")
            results += measure_tables(registry, n, log=log)
        if "search" in only:
            from cases_tables import measure_search

            log("search")
            for kind in ("proposal", "mediation"):
                for length in (2, 4):
                    results.append(measure_search(registry, kind, length, count=queries, log=log))
        if "save" in only:
            from cases_core import measure_save

            log("save")
            results += measure_save(registry, max(n, 10))
        if "stats" in only:
            from cases_core import measure_cli_stats, measure_stats

            log("stats")
            results.append(measure_stats(registry, n))
            results.append(measure_cli_stats(path, n))
        if "replies" in only:
            from cases_output import measure_replies

            log("replies")
            results += measure_replies(registry, n, batch=batch, log=log)
        if "ledgers" in only:
            from cases_output import measure_ledgers

            log("ledgers")
            results += measure_ledgers(registry, log=log)
    if "memory" in only:
        from cases_gui import measure_memory

        log("memory")
        results.append(measure_memory(path, log=log))
    size = path.stat().st_size
    results.append(Result(f"数据文件（每类 {info['records_per_kind']} 条）", None,
                          value_text=f"{size / 2**30:.2f} GiB",
                          note=f"构建 {info['build_seconds']:.0f} s（Registry.add_many，每批5000条）："
                               f"{info['build_seconds_by_kind']}"))
    return results


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="法治办公助手 benchmark")
    parser.add_argument("--scale", type=float, default=1.0, help="1 = 100,000 records per kind")
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--only", action="append", choices=GROUPS, help="measure only these groups")
    parser.add_argument("--batch", type=int, default=1000, help="replies in the batch figure")
    args = parser.parse_args(argv)
    only = tuple(args.only or GROUPS)
    results = run(args.scale, args.runs, only, batch=args.batch)
    text = (f"Benchmark {dt.datetime.now(dt.timezone.utc):%Y-%m-%d %H:%M} UTC, scale {args.scale:g}, "
            f"median of {args.runs} runs\n\nMachine: {machine()}\n\n{table(results)}\n")
    print()
    print(text)
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    (out / f"latest-s{args.scale:g}.md").write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
