"""The benchmark at a tiny scale: every code path it measures runs and the table comes out.

Speed is not checked here (bench/run.py measures it at 100,000 records per kind); this only
makes sure the benchmark still works against the current core, GUI, documents and ledgers.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"
sys.path.insert(0, str(BENCH))

import make_data  # noqa: E402
import run as bench_run  # noqa: E402

SCALE = 0.001  # 100 records per kind


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("bench-data")
    rows = bench_run.run(SCALE, 1, batch=3, queries=5, data_dir=data_dir, log=lambda *_: None)
    return rows, data_dir


def test_the_data_file_holds_every_kind_built_through_the_registry(results):
    from fazhi_desktop.core.registry import Registry

    _, data_dir = results
    with Registry.open(make_data.db_path(SCALE, data_dir)) as registry:
        assert [registry.count(k) for k in ("proposal", "suggestion", "mediation")] == [100] * 3
        assert registry.count("petition") == 3 * 120
        record = registry.dump("proposal")[0]
        assert record["reply"]["body"].startswith("一、关于")
        assert record["reply"]["body"] != registry.dump("proposal")[1]["reply"]["body"]


def test_every_measurement_gives_a_figure_or_says_what_has_not_landed(results):
    rows, _ = results
    names = " ".join(r.name for r in rows)
    for part in ("冷启动", "首屏", "排序", "筛选", "搜索2字词", "搜索4字词", "保存", "年度统计",
                 "命令行 stats", "答复件", "台账", "峰值内存", "数据文件"):
        assert part in names, part
    for row in rows:
        assert row.value is not None or row.value_text or row.verdict == "not available yet", row
        if row.value is not None and row.target is not None:
            assert row.verdict in ("PASS", "MISS")
            assert row.floor, f"{row.name} has no floor"


def test_search_terms_come_from_the_records_and_find_them(results):
    from cases_tables import sample_terms

    from fazhi_desktop.core.queries import TableQuery, seqs
    from fazhi_desktop.core.registry import Registry

    _, data_dir = results
    with Registry.open(make_data.db_path(SCALE, data_dir)) as registry:
        for length in (2, 4):
            terms = sample_terms(registry, "proposal", length, count=5)
            assert all(len(t) == length for t in terms)
            assert all(seqs(registry.store.conn, TableQuery("proposal", search=t)) for t in terms)


def test_the_table_prints_each_row_with_its_floor_ratio_and_verdict(results):
    rows, _ = results
    text = bench_run.table(rows)
    assert text.count("\n") == len(rows) + 1
    assert "倍数" in text and ("PASS" in text or "MISS" in text)
