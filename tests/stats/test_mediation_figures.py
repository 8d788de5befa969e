"""Mediation cases of a year: accepted, successful, success rate, types and amounts."""
from __future__ import annotations

from fazhi_desktop.core import stats
from fazhi_desktop.core.stats_text import mediation_lines

from .conftest import case


def test_success_rate_types_and_amount_match_a_hand_count(registry, add):
    add("mediation", [
        case(1, accepted="2021-12-31", outcome="success", amount=99999),   # last year
        case(2, accepted="2022-01-01", dispute_type="婚姻家庭", outcome="success", amount=5000),
        case(3, accepted="2022-02-11", dispute_type="婚姻家庭", outcome="failure"),
        case(4, accepted="2022-05-20", dispute_type="物业", outcome="success", amount=1200.5,
             source="petition_referral"),
        case(5, accepted="2022-12-31", dispute_type="物业", source="court_referral"),  # pending
        case(6, accepted="2022-07-07", dispute_type="邻里", outcome="terminated"),
        case(7, accepted="2022-08-08", dispute_type="邻里", outcome="success", source="application"),
    ])
    fig = stats.mediation_figures(registry, 2022)
    assert fig["accepted"] == 6
    assert (fig["success"], fig["failure"], fig["terminated"], fig["pending"]) == (3, 1, 1, 1)
    assert fig["success_rate"] == 50.0             # 3 of 6 accepted
    assert fig["success_rate_concluded"] == 60.0   # 3 of the 5 concluded
    assert fig["amount"] == 6200.5
    assert [(t["type"], t["accepted"], t["success"]) for t in fig["by_type"]] == [
        ("婚姻家庭", 2, 1), ("邻里", 2, 1), ("物业", 2, 1)]
    assert fig["by_source"]["petition_referral"] == 1
    assert fig["by_source"]["court_referral"] == 1
    assert fig["source_unrecorded"] == 3
    lines = mediation_lines(fig)
    assert lines[0] == "受理调处各类矛盾纠纷6件，调处成功3件，调处成功率50%"
    assert "涉及金额6200.5元" in lines[1]
    assert "婚姻家庭2件（成功1件）" in lines[2]


def test_262_disputes_261_resolved_gives_99_6_per_cent(registry, add):
    add("mediation", [case(n, outcome="success" if n > 1 else "failure") for n in range(1, 263)])
    fig = stats.mediation_figures(registry, 2022)
    assert (fig["accepted"], fig["success"]) == (262, 261)
    assert fig["success_rate"] == 99.6


def test_a_year_without_cases_has_no_success_rate(registry):
    fig = stats.mediation_figures(registry, 2022)
    assert fig["accepted"] == 0 and fig["success_rate"] is None and fig["by_type"] == []
    assert mediation_lines(fig)[0] == "受理调处各类矛盾纠纷0件，调处成功0件，调处成功率—"
