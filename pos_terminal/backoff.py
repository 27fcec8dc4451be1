"""The wait before the next attempt of something that failed: exponential on an injected clock.
One rule for every retry queue (refund drafts, double-payment reports, the platform's webhooks and
mail), each with its own first wait and ceiling."""

from __future__ import annotations

from datetime import timedelta


def backoff(failures: int, *, first: timedelta = timedelta(seconds=5),
            ceiling: timedelta = timedelta(minutes=5)) -> timedelta:
    """`first` after the first failure, doubling with each further one, at most `ceiling`."""
    doublings = min(max(failures - 1, 0), 20)
    return min(ceiling, first * (1 << doublings))
