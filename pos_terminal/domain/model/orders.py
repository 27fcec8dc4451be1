"""A platform order as this terminal saw it: lines, and one item unit per sellable unit."""

from __future__ import annotations

import enum
import uuid
from collections.abc import Sequence
from datetime import datetime

from pos_terminal.domain.errors import AlreadyPaid, PaymentError
from pos_terminal.ids import uuid7
from pos_terminal.money import Money, total


class OrderStatus(str, enum.Enum):
    OPEN = "open"
    PAID = "paid"
    CANCELLED = "cancelled"


def check_line(line_no: int, quantity: int, item_codes: Sequence[str]) -> None:
    """The rules of one order line: a positive quantity, and one item code per unit."""
    if quantity <= 0:
        raise ValueError(f"order line {line_no}: quantity must be positive, got {quantity}")
    if len(item_codes) != quantity:
        raise ValueError(
            f"order line {line_no}: {quantity} units need {quantity} item codes, got {len(item_codes)}"
        )


def check_unique_codes(order_no: str, codes: Sequence[str]) -> None:
    """Every unit of an order has its own item code."""
    if len(codes) != len(set(codes)):
        raise ValueError(f"order {order_no}: item codes must be unique per unit")


class ItemUnit:
    """One sellable unit of an order line, with the item code the platform issued for it.
    Refund intake scans this code."""

    def __init__(self, item_code: str, *, refunded: bool = False) -> None:
        self.item_code = item_code
        self.refunded = refunded


class OrderLine:
    def __init__(
        self,
        line_no: int,
        sku: str,
        name: str,
        unit_price: Money,
        quantity: int,
        item_codes: list[str],
        *,
        id: uuid.UUID | None = None,
    ) -> None:
        check_line(line_no, quantity, item_codes)
        self.id = id or uuid7()
        self.line_no = line_no
        self.sku = sku
        self.name = name
        self.unit_price = unit_price
        self.quantity = quantity
        self.units = [ItemUnit(code) for code in item_codes]

    @property
    def amount(self) -> Money:
        return self.unit_price * self.quantity

    @property
    def item_codes(self) -> list[str]:
        return [u.item_code for u in self.units]


class Order:
    """A platform order as this terminal last saw it (a local copy; the platform owns it)."""

    def __init__(
        self,
        order_no: str,
        merchant_id: str,
        merchant_name: str,
        currency: str,
        lines: list[OrderLine],
        *,
        status: OrderStatus = OrderStatus.OPEN,
        expires_at: datetime | None = None,
    ) -> None:
        self.order_no = order_no
        self.merchant_id = merchant_id
        self.merchant_name = merchant_name
        self.currency = currency
        self.lines = list(lines)
        self.status = OrderStatus(status)
        self.expires_at = expires_at
        for line in self.lines:
            if line.unit_price.currency != currency:
                raise ValueError(f"order {order_no}: line {line.line_no} is in {line.unit_price.currency}, order in {currency}")
        check_unique_codes(order_no, [c for line in self.lines for c in line.item_codes])

    @property
    def total(self) -> Money:
        return total((line.amount for line in self.lines), self.currency)

    def mark_paid(self) -> None:
        if self.status is OrderStatus.PAID:
            raise AlreadyPaid(f"order {self.order_no} is already paid at this terminal", order_no=self.order_no)
        if self.status is OrderStatus.CANCELLED:
            raise PaymentError(f"order {self.order_no} is cancelled; it cannot be paid", order_no=self.order_no)
        self.status = OrderStatus.PAID
