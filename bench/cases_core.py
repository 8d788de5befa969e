"""Saving one record, the year's statistics, and `stats` on the command line, beside their floors."""
from __future__ import annotations

import json
import subprocess
import sys
import time

from timing import Result, median, runs

STATS_YEAR = 2024


def measure_save(registry, n: int) -> list:
    """Registry.save of an existing reply (validation, search index, audit, fsync) vs a bare UPDATE.

    Twice: an edit that leaves the searchable text alone (status, notes), and an edit of the
    reply's body (its search entry is replaced).
    """
    conn = registry.store.conn
    middle = min(500, registry.count("proposal") // 2)
    record_id = conn.execute("SELECT id FROM proposal WHERE doc_number IS NOT NULL "
                             "ORDER BY seq LIMIT 1 OFFSET ?", (middle,)).fetchone()[0]
    record = registry.get("proposal", record_id)
    counter = iter(range(10**6))

    body = record["reply"]["body"]

    def save():
        record["notes"] = f"基准测试修改{next(counter)}"
        registry.save("proposal", record)

    def save_body():
        record["reply"]["body"] = body + f"\n基准测试补充说明第{next(counter)}条。"
        registry.save("proposal", record)

    seq = registry.store.find_seq("proposal", record_id)
    data = json.dumps(record, ensure_ascii=False)

    def floor():
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE proposal SET data = ?, updated_at = ? WHERE seq = ?",
                     (data, time.time(), seq))
        conn.execute("COMMIT")

    value = median(runs(save, n, warm=1))
    value_body = median(runs(save_body, n, warm=1))
    floor_value = median(runs(floor, n, warm=1))
    size = len(body)
    return [Result("保存一条记录：改办理状态/备注", value, floor_value, 0.020,
                   note="Registry.save：校验、审计、同步落盘（搜索文字未变，索引不动）；地板：同一行的UPDATE+COMMIT"),
            Result(f"保存一条记录：改答复正文（{size}字）", value_body, floor_value, 0.020,
                   note="同上，另替换该记录的搜索索引条目")]


def _floor_stats_sql(conn, year: int) -> None:
    start, end = f"{year}-01-01", f"{year + 1}-01-01"
    for kind in ("proposal", "suggestion"):
        conn.execute(f"SELECT count(*), total(status = 'closed') FROM {kind} WHERE deleted_at IS NULL "
                     "AND assigned_date >= ? AND assigned_date < ?", (start, end)).fetchall()
    conn.execute("SELECT count(*), total(outcome = 'success') FROM mediation WHERE deleted_at IS NULL "
                 "AND accepted_date >= ? AND accepted_date < ?", (start, end)).fetchall()
    conn.execute("SELECT total(letters + visits + online + phone) FROM petition "
                 "WHERE period >= ? AND period < ?", (str(year), str(year + 1))).fetchall()


def measure_stats(registry, n: int) -> Result:
    try:
        from fazhi_desktop.core.stats import year_figures
    except ImportError:
        return Result("年度统计（四个台账）", None, target=0.300, note="core/stats.py 尚未提供")
    conn = registry.store.conn
    value = median(runs(lambda: year_figures(registry, STATS_YEAR), n, warm=1))
    floor = median(runs(lambda: _floor_stats_sql(conn, STATS_YEAR), n, warm=1))
    return Result(f"年度统计 {STATS_YEAR}（core.stats.year_figures）", value, floor, 0.300,
                  note="地板：每个台账一条计数SQL")


def _spawn(argv: list) -> float:
    started = time.perf_counter()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if done.returncode != 0:
        raise RuntimeError(done.stderr.decode("utf-8", "replace")[-2000:])
    return time.perf_counter() - started


def measure_cli_stats(db_path, n: int) -> Result:
    try:
        import fazhi_desktop.cli.stats  # noqa: F401
    except ImportError:
        return Result("命令行 stats（含启动）", None, target=1.0, note="cli/stats.py 尚未提供")
    app = [sys.executable, "-m", "fazhi_desktop", "--db", str(db_path), "stats", "--year", str(STATS_YEAR)]
    floor_code = (
        "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); "
        "print(c.execute(\"SELECT count(*) FROM proposal WHERE deleted_at IS NULL AND "
        "assigned_date >= '2024-01-01' AND assigned_date < '2025-01-01'\").fetchone())")
    floor = [sys.executable, "-c", floor_code, str(db_path)]
    value = median([_spawn(app) for _ in range(n)])
    floor_value = median([_spawn(floor) for _ in range(n)])
    return Result("命令行 stats --year（含启动）", value, floor_value, 1.0,
                  note="地板：python 启动 + 一条计数SQL")
