"""A sale and its tenders."""

from __future__ import annotations

import enum
import uuid
from datetime import datetime

from pos_terminal.domain.errors import AlreadyPaid, InsufficientTender, InvalidCardData, PaymentError
from pos_terminal.domain.model._common import LAST4 as _LAST4
from pos_terminal.domain.model._common import require_aware as _require_aware
from pos_terminal.domain.model.users import Permission, User
from pos_terminal.ids import uuid7
from pos_terminal.money import Money, total


class TenderKind(str, enum.Enum):
    CASH = "cash"
    PREPAID_CARD = "prepaid_card"
    BANK_CARD = "bank_card"


class SaleStatus(str, enum.Enum):
    OPEN = "open"
    PAID = "paid"
    VOIDED = "voided"


def check_tender(kind: TenderKind | str, amount: Money, tendered: Money | None,
                 card_last4: str | None) -> tuple[TenderKind, Money]:
    """The rules of one tender (see Tender); returns the kind and what was handed over."""
    kind = TenderKind(kind)
    if amount.minor <= 0:
        raise PaymentError(f"a {kind.value} tender must be positive, got {amount}")
    if tendered is None:
        tendered = amount
    if tendered < amount:
        raise InsufficientTender(f"{tendered} handed over is less than {amount} applied")
    if kind is not TenderKind.CASH and tendered != amount:
        raise PaymentError("only cash can give change")
    if card_last4 is not None and not _LAST4.match(card_last4):
        raise InvalidCardData("keep only the last four digits of a card, never the number")
    return kind, tendered


def check_tender_fits(amount: Money, due: Money) -> None:
    """A tender is in the sale's currency and no more than what is still due."""
    if amount.currency != due.currency:
        raise PaymentError(f"tender in {amount.currency}, sale in {due.currency}")
    if amount > due:
        raise PaymentError(f"tender of {amount} is more than the {due} still due; give change instead")


def check_paid_in_full(order_no: str, due: Money) -> None:
    """A sale is paid only once nothing is due."""
    if due.minor != 0:
        raise InsufficientTender(f"{due} still due for order {order_no}", due_minor=due.minor)


class Tender:
    """One payment towards a sale. For cash, `tendered` is what the buyer handed over and
    `amount` what was applied; the difference is change. Cards keep only the approval code,
    the reference and the last four digits: never a card number, track data or a PIN."""

    def __init__(
        self,
        kind: TenderKind,
        amount: Money,
        *,
        tendered: Money | None = None,
        reference: str | None = None,
        approval_code: str | None = None,
        card_last4: str | None = None,
        id: uuid.UUID | None = None,
    ) -> None:
        kind, tendered = check_tender(kind, amount, tendered, card_last4)
        self.id = id or uuid7()
        self.kind = kind
        self.amount = amount
        self.tendered = tendered
        self.reference = reference
        self.approval_code = approval_code
        self.card_last4 = card_last4

    @property
    def change(self) -> Money:
        return self.tendered - self.amount


class Sale:
    def __init__(
        self,
        terminal_id: str,
        order_no: str,
        merchant_id: str,
        total: Money,
        *,
        shift_id: uuid.UUID,
        cashier_id: uuid.UUID,
        voucher_id: str | None = None,
        offline: bool = False,
        created_at: datetime,
        id: uuid.UUID | None = None,
    ) -> None:
        self.id = id or uuid7()
        self.terminal_id = terminal_id
        self.order_no = order_no
        self.merchant_id = merchant_id
        self.total = total
        self.shift_id = shift_id
        self.cashier_id = cashier_id
        self.voucher_id = voucher_id
        self.offline = offline
        self.status = SaleStatus.OPEN
        self.receipt_no: int | None = None
        self.created_at = _require_aware(created_at, "created_at")
        self.paid_at: datetime | None = None
        self.tenders: list[Tender] = []

    @property
    def paid(self) -> Money:
        return total((t.amount for t in self.tenders), self.total.currency)

    @property
    def amount_due(self) -> Money:
        return self.total - self.paid

    @property
    def change(self) -> Money:
        return total((t.change for t in self.tenders), self.total.currency)

    def add_tender(self, tender: Tender) -> None:
        if self.status is not SaleStatus.OPEN:
            raise PaymentError(f"sale for order {self.order_no} is {self.status.value}; it takes no more tenders")
        check_tender_fits(tender.amount, self.amount_due)
        self.tenders.append(tender)

    def mark_paid(self, receipt_no: int, now: datetime) -> None:
        if self.status is not SaleStatus.OPEN:
            raise AlreadyPaid(f"sale for order {self.order_no} is already {self.status.value}", order_no=self.order_no)
        check_paid_in_full(self.order_no, self.amount_due)
        self.status = SaleStatus.PAID
        self.receipt_no = receipt_no
        self.paid_at = _require_aware(now, "paid_at")

    def void(self, approved_by: User, reason: str) -> None:
        approved_by.require(Permission.APPROVE)
        if self.status is SaleStatus.VOIDED:
            raise PaymentError(f"sale for order {self.order_no} is already voided")
        if not reason.strip():
            raise PaymentError("a void needs a reason")
        self.status = SaleStatus.VOIDED
