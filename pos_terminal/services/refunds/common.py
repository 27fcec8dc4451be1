"""Refund intake's shared vocabulary: the refusal, the plain-data views the screens and receipts
read (ItemInfo, CaseView, PayoutLeg, RefundReceiptInfo, PayoutDone) and the context the use cases
run in. The use cases live beside it: lookup (an item code to its purchase), intake (store, send,
follow the decision) and payout (the money back, leg by leg)."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
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
    platform_id: str | None = None  # the platform that sold the unit (issue 16: several at one counter)

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
    day_change_hour: int = 0  # the business day's rule (services.day_context): the day of a payout
    platform_id: str | None = None  # [platform]'s id (None: not named; `platform` is its client)
    # issue 16, several platforms at one counter: each case talks to the platform of its order.
    # `platform_for(id)` is that platform's client (None: this counter does not know it);
    # `other_platforms` the other platforms' ids in the order an unknown item is asked of them;
    # `case_platforms` remembers (case id -> platform id) the platform that answered for a case
    # whose order this database does not hold (shared by the terminal's contexts)
    platform_for: Callable[[str | None], PlatformClient | None] | None = None
    other_platforms: tuple[str, ...] = ()
    case_platforms: dict[uuid.UUID, str] = field(default_factory=dict)
    after_commit: Callable[[], None] | None = None  # wakes the outbox worker (a payout's messages)


def client_of(ctx: RefundContext, platform_id: str | None) -> PlatformClient | None:
    """The client of the platform `platform_id` ([platform]'s for None or its id); None when this
    counter does not know that platform."""
    if platform_id is None or platform_id == ctx.platform_id:
        return ctx.platform
    return ctx.platform_for(platform_id) if ctx.platform_for is not None else None


def platforms(ctx: RefundContext) -> list[tuple[str | None, PlatformClient]]:
    """Every platform this counter knows, [platform] first: (id, client)."""
    found: list[tuple[str | None, PlatformClient]] = []
    if ctx.platform is not None:
        found.append((ctx.platform_id, ctx.platform))
    for other in ctx.other_platforms:
        client = client_of(ctx, other)
        if client is not None and other != ctx.platform_id:
            found.append((other, client))
    return found


def order_platform(ctx: RefundContext, uow: UnitOfWork, order_no: str) -> tuple[bool, str | None]:
    """(known, platform id) of an order in this database: orders.platform_id (NULL: [platform])."""
    order = uow.orders.get(order_no)
    if order is None:
        return False, None
    return True, getattr(order, "platform_id", None) or ctx.platform_id


def case_platform_id(ctx: RefundContext, uow: UnitOfWork, case: RefundCase) -> str | None:
    """The platform a case talks to: its order's (this database's orders.platform_id), else the
    one that answered for its units (remembered in `case_platforms`), else [platform]."""
    known, platform_id = order_platform(ctx, uow, case.order_no)
    if known:
        return platform_id
    if case.platform_id is not None:  # stored at intake (migration 0011)
        return case.platform_id
    return ctx.case_platforms.get(case.id, ctx.platform_id)


def resolve_case_platform(ctx: RefundContext, case_id: uuid.UUID) -> tuple[str | None, PlatformClient | None]:
    """(platform id, client) a case talks to. A case whose order this database does not hold and
    whose platform is not remembered (a restart since its look-up) is found again by asking the
    platforms, [platform] first, about its first unit (as the look-up did); while none that could
    know it answers, [platform]."""
    with ctx.uow() as uow:
        case = stored_case(uow, case_id)
        known, platform_id = order_platform(ctx, uow, case.order_no)
        stored, first_code = case.platform_id, case.item_codes[0]
    if known:
        return platform_id, client_of(ctx, platform_id)
    if stored is not None:  # stored at intake (migration 0011): no look-up again after a restart
        return stored, client_of(ctx, stored)
    if case_id in ctx.case_platforms:
        platform_id = ctx.case_platforms[case_id]
        return platform_id, client_of(ctx, platform_id)
    candidates = platforms(ctx)
    if len(candidates) > 1:
        from pos_terminal.ports import PlatformError

        for owner, client in candidates:
            try:
                client.get_item(first_code)
            except PlatformError:
                continue
            remember_platform(ctx, case_id, owner)
            return owner, client
    return ctx.platform_id, ctx.platform


def remember_platform(ctx: RefundContext, case_id: uuid.UUID, platform_id: str | None) -> None:
    """The platform that answered for a case's units (a case whose order this database does not hold)."""
    if platform_id is not None:
        ctx.case_platforms[case_id] = platform_id


def wake(ctx: RefundContext) -> None:
    """After a commit that queued messages: the outbox worker sends them now, not at its next poll."""
    if ctx.after_commit is not None:
        try:
            ctx.after_commit()
        except Exception:  # waking is a courtesy: the worker polls anyway
            pass


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

