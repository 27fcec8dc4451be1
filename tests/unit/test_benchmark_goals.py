"""benchmarks.goals: each figure's goal from issue 14 and whether the figure meets it."""

from __future__ import annotations

import pytest

from benchmarks.__main__ import print_table
from benchmarks.goals import MET, NO_GOAL, NOT_MET, Goal, judge
from benchmarks.stats import row


def test_a_time_within_its_ratio_is_met_and_one_above_is_not():
    assert row("t", 2.9, 1.0, "ms", "b", goal=Goal(max_ratio=3))["met"] == MET
    missed = row("t", 3.1, 1.0, "ms", "b", goal=Goal(max_ratio=3))
    assert missed["met"] == NOT_MET and "3.10 > 3" in missed["missed_by"]
    assert missed["goal"] == "≤ 3× baseline" and missed["goal_spec"] == {"max_ratio": 3}


def test_a_throughput_needs_every_bound():
    goal = Goal(min_value=500, min_ratio=3)
    assert row("o", 600, 150, "settlements/s", "b", goal=goal)["met"] == MET
    assert row("o", 600, 250, "settlements/s", "b", goal=goal)["met"] == NOT_MET  # 2.4x
    assert row("o", 450, 100, "settlements/s", "b", goal=goal)["met"] == NOT_MET  # below 500/s
    assert row("o", 600, 150, "settlements/s", "b", goal=goal)["goal"] == "≥ 3× baseline and ≥ 500 settlements/s"


def test_absolute_and_above_baseline_bounds():
    assert row("m", 299, 70, "MB", "b", goal=Goal(max_value=300))["met"] == MET
    assert row("m", 301, 70, "MB", "b", goal=Goal(max_value=300))["met"] == NOT_MET
    assert row("s", 2.2, 0.25, "ms", "b", goal=Goal(max_above=2))["met"] == MET
    assert row("s", 2.3, 0.25, "ms", "b", goal=Goal(max_above=2))["met"] == NOT_MET


def test_a_ratio_without_a_baseline_is_not_met():
    assert row("t", 1.0, 0.0, "ms", "b", goal=Goal(max_ratio=3))["met"] == NOT_MET


def test_a_goal_needs_a_bound():
    with pytest.raises(ValueError, match="at least one bound"):
        Goal()
    with pytest.raises(ValueError, match="positive"):
        Goal(max_ratio=0)


def test_the_table_prints_goal_and_met_and_judges_rows_again(capsys):
    rows = [row("slow", 10, 2, "ms", "bare", goal=Goal(max_ratio=3)), row("free", 1, 1, "ms", "bare"),
            {"figure": "old", "value": 1, "baseline_value": 1, "value_text": "1", "baseline_text": "1",
             "baseline": "b"}]
    print_table(rows)
    out = capsys.readouterr().out
    header = out.splitlines()[0]
    assert "| goal" in header and "| met" in header
    assert "NOT met" in out.splitlines()[2] and "no goal" in out.splitlines()[3]
    assert [judge(r) for r in rows] == [NOT_MET, NO_GOAL, NO_GOAL]
    assert "goals: 0 met, 1 NOT met, 2 rows without a goal" in out
