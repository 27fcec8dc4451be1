"""Refund payout (services.refunds.pay_out) against the complete fake unit of work: each route a
leg can take (cash out of the drawer, a prepaid-card credit, a card-terminal refund, online),
a split payout leg by leg, and the refusals. Only the public names of services.refunds are used."""

from __future__ import annotations

from datetime import datetime

import pytest

from pos_terminal.clock import day_bounds
from pos_terminal.domain.model import CardRequestKind, CardRequestState, PayoutRoute, ReceiptKind, RefundStatus
from pos_terminal.services import cash, refunds
from pos_terminal.services.refunds import RefundRefused
from tests.checkout_fakes import FakeCardsPlatform
from tests.unit.day_helpers import DAY, Day, card_t, cash_t, prepaid_t

CARD_1 = "8800000000000001"  # FakeCardsPlatform's cards
CARD_2 = "8800000000000002"


def open_day(platform=None) -> Day:
    d = Day(platform)
    d.at(9, 0)
    cash.open_shift(d.ctx, user=d.cashier, opening_float_minor=10_000)
    d.at(10, 0)
    return d


def case_of(d: Day, case_id):
    with d.uow() as uow:
        return uow.refunds.get(case_id)


def test_cash_comes_out_of_the_drawer_of_the_open_shift():
    d = open_day()
    _, spec = d.sale(1250, 2, cash_t(2500))
    case_id = d.approved_case(spec, PayoutRoute.CASH)
    done = refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id, cashier_name="1001")
    assert (done.route, done.amount_minor, done.drawer_kicked) == (PayoutRoute.CASH, 1250, True)
    assert d.drawer.kicks == 1
    case = case_of(d, case_id)
    shift = cash.current_shift(d.ctx)
    assert case.status is RefundStatus.PAID_OUT and case.cash_out_minor == 1250 and str(case.shift_id) == shift.shift_id
    assert [(leg["route"], leg["amount_minor"], leg["done"]) for leg in case.payout_legs] == [("cash", 1250, True)]
    assert (shift.cash_refunds_minor, shift.expected_cash_minor) == (1250, 10_000 + 2500 - 1250)
    with d.uow() as uow:
        receipt = uow.receipts.last_for_terminal("T01")
    assert (receipt.kind, receipt.receipt_no, done.receipt.receipt_no) == (ReceiptKind.REFUND, 2, 2)
    with pytest.raises(RefundRefused) as refused:
        refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id)
    assert refused.value.reason == "paid_out_already"


def test_cash_needs_an_open_shift():
    d = open_day()
    _, spec = d.sale(1250, 1, cash_t(1250))
    cash.close_shift(d.ctx, user=d.cashier, counts={10000: 1, 1000: 1, 100: 2, 50: 1})
    case_id = d.approved_case(spec, PayoutRoute.CASH)
    with pytest.raises(RefundRefused) as refused:
        refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id)
    assert refused.value.reason == "no_shift"
    assert case_of(d, case_id).paid_out_at is None


def test_a_prepaid_card_is_credited_once_through_the_journal():
    platform = FakeCardsPlatform()
    d = open_day(platform)
    _, spec = d.sale(2000, 1, prepaid_t(2000, reference="tx-sale"))
    case_id = d.approved_case(spec, PayoutRoute.PREPAID_CARD)
    with pytest.raises(RefundRefused) as refused:  # the money goes back to the card that paid (****0001)
        refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id, card_text=CARD_2)
    assert refused.value.reason == "wrong_card" and platform.moves == []
    before = platform.cards[CARD_1]
    done = refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id, card_text=CARD_1)
    assert done.route is PayoutRoute.PREPAID_CARD and not done.drawer_kicked
    assert platform.cards[CARD_1] == before + 2000 and platform.moves == [("credit", "0001", 2000)]
    case = case_of(d, case_id)
    leg = case.payout_legs[0]
    assert (leg["route"], leg["done"], leg["reference"], leg["card_last4"]) == ("prepaid_card", True, "tx-1", "0001")
    assert case.cash_out_minor == 0
    with d.uow() as uow:
        (credit,) = [r for r in uow.card_requests.prepaid_between("T01", *_today(d))
                     if r.kind is CardRequestKind.PREPAID_CREDIT]
    assert (credit.state, credit.amount.minor, credit.parent_id) == (CardRequestState.SETTLED, 2000, f"{case_id}/0")


def test_a_bank_card_is_refunded_on_the_card_terminal_against_its_charge():
    d = open_day()
    _, spec = d.sale(3000, 1, card_t(3000))
    case_id = d.approved_case(spec, PayoutRoute.BANK_CARD)
    done = refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id)
    assert done.route is PayoutRoute.BANK_CARD and not done.drawer_kicked and d.drawer.kicks == 0
    assert d.card.refunds == [(3000, "CARD-3000", f"refund-{case_id.hex}")]
    leg = case_of(d, case_id).payout_legs[0]
    assert (leg["done"], leg["approval_code"], leg["card_last4"]) == (True, "R00001", "4242")


def test_an_online_payment_is_refunded_by_the_platform_nothing_at_the_counter():
    d = open_day()
    _, spec = d.sale(900, 1, cash_t(900))
    case_id = d.approved_case(spec, PayoutRoute.ONLINE)
    done = refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id)
    assert done.route is PayoutRoute.ONLINE and not done.drawer_kicked
    assert d.card.refunds == [] and d.drawer.kicks == 0
    case = case_of(d, case_id)
    assert case.status is RefundStatus.PAID_OUT and case.cash_out_minor == 0
    assert cash.current_shift(d.ctx).cash_refunds_minor == 0


def test_a_split_payment_goes_back_leg_by_leg_cards_first_cash_last():
    d = open_day()
    _, spec = d.sale(2500, 2, card_t(3000), cash_t(2000))
    case_id = d.approved_case(spec, PayoutRoute.SPLIT, units=2)
    done = refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id)
    assert [(leg.route, leg.amount_minor, leg.done) for leg in done.receipt.legs] == [
        ("bank_card", 3000, True), ("cash", 2000, False)]
    assert d.card.refunds == [(3000, "CARD-3000", f"refund-{case_id.hex}-0")] and done.drawer_kicked
    case = case_of(d, case_id)
    assert case.cash_out_minor == 2000 and all(leg["done"] for leg in case.payout_legs)
    with d.uow() as uow:
        assert uow.refunds.legs_used(spec.order_no) == {"bank_card": 3000, "cash": 2000}


def test_before_the_approval_only_a_manager_pays_cash_within_the_limit():
    d = open_day()
    d.refund_ctx.override_limit_minor = 1000
    _, spec = d.sale(800, 2, cash_t(1600))
    case_id = d.approved_case(spec, PayoutRoute.CASH)
    with d.uow() as uow:  # requested, not decided yet
        uow.refunds.get(case_id).status = RefundStatus.REQUESTED
        uow.commit()
    with pytest.raises(RefundRefused) as refused:
        refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id)
    assert refused.value.reason == "needs_manager"
    with pytest.raises(RefundRefused) as refused:
        refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id, manager=d.cashier)
    assert refused.value.reason == "needs_manager"
    done = refunds.pay_out(d.refund_ctx, case_id, cashier_id=d.cashier.user_id, manager=d.manager)
    assert done.receipt.override_by == "8001" and case_of(d, case_id).override_by == d.manager.user_id
    with d.uow() as uow:
        actions = [r["action"] for r in uow.audit.recent("T01")]
    assert actions[:2] == ["refund", "override"]


def _today(d: Day) -> tuple[datetime, datetime]:
    return day_bounds(DAY, "Asia/Shanghai")
