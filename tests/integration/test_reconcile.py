"""The day's reconciliation (pos_terminal.services.reconcile) against the sandbox platform on
loopback and the card simulator as its own process: real storage, real HTTP, real TCP.

The sandbox is shared by the module, and it compares everything it holds from a terminal for a
day: each test therefore sells on a day of its own (a FakeClock per test), except the card test,
which sells today (the card simulator stamps its own time) on a zone far from midnight."""

from __future__ import annotations

import itertools
from dataclasses import replace
from datetime import datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import select, update

from config.schema import CardTerminalSettings
from drivers.card_simulator import start_process, stop_process
from drivers.card_terminal import ManualCardTerminal, TcpCardTerminal
from pos_terminal.app.container import DATA_DIR_ENV
from pos_terminal.app.facades import App
from pos_terminal.clock import SystemClock
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services.checkout import CheckoutContext, CheckoutSession
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.reconcile import (
    ACTIONS,
    ReconcileRefused,
    last_reconciliation,
    mark_reconciled,
    reconcile_day,
)
from pos_terminal.storage import orm
from sync.outbox_worker import OutboxWorker
from sync.sandbox import seed
from sync.threaded_server import free_port as _free_port
from tests.fakes import FakeClock
from tests.platform_helpers import client_for, new_order, open_shift, pay_cash, settings_for, spec_of

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)

ZONE = "Asia/Shanghai"
HOST = "127.0.0.1"
_days = itertools.count(1)


def own_day(server) -> FakeClock:
    """11:00 in Shanghai on a past day of the platform's calendar that no other test sells on."""
    first = server.clock.now().astimezone(ZoneInfo(ZONE)).date() - timedelta(days=365)
    day = first + timedelta(days=next(_days))
    return FakeClock(datetime.combine(day, time(11), ZoneInfo(ZONE)).astimezone(timezone.utc))


class Day:
    """A terminal on its own business day (11:00 in Shanghai on a date no other test uses)."""

    def __init__(self, terminal_factory, server, ident=seed.DEMO_TERMINAL, *, clock=None, zone=ZONE,
                 business_date=None):
        if clock is None:
            clock = own_day(server)
        self.clock = clock
        self.date = business_date or clock.now().astimezone(ZoneInfo(zone)).date()
        self.t = terminal_factory(settings_for(server.url, ident), clock=clock)
        self.ctx = self.t.day_context(render_report=lambda report: None)  # as the screens get it
        assert (self.ctx.terminal_id, self.ctx.store_id, self.ctx.platform) == (ident[1], ident[0], self.t.platform)
        self.ctx.timezone = zone
        self.ctx.card_terminal = None  # the demo's simulated one is not started here; tests set their own
        self.manager = App.of(self.t).users.sign_in("8001", "8642")
        self.cashier = App.of(self.t).users.sign_in("1001", "1357")

    def sell(self, api, n=1, **kw):
        views = [new_order(api, price=1000 + 7 * i) for i in range(n)]
        for view in views:
            pay_cash(self.t, spec_of(view), **kw)
            self.clock.advance(minutes=3)
        return views

    def drain(self, limit=None):
        return OutboxWorker(self.t.uow, self.t.platform, self.clock).drain_once(limit=limit)

    def close(self):
        """The Z report's row for the day (what services.reports' close_day writes)."""
        with self.t.uow() as uow:
            z_no = uow.days.next_z_no(self.ctx.terminal_id)
            assert uow.days.add_closed(terminal_id=self.ctx.terminal_id, business_date=self.date, z_no=z_no,
                                       closed_at=self.clock.now(), closed_by=self.manager.user_id, report={})
            uow.commit()

    def row(self):
        with self.t.uow() as uow:
            return uow.days.get(self.ctx.terminal_id, self.date)

    def reconcile(self):
        return reconcile_day(self.ctx, user=self.manager, business_date=self.date)

    def mark(self, **kw):
        kw.setdefault("user", self.manager)
        return mark_reconciled(self.ctx, business_date=self.date, **kw)


@pytest.fixture
def api(server):
    c = client_for(server.url)
    yield c
    c.close()


def audit_rows(day: Day) -> list:
    with day.t.uow() as uow:
        return list(uow.session.execute(select(orm.audit_log).where(orm.audit_log.c.action == "reconcile")))


def test_a_clean_day_is_reconciled_and_kept(terminal_factory, server, api):
    day = Day(terminal_factory, server)
    views = day.sell(api, 3)
    assert day.drain().sent == 3
    day.close()

    r = day.reconcile()
    total = sum(v["total_minor"] for v in views)
    assert r.platform_problem is None and r.platform_reachable and not r.from_store and r.kept
    assert (r.terminal.count, r.terminal.total_minor) == (3, total)
    assert (r.platform.count, r.platform.total_minor, r.platform.paid_count, r.platform.refund_case_count) == (
        3, total, 3, 0)
    assert r.differences == () and (r.outbox.pending, r.outbox.attention) == (0, 0)
    assert r.can_mark_reconciled and r.reason is None and r.day_status == "closed"
    assert r.card.card_terminal is None and r.card.unavailable == "no_card_terminal" and r.card.matches is None
    kept = day.row().batch_result
    assert kept["batch_id"] == r.batch_id and kept["differences"] == [] and kept["platform"]["total_minor"] == total

    again = day.reconcile()  # the same day posted again: same key, the platform's first answer
    assert again.batch_id == r.batch_id and again.differences == ()

    with pytest.raises(ReconcileRefused) as exc:
        day.mark(user=day.cashier)
    assert exc.value.reason == "not_allowed"
    done = day.mark()
    assert (done.reconciled_by, done.override_by, done.overridden) == ("8001", None, ())
    row = day.row()
    assert (row.status, row.reconciled_by, row.reconcile_override_by) == ("reconciled", day.manager.user_id, None)
    assert row.reconciled_at == day.clock.now()
    entries = audit_rows(day)
    assert len(entries) == 1 and entries[0].subject == day.date.isoformat() and entries[0].outcome == "ok"

    with pytest.raises(ReconcileRefused) as exc:
        day.mark()
    assert exc.value.reason == "already_reconciled"
    shown = last_reconciliation(day.ctx, day.date)
    assert shown.from_store and shown.batch_id == r.batch_id and shown.differences == ()
    assert (shown.day_status, shown.reconciled_by, shown.platform.total_minor) == ("reconciled", "8001", total)
    assert shown.reason == "already_reconciled" and not shown.can_mark_reconciled


def test_a_settlement_still_in_the_outbox(terminal_factory, server, api):
    day = Day(terminal_factory, server)
    views = day.sell(api, 2)
    assert day.drain(limit=1).sent == 1  # the second one still waits
    day.close()

    r = day.reconcile()
    assert (r.outbox.pending, r.outbox.attention, r.outbox.pending_total) == (1, 0, 1)
    [d] = r.differences
    assert (d.kind, d.order_no, d.in_outbox) == ("missing_at_platform", views[1]["order_no"], "pending")
    assert (d.terminal_amount_minor, d.platform_amount_minor) == (views[1]["total_minor"], None)
    assert d.receipt_no == 2 and "outbox" in d.action
    assert (r.terminal.count, r.platform.count) == (2, 1)
    assert not r.can_mark_reconciled and r.needs_manager
    assert [b.reason for b in r.blockers] == ["outbox_pending", "differences"] and r.reason == "outbox_pending"

    with pytest.raises(ReconcileRefused) as exc:
        day.mark()
    assert exc.value.reason == "outbox_pending" and exc.value.params["blockers"] == ["outbox_pending", "differences"]
    with pytest.raises(ReconcileRefused) as exc:
        day.mark(manager=day.manager)
    assert exc.value.reason == "note_required"
    with pytest.raises(ReconcileRefused) as exc:
        day.mark(manager=day.cashier, note="cashier says so")
    assert exc.value.reason == "needs_manager"
    assert day.row().status == "closed"

    assert day.drain().sent == 1
    after = day.reconcile()  # the outbox moved on: a new key, a fresh comparison
    assert after.batch_id != r.batch_id and after.differences == () and after.can_mark_reconciled
    assert day.mark().overridden == ()


def test_a_manager_accepts_a_settlement_the_platform_refused(terminal_factory, server, api):
    day = Day(terminal_factory, server)
    day.sell(api, 1)
    unknown = replace(spec_of(new_order(api)), order_no="PO999999999999")  # the platform has no such order
    pay_cash(day.t, unknown)
    result = day.drain()
    assert (result.sent, result.set_aside) == (1, 1)
    day.close()

    r = day.reconcile()
    assert (r.outbox.pending, r.outbox.attention) == (0, 1)
    [d] = r.differences
    assert (d.kind, d.in_outbox, d.order_no) == ("missing_at_platform", "attention", "PO999999999999")
    assert "refused" in d.action
    assert [b.reason for b in r.blockers] == ["outbox_attention", "differences"] and r.needs_manager

    done = day.mark(manager=day.manager, note="  order cancelled by the shop; cash returned  ")
    assert done.overridden == ("outbox_attention", "differences")
    assert (done.override_by, done.note) == ("8001", "order cancelled by the shop; cash returned")
    row = day.row()
    assert (row.status, row.reconcile_override_by, row.reconcile_note) == (
        "reconciled", day.manager.user_id, "order cancelled by the shop; cash returned")
    [entry] = audit_rows(day)
    assert entry.outcome == "override" and entry.details["overridden"] == ["outbox_attention", "differences"]
    assert entry.details["note"] == "order cancelled by the shop; cash returned"
    shown = last_reconciliation(day.ctx, day.date)
    assert (shown.override_by, shown.note, len(shown.differences)) == ("8001", row.reconcile_note, 1)


def test_amounts_that_differ(terminal_factory, server, api):
    day = Day(terminal_factory, server)
    view = new_order(api, price=1000, qty=2)
    short = spec_of(view)
    short = replace(short, lines=(replace(short.lines[0], unit_price_minor=900),))  # took 18.00 for a 20.00 order
    pay_cash(day.t, short)
    day.clock.advance(minutes=5)
    other = day.sell(api, 1)[0]
    assert day.drain().outcomes == {"amount_differs": 1, "paid": 1}
    with day.t.uow() as uow:  # this terminal's record of the second sale changed after it was sent
        uow.session.execute(update(orm.settlements).where(orm.settlements.c.order_no == other["order_no"])
                            .values(amount_minor=other["total_minor"] + 50))
        uow.commit()
    day.close()

    r = day.reconcile()
    by_kind = {d.kind: d for d in r.differences}
    assert set(by_kind) == {"amount_differs_from_order", "amount_differs"}
    d = by_kind["amount_differs_from_order"]
    assert (d.order_no, d.terminal_amount_minor, d.platform_amount_minor, d.order_total_minor) == (
        view["order_no"], 1800, 1800, 2000)
    assert d.action and "shop" in d.action
    d = by_kind["amount_differs"]
    assert (d.order_no, d.terminal_amount_minor, d.platform_amount_minor) == (
        other["order_no"], other["total_minor"] + 50, other["total_minor"])
    assert d.action and d.receipt_no == 2
    assert r.terminal.total_minor - r.platform.total_minor == 50
    assert r.reason == "differences" and r.needs_manager
    with pytest.raises(ReconcileRefused) as exc:
        day.mark()
    assert exc.value.reason == "differences"


def test_a_double_payment_turned_refund_case(terminal_factory, server, api, tmp_path, monkeypatch):
    """Two counters take the same order while offline; the platform keeps the first as paid and
    turns the second into a refund case, which the second terminal's reconciliation shows."""
    view = new_order(api)
    clock = own_day(server)
    days = []
    for ident in (seed.DEMO_TERMINAL, seed.SECOND_TERMINAL):
        monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / ident[1]))
        day = Day(terminal_factory, server, ident, clock=clock)
        pay_cash(day.t, spec_of(view), offline=True)
        days.append(day)
    first, second = days
    assert first.drain().outcomes == {"paid": 1}
    assert second.drain().outcomes == {"refund_case": 1}
    for day in days:
        day.close()

    clean = first.reconcile()
    assert clean.differences == () and clean.can_mark_reconciled
    r = second.reconcile()
    [d] = r.differences
    assert (d.kind, d.order_no, d.terminal_amount_minor, d.platform_amount_minor) == (
        "double_payment_refund_case", view["order_no"], view["total_minor"], view["total_minor"])
    assert d.refund_case_id and (d.refund_case_status, d.resolved) == ("open", False)
    assert d.action.startswith("open: pay the buyer back here")  # or wait for the platform (services.refund_cases)
    assert (r.platform.count, r.platform.paid_count, r.platform.refund_case_count, r.platform.refund_case_minor) == (
        1, 0, 1, view["total_minor"])
    assert r.reason == "differences"


def test_a_settlement_the_terminal_lacks(terminal_factory, server, api, tmp_path, monkeypatch):
    """The platform holds a settlement of this terminal (id T01) that its database does not: here
    sold from a second data folder, as after a database restored from an older backup."""
    clock = own_day(server)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "restored"))
    here = Day(terminal_factory, server, clock=clock)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "lost"))
    lost = Day(terminal_factory, server, clock=clock)
    [gone] = lost.sell(api, 1)
    assert lost.drain().sent == 1
    here.sell(api, 1)
    assert here.drain().sent == 1
    here.close()

    r = here.reconcile()
    [d] = r.differences
    assert (d.kind, d.order_no, d.terminal_amount_minor, d.platform_amount_minor) == (
        "missing_at_terminal", gone["order_no"], None, gone["total_minor"])
    assert "receipt 1" in d.action and d.receipt_no is None and d.in_outbox is None
    assert (r.terminal.count, r.platform.count) == (1, 2)

    here.sell(api, 1)  # the day changed: a new key, a fresh comparison (the kept one is replaced)
    assert here.drain().sent == 1
    again = here.reconcile()
    assert again.batch_id != r.batch_id and (again.terminal.count, again.platform.count) == (2, 3)
    assert here.row().batch_result["batch_id"] == again.batch_id


def test_the_platform_is_down(terminal_factory, server, api):
    day = Day(terminal_factory, server)
    views = day.sell(api, 2)
    assert day.drain().sent == 2
    dead = client_for(f"http://{HOST}:{_free_port(HOST)}", timeout_s=0.5, retries=0)
    day.ctx.platform = dead

    before_z = day.reconcile()  # offline and no Z: an answer, not an exception
    assert before_z.platform_problem == "unreachable" and not before_z.platform_reachable
    assert "unreachable" in before_z.platform_message
    assert before_z.platform is None and before_z.differences == () and before_z.batch_id is None
    assert (before_z.terminal.count, before_z.terminal.total_minor) == (2, sum(v["total_minor"] for v in views))
    assert [b.reason for b in before_z.blockers] == ["day_not_closed", "not_checked"]
    assert not before_z.needs_manager  # nobody marks a day without a Z

    day.close()
    r = day.reconcile()
    assert r.platform_problem == "unreachable" and not r.kept and r.reason == "not_checked" and r.needs_manager
    assert day.row().batch_result is None and last_reconciliation(day.ctx, day.date) is None
    with pytest.raises(ReconcileRefused) as exc:
        day.mark()
    assert exc.value.reason == "not_checked"

    day.ctx.platform = day.t.platform  # back: the answer is kept
    ok = day.reconcile()
    assert ok.platform_problem is None and ok.kept and ok.can_mark_reconciled
    day.ctx.platform = dead  # down again: the kept answer still decides, and is shown again
    down = day.reconcile()
    assert down.platform_problem == "unreachable" and down.can_mark_reconciled and down.kept
    assert down.from_store and down.batch_id == ok.batch_id and down.platform.count == 2
    assert down.checked_at == ok.checked_at and down.differences == ()
    shown = last_reconciliation(day.ctx, day.date)
    assert shown.from_store and shown.batch_id == ok.batch_id and shown.platform.count == 2
    assert shown.checked_at == ok.checked_at
    dead.close()


def test_card_terminal_absent_standalone_or_unreachable(terminal_factory, server):
    day = Day(terminal_factory, server)
    day.ctx.platform = None
    r = day.reconcile()
    assert r.platform_problem == "not_configured" and r.card.unavailable == "no_card_terminal"
    day.ctx.card_terminal = ManualCardTerminal()
    r = day.reconcile()
    assert r.card.card_terminal is None and r.card.unavailable == "standalone" and "slip" in r.card.detail
    day.ctx.card_terminal = TcpCardTerminal(CardTerminalSettings(host=HOST, port=_free_port(HOST)),
                                            store_timezone=ZONE, query_timeout_s=1.0, connect_timeout_s=1.0)
    r = day.reconcile()
    assert r.card.card_terminal is None and r.card.unavailable == "unreachable" and r.card.detail
    assert r.card.matches is None and r.card.sales_difference_minor is None
    assert (r.card.terminal.sales_count, r.card.terminal.sales_minor) == (0, 0)


def _zone_away_from_midnight(now: datetime) -> str:
    for zone in ("Asia/Shanghai", "UTC", "America/New_York", "Asia/Tokyo", "Europe/Berlin"):
        local = now.astimezone(ZoneInfo(zone))
        if 1 <= local.hour <= 22:
            return zone
    raise AssertionError("no zone away from midnight")  # pragma: no cover


@pytest.fixture
def sim(tmp_path):
    proc, port = start_process(state_dir=tmp_path / "sim-state", log_path=tmp_path / "sim.log")
    yield port
    stop_process(proc)


def test_card_totals_beside_the_card_terminal(terminal_factory, server, api, sim):
    clock = SystemClock()  # the card simulator, its own process, stamps its sales with the real clock
    zone = _zone_away_from_midnight(clock.now())
    day = Day(terminal_factory, server, clock=clock, zone=zone,
              business_date=clock.now().astimezone(ZoneInfo(zone)).date())
    card = TcpCardTerminal(CardTerminalSettings(host=HOST, port=sim), store_timezone=zone, timeout_s=10.0,
                           recovery_wait_s=0.1)
    day.ctx.card_terminal = card
    cashier = open_shift(day.t)
    checkout = CheckoutContext(day.t.uow, clock, "T01", "demo-store", "Demo", zone, cashier.user_id, "Zhang",
                               card_terminal=card)

    def session(view):
        return CheckoutSession(PaymentTarget(spec_of(view), ScanKind.VOUCHER, None, False), checkout)

    whole, split, cancelled = (new_order(api, price=p) for p in (1250, 990, 700))
    s = session(whole)
    s.take_card(whole["total_minor"])
    s.complete()
    s = session(split)
    s.take_cash(500)
    s.take_card(split["total_minor"] - 500)
    s.complete()
    s = session(cancelled)  # charged, then given back at the counter: no sale records it
    s.take_card(cancelled["total_minor"])
    s.cancel(approved_by=day.manager, reason="buyer changed their mind")
    pay_cash(day.t, spec_of(new_order(api)))
    assert day.drain().sent == 4  # 3 settlements and the void (issue 16: the platform learns it)
    day.close()

    r = day.reconcile()
    card_sales = whole["total_minor"] + split["total_minor"] - 500
    mine = r.card.terminal
    assert (mine.sales_count, mine.sales_minor) == (3, card_sales + cancelled["total_minor"])
    assert (mine.refunds_count, mine.refunds_minor) == (1, cancelled["total_minor"])
    assert r.card.card_terminal == mine and r.card.matches and r.card.detail == ""
    assert r.card.sales_difference_minor == 0 and r.card.declined_count == 0 and r.card.reported_at is not None
    assert r.differences == () and r.can_mark_reconciled
    kept = day.row().card_report
    assert (kept["sales_count"], kept["sales_minor"], kept["refunds_minor"], kept["date"]) == (
        3, mine.sales_minor, cancelled["total_minor"], day.date.isoformat())

    assert card.charge(480, "CNY", "outside-the-pos", request_id="outside-1").approved  # not through this terminal
    r = day.reconcile()
    assert r.card.matches is False and r.card.sales_difference_minor == 480 and r.card.refunds_difference_minor == 0
    assert (r.card.card_terminal.sales_count, r.card.terminal.sales_count) == (4, 3)
    assert "charges: the card terminal has 4" in r.card.detail
    assert day.row().card_report["sales_minor"] == mine.sales_minor + 480
    shown = last_reconciliation(day.ctx, day.date)  # again, without asking the card terminal
    assert shown.card.card_terminal == r.card.card_terminal and shown.card.matches is False


def test_every_difference_kind_has_an_action():
    assert set(ACTIONS) == {"missing_at_platform", "missing_at_terminal", "amount_differs",
                            "amount_differs_from_order", "double_payment_refund_case", "prepaid_without_sale",
                            "prepaid_not_recorded", "prepaid_missing_at_platform", "prepaid_amount_differs",
                            "prepaid_not_compared"}
    assert all(text.strip() for text in ACTIONS.values())
