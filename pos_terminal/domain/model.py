"""The domain model. Plain Python: storage maps these classes from outside (pos_terminal/storage),
so nothing here knows about SQLAlchemy, Qt, devices or HTTP.

Timestamps are timezone-aware UTC; money is `Money` (integer minor units).
"""

from __future__ import annotations

import enum
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from pos_terminal.domain import events as ev
from pos_terminal.domain.errors import (
    AccountLocked,
    AlreadyPaid,
    InsufficientTender,
    InvalidCardData,
    NotAllowed,
    PaymentError,
    ShiftError,
    UserDisabled,
)
from pos_terminal.ids import uuid7
from pos_terminal.money import Money, total


def _require_aware(ts: datetime, what: str) -> datetime:
    if ts.tzinfo is None or ts.utcoffset() is None:
        raise ValueError(f"{what} must be timezone-aware (UTC), got naive {ts!r}")
    return ts


class _Aggregate:
    """Collects domain events; storage resets `events` when an object is loaded."""

    events: list[ev.Event]

    def _raise(self, event: ev.Event) -> None:
        if not hasattr(self, "events") or self.events is None:
            self.events = []
        self.events.append(event)


# --------------------------------------------------------------------------- users


class Role(str, enum.Enum):
    CASHIER = "cashier"
    MANAGER = "manager"
    TECHNICIAN = "technician"


class Permission(str, enum.Enum):
    SELL = "sell"
    REFUND = "refund"
    APPROVE = "approve"  # overrides, voids, over/short above the limit
    CLOSE_DAY = "close_day"
    CONFIGURE_DEVICES = "configure_devices"
    MANAGE_USERS = "manage_users"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CASHIER: frozenset({Permission.SELL, Permission.REFUND}),
    Role.MANAGER: frozenset(
        {
            Permission.SELL,
            Permission.REFUND,
            Permission.APPROVE,
            Permission.CLOSE_DAY,
            Permission.MANAGE_USERS,
            Permission.CONFIGURE_DEVICES,
        }
    ),
    Role.TECHNICIAN: frozenset({Permission.CONFIGURE_DEVICES}),
}


@dataclass(frozen=True)
class LockoutPolicy:
    max_failed_attempts: int = 5
    lockout: timedelta = timedelta(minutes=5)


class User(_Aggregate):
    def __init__(
        self,
        username: str,
        display_name: str,
        role: Role,
        pin_hash: str,
        *,
        id: uuid.UUID | None = None,
        active: bool = True,
        created_at: datetime | None = None,
    ) -> None:
        self.id = id or uuid7()
        self.username = username
        self.display_name = display_name
        self.role = Role(role)
        self.pin_hash = pin_hash
        self.active = active
        self.failed_attempts = 0
        self.locked_until: datetime | None = None
        self.last_sign_in_at: datetime | None = None
        self.created_at = created_at
        self.events = []

    def can(self, permission: Permission) -> bool:
        return self.active and permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise NotAllowed(
                f"{self.username} ({self.role.value}) may not {permission.value}; ask a manager",
                username=self.username,
                permission=permission.value,
            )

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def check_can_sign_in(self, now: datetime) -> None:
        if not self.active:
            raise UserDisabled(f"user {self.username} is disabled; ask a manager", username=self.username)
        if self.is_locked(now):
            raise AccountLocked(
                f"user {self.username} is locked after repeated wrong PINs until "
                f"{self.locked_until.isoformat(timespec='seconds')}; wait or ask a manager to unlock",
                username=self.username,
                until=self.locked_until,
            )

    def record_failed_sign_in(self, now: datetime, policy: LockoutPolicy) -> int:
        """Counts a wrong PIN; locks the account when the policy's limit is reached.
        Returns the attempts left before lock-out (0 when it just locked)."""
        self.failed_attempts += 1
        self._raise(ev.SignInFailed(self.username, now, self.failed_attempts))
        left = policy.max_failed_attempts - self.failed_attempts
        if left <= 0:
            self.locked_until = now + policy.lockout
            self.failed_attempts = 0
            self._raise(ev.UserLockedOut(self.id, self.locked_until))
            return 0
        return left

    def record_sign_in(self, now: datetime) -> None:
        self.failed_attempts = 0
        self.locked_until = None
        self.last_sign_in_at = now
        self._raise(ev.UserSignedIn(self.id, now))

    def unlock(self) -> None:
        self.failed_attempts = 0
        self.locked_until = None


# --------------------------------------------------------------------------- orders


class OrderStatus(str, enum.Enum):
    OPEN = "open"
    PAID = "paid"
    CANCELLED = "cancelled"


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
        if quantity <= 0:
            raise ValueError(f"order line {line_no}: quantity must be positive, got {quantity}")
        if len(item_codes) != quantity:
            raise ValueError(
                f"order line {line_no}: {quantity} units need {quantity} item codes, got {len(item_codes)}"
            )
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


class Order(_Aggregate):
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
        codes = [c for line in self.lines for c in line.item_codes]
        if len(codes) != len(set(codes)):
            raise ValueError(f"order {order_no}: item codes must be unique per unit")
        self.events = []

    @property
    def total(self) -> Money:
        return total((line.amount for line in self.lines), self.currency)

    def mark_paid(self) -> None:
        if self.status is OrderStatus.PAID:
            raise AlreadyPaid(f"order {self.order_no} is already paid at this terminal", order_no=self.order_no)
        if self.status is OrderStatus.CANCELLED:
            raise PaymentError(f"order {self.order_no} is cancelled; it cannot be paid", order_no=self.order_no)
        self.status = OrderStatus.PAID


@dataclass(frozen=True)
class Voucher:
    """What a verified payment voucher says (verification itself is the platform issue's)."""

    voucher_id: str
    order_no: str
    merchant_id: str
    merchant_name: str
    amount: Money
    item_summary: str
    issued_at: datetime
    expires_at: datetime
    kid: str

    def is_expired(self, now: datetime) -> bool:
        return now >= self.expires_at


# --------------------------------------------------------------------------- sales


class TenderKind(str, enum.Enum):
    CASH = "cash"
    PREPAID_CARD = "prepaid_card"
    BANK_CARD = "bank_card"


class SaleStatus(str, enum.Enum):
    OPEN = "open"
    PAID = "paid"
    VOIDED = "voided"


_LAST4 = re.compile(r"^\d{4}$")


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


class Sale(_Aggregate):
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
        self.events = []

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
        if tender.amount.currency != self.total.currency:
            raise PaymentError(f"tender in {tender.amount.currency}, sale in {self.total.currency}")
        if tender.amount > self.amount_due:
            raise PaymentError(
                f"tender of {tender.amount} is more than the {self.amount_due} still due; give change instead"
            )
        self.tenders.append(tender)

    def mark_paid(self, receipt_no: int, now: datetime) -> None:
        if self.status is not SaleStatus.OPEN:
            raise AlreadyPaid(f"sale for order {self.order_no} is already {self.status.value}", order_no=self.order_no)
        if self.amount_due.minor != 0:
            raise InsufficientTender(
                f"{self.amount_due} still due for order {self.order_no}", due_minor=self.amount_due.minor
            )
        self.status = SaleStatus.PAID
        self.receipt_no = receipt_no
        self.paid_at = _require_aware(now, "paid_at")
        cash = total((t.amount for t in self.tenders if t.kind is TenderKind.CASH), self.total.currency)
        self._raise(
            ev.SalePaid(self.id, self.order_no, self.terminal_id, receipt_no, self.total, cash, self.change, now)
        )

    def void(self, approved_by: User, reason: str) -> None:
        approved_by.require(Permission.APPROVE)
        if self.status is SaleStatus.VOIDED:
            raise PaymentError(f"sale for order {self.order_no} is already voided")
        if not reason.strip():
            raise PaymentError("a void needs a reason")
        self.status = SaleStatus.VOIDED
        self._raise(ev.SaleVoided(self.id, approved_by.id, reason))


# --------------------------------------------------------------------------- receipts


class ReceiptCounter:
    """The per-terminal receipt sequence. Advanced inside the unit of work that records the
    document, so a rolled-back sale gives its number back: numbers have no gaps."""

    def __init__(self, terminal_id: str, last_no: int = 0) -> None:
        self.terminal_id = terminal_id
        self.last_no = last_no

    def next(self) -> int:
        self.last_no += 1
        return self.last_no


class ReceiptKind(str, enum.Enum):
    SALE = "sale"
    REFUND = "refund"
    REPORT = "report"


class PrintState(str, enum.Enum):
    PENDING = "pending"  # committed, waiting for the printer (the reprint queue)
    PRINTED = "printed"
    FAILED = "failed"


class Receipt:
    def __init__(
        self,
        terminal_id: str,
        receipt_no: int,
        kind: ReceiptKind,
        *,
        sale_id: uuid.UUID | None,
        created_at: datetime,
        id: uuid.UUID | None = None,
    ) -> None:
        self.id = id or uuid7()
        self.terminal_id = terminal_id
        self.receipt_no = receipt_no
        self.kind = ReceiptKind(kind)
        self.sale_id = sale_id
        self.created_at = _require_aware(created_at, "created_at")
        self.print_state = PrintState.PENDING
        self.copies_printed = 0


# --------------------------------------------------------------------------- card requests


class CardRequestState(str, enum.Enum):
    SENT = "sent"  # sent to the card terminal; its outcome is not known yet
    APPROVED = "approved"  # the buyer was charged; no recorded sale carries it yet
    SETTLED = "settled"  # a recorded sale carries it
    NOT_CHARGED = "not_charged"  # declined, cancelled or never reached the card terminal
    REFUNDED = "refunded"  # given back to the card


class CardRequestKind(str, enum.Enum):
    BANK_CARD = "bank_card"  # a charge through the card terminal; request_id is its request id
    PREPAID_DEBIT = "prepaid_debit"  # a prepaid-card debit; request_id is its Idempotency-Key
    PREPAID_CREDIT = "prepaid_credit"  # money put back on a prepaid card (a void or a refund payout)


class CardRequest:
    """A card movement, written before it is sent so that one whose outcome is unknown (the card
    terminal or the platform stopped answering, or this terminal stopped) is never lost: it stays
    SENT until the card terminal (bank card) or the platform (prepaid card, asked by its
    Idempotency-Key) says what became of it, and APPROVED until a sale records it or it is
    given back (REFUNDED). A prepaid credit goes from SENT to SETTLED (made, and recorded where
    it belongs) or NOT_CHARGED; `parent_id` names what it gives back: the debit's request_id (a
    void or a recovery) or "<refund case id>/<leg>" (a refund payout). Keeps the approval code,
    the terminal's (or platform's) reference and the last four digits only, never a card number."""

    OPEN = (CardRequestState.SENT, CardRequestState.APPROVED)

    def __init__(self, request_id: str, terminal_id: str, order_no: str, amount: Money, reference: str, *,
                 created_at: datetime, kind: CardRequestKind = CardRequestKind.BANK_CARD,
                 parent_id: str | None = None) -> None:
        self.request_id = request_id
        self.kind = kind
        self.parent_id = parent_id
        self.terminal_id = terminal_id
        self.order_no = order_no
        self.amount = amount
        self.reference = reference
        self.state = CardRequestState.SENT
        self.approval_code: str | None = None
        self.card_last4: str | None = None
        self.card_reference: str | None = None
        self.created_at = _require_aware(created_at, "created_at")
        self.resolved_at: datetime | None = None

    def approved(self, approval_code: str | None, card_last4: str | None, card_reference: str | None,
                 now: datetime) -> None:
        if card_last4 is not None and not _LAST4.match(card_last4):
            raise InvalidCardData("keep only the last four digits of a card, never the number")
        if self.state not in self.OPEN:
            raise PaymentError(f"card request {self.request_id} is {self.state.value}; it cannot be approved now")
        self.state = CardRequestState.APPROVED
        self.approval_code, self.card_last4, self.card_reference = approval_code, card_last4, card_reference
        self.resolved_at = _require_aware(now, "now")

    def not_charged(self, now: datetime) -> None:
        if self.state is not CardRequestState.SENT:
            raise PaymentError(f"card request {self.request_id} is {self.state.value}, not waiting for an outcome")
        self.state = CardRequestState.NOT_CHARGED
        self.resolved_at = _require_aware(now, "now")

    def settled(self) -> None:
        """A recorded sale carries this charge's approval (also when noting the approval here
        had failed, leaving it SENT); for a prepaid credit: it was made and recorded."""
        if self.state not in self.OPEN and not (self.kind is CardRequestKind.PREPAID_CREDIT
                                                and self.state is CardRequestState.NOT_CHARGED):
            raise PaymentError(f"card request {self.request_id} is {self.state.value}; only an approved one is "
                               "recorded in a sale")
        self.state = CardRequestState.SETTLED

    def sent_again(self, now: datetime) -> None:
        """The same request (the same Idempotency-Key) is sent once more after it was found not
        to have moved money: its outcome is unknown again until the answer comes."""
        if self.state is CardRequestState.NOT_CHARGED:
            self.state = CardRequestState.SENT
            self.resolved_at = None

    def refunded(self, now: datetime) -> None:
        if self.state is not CardRequestState.APPROVED:
            raise PaymentError(f"card request {self.request_id} is {self.state.value}; only an approved one is "
                               "refunded")
        self.state = CardRequestState.REFUNDED
        self.resolved_at = _require_aware(now, "now")


# --------------------------------------------------------------------------- settlement + outbox


class Settlement:
    """What the platform must learn exactly once: this order was paid at this terminal."""

    def __init__(self, sale: Sale, store_id: str) -> None:
        if sale.status is not SaleStatus.PAID or sale.receipt_no is None or sale.paid_at is None:
            raise PaymentError("only a paid sale is settled")
        self.id = uuid7()
        self.sale_id = sale.id
        self.order_no = sale.order_no
        self.merchant_id = sale.merchant_id
        self.store_id = store_id
        self.terminal_id = sale.terminal_id
        self.receipt_no = sale.receipt_no
        self.amount = sale.total
        self.tender_kinds = ",".join(sorted({t.kind.value for t in sale.tenders}))
        shares: dict[str, int] = {}
        for t in sale.tenders:
            shares[t.kind.value] = shares.get(t.kind.value, 0) + t.amount.minor
        self.tender_amounts = [{"kind": k, "amount_minor": shares[k]} for k in sorted(shares)]
        self.voucher_id = sale.voucher_id  # the platform tells a voucher paid twice offline
        self.offline = sale.offline
        self.paid_at = sale.paid_at

    def payload(self) -> dict:
        return {
            "settlement_id": str(self.id),
            "order_no": self.order_no,
            "merchant_id": self.merchant_id,
            "store_id": self.store_id,
            "terminal_id": self.terminal_id,
            "receipt_no": self.receipt_no,
            "amount_minor": self.amount.minor,
            "currency": self.amount.currency,
            "tenders": self.tender_kinds.split(","),
            **({"tender_amounts": self.tender_amounts} if self.tender_amounts else {}),
            "offline": self.offline,
            "paid_at": self.paid_at.isoformat(),
            **({"voucher_id": self.voucher_id} if self.voucher_id else {}),
        }


class OutboxMessage:
    """A message for the platform, written in the same transaction as the fact it reports and
    drained in `seq` order by the sync worker. The Idempotency-Key derives from the row id, so
    every retry of this message carries the same key."""

    def __init__(self, topic: str, payload: dict, *, created_at: datetime, id: uuid.UUID | None = None,
                 terminal_id: str | None = None) -> None:
        self.id = id or uuid7()
        self.seq: int | None = None  # assigned by storage, in commit order per database
        self.topic = topic
        self.terminal_id = terminal_id  # whose: each terminal of a shared database drains its own
        self.payload = payload
        self.created_at = _require_aware(created_at, "created_at")
        self.attempts = 0
        self.next_attempt_at: datetime | None = None
        self.last_error: str | None = None
        self.sent_at: datetime | None = None
        self.dead_at: datetime | None = None  # refused for good by the platform: needs a person
        self.outcome: str | None = None  # the platform's answer, e.g. paid | refund_case | amount_differs

    @property
    def idempotency_key(self) -> str:
        return f"outbox-{self.id}"

    def record_failure(self, now: datetime, error: str, backoff: timedelta) -> None:
        self.attempts += 1
        self.last_error = error[:500]
        self.next_attempt_at = now + backoff

    def record_sent(self, now: datetime, outcome: str | None = None) -> None:
        self.sent_at = now
        self.last_error = None
        self.outcome = outcome

    def record_dead(self, now: datetime, error: str) -> None:
        """The platform refused this message in a way no retry changes: it stops blocking the
        messages after it and waits for a person (see sync.outbox_worker)."""
        self.attempts += 1
        self.last_error = error[:500]
        self.dead_at = now

    def requeue(self) -> None:
        self.dead_at = None
        self.next_attempt_at = None


# --------------------------------------------------------------------------- refunds


class RefundStatus(str, enum.Enum):
    DRAFT = "draft"  # taken in at the counter and stored whole; not yet accepted by the platform
    REQUESTED = "requested"  # accepted by the platform, waiting for the seller (pending_seller)
    APPROVED = "approved"  # approved (by policy or the seller): pay it out
    REJECTED = "rejected"
    PAID_OUT = "paid_out"  # the money went back (or the platform refunds an online payment)
    REFUSED = "refused"  # the platform refused the request for good (e.g. outside the window by then)


class PayoutRoute(str, enum.Enum):
    CASH = "cash"  # out of this drawer, recorded in the shift
    PREPAID_CARD = "prepaid_card"  # credited to the buyer's prepaid card
    BANK_CARD = "bank_card"  # refunded through the card terminal
    ONLINE = "online"  # the platform refunds the buyer's account; nothing at the counter
    SPLIT = "split"  # paid with several tenders: each leg goes back to its own tender (payout_legs)


@dataclass(frozen=True)
class RefundPhoto:
    """A photo of the defect, kept in the data folder (`file`, relative) until the platform has
    it; `platform_id` once uploaded."""

    sha256: str
    size: int
    content_type: str
    file: str
    platform_id: str | None = None

    def as_dict(self) -> dict:
        return {"sha256": self.sha256, "size": self.size, "content_type": self.content_type, "file": self.file,
                "platform_id": self.platform_id}

    @classmethod
    def from_dict(cls, d: dict) -> RefundPhoto:
        return cls(d["sha256"], int(d["size"]), d["content_type"], d["file"], d.get("platform_id"))


class RefundCase(_Aggregate):
    """A refund intake: units of one order, a reason and photos, stored before anything is sent
    (DRAFT), then the platform's request and decision, then the payout. `photos` is a list of
    RefundPhoto dicts (reassigned, never mutated in place, so storage sees the change)."""

    FINAL = (RefundStatus.REJECTED, RefundStatus.PAID_OUT, RefundStatus.REFUSED)

    def __init__(
        self,
        order_no: str,
        item_codes: list[str],
        reason: str,
        amount: Money,
        *,
        requested_by: uuid.UUID,
        terminal_id: str,
        created_at: datetime,
        id: uuid.UUID | None = None,
        merchant_name: str = "",
        payout_route: PayoutRoute | None = None,
        item_names: list[str] | None = None,
        photos: list[dict] | None = None,
        offline: bool = False,
        payout_legs: list[dict] | None = None,
    ) -> None:
        if not item_codes:
            raise ValueError("a refund case needs at least one item code")
        if not reason.strip():
            raise ValueError("a refund case needs a reason")
        self.id = id or uuid7()
        self.order_no = order_no
        self.item_codes = list(item_codes)
        self.reason = reason
        self.amount = amount
        self.requested_by = requested_by
        self.terminal_id = terminal_id
        self.created_at = _require_aware(created_at, "created_at")
        self.status = RefundStatus.DRAFT
        self.platform_case_id: str | None = None
        self.decided_at: datetime | None = None
        self.merchant_name = merchant_name
        self.payout_route = PayoutRoute(payout_route) if payout_route else None
        self.item_names = list(item_names or [])
        self.photos = list(photos or [])
        self.offline = offline
        self.attempts = 0
        self.last_error: str | None = None
        self.next_attempt_at: datetime | None = None
        self.decided_by: str | None = None
        self.note: str | None = None
        self.paid_out_at: datetime | None = None
        self.paid_out_by: uuid.UUID | None = None
        self.paid_out_route: PayoutRoute | None = None
        self.payout_reference: str | None = None
        self.override_by: uuid.UUID | None = None
        self.shift_id: uuid.UUID | None = None
        self.receipt_no: int | None = None
        # Where the money goes back, one leg per tender: {route, amount_minor, done, reference,
        # card_last4, approval_code, original_reference, expect_last4}. Reassigned, never mutated.
        self.payout_legs = [dict(leg) for leg in payout_legs] if payout_legs else None
        self.cash_out_minor: int | None = None
        self.events = []

    @property
    def idempotency_key(self) -> str:
        return f"refund-{self.id}"

    def leg_done(self, index: int, *, reference: str | None = None, card_last4: str | None = None,
                 approval_code: str | None = None) -> None:
        """One leg of the payout happened (a card refunded, a prepaid card credited): recorded at
        once, so a retry after a later leg failed never pays this one twice."""
        if self.paid_out_at is not None:
            raise PaymentError(f"refund case for order {self.order_no} is paid out already")
        legs = [dict(leg) for leg in self.payout_legs or []]
        legs[index] |= {"done": True, "reference": reference, "card_last4": card_last4,
                        "approval_code": approval_code}
        self.payout_legs = legs

    def photo_list(self) -> list[RefundPhoto]:
        return [RefundPhoto.from_dict(p) for p in self.photos or []]

    def photo_uploaded(self, sha256: str, platform_id: str) -> None:
        self.photos = [p | {"platform_id": platform_id} if p["sha256"] == sha256 else dict(p) for p in self.photos]

    def submit(self, platform_case_id: str | None = None, now: datetime | None = None) -> None:
        if self.status is not RefundStatus.DRAFT:
            raise PaymentError(f"refund case is {self.status.value}; it was submitted already")
        self.status = RefundStatus.REQUESTED
        self.platform_case_id = platform_case_id
        self.last_error = None
        self.next_attempt_at = None
        self._raise(ev.RefundRequested(self.id, self.order_no, tuple(self.item_codes)))

    def decide(self, approved: bool, now: datetime, decided_by: str | None = None, note: str | None = None) -> None:
        if self.status is not RefundStatus.REQUESTED:
            raise PaymentError(f"refund case is {self.status.value}; only a requested case is decided")
        self.status = RefundStatus.APPROVED if approved else RefundStatus.REJECTED
        self.decided_at = now
        self.decided_by = decided_by
        self.note = note

    def refuse(self, error: str, now: datetime) -> None:
        """The platform refused the request for good: nothing is paid out by its approval."""
        if self.status is not RefundStatus.DRAFT:
            raise PaymentError(f"refund case is {self.status.value}; only a draft is refused")
        self.status = RefundStatus.REFUSED
        self.last_error = error[:500]
        self.decided_at = now

    def record_failure(self, now: datetime, error: str, backoff: timedelta) -> None:
        self.attempts += 1
        self.last_error = error[:500]
        self.next_attempt_at = now + backoff

    def paid_out(self, route: PayoutRoute, by: uuid.UUID, now: datetime, *, reference: str | None = None,
                 override_by: uuid.UUID | None = None, shift_id: uuid.UUID | None = None,
                 receipt_no: int | None = None, cash_out_minor: int = 0) -> None:
        if self.paid_out_at is not None:
            raise PaymentError(f"refund case for order {self.order_no} is paid out already")
        if self.status is not RefundStatus.APPROVED and override_by is None:
            raise PaymentError(f"refund case is {self.status.value}; only an approved case is paid out "
                               "(or a manager overrides)")
        if self.status in (RefundStatus.REJECTED, RefundStatus.REFUSED):
            raise PaymentError(f"refund case is {self.status.value}; nothing is paid out")
        if self.status is RefundStatus.APPROVED:
            self.status = RefundStatus.PAID_OUT
        self.paid_out_at = _require_aware(now, "now")
        self.paid_out_by = by
        self.paid_out_route = PayoutRoute(route)
        self.payout_reference = reference
        self.override_by = override_by
        self.shift_id = shift_id
        self.receipt_no = receipt_no
        self.cash_out_minor = cash_out_minor
        if self.payout_legs:
            self.payout_legs = [dict(leg) | {"done": True} for leg in self.payout_legs]


# --------------------------------------------------------------------------- shifts


class ShiftStatus(str, enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class Shift(_Aggregate):
    def __init__(
        self,
        terminal_id: str,
        opened_by: uuid.UUID,
        opening_float: Money,
        *,
        opened_at: datetime,
        id: uuid.UUID | None = None,
    ) -> None:
        if opening_float.is_negative:
            raise ShiftError("the opening float cannot be negative")
        self.id = id or uuid7()
        self.terminal_id = terminal_id
        self.opened_by = opened_by
        self.opening_float = opening_float
        self.opened_at = _require_aware(opened_at, "opened_at")
        self.status = ShiftStatus.OPEN
        self.closed_by: uuid.UUID | None = None
        self.closed_at: datetime | None = None
        self.counted_cash_minor: int | None = None
        self.events = []
        self._raise(ev.ShiftOpened(self.id, terminal_id, opened_by, opening_float))

    @property
    def counted_cash(self) -> Money | None:
        if self.counted_cash_minor is None:
            return None
        return Money(self.counted_cash_minor, self.opening_float.currency)

    def close(self, by: uuid.UUID, counted_cash: Money, now: datetime) -> None:
        if self.status is ShiftStatus.CLOSED:
            raise ShiftError("this shift is already closed")
        self.status = ShiftStatus.CLOSED
        self.closed_by = by
        if counted_cash.currency != self.opening_float.currency:
            raise ShiftError(f"counted cash in {counted_cash.currency}, shift in {self.opening_float.currency}")
        self.closed_at = _require_aware(now, "closed_at")
        self.counted_cash_minor = counted_cash.minor
        self._raise(ev.ShiftClosed(self.id, by, counted_cash))

