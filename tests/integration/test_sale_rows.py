"""The write path of a sale (pos_terminal.storage.sale_rows, prepared.py) on SQLite and on a
throwaway PostgreSQL: the rows it writes read back through the ORM as the aggregate would have
written them, it shares one transaction with the ORM in either order, and its errors are the
unit of work's errors."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa

from pos_terminal.clock import SystemClock
from pos_terminal.domain.errors import AlreadyPaid, StorageError
from pos_terminal.domain.model import (
    CardRequest,
    CardRequestState,
    Order,
    OrderLine,
    OrderStatus,
    PrintState,
    ReceiptKind,
    Role,
    SaleStatus,
    Settlement,
    TenderKind,
)
from pos_terminal.money import Money
from pos_terminal.services import sales, users
from pos_terminal.services.day_context import DayContext
from tests.conftest import FAST_HASHER
from tests.sale_helpers import open_shift

CLOCK = SystemClock()


@pytest.fixture
def cashier(uow_factory):
    user = users.add_user(uow_factory(), FAST_HASHER, CLOCK, username="1001", display_name="李", role=Role.CASHIER,
                          pin="1357")
    open_shift(DayContext(uow_factory, CLOCK, "T01", "S1"), user, 0)
    return user


def spec(no: str, codes: tuple[str, ...] = ()) -> sales.OrderSpec:
    codes = codes or (f"{no}-1", f"{no}-2", f"{no}-3")
    return sales.OrderSpec(no, "m1", "好物商城", "CNY", (
        sales.LineSpec(1, "SKU-1", "乌龙茶 500ml", 1250, 2, codes[:2]),
        sales.LineSpec(2, "SKU-2", "饼干", 880, 1, codes[2:]),
    ))


def record(uow_factory, cashier, order: sales.OrderSpec, *tenders: sales.TenderSpec, card_requests=()):
    tenders = tenders or (sales.TenderSpec(TenderKind.CASH, order.total.minor, 5000),)
    cmd = sales.RecordSale("T01", "S1", cashier.user_id, order, tenders, voucher_id="V-9", offline=True,
                           card_requests=card_requests)
    return sales.record_sale(cmd, uow_factory(), CLOCK)


def count(engine, table: str) -> int:
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()


def test_the_rows_read_back_as_the_aggregate(engine, uow_factory, cashier):
    recorded = record(uow_factory, cashier, spec("O-1"),
                      sales.TenderSpec(TenderKind.BANK_CARD, 1000, None, "REF-7", "A1B2", "4242"),
                      sales.TenderSpec(TenderKind.CASH, 2380, 3000))
    assert (recorded.receipt_no, recorded.total, recorded.change, recorded.cash) == (1, Money(3380), Money(620),
                                                                                     Money(2380))
    with uow_factory() as uow:
        sale = uow.sales.get(recorded.sale_id)
        assert sale.status is SaleStatus.PAID and sale.receipt_no == 1 and sale.total == Money(3380)
        assert (sale.voucher_id, sale.offline, sale.cashier_id) == ("V-9", True, cashier.user_id)
        assert sale.paid_at == sale.created_at and sale.paid_at.utcoffset().total_seconds() == 0
        assert [(t.kind, t.amount, t.tendered, t.reference, t.approval_code, t.card_last4) for t in sale.tenders] == [
            (TenderKind.BANK_CARD, Money(1000), Money(1000), "REF-7", "A1B2", "4242"),
            (TenderKind.CASH, Money(2380), Money(3000), None, None, None)]
        assert sale.change == Money(620)
        receipt = uow.receipts.by_number("T01", 1)
        assert (receipt.kind, receipt.sale_id, receipt.print_state, receipt.copies_printed) == (
            ReceiptKind.SALE, sale.id, PrintState.PENDING, 0)
        order = uow.orders.get("O-1")
        assert order.status is OrderStatus.PAID and order.total == Money(3380)
        assert [(l.line_no, l.name, l.unit_price, l.quantity, l.item_codes) for l in order.lines] == [
            (1, "乌龙茶 500ml", Money(1250), 2, ["O-1-1", "O-1-2"]), (2, "饼干", Money(880), 1, ["O-1-3"])]
        assert uow.refunds.local_unit("O-1-3")[2].id == sale.id
        (message,) = uow.outbox.pending()
        assert message.id == recorded.outbox_id and message.topic == "settlement" and message.terminal_id == "T01"
        assert message.created_at == sale.paid_at and message.attempts == 0
        # the payload is the one the aggregate makes (Settlement.payload), for the settlement row written
        row = uow.session.execute(sa.text("SELECT id, tender_kinds, receipt_no FROM settlements")).one()
        expected = Settlement(sale, "S1")
        assert (row.tender_kinds, row.receipt_no) == (expected.tender_kinds, 1) and row.tender_kinds == "bank_card,cash"
        expected.id = uuid.UUID(str(row.id))
        assert message.payload == expected.payload()
        assert message.payload["tender_amounts"] == [{"kind": "bank_card", "amount_minor": 1000},
                                                     {"kind": "cash", "amount_minor": 2380}]


def test_an_order_stored_before_is_paid_through_its_aggregate(engine, uow_factory, cashier):
    with uow_factory() as uow:  # kept unpaid (its stored price is what the sale pays)
        uow.orders.add(Order("O-2", "m1", "Shop", "CNY", [OrderLine(1, "S", "Tea", Money(700), 1, ["O-2-1"])]))
        uow.commit()
    recorded = record(uow_factory, cashier, spec("O-2", ("X", "Y", "Z")), sales.TenderSpec(TenderKind.CASH, 700))
    assert recorded.total == Money(700) and recorded.receipt_no == 1
    with uow_factory() as uow:
        order = uow.orders.get("O-2")
        assert order.status is OrderStatus.PAID and [l.item_codes for l in order.lines] == [["O-2-1"]]
    with pytest.raises(AlreadyPaid):
        record(uow_factory, cashier, spec("O-2"), sales.TenderSpec(TenderKind.CASH, 700))
    assert record(uow_factory, cashier, spec("O-3")).receipt_no == 2  # the refused sale gave its number back
    assert count(engine, "sales") == 2 and count(engine, "orders") == 2


def test_a_card_request_is_settled_in_the_sale_s_transaction(engine, uow_factory, cashier):
    now = datetime.now(timezone.utc)
    with uow_factory() as uow:
        request = CardRequest("req-1", "T01", "O-4", Money(3380), "O-4-1", created_at=now)
        request.approved("A1", "1234", "ref", now)
        uow.card_requests.add(request)
        uow.commit()
    record(uow_factory, cashier, spec("O-4"), sales.TenderSpec(TenderKind.BANK_CARD, 3380, None, "ref", "A1", "1234"),
           card_requests=("req-1",))
    with uow_factory() as uow:
        assert uow.card_requests.get("req-1").state is CardRequestState.SETTLED


@pytest.mark.parametrize("orm_first", [False, True])
@pytest.mark.parametrize("commit", [False, True])
def test_orm_work_and_direct_statements_are_one_transaction(engine, uow_factory, cashier, orm_first, commit):
    now = datetime.now(timezone.utc)
    with uow_factory() as uow:
        if orm_first:  # pending, not flushed: flushed before the direct statement, in its transaction
            uow.card_requests.add(CardRequest("req-2", "T09", "O-5", Money(100), "r", created_at=now))
        assert uow.receipts.next_number("T09") == 1
        if not orm_first:  # the session joins the transaction the direct statement began
            uow.card_requests.add(CardRequest("req-2", "T09", "O-5", Money(100), "r", created_at=now))
        assert uow.card_requests.get("req-2") is not None
        assert uow.receipts.next_number("T09") == 2
        if commit:
            uow.commit()
    assert count(engine, "card_requests") == (1 if commit else 0)
    assert count(engine, "receipt_counters") == (1 if commit else 0)
    with uow_factory() as uow:  # and the unit of work goes on after a commit
        assert uow.receipts.next_number("T09") == (3 if commit else 1)
        uow.commit()
        assert uow.receipts.next_number("T09") == (4 if commit else 2)
        uow.card_requests.add(CardRequest("req-3", "T09", "O-6", Money(100), "r", created_at=now))
        uow.commit()
    assert count(engine, "card_requests") == (2 if commit else 1)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT last_no FROM receipt_counters WHERE terminal_id = 'T09'")).scalar() == (
            4 if commit else 2)


def test_a_constraint_broken_on_the_direct_path_is_a_storage_error_and_leaves_nothing(engine, uow_factory, cashier):
    record(uow_factory, cashier, spec("O-7", ("C1", "C2", "C3")))
    with pytest.raises(StorageError):  # an item code belongs to one unit (item_units primary key)
        record(uow_factory, cashier, spec("O-8", ("C9", "C8", "C1")))
    assert count(engine, "orders") == 1 and count(engine, "sales") == 1 and count(engine, "outbox") == 1
    assert record(uow_factory, cashier, spec("O-9")).receipt_no == 2  # no gap


def test_the_direct_statements_fire_the_engine_events(engine, uow_factory, cashier):
    seen = []

    def before(_conn, _cursor, statement, parameters, _context, executemany):
        seen.append((statement.split()[0:3], executemany))

    sa.event.listen(engine, "before_cursor_execute", before)
    try:
        record(uow_factory, cashier, spec("O-10"))
    finally:
        sa.event.remove(engine, "before_cursor_execute", before)
    tables = [words[2] for words, _ in seen if words[:2] == ["INSERT", "INTO"]]
    assert tables == ["receipt_counters", "orders", "order_lines", "item_units", "sales", "tenders", "receipts",
                      "settlements", "outbox"]
    assert [many for words, many in seen if words[2:] == ["order_lines"]] == [True]


def test_utc_datetimes_bind_on_sqlite_as_sqlite_s_datetime_text():
    """UTCDateTime's one-step SQLite bind (orm.py) writes what process_bind_param + DATETIME wrote."""
    import random
    from datetime import timedelta

    from sqlalchemy.dialects import sqlite

    from pos_terminal.storage.orm import UTCDateTime

    dialect = sqlite.dialect()
    fast = UTCDateTime().dialect_impl(dialect).bind_processor(dialect)
    text_of = sa.DateTime(timezone=True).dialect_impl(dialect).bind_processor(dialect)
    rnd = random.Random(14)
    for i in range(5000):
        value = datetime(1970, 1, 1, tzinfo=timezone.utc) + timedelta(microseconds=rnd.randrange(0, 2**52))
        value = value.astimezone(timezone(timedelta(minutes=rnd.randrange(-720, 840))))
        if i % 5 == 0:
            value = value.replace(microsecond=0)
        expected = text_of(UTCDateTime().process_bind_param(value, dialect))
        assert fast(value) == expected and fast(value) == expected  # again: the kept text
    assert fast(None) is None
    with pytest.raises(ValueError, match="naive"):
        fast(datetime(2026, 3, 1, 9, 30))


def test_a_connection_lost_on_the_direct_path_is_discarded_and_the_next_sale_goes_through(engine, uow_factory, cashier):
    with pytest.raises(StorageError):
        with uow_factory() as uow:
            assert uow.shifts.open_shift_id("T01") is not None
            uow._driver.connection.dbapi_connection.close()  # the server went away, the socket closed...
            uow.receipts.next_number("T01")
    with uow_factory() as uow:  # ...and a commit after it does not pretend to have saved anything
        uow.receipts.next_number("T01")
        uow._driver.connection.dbapi_connection.close()
        with pytest.raises(sa.exc.DBAPIError):  # the repository raises the driver's error...
            uow.shifts.open_shift_id("T01")
        with pytest.raises(StorageError, match="nothing was saved"):  # ...the unit of work says what it means
            uow.commit()
    assert record(uow_factory, cashier, spec("O-11")).receipt_no == 1  # a fresh connection from the pool
