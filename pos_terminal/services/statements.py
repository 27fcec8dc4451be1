"""The day's settlement statement of this store with one platform (issue 16): computed from the
terminal's own records, compared line by line with the platform's, accepted by a manager.

What the terminal counts for business day D and platform P (refs as the platform knows them, see
domain.model.statements and services.counter_money), over every terminal of the store, each in
its own business-day window (services.day_context.day_window: a shift opened after the Z counts
to the next day):
- SALE: each settlement paid in the window (ref: the settlement id; tenders: tender_amounts);
- DOUBLE_PAYMENT: such a settlement the platform answered with a refund case (outbox outcome);
- REFUND: each counter leg (cash, bank card, prepaid card) of a refund case paid out in the
  window (ref "<case id>/<leg index>"; an online leg moves nothing at the counter);
- PAYBACK: each double payment paid back in the window (ref: the pay-back id);
- VOID: each void with money given back (the audit entry's details "ref" and "given_back").
The platform of a record: settlements.platform_id, else orders.platform_id, else [platform].

Acceptance (`accept`): a manager (Permission.CLOSE_DAY) accepts the statement they were shown (its
digest): it is recomputed in the acceptance's transaction and refused when its digest differs
("the figures changed since you looked"), when one is accepted already, while the day is not closed
(Z), and without a note when something stands in the way (settlements or counter movements of the
day still in the outbox, the platform unreachable, differences with the platform's statement). The
number (ST-YYYYMMDD-NNNNNN, gap-free per store: statement_counters), the stored body and digest,
the audit entry and, for the direct route, the platform's notice (outbox "statement_accepted")
commit together. An accepted statement is never rewritten: a recompute that differs from it is
shown as differences of kind "changed_after_acceptance".

Threading: every function here blocks (database, platform): call it on a worker."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pos_terminal.domain.model import OutboxMessage, Permission
from pos_terminal.domain.model.statements import (
    DOUBLE_PAYMENT,
    PAYBACK,
    REFUND,
    SALE,
    VOID,
    Contract,
    Movement,
    Statement,
    StatementDifference,
    StatementError,
    compare_statements,
    compute_statement,
)
from pos_terminal.domain.errors import DomainError
from pos_terminal.ports import Clock, PlatformClient, PlatformError, PlatformUnavailable
from pos_terminal.ports.statements import StatementUnitOfWork
from pos_terminal.security import mask_card_numbers
from pos_terminal.services import audit
from pos_terminal.services.counter_money import COUNTER_LEG_ROUTES, PAYBACK_TOPIC, REFUND_TOPIC, VOID_TOPIC, tender_of
from pos_terminal.services.day_context import DayContext, current_day, day_window
from pos_terminal.services.users import SignedIn

log = logging.getLogger(__name__)

STATEMENT_ACCEPT = "statement_accept"  # audit action
ACCEPTED_TOPIC = "statement_accepted"  # outbox topic: client.post_statement_accepted (route direct)
SETTLEMENT_TOPIC = "settlement"
CHANGED_AFTER_ACCEPTANCE = "changed_after_acceptance"
NUMBER_PREFIX = "ST"


class StatementRefused(DomainError):
    """`reason`: not_allowed, unknown_platform, day_open, already_accepted, digest_changed,
    note_required, busy. `message` names the cause and what to do."""

    def __init__(self, reason: str, message: str, *, blockers: Iterable[str] = ()) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message
        self.blockers = list(blockers)


@dataclass(frozen=True)
class PlatformTerms:
    """A platform this store settles with: [platform] with [settlement], or an [[issuers]] entry."""

    id: str
    name: str
    route: str  # direct | clearing_house
    currency: str
    contract: Contract


@dataclass
class StatementContext:
    uow: Callable[[], StatementUnitOfWork]
    clock: Clock
    terminal_id: str
    store_id: str
    platforms: tuple[PlatformTerms, ...]  # [platform] first
    client_for: Callable[[str], PlatformClient | None]
    timezone: str = "UTC"
    currency: str = "CNY"
    day_change_hour: int = 0

    def terms(self, platform_id: str | None) -> PlatformTerms:
        if not platform_id:
            return self.platforms[0]
        for terms in self.platforms:
            if terms.id == platform_id:
                return terms
        known = ", ".join(t.id for t in self.platforms)
        raise StatementRefused("unknown_platform", f"this counter does not settle with platform {platform_id!r} "
                                                   f"(it knows {known}): check --platform or the settings")

    def day_ctx(self, terminal_id: str) -> DayContext:
        return DayContext(self.uow, self.clock, terminal_id, self.store_id, timezone=self.timezone,
                          currency=self.currency, day_change_hour=self.day_change_hour)


@dataclass(frozen=True)
class Blocker:
    reason: str  # day_open | outbox_pending | outbox_attention | platform_unreachable | differences
    message: str
    hard: bool = False  # no note makes it acceptable


@dataclass
class StatementView:
    business_date: date
    platform_id: str
    statement: Statement  # the accepted one when there is one, else computed now
    platform: Statement | None
    platform_error: str | None
    differences: list[StatementDifference]
    accepted: bool
    blockers: list[str]
    remittances: list[dict[str, Any]] = field(default_factory=list)
    blocker_reasons: list[str] = field(default_factory=list)
    route: str = "direct"
    next_number: str | None = None  # not accepted yet: the number accepting it takes now (the page's dialog names it)

    @property
    def digest(self) -> str:
        return self.statement.digest

    def to_json(self) -> dict[str, Any]:
        return {"business_date": self.business_date.isoformat(), "platform_id": self.platform_id,
                "route": self.route, "accepted": self.accepted, "number": self.statement.number,
                "digest": self.digest, "net_minor": self.statement.net_minor, "currency": self.statement.currency,
                "statement": self.statement.to_json(),
                "platform": self.platform.to_json() if self.platform is not None else None,
                "platform_error": self.platform_error,
                "differences": [d.to_json() for d in self.differences],
                "blockers": list(self.blockers), "blocker_reasons": list(self.blocker_reasons),
                "remittances": list(self.remittances)}


# ------------------------------------------------------------------------------ the records


def _sale_tenders(tender_kinds: str, tender_amounts: list[dict[str, Any]] | None,
                  amount_minor: int) -> tuple[tuple[str, int], ...]:
    shares: dict[str, int] = {}
    if tender_amounts:
        for t in tender_amounts:
            amount = int(t.get("amount_minor") or 0)
            if amount > 0:
                key = tender_of(str(t.get("kind")))
                shares[key] = shares.get(key, 0) + amount
    else:
        kinds = [k for k in tender_kinds.split(",") if k]
        if kinds:
            shares[tender_of(kinds[0])] = amount_minor
    return tuple(sorted(shares.items()))


def movements(uow: StatementUnitOfWork, ctx: StatementContext, day: date, platform_id: str) -> tuple[
        list[Movement], list[str]]:
    """The day's movements of the store for `platform_id` from the records, and the terminals
    that recorded any movement of the day (any platform)."""
    primary = ctx.platforms[0].id
    repo = uow.statements
    terminals = sorted(set(repo.store_terminals(ctx.store_id)) | {ctx.terminal_id})
    found: list[Movement] = []
    active: list[str] = []

    def mine(pid: str | None) -> bool:
        return (pid or primary) == platform_id

    for terminal in terminals:
        start, end = day_window(uow, ctx.day_ctx(terminal), day)
        sales = [s for s in repo.sales(terminal, start, end) if s.currency == ctx.currency]
        refunds = [r for r in repo.refunds_paid(terminal, start, end) if r.currency == ctx.currency]
        paybacks = [p for p in repo.paybacks(terminal, start, end) if p.currency == ctx.currency]
        voids = [v for v in uow.audit.actions_between(terminal, audit.VOID, start, end)
                 if v["outcome"] == audit.OK and v["details"].get("given_back") and v["details"].get("ref")]
        if sales or refunds or paybacks or voids:
            active.append(terminal)
        doubles = repo.double_payments(terminal) if sales else set()
        for s in sales:
            if not mine(s.platform_id):
                continue
            tenders = _sale_tenders(s.tender_kinds, s.tender_amounts, s.amount_minor)
            if not tenders:
                continue
            found.append(Movement(SALE, s.settlement_id, s.order_no, tenders, s.paid_at))
            if s.settlement_id in doubles:
                found.append(Movement(DOUBLE_PAYMENT, s.settlement_id, s.order_no, tenders, s.paid_at))
        for r in refunds:
            if not mine(r.platform_id):
                continue
            legs = r.legs or [{"route": r.route, "amount_minor": r.amount_minor}]
            for index, leg in enumerate(legs):
                route, amount = str(leg.get("route")), int(leg.get("amount_minor") or 0)
                if route in COUNTER_LEG_ROUTES and amount > 0:
                    found.append(Movement(REFUND, f"{r.case_id}/{index}", r.order_no, ((tender_of(route), amount),),
                                          r.paid_out_at))
        for p in paybacks:
            if mine(p.platform_id) and p.amount_minor > 0:
                found.append(Movement(PAYBACK, p.payback_id, p.order_no, ((tender_of(p.route), p.amount_minor),),
                                      p.paid_at))
        if voids:
            owners = repo.order_platforms(str(v["details"].get("order_no") or v["subject"] or "") for v in voids)
            for v in voids:
                d = v["details"]
                order_no = str(d.get("order_no") or v["subject"] or "")
                if str(d.get("currency") or ctx.currency) != ctx.currency or not mine(owners.get(order_no)):
                    continue
                shares: dict[str, int] = {}
                for g in d.get("given_back") or []:
                    amount = int(g.get("amount_minor") or 0)
                    if amount > 0:
                        key = tender_of(str(g.get("kind")))
                        shares[key] = shares.get(key, 0) + amount
                if shares:
                    found.append(Movement(VOID, str(d["ref"]), order_no, tuple(sorted(shares.items())), v["at"]))
    return found, active


def compute(uow: StatementUnitOfWork, ctx: StatementContext, day: date, platform_id: str) -> tuple[Statement,
                                                                                                      list[str]]:
    """The terminal's statement of the day for the platform, and the terminals that had movements."""
    terms = ctx.terms(platform_id)
    moves, active = movements(uow, ctx, day, terms.id)
    return compute_statement(store_id=ctx.store_id, platform_id=terms.id, business_date=day, currency=ctx.currency,
                             contract=terms.contract, movements=moves), active


def _blockers(uow: StatementUnitOfWork, ctx: StatementContext, day: date, platform_id: str,
              active: list[str]) -> list[Blocker]:
    out: list[Blocker] = []
    primary = ctx.platforms[0].id
    for terminal in sorted(set(active) | {ctx.terminal_id}):
        if uow.days.get(terminal, day) is None:
            where = "this terminal" if terminal == ctx.terminal_id else f"terminal {terminal}"
            out.append(Blocker("day_open", f"the day {day.isoformat()} is not closed (Z) on {where}: take the Z "
                                           "report first; until then its figures can still change", hard=True))
    pending = attention = 0
    topics = (SETTLEMENT_TOPIC, REFUND_TOPIC, VOID_TOPIC, PAYBACK_TOPIC)
    for terminal in sorted(set(active) | {ctx.terminal_id}):  # a shared database: every terminal's messages
        start, end = day_window(uow, ctx.day_ctx(terminal), day)
        for row in uow.statements.unsent(terminal, topics):
            payload = row.payload
            if (payload.get("platform_id") or primary) != platform_id:
                continue
            if row.topic == SETTLEMENT_TOPIC:
                try:
                    paid_at = datetime.fromisoformat(str(payload.get("paid_at")))
                except ValueError:
                    paid_at = row.created_at
                of_day = str(payload.get("business_date") or "") == day.isoformat() or start <= paid_at < end
            else:
                of_day = str(payload.get("business_date") or "") == day.isoformat()
            if of_day:
                if row.attention:
                    attention += 1
                else:
                    pending += 1
    if pending:
        out.append(Blocker("outbox_pending", f"{pending} message{'s' if pending != 1 else ''} of the day "
                                             f"(settlements, refunds, voids) wait{'s' if pending == 1 else ''} in "
                                             "the outbox: let the sync send them, then look again"))
    if attention:
        out.append(Blocker("outbox_attention", f"{attention} message{'s' if attention != 1 else ''} of the day "
                                               "were refused by the platform: see the Sync page"))
    return out


def fetch_platform(ctx: StatementContext, day: date, platform_id: str) -> tuple[Statement | None, str | None]:
    """The platform's own statement of the day, or why there is none (never raises for the platform)."""
    client = ctx.client_for(platform_id)
    if client is None:
        return None, f"platform {platform_id} is not connected to this counter (offline mode)"
    try:
        body = client.platform_statement(ctx.store_id, day.isoformat(), ctx.timezone)
    except PlatformUnavailable as exc:
        return None, f"the platform cannot be reached ({exc.message}); its statement is compared when it answers"
    except PlatformError as exc:
        return None, f"the platform refused its statement: {exc.message}"
    try:
        return Statement.from_json(dict(body)), None
    except StatementError as exc:
        return None, f"the platform's statement cannot be used: {exc}"
    except (KeyError, TypeError, ValueError) as exc:
        return None, f"the platform's statement cannot be read ({exc.__class__.__name__}: {exc})"


def _changed_after(accepted: Statement, now: Statement) -> list[StatementDifference]:
    action = (f"The terminal's records of this day changed after statement {accepted.number} was accepted; the "
              "accepted statement stays as it was: settle the change with the platform (it shows on its side as a "
              "difference) and find out why the records changed.")
    return [StatementDifference(CHANGED_AFTER_ACCEPTANCE, f"{d.kind}:{d.key}", d.terminal, d.platform, action)
            for d in compare_statements(accepted, now)] or [
        StatementDifference(CHANGED_AFTER_ACCEPTANCE, "digest", accepted.digest, now.digest, action)]


def _check_user(user: SignedIn | None, what: str) -> SignedIn:
    if user is None or not user.can(Permission.CLOSE_DAY):
        who = user.username if user is not None else "nobody"
        raise StatementRefused("not_allowed", f"{who} may not {what} settlement statements: a manager must")
    return user


def default_day(ctx: StatementContext) -> date:
    """The day a statement is asked for without a date: the last day this terminal closed (Z),
    else the day it works on."""
    with ctx.uow() as uow:
        closed = uow.days.closed_days(ctx.terminal_id, limit=1)
        if closed:
            return closed[0].business_date
        return current_day(uow, ctx.day_ctx(ctx.terminal_id), ctx.clock.now()).date


def view(ctx: StatementContext, user: SignedIn | None, business_date: date | None = None,
         platform_id: str | None = None) -> StatementView:
    """The statement of the day with the platform's, their differences and what stands in the way
    of accepting it."""
    _check_user(user, "see")
    terms = ctx.terms(platform_id)
    day = business_date or default_day(ctx)
    with ctx.uow() as uow:
        computed, active = compute(uow, ctx, day, terms.id)
        accepted = uow.statements.accepted(ctx.store_id, terms.id, day)
        blockers = [] if accepted is not None else _blockers(uow, ctx, day, terms.id, active)
        upcoming = None if accepted is not None else statement_number(day, uow.statements.last_number(ctx.store_id) + 1)
    platform, error = fetch_platform(ctx, day, terms.id)
    shown = accepted if accepted is not None else computed
    differences = compare_statements(shown, platform) if platform is not None else []
    if accepted is not None and accepted.digest != computed.digest:
        differences = _changed_after(accepted, computed) + differences
    if accepted is None:
        if error is not None:
            blockers.append(Blocker("platform_unreachable", error + " (accepting it needs a note)"))
        if differences:
            blockers.append(Blocker("differences", f"{len(differences)} difference"
                                                   f"{'s' if len(differences) != 1 else ''} with the platform's "
                                                   "statement (accepting it needs a note)"))
    remittances = list((platform.extra.get("remittances") or []) if platform is not None else [])
    return StatementView(day, terms.id, shown, platform, error, differences, accepted is not None,
                         [b.message for b in blockers], remittances, [b.reason for b in blockers], terms.route,
                         upcoming)


def statement_number(day: date, n: int) -> str:
    return f"{NUMBER_PREFIX}-{day:%Y%m%d}-{n:06d}"


def accept(ctx: StatementContext, user: SignedIn | None, business_date: date, platform_id: str | None,
           digest: str, note: str = "") -> Statement:
    """Accepts the statement whose digest the manager was shown (see the module doc)."""
    manager = _check_user(user, "accept")
    terms = ctx.terms(platform_id)
    day = business_date
    note = mask_card_numbers(note.strip()) or ""  # never a card number in a stored note
    platform, error = fetch_platform(ctx, day, terms.id)  # the network before the transaction
    try:
        accepted, blockers = _accept_in_transaction(ctx, manager, terms, day, digest, note, platform, error)
    except StatementRefused:
        raise
    except Exception:  # e.g. the unique constraint: another terminal of the store accepted it first
        with ctx.uow() as again:
            other = again.statements.accepted(ctx.store_id, terms.id, day)
        if other is not None:
            raise StatementRefused("already_accepted", f"the statement was just accepted elsewhere as "
                                                       f"{other.number}: look again") from None
        raise
    log.info("settlement statement accepted", extra={"number": accepted.number, "platform_id": terms.id,
                                                     "business_date": day.isoformat(), "net_minor": accepted.net_minor,
                                                     "overridden": [b.reason for b in blockers]})
    return accepted


def _accept_in_transaction(ctx: StatementContext, manager: SignedIn, terms: PlatformTerms, day: date, digest: str,
                           note: str, platform: Statement | None,
                           error: str | None) -> tuple[Statement, list[Blocker]]:
    with ctx.uow() as uow:
        earlier = uow.statements.accepted(ctx.store_id, terms.id, day)
        if earlier is not None:
            raise StatementRefused("already_accepted", f"the statement of {day.isoformat()} with {terms.id} is "
                                                       f"accepted already as {earlier.number}; an accepted "
                                                       "statement never changes")
        statement, active = compute(uow, ctx, day, terms.id)
        if statement.digest != digest:
            raise StatementRefused("digest_changed", "the figures changed since you looked: look again")
        blockers = _blockers(uow, ctx, day, terms.id, active)
        differences = compare_statements(statement, platform) if platform is not None else []
        if error is not None:
            blockers.append(Blocker("platform_unreachable", error))
        if differences:
            blockers.append(Blocker("differences", f"{len(differences)} differences with the platform's statement"))
        hard = [b for b in blockers if b.hard]
        if hard:
            raise StatementRefused(hard[0].reason, hard[0].message, blockers=[b.reason for b in blockers])
        if blockers and not note:
            raise StatementRefused("note_required", "; ".join(b.message for b in blockers) +
                                   ": a manager who accepts it anyway must say why in a note",
                                   blockers=[b.reason for b in blockers])
        now = ctx.clock.now()
        number = statement_number(day, uow.statements.next_number(ctx.store_id))
        accepted = statement.accepted(number, now, str(manager.user_id))
        uow.statements.add_accepted(accepted, route=terms.route, computed_at=now, accepted_by=manager.user_id)
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=STATEMENT_ACCEPT, user=manager,
                     subject=number, outcome="override" if blockers else audit.OK,
                     details={"number": number, "business_date": day.isoformat(), "platform_id": terms.id,
                              "digest": accepted.digest, "net_minor": accepted.net_minor,
                              "currency": accepted.currency, "route": terms.route,
                              "platform_digest": platform.digest if platform is not None else None,
                              "differences": [{"kind": d.kind, "key": d.key} for d in differences][:50],
                              "blockers": [b.reason for b in blockers], "note": note or None})
        if terms.route == "direct":
            uow.outbox.add(OutboxMessage(ACCEPTED_TOPIC, accepted_payload(ctx, accepted), created_at=now,
                                         terminal_id=ctx.terminal_id))
        uow.commit()
    return accepted, blockers


def accepted_payload(ctx: StatementContext, statement: Statement) -> dict[str, Any]:
    """The body of POST /statements/accepted (the direct route's notice to the platform)."""
    return {"number": statement.number, "business_date": statement.business_date.isoformat(),
            "digest": statement.digest, "net_minor": statement.net_minor, "currency": statement.currency,
            "platform_id": statement.platform_id, "store_id": ctx.store_id, "terminal_id": ctx.terminal_id,
            "statement": statement.to_json()}
