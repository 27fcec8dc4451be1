from __future__ import annotations

import statistics

from benchmarks.goals import Goal, fields as goal_fields


def median(values: list[float]) -> float:
    return statistics.median(values)


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def row(figure: str, value: float, baseline_value: float, unit: str, baseline: str, goal: Goal | None = None,
        **extra) -> dict:
    """One figure of the table. `goal` (benchmarks.goals.Goal) adds goal, goal_spec and met."""
    return {
        "figure": figure,
        "value": round(value, 4),
        "baseline_value": round(baseline_value, 4),
        "unit": unit,
        "value_text": f"{value:.2f} {unit}",
        "baseline_text": f"{baseline_value:.2f} {unit}",
        "baseline": baseline,
        **goal_fields(goal, value, baseline_value, unit),
        **extra,
    }
