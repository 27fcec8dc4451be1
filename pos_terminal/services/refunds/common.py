"""Refund intake's shared vocabulary: the refusal, the plain-data views the screens and receipts
read (ItemInfo, CaseView, PayoutLeg, RefundReceiptInfo, PayoutDone) and the context the use cases
run in. The use cases live beside it: lookup (an item code to its purchase), intake (store, send,
follow the decision) and payout (the money back, leg by leg)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model import PayoutRoute, RefundCase, RefundStatus
from pos_terminal.ports import (
    CardTerminal,
    CashDrawer,
    Clock,
    PlatformClient,
    PrintableDocument,
    ReceiptPrinter,
    UnitOfWork,
)
from pos_terminal.ports.files import PhotoStore

if TYPE_CHECKING:
    from pos_terminal.services.online_returns import OnlineRequest

# The fixed list of reasons (stable codes; the screen translates them).
REASONS = ("defective", "damaged", "wrong_item", "not_as_described", "missing_parts", "other")
MAX_PHOTOS = 10
MAX_PHOTO_BYTES = 5 * 1024 * 1024


class RefundRefused(PaymentError):
    """A refund step not taken. `reason` is stable for the screens: wrong_kind, unknown_item,
    already_refunded, request_open, outside_window, not_paid, photo_required, offline_unknown,
    bad_reason, no_items, several_orders, too_many_photos, bad_photo, refused_by_platform,
    not_approved, over_limit, needs_manager, no_shift, prepaid_card_needed, prepaid_refused,
    platform_unavailable, no_card_terminal, card_declined, paid_out_already, unknown_case,
    card_number (a bank card number keyed or scanned where an item code belongs); for a return
    filed on the buyer's phone (online_returns): handed_in_elsewhere, handed_in_at_other_terminal,
    not_handed_in, not_online."""

    code = "refund_refused"

    def __init__(self, reason: str, message: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


@dataclass(frozen=True)
class TenderShare:
    """What one tender kind paid for the order; the reference and last four digits where this
    terminal took it (a bank-card refund names the original charge; a prepaid credit goes to the
    card that paid)."""

    kind: str
    amount_minor: int
    reference: str | None = None
    card_last4: str | None = None


@dataclass(frozen=True)
class ItemInfo:
    """A sold unit as the platform (or, offline, this terminal's database) describes it."""

    item_code: str
    name: str
    unit_price_minor: int
    currency: str
    order_no: str
    merchant_id: str
    merchant_name: str
    payment_route: str | None  # cash | prepaid_card | bank_card | online | mixed | None (unpaid)
    paid_at: str | None = None
    paid_store_id: str | None = None
    paid_terminal_id: str | None = None
    buyer_name: str | None = None
    reputation: int | None = None
    threshold: int | None = None
    photo_required: bool | None = None
    window_days: int | None = None
    window_ends_at: str | None = None
    inside_window: bool | None = None
    refund_state: str = "none"  # none | open | refunded
    request_id: str | None = None
    offline: bool = False  # from this terminal's records: the platform did not answer
    # what each tender paid (None: not known, e.g. a sale of an older terminal paid with several)
    tenders: tuple[TenderShare, ...] | None = None
    online: OnlineRequest | None = None  # a return the buyer filed on the phone (online_returns)

    @property
    def approves_at_once(self) -> bool | None:
        if self.reputation is None or self.threshold is None:
            return None
        return self.reputation >= self.threshold


@dataclass(frozen=True)
class PhotoData:
    """A prepared photo (drivers.photos makes these): JPEG bytes at most 1280 px on the long side."""

    data: bytes
    sha256: str
    content_type: str = "image/jpeg"
    width: int = 0
    height: int = 0

    @classmethod
    def of(cls, data: bytes, content_type: str = "image/jpeg", width: int = 0, height: int = 0) -> PhotoData:
        return cls(data, hashlib.sha256(data).hexdigest(), content_type, width, height)


@dataclass(frozen=True)
class CaseView:
    """A refund case as plain data for the screens."""

    case_id: uuid.UUID
    status: RefundStatus
    order_no: str
    item_codes: tuple[str, ...]
    item_names: tuple[str, ...]
    reason: str
    amount_minor: int
    currency: str
    merchant_name: str
    payout_route: PayoutRoute | None
    platform_id: str | None
    created_at: datetime
    photos: int
    photos_uploaded: int
    last_error: str | None = None
    decided_by: str | None = None
    note: str | None = None
    paid_out: bool = False
    paid_out_route: PayoutRoute | None = None
    receipt_no: int | None = None
    override: bool = False
    legs: tuple[PayoutLeg, ...] | None = None  # None: a split whose shares are not known
    decided_at: datetime | None = None
    acknowledged: bool = False  # a rejected or refused case a cashier has seen (it leaves the list)


@dataclass(frozen=True)
class PayoutLeg:
    """One part of a payout: `route` (cash, prepaid_card, bank_card, online) and its amount;
    once done, the card's last four digits and the approval or transaction reference. Before it
    is paid, `original_reference` names the charge a bank-card refund goes back to and
    `expect_last4` the prepaid card that paid (where this terminal knows them). Stored on the case
    as a JSON object with these keys (`stored()` / `of()` convert at that boundary)."""

    route: str
    amount_minor: int
    done: bool = False
    card_last4: str | None = None
    approval_code: str | None = None
    reference: str | None = None
    original_reference: str | None = None
    expect_last4: str | None = None

    @classmethod
    def of(cls, leg: dict[str, Any]) -> PayoutLeg:
        return cls(leg["route"], int(leg["amount_minor"]), bool(leg.get("done")), leg.get("card_last4"),
                   leg.get("approval_code"), leg.get("reference"), leg.get("original_reference"),
                   leg.get("expect_last4"))

    def stored(self) -> dict[str, Any]:
        """The leg as the case stores it (JSON)."""
        return asdict(self)


def legs_of(stored: list[dict[str, Any]] | None) -> list[PayoutLeg] | None:
    return None if stored is None else [PayoutLeg.of(leg) for leg in stored]


def stored_legs(legs: list[PayoutLeg] | None) -> list[dict[str, Any]] | None:
    return None if legs is None else [leg.stored() for leg in legs]


@dataclass(frozen=True)
class RefundReceiptInfo:
    """Everything a refund receipt shows, as plain data (receipts.refund_receipt lays it out)."""

    store_name: str
    terminal_id: str
    cashier_name: str
    receipt_no: int | None
    local_time: datetime
    merchant_name: str
    order_no: str
    currency: str
    items: tuple[tuple[str, str, int], ...]  # of (name, item_code, unit_price_minor)
    amount_minor: int
    route: PayoutRoute
    reason: str
    platform_id: str | None
    card_last4: str | None = None
    approval_code: str | None = None
    override_by: str | None = None
    legs: tuple[PayoutLeg, ...] = ()  # where each part went; one leg for a single route
    copy: bool = False  # a reprint after the original printed


@dataclass(frozen=True)
class PayoutDone:
    case: CaseView
    route: PayoutRoute
    amount_minor: int
    receipt: RefundReceiptInfo
    printed: bool
    print_error: str | None = None
    drawer_kicked: bool = False
    drawer_error: str | None = None
    document: PrintableDocument | None = None


@dataclass
class RefundContext:
    """What refund intake needs from the terminal. `photos` keeps the photos until the platform
    has them; `render_receipt(info)` returns the printer's document (None prints
    nothing); `override_limit_minor` is the most cash a manager may pay out without the
    platform's approval (0: never)."""

    uow: Callable[[], UnitOfWork]
    clock: Clock
    terminal_id: str
    store_id: str
    photos: PhotoStore
    platform: PlatformClient | None = None
    store_name: str = ""
    timezone: str = "UTC"
    printer: ReceiptPrinter | None = None
    drawer: CashDrawer | None = None
    card_terminal: CardTerminal | None = None
    render_receipt: Callable[[RefundReceiptInfo], PrintableDocument] | None = None
    override_limit_minor: int = 0


def credit_key(case_id: uuid.UUID, index: int, *, single: bool) -> str:
    """The Idempotency-Key (and journal key) of the prepaid credit of leg `index` of a case."""
    return f"refund-{case_id}-credit" if single else f"refund-{case_id}-credit-{index}"


def stored_case(uow: UnitOfWork, case_id: uuid.UUID) -> RefundCase:
    """The case `case_id` in this unit of work; RefundRefused(unknown_case) when there is none."""
    case = uow.refunds.get(case_id)
    if case is None:
        raise RefundRefused("unknown_case", f"no refund case {case_id}")
    return case


def view_of(case: RefundCase) -> CaseView:
    photos = case.photo_list()
    return CaseView(
        case.id, case.status, case.order_no, tuple(case.item_codes), tuple(case.item_names or ()), case.reason,
        case.amount.minor, case.amount.currency, case.merchant_name or "", case.payout_route, case.platform_case_id,
        case.created_at, len(photos), sum(1 for p in photos if p.platform_id), case.last_error, case.decided_by,
        case.note, case.paid_out_at is not None, case.paid_out_route, case.receipt_no, case.override_by is not None,
        tuple(legs_of(case.payout_legs) or ()) if case.payout_legs is not None
        else None if case.payout_route is PayoutRoute.SPLIT
        else (PayoutLeg((case.payout_route or PayoutRoute.CASH).value, case.amount.minor, case.paid_out_at is not None),),
        case.decided_at, case.acknowledged_at is not None)

