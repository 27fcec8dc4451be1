"""Counter movements for the platform (pos_terminal.services.counter_money) and their way out
through the outbox worker's topic registry (sync.outbox_worker.TOPICS), against the port fakes:
the business day of a movement (the calendar rule, the day-change hour, after the Z), the payload,
and each topic sent with its own client call and key, in seq order with the settlements."""

from __future__ import annotations

import uuid
from datetime import date, datetime, timedelta, timezone

import pytest

from pos_terminal.domain.model import OutboxMessage
from pos_terminal.services import counter_money
from sync.outbox_worker import TOPICS, OutboxWorker
from tests.fakes import FakeClock, FakePlatform, FakeUnitOfWork

ZONE = "Asia/Shanghai"


def at(hour: int, minute: int = 0, day: int = 14) -> datetime:
    """`hour`:`minute` in Shanghai on 2030-03-`day`, as an aware UTC instant."""
    return datetime(2030, 3, day, hour, minute, tzinfo=timezone(timedelta(hours=8))).astimezone(timezone.utc)


def test_the_business_day_of_a_movement():
    uow = FakeUnitOfWork()
    with uow:
        assert counter_money.business_date_at(uow, "T01", ZONE, 0, at(23, 59)) == date(2030, 3, 14)
        assert counter_money.business_date_at(uow, "T01", ZONE, 4, at(2, 0, day=15)) == date(2030, 3, 14)
        assert counter_money.business_date_at(uow, "T01", ZONE, 4, at(4, 0, day=15)) == date(2030, 3, 15)
        uow.days.add_closed(terminal_id="T01", business_date=date(2030, 3, 14), z_no=1, closed_at=at(21),
                            closed_by=uuid.uuid4(), report={})
        uow.commit()
    with uow:
        assert counter_money.business_date_at(uow, "T01", ZONE, 0, at(20, 59)) == date(2030, 3, 14)
        assert counter_money.business_date_at(uow, "T01", ZONE, 0, at(21)) == date(2030, 3, 15)  # after the Z
        assert counter_money.business_date_at(uow, "T02", ZONE, 0, at(22)) == date(2030, 3, 14)  # its own Z only


def test_the_payload_names_the_tenders_as_the_statement_does():
    body = counter_money.movement_payload(
        kind="refund", ref="c/1", order_no="PO1", tenders=(("prepaid_card", 300), ("cash", 200), ("cash", 50)),
        currency="CNY", at=at(10), business_date=date(2030, 3, 14), store_id="S", terminal_id="T01",
        refund_case_id="c", leg_index=1, receipt_no=None)
    assert body["tenders"] == [{"tender": "cash", "amount_minor": 250}, {"tender": "prepaid", "amount_minor": 300}]
    assert (body["amount_minor"], body["business_date"], body["leg_index"]) == (550, "2030-03-14", 1)
    assert "receipt_no" not in body and body["at"] == at(10).isoformat()
    with pytest.raises(ValueError):
        counter_money.movement_payload(kind="void", ref="x", order_no="PO1", tenders=(("online", 100),),
                                       currency="CNY", at=at(10), business_date=date(2030, 3, 14), store_id="S",
                                       terminal_id="T01")
    with pytest.raises(ValueError):
        counter_money.movement_payload(kind="void", ref="x", order_no="PO1", tenders=(("cash", 0),),
                                       currency="CNY", at=at(10), business_date=date(2030, 3, 14), store_id="S",
                                       terminal_id="T01")
    with pytest.raises(ValueError):
        counter_money.queue(FakeUnitOfWork(), "remittance-typo", body, at(10), "T01")


def test_each_topic_goes_with_its_own_call_and_key_in_seq_order():
    clock, uow, platform = FakeClock(at(10)), FakeUnitOfWork(), FakePlatform()
    platform.add_order({"order_no": "PO1"})
    rows = [OutboxMessage("settlement", {"settlement_id": "s-1", "order_no": "PO1"}, created_at=clock.now())]
    for topic, kind in (("counter_refund", "refund"), ("void", "void"), ("double_payment_payback",
                                                                         "double_payment_payback")):
        rows.append(OutboxMessage(topic, counter_money.movement_payload(
            kind=kind, ref=f"r-{kind}", order_no="PO1", tenders=(("cash", 100),), currency="CNY", at=clock.now(),
            business_date=date(2030, 3, 14), store_id="demo-store", terminal_id="T01"), created_at=clock.now()))
    rows.append(OutboxMessage("from_a_newer_version", {"x": 1}, created_at=clock.now()))
    with uow:
        for n, row in enumerate(rows, 1):
            row.seq = n
            uow.outbox.s.outbox.append(row)
        uow.commit()
    result = OutboxWorker(lambda: uow, platform, clock, send_batch=0).drain_once()
    assert (result.sent, result.set_aside, result.left) == (4, 1, 0)
    assert [c[0] for c in platform.calls] == ["post_settlement"] + ["post_counter_movement"] * 3
    assert [c[-1] for c in platform.calls] == [r.idempotency_key for r in rows[:4]]
    assert sorted(platform.movements) == [("double_payment_payback", "r-double_payment_payback"),
                                          ("refund", "r-refund"), ("void", "r-void")]
    with uow:
        stored = uow.outbox.s.outbox
        assert stored[-1].dead_at is not None and "unknown outbox topic" in stored[-1].last_error
    assert {t: TOPICS[t] for t in counter_money.TOPICS} == dict.fromkeys(counter_money.TOPICS,
                                                                         "post_counter_movement")
