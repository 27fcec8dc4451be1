"""A sale paid in full, and an order first stored with the sale that pays it, as plain values: the
form in which a sale is written. `services.sales.record_sale` builds them with the rules of Order,
OrderLine, Tender, Sale and Settlement (the functions those classes call themselves), and storage
writes them once, in the sale's transaction. A sale read back is the aggregate (Sale, Order, ...).

Why plain values and not the aggregate: storage maps the aggregate's classes, so each instance
carries attribute instrumentation; building the ten of a sale cost more than writing its rows.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from pos_terminal.domain.errors import AlreadyPaid, PaymentError
from pos_terminal.domain.model._common import require_aware
from pos_terminal.domain.model.orders import OrderStatus, check_line, check_unique_codes
from pos_terminal.domain.model.outbox import settlement_payload, tender_shares
from pos_terminal.domain.model.sales import TenderKind, check_paid_in_full, check_tender, check_tender_fits
from pos_terminal.ids import uuid7
from pos_terminal.money import Money


class NewOrderLine(NamedTuple):
    id: uuid.UUID
    line_no: int
    sku: str
    name: str
    unit_price_minor: int
    quantity: int
    item_codes: tuple[str, ...]  # one per unit, unique in the order


class NewOrder(NamedTuple):
    """An order this terminal stores for the first time (the rules of Order and OrderLine)."""

    order_no: str
    merchant_id: str
    merchant_name: str
    currency: str
    lines: tuple[NewOrderLine, ...]
    status: OrderStatus = OrderStatus.OPEN
    platform_id: str | None = None  # the platform the order belongs to (issue 16); None: [platform]

    @classmethod
    def of(cls, order_no: str, merchant_id: str, merchant_name: str, currency: str,
           lines: Iterable[tuple[int, str, str, int, int, Sequence[str]]], platform_id: str | None = None) -> NewOrder:
        """From (line_no, sku, name, unit_price_minor, quantity, item_codes) of each line."""
        built = []
        codes: list[str] = []
        for line_no, sku, name, unit_price_minor, quantity, item_codes in lines:
            check_line(line_no, quantity, item_codes)
            Money(unit_price_minor, currency)  # an integer amount in a known currency
            built.append(NewOrderLine(uuid7(), line_no, sku, name, unit_price_minor, quantity, tuple(item_codes)))
            codes.extend(item_codes)
        check_unique_codes(order_no, codes)
        return cls(order_no, merchant_id, merchant_name, currency, tuple(built), platform_id=platform_id)

    @property
    def total(self) -> Money:
        return Money(sum(line.unit_price_minor * line.quantity for line in self.lines), self.currency)

    def paid(self) -> NewOrder:
        """The order marked paid (Order.mark_paid)."""
        if self.status is OrderStatus.PAID:
            raise AlreadyPaid(f"order {self.order_no} is already paid at this terminal", order_no=self.order_no)
        if self.status is OrderStatus.CANCELLED:
            raise PaymentError(f"order {self.order_no} is cancelled; it cannot be paid", order_no=self.order_no)
        return self._replace(status=OrderStatus.PAID)


class PaidTender(NamedTuple):
    id: uuid.UUID
    kind: TenderKind
    amount_minor: int
    tendered_minor: int  # cash handed over; the amount for cards
    currency: str
    reference: str | None
    approval_code: str | None
    card_last4: str | None  # never more than the last four digits

    @classmethod
    def of(cls, kind: TenderKind | str, amount: Money, tendered: Money | None = None, reference: str | None = None,
           approval_code: str | None = None, card_last4: str | None = None) -> PaidTender:
        """One tender, by the rules of Tender."""
        kind, tendered = check_tender(kind, amount, tendered, card_last4)
        return cls(uuid7(), kind, amount.minor, tendered.minor, amount.currency, reference, approval_code, card_last4)


class PaidSale(NamedTuple):
    """A sale paid in full, with what commits with it: its receipt (number `receipt_no`, printed
    later), its settlement and the outbox message that tells the platform (`payload`)."""

    id: uuid.UUID
    terminal_id: str
    store_id: str
    shift_id: uuid.UUID
    cashier_id: uuid.UUID
    order_no: str
    merchant_id: str
    total: Money
    tenders: tuple[PaidTender, ...]
    receipt_no: int
    paid_at: datetime  # also when the sale was created: it is recorded paid
    voucher_id: str | None
    offline: bool
    receipt_id: uuid.UUID
    settlement_id: uuid.UUID
    tender_kinds: str  # "bank_card,cash"
    tender_amounts: list[dict[str, Any]]  # [{kind, amount_minor}] by kind
    outbox_id: uuid.UUID
    payload: dict[str, Any]  # the settlement as the platform receives it
    platform_id: str | None = None  # the platform the order belongs to (issue 16); None: [platform]

    @classmethod
    def of(cls, *, terminal_id: str, store_id: str, shift_id: uuid.UUID, cashier_id: uuid.UUID, order_no: str,
           merchant_id: str, total: Money, tenders: Sequence[PaidTender], receipt_no: int, paid_at: datetime,
           voucher_id: str | None = None, offline: bool = False, platform_id: str | None = None) -> PaidSale:
        """The sale, by the rules of Sale (each tender in the sale's currency and within what is
        due, nothing due at the end) and Settlement."""
        require_aware(paid_at, "paid_at")
        due = total
        for tender in tenders:
            amount = Money(tender.amount_minor, tender.currency)
            check_tender_fits(amount, due)
            due = due - amount
        check_paid_in_full(order_no, due)
        kinds, amounts = tender_shares((t.kind.value, t.amount_minor) for t in tenders)
        settlement_id = uuid7()
        payload = settlement_payload(settlement_id, order_no, merchant_id, store_id, terminal_id, receipt_no, total,
                                     kinds, amounts, offline, paid_at, voucher_id, platform_id)
        return cls(uuid7(), terminal_id, store_id, shift_id, cashier_id, order_no, merchant_id, total, tuple(tenders),
                   receipt_no, paid_at, voucher_id, offline, uuid7(), settlement_id, kinds, amounts, uuid7(), payload,
                   platform_id)

    @property
    def change(self) -> Money:
        return Money(sum(t.tendered_minor - t.amount_minor for t in self.tenders), self.total.currency)

    @property
    def cash(self) -> Money:
        """What the cash tenders paid (change not counted)."""
        return Money(sum(t.amount_minor for t in self.tenders if t.kind is TenderKind.CASH), self.total.currency)
