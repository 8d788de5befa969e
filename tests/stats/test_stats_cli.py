"""`fazhi-desktop --db FILE stats --year Y [--json]` through a real process, as a script uses it."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from .conftest import case, item, month


def run(*args):
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run([sys.executable, "-m", "fazhi_desktop", *map(str, args)],
                          capture_output=True, text=True, encoding="utf-8", env=env, timeout=120)


def _fill(registry):
    registry.add_many("suggestion", [item(n, session="区人大十届一次会议", assigned_date="2022-03-01",
                                          status="replied") for n in range(1, 68)])
    registry.add_many("proposal", [item(n, assigned_date="2022-03-01", status="closed",
                                        satisfaction="satisfied") for n in range(1, 127)])
    registry.add_many("mediation", [case(n, outcome="success" if n < 4 else "failure",
                                         amount=1000) for n in range(1, 5)])
    registry.add_many("petition", [
        month("区信访局", "2021-05", letters=20, to_city=100, to_county=130),
        month("区信访局", "2022-05", letters=10, to_city=40, to_county=50)])


def test_stats_prints_the_seed_sentences(registry, db_path):
    _fill(registry)
    result = run("--db", db_path, "stats", "--year", "2022")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "办理人大代表建议67件，政协委员提案126件，办结率100%，满意率分别为—、100%" in out
    assert "受理调处各类矛盾纠纷4件，调处成功3件，调处成功率75%" in out
    assert "京省市区乡五级信访总量90件，同比下降60.9%（按5月同期比较）" in out
    assert "信访总量10件（来信10件、来访0件、网上信访0件、电话0件），同比下降50%" in out


def test_stats_json_carries_the_numbers_and_nulls(registry, db_path):
    _fill(registry)
    result = run("--db", db_path, "stats", "--year", "2022", "--json")
    assert result.returncode == 0, result.stderr
    figures = json.loads(result.stdout)
    assert figures["year"] == 2022
    assert figures["suggestion"]["received"] == 67
    assert figures["items_combined"]["completion_rate"] == 100.0
    assert figures["suggestion"]["satisfaction_rate"] is None
    assert figures["mediation"]["success_rate"] == 75.0
    assert figures["mediation"]["amount"] == 4000
    assert figures["petition"]["yoy"]["level_total"] == -60.9
    first = json.loads(run("--db", db_path, "stats", "--year", "2021", "--json").stdout)
    assert first["petition"]["yoy"]["level_total"] is None   # 2020 has no data


def test_stats_refuses_a_nonsense_year(db_path):
    result = run("--db", db_path, "stats", "--year", "22")
    assert result.returncode == 2
    assert "年度“22”无效" in result.stderr
