"""benchmarks.scan_spans: a step's start and end are recorded only while a scan is being timed,
and only the first of each (a step that runs again before the order is shown keeps its first)."""

from __future__ import annotations

from types import SimpleNamespace

from benchmarks.scan_spans import _wrap


def test_a_step_is_timed_only_between_the_post_and_the_order_shown():
    calls = []
    owner = SimpleNamespace(step=lambda x: calls.append(x) or x * 2)
    marks: dict[str, float] = {}
    _wrap(owner, "step", "s", marks)

    assert owner.step(1) == 2 and marks == {}  # no scan posted yet: nothing recorded
    marks["posted"] = 0.0
    owner.step(2)
    first = (marks["s >"], marks["s <"])
    owner.step(3)  # the same step again within the scan: its first run is the one kept
    assert (marks["s >"], marks["s <"]) == first and first[0] <= first[1]
    marks["order shown"] = first[1]
    marks.pop("s <")
    owner.step(4)  # after the order is shown (the next sale's reset): belongs to no scan
    assert "s <" not in marks and calls == [1, 2, 3, 4]
