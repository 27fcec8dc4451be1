"""Refund intake: a returned unit's item code looked up, the intake (units of one order, a reason,
photos) stored whole before anything is sent, submitted to the platform (photos first, then the
request), the platform's decision followed, and the payout to where the money came from.

Rules kept here:
- an intake is a RefundCase in DRAFT, committed with its photos' checksums (the photo files sit in
  the data folder) before any platform call: a platform that is down, or a restart, loses nothing.
  `submit_due()` (the sync worker's housekeeping) sends drafts when the platform answers again;
- every photo upload carries an Idempotency-Key derived from the case and the photo's sha256, the
  request one derived from the case id, so a repeat after a lost answer never makes a second photo
  or request; a photo's platform id is committed as soon as it is known;
- a refusal by the platform (already refunded, outside the window, ...) ends the case as REFUSED;
  no money moves for it;
- no money leaves without the platform's approval, except cash that a manager overrides within
  `override_limit_minor` (logged: who, what, when). Prepaid credits carry an Idempotency-Key and
  card refunds a request_id from the case, so a repeat never pays twice;
- a cash payout is recorded in the open shift (shift_id, route cash) with a refund receipt number,
  in one transaction; the receipt prints and the drawer opens after the commit.

Threading rule: every function here blocks (database, platform, devices): call it on a worker.
"""

from __future__ import annotations

import hashlib
import logging
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model import (
    CardRequestKind,
    PayoutRoute,
    Permission,
    PrintState,
    Receipt,
    ReceiptKind,
    RefundCase,
    RefundStatus,
)
from pos_terminal.money import Money
from pos_terminal.ports import (
    AuthenticationFailed,
    CardTerminal,
    CashDrawer,
    Clock,
    PlatformClient,
    PlatformError,
    PlatformRefused,
    PlatformUnavailable,
    ReceiptPrinter,
    UnitOfWork,
)
from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.security import mask_card_numbers
from pos_terminal.services import audit, card_journal
from pos_terminal.services.printing import print_committed

if TYPE_CHECKING:
    from pos_terminal.services.online_returns import OnlineRequest

log = logging.getLogger(__name__)

# The fixed list of reasons (stable codes; the screen translates them).
REASONS = ("defective", "damaged", "wrong_item", "not_as_described", "missing_parts", "other")
MAX_PHOTOS = 10
MAX_PHOTO_BYTES = 5 * 1024 * 1024
BACKOFF_BASE = timedelta(seconds=5)
BACKOFF_MAX = timedelta(minutes=5)
# Platform refusals of a request that no retry changes: the case ends as REFUSED.
_FINAL_REFUSALS = {"already_refunded", "request_open", "outside_return_window", "photo_required", "unknown_item",
                   "order_not_paid", "items_from_several_orders", "unknown_photo", "idempotency_key_reused"}


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

    @property
    def waiting_to_send(self) -> bool:
        return self.status is RefundStatus.DRAFT


@dataclass(frozen=True)
class PayoutLeg:
    """One part of a payout: `route` (cash, prepaid_card, bank_card, online) and its amount;
    once done, the card's last four digits and the approval or transaction reference."""

    route: str
    amount_minor: int
    done: bool = False
    card_last4: str | None = None
    approval_code: str | None = None
    reference: str | None = None

    @classmethod
    def of(cls, leg: dict) -> PayoutLeg:
        return cls(leg["route"], int(leg["amount_minor"]), bool(leg.get("done")), leg.get("card_last4"),
                   leg.get("approval_code"), leg.get("reference"))


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
    items: tuple  # of (name, item_code, unit_price_minor)
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
    document: object = None


@dataclass
class RefundContext:
    """What refund intake needs from the terminal. `photo_dir` holds the photo files until the
    platform has them; `render_receipt(info)` returns the printer's document (None prints
    nothing); `override_limit_minor` is the most cash a manager may pay out without the
    platform's approval (0: never)."""

    uow: Callable[[], UnitOfWork]
    clock: Clock
    terminal_id: str
    store_id: str
    photo_dir: Path
    platform: PlatformClient | None = None
    store_name: str = ""
    timezone: str = "UTC"
    printer: ReceiptPrinter | None = None
    drawer: CashDrawer | None = None
    card_terminal: CardTerminal | None = None
    render_receipt: Callable[[RefundReceiptInfo], object] | None = None
    override_limit_minor: int = 0
    on_change: list = field(default_factory=list)  # callables(case_id) after a case changed


def _money(minor: int, currency: str) -> str:
    return Money(minor, currency).format()


def _view(case: RefundCase) -> CaseView:
    photos = case.photo_list()
    return CaseView(
        case.id, case.status, case.order_no, tuple(case.item_codes), tuple(case.item_names or ()), case.reason,
        case.amount.minor, case.amount.currency, case.merchant_name or "", case.payout_route, case.platform_case_id,
        case.created_at, len(photos), sum(1 for p in photos if p.platform_id), case.last_error, case.decided_by,
        case.note, case.paid_out_at is not None, case.paid_out_route, case.receipt_no, case.override_by is not None,
        tuple(PayoutLeg.of(leg) for leg in case.payout_legs) if case.payout_legs is not None
        else None if case.payout_route is PayoutRoute.SPLIT
        else (PayoutLeg((case.payout_route or PayoutRoute.CASH).value, case.amount.minor, case.paid_out_at is not None),))


def _changed(ctx: RefundContext, case_id: uuid.UUID) -> None:
    for listener in list(ctx.on_change):
        try:
            listener(case_id)
        except Exception:
            log.exception("refund change listener failed")


# ------------------------------------------------------------------------------ look-up


def item_code_of(text: str) -> str:
    """The item code in a scanned or keyed text; refuses any other kind of code. Bare 16 digits
    (a keyed code without its IC prefix) are accepted, unless they read as a prepaid card number
    (88...): a card is never taken for an item. A bank card number (13-19 digits passing Luhn,
    grouped or not) is refused as card_number: it is never sent to the platform as IC<number>."""
    stripped = (text or "").strip()
    if classify(stripped).is_card_number:
        raise RefundRefused("card_number", "that reads as a bank card number, not an item code: scan the code of "
                            "the returned unit; an item code keyed by hand starts with IC")
    if stripped.isdigit() and len(stripped) == 16 and classify(stripped).kind is not ScanKind.PREPAID_CARD:
        stripped = "IC" + stripped
    code = classify(stripped)
    if code.kind is ScanKind.ITEM_CODE:
        return code.value
    what = {ScanKind.VOUCHER: "a payment voucher", ScanKind.ORDER_URL: "an order link",
            ScanKind.ORDER_NUMBER: "an order number", ScanKind.PREPAID_CARD: "a prepaid card",
            ScanKind.PRODUCT_BARCODE: "a product barcode"}.get(code.kind, "not an item code")
    raise RefundRefused("wrong_kind", f"{what}, not an item code: scan the code of the returned unit (IC and 16 "
                        "digits, on the receipt or the label)", kind=code.kind.value)


def look_up(ctx: RefundContext, text: str, *, check: bool = True) -> ItemInfo:
    """The purchase behind an item code. Online the platform answers; when it is unreachable,
    this terminal's own records (a unit it sold) stand in. With `check`, a unit that cannot be
    refunded now is refused (already refunded, request open, outside the window, unpaid)."""
    code = item_code_of(text)
    info = None
    if ctx.platform is not None:
        try:
            info = _from_platform(ctx.platform.get_item(code))
        except PlatformRefused as exc:
            if exc.code == "unknown_item":
                raise RefundRefused("unknown_item", f"no item has the code {code}: check the code on the receipt",
                                    item_code=code) from None
            if isinstance(exc, AuthenticationFailed):
                raise RefundRefused("platform_unavailable", exc.message) from None
            raise RefundRefused("refused_by_platform", exc.message, code=exc.code) from None
        except PlatformError as exc:
            log.info("item look-up offline; using this terminal's records", extra={"error": exc.message})
    if info is None:
        info = _from_local(ctx, code)
    elif info.payment_route not in (None, "online"):
        info = _with_local_shares(ctx, info)
    if check:
        if info.online is not None:  # filed on the buyer's phone: taken in by online_returns
            from pos_terminal.services import online_returns

            online_returns.check_online(ctx, info)
        else:
            check_refundable(ctx, info)
    return info


def _from_platform(view: dict) -> ItemInfo:
    from pos_terminal.services.online_returns import online_request_of

    seller, buyer = view.get("seller") or {}, view.get("buyer") or {}
    payment, refund, window = view.get("payment") or {}, view.get("refund") or {}, view.get("return_window") or {}
    return ItemInfo(
        view["item_code"], view["name"], int(view["unit_price_minor"]), view["currency"], view["order_no"],
        seller.get("merchant_id", ""), seller.get("name", ""),
        payment.get("route") if payment.get("status") == "paid" else None, payment.get("paid_at"),
        payment.get("store_id"), payment.get("terminal_id"), buyer.get("name"), buyer.get("reputation"),
        seller.get("refund_threshold"), seller.get("photo_required"), window.get("days"), window.get("ends_at"),
        window.get("inside"), refund.get("state") or "none", refund.get("request_id"), False,
        tuple(TenderShare(t["kind"], int(t["amount_minor"])) for t in payment["tender_amounts"])
        if payment.get("tender_amounts") else None, online_request_of(refund))


def _from_local(ctx: RefundContext, code: str) -> ItemInfo:
    with ctx.uow() as uow:
        found = uow.refunds.local_unit(code)
        if found is None:
            raise RefundRefused("offline_unknown", f"the platform does not answer and this terminal has no record of "
                                f"item {code}; take the return when the platform is back", item_code=code)
        order, line, sale = found
        route = shares = None
        if sale is not None:
            shares = _shares(sale)
            route = shares[0].kind if len(shares) == 1 else "mixed"
        unit = next(u for u in line.units if u.item_code == code)
        return ItemInfo(code, line.name, line.unit_price.minor, order.currency, order.order_no, order.merchant_id,
                        order.merchant_name, route, sale.paid_at.isoformat() if sale and sale.paid_at else None,
                        ctx.store_id if sale else None, sale.terminal_id if sale else None,
                        refund_state="refunded" if unit.refunded else "none", offline=True, tenders=shares)


def _shares(sale) -> tuple[TenderShare, ...]:
    """A sale's tenders summed by kind, with the reference and last four digits of the first."""
    shares: dict[str, TenderShare] = {}
    for t in sale.tenders:
        kind = t.kind.value
        known = shares.get(kind)
        shares[kind] = TenderShare(kind, (known.amount_minor if known else 0) + t.amount.minor,
                                   known.reference if known else t.reference,
                                   known.card_last4 if known else t.card_last4)
    return tuple(shares.values())


def _with_local_shares(ctx: RefundContext, info: ItemInfo) -> ItemInfo:
    """The platform's item view with this terminal's own record of the tenders where it sold the
    unit: the references and card digits only the selling terminal knows."""
    with ctx.uow() as uow:
        found = uow.refunds.local_unit(info.item_code)
        if found is None or found[2] is None:
            return info
        return replace(info, tenders=_shares(found[2]))


def check_refundable(ctx: RefundContext, info: ItemInfo) -> None:
    if info.refund_state == "refunded":
        raise RefundRefused("already_refunded", f"item {info.item_code} is already refunded", item_code=info.item_code)
    if info.refund_state == "open":
        raise RefundRefused("request_open", f"item {info.item_code} has a refund request open "
                            f"({info.request_id}); its status is in the list", item_code=info.item_code,
                            request_id=info.request_id)
    if info.payment_route is None:
        raise RefundRefused("not_paid", f"order {info.order_no} was never paid; there is nothing to refund",
                            order_no=info.order_no)
    if info.inside_window is False:
        raise RefundRefused("outside_window", f"{info.merchant_name} takes returns within {info.window_days} days of "
                            f"payment; this window ended {info.window_ends_at}", days=info.window_days,
                            ends_at=info.window_ends_at)
    with ctx.uow() as uow:
        local = uow.refunds.open_for_items([info.item_code])
    if local:
        raise RefundRefused("request_open", f"item {info.item_code} is already in refund intake {local[0].id} at "
                            "this terminal", item_code=info.item_code, request_id=str(local[0].id))


# ------------------------------------------------------------------------------ intake


def payout_route(info: ItemInfo) -> PayoutRoute:
    if info.payment_route in ("cash", "prepaid_card", "bank_card", "online"):
        return PayoutRoute(info.payment_route)
    return PayoutRoute.SPLIT  # several tenders: each gets its share back (plan_legs)


# A refund of a payment made with several tenders goes back to the cards first and in cash last:
# cash handed out for a card payment is how a stolen card becomes cash.
LEG_ORDER = ("bank_card", "prepaid_card", "online", "cash")


def plan_legs(route: PayoutRoute, amount_minor: int, shares: tuple[TenderShare, ...] | None,
              used: dict[str, int]) -> list[dict] | None:
    """The payout as legs, each {route, amount_minor, done, original_reference, expect_last4}.
    One route: one leg. SPLIT: each tender's share, less what earlier refunds of the order sent
    back to it (`used`), cards first, cash last; None when the shares are not known."""
    by_kind = {s.kind: s for s in shares or ()}

    def leg(kind: str, minor: int) -> dict:
        share = by_kind.get(kind)
        return {"route": kind, "amount_minor": minor, "done": False,
                "original_reference": share.reference if share else None,
                "expect_last4": share.card_last4 if share else None}

    if route is not PayoutRoute.SPLIT:
        return [leg(route.value, amount_minor)]
    if not shares:
        return None
    legs, left = [], amount_minor
    for kind in LEG_ORDER:
        share = by_kind.get(kind)
        room = share.amount_minor - used.get(kind, 0) if share else 0
        if left and room > 0:
            legs.append(leg(kind, min(room, left)))
            left -= legs[-1]["amount_minor"]
    if left:
        raise RefundRefused("split_exceeds_payment", f"the refund is {left} minor units more than the tenders paid "
                            "less earlier refunds of this order; check the order's refunds with the platform")
    return legs


def take_in(ctx: RefundContext, items: list[ItemInfo], reason: str, photos: list[PhotoData], *,
            cashier_id: uuid.UUID) -> CaseView:
    """Stores the intake whole (units, reason, photo files with checksums) as a DRAFT case, before
    anything is sent. Refuses what the platform would refuse anyway (mixed orders, a missing photo
    where the merchant requires one, an unknown reason)."""
    if not items:
        raise RefundRefused("no_items", "scan the item code of at least one returned unit")
    codes = list(dict.fromkeys(i.item_code for i in items))
    items = [next(i for i in items if i.item_code == c) for c in codes]
    if len({i.order_no for i in items}) != 1:
        raise RefundRefused("several_orders", "one refund covers units of one order; take the others in separately")
    reason = mask_card_numbers(reason or "")  # a card number typed in "other: ..." is never stored or sent
    base = reason.split(":", 1)[0].strip()
    if base not in REASONS or (base == "other" and not reason.split(":", 1)[-1].strip()):
        raise RefundRefused("bad_reason", f"choose a reason from the list ({', '.join(REASONS)}); "
                            "'other' needs a few words")
    if len(photos) > MAX_PHOTOS:
        raise RefundRefused("too_many_photos", f"at most {MAX_PHOTOS} photos per refund")
    first = items[0]
    if any(i.photo_required for i in items) and not photos:
        raise RefundRefused("photo_required", f"{first.merchant_name} needs at least one photo of the defect")
    for photo in photos:
        if not photo.data or len(photo.data) > MAX_PHOTO_BYTES:
            raise RefundRefused("bad_photo", f"a photo must hold 1 byte to {MAX_PHOTO_BYTES} bytes")
        if hashlib.sha256(photo.data).hexdigest() != photo.sha256:
            raise RefundRefused("bad_photo", "a photo's checksum does not match its bytes; take it again")
    for info in items:
        check_refundable(ctx, info)
    now = ctx.clock.now()
    ctx.photo_dir.mkdir(parents=True, exist_ok=True)
    stored = []
    for photo in photos:
        name = f"{photo.sha256}.jpg" if photo.content_type == "image/jpeg" else f"{photo.sha256}.img"
        _write_file(ctx.photo_dir / name, photo.data)
        stored.append({"sha256": photo.sha256, "size": len(photo.data), "content_type": photo.content_type,
                       "file": name, "platform_id": None})
    amount = Money(sum(i.unit_price_minor for i in items), first.currency)
    route = payout_route(first)
    with ctx.uow() as uow:
        legs = plan_legs(route, amount.minor, first.tenders, uow.refunds.legs_used(first.order_no))
        case = RefundCase(first.order_no, codes, reason.strip(), amount, requested_by=cashier_id,
                          terminal_id=ctx.terminal_id, created_at=now, merchant_name=first.merchant_name,
                          payout_route=route, item_names=[i.name for i in items], photos=stored,
                          offline=any(i.offline for i in items), payout_legs=legs)
        uow.refunds.add(case)
        uow.commit()
        view = _view(case)
    log.info("refund intake stored", extra={"case_id": str(case.id), "order_no": case.order_no, "units": len(codes),
                                            "photos": len(stored), "amount_minor": amount.minor})
    _changed(ctx, case.id)
    return view


def _write_file(path: Path, data: bytes) -> None:
    if path.exists() and path.stat().st_size == len(data):
        return
    tmp = path.with_suffix(path.suffix + ".part")
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


def photo_key(case_id: uuid.UUID, sha256: str) -> str:
    return f"refund-photo-{case_id.hex}-{sha256}"


# ------------------------------------------------------------------------------ submit


def submit(ctx: RefundContext, case_id: uuid.UUID) -> CaseView:
    """Sends a DRAFT case: its photos not uploaded yet, then the request. The platform
    unreachable: the case stays a DRAFT with its error and next attempt (the worker retries);
    refused for good: REFUSED. A case past DRAFT is returned as it is."""
    if ctx.platform is None:
        raise RefundRefused("platform_unavailable", "this terminal has no platform connection")
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        if case.status is not RefundStatus.DRAFT:
            return _view(case)
        photos, codes, reason, key = case.photo_list(), list(case.item_codes), case.reason, case.idempotency_key
        filed_online = case.platform_case_id is not None  # a DRAFT naming its request: a hand-in to send
    if filed_online:
        from pos_terminal.services import online_returns

        return online_returns.send_hand_in(ctx, case_id)
    try:
        for photo in photos:
            if photo.platform_id:
                continue
            data = (ctx.photo_dir / photo.file).read_bytes()
            if hashlib.sha256(data).hexdigest() != photo.sha256:
                raise RefundRefused("bad_photo", f"photo file {photo.file} no longer matches its checksum")
            answer = ctx.platform.upload_refund_photo(data, photo.content_type, photo_key(case_id, photo.sha256),
                                                      filename=photo.file)
            with ctx.uow() as uow:
                case = uow.refunds.get(case_id)
                case.photo_uploaded(photo.sha256, str(answer["photo_id"]))
                uow.commit()
        with ctx.uow() as uow:
            photo_ids = [p.platform_id for p in uow.refunds.get(case_id).photo_list()]
        answer = ctx.platform.request_refund(codes, reason, key, photo_ids=photo_ids)
    except (PlatformUnavailable, AuthenticationFailed) as exc:
        return _failed(ctx, case_id, exc.message)
    except PlatformRefused as exc:
        if exc.code in _FINAL_REFUSALS or (400 <= (exc.status or 0) < 500 and exc.code != "conflict"):
            return _refused(ctx, case_id, exc)
        return _failed(ctx, case_id, exc.message)
    except PlatformError as exc:
        return _failed(ctx, case_id, exc.message)
    except OSError as exc:
        return _failed(ctx, case_id, f"photo file unreadable: {exc}")
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case.status is RefundStatus.DRAFT:
            case.submit(str(answer["request_id"]), ctx.clock.now())
            _apply_decision(case, answer, ctx.clock.now())
            if answer.get("payout", {}).get("route") in ("cash", "prepaid_card", "bank_card", "online"):
                case.payout_route = PayoutRoute(answer["payout"]["route"])
        uow.commit()
        view = _view(case)
    _forget_photo_files(ctx, photos)
    log.info("refund requested", extra={"case_id": str(case_id), "request_id": view.platform_id,
                                        "status": view.status.value})
    _changed(ctx, case_id)
    return view


def _apply_decision(case: RefundCase, answer: dict, now: datetime) -> bool:
    status = answer.get("status")
    if case.status is RefundStatus.REQUESTED and status in ("approved", "rejected"):
        case.decide(status == "approved", now, answer.get("decided_by"), answer.get("note"))
        if case.paid_out_at is not None:  # a manager paid it before the decision
            if case.status is RefundStatus.APPROVED:
                case.status = RefundStatus.PAID_OUT
            else:
                log.error("refund paid by manager override was rejected by the platform: settle it with the "
                          "seller", extra={"case_id": str(case.id), "order_no": case.order_no,
                                           "amount_minor": case.amount.minor, "override_by": str(case.override_by)})
        return True
    return False


def _forget_photo_files(ctx: RefundContext, photos) -> None:
    """The platform has the photos: the local files go (their checksums stay on the case)."""
    for photo in photos:
        try:
            (ctx.photo_dir / photo.file).unlink(missing_ok=True)
        except OSError:
            log.warning("photo file not removed", extra={"file": photo.file})


def _failed(ctx: RefundContext, case_id: uuid.UUID, error: str) -> CaseView:
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        attempts = (case.attempts or 0) + 1
        backoff = min(BACKOFF_MAX, BACKOFF_BASE * 2 ** (attempts - 1))
        case.attempts = attempts - 1
        case.record_failure(ctx.clock.now(), error, backoff)
        uow.commit()
        view = _view(case)
    log.warning("refund not sent; kept for a retry", extra={"case_id": str(case_id), "attempts": attempts,
                                                             "error": error})
    _changed(ctx, case_id)
    return view


def _refused(ctx: RefundContext, case_id: uuid.UUID, exc: PlatformRefused) -> CaseView:
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        case.refuse(f"{exc.code}: {exc.message}", ctx.clock.now())
        uow.commit()
        view = _view(case)
    log.warning("refund refused by the platform", extra={"case_id": str(case_id), "code": exc.code})
    _changed(ctx, case_id)
    return view


def submit_due(ctx: RefundContext, *, force: bool = False) -> int:
    """Sends the drafts whose next attempt is due (all with `force`), oldest first; stops at the
    first one the platform could not take. Returns how many were accepted."""
    if ctx.platform is None:
        return 0
    now = ctx.clock.now()
    with ctx.uow() as uow:
        due = [(c.id, c.next_attempt_at) for c in uow.refunds.drafts(ctx.terminal_id)]
    sent = 0
    for case_id, at in due:
        if not force and at is not None and at > now:
            continue
        view = submit(ctx, case_id)
        if view.status is RefundStatus.DRAFT:
            break
        sent += view.status is not RefundStatus.REFUSED
    return sent


# ------------------------------------------------------------------------------ status


def poll_decisions(ctx: RefundContext) -> list[CaseView]:
    """Asks the platform about this terminal's requested cases (one list call) and records the
    decisions that arrived. Returns the cases that changed."""
    if ctx.platform is None:
        return []
    with ctx.uow() as uow:
        waiting = {c.platform_case_id: c.id for c in uow.refunds.open_cases(ctx.terminal_id)
                   if c.status is RefundStatus.REQUESTED and c.platform_case_id}
    if not waiting:
        return []
    try:
        answers = ctx.platform.list_refunds()
    except PlatformError as exc:
        log.info("refund status not polled", extra={"error": exc.message})
        return []
    changed = []
    for answer in answers:
        case_id = waiting.get(answer.get("request_id"))
        if case_id is None or answer.get("status") == "pending_seller":
            continue
        with ctx.uow() as uow:
            case = uow.refunds.get(case_id)
            if _apply_decision(case, answer, ctx.clock.now()):
                uow.commit()
                changed.append(_view(case))
                log.info("refund decided", extra={"case_id": str(case_id), "status": case.status.value,
                                                  "decided_by": case.decided_by})
    for view in changed:
        _changed(ctx, view.case_id)
    return changed


def refresh(ctx: RefundContext, case_id: uuid.UUID) -> CaseView:
    """One case's status from the platform (a DRAFT is sent first)."""
    view = case_view(ctx, case_id)
    if view.status is RefundStatus.DRAFT:
        return submit(ctx, case_id)
    if view.status is RefundStatus.REQUESTED and view.platform_id and ctx.platform is not None:
        try:
            answer = ctx.platform.get_refund(view.platform_id)
        except PlatformError:
            return view
        with ctx.uow() as uow:
            case = uow.refunds.get(case_id)
            if _apply_decision(case, answer, ctx.clock.now()):
                uow.commit()
                _changed(ctx, case_id)
            return _view(case)
    return view


def case_view(ctx: RefundContext, case_id: uuid.UUID) -> CaseView:
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        return _view(case)


def open_cases(ctx: RefundContext) -> list[CaseView]:
    """This terminal's cases still needing something (waiting to send, waiting for the seller,
    approved and not paid out), newest first."""
    with ctx.uow() as uow:
        return [_view(c) for c in uow.refunds.open_cases(ctx.terminal_id)]


def recent_cases(ctx: RefundContext, limit: int = 50) -> list[CaseView]:
    with ctx.uow() as uow:
        return [_view(c) for c in uow.refunds.recent(ctx.terminal_id, limit)]


def store_pending(ctx: RefundContext) -> list[dict]:
    """The store's requests waiting for a seller, as the platform lists them (all terminals)."""
    if ctx.platform is None:
        return []
    return ctx.platform.list_refunds("pending_seller")


# ------------------------------------------------------------------------------ payout


def prepaid_card_number(text: str) -> str:
    code = classify(text or "")
    if code.kind is not ScanKind.PREPAID_CARD:
        raise RefundRefused("prepaid_card_needed", "swipe or scan the buyer's prepaid card (16 digits starting 88)")
    return code.value


def pay_out(ctx: RefundContext, case_id: uuid.UUID, *, cashier_id: uuid.UUID, cashier_name: str = "",
            card_text: str | None = None, manager=None) -> PayoutDone:
    """Gives the money back where it came from, once the platform approved, leg by leg (one leg
    per tender, cards first, cash last; see plan_legs): cash out of this drawer (recorded in the
    open shift), a credit to the prepaid card that paid (`card_text`: the card swiped or scanned
    now; its last four digits must match the card that paid, where this terminal knows them), a
    refund through the card terminal, or, for an online payment, nothing at the counter (the
    platform refunds the buyer's account). Each card leg is recorded as soon as it is done, so a
    repeat after a failed later leg pays only what is left. A manager (`manager`: a signed-in
    user with the approve permission) may pay an all-cash refund before the approval, up to
    `override_limit_minor`; that is audited. Prints a refund receipt; opens the drawer for cash."""
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        if case.paid_out_at is not None:
            raise RefundRefused("paid_out_already", f"refund for order {case.order_no} is paid out already "
                                f"(receipt {case.receipt_no})")
        route = case.payout_route or PayoutRoute.CASH
        amount, currency, status = case.amount.minor, case.amount.currency, case.status
        order_no, item_codes = case.order_no, list(case.item_codes)
        legs = case.payout_legs
        if legs is None:  # a case taken in before payouts had legs: plan it now from this terminal's sale
            local = uow.refunds.local_unit(item_codes[0])
            legs = plan_legs(route, amount, _shares(local[2]) if local and local[2] is not None else None,
                             uow.refunds.legs_used(order_no))
            if legs is None:
                raise RefundRefused("split_unknown", f"order {order_no} was paid with several tenders and neither "
                                    "the platform nor this terminal knows each one's share: refund it at the "
                                    "store that took the payment, or ask the platform")
            case.payout_legs = legs
            uow.commit()
        all_cash = all(leg["route"] == "cash" for leg in legs)
        override = None
        if status is RefundStatus.DRAFT and case.platform_case_id:  # online_returns: another store may take it
            raise RefundRefused("not_handed_in", "the platform has not acknowledged that this store took the unit "
                                "in; nothing is paid before it (it is sent again when the platform answers)")
        if status is not RefundStatus.APPROVED:
            if status in (RefundStatus.REJECTED, RefundStatus.REFUSED):
                raise RefundRefused("not_approved", f"this refund was {status.value}; nothing is paid out")
            if manager is None:
                raise RefundRefused("needs_manager", "the platform has not approved this refund yet; only a manager "
                                    f"may pay up to {_money(ctx.override_limit_minor, currency)} in cash before it",
                                    limit_minor=ctx.override_limit_minor)
            if not manager.can(Permission.APPROVE):
                raise RefundRefused("needs_manager", f"{getattr(manager, 'username', '?')} may not override")
            if not all_cash:
                raise RefundRefused("not_approved", "only a cash refund may be paid before the platform approves")
            if amount > ctx.override_limit_minor:
                raise RefundRefused("over_limit", f"{_money(amount, currency)} is more than the "
                                    f"{_money(ctx.override_limit_minor, currency)} a manager may pay before the "
                                    "platform approves", limit_minor=ctx.override_limit_minor)
            override = manager
        cash_minor = sum(leg["amount_minor"] for leg in legs if leg["route"] == "cash")
        shift = uow.shifts.open_for_terminal(ctx.terminal_id) if cash_minor else None
        if cash_minor and shift is None:
            raise RefundRefused("no_shift", "open a shift first: cash refunds are counted in the shift")
        shift_id = shift.id if shift is not None else None
    for index, leg in enumerate(legs):
        if leg.get("done") or leg["route"] in ("cash", "online"):
            continue
        done = _pay_leg(ctx, case_id, index, leg, single=len(legs) == 1, order_no=order_no, currency=currency,
                        card_text=card_text)
        journal_key = done.pop("journal_key", None)
        with ctx.uow() as uow:  # the leg and its journalled credit: durable together
            uow.refunds.get(case_id).leg_done(index, **done)
            if journal_key is not None:
                card_journal.credited(_journal(ctx), journal_key, done["reference"], done["card_last4"], uow=uow)
            uow.commit()
        legs[index] = leg | done | {"done": True}
    now = ctx.clock.now()
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case.paid_out_at is None:
            counter = uow.receipts.counter_for(ctx.terminal_id)
            receipt_no = counter.next()
            uow.receipts.add(Receipt(ctx.terminal_id, receipt_no, ReceiptKind.REFUND, sale_id=None, created_at=now))
            case.paid_out(route, cashier_id, now, reference=next((leg["reference"] for leg in legs if leg.get(
                "reference")), None), override_by=getattr(override, "user_id", None) if override else None,
                shift_id=shift_id, receipt_no=receipt_no, cash_out_minor=cash_minor)
            details = {"order_no": order_no, "amount_minor": amount, "currency": currency, "route": route.value,
                       "legs": [{"route": leg["route"], "amount_minor": leg["amount_minor"]} for leg in legs],
                       "receipt_no": receipt_no, "platform_id": case.platform_case_id}
            if override is not None:
                audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=audit.OVERRIDE, user=override,
                             subject=f"refund {order_no}", details=details | {
                                 "what": "cash refund before the platform's approval",
                                 "limit_minor": ctx.override_limit_minor, "cashier_id": str(cashier_id)})
            audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=audit.REFUND,
                         user=_Who(cashier_id, cashier_name), subject=f"refund {order_no}", details=details)
        uow.commit()
        view = _view(case)
        receipt_no = case.receipt_no
    if override is not None:
        log.warning("refund paid before the platform's approval: manager override",
                    extra={"case_id": str(case_id), "order_no": order_no, "amount_minor": amount,
                           "manager": getattr(override, "username", None),
                           "manager_id": str(getattr(override, "user_id", "")), "cashier_id": str(cashier_id),
                           "at": now.isoformat(), "limit_minor": ctx.override_limit_minor})
    log.info("refund paid out", extra={"case_id": str(case_id), "route": route.value, "amount_minor": amount,
                                       "receipt_no": receipt_no, "legs": len(legs)})
    info = _receipt_info(ctx, view, cashier_name, now, legs, getattr(override, "username", None) if override else None)
    document, printed, print_error = _print(ctx, info, receipt_no)
    kicked, drawer_error = False, None
    if cash_minor and ctx.drawer is not None:
        try:
            ctx.drawer.kick()
            kicked = True
        except Exception as exc:
            drawer_error = str(exc) or exc.__class__.__name__
            log.warning("drawer kick failed after refund", extra={"case_id": str(case_id), "error": drawer_error})
    _changed(ctx, case_id)
    return PayoutDone(view, route, amount, info, printed, print_error, kicked, drawer_error, document)


@dataclass(frozen=True)
class _Who:
    user_id: uuid.UUID
    username: str


def _journal(ctx: RefundContext) -> card_journal.Journal:
    return card_journal.Journal(ctx.uow, ctx.clock, ctx.terminal_id)


def _pay_leg(ctx: RefundContext, case_id: uuid.UUID, index: int, leg: dict, *, single: bool, order_no: str,
             currency: str, card_text: str | None) -> dict:
    """One card leg: a prepaid credit or a bank-card refund, idempotent per case and leg."""
    amount = leg["amount_minor"]
    if leg["route"] == "prepaid_card":
        card_no = prepaid_card_number(card_text or "")
        if leg.get("expect_last4") and card_no[-4:] != leg["expect_last4"]:
            raise RefundRefused("wrong_card", f"the order was paid with prepaid card ****{leg['expect_last4']}; "
                                f"the money goes back to that card, not ****{card_no[-4:]}",
                                expect_last4=leg["expect_last4"])
        if ctx.platform is None:
            raise RefundRefused("platform_unavailable", "prepaid cards need the platform")
        key = f"refund-{case_id}-credit" if single else f"refund-{case_id}-credit-{index}"
        reference = f"refund {order_no}"[:64]
        # journalled before it is sent (no card number kept): a credit made just before a crash is
        # found by its key after the restart and its leg marked done (card_journal.recover_prepaid)
        card_journal.before_send(_journal(ctx), key, CardRequestKind.PREPAID_CREDIT, order_no, amount, currency,
                                 reference, parent_id=f"{case_id}/{index}")
        try:
            answer = ctx.platform.credit_card(card_no, amount, currency, reference, key)
        except PlatformUnavailable as exc:
            raise RefundRefused("platform_unavailable", f"the platform is unreachable ({exc.message}); try again: "
                                "the credit is never made twice") from None
        except PlatformRefused as exc:
            card_journal.not_moved(_journal(ctx), key)
            raise RefundRefused("prepaid_refused", exc.message, code=exc.code) from None
        return {"reference": str(answer.get("transaction_id") or "")[:64] or None, "card_last4": card_no[-4:],
                "approval_code": None, "journal_key": key}
    if ctx.card_terminal is None:
        raise RefundRefused("no_card_terminal", "no card terminal: refund on the card terminal itself")
    request_id = f"refund-{case_id.hex}" if single else f"refund-{case_id.hex}-{index}"
    result = ctx.card_terminal.refund(amount, currency, leg.get("original_reference") or order_no,
                                      request_id=request_id[:64])
    if not result.approved:
        raise RefundRefused("card_declined", result.message or "the card terminal did not refund")
    return {"reference": result.reference, "card_last4": result.card_last4, "approval_code": result.approval_code}


def _receipt_info(ctx: RefundContext, view: CaseView, cashier_name: str, when: datetime, legs: list[dict],
                  override_by: str | None, copy: bool = False) -> RefundReceiptInfo:
    items = tuple((view.item_names[i] if i < len(view.item_names) else "", code, 0)
                  for i, code in enumerate(view.item_codes))
    card_leg = next((leg for leg in legs if leg["route"] in ("bank_card", "prepaid_card")), None)
    return RefundReceiptInfo(
        ctx.store_name, ctx.terminal_id, cashier_name, view.receipt_no, when.astimezone(ZoneInfo(ctx.timezone)),
        view.merchant_name, view.order_no, view.currency, items, view.amount_minor, view.paid_out_route
        or view.payout_route or PayoutRoute.CASH, view.reason, view.platform_id,
        card_leg.get("card_last4") if card_leg else None, card_leg.get("approval_code") if card_leg else None,
        override_by, legs=tuple(PayoutLeg.of(leg) for leg in legs), copy=copy)


def reprint_receipt(ctx: RefundContext, case_id: uuid.UUID, *, user, reason: str = "") -> PayoutDone:
    """Prints a paid-out refund's receipt again: the original while it never printed (a printer
    fault), a copy marked as one after that, audited as a reprint with `reason`."""
    reason = mask_card_numbers(reason or "")
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        if case.paid_out_at is None or case.receipt_no is None:
            raise RefundRefused("not_paid_out", f"the refund for order {case.order_no} has no receipt yet: it is "
                                "not paid out")
        view = _view(case)
        cashier = uow.users.get(case.paid_out_by) if case.paid_out_by else None
        manager = uow.users.get(case.override_by) if case.override_by else None
        receipt = uow.receipts.by_number(ctx.terminal_id, case.receipt_no)
        copy = receipt is None or receipt.print_state is PrintState.PRINTED
        legs = [dict(leg) for leg in case.payout_legs or [
            {"route": (case.paid_out_route or PayoutRoute.CASH).value, "amount_minor": case.amount.minor,
             "reference": case.payout_reference}]]
        paid_at = case.paid_out_at
        cashier_name = cashier.display_name if cashier else ""
        manager_name = manager.username if manager else None
    info = _receipt_info(ctx, view, cashier_name, paid_at, legs, manager_name, copy=copy)
    # a copy is audited as a reprint (who, why) where it is marked printed
    document, printed, error = print_committed(ctx.render_receipt, ctx.printer, info, uow_factory=ctx.uow,
                                               terminal_id=ctx.terminal_id, kind=ReceiptKind.REFUND,
                                               receipt_no=view.receipt_no, user=user, reason=reason,
                                               clock=ctx.clock)
    log.info("refund receipt reprinted", extra={"case_id": str(case_id), "receipt_no": view.receipt_no,
                                                "copy": copy, "reason": reason, "printed": printed})
    return PayoutDone(view, info.route, view.amount_minor, info, printed, error, False, None, document)


def _print(ctx: RefundContext, info: RefundReceiptInfo, receipt_no: int | None) -> tuple[object, bool, str | None]:
    return print_committed(ctx.render_receipt, ctx.printer, info, uow_factory=ctx.uow, terminal_id=ctx.terminal_id,
                           kind=ReceiptKind.REFUND, receipt_no=receipt_no)
