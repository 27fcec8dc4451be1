"""The day's reconciliation with the platform and the card terminal.

`reconcile_day` posts this terminal's settlements of a business day (the store's local day) to the
platform as one batch and returns the platform's totals and every difference, each with what to do,
beside the card terminal's own day report and the outbox state. `mark_reconciled` closes the
matter for a day that the Z report closed; `last_reconciliation` shows the kept answer again
without asking anyone.

Rules kept here:
- the batch carries an Idempotency-Key made of the terminal, the date and a hash of the batch and
  of the day's settlements still waiting in the outbox: a repeat after a lost answer gets the
  first answer, while a changed day (or a settlement sent since) gets a fresh comparison;
- a platform that cannot be reached (or refuses) is an answer, not an exception: the result says
  so (`platform_problem`), and the counter carries on;
- the platform's answer is kept in business_days.batch_result, and the card terminal's day report
  in card_report, once the day has a Z (a row). Before the Z the check may be run but nothing is
  kept: marking reconciled needs the Z, and the check is run again after it;
- a day is marked reconciled only when the last kept answer has no difference, it still matches
  the day's settlements, and none of the day's settlements waits in the outbox (or needs
  attention). A manager (Permission.APPROVE) with a note may accept any of these; nobody may mark a
  day that has no Z. The mark and its audit entry commit together.

Threading rule: every function here blocks (database, platform, card terminal): call it on a worker.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

from pos_terminal.clock import day_bounds
from pos_terminal.domain.errors import DomainError
from pos_terminal.domain.model import Permission
from pos_terminal.security import mask_card_numbers
from pos_terminal.ports import (
    AuthenticationFailed,
    BusinessDayRow,
    JsonObject,
    PlatformError,
    PlatformRefused,
    PlatformUnavailable,
    SettlementRow,
    UnitOfWork,
    UnsentSettlement,
)
from pos_terminal.services import audit, reconcile_card, reconcile_prepaid, refund_cases
from pos_terminal.services.reconcile_card import CardComparison, CardFigures
from pos_terminal.services.day_context import DayContext
from pos_terminal.services.users import SignedIn

log = logging.getLogger(__name__)

# What to do about each kind of difference (English; the screens translate by kind). Used when the
# platform's answer carries no action text of its own.
ACTIONS = {
    "missing_at_platform": "the platform never recorded this settlement: let the outbox send it (check the "
                           "network), then reconcile again",
    "missing_at_terminal": "the platform has a settlement from this terminal that its records lack: check the "
                           "terminal's sales and receipts for this order",
    "amount_differs": "the terminal and the platform recorded different amounts: compare the receipt with the "
                      "platform's record and correct the wrong side",
    "amount_differs_from_order": "the amount taken differs from the order's total: settle the difference with "
                                 "the shop",
    "double_payment_refund_case": "the order was paid twice: the buyer gets this payment back per the "
                                  "platform's refund case",
    **reconcile_prepaid.ACTIONS,
}
UNKNOWN_ACTION = "the platform reports a difference this terminal does not know: ask the platform's support"
_PENDING_ACTION = ("this settlement still waits in this terminal's outbox: it is sent as soon as the platform "
                   "answers; reconcile again after that")
_ATTENTION_ACTION = ("the platform refused this settlement for good (see the sync status): have it checked; only "
                     "a manager may mark the day reconciled before that")


class ReconcileRefused(DomainError):
    """The day was not marked reconciled. `reason` is stable for the screens: not_allowed,
    day_not_closed, already_reconciled, outbox_pending, outbox_attention, not_checked,
    differences, needs_manager, note_required, busy. `params["blockers"]` lists every reason
    that stands in the way (a manager's override accepts all of them but day_not_closed and
    already_reconciled)."""

    code = "reconcile_refused"

    def __init__(self, reason: str, message: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


@dataclass(frozen=True)
class Totals:
    count: int
    total_minor: int


@dataclass(frozen=True)
class PlatformTotals:
    """What the platform recorded from this terminal for the day: all of it, then split into
    what counts as paid and what became refund cases (double payments)."""

    count: int
    total_minor: int
    paid_count: int
    paid_minor: int
    refund_case_count: int
    refund_case_minor: int


@dataclass(frozen=True)
class Difference:
    """One settlement the two sides disagree about. `kind`: missing_at_platform,
    missing_at_terminal, amount_differs, amount_differs_from_order, double_payment_refund_case (or
    a kind a newer platform adds). `action`: what to do, English, never empty. `in_outbox`:
    "pending" or "attention" when this terminal's settlement still waits in its outbox.
    `order_total_minor`: the order's total where the platform tells it (amount_differs_from_order).
    A refund case's state and this counter's pay-back of it: services.refund_cases.with_case_states
    (`resolved`: closed, shown but no longer a difference to settle)."""

    kind: str
    settlement_id: str
    order_no: str | None
    terminal_amount_minor: int | None
    platform_amount_minor: int | None
    action: str
    receipt_no: int | None = None
    refund_case_id: str | None = None
    in_outbox: str | None = None
    order_total_minor: int | None = None
    refund_case_status: str | None = None
    resolution: str | None = None
    resolved: bool = False
    paid_back_receipt_no: int | None = None
    payback_state: str | None = None


@dataclass(frozen=True)
class OutboxState:
    """This terminal's settlements not taken by the platform: `pending` waiting to be sent,
    `attention` refused for good; of the day, and `*_total` of any day."""

    pending: int
    attention: int
    pending_total: int
    attention_total: int


@dataclass(frozen=True)
class Blocker:
    """Why the day cannot be marked reconciled now (reasons of ReconcileRefused)."""

    reason: str
    message: str
    manager_may_override: bool


@dataclass(frozen=True)
class Reconciliation:
    """The day compared. `platform_problem` is None when the platform answered this comparison,
    else unreachable | refused | error | not_configured (not_checked from last_reconciliation when
    only a card report is kept), with `platform_message` (English). Without an answer now,
    `platform`, `differences` and `batch_id` are the kept answer's when the day has one
    (`from_store` True, `checked_at` when the platform gave it), else None, () and None.
    `terminal`: the batch as posted (or as it would be). `kept`: the answer shown is kept with
    the day (the day has a Z). `day_status`: None (no Z yet), closed, reconciled. `blockers`:
    why the day cannot be marked reconciled now, in the order mark_reconciled checks them."""

    terminal_id: str
    store_id: str
    business_date: date
    timezone: str
    currency: str
    checked_at: datetime | None
    platform_problem: str | None
    platform_message: str
    terminal: Totals
    platform: PlatformTotals | None
    differences: tuple[Difference, ...]
    card: CardComparison
    outbox: OutboxState
    day_status: str | None
    kept: bool
    from_store: bool
    batch_id: str | None
    blockers: tuple[Blocker, ...]
    reconciled_at: datetime | None = None
    reconciled_by: str | None = None
    override_by: str | None = None
    note: str | None = None

    @property
    def platform_reachable(self) -> bool:
        return self.platform_problem is None

    @property
    def can_mark_reconciled(self) -> bool:
        return not self.blockers

    @property
    def needs_manager(self) -> bool:
        """True when only a manager's override (with a note) lets the day be marked reconciled."""
        return bool(self.blockers) and all(b.manager_may_override for b in self.blockers)

    @property
    def reason(self) -> str | None:
        """Why not (the first blocker's reason), None when it can be marked."""
        return self.blockers[0].reason if self.blockers else None

    @property
    def message(self) -> str:
        return self.blockers[0].message if self.blockers else ""


@dataclass(frozen=True)
class Reconciled:
    business_date: date
    reconciled_at: datetime
    reconciled_by: str
    override_by: str | None
    note: str | None
    overridden: tuple[str, ...]  # the blockers' reasons a manager accepted


# ------------------------------------------------------------------------------------ public


def _own(ctx: DayContext, rows: Iterable[SettlementRow]) -> list[SettlementRow]:
    """[platform]'s settlements among the day's (issue 16: another platform's are settled with it)."""
    mine = ctx.platform_id
    return [r for r in rows if mine is None or getattr(r, "platform_id", None) in (None, mine)]


def reconcile_day(ctx: DayContext, *, user: SignedIn | None, business_date: date | str) -> Reconciliation:
    """Posts the day's settlement batch and compares; reads the card terminal's day report. Never
    raises for a platform or card terminal that cannot answer (see the result). Keeps both
    answers with the day when it has a Z."""
    day = _as_date(business_date)
    start, end = day_bounds(day, ctx.timezone)
    with ctx.uow() as uow:
        rows = _own(ctx, uow.days.settlements_paid(ctx.terminal_id, start, end))
        unsent = uow.days.unsent_settlements(ctx.terminal_id)
    body = _batch_body(day, ctx, rows)
    waiting = sorted(u["settlement_id"] for u in unsent if _in_day(u, start, end))
    digest = body_digest(body)
    key = idempotency_key(ctx.terminal_id, day, digest, waiting)
    answer, problem, message = _post(ctx, body, key)
    if answer is not None:  # the prepaid-card movements, compared here, count as differences too
        answer = reconcile_prepaid.with_prepaid(ctx, day, start, end, answer)
        answer = refund_cases.with_case_states(ctx, day, answer)  # each double payment's case as it is now
    now = ctx.clock.now()
    card_figures, card_report, unavailable, detail = reconcile_card.read_card_terminal(ctx, day)
    kept_answer = None
    if answer is not None:
        kept_answer = {**answer, "received_at": now.isoformat(), "idempotency_key": key, "body_sha256": digest,
                       "settlement_ids": [s["settlement_id"] for s in body["settlements"]]}
    stored_card = None if card_report is None else {**card_report, "reported_at": now.isoformat()}
    with ctx.uow() as uow:
        row = uow.days.get(ctx.terminal_id, day)
        # a reconciled day keeps the answer it was reconciled on
        kept = row is not None and row.status != "reconciled"
        if kept and (kept_answer is not None or stored_card is not None):
            uow.days.save_reconciliation(ctx.terminal_id, day, batch_result=kept_answer, card_report=stored_card)
            uow.commit()
            row = uow.days.get(ctx.terminal_id, day)
        users = _names(uow, row)
    by_id = {str(r.id): r for r in rows}
    deciding = row.batch_result if row is not None and (row.status == "reconciled" or kept_answer is None) \
        else kept_answer
    # without an answer now, the kept one (if any) is shown: it is also what decides
    shown = answer if answer is not None else (row.batch_result if row is not None else None)
    result = _build(ctx, day, start, end, answer=shown, deciding=deciding, current_digest=digest, unsent=unsent,
                    by_id=by_id, posted=Totals(len(body["settlements"]),
                                               sum(s["amount_minor"] for s in body["settlements"])),
                    checked_at=now if answer is not None else _parse_time((shown or {}).get("received_at")),
                    problem=problem, message=message,
                    card=reconcile_card.card_comparison(ctx, start, end, card_figures, unavailable, detail,
                                          stored_card, now if stored_card else None),
                    row=row, users=users, kept=_is_kept(row, shown), from_store=answer is None and shown is not None)
    log.info("day reconciled with the platform" if answer is not None else "day reconciliation without the platform",
             extra={"business_date": day.isoformat(), "terminal_id": ctx.terminal_id,
                    "user": user.username if user is not None else None, "settlements": result.terminal.count,
                    "differences": len(result.differences), "platform_problem": problem,
                    "card_matches": result.card.matches, "kept": result.kept})
    return result


def last_reconciliation(ctx: DayContext, business_date: date | str) -> Reconciliation | None:
    """The kept answer of the day again (no platform, no card terminal), beside this terminal's
    current outbox and card figures. None when nothing is kept (no Z yet, or never checked)."""
    day = _as_date(business_date)
    start, end = day_bounds(day, ctx.timezone)
    with ctx.uow() as uow:
        row = uow.days.get(ctx.terminal_id, day)
        if row is None or (row.batch_result is None and row.card_report is None):
            return None
        rows = _own(ctx, uow.days.settlements_paid(ctx.terminal_id, start, end))
        unsent = uow.days.unsent_settlements(ctx.terminal_id)
        users = _names(uow, row)
    answer = row.batch_result
    body = _batch_body(day, ctx, rows)
    posted = Totals(0, 0)
    if answer is not None:
        posted = Totals(int(answer.get("terminal", {}).get("count", 0)),
                        int(answer.get("terminal", {}).get("total_minor", 0)))
    card_figures = unavailable = None
    detail = ""
    reported_at = None
    if row.card_report is not None:
        card_figures = reconcile_card.figures_of(row.card_report)
        reported_at = _parse_time(row.card_report.get("reported_at"))
    else:
        unavailable, detail = "not_read", "the card terminal's day report was not read for this day"
    return _build(ctx, day, start, end, answer=answer, deciding=answer, current_digest=body_digest(body),
                  unsent=unsent, by_id={str(r.id): r for r in rows}, posted=posted,
                  checked_at=_parse_time(answer.get("received_at")) if answer else None,
                  problem=None if answer is not None else "not_checked",
                  message="" if answer is not None else "the platform's answer was never kept for this day",
                  card=reconcile_card.card_comparison(ctx, start, end, card_figures, unavailable, detail, row.card_report,
                                        reported_at),
                  row=row, users=users, kept=answer is not None, from_store=True)


def mark_reconciled(ctx: DayContext, *, user: SignedIn | None, business_date: date | str,
                    manager: SignedIn | None = None, note: str | None = None) -> Reconciled:
    """Marks the closed day reconciled (status, reconciled_at/by, override, note) and audits it in
    the same transaction. `user` needs Permission.CLOSE_DAY. Refused (ReconcileRefused) while a
    blocker stands (see the module doc), unless `manager` (a SignedIn with Permission.APPROVE)
    accepts it with a `note`."""
    day = _as_date(business_date)
    if user is None or not user.can(Permission.CLOSE_DAY):
        who = user.username if user is not None else "nobody"
        raise ReconcileRefused("not_allowed", f"{who} may not close or reconcile the day: a manager must")
    note = mask_card_numbers((note or "").strip()) or None  # never a card number in a stored note
    start, end = day_bounds(day, ctx.timezone)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        row = uow.days.get(ctx.terminal_id, day)
        rows = _own(ctx, uow.days.settlements_paid(ctx.terminal_id, start, end))
        unsent = uow.days.unsent_settlements(ctx.terminal_id)
        answer = row.batch_result if row is not None else None
        blockers = _blockers(row, answer, body_digest(_batch_body(day, ctx, rows)), _outbox_state(unsent, start, end),
                             problem=None, message="")
        hard = [b for b in blockers if not b.manager_may_override]
        if hard:
            raise ReconcileRefused(hard[0].reason, hard[0].message, blockers=[b.reason for b in blockers])
        override = None
        if blockers:
            if manager is None:
                raise ReconcileRefused(blockers[0].reason,
                                       blockers[0].message + "; or a manager accepts it with a note",
                                       blockers=[b.reason for b in blockers])
            if not manager.can(Permission.APPROVE):
                raise ReconcileRefused("needs_manager", f"{manager.username} may not accept this: "
                                       "a manager must", blockers=[b.reason for b in blockers])
            if note is None:
                raise ReconcileRefused("note_required", "a manager who accepts this must say why in a note",
                                       blockers=[b.reason for b in blockers])
            override = manager
        if not uow.days.set_reconciled(ctx.terminal_id, day, at=now, by=user.user_id,
                                       override_by=override.user_id if override is not None else None, note=note):
            raise ReconcileRefused("busy", "the day changed while it was being marked (marked elsewhere?): look "
                                   "again", blockers=[])
        overridden = tuple(b.reason for b in blockers)
        differences = (answer.get("differences") or []) if answer else []
        state = _outbox_state(unsent, start, end)
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=audit.RECONCILE, user=user,
                     subject=day.isoformat(), outcome="override" if override is not None else "ok",
                     details={"business_date": day.isoformat(), "batch_id": answer.get("batch_id") if answer else None,
                              "differences": [{"kind": d.get("kind"), "order_no": d.get("order_no")}
                                              for d in differences],
                              "pending": state.pending, "attention": state.attention,
                              "overridden": list(overridden),
                              "manager": override.username if override is not None else None, "note": note})
        uow.commit()
    if override is not None:
        log.warning("day marked reconciled by a manager's override",
                    extra={"business_date": day.isoformat(), "terminal_id": ctx.terminal_id,
                           "manager": override.username, "overridden": list(overridden)})
    else:
        log.info("day marked reconciled", extra={"business_date": day.isoformat(), "terminal_id": ctx.terminal_id})
    return Reconciled(day, now, user.username, override.username if override is not None else None, note, overridden)


# ------------------------------------------------------------------------------ the batch


def _batch_body(day: date, ctx: DayContext, rows: list[SettlementRow]) -> JsonObject:
    return {
        "business_date": day.isoformat(),
        "timezone": ctx.timezone,
        "currency": ctx.currency,
        "settlements": [
            {"settlement_id": str(r.id), "order_no": r.order_no, "amount_minor": int(r.amount_minor),
             "currency": r.currency, "receipt_no": r.receipt_no,
             "paid_at": r.paid_at.astimezone(timezone.utc).isoformat()}
            for r in rows
        ],
    }


def body_digest(body: JsonObject) -> str:
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


def idempotency_key(terminal_id: str, day: date, digest: str, waiting: Iterable[str] = ()) -> str:
    """batch-<terminal>-<date>-<hash of the batch and of the day's settlements still waiting>."""
    h = hashlib.sha256((digest + "|" + ",".join(waiting)).encode()).hexdigest()[:32]
    return f"batch-{terminal_id}-{day.isoformat()}-{h}"


def _post(ctx: DayContext, body: JsonObject, key: str) -> tuple[JsonObject | None, str | None, str]:
    """(answer, problem, message): never raises for the platform's sake."""
    if ctx.platform is None:
        return None, "not_configured", "no platform is configured for this terminal: nothing to compare with"
    try:
        answer = ctx.platform.post_settlement_batch(body, key)
    except PlatformUnavailable as exc:
        log.warning("settlement batch not posted: platform unreachable", extra={"error": exc.message})
        return None, "unreachable", exc.message
    except AuthenticationFailed as exc:
        return None, "refused", exc.message
    except PlatformRefused as exc:
        log.warning("settlement batch refused", extra={"code": exc.code, "error": exc.message})
        return None, "refused", exc.message
    except PlatformError as exc:
        return None, "error", exc.message
    if not isinstance(answer, dict) or not isinstance(answer.get("differences", []), list):
        return None, "error", "the platform's answer to the settlement batch cannot be read"
    return answer, None, ""


# ---------------------------------------------------------------------------- the answer


def _build(ctx: DayContext, day: date, start: datetime, end: datetime, *, answer: JsonObject | None,
           deciding: JsonObject | None, current_digest: str, unsent: list[UnsentSettlement],
           by_id: dict[str, SettlementRow], posted: Totals, checked_at: datetime | None, problem: str | None,
           message: str, card: CardComparison, row: BusinessDayRow | None, users: dict[str, str],
           kept: bool, from_store: bool) -> Reconciliation:
    state = _outbox_state(unsent, start, end)
    where = {u["settlement_id"]: ("attention" if u["attention"] else "pending") for u in unsent}
    platform: PlatformTotals | None = None
    differences: tuple[Difference, ...] | None = None
    if answer is not None:
        p = answer.get("platform") or {}
        platform = PlatformTotals(*(int(p.get(k) or 0) for k in ("count", "total_minor", "paid_count", "paid_minor",
                                                                  "refund_case_count", "refund_case_minor")))
        differences = tuple(_difference(d, by_id, where) for d in answer.get("differences") or [])
    return Reconciliation(
        ctx.terminal_id, ctx.store_id, day, ctx.timezone, ctx.currency, checked_at, problem, message, posted, platform,
        differences or (), card, state, row.status if row is not None else None, kept, from_store,
        answer.get("batch_id") if answer else None,
        _blockers(row, deciding, current_digest, state, problem=problem, message=message),
        row.reconciled_at if row is not None else None, users.get("reconciled_by"), users.get("override_by"),
        row.reconcile_note if row is not None else None)


def _difference(d: JsonObject, by_id: dict[str, SettlementRow], where: dict[str, str]) -> Difference:
    kind = str(d.get("kind") or "unknown")
    sid = str(d.get("settlement_id") or "")
    local = by_id.get(sid)
    in_outbox = where.get(sid)
    action = str(d.get("action") or "").strip() or ACTIONS.get(kind, UNKNOWN_ACTION)
    if kind == "missing_at_platform" and in_outbox is not None:
        action = _ATTENTION_ACTION if in_outbox == "attention" else _PENDING_ACTION
    return Difference(kind, sid, d.get("order_no"), _int_or_none(d.get("terminal_amount_minor")),
                      _int_or_none(d.get("platform_amount_minor")), action,
                      receipt_no=local.receipt_no if local is not None else None,
                      refund_case_id=d.get("refund_case_id"), in_outbox=in_outbox,
                      order_total_minor=_int_or_none(d.get("order_total_minor")),
                      refund_case_status=d.get("refund_case_status"), resolution=d.get("resolution"),
                      resolved=bool(d.get("resolved")), payback_state=d.get("payback_state"),
                      paid_back_receipt_no=_int_or_none(d.get("paid_back_receipt_no")))


def _blockers(row: BusinessDayRow | None, answer: JsonObject | None, current_digest: str, state: OutboxState, *,
              problem: str | None, message: str) -> tuple[Blocker, ...]:
    """Why the day cannot be marked reconciled, from the kept answer `answer` (or the one just
    received before the Z: it cannot be kept then, but the day_not_closed blocker says so)."""
    out: list[Blocker] = []
    if row is None:
        out.append(Blocker("day_not_closed", "close the day first (Z report): only a closed day is reconciled", False))
    elif row.status == "reconciled":
        out.append(Blocker("already_reconciled", "this day is marked reconciled already", False))
    if state.pending:
        out.append(Blocker("outbox_pending", f"{state.pending} settlement(s) of this day still wait in the outbox: "
                           "let them be sent (check the network), then reconcile again", True))
    if state.attention:
        out.append(Blocker("outbox_attention", f"the platform refused {state.attention} settlement(s) of this day "
                           "for good: have them checked (sync status)", True))
    if answer is None:
        why = {"unreachable": f"the platform could not be reached ({message})",
               "refused": f"the platform refused the comparison ({message})",
               "error": f"the platform's answer could not be used ({message})",
               "not_configured": message}.get(problem or "", "the day was not compared with the platform yet")
        out.append(Blocker("not_checked", f"{why}: reconcile with the platform first", True))
    elif answer.get("body_sha256") not in (None, current_digest):
        out.append(Blocker("not_checked", "the day's settlements changed since the platform compared them: "
                           "reconcile again", True))
    elif left := [d for d in answer.get("differences") or [] if not d.get("resolved")]:  # closed cases: settled
        out.append(Blocker("differences", f"the platform reports {len(left)} difference(s): "
                           "settle them, then reconcile again", True))
    return tuple(out)


def _outbox_state(unsent: list[UnsentSettlement], start: datetime, end: datetime) -> OutboxState:
    day = [u for u in unsent if _in_day(u, start, end)]
    return OutboxState(sum(not u["attention"] for u in day), sum(u["attention"] for u in day),
                       sum(not u["attention"] for u in unsent), sum(u["attention"] for u in unsent))


def _in_day(unsent: UnsentSettlement, start: datetime, end: datetime) -> bool:
    paid_at = unsent.get("paid_at")
    if paid_at is None:
        return True  # cannot tell: count it against the day rather than hide it
    if paid_at.tzinfo is None:
        paid_at = paid_at.replace(tzinfo=timezone.utc)
    return start <= paid_at < end


def _is_kept(row: BusinessDayRow | None, shown: JsonObject | None) -> bool:
    kept = row.batch_result if row is not None else None
    return bool(kept and shown and kept.get("batch_id") == shown.get("batch_id"))


def _names(uow: UnitOfWork, row: BusinessDayRow | None) -> dict[str, str]:
    names: dict[str, str] = {}
    if row is None:
        return names
    for field, user_id in (("reconciled_by", row.reconciled_by), ("override_by", row.reconcile_override_by)):
        if user_id is not None:
            user = uow.users.get(user_id)
            names[field] = user.username if user is not None else str(user_id)
    return names


# ------------------------------------------------------------------------------------ small


def _as_date(value: date | str) -> date:
    if isinstance(value, datetime):
        raise TypeError("business_date is a date (the store's local day), not a datetime")
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _int_or_none(value: Any) -> int | None:
    return None if value is None else int(value)


def _parse_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


__all__ = [
    "ACTIONS", "Blocker", "CardComparison", "CardFigures", "Difference", "OutboxState", "PlatformTotals",
    "Reconciled", "Reconciliation", "ReconcileRefused", "Totals", "last_reconciliation",
    "mark_reconciled", "reconcile_day",
]

