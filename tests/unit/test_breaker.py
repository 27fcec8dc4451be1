"""sync.breaker.CircuitBreaker on an injected monotonic clock."""

from __future__ import annotations

from sync.breaker import CLOSED, HALF_OPEN, OPEN, CircuitBreaker


class Monotonic:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_one_failure_opens_and_counter_calls_stop_until_an_answer():
    clock = Monotonic()
    breaker = CircuitBreaker(clock=clock, retry_after_s=30)
    seen = []
    breaker.add_listener(seen.append)
    assert breaker.allow() and not breaker.known_down
    breaker.failed("no answer within 1 s")
    assert breaker.state == OPEN and breaker.known_down and breaker.last_error == "no answer within 1 s"
    clock.t += 29.9
    assert not breaker.allow()
    breaker.succeeded()  # e.g. the background probe got an answer
    assert breaker.state == CLOSED and breaker.allow()
    assert seen == [OPEN, CLOSED]


def test_a_trial_after_retry_after_then_reopen_or_close():
    clock = Monotonic()
    breaker = CircuitBreaker(clock=clock, retry_after_s=30)
    breaker.failed("refused")
    clock.t += 30
    assert breaker.allow()  # one trial
    assert breaker.state == HALF_OPEN
    assert not breaker.allow()  # only one at a time
    breaker.failed("refused again")
    assert breaker.state == OPEN and not breaker.allow()
    clock.t += 30
    assert breaker.allow()
    breaker.succeeded()
    assert breaker.state == CLOSED


def test_a_trial_that_never_reports_does_not_block_for_ever():
    clock = Monotonic()
    breaker = CircuitBreaker(clock=clock, retry_after_s=10)
    breaker.failed("x")
    clock.t += 10
    assert breaker.allow()
    clock.t += 5
    assert not breaker.allow()
    clock.t += 5
    assert breaker.allow()


def test_failures_while_open_keep_it_open_from_the_latest():
    clock = Monotonic()
    breaker = CircuitBreaker(clock=clock, retry_after_s=30)
    breaker.failed("a")
    clock.t += 20
    breaker.failed("b")  # the outbox worker's retry failed too: fresher knowledge
    clock.t += 20
    assert not breaker.allow() and breaker.last_error == "b"


def test_fail_max_counts_consecutive_failures():
    breaker = CircuitBreaker(clock=Monotonic(), fail_max=2)
    breaker.failed("a")
    assert breaker.state == CLOSED
    breaker.succeeded()
    breaker.failed("b")
    assert breaker.state == CLOSED
    breaker.failed("c")
    assert breaker.state == OPEN
