"""The day's settlement statement (pos_terminal.services.statements through the Settlement facade)
against the sandbox platform on loopback, real SQLite: the terminal's statement from its own
records (split-tender sales, a split refund, a void) agrees with the platform's; it cannot be
accepted before the Z or while the day's messages wait in the outbox; a manager accepts the
statement they were shown (numbered gap-free, audited, the platform told through the outbox); a
second acceptance and a changed figure are refused; a record changed after acceptance is shown as
a difference and never stored over the accepted statement; an unreachable platform needs a note."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone

import pytest
from sqlalchemy import select, update

from pos_terminal.app.facades import App
from pos_terminal.domain.model import TenderKind
from pos_terminal.domain.model.statements import REFUND, SALE, VOID
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services import refunds
from pos_terminal.services.checkout import CheckoutSession
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.sales import RecordSale, TenderSpec, record_sale
from pos_terminal.services.statements import CHANGED_AFTER_ACCEPTANCE, STATEMENT_ACCEPT, StatementRefused
from pos_terminal.storage import orm
from sync.sandbox import seed
from sync.threaded_server import free_port as _free_port
from tests.checkout_fakes import FakeCardTerminal
from tests.integration.test_reconcile import Day
from tests.platform_helpers import new_order, open_shift, outbox_rows, settings_for, spec_of
from tests.sale_helpers import terminal_checkout

pytestmark = pytest.mark.clock_sensitive


def a_day_of_business(d: Day, api):
    """A split-tender sale, a cash sale, a split refund (card then cash) and a void with cash back."""
    ids = d.t.settings.terminal
    d.cashier = open_shift(d.t)
    view = new_order(api, qty=3)  # 37.50
    record_sale(RecordSale(ids.terminal_id, ids.store_id, d.cashier.user_id, spec_of(view), (
        TenderSpec(TenderKind.BANK_CARD, 2000, reference="CH-1", approval_code="A1", card_last4="4242"),
        TenderSpec(TenderKind.CASH, 1750, 2000))), d.t.uow(), d.clock)
    d.clock.advance(minutes=5)
    d.sell(api, 1)
    assert d.drain().sent == 2
    ctx = d.t.refund_context()
    ctx.card_terminal = FakeCardTerminal()
    codes = [c for line in api.get_order(view["order_no"])["lines"] for c in line["item_codes"]]
    items = [refunds.look_up(ctx, c) for c in codes[:2]]
    case = refunds.submit(ctx, refunds.take_in(ctx, items, "defective", [], cashier_id=d.cashier.user_id).case_id)
    refunds.pay_out(ctx, case.case_id, cashier_id=d.cashier.user_id, cashier_name="Zhang")
    d.clock.advance(minutes=5)
    other = new_order(api, qty=1, price=990)
    session = CheckoutSession(PaymentTarget(spec_of(other), ScanKind.ORDER_NUMBER, None, False),
                              terminal_checkout(d.t, d.cashier, platform=d.t.platform))
    session.take_cash(500)
    session.cancel(d.manager, "buyer changed mind")
    d.clock.advance(minutes=5)
    return view, case, session


def today(terminal_factory, server) -> Day:
    """A terminal on today's business day at 11:00 in Shanghai (the platform's return window runs
    on its own clock, so refunds need today; 11:00 keeps the day's steps clear of midnight)."""
    from zoneinfo import ZoneInfo

    from tests.fakes import FakeClock

    zone = ZoneInfo("Asia/Shanghai")
    day = server.clock.now().astimezone(zone).date()
    return Day(terminal_factory, server, clock=FakeClock(datetime.combine(day, time(11), zone).astimezone(
        timezone.utc)))


def test_the_statement_agrees_with_the_platform_and_a_manager_accepts_it_once(terminal_factory, server, client):
    d = today(terminal_factory, server)
    app = App.of(d.t)
    view, case, session = a_day_of_business(d, client)

    # before the Z, with the refund legs and the void still in the outbox
    shown = app.settlement.statement(d.manager, d.date)
    assert set(shown.blocker_reasons) >= {"day_open", "outbox_pending"} and not shown.accepted
    st = shown.statement
    assert {(m.kind, m.ref) for m in st.movements} >= {(REFUND, f"{case.case_id}/0"), (REFUND, f"{case.case_id}/1"),
                                                        (VOID, session.id)}
    assert sum(1 for m in st.movements if m.kind == SALE) == 2
    assert st.line("collected", "bank_card").amount_minor == 2000
    assert st.line("refund_paid_out", "bank_card").amount_minor == 2000
    assert st.line("refund_paid_out", "cash").amount_minor == 500
    assert st.line("void_given_back", "cash").amount_minor == 500
    with pytest.raises(StatementRefused) as exc:
        app.settlement.accept(d.manager, d.date, None, st.digest, note="anyway")
    assert exc.value.reason == "day_open"  # no note makes an open day acceptable

    assert d.drain().sent == 3
    d.close()
    shown = app.settlement.statement(d.manager, d.date)
    assert shown.platform_error is None and shown.platform is not None
    assert shown.differences == [] and shown.blockers == []
    assert shown.platform.digest == shown.statement.digest
    assert shown.statement.net_minor == 3750 + 2000 - 2500 - sum(
        shown.statement.contract.commission(a) for a in (3750, 2000))

    # a cashier may not; a digest that is not the one computed now is refused
    with pytest.raises(StatementRefused) as exc:
        app.settlement.accept(d.cashier, d.date, None, shown.digest)
    assert exc.value.reason == "not_allowed"
    with pytest.raises(StatementRefused) as exc:
        app.settlement.accept(d.manager, d.date, None, "0" * 64)
    assert exc.value.reason == "digest_changed" and "look again" in exc.value.message

    accepted = app.settlement.accept(d.manager, d.date, None, shown.digest)
    assert accepted.number == f"ST-{d.date:%Y%m%d}-000001"
    assert accepted.digest == shown.digest and accepted.accepted_by == str(d.manager.user_id)
    with pytest.raises(StatementRefused) as exc:
        app.settlement.accept(d.manager, d.date, None, shown.digest)
    assert exc.value.reason == "already_accepted"
    with d.t.uow() as uow:
        [entry] = [r for r in uow.audit.recent(d.ctx.terminal_id, limit=50) if r["action"] == STATEMENT_ACCEPT]
        assert (entry["subject"], entry["outcome"], entry["details"]["digest"]) == (accepted.number, "ok",
                                                                                  accepted.digest)
        assert uow.statements.by_number(accepted.number) == accepted
    [notice] = [r for r in outbox_rows(d.t) if r.topic == "statement_accepted"]
    assert notice.payload["number"] == accepted.number and notice.payload["digest"] == accepted.digest
    assert d.drain().sent == 1
    [notice] = [r for r in outbox_rows(d.t) if r.topic == "statement_accepted"]
    assert notice.sent_at is not None and notice.dead_at is None

    again = app.settlement.statement(d.manager, d.date)
    assert again.accepted and again.statement == accepted and again.differences == []

    # a record changed after acceptance: shown as a difference, the accepted statement stays as it was
    with d.t.uow() as uow:
        uow.session.execute(update(orm.settlements).where(orm.settlements.c.order_no == view["order_no"])
                            .values(tender_amounts=[{"kind": "cash", "amount_minor": 3750}]))
        uow.commit()
    changed = app.settlement.statement(d.manager, d.date)
    assert changed.accepted and changed.statement.digest == accepted.digest
    kinds = {x.kind for x in changed.differences}
    assert CHANGED_AFTER_ACCEPTANCE in kinds
    with d.t.uow() as uow:
        [row] = uow.session.execute(select(orm.settlement_statements)).all()
        assert (row.number, row.digest) == (accepted.number, accepted.digest)


def test_numbers_are_gap_free_and_an_unreachable_platform_needs_a_note(terminal_factory, server, client, tmp_path,
                                                                      monkeypatch):
    from pos_terminal.app.container import DATA_DIR_ENV

    d = Day(terminal_factory, server)
    d.sell(client, 2)
    assert d.drain().sent == 2
    d.close()
    app = App.of(d.t)
    first = app.settlement.statement(d.manager, d.date)
    assert first.blockers == []
    # a refused acceptance takes no number
    with pytest.raises(StatementRefused):
        app.settlement.accept(d.manager, d.date, None, "f" * 64)
    assert app.settlement.accept(d.manager, d.date, None, first.digest).number == f"ST-{d.date:%Y%m%d}-000001"

    # the next day, with the platform gone
    dead = f"http://127.0.0.1:{_free_port('127.0.0.1')}"
    d.clock.advance(days=1)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "offline"))
    offline = terminal_factory(settings_for(dead, seed.DEMO_TERMINAL, timeout_s=0.5), clock=d.clock)
    with offline.uow() as uow:  # its own data folder; its (empty) day is closed
        z_no = uow.days.next_z_no("T01")
        uow.days.add_closed(terminal_id="T01", business_date=d.date + timedelta(days=1), z_no=z_no,
                            closed_at=d.clock.now(), closed_by=d.manager.user_id, report={})
        uow.commit()
    off = App.of(offline)
    manager = off.users.sign_in("8001", "8642")
    shown = off.settlement.statement(manager, d.date + timedelta(days=1))
    assert shown.platform is None and "cannot be reached" in (shown.platform_error or "")
    assert shown.blocker_reasons == ["platform_unreachable"]
    with pytest.raises(StatementRefused) as exc:
        off.settlement.accept(manager, d.date + timedelta(days=1), None, shown.digest)
    assert exc.value.reason == "note_required"
    accepted = off.settlement.accept(manager, d.date + timedelta(days=1), None, shown.digest,
                                     note="platform down, figures checked on paper")
    assert accepted.number.endswith("-000001")  # its own store database: its own counter
    with offline.uow() as uow:
        [entry] = [r for r in uow.audit.recent("T01", limit=50) if r["action"] == STATEMENT_ACCEPT]
        assert entry["outcome"] == "override" and entry["details"]["blockers"] == ["platform_unreachable"]


def test_storage_numbers_and_one_accepted_statement_per_day(uow_factory):
    """On SQLite and PostgreSQL: a rolled-back acceptance gives its number back; a second accepted
    statement of the same store, platform and day fails at commit; the body comes back as stored."""
    from datetime import date, datetime, timezone
    import uuid

    from pos_terminal.domain.model.statements import Contract, Movement, compute_statement

    now = datetime(2026, 3, 2, 1, tzinfo=timezone.utc)
    st = compute_statement(store_id="S1", platform_id="p1", business_date=date(2026, 3, 1), currency="CNY",
                           contract=Contract("p1", 150), movements=[Movement(SALE, "s1", "O1", (("cash", 1000),))])
    with uow_factory() as uow:
        assert uow.statements.next_number("S1") == 1
        uow.rollback()
    with uow_factory() as uow:
        n = uow.statements.next_number("S1")
        assert n == 1 and uow.statements.next_number("S2") == 1
        accepted = st.accepted(f"ST-20260301-{n:06d}", now, str(uuid.uuid4()))
        uow.statements.add_accepted(accepted, route="direct", computed_at=now, accepted_by=uuid.uuid4())
        uow.commit()
    with uow_factory() as uow:
        assert uow.statements.accepted("S1", "p1", date(2026, 3, 1)) == accepted
        assert uow.statements.route_of(accepted.number) == "direct"
        assert [s.number for s in uow.statements.accepted_list("S1")] == [accepted.number]
        assert uow.statements.next_number("S1") == 2
        with pytest.raises(Exception, match="UNIQUE|unique|duplicate"):
            uow.statements.add_accepted(st.accepted("ST-20260301-000002", now, "x"), route="direct",
                                        computed_at=now, accepted_by=uuid.uuid4())
            uow.commit()
    with uow_factory() as uow:
        assert uow.statements.next_number("S1") == 2  # the failed one gave its number back
