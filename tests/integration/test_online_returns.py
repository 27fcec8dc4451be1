"""Returns filed on the buyer's phone and handed in at a counter, end to end against the sandbox
platform on loopback: the scan shows the online request, the hand-in binds it to the store, the
payout is the counter intake's (cash in the shift; nothing for an order paid online, which the
platform refunded to the buyer's balance), another store is refused, and a hand-in that did not
reach the platform (or whose answer was lost) is sent again after a restart under the same key."""

from __future__ import annotations

import dataclasses
import uuid

import pytest
import requests

from pos_terminal.app.facades import App
from pos_terminal.domain.model import PayoutRoute, RefundStatus
from pos_terminal.services import cash, online_returns, refunds, shifts
from pos_terminal.services.refunds import RefundRefused
from sync.outbox_worker import OutboxWorker
from sync.sandbox import seed
from tests.online_return_helpers import (
    buyer_balance,
    file_online_return,
    idempotency_rows,
    paid_online,
    request_row,
)
from tests.platform_helpers import FaultProxy, client_for, new_order, open_shift, pay_cash, settings_for, spec_of, \
    terminal_headers
from tests.seller_helpers import decide_as_seller

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


@pytest.fixture
def online(terminal_factory, server):
    return terminal_factory(settings_for(server.url))


def sold_at_counter(terminal, client, **kw) -> dict:
    view = new_order(client, **kw)
    pay_cash(terminal, spec_of(view))
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    return client.get_order(view["order_no"])


def codes_of(view: dict) -> list[str]:
    return [c for line in view["lines"] for c in line["item_codes"]]


def hand_in_post(server, terminal, request_id: str, key: str | None = None) -> requests.Response:
    headers = terminal_headers(terminal) | {"Idempotency-Key": key or str(uuid.uuid4())}
    return requests.post(f"{server.url}/api/v1/refund-requests/{request_id}/hand-in", headers=headers, timeout=10)


def cash_refunds(terminal) -> int:
    shift = shifts.current_shift(terminal.uow(), terminal_id=terminal.settings.terminal.terminal_id)
    return cash.shift_summary(terminal.day_context(), shift.shift_id).cash_refunds_minor


def test_scanned_online_return_is_handed_in_and_paid_in_cash_and_no_other_store_takes_it(online, client, server):
    view = sold_at_counter(online, client, buyer="b-wang", qty=2)  # reputation 90: approved by policy
    codes = codes_of(view)
    filed = file_online_return(server, codes, "defective: the cap leaks")
    assert filed["status"] == "approved" and filed["refunded_to"] is None  # paid in cash at a store
    ctx = online.refund_context()
    cashier = open_shift(online)
    info = refunds.look_up(ctx, codes[1])  # any unit of the return shows it
    assert info.online is not None and info.refund_state == "refunded"
    assert (info.online.request_id, info.online.status, info.online.decided_by) == (filed["request_id"], "approved",
                                                                                    "policy")
    assert info.online.reason == "defective: the cap leaks" and info.online.item_codes == tuple(codes)
    assert not info.online.handed_in and info.online.amount_minor == 2500
    before = cash_refunds(online)
    kicks = online.devices.drawer.kicks
    done = online_returns.hand_in_and_pay(ctx, info, cashier_id=cashier.user_id, cashier_name="Zhang")
    assert done.payout is not None and done.payout.route is PayoutRoute.CASH and done.payout.amount_minor == 2500
    assert done.case.paid_out and done.case.platform_id == filed["request_id"] and done.case.photos == 0
    assert cash_refunds(online) == before + 2500 and online.devices.drawer.kicks == kicks + 1
    assert done.payout.printed and "乌龙茶 500ml" in "\n".join(done.payout.document.text_lines())
    with pytest.raises(RefundRefused) as e:  # scanned again: done here
        refunds.look_up(ctx, codes[0])
    assert e.value.reason == "already_refunded"
    row = request_row(server, filed["request_id"])
    assert (row.store_id, row.terminal_id) == seed.DEMO_TERMINAL[:2] and row.handed_in_at is not None
    mine = client.get_refund(filed["request_id"])  # the store's request now: its list and status
    assert mine["origin"] == "buyer" and mine["handed_in_at"] and mine["payout"]["terminal_id"] == "T01"
    assert filed["request_id"] in {r["request_id"] for r in client.list_refunds()}
    here = client.get_item(codes[0])["refund"]["online_request"]
    assert here["handed_in"] and here["handed_in_here"] and here["handed_in_terminal_id"] == "T01"
    again = hand_in_post(server, seed.DEMO_TERMINAL, filed["request_id"])  # the same store again: as it is
    assert again.status_code == 200 and again.json()["handed_in_at"] == mine["handed_in_at"]

    other = client_for(server.url, seed.OTHER_STORE_TERMINAL)
    try:
        seen = other.get_item(codes[0])["refund"]["online_request"]
        assert seen["handed_in"] and not seen["handed_in_here"]
        assert seen["handed_in_terminal_id"] is None and seen["handed_in_at"] is None  # no other store's ids
        refused = hand_in_post(server, seed.OTHER_STORE_TERMINAL, filed["request_id"])
        assert refused.status_code == 409 and refused.json()["error"] == "handed_in_elsewhere"
        assert "demo-store" not in refused.text and "T01" not in refused.text
        assert other.get_item(codes[0])["refund"]["state"] == "refunded"
    finally:
        other.close()


def test_another_store_counter_is_told_the_unit_was_handed_in_elsewhere(online, client, server):
    view = sold_at_counter(online, client, buyer="b-wang", qty=1)
    filed = file_online_return(server, codes_of(view))
    ctx = online.refund_context()
    cashier = open_shift(online)
    view_here = online_returns.adopt_online(ctx, refunds.look_up(ctx, codes_of(view)[0]), cashier_id=cashier.user_id)
    assert view_here.status is RefundStatus.APPROVED
    other = client_for(server.url, seed.OTHER_STORE_TERMINAL)  # the other store's counter
    elsewhere = dataclasses.replace(ctx, platform=other, store_id="other-store", terminal_id="T01")
    try:
        with pytest.raises(RefundRefused) as e:
            refunds.look_up(elsewhere, codes_of(view)[0])
        assert e.value.reason == "handed_in_elsewhere"
    finally:
        other.close()
    assert request_row(server, filed["request_id"]).store_id == "demo-store"


def test_an_order_paid_online_is_taken_in_with_no_money_at_the_counter(online, client, server):
    view = paid_online(server, client, buyer="b-wang", qty=1)
    balance = buyer_balance(server, "b-wang").get("CNY", 0)
    filed = file_online_return(server, codes_of(view), "damaged")
    assert filed["refunded_to"] == "buyer_balance"  # the platform refunded the buyer itself
    assert buyer_balance(server, "b-wang")["CNY"] == balance + 1250
    ctx = online.refund_context()
    cashier = open_shift(online)
    info = refunds.look_up(ctx, codes_of(view)[0])
    assert info.payment_route == "online" and info.online.refunded_by_platform
    before, kicks = cash_refunds(online), online.devices.drawer.kicks
    done = online_returns.hand_in_and_pay(ctx, info, cashier_id=cashier.user_id, cashier_name="Zhang")
    assert done.payout.route is PayoutRoute.ONLINE and not done.payout.drawer_kicked
    assert cash_refunds(online) == before and online.devices.drawer.kicks == kicks
    assert [(leg.route, leg.amount_minor) for leg in done.case.legs] == [("online", 1250)]
    assert "平台退款至买家的平台余额" in "\n".join(done.payout.document.text_lines())  # the slip says so
    assert buyer_balance(server, "b-wang")["CNY"] == balance + 1250  # credited once, not again
    assert request_row(server, filed["request_id"]).handed_in_at is not None


def test_filed_online_waiting_for_the_seller_then_approved_and_paid(online, client, server):
    view = sold_at_counter(online, client, buyer="b-li", qty=1)  # reputation 40: the seller decides
    filed = file_online_return(server, codes_of(view))
    assert filed["status"] == "pending_seller"
    ctx = online.refund_context()
    cashier = open_shift(online)
    info = refunds.look_up(ctx, codes_of(view)[0])
    assert info.online.status == "pending_seller" and info.refund_state == "open"
    done = online_returns.hand_in_and_pay(ctx, info, cashier_id=cashier.user_id)
    assert done.payout is None and done.case.status is RefundStatus.REQUESTED
    assert online_returns.hand_in_and_pay(ctx, refunds.look_up(ctx, codes_of(view)[0]),
                                          cashier_id=cashier.user_id).case.case_id == done.case.case_id  # resumed
    assert any(r["request_id"] == filed["request_id"] for r in refunds.store_pending(ctx))
    assert decide_as_seller(server, filed["request_id"], True).status_code == 303
    changed = refunds.poll_decisions(ctx)  # the ordinary polling of this store's requests
    assert [(c.case_id, c.status, c.decided_by) for c in changed] == [(done.case.case_id, RefundStatus.APPROVED,
                                                                       "seller")]
    before = cash_refunds(online)
    paid = refunds.pay_out(ctx, done.case.case_id, cashier_id=cashier.user_id)
    assert paid.route is PayoutRoute.CASH and cash_refunds(online) == before + 1250


def test_the_platform_refuses_a_rejected_or_counter_filed_request(online, client, server):
    view = sold_at_counter(online, client, buyer="b-li", qty=2)
    codes = codes_of(view)
    filed = file_online_return(server, codes[:1])
    assert decide_as_seller(server, filed["request_id"], False).status_code == 303
    r = hand_in_post(server, seed.DEMO_TERMINAL, filed["request_id"])
    assert r.status_code == 409 and r.json()["error"] == "refund_rejected"
    assert "online_request" not in client.get_item(codes[0])["refund"]  # the unit is free again
    ctx = online.refund_context()
    cashier = open_shift(online)
    case = refunds.submit(ctx, refunds.take_in(ctx, [refunds.look_up(ctx, codes[1])], "defective", [],
                                               cashier_id=cashier.user_id).case_id)
    r = hand_in_post(server, seed.DEMO_TERMINAL, case.platform_id)
    assert r.status_code == 409 and r.json()["error"] == "not_an_online_request"
    r = hand_in_post(server, seed.DEMO_TERMINAL, "no-such-request")
    assert r.status_code == 404 and r.json()["error"] == "unknown_refund_request"
    r = requests.post(f"{server.url}/api/v1/refund-requests/{filed['request_id']}/hand-in", timeout=10,
                      headers=terminal_headers(seed.DEMO_TERMINAL))  # no Idempotency-Key
    assert r.status_code == 422


def test_a_hand_in_not_sent_is_kept_and_sent_once_after_a_restart(terminal_factory, online, client, server):
    """Committed, then the platform away: a DRAFT that pays nothing (not even by a manager); a
    new Terminal on the same data folder sends it with the same key; one hand-in."""
    view = sold_at_counter(online, client, buyer="b-wang", qty=1)
    filed = file_online_return(server, codes_of(view))
    ctx = online.refund_context()
    cashier = open_shift(online)
    info = refunds.look_up(ctx, codes_of(view)[0])
    ctx.platform = client_for("http://127.0.0.1:9", timeout_s=0.5, retries=0)  # the platform goes away now
    case = online_returns.adopt_online(ctx, info, cashier_id=cashier.user_id)
    assert case.status is RefundStatus.DRAFT and case.last_error and case.platform_id == filed["request_id"]
    manager = App.of(online).users.approve("8001", "8642")
    ctx.override_limit_minor = 100_000
    with pytest.raises(RefundRefused) as e:
        refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, manager=manager)
    assert e.value.reason == "not_handed_in"
    assert request_row(server, filed["request_id"]).handed_in_at is None
    online.close()

    back = terminal_factory(settings_for(server.url))  # the same data folder, the platform answers
    back.refund_housekeeping()  # submit_due: the hand-in goes out
    after = refunds.case_view(back.refund_context(), case.case_id)
    assert after.status is RefundStatus.APPROVED and after.last_error is None
    assert len(idempotency_rows(server, online_returns.hand_in_key(case.case_id))) == 1
    assert request_row(server, filed["request_id"]).handed_in_at is not None
    done = refunds.pay_out(back.refund_context(), case.case_id, cashier_id=cashier.user_id)
    assert done.route is PayoutRoute.CASH and done.amount_minor == 1250


def test_a_hand_in_whose_answer_was_lost_is_replayed_not_repeated(online, client, server):
    view = sold_at_counter(online, client, buyer="b-wang", qty=1)
    filed = file_online_return(server, codes_of(view))
    ctx = online.refund_context()
    cashier = open_shift(online)
    info = refunds.look_up(ctx, codes_of(view)[0])
    with FaultProxy(server.url) as proxy:
        proxy.plan.only_path = f"/api/v1/refund-requests/{filed['request_id']}/hand-in"
        proxy.plan.drop_response = 10  # the platform takes it in; every answer is lost
        ctx.platform = client_for(proxy.url, retries=1)
        case = online_returns.adopt_online(ctx, info, cashier_id=cashier.user_id)
        assert case.status is RefundStatus.DRAFT and case.last_error
        first = request_row(server, filed["request_id"]).handed_in_at
        assert first is not None  # it did reach the platform
        proxy.plan.drop_response = 0
        assert refunds.submit_due(ctx, force=True) == 1  # sent again: the same key, the first answer
        sent = proxy.requests("POST", proxy.plan.only_path)
    assert len(sent) >= 3 and refunds.case_view(ctx, case.case_id).status is RefundStatus.APPROVED
    assert len(idempotency_rows(server, online_returns.hand_in_key(case.case_id))) == 1
    assert request_row(server, filed["request_id"]).handed_in_at == first


def test_a_hand_in_at_another_store_keeps_to_the_rules_for_returns_taken_elsewhere(online, client, server):
    view = sold_at_counter(online, client, buyer="b-wang", price=25_000, qty=1)  # 250.00 paid in cash here
    filed = file_online_return(server, codes_of(view))
    r = hand_in_post(server, seed.OTHER_STORE_TERMINAL, filed["request_id"])
    assert r.status_code == 409 and r.json()["error"] == "foreign_cash_refund_cap"
    assert request_row(server, filed["request_id"]).handed_in_at is None  # still free for the store that sold it
    r = hand_in_post(server, seed.DEMO_TERMINAL, filed["request_id"])
    assert r.status_code == 200 and r.json()["payout"]["store_id"] == "demo-store"
