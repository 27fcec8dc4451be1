"""Sales: a paid order, its tenders, its receipt number, its settlement and the outbox row, all
committed in one transaction or not at all."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from pos_terminal.domain.errors import AlreadyPaid, NoOpenShift, ShiftOfAnother
from pos_terminal.domain.model import (
    NewOrder,
    Order,
    OrderLine,
    OrderStatus,
    PaidSale,
    PaidTender,
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
    # the platform the order belongs to (issue 16: its id, what the voucher's "iss" names); None: [platform]
    platform_id: str | None = None

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

    def new_order(self) -> NewOrder:
        """The order as the plain values record_sale writes (checked by the rules of Order)."""
        return NewOrder.of(self.order_no, self.merchant_id, self.merchant_name, self.currency,
                           ((l.line_no, l.sku, l.name, l.unit_price_minor, l.quantity, l.item_codes) for l in self.lines),
                           platform_id=self.platform_id)

    @property
    def total(self) -> Money:
        return Money(sum(l.unit_price_minor * l.quantity for l in self.lines), self.currency)


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
    # the store's time zone and day-change hour: the settlement then names its business day (issue 16:
    # the platform's day statement groups by it); None: the platform takes paid_at's date
    timezone: str | None = None
    day_change_hour: int = 0


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
    """The sale is written as plain values (domain.model.paid) checked by the rules of the sale
    aggregate: an order new to this database with its lines and units, the sale, tenders, receipt,
    settlement and outbox message. An order stored before goes through its aggregate."""
    now = clock.now()
    currency = cmd.order.currency
    with uow:
        shift_id = uow.shifts.open_shift_id(cmd.terminal_id, cmd.cashier_id)  # only the shift this cashier holds
        if shift_id is None:
            other = uow.shifts.open_for_terminal(cmd.terminal_id)
            if other is not None:  # never silently into someone else's shift
                holder = uow.users.get(other.holder)
                name = holder.username if holder is not None else str(other.holder)
                raise ShiftOfAnother(f"the open shift of terminal {cmd.terminal_id} is {name}'s; take it over or "
                                     "close it and open your own before taking payments", holder=name)
            raise NoOpenShift(f"terminal {cmd.terminal_id} has no open shift; open a shift before taking payments")
        tenders = tuple(
            PaidTender.of(spec.kind, Money(spec.amount_minor, currency),
                          None if spec.tendered_minor is None else Money(spec.tendered_minor, currency),
                          spec.reference, spec.approval_code, spec.card_last4)
            for spec in cmd.tenders
        )
        new_order = cmd.order.new_order().paid()
        # Taken before any row is written: locks the terminal's counter until this unit of work
        # ends, so the number is ours; a rollback gives it back (numbers stay gap-free).
        receipt_no = uow.receipts.next_number(cmd.terminal_id)
        order_no, merchant_id, total = new_order.order_no, new_order.merchant_id, new_order.total
        if not uow.orders.add_new(new_order):  # stored before: paid here already, or kept unpaid
            order = uow.orders.get(order_no)
            if order is None or order.status is OrderStatus.PAID or uow.sales.paid_for_order(order_no) is not None:
                raise AlreadyPaid(f"order {order_no} was already paid at this store; do not take money twice",
                                  order_no=order_no)
            order.mark_paid()
            merchant_id, total = order.merchant_id, order.total
        sale = PaidSale.of(terminal_id=cmd.terminal_id, store_id=cmd.store_id, shift_id=shift_id,
                           cashier_id=cmd.cashier_id, order_no=order_no, merchant_id=merchant_id, total=total,
                           tenders=tenders, receipt_no=receipt_no, paid_at=now, voucher_id=cmd.voucher_id,
                           offline=cmd.offline, platform_id=cmd.order.platform_id)
        if cmd.timezone is not None:  # the business day of the payment, in this transaction (after a Z: the next)
            from pos_terminal.services.counter_money import business_date_at

            sale.payload["business_date"] = business_date_at(uow, cmd.terminal_id, cmd.timezone,
                                                             cmd.day_change_hour, now).isoformat()
        uow.sales.add_paid(sale)
        for request_id in cmd.card_requests:  # the charge and its sale: durable together
            request = uow.card_requests.get(request_id)
            if request is not None:
                request.settled()
        uow.commit()
        return SaleRecorded(sale.id, receipt_no, sale.total, sale.change, sale.cash, sale.outbox_id)

