"""The prepaid journal against the sandbox platform on loopback (real HTTP, real SQLite): the
platform's by-key look-up, the give-back of a debit at most once, the day's list of a terminal's
movements, the reconciliation that compares them with what the terminal recorded, and a refund
credit whose answer was lost before a restart."""

from __future__ import annotations

import json
import uuid
from zoneinfo import ZoneInfo

import pytest

from pos_terminal.app.facades import App
from pos_terminal.domain.model import CardRequestKind, CardRequestState, PayoutRoute
from pos_terminal.ports import PlatformRefused
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services import refunds
from pos_terminal.services.checkout import CheckoutContext, CheckoutSession
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.reconcile import reconcile_day
from sync.outbox_worker import OutboxWorker
from tests.fakes import FakeClock
from tests.integration.test_reconcile import _zone_away_from_midnight
from tests.integration.test_refunds import codes_of, photo, settle_with
from tests.platform_helpers import FaultProxy, ProxyPlan, client_for, new_order, open_shift, settings_for, spec_of

CARD = "8800000000000001"


def test_movements_by_key_given_back_once_and_listed_by_day(server, client):
    zone = _zone_away_from_midnight(server.clock.now())
    day = server.clock.now().astimezone(ZoneInfo(zone)).date().isoformat()
    key = f"test-{uuid.uuid4()}"
    debit = client.debit_card(CARD, 700, "CNY", "PO-T/1", key, "2580")
    found = client.card_movement(key)
    assert (found["transaction_id"], found["kind"], found["amount_minor"], found["card_last4"]) == (
        debit["transaction_id"], "debit", 700, "0001")
    assert "card_no" not in found and CARD not in json.dumps(found)
    with pytest.raises(PlatformRefused) as exc:
        client.card_movement(f"never-sent-{uuid.uuid4()}")
    assert exc.value.code == "unknown_movement" and exc.value.status == 404

    before = client.get_card(CARD, "2580")["balance_minor"]
    back = client.reverse_card_movement(debit["transaction_id"], "void PO-T", f"{key}-rev")
    assert back["kind"] == "credit" and back["reverses"] == debit["transaction_id"] and back["card_last4"] == "0001"
    assert client.reverse_card_movement(debit["transaction_id"], "void PO-T", f"{key}-rev") == back  # a retry
    with pytest.raises(PlatformRefused) as exc:  # another key: never given back twice
        client.reverse_card_movement(debit["transaction_id"], "void PO-T", f"{key}-other")
    assert exc.value.code == "already_reversed" and exc.value.body["reversal_id"] == back["transaction_id"]
    with pytest.raises(PlatformRefused) as exc:  # a credit is not a debit to give back
        client.reverse_card_movement(back["transaction_id"], "x", f"{key}-x")
    assert exc.value.code == "unknown_movement"
    assert client.get_card(CARD, "2580")["balance_minor"] == before + 700

    listed = client.card_movements(day, zone)
    mine = [m for m in listed["movements"] if m["idempotency_key"] in (key, f"{key}-rev")]
    assert [(m["kind"], m["amount_minor"], m["card_last4"]) for m in mine] == [("debit", 700, "0001"),
                                                                               ("credit", 700, "0001")]
    assert CARD not in json.dumps(listed)
    other = client_for(server.url, terminal=("demo-store", "T02", _secret("T02")))
    assert not [m for m in other.card_movements(day, zone)["movements"] if m["idempotency_key"] == key]
    with pytest.raises(PlatformRefused):  # another terminal's debit is not T02's to give back
        other.reverse_card_movement(debit["transaction_id"], "x", f"{key}-t2")


def _secret(terminal_id):
    from pos_terminal.app.container import sandbox_secret

    return sandbox_secret("demo-store", terminal_id)


def _checkout(terminal, cashier, view, zone):
    ids = terminal.settings.terminal
    ctx = CheckoutContext(terminal.uow, terminal.clock, ids.terminal_id, ids.store_id, "Test store", zone,
                          cashier.user_id, "Zhang", platform=terminal.platform)
    return CheckoutSession(PaymentTarget(spec_of(view), ScanKind.ORDER_NUMBER, None, False), ctx)


def test_reconciliation_lists_a_debit_no_sale_records_until_it_is_given_back(terminal_factory, server):
    ident = ("demo-store", "T02", _secret("T02"))  # a terminal of its own: the platform compares its whole day
    api = client_for(server.url, terminal=ident)
    zone = _zone_away_from_midnight(server.clock.now())
    clock = FakeClock(server.clock.now())
    terminal = terminal_factory(settings_for(server.url, ident), clock=clock)
    ctx = terminal.day_context(render_report=lambda report: None)
    ctx.timezone, ctx.card_terminal = zone, None
    manager, cashier = App.of(terminal).users.sign_in("8001", "8642"), open_shift(terminal)
    day = clock.now().astimezone(ZoneInfo(zone)).date()

    paid, dead = new_order(api, qty=1), new_order(api, qty=1)
    sale = _checkout(terminal, cashier, paid, zone)
    sale.take_prepaid(CARD, sale.total_minor, "2580")
    sale.complete()
    died = _checkout(terminal, cashier, dead, zone)
    died.take_prepaid(CARD, died.total_minor, "2580")  # the debit is taken; the terminal dies before the sale
    del died
    OutboxWorker(terminal.uow, terminal.platform, clock).drain_once()

    r = reconcile_day(ctx, user=manager, business_date=day)
    assert r.platform_problem is None
    (diff,) = r.differences
    assert (diff.kind, diff.order_no, diff.platform_amount_minor, diff.terminal_amount_minor) == (
        "prepaid_without_sale", dead["order_no"], dead["total_minor"], None)
    assert "gives it back to the card" in diff.action and "****0001" in diff.action
    assert not r.can_mark_reconciled

    stray = api.debit_card(CARD, 300, "CNY", "made elsewhere", f"stray-{uuid.uuid4()}", "2580")  # in no record here
    clock.advance(seconds=1)  # as after a restart: what the journal holds was written before it
    terminal._started_at = clock.now()
    done = terminal.recover_prepaid()
    assert len(done.given_back) == 1
    r = reconcile_day(ctx, user=manager, business_date=day)
    assert [(d.kind, d.settlement_id, d.platform_amount_minor) for d in r.differences] == [
        ("prepaid_not_recorded", stray["transaction_id"], 300)]
    api.reverse_card_movement(stray["transaction_id"], "test clean-up", f"{stray['transaction_id']}-back")
    r = reconcile_day(ctx, user=manager, business_date=day)
    assert [d.kind for d in r.differences] == ["prepaid_not_recorded", "prepaid_not_recorded"]  # both sides shown
    with terminal.uow() as uow:
        rows = uow.card_requests.open_for_terminal("T02", kinds=(CardRequestKind.PREPAID_DEBIT,
                                                                 CardRequestKind.PREPAID_CREDIT))
    assert rows == []


def test_a_refund_credit_whose_answer_was_lost_is_recorded_after_a_restart(terminal_factory, server, client):
    with FaultProxy(server.url) as proxy:
        proxy.plan = ProxyPlan(drop_response=1, only_path="/api/v1/cards/")
        terminal = terminal_factory(settings_for(proxy.url))
        terminal.platform.retries = 0  # the terminal stops before it could ask again
        ctx = terminal.refund_context()
        view = new_order(client, qty=1)  # b-wang: approved at once
        settle_with(client, view, "prepaid_card")
        cashier = open_shift(terminal)
        info = refunds.look_up(ctx, codes_of(view)[0])
        case = refunds.submit(ctx, refunds.take_in(ctx, [info], "damaged", [photo()],
                                                  cashier_id=cashier.user_id).case_id)
        before = client.get_card(CARD, "2580")["balance_minor"]
        with pytest.raises(refunds.RefundRefused) as exc:
            refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, card_text=CARD)
        assert exc.value.reason == "platform_unavailable"
        assert client.get_card(CARD, "2580")["balance_minor"] == before + view["total_minor"]  # it was made
        terminal.close()

    again = terminal_factory(settings_for(server.url))  # restarted: the journal knows the credit went out
    done = again.recover_prepaid()
    assert len(done.credits_made) == 1
    with again.uow() as uow:
        stored = uow.refunds.get(case.case_id)
        assert stored.payout_legs[0]["done"] and stored.payout_legs[0]["card_last4"] == "0001"
        entry = uow.card_requests.get(done.credits_made[0])
        assert entry.state is CardRequestState.SETTLED and entry.kind is CardRequestKind.PREPAID_CREDIT
    paid = refunds.pay_out(again.refund_context(), case.case_id, cashier_id=cashier.user_id, card_text=CARD)
    assert paid.route is PayoutRoute.PREPAID_CARD
    assert client.get_card(CARD, "2580")["balance_minor"] == before + view["total_minor"]  # credited once
