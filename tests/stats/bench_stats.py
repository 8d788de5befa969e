"""Benchmark: the year's figures over 100,000 records per kind (not a test; run by hand).

    .venv/bin/python tests/stats/bench_stats.py [N]

Builds a data file with N proposals, suggestions, mediation cases and petition rows spread over
2020-2023 (written through Store.write inside one transaction per kind), then times
core.stats.year_figures and shows the query plans, which must use the indexes.
"""
from __future__ import annotations

import random
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from fazhi_desktop.core import stats  # noqa: E402
from fazhi_desktop.core.records import DISPUTE_TYPES  # noqa: E402
from fazhi_desktop.core.registry import Registry  # noqa: E402


def fill(registry: Registry, n: int) -> None:
    rnd = random.Random(5)
    store = registry.store
    for kind in ("proposal", "suggestion"):
        with store.transaction():
            for i in range(n):
                year = 2020 + i % 4
                record = {"session": f"会议{year}", "number": i + 1, "title": f"事项{i}",
                          "authors": ["某委员"], "assigned_date": f"{year}-{rnd.randint(1, 12):02d}-15",
                          "status": rnd.choice(["pending", "replied", "closed"]),
                          "satisfaction": rnd.choice([None, "satisfied", "basically_satisfied"]),
                          "result_class": rnd.choice("ABCD")}
                store.write(kind, record, record_id=str(uuid.uuid4()), action="create", before=None)
    with store.transaction():
        for i in range(n):
            record = {"case_number": f"第{i}号", "committee": f"调委会{i % 50}",
                      "accepted_date": f"{2020 + i % 4}-{rnd.randint(1, 12):02d}-10",
                      "dispute_type": rnd.choice(DISPUTE_TYPES), "outcome": rnd.choice(["success", "failure"]),
                      "amount": rnd.randint(0, 9999),
                      "parties": [{"name": "甲"}, {"name": "乙"}]}
            store.write("mediation", record, record_id=str(uuid.uuid4()), action="create", before=None)
    with store.transaction():
        for i in range(n):
            record = {"unit": f"单位{i // 48}", "period": f"{2020 + (i % 48) // 12}-{i % 12 + 1:02d}",
                      "letters": rnd.randint(0, 9), "to_county": rnd.randint(0, 9)}
            store.write("petition", record, record_id=str(uuid.uuid4()), action="create", before=None)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    with Registry.open(path) as registry:
        started = time.perf_counter()
        fill(registry, n)
        print(f"filled {n} per kind in {time.perf_counter() - started:.1f} s")
        for _ in range(3):
            started = time.perf_counter()
            figures = stats.year_figures(registry, 2022)
            print(f"year_figures(2022): {1000 * (time.perf_counter() - started):.0f} ms "
                  f"(proposals {figures['proposal']['received']}, cases {figures['mediation']['accepted']}, "
                  f"petition rows' total {figures['petition']['channel_total']})")
        conn = registry.store.conn
        for sql in ("SELECT count(*) FROM proposal WHERE deleted_at IS NULL AND ((assigned_date >= '2022-01-01' "
                    "AND assigned_date < '2023-01-01') OR (assigned_date IS NULL AND reply_date >= '2022-01-01' "
                    "AND reply_date < '2023-01-01'))",
                    "SELECT count(*) FROM mediation WHERE deleted_at IS NULL AND accepted_date >= '2022-01-01' "
                    "AND accepted_date < '2023-01-01'",
                    "SELECT period, count(*) FROM petition WHERE deleted_at IS NULL AND period >= '2021-01' "
                    "AND period <= '2022-12' GROUP BY period"):
            print([row[3] for row in conn.execute("EXPLAIN QUERY PLAN " + sql)])


if __name__ == "__main__":
    main()
