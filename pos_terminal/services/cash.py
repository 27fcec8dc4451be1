"""Shifts and cash control on a DayContext: a shift opened with a counted float (optionally counted by
denomination) on the store's business date; drops to the safe, pay-outs, pay-ins and no-sale
openings, each with a reason and audited in the same transaction; the close by counting the drawer
by denomination against the expected cash, a difference above the limit needing a manager and a note.

Expected cash of a shift = opening float + cash applied to its paid sales (change already went back)
- cash refunded out of the drawer - drops - pay-outs + pay-ins.

Rules kept here:
- a movement never takes the drawer below zero (more than the expected cash is refused);
- the drawer kicks only after the commit; a missing or failing drawer is a status in the result,
  never a lost movement;
- the reasons in CashRefused are stable for the screens: shift_open, no_shift, bad_amount,
  reason_required, not_enough_cash, bad_denomination, bad_count, float_mismatch, needs_manager,
  not_a_manager, note_required, unknown_shift, day_closed, not_allowed, float_too_large,
  float_unusual (open again with confirmed=True), float_after_sale, float_unchanged, held_already;
- a shift is sold in by its holder only (who opened it, or took it over: take_over_shift, audited);
  services.sales refuses another user's sale into it (ShiftOfAnother);
- the business date of a shift follows services.day_context (after the day's Z: the next day).

Threading rule: every function here blocks (database, drawer): call it on a worker. `user`,
`manager` and `approved_by` are SignedIn values (services.users).
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from pos_terminal.domain.errors import ShiftError
from pos_terminal.domain.model import Permission, Shift, ShiftStatus
from pos_terminal.ids import uuid7
from pos_terminal.money import Money, format_money
from pos_terminal.ports import UnitOfWork
from pos_terminal.security import mask_card_numbers
from pos_terminal.services import audit
from pos_terminal.services.day_context import BusinessDay, DayContext, calendar_date, current_day
from pos_terminal.services.report_model import ShiftSummary
from pos_terminal.services.users import SignedIn

log = logging.getLogger(__name__)

DROP, PAY_OUT, PAY_IN, NO_SALE = "drop", "pay_out", "pay_in", "no_sale"
MAX_REASON = 500


class CashRefused(ShiftError):
    """A shift or cash step not taken; `reason` is stable (see the module doc), `params` carry the
    figures (e.g. expected_minor, over_short_minor, limit_minor)."""

    code = "cash_refused"

    def __init__(self, reason: str, message: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


@dataclass(frozen=True)
class MovementDone:
    movement_id: uuid.UUID
    kind: str  # drop | pay_out | pay_in | no_sale
    amount_minor: int
    currency: str
    reason: str
    at: datetime
    expected_cash_minor: int  # what the drawer should hold after it
    drawer_opened: bool
    drawer_error: str | None = None


@dataclass(frozen=True)
class MovementView:
    movement_id: uuid.UUID
    kind: str
    amount_minor: int
    currency: str
    reason: str
    at: datetime
    user_id: uuid.UUID
    username: str
    approved_by: str | None = None


@dataclass(frozen=True)
class ClosePreview:
    """What closing with these counts would record; nothing is written."""

    shift_id: uuid.UUID
    expected_cash_minor: int
    counted_cash_minor: int
    over_short_minor: int  # counted - expected: over (+) or short (-)
    limit_minor: int
    needs_manager: bool  # |over_short| > limit: a manager and a note are required


def _user_id(user: SignedIn | None) -> uuid.UUID:
    user_id = user.user_id if user is not None else None
    if user_id is None:
        raise CashRefused("not_allowed", "sign in first: cash steps are recorded with who did them")
    return user_id


def _reason(text: str | None) -> str:
    text = mask_card_numbers((text or "").strip())  # a card number typed as a reason is never stored
    if not text:
        raise CashRefused("reason_required", "give a reason: every cash movement and drawer opening is recorded with one")
    return text[:MAX_REASON]


def _amount(amount_minor: object, *, allow_zero: bool = False) -> int:
    if not isinstance(amount_minor, int) or isinstance(amount_minor, bool) or amount_minor < 0 \
            or (amount_minor == 0 and not allow_zero):
        raise CashRefused("bad_amount", f"the amount must be a positive whole number of minor units, got {amount_minor!r}")
    return amount_minor


def count_total(ctx: DayContext, counts: Mapping[int, int]) -> int:
    """The total of a count by denomination ({denomination_minor: pieces}); refuses a denomination
    not in ctx.denominations and a count that is not a whole number >= 0."""
    total = 0
    allowed = set(ctx.denominations)
    for denomination, pieces in counts.items():
        try:
            d = int(denomination)
        except (TypeError, ValueError):
            d = None
        if d is None or d not in allowed:
            shown = ", ".join(format_money(x, ctx.currency) for x in ctx.denominations)
            raise CashRefused("bad_denomination", f"{denomination!r} is not a denomination counted here; "
                              f"count these: {shown} (the [shift] settings list them)", denomination=str(denomination))
        if not isinstance(pieces, int) or isinstance(pieces, bool) or pieces < 0:
            raise CashRefused("bad_count", f"the count of {format_money(d, ctx.currency)} must be a whole number of 0 or "
                              f"more, got {pieces!r}", denomination=d)
        total += d * pieces
    return total


def _normal_counts(counts: Mapping[int, int]) -> dict[str, int]:
    return {str(int(d)): int(n) for d, n in sorted(counts.items(), key=lambda kv: -int(kv[0])) if int(n)}


# ------------------------------------------------------------------------------ summaries


def summaries(uow: UnitOfWork, shift_list: list[Shift]) -> list[ShiftSummary]:
    """ShiftSummary of each shift, in the caller's unit of work (a few aggregate queries whatever
    the number of sales). Also used by services.reports."""
    ids = [s.id for s in shift_list]
    cash_sales = uow.cash.cash_sales_minor(ids)
    cash_refunds = uow.cash.cash_refunds_minor(ids)
    moves = uow.cash.movement_totals(ids)
    names: dict[uuid.UUID, str] = {}

    def name(user_id: uuid.UUID) -> str:
        if user_id not in names:
            user = uow.users.get(user_id)
            names[user_id] = user.username if user is not None else str(user_id)
        return names[user_id]

    def name_or_none(user_id: uuid.UUID | None) -> str | None:
        return None if user_id is None else name(user_id)

    out = []
    for s in shift_list:
        mv = moves.get(s.id, {})
        drops, pay_outs, pay_ins = (mv.get(k, (0, 0))[1] for k in (DROP, PAY_OUT, PAY_IN))
        expected = (s.opening_float.minor + cash_sales.get(s.id, 0) - cash_refunds.get(s.id, 0) - drops - pay_outs
                    + pay_ins)
        closed = s.status is ShiftStatus.CLOSED
        if closed and s.expected_cash_minor is not None:
            expected = s.expected_cash_minor  # what the count was held against
        counted = s.counted_cash_minor if closed else None
        over_short = None
        if counted is not None:
            over_short = s.over_short_minor if s.over_short_minor is not None else counted - expected
        out.append(ShiftSummary(
            shift_id=str(s.id), opened_at=s.opened_at, opened_by=name(s.opened_by), closed_at=s.closed_at,
            closed_by=name_or_none(s.closed_by), opening_float_minor=s.opening_float.minor,
            cash_sales_minor=cash_sales.get(s.id, 0), cash_refunds_minor=cash_refunds.get(s.id, 0),
            drops_minor=drops, pay_outs_minor=pay_outs, pay_ins_minor=pay_ins,
            no_sale_count=mv.get(NO_SALE, (0, 0))[0], expected_cash_minor=expected, counted_cash_minor=counted,
            over_short_minor=over_short, close_note=s.close_note, close_approved_by=name_or_none(s.close_approved_by)))
    return out


def _open(uow: UnitOfWork, ctx: DayContext) -> Shift:
    shift = uow.shifts.open_for_terminal(ctx.terminal_id)
    if shift is None:
        raise CashRefused("no_shift", f"terminal {ctx.terminal_id} has no open shift; open a shift first")
    return shift


def current_shift(ctx: DayContext) -> ShiftSummary | None:
    """The terminal's open shift with its cash position now, None when no shift is open."""
    with ctx.uow() as uow:
        shift = uow.shifts.open_for_terminal(ctx.terminal_id)
        return summaries(uow, [shift])[0] if shift is not None else None


def last_closed_shift(ctx: DayContext) -> ShiftSummary | None:
    """The terminal's most recently closed shift (what the shift page shows after a restart)."""
    with ctx.uow() as uow:
        shift = uow.shifts.last_closed(ctx.terminal_id)
        return summaries(uow, [shift])[0] if shift is not None else None


def shift_summary(ctx: DayContext, shift_id: uuid.UUID | str) -> ShiftSummary:
    try:
        wanted = uuid.UUID(str(shift_id))
    except ValueError:
        raise CashRefused("unknown_shift", f"{shift_id!r} is not a shift id") from None
    with ctx.uow() as uow:
        shift = uow.shifts.get(wanted)
        if shift is None or shift.terminal_id != ctx.terminal_id:
            raise CashRefused("unknown_shift", f"terminal {ctx.terminal_id} has no shift {shift_id}")
        return summaries(uow, [shift])[0]


# ------------------------------------------------------------------------------ open


def _float(ctx: DayContext, opening_float_minor: int | None, counts: Mapping[int, int] | None,
           confirmed: bool) -> int:
    """The float counted (an amount, counts by denomination, or both agreeing), within
    ctx.max_float_minor, and confirmed when above ctx.usual_float_minor."""
    if counts is not None:
        total = count_total(ctx, counts)
        if opening_float_minor is not None and opening_float_minor != total:
            raise CashRefused("float_mismatch", f"the float counted by denomination is {format_money(total, ctx.currency)}, "
                              f"not {format_money(opening_float_minor, ctx.currency)}; count again",
                              counted_minor=total)
        opening_float_minor = total
    if opening_float_minor is None:
        opening_float_minor = 0
    amount = _amount(opening_float_minor, allow_zero=True)
    if amount > ctx.max_float_minor:
        raise CashRefused("float_too_large", f"a float of {format_money(amount, ctx.currency)} is more than the "
                          f"{format_money(ctx.max_float_minor, ctx.currency)} a drawer may start with "
                          "([shift] max_float_minor); count it again", amount_minor=amount,
                          max_minor=ctx.max_float_minor)
    if amount > ctx.usual_float_minor and not confirmed:
        raise CashRefused("float_unusual", f"a float of {format_money(amount, ctx.currency)} is more than the usual "
                          f"{format_money(ctx.usual_float_minor, ctx.currency)}; confirm the amount",
                          amount_minor=amount, usual_minor=ctx.usual_float_minor)
    return amount


def business_day_now(ctx: DayContext) -> BusinessDay:
    """The business date a shift opened now would count to (services.day_context's rule)."""
    with ctx.uow() as uow:
        return current_day(uow, ctx, ctx.clock.now())


def open_shift(ctx: DayContext, *, user: SignedIn | None, opening_float_minor: int | None = None,
               counts: Mapping[int, int] | None = None, confirmed: bool = False) -> ShiftSummary:
    """Opens the terminal's shift with the float counted into the drawer: `opening_float_minor`, or
    `counts` by denomination, or both (then they must agree); a float above ctx.usual_float_minor
    needs `confirmed`, one above ctx.max_float_minor is refused. The shift counts to the business
    date of services.day_context: today's, or the next one once today's Z is taken. Audited as
    shift_open."""
    user_id = _user_id(user)
    opening_float_minor = _float(ctx, opening_float_minor, counts, confirmed)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        if uow.shifts.open_for_terminal(ctx.terminal_id) is not None:
            raise CashRefused("shift_open", f"terminal {ctx.terminal_id} already has an open shift; close it first")
        day = current_day(uow, ctx, now)
        if day.next_closed:
            raise CashRefused("day_closed", f"the business days {day.calendar_date.isoformat()} and "
                              f"{day.date.isoformat()} are closed already; a new shift opens when the calendar "
                              f"reaches {(day.date + timedelta(days=1)).isoformat()}",
                              closed_day=day.calendar_date.isoformat(), next_day=day.date.isoformat(),
                              opens_at=day.opens_at.isoformat() if day.opens_at else None)
        shift = Shift(ctx.terminal_id, user_id, Money(opening_float_minor, ctx.currency), opened_at=now)
        shift.business_date = day.date
        uow.shifts.add(shift)
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action="shift_open", user=user,
                     subject=f"shift {shift.id}",
                     details={"shift_id": str(shift.id), "business_date": day.date.isoformat(),
                              "after_day_close": day.closed_day.isoformat() if day.closed_day else None,
                              "opening_float_minor": opening_float_minor, "currency": ctx.currency,
                              "counts": _normal_counts(counts) if counts is not None else None})
        uow.commit()
        summary = summaries(uow, [shift])[0]
    log.info("shift opened", extra={"shift_id": summary.shift_id, "terminal_id": ctx.terminal_id,
                                    "opening_float_minor": opening_float_minor, "business_date": day.date.isoformat()})
    return summary


def correct_float(ctx: DayContext, *, user: SignedIn | None, manager: SignedIn | None,
                  opening_float_minor: int | None = None, counts: Mapping[int, int] | None = None,
                  confirmed: bool = False) -> ShiftSummary:
    """Corrects a mistyped opening float of the open shift: a manager approves (`manager`, or `user`
    when they may approve), only before the shift's first sale (float_after_sale), within the
    same limits as opening. Audited as float_corrected with the old and the new amount."""
    _user_id(user)
    approver = manager if manager is not None else (user if user is not None and user.can(Permission.APPROVE) else None)
    if approver is None:
        raise CashRefused("needs_manager", "a manager approves a correction of the opening float")
    if not approver.can(Permission.APPROVE):
        raise CashRefused("not_a_manager", f"{approver.username} may not approve a correction of the float; ask a manager")
    new = _float(ctx, opening_float_minor, counts, confirmed)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        shift = _open(uow, ctx)
        old = shift.opening_float.minor
        if new == old:
            raise CashRefused("float_unchanged", f"the float is {format_money(old, ctx.currency)} already",
                              old_minor=old)
        after = now + timedelta(microseconds=1)
        sold = uow.days.sales_figures(ctx.terminal_id, shift.opened_at, after)[0] \
            + uow.days.void_figures(ctx.terminal_id, shift.opened_at, after)[0]
        if sold:
            raise CashRefused("float_after_sale", f"the shift has taken {sold} sale(s) since it opened: the float is "
                              "corrected only before the first sale; count the difference at the close",
                              sales_count=sold, old_minor=old)
        shift.opening_float = Money(new, ctx.currency)
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action="float_corrected", user=user,
                     subject=f"shift {shift.id}",
                     details={"shift_id": str(shift.id), "old_minor": old, "new_minor": new, "currency": ctx.currency,
                              "approved_by": approver.username,
                              "counts": _normal_counts(counts) if counts is not None else None})
        uow.commit()
        summary = summaries(uow, [shift])[0]
    log.info("opening float corrected", extra={"shift_id": summary.shift_id, "old_minor": old, "new_minor": new})
    return summary


def take_over_shift(ctx: DayContext, *, user: SignedIn | None) -> ShiftSummary:
    """`user` takes over the terminal's open shift: their sales go into it from now on (the drawer
    and its count stay the shift's). The caller has had the step confirmed. Audited as
    shift_take_over with who held it before."""
    user_id = _user_id(user)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        shift = _open(uow, ctx)
        before = shift.holder
        if before == user_id:
            raise CashRefused("held_already", "this shift is yours already")
        was = uow.users.get(before)
        shift.take_over(user_id)
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action="shift_take_over", user=user,
                     subject=f"shift {shift.id}",
                     details={"shift_id": str(shift.id), "from_user": was.username if was is not None else str(before),
                              "to_user": user.username if user is not None else str(user_id)})
        uow.commit()
        summary = summaries(uow, [shift])[0]
    log.info("shift taken over", extra={"shift_id": summary.shift_id, "terminal_id": ctx.terminal_id})
    return summary


# ------------------------------------------------------------------------------ movements


def _kick(ctx: DayContext, what: str) -> tuple[bool, str | None]:
    if ctx.drawer is None:
        return False, "no cash drawer configured"
    try:
        ctx.drawer.kick()
        return True, None
    except Exception as exc:  # the movement is committed: a drawer fault is a status, not an error
        error = str(exc) or exc.__class__.__name__
        log.warning("drawer kick failed", extra={"after": what, "error": error})
        return False, error


def _move(ctx: DayContext, kind: str, *, user: SignedIn | None, amount_minor: int, reason: str,
          approved_by: SignedIn | None = None) -> MovementDone:
    user_id = _user_id(user)
    reason = _reason(reason)
    amount = _amount(amount_minor, allow_zero=kind == NO_SALE)
    if kind == NO_SALE and amount:
        raise CashRefused("bad_amount", "a no-sale opening moves no money")
    approver_id = approved_by.user_id if approved_by is not None else None
    now = ctx.clock.now()
    movement_id = uuid7()
    with ctx.uow() as uow:
        shift = _open(uow, ctx)
        shift_id = shift.id
        before = summaries(uow, [shift])[0].expected_cash_minor
        if kind in (DROP, PAY_OUT) and amount > before:
            what = "drop" if kind == DROP else "pay-out"
            raise CashRefused("not_enough_cash", f"the drawer should hold only {format_money(before, ctx.currency)}: a {what} "
                              f"of {format_money(amount, ctx.currency)} would take it below zero; take out less",
                              expected_minor=before, amount_minor=amount)
        uow.cash.add_movement(id=movement_id, shift_id=shift.id, terminal_id=ctx.terminal_id, kind=kind,
                              amount_minor=amount, currency=ctx.currency, reason=reason, user_id=user_id,
                              approved_by=approver_id, created_at=now)
        after = before + (amount if kind == PAY_IN else -amount if kind in (DROP, PAY_OUT) else 0)
        details: dict[str, object] = {"shift_id": str(shift.id), "movement_id": str(movement_id),
                                      "amount_minor": amount, "currency": ctx.currency, "reason": reason,
                                      "expected_cash_minor": after}
        if approved_by is not None:
            details["approved_by"] = approved_by.username
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action="cash_drop" if kind == DROP else kind, user=user,
                     subject=f"shift {shift.id}", details=details)
        uow.commit()
    log.info("cash movement", extra={"kind": kind, "amount_minor": amount, "shift_id": str(shift_id)})
    opened, error = _kick(ctx, kind)
    return MovementDone(movement_id, kind, amount, ctx.currency, reason, now, after, opened, error)


def cash_drop(ctx: DayContext, *, user: SignedIn | None, amount_minor: int, reason: str,
              approved_by: SignedIn | None = None) -> MovementDone:
    """Cash taken from the drawer to the safe. Audited as cash_drop; the drawer opens after."""
    return _move(ctx, DROP, user=user, amount_minor=amount_minor, reason=reason, approved_by=approved_by)


def pay_out(ctx: DayContext, *, user: SignedIn | None, amount_minor: int, reason: str,
            approved_by: SignedIn | None = None) -> MovementDone:
    """Cash paid out of the drawer (a supplier, petty cash). Audited as pay_out."""
    return _move(ctx, PAY_OUT, user=user, amount_minor=amount_minor, reason=reason, approved_by=approved_by)


def pay_in(ctx: DayContext, *, user: SignedIn | None, amount_minor: int, reason: str,
           approved_by: SignedIn | None = None) -> MovementDone:
    """Cash put into the drawer (more change from the safe). Audited as pay_in."""
    return _move(ctx, PAY_IN, user=user, amount_minor=amount_minor, reason=reason, approved_by=approved_by)


def no_sale(ctx: DayContext, *, user: SignedIn | None, reason: str) -> MovementDone:
    """Opens the drawer without a sale; the reason is required. Audited as no_sale."""
    return _move(ctx, NO_SALE, user=user, amount_minor=0, reason=reason)


def movements(ctx: DayContext, shift_id: uuid.UUID | str | None = None) -> list[MovementView]:
    """The cash movements of a shift (default: the open one; none when no shift is open), oldest first."""
    with ctx.uow() as uow:
        if shift_id is None:
            shift = uow.shifts.open_for_terminal(ctx.terminal_id)
            if shift is None:
                return []
            shift_id = shift.id
        rows = uow.cash.movements(uuid.UUID(str(shift_id)))
        names: dict[uuid.UUID, str] = {}
        for r in rows:
            for uid in (r.user_id, r.approved_by):
                if uid is not None and uid not in names:
                    u = uow.users.get(uid)
                    names[uid] = u.username if u is not None else str(uid)
        return [MovementView(r.id, r.kind, r.amount_minor, r.currency, r.reason, r.created_at, r.user_id,
                             names[r.user_id], names[r.approved_by] if r.approved_by is not None else None)
                for r in rows]


# ------------------------------------------------------------------------------ close


def preview_close(ctx: DayContext, counts: Mapping[int, int]) -> ClosePreview:
    """The figures closing the open shift with `counts` would record (nothing is written)."""
    counted = count_total(ctx, counts)
    with ctx.uow() as uow:
        shift = _open(uow, ctx)
        shift_id = shift.id
        expected = summaries(uow, [shift])[0].expected_cash_minor
    over_short = counted - expected
    return ClosePreview(shift_id, expected, counted, over_short, ctx.over_short_limit_minor,
                        abs(over_short) > ctx.over_short_limit_minor)


def close_shift(ctx: DayContext, *, user: SignedIn | None, counts: Mapping[int, int], manager: SignedIn | None = None,
                note: str | None = None) -> ShiftSummary:
    """Closes the open shift with the drawer counted by denomination. Stores the count, the expected
    cash and over (+) / short (-). When |over/short| > ctx.over_short_limit_minor, a manager
    (`manager`, or `user` when they may approve) and a note are required: otherwise CashRefused
    with reason needs_manager / not_a_manager / note_required (nothing written). Audited as
    shift_close."""
    user_id = _user_id(user)
    counted = count_total(ctx, counts)
    note = mask_card_numbers((note or "").strip()) or None
    now = ctx.clock.now()
    with ctx.uow() as uow:
        shift = _open(uow, ctx)
        expected = summaries(uow, [shift])[0].expected_cash_minor
        over_short = counted - expected
        approver: SignedIn | None = None
        figures = {"expected_minor": expected, "counted_minor": counted, "over_short_minor": over_short,
                   "limit_minor": ctx.over_short_limit_minor}
        if abs(over_short) > ctx.over_short_limit_minor:
            word = "over" if over_short > 0 else "short"
            diff = f"the drawer is {format_money(abs(over_short), ctx.currency)} {word} (counted " \
                   f"{format_money(counted, ctx.currency)}, expected {format_money(expected, ctx.currency)})"
            approver = manager if manager is not None else (user if user is not None and user.can(Permission.APPROVE)
                                                            else None)
            if approver is None:
                raise CashRefused("needs_manager", f"{diff}: more than the {format_money(ctx.over_short_limit_minor, ctx.currency)} "
                                  "allowed; a manager must approve the close with a note", **figures)
            if not approver.can(Permission.APPROVE):
                raise CashRefused("not_a_manager", f"{approver.username} may not approve a close "
                                  f"that is {word}; ask a manager", **figures)
            if note is None:
                raise CashRefused("note_required", f"{diff}: write a note saying why before closing", **figures)
        shift.close(user_id, Money(counted, ctx.currency), now)
        shift.counted_denominations = _normal_counts(counts)
        shift.expected_cash_minor = expected
        shift.over_short_minor = over_short
        shift.close_note = note
        shift.close_approved_by = approver.user_id if approver is not None else None
        if shift.business_date is None:
            shift.business_date = calendar_date(ctx, shift.opened_at)
        details = {"shift_id": str(shift.id), **figures, "currency": ctx.currency,
                   "counts": shift.counted_denominations, "note": note,
                   "approved_by": approver.username if approver is not None else None}
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action="shift_close", user=user,
                     subject=f"shift {shift.id}", details=details)
        uow.commit()
        summary = summaries(uow, [shift])[0]
    log.info("shift closed", extra={"shift_id": summary.shift_id, "expected_minor": expected, "counted_minor": counted,
                                    "over_short_minor": over_short})
    return summary

