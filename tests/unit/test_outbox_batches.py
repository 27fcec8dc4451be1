"""The outbox worker's batches (sync.outbox_worker) against the port fakes: one POST and one commit
per batch, the answers per item (sent, set aside, a transient refusal that blocks), a repeat
answered duplicate, a batch that gets no answer, and the fall back to single POSTs on a platform
without the batch endpoint."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pos_terminal.domain.model import OutboxMessage
from pos_terminal.ports import PlatformRefused, PlatformUnavailable
from sync.outbox_worker import OutboxWorker
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


def queue(uow, clock, platform, n, *, known=True):
    """n settlement rows; `known`: the platform has their orders."""
    with uow:
        start = len(uow.outbox.s.outbox)
        for i in range(start + 1, start + n + 1):
            no = f"PO{i:012d}"
            if known:
                platform.add_order({"order_no": no})
            msg = OutboxMessage("settlement", {"settlement_id": f"s-{i}", "order_no": no}, created_at=clock.now())
            msg.seq = i
            uow.outbox.s.outbox.append(msg)
        uow.commit()


def rows(uow):
    with uow:
        return list(uow.outbox.s.outbox)


def test_one_post_and_one_commit_per_batch(uow, platform, clock):
    queue(uow, clock, platform, 25)
    commits = uow.commits
    result = OutboxWorker(lambda: uow, platform, clock, send_batch=10).drain_once()
    assert (result.sent, result.left, result.complete, result.outcomes) == (25, 0, True, {"paid": 25})
    assert [len(b) for b in platform.batches] == [10, 10, 5]
    assert uow.commits - commits == 3  # not 25
    assert [k for b in platform.batches for k in b] == [r.idempotency_key for r in rows(uow)]  # in seq order


def test_a_repeat_of_recorded_rows_is_answered_duplicate_and_recorded_once(uow, platform, clock):
    """What a kill -9 between the answer and the commit leaves: rows the platform has, unsent here."""
    queue(uow, clock, platform, 4)
    platform.post_settlements([(r.payload, r.idempotency_key) for r in rows(uow)[:3]])  # the answer that was lost
    result = OutboxWorker(lambda: uow, platform, clock).drain_once()
    assert (result.sent, result.replayed, result.outcomes) == (4, 3, {"paid": 4})
    assert len(platform.settlements) == 4 and all(r.sent_at is not None for r in rows(uow))


def test_an_item_refused_for_good_is_set_aside_and_the_rest_of_the_batch_is_sent(uow, platform, clock):
    queue(uow, clock, platform, 2)
    queue(uow, clock, platform, 1, known=False)  # seq 3: an order the platform does not know
    queue(uow, clock, platform, 2)
    commits = uow.commits
    result = OutboxWorker(lambda: uow, platform, clock).drain_once()
    assert (result.sent, result.set_aside, result.left, result.attention) == (4, 1, 0, 1)
    assert uow.commits - commits == 1  # the refusal in the same commit as the rest
    dead = [r for r in rows(uow) if r.dead_at is not None]
    assert [r.seq for r in dead] == [3] and "unknown_order" in dead[0].last_error and dead[0].sent_at is None


class TransientItem(FakePlatform):
    """Answers the item of `order_no` with a 503 (a refusal that may pass), the others as usual."""

    def __init__(self, order_no):
        super().__init__()
        self.order_no = order_no

    def post_settlements(self, items):
        answers = super().post_settlements([i for i in items if i[0]["order_no"] != self.order_no])
        out = iter(answers)
        return [{"idempotency_key": key, "settlement_id": payload["settlement_id"], "result": "refused",
                 "status": 503, "reason": "overloaded", "answer": {"error": "overloaded", "message": "try later"}}
                if payload["order_no"] == self.order_no else next(out) for payload, key in items]


def test_a_transient_item_refusal_blocks_its_row_and_the_rows_after_it(uow, clock):
    platform = TransientItem("PO000000000003")
    queue(uow, clock, platform, 5)
    w = OutboxWorker(lambda: uow, platform, clock, backoff_base=timedelta(seconds=2))
    result = w.drain_once()
    assert (result.sent, result.left) == (2, 3) and "overloaded" in result.blocked_by
    third = rows(uow)[2]
    assert third.attempts == 1 and third.next_attempt_at > clock.now() and third.sent_at is None
    assert [r.sent_at is None for r in rows(uow)] == [False, False, True, True, True]  # nothing overtook it
    assert w.drain_once(force=False).sent == 0  # its backoff holds the queue
    platform.order_no = None
    clock.advance(seconds=10)
    result = w.drain_once(force=False)
    assert (result.sent, result.replayed, result.left) == (3, 2, 0)  # 4 and 5 had been recorded: duplicates


def test_a_batch_without_an_answer_backs_off_on_its_first_row_and_halves_the_next(uow, platform, clock):
    queue(uow, clock, platform, 8)
    w = OutboxWorker(lambda: uow, platform, clock, send_batch=8)
    platform.fail_next = [PlatformUnavailable("platform unreachable: no answer within 5 s")]
    result = w.drain_once()
    assert (result.sent, result.left) == (0, 8) and "no answer" in result.blocked_by
    assert [r.attempts for r in rows(uow)] == [1, 0, 0, 0, 0, 0, 0, 0]
    assert platform.settlements == {}  # the failed batch recorded nothing (one transaction)
    platform.fail_next = [PlatformUnavailable("platform unreachable: no answer within 5 s")]
    w.drain_once()
    assert rows(uow)[0].attempts == 2
    result = w.drain_once()
    assert result.sent == 8
    assert [len(b) for b in platform.batches] == [8, 4, 2, 4, 2]  # halved twice, then doubling back


def test_an_older_platform_gets_single_posts_until_it_is_asked_again(uow, platform, clock):
    platform.batch_endpoint = False
    queue(uow, clock, platform, 3)
    commits = uow.commits
    w = OutboxWorker(lambda: uow, platform, clock, batch_retry_after=timedelta(minutes=10))
    result = w.drain_once()
    assert (result.sent, result.left) == (3, 0)
    assert len(platform.batches) == 1  # asked once
    assert [c[1] for c in platform.calls if c[0] == "post_settlement"] == ["s-1", "s-2", "s-3"]
    assert uow.commits - commits == 3  # one per row, as before batches
    queue(uow, clock, platform, 2)
    assert w.drain_once().sent == 2 and len(platform.batches) == 1  # not asked again yet
    platform.batch_endpoint = True  # the platform was upgraded
    clock.advance(minutes=11)
    queue(uow, clock, platform, 2)
    assert w.drain_once().sent == 2 and [len(b) for b in platform.batches] == [3, 2]


class RefusesOneBatch(FakePlatform):
    """Refuses the next batch as a whole (413 too_large), then answers as usual."""

    refused = False

    def post_settlements(self, items):
        if not self.refused:
            self.refused = True
            self.batches.append([key for _payload, key in items])
            raise PlatformRefused("too_large", "the platform refused POST /settlements/batch: too_large", status=413)
        return super().post_settlements(items)


def test_a_batch_refused_as_a_whole_is_sent_row_by_row(uow, clock):
    platform = RefusesOneBatch()
    queue(uow, clock, platform, 3)
    w = OutboxWorker(lambda: uow, platform, clock)
    result = w.drain_once()
    assert (result.sent, result.left) == (3, 0)
    assert [c[1] for c in platform.calls if c[0] == "post_settlement"] == ["s-1", "s-2", "s-3"]
    queue(uow, clock, platform, 2)
    assert w.drain_once().sent == 2 and [len(b) for b in platform.batches] == [3, 2]  # batches again


def test_send_batch_0_sends_one_post_per_row(uow, platform, clock):
    queue(uow, clock, platform, 3)
    result = OutboxWorker(lambda: uow, platform, clock, send_batch=0).drain_once()
    assert result.sent == 3 and platform.batches == []


def test_a_row_of_another_topic_goes_alone_between_batches(uow, platform, clock):
    queue(uow, clock, platform, 2)
    with uow:
        odd = OutboxMessage("refund_request", {"x": 1}, created_at=clock.now())
        odd.seq = 3
        uow.outbox.s.outbox.append(odd)
        uow.commit()
    queue(uow, clock, platform, 2)
    result = OutboxWorker(lambda: uow, platform, clock).drain_once()
    assert (result.sent, result.set_aside) == (4, 1)
    assert [len(b) for b in platform.batches] == [2, 2]
    assert "unknown outbox topic" in rows(uow)[2].last_error
