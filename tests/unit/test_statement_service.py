"""pos_terminal.services.statements on the complete fake unit of work and the fake platform: the
movements gathered per platform and business day (a double payment known from the outbox, a
refund's legs, another platform's order kept out, the next day after the Z), the blockers and the
note they need, the acceptance (numbers, audit, the platform's notice for the direct route only),
and an accepted statement never rewritten."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pos_terminal.domain.model import PayoutRoute
from pos_terminal.domain.model.statements import DOUBLE_PAYMENT, REFUND, SALE, Contract
from pos_terminal.services import cash, refunds, statements
from pos_terminal.services.statements import PlatformTerms, StatementContext, StatementRefused
from tests.fakes import FakePlatform
from tests.unit.day_helpers import DAY, Day, card_t, cash_t

CONTRACT = Contract("demo-shop", 150, 0, "half_up")


def context(d: Day, platform: FakePlatform | None, route: str = "direct") -> StatementContext:
    terms = (PlatformTerms("demo-shop", "Demo Shop", route, "CNY", CONTRACT),
             PlatformTerms("other-shop", "Other Shop", "clearing_house", "CNY", Contract("other-shop", 100)))
    return StatementContext(d.uow, d.clock, "T01", "demo-store", terms,
                            lambda pid: platform if pid == "demo-shop" else None, timezone="Asia/Shanghai")


def tell_platform(d: Day, platform: FakePlatform) -> None:
    """What the outbox worker does: every pending message to the fake platform, marked sent."""
    with d.uow() as uow:
        for message in uow.outbox.pending(10_000):
            p = message.payload
            if message.topic == "settlement":
                platform.add_order({"order_no": p["order_no"]})
                platform.settlements[p["settlement_id"]] = dict(p, business_date=DAY.isoformat(),
                                                                outcome=message.outcome or "paid")
            elif message.topic in ("counter_refund", "void", "double_payment_payback"):
                platform.post_counter_movement(p, message.idempotency_key)
            message.record_sent(d.clock.now(), message.outcome or "paid")
        uow.commit()


def close(d: Day) -> None:
    """The Z at 20:00 (its row, as services.reports writes it)."""
    d.at(20, 0)
    with d.uow() as uow:
        uow.days.add_closed(terminal_id="T01", business_date=DAY, z_no=uow.days.next_z_no("T01"),
                            closed_at=d.clock.now(), closed_by=d.manager.user_id, report={})
        uow.commit()


@pytest.fixture
def d() -> Day:
    day = Day()
    day.at(9, 0)
    cash.open_shift(day.ctx, user=day.cashier, opening_float_minor=10_000)
    return day


def test_a_day_with_a_split_refund_and_a_double_payment_agrees_and_is_accepted(d):
    platform = FakePlatform()
    d.at(10, 0)
    first, spec = d.sale(1000, 3, card_t(2000), cash_t(1000))
    d.at(10, 30)
    _, second = d.sale(800, 1, cash_t(800))
    with d.uow() as uow:  # the platform answered the second with a refund case (paid twice)
        [message] = [m for m in uow.outbox.pending(100) if m.payload["order_no"] == second.order_no]
        message.outcome = "refund_case"
        uow.commit()
    d.at(11, 0)
    case_id = d.approved_case(spec, PayoutRoute.CASH, units=1)
    refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id, cashier_name="1001")
    ctx = context(d, platform)

    shown = statements.view(ctx, d.manager, DAY)
    st = shown.statement
    assert sorted(m.kind for m in st.movements) == sorted([SALE, SALE, DOUBLE_PAYMENT, REFUND])
    assert [m.ref for m in st.movements if m.kind == REFUND] == [f"{case_id}/0"]
    assert st.line("double_payment_held").amount_minor == 800
    assert st.net_minor == 3000 + 800 - 1000 - CONTRACT.commission(3000) - CONTRACT.commission(800)
    assert set(shown.blocker_reasons) == {"day_open", "outbox_pending", "differences"}
    assert any(x.kind == "missing_on_platform" for x in shown.differences)

    tell_platform(d, platform)
    close(d)
    shown = statements.view(ctx, d.manager, DAY)
    assert shown.differences == [] and shown.blockers == [] and shown.platform.digest == shown.digest
    accepted = statements.accept(ctx, d.manager, DAY, None, shown.digest)
    assert accepted.number == "ST-20261120-000001"
    with d.uow() as uow:
        notices = [m for m in uow.outbox.pending(100) if m.topic == statements.ACCEPTED_TOPIC]
        assert [n.payload["number"] for n in notices] == [accepted.number]
        assert notices[0].payload["statement"]["digest"] == accepted.digest
        [entry] = [r for r in d.store.audit if r["action"] == statements.STATEMENT_ACCEPT]
        assert entry["details"]["platform_digest"] == accepted.digest and entry["outcome"] == "ok"


def test_each_platform_has_its_own_statement_and_numbers_run_on_per_store(d):
    d.at(10, 0)
    _, mine = d.sale(1000, 1, cash_t(1000))
    _, theirs = d.sale(500, 1, cash_t(500))
    with d.uow() as uow:
        uow.orders.get(theirs.order_no).platform_id = "other-shop"
        for m in uow.outbox.pending(100):
            m.record_sent(d.clock.now(), "paid")
        uow.commit()
    close(d)
    ctx = context(d, None)
    demo = statements.view(ctx, d.manager, DAY)
    other = statements.view(ctx, d.manager, DAY, "other-shop")
    assert [m.order_no for m in demo.statement.movements] == [mine.order_no]
    assert [m.order_no for m in other.statement.movements] == [theirs.order_no]
    assert other.statement.contract == Contract("other-shop", 100) and other.route == "clearing_house"
    assert demo.blocker_reasons == ["platform_unreachable"]  # no client: offline
    with pytest.raises(StatementRefused) as exc:
        statements.accept(ctx, d.manager, DAY, None, demo.digest)
    assert exc.value.reason == "note_required" and "note" in exc.value.message
    a = statements.accept(ctx, d.manager, DAY, None, demo.digest, note="platform offline, checked the Z")
    b = statements.accept(ctx, d.manager, DAY, "other-shop", other.digest, note="clearing house route")
    assert (a.number, b.number) == ("ST-20261120-000001", "ST-20261120-000002")
    with d.uow() as uow:  # the clearing-house route tells the clearing house (H4), not the platform
        assert [m.payload["platform_id"] for m in uow.outbox.pending(100)
                if m.topic == statements.ACCEPTED_TOPIC] == ["demo-shop"]
    with pytest.raises(StatementRefused) as exc:
        statements.view(ctx, d.manager, DAY, "nobody")
    assert exc.value.reason == "unknown_platform"


def test_a_refused_acceptance_leaves_nothing_and_an_accepted_statement_is_never_rewritten(d):
    d.at(10, 0)
    d.sale(1000, 1, cash_t(1000))
    with d.uow() as uow:
        for m in uow.outbox.pending(100):
            m.record_sent(d.clock.now(), "paid")
        uow.commit()
    close(d)
    ctx = context(d, None)
    shown = statements.view(ctx, d.manager, DAY)
    with pytest.raises(StatementRefused) as exc:
        statements.accept(ctx, d.cashier, DAY, None, shown.digest, note="x")
    assert exc.value.reason == "not_allowed"
    with pytest.raises(StatementRefused) as exc:
        statements.accept(ctx, d.manager, DAY, None, "ab" * 32, note="x")
    assert exc.value.reason == "digest_changed"
    assert d.store.statement_counters == {} and d.store.statements == {}
    assert not [r for r in d.store.audit if r["action"] == statements.STATEMENT_ACCEPT]

    accepted = statements.accept(ctx, d.manager, DAY, None, shown.digest, note="offline")
    d.at(23, 0)  # a late record of the day (e.g. restored from a backup): the day's records change
    d.store.settlements[0].tender_amounts = [{"kind": "bank_card", "amount_minor": 1000}]
    again = statements.view(ctx, d.manager, DAY)
    assert again.accepted and again.statement == accepted
    assert {x.kind for x in again.differences} == {statements.CHANGED_AFTER_ACCEPTANCE}
    with pytest.raises(StatementRefused) as exc:
        statements.accept(ctx, d.manager, DAY, None, again.digest, note="again")
    assert exc.value.reason == "already_accepted"
    assert d.store.statements[accepted.number][0] == accepted


def test_a_sale_after_the_z_counts_to_the_next_day(d):
    d.at(10, 0)
    d.sale(1000, 1, cash_t(1000))
    d.at(20, 0)
    close(d)
    d.at(21, 0)
    with d.uow() as uow:  # a shift opened after the Z belongs to the next business day
        assert uow.shifts.open_for_terminal("T01") is not None
    _, late = d.sale(700, 1, cash_t(700))
    ctx = context(d, None)
    today = statements.view(ctx, d.manager, DAY)
    tomorrow = statements.view(ctx, d.manager, DAY + timedelta(days=1))
    assert late.order_no not in {m.order_no for m in today.statement.movements}
    assert [m.order_no for m in tomorrow.statement.movements] == [late.order_no]
    assert "day_open" in tomorrow.blocker_reasons and "day_open" not in today.blocker_reasons
