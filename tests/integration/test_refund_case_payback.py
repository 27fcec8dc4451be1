"""A double payment paid back at the counter (pos_terminal.services.refund_cases) against the
sandbox platform on loopback: real storage, real HTTP. Two counters of one store take the same
order while offline; the platform keeps the first payment and opens a refund case for the second,
which the second counter pays back in cash (a manager approves): the shift's expected cash drops
by it, the platform closes the case, and the day's reconciliation shows it closed. A platform
that cannot be told at once hears of it later under the same Idempotency-Key; a case the platform
refunded itself is never paid at the counter."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pos_terminal.app.container import DATA_DIR_ENV
from pos_terminal.services import cash, refund_cases
from pos_terminal.services.refund_cases import PaybackRefused
from pos_terminal.storage import orm
from sync.sandbox import db as sandbox_db
from sync.sandbox import seed
from tests.integration.test_reconcile import Day, own_day
from tests.platform_helpers import FaultProxy, ProxyPlan, admin_headers, client_for, new_order, pay_cash, spec_of

pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def api(server):
    c = client_for(server.url)
    yield c
    c.close()


def paid_twice(terminal_factory, server, api, tmp_path, monkeypatch, *, url=None):
    """The order paid at T01, then at T02 (both offline); T02's payment is the refund case."""
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
    [case] = [c for c in refund_cases.list_cases(second.t.refund_context()) if c.order_no == view["order_no"]]
    return view, second, case


def test_paid_back_at_the_counter_closes_the_case(terminal_factory, server, api, tmp_path, monkeypatch):
    view, day, case = paid_twice(terminal_factory, server, api, tmp_path, monkeypatch)
    total = view["total_minor"]
    assert (case.status, case.state, case.amount_minor, case.store_id, case.terminal_id) == (
        "open", "open", total, "demo-store", "T02")
    day.close()
    r = day.reconcile()
    [d] = r.differences
    assert (d.kind, d.refund_case_status, d.resolved, d.paid_back_receipt_no) == (
        "double_payment_refund_case", "open", False, None)
    assert d.action.startswith("open: pay the buyer back here") and r.reason == "differences"
    before = cash.current_shift(day.ctx)
    assert before.expected_cash_minor == total

    ctx = day.t.refund_context(render_receipt=lambda info: info)
    with pytest.raises(PaybackRefused) as no_manager:
        refund_cases.pay_back(ctx, case.case_id, cashier=day.cashier, manager=day.cashier)
    assert no_manager.value.reason == "needs_manager"
    done = refund_cases.pay_back(ctx, case.case_id, cashier=day.cashier, manager=day.manager)
    assert done.reported and done.report_error is None and done.case.state == "paid_back_here"
    assert done.receipt.receipt_no == 2 and done.receipt.amount_minor == total  # after the sale's receipt 1
    assert done.receipt.platform_id == case.case_id and done.receipt.override_by == "8001"
    assert done.receipt.merchant_name == view["merchant"]["name"] and done.receipt.route.value == "cash"

    after = cash.current_shift(day.ctx)
    assert (after.cash_refunds_minor, after.expected_cash_minor) == (total, before.expected_cash_minor - total)
    platform = api_case(server, case.case_id)
    assert (platform.status, platform.resolution, platform.paid_back_receipt_no, platform.resolved_by) == (
        "refunded", "paid_back_at_counter", 2, "demo-store/T02")
    with pytest.raises(PaybackRefused) as again:
        refund_cases.pay_back(ctx, case.case_id, cashier=day.cashier, manager=day.manager)
    assert again.value.reason == "paid_back_already"
    assert cash.current_shift(day.ctx).expected_cash_minor == after.expected_cash_minor  # paid once

    r = day.reconcile()
    [d] = r.differences
    assert (d.refund_case_status, d.resolution, d.resolved, d.paid_back_receipt_no, d.payback_state) == (
        "refunded", "paid_back_at_counter", True, 2, "reported")
    assert d.action == "closed: paid back at this counter (receipt 2)"
    assert r.can_mark_reconciled and "differences" not in {b.reason for b in r.blockers}
    day.mark()
    assert day.row().status == "reconciled"
    with day.t.uow() as uow:  # the X/Z report counts it among the day's cash refunds
        start_end = [row for row in uow.days.refunds_paid("T02", *_bounds(day)) if row.receipt_no == 2]
    assert [(row.amount_minor, row.paid_out_route) for row in start_end] == [(total, "cash")]


def test_the_platform_hears_later_under_the_same_key(terminal_factory, server, api, tmp_path, monkeypatch):
    """The platform answers 503 to the report: the cash is paid and recorded, the report waits, and
    the next round sends it again under the same Idempotency-Key."""
    view, day, case = paid_twice(terminal_factory, server, api, tmp_path, monkeypatch)
    path = f"/api/v1/refund-cases/{case.case_id}/paid-back"
    with FaultProxy(server.url) as proxy:
        proxy.plan = ProxyPlan(fail_503=100, only_path=path)
        day.t.attach_platform(client_for(proxy.url, seed.SECOND_TERMINAL, backoff_s=0.01))
        day.ctx.platform = day.t.platform  # the reconciliation goes through the proxy too
        ctx = day.t.refund_context(render_receipt=lambda info: info)
        done = refund_cases.pay_back(ctx, case.case_id, cashier=day.cashier, manager=day.manager)
        assert not done.reported and "503" in done.report_error and done.case.state == "paid_back_here_unreported"
        assert cash.current_shift(day.ctx).cash_refunds_minor == view["total_minor"]
        with day.t.uow() as uow:
            [row] = uow.session.execute(select(orm.refund_case_paybacks)).all()
        assert (row.state, row.attempts) == ("paid_out", 1) and row.next_attempt_at is not None
        assert api_case(server, case.case_id).status == "open"
        day.close()
        r = day.reconcile()  # the platform still cannot be told: the case is not closed
        [d] = r.differences
        assert (d.resolved, d.payback_state, d.paid_back_receipt_no) == (False, "paid_out", row.receipt_no)
        assert d.action.startswith(f"paid back at this counter (receipt {row.receipt_no}); the platform is told")
        assert refund_cases.resend_due(ctx) == 0  # backing off
        proxy.plan = ProxyPlan(only_path=path)  # the platform answers again
        assert refund_cases.resend_due(ctx, force=True) == 1
        assert len([e for e in proxy.requests("POST", path) if e[2] == "200"]) == 1
    with server.app.state.engine.connect() as conn:  # one report, under the key made of the local record
        keys = conn.execute(select(sandbox_db.idempotency.c.key).where(
            sandbox_db.idempotency.c.scope == "t:demo-store/T02",
            sandbox_db.idempotency.c.key == refund_cases.idempotency_key(row.id))).scalars().all()
    assert keys == [f"payback-{row.id}"]
    assert api_case(server, case.case_id).paid_back_receipt_no == row.receipt_no


def test_a_case_the_platform_refunded_is_not_paid_at_the_counter(terminal_factory, server, api, tmp_path,
                                                                 monkeypatch):
    import requests

    view, day, case = paid_twice(terminal_factory, server, api, tmp_path, monkeypatch)
    r = requests.post(f"{server.url}/api/v1/admin/refund-cases/{case.case_id}/platform-refund", json={},
                      headers=admin_headers(server), timeout=10)
    assert r.status_code == 200, r.text
    before = cash.current_shift(day.ctx).expected_cash_minor
    with pytest.raises(PaybackRefused) as refused:
        refund_cases.pay_back(day.t.refund_context(), case.case_id, cashier=day.cashier, manager=day.manager)
    assert refused.value.reason == "refunded_by_platform"
    assert cash.current_shift(day.ctx).expected_cash_minor == before
    with day.t.uow() as uow:
        assert uow.session.execute(select(orm.refund_case_paybacks)).all() == []
    day.close()
    [d] = day.reconcile().differences
    assert (d.resolved, d.resolution, d.action) == (True, "platform_refund",
                                                    "closed: refunded by the platform to the buyer")
    assert refund_cases.list_cases(day.t.refund_context(), status="refunded")[0].state in (
        "refunded_by_platform", "paid_back_elsewhere")


def api_case(server, case_id: str):
    with server.app.state.engine.connect() as conn:
        return conn.execute(select(sandbox_db.refund_cases).where(sandbox_db.refund_cases.c.id == case_id)).one()


def _bounds(day):
    from pos_terminal.clock import day_bounds

    return day_bounds(day.date, day.ctx.timezone)
