"""Sales: a paid order, its tenders, its receipt number, its settlement and the outbox row, all
committed in one transaction or not at all."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from pos_terminal.domain.errors import AlreadyPaid, NoOpenShift
from pos_terminal.domain.model import (
    Order,
    OrderLine,
    OrderStatus,
    Receipt,
    ReceiptKind,
    Sale,
    Settlement,
    Tender,
    TenderKind,
)
from pos_terminal.money import Money
from pos_terminal.ports import Clock, UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class LineSpec:
    line_no: int
    sku: str
    name: str
    unit_price_minor: int
    quantity: int
    item_codes: tuple[str, ...]


@dataclass(frozen=True)
class OrderSpec:
    """An order as the platform (or a verified voucher) describes it."""

    order_no: str
    merchant_id: str
    merchant_name: str
    currency: str
    lines: tuple[LineSpec, ...]

    def build(self) -> Order:
        return Order(
            self.order_no,
            self.merchant_id,
            self.merchant_name,
            self.currency,
            [
                OrderLine(l.line_no, l.sku, l.name, Money(l.unit_price_minor, self.currency), l.quantity, list(l.item_codes))
                for l in self.lines
            ],
        )

    @property
    def total(self) -> Money:
        return self.build().total


@dataclass(frozen=True)
class TenderSpec:
    kind: TenderKind
    amount_minor: int
    tendered_minor: int | None = None  # cash handed over; None means exactly the amount
    reference: str | None = None
    approval_code: str | None = None
    card_last4: str | None = None


@dataclass(frozen=True)
class RecordSale:
    terminal_id: str
    store_id: str
    cashier_id: uuid.UUID
    order: OrderSpec
    tenders: tuple[TenderSpec, ...]
    voucher_id: str | None = None
    offline: bool = False
    card_requests: tuple[str, ...] = ()  # approved CardRequests this sale records (settled with it)


@dataclass(frozen=True)
class SaleRecorded:
    sale_id: uuid.UUID
    receipt_no: int
    total: Money
    change: Money
    cash: Money
    outbox_id: uuid.UUID
    drawer_error: str | None = None


def record_sale(cmd: RecordSale, uow: UnitOfWork, clock: Clock) -> SaleRecorded:
    now = clock.now()
    currency = cmd.order.currency
    with uow:
        shift = uow.shifts.open_for_terminal(cmd.terminal_id)
        if shift is None:
            raise NoOpenShift(f"terminal {cmd.terminal_id} has no open shift; open a shift before taking payments")
        # Taken first: locks the terminal's counter for this unit of work before anything is
        # pending, so the number is ours and nothing is flushed twice.
        counter = uow.receipts.counter_for(cmd.terminal_id)
        order = uow.orders.get(cmd.order.order_no)
        if order is None:
            order = cmd.order.build()
            uow.orders.add(order)
        elif order.status is OrderStatus.PAID or uow.sales.paid_for_order(order.order_no) is not None:
            raise AlreadyPaid(
                f"order {order.order_no} was already paid at this store; do not take money twice",
                order_no=order.order_no,
            )
        sale = Sale(
            cmd.terminal_id,
            order.order_no,
            order.merchant_id,
            order.total,
            shift_id=shift.id,
            cashier_id=cmd.cashier_id,
            voucher_id=cmd.voucher_id,
            offline=cmd.offline,
            created_at=now,
        )
        for spec in cmd.tenders:
            sale.add_tender(
                Tender(
                    spec.kind,
                    Money(spec.amount_minor, currency),
                    tendered=None if spec.tendered_minor is None else Money(spec.tendered_minor, currency),
                    reference=spec.reference,
                    approval_code=spec.approval_code,
                    card_last4=spec.card_last4,
                )
            )
        receipt_no = counter.next()
        sale.mark_paid(receipt_no, now)
        order.mark_paid()
        uow.sales.add(sale)
        uow.receipts.add(Receipt(cmd.terminal_id, receipt_no, ReceiptKind.SALE, sale_id=sale.id, created_at=now))
        message = uow.outbox.add_settlement(Settlement(sale, cmd.store_id), now)
        for request_id in cmd.card_requests:  # the charge and its sale: durable together
            request = uow.card_requests.get(request_id)
            if request is not None:
                request.settled()
        uow.commit()
        cash = sum((t.amount.minor for t in sale.tenders if t.kind is TenderKind.CASH), 0)
        return SaleRecorded(
            sale.id, receipt_no, sale.total, sale.change, Money(cash, currency), message.id
        )

