"""The reads of a scan (pos_terminal/storage/scan_reads.py) on SQLite and on a throwaway
PostgreSQL: "has this terminal paid the order?" and the terminal's open bank-card requests
answer as the ORM reads do; they take no write lock (a writer holding the SQLite database does
not hold up a scan), yet see what their unit of work has not flushed yet, and a write after
them in the same unit of work commits as before."""

from __future__ import annotations

import sqlite3
from datetime import timedelta

import pytest

from pos_terminal.clock import SystemClock
from pos_terminal.domain.errors import AlreadyPaid
from pos_terminal.domain.model import CardRequest, CardRequestKind, CardRequestState
from pos_terminal.money import Money
from pos_terminal.services import orders
from pos_terminal.services.checkout import open_card_rows
from tests.integration.test_sale_rows import cashier, record, spec  # noqa: F401

CLOCK = SystemClock()


def _orm_rows(uow, terminal_id: str) -> list[tuple]:
    return [(r.request_id, r.order_no, r.amount.minor, r.amount.currency, r.state, r.card_reference,
             r.approval_code, r.card_last4) for r in uow.card_requests.open_for_terminal(terminal_id)]


def _card_requests(uow_factory) -> None:
    now = CLOCK.now()
    approved = CardRequest("req-b", "T01", "O-2", Money(3380), "O-2-1", created_at=now - timedelta(minutes=3))
    approved.approved("123456", "4242", "ref-b", now)
    declined = CardRequest("req-c", "T01", "O-3", Money(100), "O-3-1", created_at=now - timedelta(minutes=2))
    declined.not_charged(now)
    with uow_factory() as uow:
        for request in (
            CardRequest("req-a", "T01", "O-2", Money(500), "O-2-2", created_at=now - timedelta(minutes=1)),
            approved, declined,
            CardRequest("req-d", "T09", "O-4", Money(700), "O-4-1", created_at=now),  # another terminal's
            CardRequest("req-e", "T01", "O-2", Money(900), "O-2-3", created_at=now,
                        kind=CardRequestKind.PREPAID_DEBIT),  # not a bank card
        ):
            uow.card_requests.add(request)
        uow.commit()


def test_paid_receipt_answers_as_the_orm_does(uow_factory, cashier):  # noqa: F811
    record(uow_factory, cashier, spec("O-1"))
    with uow_factory() as uow:
        paid = uow.sales.paid_receipt("O-1")
        assert paid is not None and paid.receipt_no == uow.sales.paid_for_order("O-1").receipt_no
        assert uow.sales.paid_receipt("O-2") is None


def test_open_rows_answer_as_the_orm_does(uow_factory):
    _card_requests(uow_factory)
    with uow_factory() as uow:
        rows = uow.card_requests.open_rows("T01")
        assert rows == _orm_rows(uow, "T01")
    assert [r.request_id for r in rows] == ["req-b", "req-a"]  # SENT and APPROVED bank cards, oldest first
    assert rows[0].state is CardRequestState.APPROVED and (rows[0].approval_code, rows[0].card_last4,
                                                           rows[0].card_reference) == ("123456", "4242", "ref-b")
    assert rows[1].state is CardRequestState.SENT and rows[1].amount_minor == 500 and rows[1].currency == "CNY"


def test_a_scan_reads_while_a_writer_holds_the_sqlite_database(engine, uow_factory, cashier):  # noqa: F811
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite's database-wide write lock")
    record(uow_factory, cashier, spec("O-1"))
    _card_requests(uow_factory)
    writer = sqlite3.connect(engine.url.database, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # e.g. the outbox drain committing a batch
    try:
        with pytest.raises(AlreadyPaid) as paid:
            orders._paid_here(uow_factory(), "O-1")
        assert paid.value.params["receipt_no"] == 1
        seen: list = []
        orders._paid_here(uow_factory(), "O-2", also_read=lambda uow: seen.append(open_card_rows(uow, "T01")))
        assert [[r[0] for r in rows] for rows in seen] == [["req-b", "req-a"]]
    finally:
        writer.rollback()
        writer.close()


def test_the_reads_see_what_the_unit_of_work_has_not_flushed_and_a_write_after_them_commits(uow_factory):
    now = CLOCK.now()
    with uow_factory() as uow:
        assert uow.card_requests.open_rows("T01") == [] and uow.sales.paid_receipt("O-7") is None
        uow.card_requests.add(CardRequest("req-p", "T01", "O-7", Money(250), "O-7-1", created_at=now))
        assert [r.request_id for r in uow.card_requests.open_rows("T01")] == ["req-p"]  # flushed first
        uow.commit()
    with uow_factory() as uow:
        assert [r.request_id for r in uow.card_requests.open_rows("T01")] == ["req-p"]


def test_the_z_close_time_answers_as_the_orm_does(uow_factory, cashier):  # noqa: F811
    """A sale's business date asks uow.days.closed_at (a prepared read): the Z's close time of that
    terminal and day, None for a day not closed or another terminal's."""
    now = CLOCK.now()
    today = now.date()
    with uow_factory() as uow:
        assert uow.days.closed_at("T01", today) is None
        assert uow.days.add_closed(terminal_id="T01", business_date=today, z_no=uow.days.next_z_no("T01"),
                                   closed_at=now, closed_by=cashier.user_id, report={}) is not None
        assert uow.days.closed_at("T01", today) == now  # in the closing transaction too (flushed first)
        uow.commit()
    with uow_factory() as uow:
        row = uow.days.get("T01", today)
        assert row is not None and uow.days.closed_at("T01", today) == row.closed_at == now
        assert uow.days.closed_at("T01", today + timedelta(days=1)) is None
        assert uow.days.closed_at("T09", today) is None
