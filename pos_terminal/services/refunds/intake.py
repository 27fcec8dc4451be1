"""Refund intake: the units of one order, a reason and photos stored whole as a DRAFT case before
anything is sent; submitted to the platform (photos first, then the request) and the platform's
decision followed.

Rules kept here:
- an intake is committed with its photos' checksums (the photo files sit in the data folder)
  before any platform call: a platform that is down, or a restart, loses nothing. `submit_due()`
  (refund housekeeping) sends drafts when the platform answers again;
- every photo upload carries an Idempotency-Key derived from the case and the photo's sha256, the
  request one derived from the case id, so a repeat after a lost answer never makes a second photo
  or request; a photo's platform id is committed as soon as it is known;
- a refusal by the platform (already refunded, outside the window, ...) ends the case as REFUSED;
  no money moves for it.

Threading rule: every function here blocks (database, platform, files): call it on a worker."""

from __future__ import annotations

import hashlib
import logging
import uuid
from datetime import datetime

from pos_terminal.backoff import backoff
from pos_terminal.domain.model import PayoutRoute, RefundCase, RefundPhoto, RefundStatus
from pos_terminal.money import Money
from pos_terminal.ports import AuthenticationFailed, JsonObject, PlatformError, PlatformRefused, PlatformUnavailable
from pos_terminal.security import mask_card_numbers
from pos_terminal.services.refunds.common import (
    MAX_PHOTO_BYTES,
    MAX_PHOTOS,
    REASONS,
    CaseView,
    ItemInfo,
    PayoutLeg,
    PhotoData,
    RefundContext,
    RefundRefused,
    TenderShare,
    case_platform_id,
    client_of,
    remember_platform,
    resolve_case_platform,
    stored_case,
    stored_legs,
    view_of,
)
from pos_terminal.services.refunds.lookup import case_view, check_refundable

log = logging.getLogger("pos_terminal.services.refunds")

# Platform refusals of a request that no retry changes: the case ends as REFUSED.
_FINAL_REFUSALS = {"already_refunded", "request_open", "outside_return_window", "photo_required", "unknown_item",
                   "order_not_paid", "items_from_several_orders", "unknown_photo", "idempotency_key_reused"}


def payout_route(info: ItemInfo) -> PayoutRoute:
    if info.payment_route in ("cash", "prepaid_card", "bank_card", "online"):
        return PayoutRoute(info.payment_route)
    return PayoutRoute.SPLIT  # several tenders: each gets its share back (plan_legs)


# A refund of a payment made with several tenders goes back to the cards first and in cash last:
# cash handed out for a card payment is how a stolen card becomes cash.
LEG_ORDER = ("bank_card", "prepaid_card", "online", "cash")


def plan_legs(route: PayoutRoute, amount_minor: int, shares: tuple[TenderShare, ...] | None,
              used: dict[str, int]) -> list[PayoutLeg] | None:
    """The payout as legs, each naming the charge or card it goes back to where known.
    One route: one leg. SPLIT: each tender's share, less what earlier refunds of the order sent
    back to it (`used`), cards first, cash last; None when the shares are not known."""
    by_kind = {s.kind: s for s in shares or ()}

    def leg(kind: str, minor: int) -> PayoutLeg:
        share = by_kind.get(kind)
        return PayoutLeg(kind, minor, original_reference=share.reference if share else None,
                         expect_last4=share.card_last4 if share else None)

    if route is not PayoutRoute.SPLIT:
        return [leg(route.value, amount_minor)]
    if not shares:
        return None
    legs: list[PayoutLeg] = []
    left = amount_minor
    for kind in LEG_ORDER:
        share = by_kind.get(kind)
        room = share.amount_minor - used.get(kind, 0) if share else 0
        if left and room > 0:
            legs.append(leg(kind, min(room, left)))
            left -= legs[-1].amount_minor
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
    reason = mask_card_numbers(reason or "") or ""  # a card number typed in "other: ..." is never stored or sent
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
    stored: list[dict[str, object]] = []
    for photo in photos:
        name = ctx.photos.write(photo.sha256, photo.content_type, photo.data)  # atomic, before the case commits
        stored.append({"sha256": photo.sha256, "size": len(photo.data), "content_type": photo.content_type,
                       "file": name, "platform_id": None})
    amount = Money(sum(i.unit_price_minor for i in items), first.currency)
    route = payout_route(first)
    with ctx.uow() as uow:
        legs = plan_legs(route, amount.minor, first.tenders, uow.refunds.legs_used(first.order_no))
        case = RefundCase(first.order_no, codes, reason.strip(), amount, requested_by=cashier_id,
                          terminal_id=ctx.terminal_id, created_at=now, merchant_name=first.merchant_name,
                          payout_route=route, item_names=[i.name for i in items], photos=stored,
                          offline=any(i.offline for i in items), payout_legs=stored_legs(legs),
                          platform_id=first.platform_id)
        uow.refunds.add(case)
        uow.commit()
        view = view_of(case)
    remember_platform(ctx, case.id, first.platform_id)  # the platform that sold the unit hears of the case
    log.info("refund intake stored", extra={"case_id": str(case.id), "order_no": case.order_no, "units": len(codes),
                                            "photos": len(stored), "amount_minor": amount.minor})
    return view


def photo_key(case_id: uuid.UUID, sha256: str) -> str:
    return f"refund-photo-{case_id.hex}-{sha256}"


def submit(ctx: RefundContext, case_id: uuid.UUID) -> CaseView:
    """Sends a DRAFT case: its photos not uploaded yet, then the request. The platform
    unreachable: the case stays a DRAFT with its error and next attempt (the worker retries);
    refused for good: REFUSED. A case past DRAFT is returned as it is. The case goes to the
    platform of its order (common.resolve_case_platform)."""
    if ctx.platform is None and not ctx.other_platforms:
        raise RefundRefused("platform_unavailable", "this terminal has no platform connection")
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        if case.status is not RefundStatus.DRAFT:
            return view_of(case)
        photos, codes, reason, key = case.photo_list(), list(case.item_codes), case.reason, case.idempotency_key
        filed_online = case.platform_case_id is not None  # a DRAFT naming its request: a hand-in to send
    if filed_online:
        from pos_terminal.services import online_returns

        return online_returns.send_hand_in(ctx, case_id)
    try:
        platform_id, platform = resolve_case_platform(ctx, case_id)
        if platform is None:
            return failed(ctx, case_id, f"platform {platform_id} is not one this counter knows (an [[issuers]] entry)")
        for photo in photos:
            if photo.platform_id:
                continue
            data = ctx.photos.read(photo.file)
            if hashlib.sha256(data).hexdigest() != photo.sha256:
                raise RefundRefused("bad_photo", f"photo file {photo.file} no longer matches its checksum")
            answer = platform.upload_refund_photo(data, photo.content_type, photo_key(case_id, photo.sha256),
                                                      filename=photo.file)
            with ctx.uow() as uow:
                stored_case(uow, case_id).photo_uploaded(photo.sha256, str(answer["photo_id"]))
                uow.commit()
        with ctx.uow() as uow:  # each photo has its platform id now: uploaded above, or before
            photo_ids = [p.platform_id for p in stored_case(uow, case_id).photo_list() if p.platform_id is not None]
        answer = platform.request_refund(codes, reason, key, photo_ids=photo_ids)
    except (PlatformUnavailable, AuthenticationFailed) as exc:
        return failed(ctx, case_id, exc.message)
    except PlatformRefused as exc:
        if exc.code in _FINAL_REFUSALS or (400 <= (exc.status or 0) < 500 and exc.code != "conflict"):
            return refused(ctx, case_id, exc)
        return failed(ctx, case_id, exc.message)
    except PlatformError as exc:
        return failed(ctx, case_id, exc.message)
    except OSError as exc:
        return failed(ctx, case_id, f"photo file unreadable: {exc}")
    with ctx.uow() as uow:
        case = stored_case(uow, case_id)
        if case.status is RefundStatus.DRAFT:
            case.submit(str(answer["request_id"]), ctx.clock.now())
            apply_decision(case, answer, ctx.clock.now())
            if answer.get("payout", {}).get("route") in ("cash", "prepaid_card", "bank_card", "online"):
                case.payout_route = PayoutRoute(answer["payout"]["route"])
        uow.commit()
        view = view_of(case)
    _forget_photo_files(ctx, photos)
    log.info("refund requested", extra={"case_id": str(case_id), "request_id": view.platform_id,
                                        "status": view.status.value, "platform_id": platform_id})
    return view


def apply_decision(case: RefundCase, answer: JsonObject, now: datetime) -> bool:
    status = answer.get("status")
    if case.status is RefundStatus.REQUESTED and status in ("approved", "rejected"):
        approved = status == "approved"
        case.decide(approved, now, answer.get("decided_by"), answer.get("note"))  # APPROVED or REJECTED
        if case.paid_out_at is not None:  # a manager paid it before the decision
            if approved:
                case.status = RefundStatus.PAID_OUT
            else:
                log.error("refund paid by manager override was rejected by the platform: settle it with the "
                          "seller", extra={"case_id": str(case.id), "order_no": case.order_no,
                                           "amount_minor": case.amount.minor, "override_by": str(case.override_by)})
        return True
    return False


def _forget_photo_files(ctx: RefundContext, photos: list[RefundPhoto]) -> None:
    """The platform has the photos: the local files go (their checksums stay on the case)."""
    for photo in photos:
        try:
            ctx.photos.delete(photo.file)
        except OSError:
            log.warning("photo file not removed", extra={"file": photo.file})


def failed(ctx: RefundContext, case_id: uuid.UUID, error: str) -> CaseView:
    with ctx.uow() as uow:
        case = stored_case(uow, case_id)
        attempts = (case.attempts or 0) + 1
        case.attempts = attempts - 1
        case.record_failure(ctx.clock.now(), error, backoff(attempts))
        uow.commit()
        view = view_of(case)
    log.warning("refund not sent; kept for a retry", extra={"case_id": str(case_id), "attempts": attempts,
                                                             "error": error})
    return view


def refused(ctx: RefundContext, case_id: uuid.UUID, exc: PlatformRefused) -> CaseView:
    with ctx.uow() as uow:
        case = stored_case(uow, case_id)
        case.refuse(f"{exc.code}: {exc.message}", ctx.clock.now())
        uow.commit()
        view = view_of(case)
    log.warning("refund refused by the platform", extra={"case_id": str(case_id), "code": exc.code})
    return view


def submit_due(ctx: RefundContext, *, force: bool = False) -> int:
    """Sends the drafts whose next attempt is due (all with `force`), oldest first; stops at the
    first one the platform could not take (with several platforms: the later drafts of that
    platform; the others' go on). Returns how many were accepted."""
    if ctx.platform is None and not ctx.other_platforms:
        return 0
    now = ctx.clock.now()
    with ctx.uow() as uow:
        due = [(c.id, c.next_attempt_at, case_platform_id(ctx, uow, c)) for c in uow.refunds.drafts(ctx.terminal_id)]
    sent, held = 0, set()
    for case_id, at, platform_id in due:
        if platform_id in held or (not force and at is not None and at > now):
            continue
        view = submit(ctx, case_id)
        if view.status is RefundStatus.DRAFT:
            if not ctx.other_platforms:
                break
            held.add(platform_id)
            continue
        sent += view.status is not RefundStatus.REFUSED
    return sent


# ------------------------------------------------------------------------------ status


def poll_decisions(ctx: RefundContext) -> list[CaseView]:
    """Asks each platform that has requested cases of this terminal about them (one list call per
    platform) and records the decisions that arrived. Returns the cases that changed."""
    if ctx.platform is None and not ctx.other_platforms:
        return []
    by_platform: dict[str | None, dict[str, uuid.UUID]] = {}
    with ctx.uow() as uow:
        for c in uow.refunds.open_cases(ctx.terminal_id):
            if c.status is RefundStatus.REQUESTED and c.platform_case_id:
                by_platform.setdefault(case_platform_id(ctx, uow, c), {})[c.platform_case_id] = c.id
    changed: list[CaseView] = []
    for platform_id, waiting in by_platform.items():
        changed += _poll_platform(ctx, platform_id, waiting)
    return changed


def _poll_platform(ctx: RefundContext, platform_id: str | None, waiting: dict[str, uuid.UUID]) -> list[CaseView]:
    """The decisions of one platform's requests (`waiting`: request id -> case id)."""
    platform = client_of(ctx, platform_id)
    if platform is None:
        log.info("refund status not polled: unknown platform", extra={"platform_id": platform_id})
        return []
    try:
        answers = platform.list_refunds()
    except PlatformError as exc:
        log.info("refund status not polled", extra={"error": exc.message, "platform_id": platform_id})
        return []
    changed: list[CaseView] = []
    for answer in answers:
        request_id = answer.get("request_id")
        case_id = waiting.get(request_id) if isinstance(request_id, str) else None
        if case_id is None or answer.get("status") == "pending_seller":
            continue
        with ctx.uow() as uow:
            case = stored_case(uow, case_id)
            if apply_decision(case, answer, ctx.clock.now()):
                uow.commit()
                changed.append(view_of(case))
                log.info("refund decided", extra={"case_id": str(case_id), "status": case.status.value,
                                                  "decided_by": case.decided_by})
    return changed


def refresh(ctx: RefundContext, case_id: uuid.UUID) -> CaseView:
    """One case's status from the platform (a DRAFT is sent first)."""
    view = case_view(ctx, case_id)
    if view.status is RefundStatus.DRAFT:
        return submit(ctx, case_id)
    if view.status is RefundStatus.REQUESTED and view.platform_id:
        try:
            platform = resolve_case_platform(ctx, case_id)[1]
            if platform is None:
                return view
            answer = platform.get_refund(view.platform_id)
        except PlatformError:
            return view
        with ctx.uow() as uow:
            case = stored_case(uow, case_id)
            if apply_decision(case, answer, ctx.clock.now()):
                uow.commit()
            return view_of(case)
    return view
