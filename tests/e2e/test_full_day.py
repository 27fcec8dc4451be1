"""A whole business day at one counter, through the real services, the real storage and the
sandbox platform on loopback (reached through a fault proxy that plays the flaky network):

shift opened with a counted float; sales in cash, by bank card, with a prepaid card and mixed;
an offline stretch (the platform answers 503: the sales wait in the outbox); a cash refund and a
split refund; a drop, a pay-out and a no-sale; an X report mid-day; the shift closed short above
the limit (a manager and a note); the Z report checked figure by figure against the sales that
made it; reconciliation with differences while the outbox still holds the offline sales, then
without once they are sent, and the day marked reconciled; the audit trail whole and holding
every act of the day. Every sale goes through a CheckoutSession, as at the counter; its bank-card
tenders and the split refund's card leg go to the fake card terminal of tests/checkout_fakes (the
card terminal is not what this flow tests;
the simulator's charges, refunds and day report are tested in tests/integration/test_card_terminal.py
and test_reconcile.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from pos_terminal.app.facades import App
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services import audit, cash, reconcile, refunds, reports
from pos_terminal.services.cash import CashRefused
from pos_terminal.services.checkout import CheckoutContext, CheckoutSession
from pos_terminal.services.orders import PaymentTarget
from sync.outbox_worker import OutboxWorker
from tests.checkout_fakes import FakeCardTerminal
from tests.fakes import FakeClock
from tests.platform_helpers import FaultProxy, client_for, new_order, settings_for, spec_of

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)

ZONE = "Asia/Shanghai"


@pytest.fixture
def proxy(server):
    with FaultProxy(server.url) as p:
        yield p


def _morning(platform_now: datetime) -> datetime:
    """10:00 in Shanghai on the latest day that began at least an hour before the platform's now
    (so the platform never sees a payment from its future, and the day never crosses midnight)."""
    now = platform_now - timedelta(hours=1)
    start = now.replace(hour=2, minute=0, second=0, microsecond=0)
    return start if start <= now else start - timedelta(days=1)


def test_a_whole_day_closed_and_reconciled(terminal_factory, server, proxy):
    morning = _morning(server.clock.now())
    clock = FakeClock(morning)
    t = terminal_factory(settings_for(proxy.url, timeout_s=2.0), clock=clock)
    ctx = t.day_context(render_report=lambda report: None)
    ctx.timezone, ctx.card_terminal = ZONE, None
    rctx = t.refund_context()
    rctx.timezone = ZONE
    api = client_for(server.url)
    users = App.of(t).users
    cashier, manager = users.sign_in("1001", "1357"), users.sign_in("8001", "8642")
    ids = t.settings.terminal
    worker = OutboxWorker(t.uow, t.platform, clock)

    card_terminal = FakeCardTerminal()

    def checkout(view, *, offline=False, **kw):
        return CheckoutSession(PaymentTarget(spec_of(view), ScanKind.ORDER_NUMBER, None, offline),
                               CheckoutContext(t.uow, clock, ids.terminal_id, ids.store_id, "Test store", ZONE,
                                               cashier.user_id, "Zhang", **kw))

    def sell(*, card=0, cash_handed=0, price=1250, qty=1, offline=False):
        """A sale as the checkout screen makes it: the card charged first, then the cash handed over."""
        view = new_order(api, price=price, qty=qty)
        session = checkout(view, offline=offline, card_terminal=card_terminal)
        if card:
            session.take_card(card)
        if cash_handed:
            session.take_cash(cash_handed)
        session.complete()
        clock.advance(minutes=7)
        return view

    # -- morning: the float, sales online ------------------------------------------------------
    cash.open_shift(ctx, user=cashier, counts={10000: 2, 5000: 1, 1000: 5})  # 300.00
    cash_sale = sell(cash_handed=3000, qty=2)  # 25.00 due: 5.00 change
    sell(card=1250)
    # the prepaid card is really debited on the platform (journalled first): reconciliation compares it
    prepaid = checkout(new_order(api, price=1250, qty=1), platform=t.platform)
    prepaid.take_prepaid("8800000000000001", 1250, "2580")
    prepaid.complete()
    clock.advance(minutes=7)
    mixed = sell(card=2000, cash_handed=2000, qty=3)  # 37.50: 20.00 by card, 17.50 in cash (2.50 change)
    assert worker.drain_once().sent == 4

    # -- the offline stretch: the platform answers 503, the sales wait in the outbox -------------
    proxy.plan.fail_503 = 10_000
    offline = [sell(cash_handed=1250, offline=True) for _ in range(2)]
    assert worker.drain_once().sent == 0
    cash.cash_drop(ctx, user=cashier, amount_minor=20_000, reason="to the safe")
    cash.pay_out(ctx, user=cashier, amount_minor=800, reason="milk delivery", approved_by=manager)
    cash.no_sale(ctx, user=cashier, reason="change for a customer")
    x = reports.x_report(ctx, user=cashier)
    assert (x.kind, x.sales_count, x.sync.pending) == ("X", 6, 2)
    assert x.counted_cash_minor is None  # the shift is open: nothing is counted yet
    proxy.plan.fail_503 = 0

    # -- refunds: a cash one and a split one (card first, then cash); the offline sales still wait
    case = refunds.submit(rctx, refunds.take_in(rctx, [refunds.look_up(rctx, cash_sale["lines"][0]["item_codes"][0])],
                                                "defective", [], cashier_id=cashier.user_id).case_id)
    refunds.pay_out(rctx, case.case_id, cashier_id=cashier.user_id)
    rctx.card_terminal = FakeCardTerminal()
    split_codes = [c for line in mixed["lines"] for c in line["item_codes"]][:2]  # 25.00 of the 37.50
    items = [refunds.look_up(rctx, c) for c in split_codes]
    case = refunds.submit(rctx, refunds.take_in(rctx, items, "damaged", [], cashier_id=cashier.user_id).case_id)
    done = refunds.pay_out(rctx, case.case_id, cashier_id=cashier.user_id)
    assert [(leg.route, leg.amount_minor) for leg in done.receipt.legs] == [("bank_card", 2000), ("cash", 500)]
    clock.advance(minutes=30)

    # -- closing the shift: 6.50 short is within the 10.00 limit, 11.50 short is not --------------
    expected = 30_000 + 2500 + 1750 + 2 * 1250 - 1250 - 500 - 20_000 - 800
    assert cash.current_shift(ctx).expected_cash_minor == expected == 14_200
    short = {10000: 1, 1000: 3, 500: 1, 50: 1}  # 135.50: 6.50 short
    assert cash.preview_close(ctx, short).over_short_minor == -650
    very_short = {10000: 1, 1000: 3, 50: 1}  # 130.50: 11.50 short, above the limit
    with pytest.raises(CashRefused) as refused:
        cash.close_shift(ctx, user=cashier, counts=very_short)
    assert refused.value.reason == "needs_manager"
    closed = cash.close_shift(ctx, user=cashier, counts=very_short, manager=manager, note="a 10 note went to the safe")
    assert (closed.over_short_minor, closed.close_approved_by) == (-1150, "8001")

    # -- the Z report, figure by figure ------------------------------------------------------------
    with pytest.raises(reports.ReportRefused):
        reports.z_report(ctx, user=cashier)  # a cashier does not close the day
    z = reports.z_report(ctx, user=manager)
    assert (z.kind, z.z_no, z.business_date) == ("Z", 1, morning.astimezone(ZoneInfo(ZONE)).date())
    assert (z.sales_count, z.sales_minor) == (6, 2500 + 1250 + 1250 + 3750 + 2 * 1250)
    assert {t_.kind: (t_.count, t_.amount_minor) for t_ in z.sales_by_tender} == {
        "cash": (4, 2500 + 1750 + 2 * 1250), "bank_card": (2, 1250 + 2000), "prepaid_card": (1, 1250)}
    assert z.offline_sales_count == 2
    assert (z.refunds_count, z.refunds_minor) == (2, 1250 + 2500)
    assert {r.kind: r.amount_minor for r in z.refunds_by_route} == {"cash": 1250 + 500, "bank_card": 2000}
    assert (z.drops_minor, z.pay_outs_minor, z.no_sale_count, z.opening_float_minor) == (20_000, 800, 1, 30_000)
    assert (z.expected_cash_minor, z.counted_cash_minor, z.over_short_minor) == (14_200, 13_050, -1150)
    assert (z.first_receipt_no, z.last_receipt_no) == (1, 8)  # 6 sales and 2 refund receipts, no gap

    # -- reconciliation: with differences while the outbox holds the offline sales ----------------
    proxy.plan.fail_503 = 10_000
    down = reconcile.reconcile_day(ctx, user=manager, business_date=z.business_date)
    assert down.platform_problem == "unreachable" and not down.can_mark_reconciled
    proxy.plan.fail_503 = 0
    r = reconcile.reconcile_day(ctx, user=manager, business_date=z.business_date)  # before the outbox drained
    assert r.outbox.pending == 2 and not r.can_mark_reconciled
    assert sorted((d.kind, d.order_no, d.in_outbox) for d in r.differences) == sorted(
        ("missing_at_platform", v["order_no"], "pending") for v in offline)
    with pytest.raises(reconcile.ReconcileRefused) as refused:
        reconcile.mark_reconciled(ctx, user=manager, business_date=z.business_date)
    assert refused.value.reason == "outbox_pending"
    # the two offline sales, and the three refund legs paid out at the counter (counter movements, issue 16)
    assert worker.drain_once().sent == 2 + 3
    # -- and without, once everything is sent -------------------------------------------------------
    r = reconcile.reconcile_day(ctx, user=manager, business_date=z.business_date)
    assert r.outbox.pending == 0 and r.differences == () and r.can_mark_reconciled
    assert (r.terminal.count, r.terminal.total_minor) == (6, z.sales_minor)
    assert (r.platform.count, r.platform.total_minor) == (6, z.sales_minor)
    reconcile.mark_reconciled(ctx, user=manager, business_date=z.business_date)

    # -- the audit trail is whole and holds the day ----------------------------------------------------
    result = audit.verify(t.uow, ids.terminal_id, anchors=reports.audit_anchors(t.uow, ids.terminal_id))
    assert result.ok
    actions = [e.action for e in audit.entries(t.uow, ids.terminal_id, limit=500)]
    for action in ("sign_in", "shift_open", "cash_drop", "pay_out", "no_sale", "refund", "shift_close",
                   "day_close", "reconcile"):
        assert action in actions, action
    api.close()
