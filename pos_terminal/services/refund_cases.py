"""Double payments at the counter: the platform's refund cases of this store (an order paid twice,
or paid after the shop cancelled it: the platform keeps the first payment and opens a case for the
second) and their pay-back here.

A case closes one way, never both: paid back at the counter of the store that took the second
payment (`pay_back`), or refunded by the platform to the buyer's balance (the seller or the
platform's staff do that on the platform).

Rules kept here:
- a manager approves every pay-back (Permission.APPROVE), and it is paid only after the platform
  confirmed the case is still open (the platform may have refunded the buyer itself): with the
  platform away, nothing is paid and the cashier is told to try again or wait;
- the pay-back is written first, in one transaction with its receipt number and the open shift
  (refund_case_paybacks: the cash counts against the shift's expected cash); the slip prints and
  the drawer opens after the commit; then the platform is told, under an Idempotency-Key derived
  from the local record (`payback-<id>`), so a repeat after a lost answer, a crash or kill -9 is
  the same report: the next start (the sync worker's housekeeping, `resend_due`) or the next
  reconciliation sends it, and no money moves twice;
- a platform that refuses the report for good (it refunded the buyer meanwhile, another counter
  paid back) leaves the pay-back in state "conflict", shown on the reconciliation for a person;
- one pay-back per case in this database (a unique column).

Threading rule: every function here blocks (database, platform, printer, drawer): call it on a
worker. `ctx` is a services.refunds.RefundContext (what pay_back prints with); the other
functions need only its uow, clock, terminal_id, store_id, timezone and platform (a DayContext
serves as well).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol
from zoneinfo import ZoneInfo

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model import PayoutRoute, Permission, Receipt, ReceiptKind
from pos_terminal.backoff import backoff
from pos_terminal.ids import uuid7
from pos_terminal.money import format_money
from pos_terminal.ports import (
    AuthenticationFailed,
    Clock,
    JsonObject,
    PaybackRow,
    PlatformClient,
    PlatformError,
    PlatformRefused,
    PlatformUnavailable,
    PrintableDocument,
    UnitOfWork,
)
from pos_terminal.services import audit, cash, counter_money
from pos_terminal.services.printing import print_committed
from pos_terminal.services.refunds import PayoutLeg, RefundContext, RefundReceiptInfo
from pos_terminal.services.users import SignedIn

log = logging.getLogger(__name__)

DOUBLE_PAYMENT = "double_payment_refund_case"  # the reconciliation's kind of difference
PAID_OUT, REPORTED, CONFLICT = "paid_out", "reported", "conflict"  # a pay-back's state
RECEIPT_REASON = "重复支付 paid twice"  # the refund slip's reason line


class CaseContext(Protocol):
    """What listing the cases and telling the platform of pay-backs need: a
    services.refunds.RefundContext or a services.day_context.DayContext."""

    @property
    def uow(self) -> Callable[[], UnitOfWork]: ...

    @property
    def clock(self) -> Clock: ...

    @property
    def terminal_id(self) -> str: ...

    @property
    def store_id(self) -> str: ...

    @property
    def timezone(self) -> str: ...

    @property
    def platform(self) -> PlatformClient | None: ...


class PaybackRefused(PaymentError):
    """Nothing was paid back. `reason` is stable for the screens: needs_manager, not_allowed,
    route_not_supported, no_platform, platform_unavailable, platform_refused, unknown_case,
    refunded_by_platform, paid_back_elsewhere, paid_back_already, no_shift, not_enough_cash."""

    code = "payback_refused"

    def __init__(self, reason: str, message: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


@dataclass(frozen=True)
class LocalPayback:
    """This database's pay-back of a case. `state`: paid_out (the platform not told yet),
    reported, conflict (the platform refused it: `last_error` says why)."""

    payback_id: uuid.UUID
    receipt_no: int
    amount_minor: int
    route: str
    paid_at: datetime
    state: str
    last_error: str | None = None

    @classmethod
    def of(cls, row: PaybackRow) -> LocalPayback:
        return cls(row.id, row.receipt_no, row.amount_minor, row.route, row.paid_at, row.state, row.last_error)


@dataclass(frozen=True)
class CaseState:
    """A refund case as the platform lists it, with this database's pay-back of it (`local`)."""

    case_id: str
    order_no: str
    reason: str  # double_payment | order_cancelled
    amount_minor: int
    currency: str
    store_id: str
    terminal_id: str  # the terminal that took the second payment
    receipt_no: int | None  # of the second payment
    status: str  # open | refunded
    resolution: str | None = None  # paid_back_at_counter | platform_refund
    resolved_at: datetime | None = None
    resolved_by: str | None = None
    local: LocalPayback | None = None

    @property
    def closed(self) -> bool:
        return self.status == "refunded" and not (self.local is not None and self.local.state == CONFLICT)

    @property
    def state(self) -> str:
        """open | paid_back_here (the platform told) | paid_back_here_unreported | conflict |
        paid_back_elsewhere | refunded_by_platform."""
        if self.local is not None:
            if self.local.state == CONFLICT:
                return "conflict"
            return "paid_back_here" if self.status == "refunded" else "paid_back_here_unreported"
        if self.status != "refunded":
            return "open"
        return "refunded_by_platform" if self.resolution == "platform_refund" else "paid_back_elsewhere"


@dataclass(frozen=True)
class PaidBack:
    case: CaseState
    receipt: RefundReceiptInfo
    printed: bool
    print_error: str | None
    drawer_kicked: bool
    drawer_error: str | None
    reported: bool  # the platform took it; else it is sent again later
    report_error: str | None = None
    document: PrintableDocument | None = None


def _parse(ts: object) -> datetime | None:
    try:
        return datetime.fromisoformat(str(ts).replace("Z", "+00:00")) if ts else None
    except ValueError:
        return None


def _case(view: JsonObject, local: PaybackRow | None = None) -> CaseState:
    return CaseState(str(view["refund_case_id"]), str(view.get("order_no") or ""), str(view.get("reason") or ""),
                     int(view["amount_minor"]), str(view.get("currency") or "CNY"), str(view.get("store_id") or ""),
                     str(view.get("terminal_id") or ""), view.get("receipt_no"), str(view.get("status") or "open"),
                     view.get("resolution"), _parse(view.get("resolved_at")), view.get("resolved_by"),
                     LocalPayback.of(local) if local is not None else None)


# ------------------------------------------------------------------------------ the platforms
# Issue 16, several platforms at one counter: a refund case lives on the platform the double
# payment went to. A RefundContext names the others (platform_for, other_platforms); a context
# without them (a DayContext) has [platform] alone.


def _platforms(ctx: CaseContext) -> list[tuple[str | None, PlatformClient]]:
    """(id, client) of every platform this counter knows, [platform] first."""
    primary_id: str | None = getattr(ctx, "platform_id", None)
    found: list[tuple[str | None, PlatformClient]] = [(primary_id, ctx.platform)] if ctx.platform is not None else []
    pick = getattr(ctx, "platform_for", None)
    if pick is not None:
        for other in getattr(ctx, "other_platforms", ()):
            client = pick(other)
            if client is not None and other != primary_id:
                found.append((other, client))
    return found


def _client_for(ctx: CaseContext, platform_id: str | None) -> PlatformClient | None:
    """The client of `platform_id` ([platform]'s for None or its id); None for a platform not known here."""
    if platform_id is None or platform_id == getattr(ctx, "platform_id", None):
        return ctx.platform
    pick = getattr(ctx, "platform_for", None)
    client: PlatformClient | None = pick(platform_id) if pick is not None else None
    return client


def _row_platform(ctx: CaseContext, uow: UnitOfWork, order_no: str) -> str | None:
    """The platform of a pay-back's order (this counter took the second payment: it has the order)."""
    order = uow.orders.get(order_no)
    platform_id: str | None = getattr(order, "platform_id", None) if order is not None else None
    return platform_id or getattr(ctx, "platform_id", None)


# ------------------------------------------------------------------------------ listing


def list_cases(ctx: CaseContext, *, status: str | None = "open", business_date: date | None = None) -> list[CaseState]:
    """This store's refund cases on the platform (open ones unless told), with this database's
    pay-backs. Raises PaybackRefused(no_platform | platform_unavailable | platform_refused). With
    several platforms, every platform's cases ([platform]'s first); one that does not answer is
    left out (logged) unless none answers."""
    every = _platforms(ctx)
    if not every:
        raise PaybackRefused("no_platform", "no platform is configured for this terminal: refund cases live there")
    views: list[JsonObject] = []
    first: PaybackRefused | None = None
    for platform_id, client in every:
        try:
            views += client.list_refund_cases(business_date=business_date.isoformat() if business_date else None,
                                              status=status, timezone=ctx.timezone)
        except PlatformUnavailable as exc:
            first = first or PaybackRefused("platform_unavailable", exc.message)
        except PlatformRefused as exc:
            first = first or PaybackRefused("platform_refused", exc.message, code=exc.code)
        else:
            continue
        if len(every) > 1:
            log.info("refund cases of a platform not listed", extra={"platform_id": platform_id})
    if first is not None and (len(every) == 1 or not views):
        raise first
    with ctx.uow() as uow:
        local = uow.paybacks.for_cases(v["refund_case_id"] for v in views)
    return [_case(v, local.get(v["refund_case_id"])) for v in views]


# ------------------------------------------------------------------------------ paying back


def pay_back(ctx: RefundContext, case_id: str, *, cashier: SignedIn | None, manager: SignedIn | None,
             route: str = "cash") -> PaidBack:
    """Pays the case's amount back to the buyer out of this drawer (see the module doc), prints a
    refund slip, opens the drawer, then tells the platform (later, when it cannot be told now).
    `cashier` and `manager` are SignedIn values; the manager needs Permission.APPROVE."""
    if manager is None or not manager.can(Permission.APPROVE):
        raise PaybackRefused("needs_manager", "a manager approves every pay-back of a double payment")
    if cashier is None:
        raise PaybackRefused("not_allowed", "sign in first: a pay-back is recorded with who paid it")
    if route != "cash":
        raise PaybackRefused("route_not_supported", f"this counter pays a double payment back in cash only, not by "
                             f"{route}; or leave it to the platform, which refunds the buyer")
    with ctx.uow() as uow:
        mine = uow.paybacks.for_case(case_id)
    if mine is not None:
        report(ctx, mine.id)  # a pay-back the platform may not have heard of yet: tell it now
        raise PaybackRefused("paid_back_already", f"this double payment was paid back at this counter already "
                             f"(receipt {mine.receipt_no}): nothing more to pay", receipt_no=mine.receipt_no)
    platform_id, view = _confirm_open(ctx, case_id)
    amount, currency, order_no = int(view["amount_minor"]), str(view["currency"]), str(view["order_no"])
    now = ctx.clock.now()
    payback_id = uuid7()
    with ctx.uow() as uow:
        if uow.paybacks.for_case(case_id) is not None:
            raise PaybackRefused("paid_back_already", "this double payment was just paid back at this counter")
        shift = uow.shifts.open_for_terminal(ctx.terminal_id)
        if shift is None:
            raise PaybackRefused("no_shift", "open a shift first: the cash paid back is counted in the shift")
        expected = cash.summaries(uow, [shift])[0].expected_cash_minor
        if amount > expected:
            raise PaybackRefused("not_enough_cash", f"the drawer should hold only {format_money(expected, currency)}: it "
                                 f"cannot pay back {format_money(amount, currency)}; put cash in (pay-in) first",
                                 expected_minor=expected, amount_minor=amount)
        order = uow.orders.get(order_no)  # this counter took the payment: it knows the order
        merchant = order.merchant_name if order is not None else str(view.get("merchant_id") or "")
        receipt_no = uow.receipts.counter_for(ctx.terminal_id).next()
        uow.receipts.add(Receipt(ctx.terminal_id, receipt_no, ReceiptKind.REFUND, sale_id=None, created_at=now))
        uow.paybacks.add(id=payback_id, platform_case_id=case_id, terminal_id=ctx.terminal_id, store_id=ctx.store_id,
                         order_no=order_no, settlement_id=view.get("settlement_id"), amount_minor=amount,
                         currency=currency, route=route, shift_id=shift.id, receipt_no=receipt_no,
                         cashier_id=cashier.user_id, approved_by=manager.user_id, paid_at=now)
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=audit.REFUND, user=cashier,
                     subject=f"double payment {order_no}",
                     details={"what": "double payment paid back", "refund_case_id": case_id, "order_no": order_no,
                              "amount_minor": amount, "currency": currency, "route": route,
                              "receipt_no": receipt_no, "shift_id": str(shift.id),
                              "approved_by": manager.username})
        # the day statements' pay-back (services.counter_money): through the outbox, in this transaction
        settlement_id = view.get("settlement_id")
        counter_money.queue(uow, counter_money.PAYBACK_TOPIC, counter_money.movement_payload(
            kind="double_payment_payback", ref=str(payback_id), order_no=order_no, tenders=((route, amount),),
            currency=currency, at=now,
            business_date=counter_money.business_date_at(uow, ctx.terminal_id, ctx.timezone, ctx.day_change_hour,
                                                         now),
            store_id=ctx.store_id, terminal_id=ctx.terminal_id, platform_id=platform_id,
            refund_case_id=case_id, settlement_id=str(settlement_id) if settlement_id else None,
            receipt_no=receipt_no), now, ctx.terminal_id)
        uow.commit()
    if ctx.after_commit is not None:  # the counter movement goes to the platform now
        ctx.after_commit()
    log.info("double payment paid back", extra={"refund_case_id": case_id, "order_no": order_no,
                                                "amount_minor": amount, "receipt_no": receipt_no})
    info = RefundReceiptInfo(
        ctx.store_name, ctx.terminal_id, cashier.display_name or cashier.username, receipt_no,
        now.astimezone(ZoneInfo(ctx.timezone)), merchant, order_no, currency, (), amount, PayoutRoute.CASH,
        RECEIPT_REASON, case_id, override_by=manager.username, legs=(PayoutLeg("cash", amount, True),))
    document, printed, print_error = print_committed(
        ctx.render_receipt, ctx.printer, info, uow_factory=ctx.uow,
        terminal_id=ctx.terminal_id, kind=ReceiptKind.REFUND, receipt_no=receipt_no, clock=ctx.clock)
    kicked, drawer_error = _kick(ctx)
    reported, report_error = report(ctx, payback_id)
    with ctx.uow() as uow:
        local = uow.paybacks.get(payback_id)
    state = _case(view | ({"status": "refunded", "resolution": "paid_back_at_counter"} if reported else {}), local)
    return PaidBack(state, info, printed, print_error, kicked, drawer_error, reported, report_error, document)


def _confirm_open(ctx: CaseContext, case_id: str) -> tuple[str | None, JsonObject]:
    """(platform id, the case as that platform has it now), refused unless it is open and this
    store's. The platforms are asked in turn ([platform] first) until one knows the case; one that
    cannot be reached refuses the pay-back (it may be the case's)."""
    every = _platforms(ctx)
    if not every:
        raise PaybackRefused("no_platform", "no platform is configured for this terminal: refund cases live there")
    found: tuple[str | None, JsonObject] | None = None
    for platform_id, client in every:
        try:
            found = platform_id, client.get_refund_case(case_id)
            break
        except PlatformUnavailable as exc:
            raise PaybackRefused("platform_unavailable", "the platform cannot be reached, and only it can tell whether "
                                 "it refunded the buyer already: nothing was paid; try again when it answers "
                                 f"({exc.message})") from None
        except PlatformRefused as exc:
            if exc.code != "unknown_refund_case":
                raise PaybackRefused("platform_refused", exc.message, code=exc.code) from None
    if found is None:
        raise PaybackRefused("unknown_case", f"the platform has no refund case {case_id} of this store")
    platform_id, view = found
    if view.get("store_id") != ctx.store_id:
        raise PaybackRefused("unknown_case", f"refund case {case_id} belongs to another store: it pays it back")
    if view.get("status") != "open":
        if view.get("resolution") == "platform_refund":
            raise PaybackRefused("refunded_by_platform", "the platform refunded this payment to the buyer already: "
                                 "do not pay it back here")
        raise PaybackRefused("paid_back_elsewhere", f"this payment was paid back at the counter "
                             f"{view.get('resolved_by') or ''} already: do not pay it again",
                             resolved_by=view.get("resolved_by"))
    return platform_id, view


def _kick(ctx: RefundContext) -> tuple[bool, str | None]:
    drawer = ctx.drawer
    if drawer is None:
        return False, "no cash drawer configured"
    try:
        drawer.kick()
        return True, None
    except Exception as exc:  # the pay-back is committed: a drawer fault is a status
        error = str(exc) or exc.__class__.__name__
        log.warning("drawer kick failed after a pay-back", extra={"error": error})
        return False, error


# ------------------------------------------------------------------------------ telling the platform


def idempotency_key(payback_id: uuid.UUID) -> str:
    return f"payback-{payback_id}"


def report(ctx: CaseContext, payback_id: uuid.UUID) -> tuple[bool, str | None]:
    """Tells the platform of one pay-back (again): (True, None) once it took it; (False, why)
    while it cannot be told (tried again later) or when it refused for good (state conflict)."""
    with ctx.uow() as uow:
        row = uow.paybacks.get(payback_id)
    if row is None or row.state != PAID_OUT:
        return (row is not None and row.state == REPORTED), (row.last_error if row is not None else "no such pay-back")
    body = {"amount_minor": row.amount_minor, "route": row.route, "receipt_no": row.receipt_no,
            "paid_back_at": row.paid_at.isoformat()}
    now = ctx.clock.now()
    with ctx.uow() as uow:
        platform_id = _row_platform(ctx, uow, row.order_no)
    try:
        platform = _client_for(ctx, platform_id)
        if platform is None:
            raise PlatformUnavailable(f"platform {platform_id} is not configured for this terminal")
        platform.report_paid_back(row.platform_case_id, body, idempotency_key(row.id))
    except AuthenticationFailed as exc:
        return _failed(ctx, row, exc.message, now)
    except PlatformRefused as exc:  # refunded_by_platform, paid_back_at_counter, amount_mismatch: for good
        with ctx.uow() as uow:
            uow.paybacks.conflict(row.id, f"{exc.code}: {exc.message}", now)
            uow.commit()
        log.error("pay-back refused by the platform: the buyer may have been paid twice",
                  extra={"refund_case_id": row.platform_case_id, "code": exc.code, "receipt_no": row.receipt_no})
        return False, exc.message
    except PlatformError as exc:
        return _failed(ctx, row, exc.message, now)
    with ctx.uow() as uow:
        uow.paybacks.reported(row.id, now)
        uow.commit()
    return True, None


def _failed(ctx: CaseContext, row: PaybackRow, error: str, now: datetime) -> tuple[bool, str]:
    wait = backoff(row.attempts + 1)
    with ctx.uow() as uow:
        uow.paybacks.failed(row.id, error, now + wait)
        uow.commit()
    log.warning("pay-back not reported yet; sent again later",
                extra={"refund_case_id": row.platform_case_id, "attempts": row.attempts + 1, "error": error})
    return False, error


def resend_due(ctx: CaseContext, *, force: bool = False) -> int:
    """Tells the platform of this terminal's pay-backs it has not heard of (after an outage, a crash
    or kill -9), oldest first, each under its own key; `force` ignores the backoff. Stops at the
    first that cannot be sent. Returns how many the platform took."""
    with ctx.uow() as uow:
        ids = [r.id for r in uow.paybacks.unreported(ctx.terminal_id, None if force else ctx.clock.now())]
    done = 0
    for payback_id in ids:
        ok, _error = report(ctx, payback_id)
        with ctx.uow() as uow:
            row = uow.paybacks.get(payback_id)
            state = row.state if row is not None else None
        if ok:
            done += 1
        elif state == PAID_OUT and len(_platforms(ctx)) <= 1:
            break  # the platform is away: the rest wait too (with several, the others' are still told)
    return done


# ------------------------------------------------------------------------------ the reconciliation


def with_case_states(ctx: CaseContext, day: date, answer: JsonObject) -> JsonObject:
    """The batch's answer with each double payment's case as it is now (the platform's list of the
    day's cases: a replayed answer may be older) and this database's pay-back of it: fields
    refund_case_status, resolution, resolved_at, resolved (closed: no longer a difference to
    settle), paid_back_here, paid_back_receipt_no, payback_state, and the action that fits."""
    diffs = list(answer.get("differences") or [])
    ids = [d["refund_case_id"] for d in diffs if d.get("kind") == DOUBLE_PAYMENT and d.get("refund_case_id")]
    if not ids:
        return answer
    resend_due(ctx, force=True)  # the platform hears of this counter's pay-backs before it is asked
    live: dict[str, JsonObject] = {}
    platform = ctx.platform
    try:
        if platform is None:
            raise PlatformUnavailable("no platform is configured for this terminal")
        for view in platform.list_refund_cases(business_date=day.isoformat(), timezone=ctx.timezone):
            live[view["refund_case_id"]] = view
        for case_id in set(ids) - set(live):
            live[case_id] = platform.get_refund_case(case_id)
    except PlatformError as exc:  # the batch's own word on each case stands
        log.warning("refund cases not read; the batch's states are shown", extra={"error": exc.message})
    with ctx.uow() as uow:
        local = {k: LocalPayback.of(v) for k, v in uow.paybacks.for_cases(ids).items()}
    out: list[JsonObject] = []
    for d in diffs:
        if d.get("kind") != DOUBLE_PAYMENT or not d.get("refund_case_id"):
            out.append(d)
            continue
        view = live.get(d["refund_case_id"]) or {}
        status = view.get("status") or d.get("refund_case_status") or "open"
        resolution = view.get("resolution") if view else d.get("resolution")
        mine = local.get(d["refund_case_id"])
        d = {**d, "refund_case_status": status, "resolution": resolution,
             "resolved_at": view.get("resolved_at") if view else d.get("resolved_at"),
             "resolved_by": view.get("resolved_by") if view else d.get("resolved_by"),
             "resolved": status == "refunded" and not (mine is not None and mine.state == CONFLICT),
             "paid_back_here": mine is not None,
             "paid_back_receipt_no": mine.receipt_no if mine is not None else d.get("paid_back_receipt_no"),
             "payback_state": mine.state if mine is not None else None}
        d["action"] = _action(d, mine)
        out.append(d)
    return {**answer, "differences": out, "reconciled": not [d for d in out if not d.get("resolved", False)]}


def _action(d: JsonObject, mine: LocalPayback | None) -> str:
    if mine is not None and mine.state == CONFLICT:
        return (f"paid back at this counter (receipt {mine.receipt_no}), but the platform refused it "
                f"({mine.last_error}): the buyer may have been paid twice; have it checked with the platform")
    if mine is not None and d["refund_case_status"] != "refunded":
        return (f"paid back at this counter (receipt {mine.receipt_no}); the platform is told as soon as it "
                "answers: reconcile again then")
    if d["refund_case_status"] != "refunded":
        return ("open: pay the buyer back here (a manager approves) or wait for the platform to refund the buyer "
                "(the seller or the platform decides)")
    if d["resolution"] == "platform_refund":
        return "closed: refunded by the platform to the buyer"
    if mine is not None:
        return f"closed: paid back at this counter (receipt {mine.receipt_no})"
    return f"closed: paid back at the counter {d.get('resolved_by') or ''} (receipt {d.get('paid_back_receipt_no')})"


__all__ = ["CaseState", "LocalPayback", "PaidBack", "PaybackRefused", "list_cases", "pay_back", "report",
           "resend_due", "with_case_states"]
