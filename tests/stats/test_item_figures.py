"""办结率, 满意率, A/B/C/D and overdue of proposals and suggestions, against hand counts."""
from __future__ import annotations

import datetime as dt

from fazhi_desktop.core import stats
from fazhi_desktop.core.stats_text import report_lines

from .conftest import item

TODAY = dt.date(2023, 3, 1)


def test_67_suggestions_and_126_proposals_all_replied_read_as_seed_001(registry, add):
    add("suggestion", [item(n, session="区人大十届一次会议", assigned_date="2022-03-10",
                            status="closed" if n % 2 else "replied") for n in range(1, 68)])
    add("proposal", [item(n, assigned_date="2022-04-01", status="replied")
                     for n in range(1, 127)])
    figures = stats.year_figures(registry, 2022, today=TODAY)
    assert figures["suggestion"]["received"] == 67
    assert figures["proposal"]["received"] == 126
    assert figures["items_combined"]["completion_rate"] == 100.0
    assert "办理人大代表建议67件，政协委员提案126件，办结率100%" in report_lines(figures)


def test_rates_classes_and_overdue_match_a_hand_count(registry, add):
    # 10 proposals of 2022: 7 replied (4 of them closed with feedback), 3 still open.
    add("proposal", [
        item(1, assigned_date="2022-01-05", status="closed", satisfaction="satisfied", result_class="A"),
        item(2, assigned_date="2022-01-05", status="closed", satisfaction="satisfied", result_class="A"),
        item(3, assigned_date="2022-02-05", status="closed", satisfaction="basically_satisfied",
             result_class="B"),
        item(4, assigned_date="2022-02-05", status="closed", satisfaction="unsatisfied", result_class="C"),
        item(5, assigned_date="2022-03-05", status="replied", result_class="B"),
        item(6, assigned_date="2022-03-05", status="replied", result_class="D"),
        item(7, assigned_date="2022-03-05", status="replied", satisfaction="satisfied",
             reply={"date": "2022-07-01"}),                    # due 2022-06-05: replied late
        item(8, assigned_date="2022-11-20", status="pending"),      # due 2023-02-20: overdue
        item(9, assigned_date="2022-12-20", status="in_progress"),  # due 2023-03-20: not yet
        item(10, assigned_date="2022-06-01", status="in_progress", due_date="2023-02-28"),  # overdue
    ])
    fig = stats.item_figures(registry, "proposal", 2022, today=TODAY)
    assert fig["received"] == 10
    assert fig["replied"] == 7 and fig["closed"] == 4
    assert fig["completion_rate"] == 70.0
    # Feedback on 5: satisfied 3, basically 1, unsatisfied 1 -> (3 + 1) / 5 = 80%.
    assert (fig["with_feedback"], fig["satisfied"], fig["basically_satisfied"],
            fig["unsatisfied"]) == (5, 3, 1, 1)
    assert fig["satisfaction_rate"] == 80.0
    assert fig["classes"] == {"A": 2, "B": 2, "C": 1, "D": 1}
    assert fig["unclassified"] == 4
    assert fig["overdue"] == 2
    assert fig["replied_late"] == 1


def test_satisfaction_rate_rounds_half_up_to_one_decimal(registry, add):
    # 5 satisfied + 0 basically of 6 with feedback = 83.333..% -> 83.3%; 1 of 8 = 12.5%.
    add("suggestion", [item(n, session="区人大十届一次会议", assigned_date="2022-05-01",
                            status="closed", satisfaction="satisfied" if n <= 5 else "unsatisfied")
                       for n in range(1, 7)])
    assert stats.item_figures(registry, "suggestion", 2022)["satisfaction_rate"] == 83.3
    assert stats.percent(1, 8) == 12.5
    assert stats.percent(1, 16) == 6.3  # 6.25 rounds up, not to the even 6.2
    assert stats.percent(2, 3) == 66.7


def test_a_record_counts_in_its_assignment_year_else_its_reply_year(registry, add):
    add("proposal", [
        item(1, assigned_date="2021-12-31", status="replied", reply={"date": "2022-02-01"}),
        item(2, status="replied", reply={"date": "2022-02-01"}),   # no assigned date: 2022
        item(3, assigned_date="2022-01-01"),
        item(4),                                                   # neither date: no year
    ])
    ids = add("proposal", [item(5, assigned_date="2022-06-01")])
    registry.delete("proposal", ids[0])                            # the bin does not count
    assert stats.item_figures(registry, "proposal", 2021)["received"] == 1
    fig = stats.item_figures(registry, "proposal", 2022)
    assert fig["received"] == 2
    assert fig["undated"] == 1
    assert "另有1件未填交办日期和答复日期，未计入任何年度" in "\n".join(report_lines(
        stats.year_figures(registry, 2022)))


def test_an_empty_year_gives_dashes_not_zero_rates(registry):
    figures = stats.year_figures(registry, 2022)
    for kind in ("proposal", "suggestion"):
        assert figures[kind]["received"] == 0
        assert figures[kind]["completion_rate"] is None
        assert figures[kind]["satisfaction_rate"] is None
    assert figures["items_combined"]["completion_rate"] is None
    text = "\n".join(report_lines(figures))
    assert "办理人大代表建议0件，政协委员提案0件，办结率—" in text
    assert "满意率—（反馈意见0件" in text
    assert "0%" not in text


def test_26_suggestions_and_84_proposals_all_satisfied_read_as_seed_004(registry, add):
    add("suggestion", [item(n, session="区人大九届五次会议", assigned_date="2020-03-01",
                            status="closed", satisfaction="satisfied") for n in range(1, 27)])
    add("proposal", [item(n, session="区政协九届五次会议", assigned_date="2020-03-01",
                          status="closed",
                          satisfaction="basically_satisfied" if n % 3 else "satisfied")
                     for n in range(1, 85)])
    lines = report_lines(stats.year_figures(registry, 2020))
    assert "办理人大代表建议26件，政协委员提案84件，办结率100%，满意率均为100%" in lines
