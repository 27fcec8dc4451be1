"""The storage suite, run on SQLite and on a throwaway PostgreSQL (the `db_url` fixture)."""

from __future__ import annotations

import threading
import uuid
from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy.exc import DataError, IntegrityError

from pos_terminal.clock import SystemClock
from pos_terminal.domain.errors import AlreadyPaid, StorageError
from pos_terminal.domain.model import Role, SaleStatus, ShiftStatus
from pos_terminal.money import Money
from pos_terminal.services import sales, shifts, users
from pos_terminal.services.cash import CashRefused
from pos_terminal.services.day_context import DayContext
from pos_terminal.storage import migrate
from pos_terminal.storage.instance_lock import AlreadyRunning, InstanceLock
from pos_terminal.storage.orm import metadata
from tests.conftest import FAST_HASHER
from tests.sale_helpers import checkout_context, open_shift, sell_cash

CLOCK = SystemClock()


def order(no: str, *, qty: int = 2) -> sales.OrderSpec:
    return sales.OrderSpec(no, "m1", "好物商城", "CNY", (sales.LineSpec(1, "SKU-1", "乌龙茶 500ml", 1250, qty, tuple(f"{no}-U{i}" for i in range(qty))),))


@pytest.fixture
def cashier(uow_factory):
    user = users.add_user(uow_factory(), FAST_HASHER, CLOCK, username="1001", display_name="李", role=Role.CASHIER, pin="1357")
    open_shift(DayContext(uow_factory, CLOCK, "T01", "S1"), user, 20000)
    return user


def pay(uow_factory, cashier, no, terminal="T01"):
    return sell_cash(checkout_context(uow_factory, CLOCK, cashier, terminal_id=terminal), order(no), 5000).sale


def count(engine, table):
    with engine.connect() as conn:
        return conn.execute(sa.text(f"SELECT count(*) FROM {table}")).scalar()


def test_migrations_match_the_models(engine):
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata)
    assert diff == []
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_head_constant_names_the_newest_migration():
    assert migrate.HEAD == migrate.head_revision()


def test_migrating_twice_changes_nothing(engine):
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_sqlite_pragmas_for_durability(engine):
    if engine.dialect.name != "sqlite":
        pytest.skip("SQLite-only settings")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000


def test_a_cash_sale_commits_sale_tenders_receipt_settlement_and_outbox(engine, uow_factory, cashier):
    result = pay(uow_factory, cashier, "O-1")
    assert result.receipt_no == 1 and result.change == Money(2500)
    for table in ("sales", "tenders", "receipts", "settlements", "outbox"):
        assert count(engine, table) == 1, table
    with uow_factory() as uow:
        sale = uow.sales.get(result.sale_id)
        assert sale.status is SaleStatus.PAID
        assert sale.tenders[0].tendered == Money(5000) and sale.tenders[0].change == Money(2500)
        assert sale.paid_at.tzinfo is not None and sale.paid_at.utcoffset().total_seconds() == 0
        (msg,) = uow.outbox.pending()
        assert msg.payload["order_no"] == "O-1" and msg.idempotency_key == f"outbox-{msg.id}"
        assert [u.item_code for u in uow.orders.get("O-1").lines[0].units] == ["O-1-U0", "O-1-U1"]
        assert uow.orders.get("O-1").lines[0].name == "乌龙茶 500ml"


def test_a_failure_inside_the_transaction_leaves_nothing(engine, uow_factory, cashier, monkeypatch):
    from pos_terminal.storage import uow as uow_module
    from pos_terminal.storage.prepared import run_on_driver

    real = uow_module.sale_rows.add_paid_sale
    written = []

    def broken(conn, sale):
        real(conn, sale)  # the sale, tenders, receipt, settlement and outbox row are written...
        written.append(run_on_driver(conn, "SELECT count(*) FROM outbox", fetch=True)[0])
        raise RuntimeError("power cut before the commit")  # ...and the commit never comes

    monkeypatch.setattr(uow_module.sale_rows, "add_paid_sale", broken)
    with pytest.raises(RuntimeError):
        pay(uow_factory, cashier, "O-1")
    monkeypatch.undo()
    assert written == [1]
    for table in ("sales", "tenders", "receipts", "settlements", "outbox", "orders"):
        assert count(engine, table) == 0, table
    assert pay(uow_factory, cashier, "O-1").receipt_no == 1  # the number came back: no gap


def test_receipt_numbers_are_gap_free_per_terminal(engine, uow_factory, cashier):
    numbers = [pay(uow_factory, cashier, f"O-{i}").receipt_no for i in range(5)]
    with pytest.raises(AlreadyPaid):
        pay(uow_factory, cashier, "O-2")
    numbers.append(pay(uow_factory, cashier, "O-5").receipt_no)
    assert numbers == [1, 2, 3, 4, 5, 6]
    other = users.add_user(uow_factory(), FAST_HASHER, CLOCK, username="1002", display_name="王", role="cashier", pin="2468")
    open_shift(DayContext(uow_factory, CLOCK, "T02", "S1"), other)
    assert pay(uow_factory, other, "P-1", terminal="T02").receipt_no == 1


def test_concurrent_sales_never_share_or_skip_a_number(engine, uow_factory, cashier):
    errors, results = [], []

    def worker(k):
        try:
            for i in range(10):
                results.append(pay(uow_factory, cashier, f"C{k}-{i}").receipt_no)
        except Exception as exc:  # noqa: BLE001 - surfaced by the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == list(range(1, 41))


def test_the_database_itself_refuses_a_second_paid_sale_of_an_order(engine, uow_factory, cashier):
    first = pay(uow_factory, cashier, "O-1")
    with engine.connect() as conn:
        row = conn.execute(sa.text("SELECT * FROM sales WHERE id = :id"), {"id": first.sale_id.hex if engine.dialect.name == "sqlite" else first.sale_id}).mappings().one()
        dup = dict(row)
        dup["id"] = uuid.uuid4().hex if engine.dialect.name == "sqlite" else uuid.uuid4()
        dup["receipt_no"] = 99
        cols = ", ".join(dup)
        vals = ", ".join(f":{k}" for k in dup)
        with pytest.raises(IntegrityError):
            conn.execute(sa.text(f"INSERT INTO sales ({cols}) VALUES ({vals})"), dup)


def test_one_open_shift_per_terminal_in_the_database(engine, uow_factory, cashier):
    with pytest.raises(CashRefused) as refused:
        open_shift(DayContext(uow_factory, CLOCK, "T01", "S1"), cashier)
    assert refused.value.reason == "shift_open"
    with engine.connect() as conn, pytest.raises(IntegrityError):
        conn.execute(
            sa.text(
                "INSERT INTO shifts (id, terminal_id, opened_by, opening_float_minor, currency, opened_at, status) "
                "VALUES (:id, 'T01', :u, 0, 'CNY', :t, 'open')"
            ),
            {"id": uuid.uuid4().hex, "u": cashier.user_id.hex if engine.dialect.name == "sqlite" else cashier.user_id,
             "t": datetime.now(timezone.utc)},
        )


def test_full_card_numbers_cannot_be_stored(engine, uow_factory, cashier):
    result = pay(uow_factory, cashier, "O-1")
    # SQLite: the CHECK constraint; PostgreSQL: the column's length as well.
    with engine.connect() as conn, pytest.raises((IntegrityError, DataError)):
        conn.execute(sa.text("UPDATE tenders SET card_last4 = '4111111111111111' WHERE sale_id = :s"),
                     {"s": result.sale_id.hex if engine.dialect.name == "sqlite" else result.sale_id})


def test_shift_close_and_aware_timestamps_round_trip(uow_factory, cashier):
    shifts.close_shift(uow_factory(), CLOCK, terminal_id="T01", user_id=cashier.user_id, counted_cash=Money(20150))
    with uow_factory() as uow:
        assert uow.shifts.open_for_terminal("T01") is None
    assert shifts.current_shift(uow_factory(), terminal_id="T01") is None


def test_naive_datetimes_are_refused_on_the_way_in(uow_factory, cashier):
    with uow_factory() as uow:
        user = uow.users.by_username("1001")
        user.last_sign_in_at = datetime(2026, 1, 1, 12, 0)
        with pytest.raises(sa.exc.StatementError, match="naive"):
            uow.commit()


def test_lockout_state_survives_a_new_unit_of_work(uow_factory, cashier):
    from pos_terminal.domain.errors import AccountLocked, SignInRefused
    from pos_terminal.domain.model import LockoutPolicy

    policy = LockoutPolicy(2)
    for _ in range(2):
        with pytest.raises(SignInRefused):
            users.sign_in(uow_factory(), FAST_HASHER, CLOCK, policy, username="1001", pin="0000")
    with pytest.raises(AccountLocked):
        users.sign_in(uow_factory(), FAST_HASHER, CLOCK, policy, username="1001", pin="1357")


def test_a_second_instance_is_refused(engine):
    with InstanceLock(engine, "T01"):
        with pytest.raises(AlreadyRunning, match="already running"):
            InstanceLock(engine, "T01").acquire()
    with InstanceLock(engine, "T01"):  # released: the next start works
        pass


def test_other_terminal_ids_share_a_postgres_database(engine):
    if engine.dialect.name != "postgresql":
        pytest.skip("an SQLite file belongs to one terminal")
    with InstanceLock(engine, "T01"), InstanceLock(engine, "T02"):
        pass


def test_each_terminal_drains_only_its_own_outbox(engine, uow_factory, cashier):
    """Terminals of a store sharing one database: a terminal's unit of work sees its own
    messages (it sends them with its own credential), never another terminal's."""
    from pos_terminal.storage.uow import SqlAlchemyUnitOfWork, session_factory

    open_shift(DayContext(uow_factory, CLOCK, "T02", "S1"), cashier)
    pay(uow_factory, cashier, "PO-A")
    pay(uow_factory, cashier, "PO-B", terminal="T02")
    pay(uow_factory, cashier, "PO-C")
    sessions = session_factory(engine)
    with SqlAlchemyUnitOfWork(sessions, "T01") as uow:
        assert [m.payload["order_no"] for m in uow.outbox.pending()] == ["PO-A", "PO-C"]
        assert uow.outbox.pending_count() == 2
    with SqlAlchemyUnitOfWork(sessions, "T02") as uow:
        assert [(m.terminal_id, m.payload["order_no"]) for m in uow.outbox.pending()] == [("T02", "PO-B")]
    with uow_factory() as uow:  # unscoped (tools, tests): all of them
        assert uow.outbox.pending_count() == 3


def test_the_outbox_terminal_is_filled_in_for_rows_from_before(db_url):
    from pos_terminal.storage.engine import make_engine

    eng = make_engine(db_url)
    try:
        migrate.upgrade(eng, "0004")
        with eng.begin() as conn:
            conn.execute(sa.text("INSERT INTO outbox (id, topic, payload, created_at, attempts) "
                                 "VALUES (:id, 'settlement', :payload, :at, 0)"),
                         {"id": uuid.uuid4().hex if eng.dialect.name == "sqlite" else str(uuid.uuid4()),
                          "payload": '{"terminal_id": "T07", "order_no": "PO-OLD"}',
                          "at": datetime(2026, 1, 1, tzinfo=timezone.utc).replace(tzinfo=None)})
        migrate.upgrade(eng)
        with eng.connect() as conn:
            assert conn.execute(sa.text("SELECT terminal_id FROM outbox")).scalar() == "T07"
    finally:
        eng.dispose()
