"""The plain values a sale is written as (domain.model.paid) keep the rules of the aggregate they
stand for: the same refusals as Order, OrderLine, Tender and Sale, and the payload of Settlement."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

from pos_terminal.domain.errors import AlreadyPaid, InsufficientTender, InvalidCardData, PaymentError
from pos_terminal.domain.model import (
    NewOrder,
    Order,
    OrderLine,
    OrderStatus,
    PaidSale,
    PaidTender,
    Sale,
    Settlement,
    Tender,
    TenderKind,
)
from pos_terminal.money import Money

NOW = datetime(2026, 3, 1, 9, 30, tzinfo=timezone.utc)
SHIFT, CASHIER = uuid.uuid4(), uuid.uuid4()


def paid(total: int, *tenders: PaidTender, currency: str = "CNY", **kw) -> PaidSale:
    return PaidSale.of(terminal_id="T01", store_id="S1", shift_id=SHIFT, cashier_id=CASHIER, order_no="O-1",
                       merchant_id="m1", total=Money(total, currency), tenders=tenders, receipt_no=7, paid_at=NOW, **kw)


def cash(amount: int, tendered: int | None = None, currency: str = "CNY") -> PaidTender:
    return PaidTender.of(TenderKind.CASH, Money(amount, currency), None if tendered is None else Money(tendered, currency))


@pytest.mark.parametrize(("kind", "amount", "tendered", "last4", "error"), [
    (TenderKind.CASH, 0, None, None, PaymentError),
    (TenderKind.CASH, 500, 400, None, InsufficientTender),
    (TenderKind.BANK_CARD, 500, 600, None, PaymentError),
    (TenderKind.BANK_CARD, 500, None, "4111111111111111", InvalidCardData),
])
def test_a_tender_is_refused_as_tender_refuses_it(kind, amount, tendered, last4, error):
    tendered_money = None if tendered is None else Money(tendered)
    with pytest.raises(error) as plain:
        PaidTender.of(kind, Money(amount), tendered_money, card_last4=last4)
    with pytest.raises(error) as aggregate:
        Tender(kind, Money(amount), tendered=tendered_money, card_last4=last4)
    assert str(plain.value) == str(aggregate.value)


def test_a_sale_must_be_paid_exactly_in_its_currency():
    with pytest.raises(InsufficientTender):
        paid(3380, cash(3000))
    with pytest.raises(PaymentError, match="more than"):
        paid(3380, cash(3000), cash(500))
    with pytest.raises(PaymentError, match="tender in USD"):
        paid(3380, cash(3380, currency="USD"))
    with pytest.raises(ValueError, match="timezone-aware"):
        PaidSale.of(terminal_id="T01", store_id="S1", shift_id=SHIFT, cashier_id=CASHIER, order_no="O-1",
                    merchant_id="m1", total=Money(100), tenders=(cash(100),), receipt_no=1,
                    paid_at=datetime(2026, 3, 1, 9, 30))


def test_the_sale_carries_the_settlement_the_aggregate_would_make():
    card = PaidTender.of(TenderKind.BANK_CARD, Money(1000), reference="R", approval_code="A", card_last4="4242")
    sale = paid(3380, card, cash(2380, 3000), voucher_id="V-1", offline=True)
    assert (sale.change, sale.cash, sale.tender_kinds) == (Money(620), Money(2380), "bank_card,cash")

    aggregate = Sale("T01", "O-1", "m1", Money(3380), shift_id=SHIFT, cashier_id=CASHIER, voucher_id="V-1",
                     offline=True, created_at=NOW)
    aggregate.add_tender(Tender(TenderKind.BANK_CARD, Money(1000), reference="R", approval_code="A", card_last4="4242"))
    aggregate.add_tender(Tender(TenderKind.CASH, Money(2380), tendered=Money(3000)))
    aggregate.mark_paid(7, NOW)
    settlement = Settlement(aggregate, "S1")
    settlement.id = sale.settlement_id
    assert sale.payload == settlement.payload()
    assert sale.tender_amounts == settlement.tender_amounts
    assert sale.change == aggregate.change
    assert len({sale.id, sale.receipt_id, sale.settlement_id, sale.outbox_id, card.id}) == 5


def test_a_new_order_keeps_the_rules_of_order_and_its_lines():
    lines = [(1, "S", "Tea", 300, 2, ("A", "B")), (2, "T", "Cake", 450, 1, ("C",))]
    order = NewOrder.of("O-1", "m1", "Shop", "CNY", lines)
    aggregate = Order("O-1", "m1", "Shop", "CNY", [OrderLine(n, s, nm, Money(p), q, list(c)) for n, s, nm, p, q, c in lines])
    assert order.total == aggregate.total == Money(1050)
    assert order.status is OrderStatus.OPEN and order.paid().status is OrderStatus.PAID
    with pytest.raises(AlreadyPaid):
        order.paid().paid()
    with pytest.raises(PaymentError, match="cancelled"):
        order._replace(status=OrderStatus.CANCELLED).paid()
    for bad, match in [([(1, "S", "Tea", 300, 2, ("A",))], "2 units need 2 item codes"),
                       ([(1, "S", "Tea", 300, 0, ())], "quantity must be positive"),
                       ([(1, "S", "Tea", 300, 1, ("A",)), (2, "S", "Tea", 300, 1, ("A",))], "unique per unit")]:
        with pytest.raises(ValueError, match=match):
            NewOrder.of("O-1", "m1", "Shop", "CNY", bad)
        with pytest.raises(ValueError, match=match):
            Order("O-1", "m1", "Shop", "CNY",
                  [OrderLine(n, s, nm, Money(p), q, list(c)) for n, s, nm, p, q, c in bad])
