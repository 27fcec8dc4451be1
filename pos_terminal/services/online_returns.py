"""Returns filed on the buyer's phone, handed in at this counter. The buyer filed the request on
the platform (the reason, the photos, the decision by the reputation rule or the seller); the
unit's item code scanned here shows it (ItemInfo.online) and the counter takes the unit in and,
once approved, pays out exactly as for a counter intake (refunds.pay_out).

Rules kept here:
- the case is committed before the platform is told (`adopt_online`): a RefundCase in DRAFT that
  already names the platform's request (platform_case_id) and plans its payout legs as take_in
  does; no photos (the buyer's are on the platform) and the buyer's reason. A DRAFT naming a
  platform request is a hand-in not yet acknowledged: refunds.submit (and so submit_due after a
  restart or an outage) sends the hand-in for it, with the same Idempotency-Key, derived from the
  case id, so the platform binds the request to this store once;
- no money moves before the platform acknowledged the hand-in: until then another store may
  take the unit in, so not even a manager pays such a case before it (refunds.pay_out refuses
  `not_handed_in`);
- a request the platform refunded to the buyer's balance (refunded_to) is taken in with no money
  at the counter, whatever the order was paid with;
- the hand-in acknowledged by the platform for another terminal (of this store) ends the case
  here as REFUSED: only the terminal that took it in pays it.

Threading rule: every function here blocks (database, platform, devices): call it on a worker.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from pos_terminal.domain.model import PayoutRoute, RefundCase, RefundStatus
from pos_terminal.money import Money
from pos_terminal.ports import AuthenticationFailed, JsonObject, PlatformError, PlatformRefused, PlatformUnavailable
from pos_terminal.security import mask_card_numbers
from pos_terminal.services import refunds
from pos_terminal.services.refunds import CaseView, ItemInfo, PayoutDone, RefundContext, RefundRefused
from pos_terminal.services.refunds.common import stored_case

log = logging.getLogger(__name__)

# Platform refusals of a hand-in that no retry changes: the case ends as REFUSED.
_FINAL = {"handed_in_elsewhere", "refund_rejected", "not_an_online_request", "unknown_refund_request",
          "foreign_cash_refund_cap", "foreign_return_count_cap", "foreign_return_amount_cap",
          "idempotency_key_reused"}


@dataclass(frozen=True)
class OnlineRequest:
    """A return the buyer filed on the phone, as the platform shows it with the unit
    (GET /items/{code} refund.online_request)."""

    request_id: str
    status: str  # pending_seller | approved
    reason: str
    amount_minor: int
    currency: str
    item_codes: tuple[str, ...]
    decided_by: str | None = None  # policy | seller
    note: str | None = None
    created_at: str | None = None
    decided_at: str | None = None
    handed_in: bool = False
    handed_in_here: bool = False
    handed_in_terminal_id: str | None = None  # shown only when handed in at this store
    refunded_to: str | None = None  # buyer_balance: the platform gave the money back itself
    item_names: tuple[str, ...] = ()

    @classmethod
    def of(cls, d: JsonObject) -> OnlineRequest:
        items = {i.get("item_code"): i.get("name") or "" for i in d.get("items") or ()}
        codes = tuple(d.get("item_codes") or ())
        return cls(str(d["request_id"]), str(d.get("status") or ""), str(d.get("reason") or ""),
                   int(d.get("amount_minor") or 0), str(d.get("currency") or "CNY"), codes, d.get("decided_by"),
                   d.get("note"), d.get("created_at"), d.get("decided_at"), bool(d.get("handed_in")),
                   bool(d.get("handed_in_here")), d.get("handed_in_terminal_id"), d.get("refunded_to"),
                   tuple(items.get(c, "") for c in codes))

    @property
    def approved(self) -> bool:
        return self.status == "approved"

    @property
    def refunded_by_platform(self) -> bool:
        return bool(self.refunded_to)


def online_request_of(refund: JsonObject | None) -> OnlineRequest | None:
    """The item view's refund section to an OnlineRequest (None: no return filed online)."""
    found = (refund or {}).get("online_request")
    return OnlineRequest.of(found) if found else None


def hand_in_key(case_id: uuid.UUID) -> str:
    return f"refund-handin-{case_id}"


def check_online(ctx: RefundContext, info: ItemInfo) -> None:
    """Refuses a unit whose online return this counter may not take in (instead of
    refunds.check_refundable, which refuses any unit with a request)."""
    online = info.online
    assert online is not None
    if online.handed_in and not online.handed_in_here:
        raise RefundRefused("handed_in_elsewhere", f"the return of item {info.item_code} was handed in at another "
                            "store already; that store completes it", item_code=info.item_code)
    if online.status not in ("pending_seller", "approved"):
        raise RefundRefused("not_approved", f"the return filed online is {online.status}; nothing is taken in")
    if info.payment_route is None:
        raise RefundRefused("not_paid", f"order {info.order_no} was never paid; there is nothing to refund",
                            order_no=info.order_no)
    mine = _local_case(ctx, online)
    if mine is not None and mine.paid_out:
        raise RefundRefused("already_refunded", f"item {info.item_code} is already refunded: its return filed online "
                            f"was completed here (receipt {mine.receipt_no})", item_code=info.item_code)
    if mine is None and online.handed_in_here and online.handed_in_terminal_id not in (None, ctx.terminal_id):
        raise RefundRefused("handed_in_at_other_terminal", f"the return of item {info.item_code} was taken in at "
                            f"terminal {online.handed_in_terminal_id} of this store; complete it there",
                            terminal_id=online.handed_in_terminal_id)
    if mine is None:
        with ctx.uow() as uow:
            other = uow.refunds.open_for_items(list(online.item_codes) or [info.item_code])
        if other:
            raise RefundRefused("request_open", f"item {info.item_code} is already in refund intake {other[0].id} at "
                                "this terminal", item_code=info.item_code, request_id=str(other[0].id))


def _local_case(ctx: RefundContext, online: OnlineRequest) -> CaseView | None:
    """This terminal's live case (not rejected or refused) for the online request, if any."""
    with ctx.uow() as uow:
        for case in uow.refunds.open_for_items(list(online.item_codes)):
            if case.platform_case_id == online.request_id:
                return refunds.view_of(case)
    return None


def adopt_online(ctx: RefundContext, info: ItemInfo, *, cashier_id: uuid.UUID) -> CaseView:
    """Takes in the unit(s) of a return filed online: commits the case (DRAFT naming the
    platform's request, legs planned), then tells the platform (`send_hand_in`). Scanning the
    unit again resumes this terminal's case for it instead of making a second one. The
    platform unreachable: the case stays a DRAFT that submit_due sends later."""
    online = info.online
    if online is None:
        raise RefundRefused("not_online", f"item {info.item_code} has no return filed online")
    check_online(ctx, info)
    known = _local_case(ctx, online)
    if known is not None:
        return send_hand_in(ctx, known.case_id) if known.status is RefundStatus.DRAFT else known
    codes = list(online.item_codes) or [info.item_code]
    names = [online.item_names[i] if i < len(online.item_names) and online.item_names[i]
             else (info.name if code == info.item_code else "") for i, code in enumerate(codes)]
    route = PayoutRoute.ONLINE if online.refunded_by_platform else refunds.payout_route(info)
    reason = (mask_card_numbers(online.reason or "") or "").strip() or "other: filed online"
    amount = Money(online.amount_minor, online.currency)
    with ctx.uow() as uow:
        legs = refunds.plan_legs(route, amount.minor, info.tenders, uow.refunds.legs_used(info.order_no))
        case = RefundCase(info.order_no, codes, reason[:500], amount, requested_by=cashier_id,
                          terminal_id=ctx.terminal_id, created_at=ctx.clock.now(), merchant_name=info.merchant_name,
                          payout_route=route, item_names=names, photos=[], offline=False,
                          payout_legs=refunds.stored_legs(legs), platform_id=info.platform_id)
        case.platform_case_id = online.request_id  # a DRAFT naming its request: the hand-in is to send
        case.decided_by, case.note = online.decided_by, online.note
        uow.refunds.add(case)
        uow.commit()
        case_id = case.id
    refunds.remember_platform(ctx, case_id, info.platform_id)  # the hand-in goes to the platform of the order
    log.info("online return taken in", extra={"case_id": str(case_id), "request_id": online.request_id,
                                              "order_no": info.order_no, "units": len(codes),
                                              "amount_minor": amount.minor, "route": route.value})
    return send_hand_in(ctx, case_id)


def send_hand_in(ctx: RefundContext, case_id: uuid.UUID) -> CaseView:
    """Tells the platform that this store took the unit(s) of a DRAFT online case in, under the
    case's Idempotency-Key; then records the request's status as for a submitted intake. A case
    past DRAFT is returned as it is. Told to the platform of the case's order."""
    if ctx.platform is None and not ctx.other_platforms:
        raise RefundRefused("platform_unavailable", "this terminal has no platform connection")
    with ctx.uow() as uow:
        case = uow.refunds.get(case_id)
        if case is None:
            raise RefundRefused("unknown_case", f"no refund case {case_id}")
        if case.status is not RefundStatus.DRAFT:
            return refunds.view_of(case)
        request_id = case.platform_case_id
        if request_id is None:  # a counter intake: refunds.submit sends it
            raise RefundRefused("not_online", f"refund case {case_id} is no return filed online")
    try:
        platform_id, platform = refunds.resolve_case_platform(ctx, case_id)
        if platform is None:
            return refunds.failed(ctx, case_id, f"platform {platform_id} is not one this counter knows")
        answer = platform.hand_in_refund(request_id, hand_in_key(case_id))
    except (PlatformUnavailable, AuthenticationFailed) as exc:
        return refunds.failed(ctx, case_id, exc.message)
    except PlatformRefused as exc:
        if exc.code in _FINAL or (400 <= (exc.status or 0) < 500 and exc.code != "conflict"):
            return refunds.refused(ctx, case_id, exc)
        return refunds.failed(ctx, case_id, exc.message)
    except PlatformError as exc:
        return refunds.failed(ctx, case_id, exc.message)
    payout = answer.get("payout") or {}
    if payout.get("terminal_id") and payout.get("terminal_id") != ctx.terminal_id:
        # this store's other terminal took it in first: it pays it, this one does not
        return refunds.refused(ctx, case_id, PlatformRefused(
            "handed_in_at_other_terminal", f"taken in at terminal {payout.get('terminal_id')} of this store; "
            "complete it there"))
    now = ctx.clock.now()
    with ctx.uow() as uow:
        case = stored_case(uow, case_id)
        if case.status is RefundStatus.DRAFT:
            case.submit(request_id, now)
            refunds.apply_decision(case, answer, now)
            if answer.get("refunded_to") and case.paid_out_at is None and case.payout_route is not PayoutRoute.ONLINE:
                # the platform gave the buyer the money back itself: nothing more at the counter
                case.payout_route = PayoutRoute.ONLINE
                case.payout_legs = refunds.stored_legs([refunds.PayoutLeg("online", case.amount.minor)])
        uow.commit()
        view = refunds.view_of(case)
    log.info("online return handed in", extra={"case_id": str(case_id), "request_id": request_id,
                                               "status": view.status.value})
    return view


@dataclass(frozen=True)
class HandInDone:
    """What "Take in (and pay out)" did: the case as it stands, the payout when one was made,
    and why the payout did not happen when it was due but refused (a prepaid card to swipe, no
    shift open, ...): the case then waits, approved, for the ordinary Pay out."""

    case: CaseView
    payout: PayoutDone | None = None
    payout_refused: RefundRefused | None = None


def hand_in_and_pay(ctx: RefundContext, info: ItemInfo, *, cashier_id: uuid.UUID, cashier_name: str = "",
                    card_text: str | None = None) -> HandInDone:
    """adopt_online, then, when the platform approved, refunds.pay_out as for a counter intake
    (an online payment or a refund to the buyer's balance: no money at the counter, a slip)."""
    view = adopt_online(ctx, info, cashier_id=cashier_id)
    if view.status is not RefundStatus.APPROVED or view.paid_out:
        return HandInDone(view)
    try:
        done = refunds.pay_out(ctx, view.case_id, cashier_id=cashier_id, cashier_name=cashier_name,
                               card_text=card_text)
    except RefundRefused as exc:
        return HandInDone(refunds.case_view(ctx, view.case_id), None, exc)
    return HandInDone(done.case, done)
