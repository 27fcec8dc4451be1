"""The goal a benchmark figure must reach, written beside the figure and checked in the same run.

A goal is one or more bounds, all of which must hold (issue 14's table):
- max_ratio: value / baseline <= max_ratio          ("≤ 3× baseline", a time)
- min_ratio: value / baseline >= min_ratio          ("≥ 3× baseline", a throughput)
- min_value: value >= min_value, in the row's unit  ("≥ 500 settlements/s")
- max_value: value <= max_value, in the row's unit  ("≤ 300 MB")
- max_above: value - baseline <= max_above, unit    ("≤ baseline + 2 ms")

Give it to stats.row as `goal=`: the row then carries `goal` (the text), `goal_spec` (the bounds)
and `met` ("met", "NOT met"); a row without a goal says "no goal".

    from benchmarks.goals import Goal
    row(..., goal=Goal(max_ratio=3))
    row(..., goal=Goal(min_value=500, min_ratio=3))
    row(..., goal=Goal(max_above=2))
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

MET, NOT_MET, NO_GOAL = "met", "NOT met", "no goal"


@dataclass(frozen=True)
class Goal:
    max_ratio: float | None = None
    min_ratio: float | None = None
    min_value: float | None = None
    max_value: float | None = None
    max_above: float | None = None
    text: str | None = None  # overrides the text made from the bounds

    def __post_init__(self) -> None:
        bounds = [b for b in (self.max_ratio, self.min_ratio, self.min_value, self.max_value, self.max_above)
                  if b is not None]
        if not bounds:
            raise ValueError("a goal needs at least one bound (max_ratio, min_ratio, min_value, max_value, max_above)")
        for name in ("max_ratio", "min_ratio"):
            v = getattr(self, name)
            if v is not None and v <= 0:
                raise ValueError(f"{name} must be positive, got {v}")

    def describe(self, unit: str) -> str:
        if self.text:
            return self.text
        parts = []
        if self.max_ratio is not None:
            parts.append(f"≤ {self.max_ratio:g}× baseline")
        if self.min_ratio is not None:
            parts.append(f"≥ {self.min_ratio:g}× baseline")
        if self.min_value is not None:
            parts.append(f"≥ {self.min_value:g} {unit}")
        if self.max_value is not None:
            parts.append(f"≤ {self.max_value:g} {unit}")
        if self.max_above is not None:
            parts.append(f"≤ baseline + {self.max_above:g} {unit}")
        return " and ".join(parts)

    def failures(self, value: float, baseline_value: float | None) -> list[str]:
        """The bounds the figure misses, as text; empty when the goal is met."""
        out = []
        needs_baseline = any(b is not None for b in (self.max_ratio, self.min_ratio, self.max_above))
        if needs_baseline and not baseline_value:
            return ["no baseline measured"]
        if self.max_ratio is not None and value > self.max_ratio * baseline_value:
            out.append(f"ratio {value / baseline_value:.2f} > {self.max_ratio:g}")
        if self.min_ratio is not None and value < self.min_ratio * baseline_value:
            out.append(f"ratio {value / baseline_value:.2f} < {self.min_ratio:g}")
        if self.min_value is not None and value < self.min_value:
            out.append(f"{value:g} < {self.min_value:g}")
        if self.max_value is not None and value > self.max_value:
            out.append(f"{value:g} > {self.max_value:g}")
        if self.max_above is not None and value - baseline_value > self.max_above:
            out.append(f"{value - baseline_value:.2f} above baseline > {self.max_above:g}")
        return out

    def spec(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None and k != "text"}

    @classmethod
    def from_spec(cls, spec: dict, text: str | None = None) -> "Goal":
        return cls(text=text, **spec)


def judge(row: dict) -> str:
    """"met", "NOT met" or "no goal" for a row dict made by stats.row (recomputed from its spec)."""
    spec = row.get("goal_spec")
    if not spec:
        return NO_GOAL
    goal = Goal.from_spec(spec)
    return NOT_MET if goal.failures(row["value"], row.get("baseline_value")) else MET


def fields(goal: Goal | None, value: float, baseline_value: float | None, unit: str) -> dict:
    """What stats.row adds to a row for its goal."""
    if goal is None:
        return {"goal": None, "goal_spec": None, "met": NO_GOAL}
    missed = goal.failures(value, baseline_value)
    out = {"goal": goal.describe(unit), "goal_spec": goal.spec(), "met": NOT_MET if missed else MET}
    if missed:
        out["missed_by"] = "; ".join(missed)
    return out
