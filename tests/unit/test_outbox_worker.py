"""The outbox worker's rules (sync.outbox_worker) against the port fakes: order, blocking,
backoff, poison rows set aside, the thread's wake and stop."""

from __future__ import annotations

import threading
import time
from datetime import timedelta

import pytest

from pos_terminal.domain.model import OutboxMessage
from pos_terminal.ports import AuthenticationFailed, PlatformRefused, PlatformUnavailable
from sync.outbox_worker import OutboxWorker, requeue
from tests.fakes import FakeClock, FakePlatform, FakeUnitOfWork


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def uow():
    return FakeUnitOfWork()


@pytest.fixture
def platform():
    return FakePlatform()


def queue(uow, clock, platform, n):
    with uow:
        for i in range(1, n + 1):
            no = f"PO{i:012d}"
            platform.add_order({"order_no": no})
            msg = OutboxMessage("settlement", {"settlement_id": f"s-{i}", "order_no": no}, created_at=clock.now())
            msg.seq = len(uow.outbox.s.outbox) + 1
            uow.outbox.s.outbox.append(msg)
        uow.commit()


def worker(uow, platform, clock, **kw):
    return OutboxWorker(lambda: uow, platform, clock, **kw)


def sent_ids(platform):
    return [c[1] for c in platform.calls if c[0] == "post_settlement"]


def test_drains_in_seq_order_with_the_rows_key(uow, platform, clock):
    queue(uow, clock, platform, 5)
    result = worker(uow, platform, clock).drain_once()
    assert (result.sent, result.left, result.complete, result.outcomes) == (5, 0, True, {"paid": 5})
    assert sent_ids(platform) == [f"s-{i}" for i in range(1, 6)]
    with uow:
        rows = uow.outbox.s.outbox
        assert all(r.sent_at is not None and r.outcome == "paid" for r in rows)
        assert [c[2] for c in platform.calls] == [r.idempotency_key for r in rows]


def test_a_failing_row_blocks_the_rows_after_it_and_backs_off(uow, platform, clock):
    queue(uow, clock, platform, 3)
    platform.fail_next = [PlatformUnavailable("platform unreachable: connection refused")]
    w = worker(uow, platform, clock, backoff_base=timedelta(seconds=2))
    result = w.drain_once()
    assert (result.sent, result.left) == (0, 3) and "connection refused" in result.blocked_by
    with uow:
        first = uow.outbox.get(1)
        assert first.attempts == 1 and "connection refused" in first.last_error
        delay1 = (first.next_attempt_at - clock.now()).total_seconds()
    assert 1.5 <= delay1 <= 2.5
    # not forced: the backoff holds the queue
    assert w.drain_once(force=False).sent == 0 and sent_ids(platform) == ["s-1"]  # the one failed try
    platform.fail_next = [PlatformUnavailable("platform unreachable: timeout")]
    w.drain_once()
    with uow:
        assert 3.0 <= (uow.outbox.get(1).next_attempt_at - clock.now()).total_seconds() <= 5.0  # doubled
    clock.advance(seconds=10)
    result = w.drain_once(force=False)
    assert result.sent == 3 and sent_ids(platform) == ["s-1", "s-1", "s-1", "s-2", "s-3"]


def test_a_poison_row_is_set_aside_and_later_rows_still_go(uow, platform, clock):
    queue(uow, clock, platform, 3)
    platform.fail_next = [PlatformRefused("unknown_order", "the platform refused POST /settlements: unknown_order",
                                          status=404)]
    result = worker(uow, platform, clock).drain_once()
    assert (result.sent, result.set_aside, result.left, result.attention, result.complete) == (2, 1, 0, 1, False)
    with uow:
        dead = uow.outbox.attention()
        assert [d.seq for d in dead] == [1] and "unknown_order" in dead[0].last_error and dead[0].sent_at is None
    assert requeue(lambda: uow) == 1
    result = worker(uow, platform, clock).drain_once()
    assert (result.sent, result.attention, result.complete) == (1, 0, True)


def test_a_refused_credential_blocks_instead_of_setting_rows_aside(uow, platform, clock):
    queue(uow, clock, platform, 2)
    platform.fail_next = [AuthenticationFailed("bad_credentials", "the platform refused this terminal's credential")]
    result = worker(uow, platform, clock).drain_once()
    assert (result.sent, result.set_aside, result.left) == (0, 0, 2) and "credential" in result.blocked_by


def test_limit_drains_part(uow, platform, clock):
    queue(uow, clock, platform, 5)
    assert worker(uow, platform, clock).drain_once(limit=2).left == 3
    assert sent_ids(platform) == ["s-1", "s-2"]


def test_the_thread_drains_on_wake_and_stops_promptly(uow, platform, clock):
    w = worker(uow, platform, clock, idle_poll_s=60)
    ran = threading.Event()
    w.housekeeping = (ran.set,)
    w.start()
    assert ran.wait(5)
    queue(uow, clock, platform, 2)
    w.wake()
    deadline = time.monotonic() + 5
    while len(sent_ids(platform)) < 2 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert sent_ids(platform) == ["s-1", "s-2"]
    t0 = time.monotonic()
    w.stop()
    assert not w.running and time.monotonic() - t0 < 2


def test_housekeeping_errors_do_not_end_the_thread(uow, platform, clock):
    calls = []

    def broken():
        calls.append(1)
        raise RuntimeError("key refresh failed")

    w = worker(uow, platform, clock, idle_poll_s=0.05, housekeeping=(broken,)).start()
    deadline = time.monotonic() + 5
    while len(calls) < 3 and time.monotonic() < deadline:
        time.sleep(0.01)
    assert w.running and len(calls) >= 3
    w.stop()
