"""Refunds at a counter that takes payment codes of two platforms (issue 16), on loopback with two
real sandboxes: "demo-shop" is the counter's [platform], "tea-house" an [[issuers]] entry. A
returned unit is looked up, requested, decided, paid out and reported on the platform that sold
it; the other platform never hears of it."""

from __future__ import annotations

import uuid

import pytest
import requests
from sqlalchemy import select

from pos_terminal.app.facades import App
from pos_terminal.domain.model import RefundStatus
from pos_terminal.ports import PlatformRefused
from pos_terminal.services import refunds
from sync.outbox_worker import OutboxWorker
from sync.sandbox import db as sandbox_db
from sync.sandbox import seed
from sync.sandbox.seed_issuers import MERCHANTS as TEA_MERCHANTS
from tests.platform_helpers import client_for, new_order, open_shift, outbox_rows
from tests.issuer_helpers import pay_code, two_platform_settings, two_shops
from tests.issuer_helpers import tea_order as two_unit_tea_order
from tests.sale_helpers import terminal_checkout


@pytest.fixture
def shops(tmp_path):
    with two_shops(tmp_path) as both:
        yield both


@pytest.fixture
def counter(terminal_factory, shops):
    terminal = terminal_factory(two_platform_settings(*(s.url for s in shops)))
    terminal.issuer_keys.refresh()
    return terminal


def tea_order(b, buyer: str = "b-li") -> dict:
    """Two units of m-leaf on tea-house (tests.issuer_helpers.tea_order)."""
    return two_unit_tea_order(b, buyer, quantity=2)


def codes_of(client, order_no: str) -> list[str]:
    return [c for line in client.get_order(order_no)["lines"] for c in line["item_codes"]]


def seller_decides(server, request_id: str, merchant_id: str, secret: str, approve: bool = True) -> None:
    r = requests.post(f"{server.url}/api/v1/refund-requests/{request_id}/decision",
                      json={"approve": approve, "note": "" if approve else "not a defect"}, timeout=10,
                      headers={"Authorization": f"Bearer {secret}", "X-Merchant-Id": merchant_id,
                               "Idempotency-Key": str(uuid.uuid4())})
    assert r.status_code == 200, r.text


def requests_on(server) -> dict[str, list[str]]:
    """The platform's refund requests: id -> the item codes it covers."""
    with server.app.state.engine.connect() as conn:
        rows = conn.execute(select(sandbox_db.item_units.c.refund_request_id, sandbox_db.item_units.c.item_code)
                            .where(sandbox_db.item_units.c.refund_request_id.is_not(None))).all()
    found: dict[str, list[str]] = {}
    for rid, code in rows:
        found.setdefault(rid, []).append(code)
    return found


def movements_on(server) -> list:
    t = sandbox_db.counter_movements
    with server.app.state.engine.connect() as conn:
        return list(conn.execute(select(t).order_by(t.c.ref)))


def drain(terminal):
    return OutboxWorker(terminal.uow, terminal.outbox_client(), terminal.clock).drain_once()


def test_a_tea_house_refund_is_requested_decided_and_reported_on_tea_house(counter, shops):
    a, b = shops
    tea = tea_order(b)
    shop = new_order(client_for(a.url), buyer="b-li", qty=1)
    assert pay_code(counter, tea["voucher"]).target.platform_id == "tea-house"
    assert pay_code(counter, shop["voucher"]).target.platform_id == "demo-shop"
    assert drain(counter).sent == 2
    cashier = open_shift(counter)
    woken: list[int] = []
    ctx = counter.refund_context()
    ctx.after_commit = lambda: woken.append(1)

    # one unit of the tea-house order back: looked up on tea-house (the platform of its order)
    tea_code = codes_of(client_for(b.url), tea["order_no"])[0]
    info = refunds.look_up(ctx, tea_code)
    assert (info.platform_id, info.order_no, info.merchant_name) == ("tea-house", tea["order_no"], "一叶茶庄")
    assert not info.offline and info.payment_route == "cash"
    case = refunds.submit(ctx, refunds.take_in(ctx, [info], "defective", [], cashier_id=cashier.user_id).case_id)
    assert case.status is RefundStatus.REQUESTED
    assert requests_on(b) == {case.platform_id: [tea_code]}  # the request reached tea-house
    assert requests_on(a) == {}  # and never demo-shop
    with pytest.raises(PlatformRefused):
        client_for(a.url).get_refund(case.platform_id)

    # the seller decides on tea-house; the refund loop picks the decision up there
    seller_decides(b, case.platform_id, "m-leaf", TEA_MERCHANTS["m-leaf"][4])
    counter.refund_housekeeping()
    assert refunds.case_view(ctx, case.case_id).status is RefundStatus.APPROVED

    # paid out in cash: the counter movement names tea-house, reaches it once, and the worker was woken
    done = refunds.pay_out(ctx, case.case_id, cashier_id=cashier.user_id, cashier_name="Zhang")
    assert done.case.paid_out and woken
    [row] = [r for r in outbox_rows(counter) if r.topic == "counter_refund"]
    assert (row.payload["platform_id"], row.payload["ref"], row.payload["amount_minor"]) == (
        "tea-house", f"{case.case_id}/0", 6800)
    assert drain(counter).sent == 1 and drain(counter).sent == 0
    assert [(m.ref, m.kind, m.amount_minor, m.platform_id) for m in movements_on(b)] == [
        (f"{case.case_id}/0", "refund", 6800, "tea-house")]
    assert movements_on(a) == []

    # demo-shop's refunds go on as before, on demo-shop
    shop_code = codes_of(client_for(a.url), shop["order_no"])[0]
    shop_info = refunds.look_up(ctx, shop_code)
    assert shop_info.platform_id == "demo-shop"
    shop_case = refunds.submit(ctx, refunds.take_in(ctx, [shop_info], "damaged", [],
                                                    cashier_id=cashier.user_id).case_id)
    assert shop_case.platform_id in requests_on(a) and shop_case.platform_id not in requests_on(b)
    seller_decides(a, shop_case.platform_id, "m-tea", seed.MERCHANTS["m-tea"][4])
    counter.refund_housekeeping()
    refunds.pay_out(ctx, shop_case.case_id, cashier_id=cashier.user_id, cashier_name="Zhang")
    assert drain(counter).sent == 1
    assert [(m.ref, m.platform_id) for m in movements_on(a)] == [(f"{shop_case.case_id}/0", "demo-shop")]
    assert len(movements_on(b)) == 1  # tea-house heard of its own refund only


def test_a_unit_this_counter_did_not_sell_is_found_on_its_platform_even_after_a_restart(counter, shops,
                                                                                     monkeypatch):
    """An item code whose order this database does not hold: demo-shop is asked first, then
    tea-house; the case keeps its platform (refund_cases.platform_id) and talks to tea-house, also
    after a restart, without asking the platforms about its units again."""
    a, b = shops
    tea = tea_order(b, buyer="b-wang")  # reputation 90: approved at once
    elsewhere = client_for(b.url, terminal=seed.SECOND_TERMINAL)  # the store's other till sold it
    view = elsewhere.get_order(tea["order_no"])
    elsewhere.post_settlement({
        "settlement_id": str(uuid.uuid4()), "order_no": tea["order_no"], "merchant_id": "m-leaf",
        "store_id": elsewhere.store_id, "terminal_id": elsewhere.terminal_id, "receipt_no": 1,
        "amount_minor": view["total_minor"], "currency": view["currency"], "tenders": ["cash"],
        "offline": False, "paid_at": counter.clock.now().isoformat()}, str(uuid.uuid4()))
    cashier = open_shift(counter)
    ctx = counter.refund_context()
    code = codes_of(elsewhere, tea["order_no"])[1]
    with counter.uow() as uow:
        assert uow.refunds.local_unit(code) is None and uow.orders.get(tea["order_no"]) is None
    info = refunds.look_up(ctx, code)
    assert info.platform_id == "tea-house"
    draft = refunds.take_in(ctx, [info], "defective", [], cashier_id=cashier.user_id)
    with counter.uow() as uow:
        assert uow.refunds.get(draft.case_id).platform_id == "tea-house"
    counter._refund_case_platforms.clear()  # a restart between the intake and its sending

    def looked_up_again(*_args, **_kw):
        raise AssertionError("the case's platform was looked up again instead of read from the case")

    for shop in ("demo-shop", "tea-house"):
        monkeypatch.setattr(counter.platform_for(shop), "get_item", looked_up_again)
    case = refunds.submit(counter.refund_context(), draft.case_id)
    assert case.status is RefundStatus.APPROVED
    assert requests_on(b) == {case.platform_id: [code]} and requests_on(a) == {}
    assert refunds.refresh(counter.refund_context(), case.case_id).status is RefundStatus.APPROVED


def test_an_item_code_no_platform_knows_is_refused_as_unknown(counter, shops):
    with pytest.raises(refunds.RefundRefused) as refused:
        refunds.look_up(counter.refund_context(), "IC" + "9" * 16)
    assert refused.value.reason == "unknown_item"


def test_a_double_payment_of_tea_house_is_paid_back_and_reported_to_tea_house(counter, shops):
    """A tea-house order paid at this counter, then again at the store's other till: tea-house
    makes a refund case of the second payment; this counter pays it back, and tea-house (not
    demo-shop) hears of the pay-back and of its counter movement, once."""
    from pos_terminal.services import refund_cases

    a, b = shops
    tea = tea_order(b)
    pay_code(counter, tea["voucher"])
    assert drain(counter).sent == 1
    elsewhere = client_for(b.url, terminal=seed.SECOND_TERMINAL)
    second = elsewhere.post_settlement({
        "settlement_id": str(uuid.uuid4()), "order_no": tea["order_no"], "merchant_id": "m-leaf",
        "store_id": elsewhere.store_id, "terminal_id": elsewhere.terminal_id, "receipt_no": 7,
        "amount_minor": tea["total_minor"], "currency": "CNY", "tenders": ["cash"], "offline": True,
        "paid_at": counter.clock.now().isoformat()}, str(uuid.uuid4()))
    assert second.get("outcome") == "refund_case", second
    ctx = counter.refund_context(render_receipt=lambda info: info)
    woken: list[int] = []
    ctx.after_commit = lambda: woken.append(1)
    [case] = [c for c in refund_cases.list_cases(ctx) if c.order_no == tea["order_no"]]  # listed from tea-house
    cashier = open_shift(counter)
    manager = App.of(counter).users.approve("8001", "8642")
    done = refund_cases.pay_back(ctx, case.case_id, cashier=cashier, manager=manager)
    assert done.reported and woken  # told to tea-house at once; the worker woken for the movement
    assert client_for(b.url).get_refund_case(case.case_id)["resolution"] == "paid_back_at_counter"
    [row] = [r for r in outbox_rows(counter) if r.topic == "double_payment_payback"]
    assert row.payload["platform_id"] == "tea-house"
    assert drain(counter).sent == 1 and drain(counter).sent == 0
    assert [(m.kind, m.platform_id, m.amount_minor) for m in movements_on(b)] == [
        ("double_payment_payback", "tea-house", tea["total_minor"])]
    assert movements_on(a) == []


def test_a_void_of_a_tea_house_sale_wakes_the_worker_and_reaches_tea_house(counter, shops):
    a, b = shops
    tea = tea_order(b)
    cashier = open_shift(counter)
    manager = App.of(counter).users.approve("8001", "8642")
    woken: list[int] = []
    ctx = terminal_checkout(counter, cashier, platform=counter.platform, issuers=counter.issuer_clients,
                            after_commit=lambda: woken.append(1))
    session = App.of(counter).checkout.start(tea["voucher"], ctx)
    session.take_cash(5000)
    session.cancel(manager, "buyer changed mind")
    assert woken == [1]  # the void's message goes now, not at the worker's next poll
    [row] = [r for r in outbox_rows(counter) if r.topic == "void"]
    assert row.payload["platform_id"] == "tea-house"
    assert drain(counter).sent == 1
    assert [(m.kind, m.platform_id, m.amount_minor) for m in movements_on(b)] == [("void", "tea-house", 5000)]
    assert movements_on(a) == []


def test_a_platform_that_is_down_holds_back_only_its_own_intakes(counter, shops):
    """tea-house unreachable: its intake stays a draft for a retry, while the refund loop still
    sends demo-shop's (taken in after it) and polls demo-shop's decision."""
    from sync.offline import OfflinePlatform

    a, b = shops
    tea, shop = tea_order(b), new_order(client_for(a.url), buyer="b-wang", qty=1)
    pay_code(counter, tea["voucher"])
    pay_code(counter, shop["voucher"])
    assert drain(counter).sent == 2
    cashier = open_shift(counter)
    ctx = counter.refund_context()
    tea_info = refunds.look_up(ctx, codes_of(client_for(b.url), tea["order_no"])[0])
    shop_info = refunds.look_up(ctx, codes_of(client_for(a.url), shop["order_no"])[0])
    tea_draft = refunds.take_in(ctx, [tea_info], "defective", [], cashier_id=cashier.user_id)
    shop_draft = refunds.take_in(ctx, [shop_info], "defective", [], cashier_id=cashier.user_id)
    counter.attach_issuer("tea-house", OfflinePlatform("tea-house is down"))
    counter.refund_housekeeping()
    held, sent = refunds.case_view(ctx, tea_draft.case_id), refunds.case_view(ctx, shop_draft.case_id)
    assert held.status is RefundStatus.DRAFT and "tea-house is down" in (held.last_error or "")
    assert sent.status is RefundStatus.APPROVED  # b-wang: approved at once, on demo-shop
    assert list(requests_on(a).values()) == [[shop_info.item_code]] and requests_on(b) == {}
