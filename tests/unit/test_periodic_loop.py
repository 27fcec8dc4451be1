"""sync.periodic.PeriodicLoop: the background loop refund housekeeping runs on (beside the outbox
worker). Every wait ends on an event; the interval is long so that only wake() can start a round."""

from __future__ import annotations

import threading

from sync.periodic import PeriodicLoop

WAIT_S = 10.0


def test_a_failing_job_does_not_end_the_loop_and_wake_runs_a_round_at_once():
    rounds = []
    second = threading.Event()

    def broken():
        raise RuntimeError("platform hiccup")

    def counted():
        rounds.append(1)
        if len(rounds) == 2:
            second.set()

    loop = PeriodicLoop((broken, counted), interval_s=3600, name="test-loop").start()
    try:
        loop.wake()  # the first round ran at start; the wake starts the second without the hour's wait
        assert second.wait(WAIT_S)
        assert loop.running
    finally:
        loop.stop()
    assert not loop.running


def test_stop_returns_while_a_job_is_held_and_the_thread_is_left_to_it():
    entered, release = threading.Event(), threading.Event()

    def held():
        entered.set()
        release.wait(WAIT_S)

    loop = PeriodicLoop((held,), interval_s=3600, name="held-loop", join_timeout_s=0.1).start()
    assert entered.wait(WAIT_S)
    loop.stop()  # returns after join_timeout_s although the job is still in its call
    assert loop.rounds == 0
    release.set()
