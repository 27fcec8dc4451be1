"""One counter, two platforms (issue 16), on loopback with two real sandboxes: "demo-shop" is the
counter's [platform], "tea-house" an [[issuers]] entry. A payment code of each is paid at the same
counter; each order is looked up and claimed on its own platform, each settlement reaches its own
platform exactly once and never the other."""

from __future__ import annotations

import uuid

import pytest

from pos_terminal.app.facades import App
from pos_terminal.services.orders import PaymentCodeRefused
from sync.outbox_worker import OutboxWorker
from sync.sandbox.seed_issuers import CUP_ORDER
from tests.platform_helpers import client_for, new_order, outbox_rows, platform_settlements
from tests.issuer_helpers import pay_code, tea_order, two_platform_settings, two_shops


@pytest.fixture(scope="module")
def shops(tmp_path_factory):
    with two_shops(tmp_path_factory.mktemp("platforms")) as both:
        yield both


def test_a_code_of_each_platform_is_paid_at_one_counter_and_settled_with_its_own_platform(terminal_factory, shops):
    a, b = shops
    terminal = terminal_factory(two_platform_settings(a.url, b.url))
    assert terminal.issuer_keys.refresh()  # [platform]'s keys; the other's are fetched too
    assert len(terminal.issuer_keys.store("tea-house").ring) == 1
    shop_view = new_order(client_for(a.url))
    tea_view = tea_order(b)
    assert shop_view["order_no"] != tea_view["order_no"]

    shop = pay_code(terminal, shop_view["voucher"])
    tea = pay_code(terminal, tea_view["voucher"])
    assert (shop.target.platform_id, tea.target.platform_id) == ("demo-shop", "tea-house")
    assert not tea.target.offline  # looked up and claimed on tea-house, online

    rows = outbox_rows(terminal)
    assert [r.payload.get("platform_id") for r in rows] == ["demo-shop", "tea-house"]
    result = OutboxWorker(terminal.uow, terminal.outbox_client(), terminal.clock).drain_once()
    assert (result.sent, result.left, result.attention) == (2, 0, 0), result.blocked_by
    again = OutboxWorker(terminal.uow, terminal.outbox_client(), terminal.clock).drain_once()
    assert again.sent == 0  # nothing is sent twice

    by_id = {r.payload["order_no"]: r.payload["settlement_id"] for r in rows}
    a_rows = platform_settlements(a, [shop_view["order_no"], tea_view["order_no"]])
    b_rows = platform_settlements(b, [shop_view["order_no"], tea_view["order_no"]])
    assert [(r.order_no, r.settlement_id) for r in a_rows] == [(shop_view["order_no"], by_id[shop_view["order_no"]])]
    assert [(r.order_no, r.settlement_id) for r in b_rows] == [(tea_view["order_no"], by_id[tea_view["order_no"]])]
    with b.app.state.engine.connect() as conn:
        from sqlalchemy import select

        from sync.sandbox import db

        status = conn.execute(select(db.orders.c.status).where(db.orders.c.order_no == tea_view["order_no"])).scalar()
    assert status == "paid"
    # the day's reconciliation with [platform] compares [platform]'s settlements only
    from pos_terminal.services import reconcile

    day = App.of(terminal).store.today()
    result = reconcile.reconcile_day(terminal.day_context(), user=None, business_date=day)
    assert result.platform_problem is None, result.platform_message
    assert [d.order_no for d in result.differences if d.kind == "missing_at_platform"] == []
    assert result.terminal.count == 1


def test_an_order_number_of_the_second_platform_is_found_there(terminal_factory, shops):
    a, b = shops
    terminal = terminal_factory(two_platform_settings(a.url, b.url))
    session = pay_code(terminal, CUP_ORDER)  # demo-shop does not know it: tea-house is asked next
    assert session.target.platform_id == "tea-house" and session.target.order.order_no == CUP_ORDER


def test_a_seeded_voucher_names_its_platform_and_a_counter_without_it_refuses(terminal_factory, shops):
    a, b = shops
    view = tea_order(b)
    only_a = terminal_factory(two_platform_settings(a.url, b.url).model_copy(update={"issuers": ()}))
    only_a.issuer_keys.refresh()
    with pytest.raises(PaymentCodeRefused) as refused:
        App.of(only_a).checkout.resolve(view["voucher"])
    assert refused.value.reason == "voucher_unknown_issuer"
    assert "platform tea-house" in refused.value.message and "technician" in refused.value.message


def test_the_demo_runs_two_platforms_and_one_counter_takes_the_codes_of_both(terminal_factory):
    from pos_terminal.app.demo import demo_platform_lines, issuer_sandbox_urls, start_demo_platform

    terminal = terminal_factory()  # the demo's settings: [platform] an in-process sandbox, no [[issuers]]
    assert [i.id for i in terminal.settings.issuers] == ["tea-house"]
    url = start_demo_platform(terminal)
    assert set(issuer_sandbox_urls(terminal)) == {"tea-house"} and url not in issuer_sandbox_urls(terminal).values()
    assert any("tea-house" in line and "PO000000002001" in line for line in demo_platform_lines(terminal, url))
    codes = App.of(terminal).store.demo_payment_codes()
    by_platform = {}
    for platform, order_no, _total, _currency, code in codes:
        by_platform.setdefault(platform, (order_no, code))
    assert set(by_platform) == {"Demo Shop", "Tea House 茶馆"}
    terminal.issuer_keys.refresh()
    paid = {name: pay_code(terminal, code) for name, (order_no, code) in by_platform.items()}
    assert {name: s.target.platform_id for name, s in paid.items()} == {"Demo Shop": "demo-shop",
                                                                        "Tea House 茶馆": "tea-house"}
    result = OutboxWorker(terminal.uow, terminal.outbox_client(), terminal.clock).drain_once()
    assert (result.sent, result.left, result.attention) == (2, 0, 0), result.blocked_by
    tea_server = terminal._issuer_sandboxes[0]
    tea_no, shop_no = by_platform["Tea House 茶馆"][0], by_platform["Demo Shop"][0]
    assert [r.order_no for r in platform_settlements(tea_server, [tea_no, shop_no])] == [tea_no]
    assert [r.order_no for r in platform_settlements(terminal._sandbox, [tea_no, shop_no])] == [shop_no]


def test_a_platform_that_does_not_answer_holds_back_only_its_own_settlements(terminal_factory, shops):
    from tests.platform_helpers import FaultProxy, ProxyPlan

    a, b = shops
    with FaultProxy(b.url) as proxy:
        terminal = terminal_factory(two_platform_settings(a.url, proxy.url))
        terminal.issuer_clients["tea-house"].retries = 0
        terminal.issuer_keys.refresh()
        first = pay_code(terminal, tea_order(b)["voucher"])
        shop = pay_code(terminal, new_order(client_for(a.url))["voucher"])
        second_tea = client_for(b.url).create_order({"merchant_id": "m-cup", "buyer_id": "b-li", "lines": [
            {"sku": "CUP-S", "name": "品茗杯", "unit_price_minor": 650, "quantity": 2}]}, idempotency_key=str(uuid.uuid4()))
        second = pay_code(terminal, second_tea["voucher"])
        assert [s.target.platform_id for s in (first, shop, second)] == ["tea-house", "demo-shop", "tea-house"]
        proxy.plan = ProxyPlan(fail_503=1000, only_path="/api/v1/settlements")
        worker = OutboxWorker(terminal.uow, terminal.outbox_client(), terminal.clock)
        result = worker.drain_once()
        assert (result.sent, result.left) == (1, 2) and "503" in (result.blocked_by or "")
        rows = outbox_rows(terminal)
        assert [(r.payload["platform_id"], r.sent_at is not None) for r in rows] == [
            ("tea-house", False), ("demo-shop", True), ("tea-house", False)]
        assert rows[2].attempts == 0  # it waited behind its own platform's first row, never overtook it
        proxy.plan = ProxyPlan()
        result = worker.drain_once(force=True)
        assert (result.sent, result.left, result.attention) == (2, 0, 0), result.blocked_by
    nos = [first.target.order.order_no, shop.target.order.order_no, second.target.order.order_no]
    assert sorted(r.order_no for r in platform_settlements(b, nos)) == sorted([nos[0], nos[2]])  # once each
    assert [r.order_no for r in platform_settlements(a, nos)] == [nos[1]]
