"""The day's prepaid-card comparison, part of the reconciliation (reconcile.py): the platform's
list of this terminal's prepaid debits and credits beside what the terminal recorded.

Threading rule: blocks (database, platform): call it on a worker."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from pos_terminal.domain.model import CardRequestKind, CardRequestState
from pos_terminal.money import Money
from pos_terminal.ports import JsonObject, PlatformError, PlatformUnavailable
from pos_terminal.services.day_context import DayContext

log = logging.getLogger(__name__)

# What to do about each kind of prepaid difference (part of reconcile.ACTIONS).
ACTIONS = {
    "prepaid_without_sale": "a prepaid card was debited and no sale records it (the terminal stopped during a "
                            "checkout?): restart the terminal or take a prepaid payment, which gives it back to the "
                            "card; if it stays, have the platform credit the card",
    "prepaid_not_recorded": "the platform moved money on a prepaid card from this terminal that no sale, refund or "
                            "void here records: find the sale or refund; if there is none, have the platform give "
                            "it back",
    "prepaid_missing_at_platform": "this terminal recorded a prepaid-card payment that the platform does not list "
                                   "for this day: check the card's history with the platform",
    "prepaid_amount_differs": "the terminal and the platform recorded different prepaid amounts: compare the "
                              "receipt with the card's history and correct the wrong side",
    "prepaid_not_compared": "the platform's prepaid-card movements could not be read: reconcile again",
}

# a movement as this terminal recorded it: (debit | credit, amount_minor, order_no)
_Recorded = tuple[str, int, str | None]


@dataclass(frozen=True)
class _Journalled:
    """A prepaid debit or credit of the terminal's card journal, by its Idempotency-Key."""

    kind: CardRequestKind
    state: CardRequestState
    order_no: str
    amount_minor: int
    transaction_id: str | None  # the platform's, once known
    in_day: bool  # written within the business day

def with_prepaid(ctx: DayContext, day: date, start: datetime, end: datetime, answer: JsonObject) -> JsonObject:
    """The batch's answer with the prepaid-card comparison added: its figures under "prepaid"
    and each difference in "differences" (kinds prepaid_*, keyed by the platform's transaction id)."""
    prepaid, diffs = compare_prepaid(ctx, day, start, end)
    merged = list(answer.get("differences") or []) + diffs
    return {**answer, "differences": merged, "reconciled": bool(answer.get("reconciled", not merged)) and not diffs,
            "prepaid": prepaid}


def compare_prepaid(ctx: DayContext, day: date, start: datetime,
                    end: datetime) -> tuple[JsonObject, list[JsonObject]]:
    """This terminal's prepaid-card debits and credits of the day, as the platform lists them,
    beside what the terminal recorded (sale tenders, refund payouts, the prepaid journal: voids and
    give-backs), matched by the platform's transaction id. Returns (figures, differences)."""
    platform = ctx.platform
    try:
        if platform is None:
            raise PlatformUnavailable("no platform is configured for this terminal")
        listed = platform.card_movements(day.isoformat(), ctx.timezone)
        moves: list[JsonObject] = [m for m in listed.get("movements") or []
                                   if m.get("currency", ctx.currency) == ctx.currency]
    except PlatformError as exc:
        text = exc.message or str(exc)
        log.warning("prepaid movements not read", extra={"error": text})
        return {}, [{"kind": "prepaid_not_compared", "settlement_id": "", "order_no": None,
                     "terminal_amount_minor": None, "platform_amount_minor": None,
                     "action": f"{ACTIONS['prepaid_not_compared']} ({text})"}]
    recorded: dict[str, _Recorded] = {}  # transaction id -> (debit|credit, amount, order)
    by_key: dict[str, _Journalled] = {}
    # the journal a day either side too: a movement the platform dated just past midnight is still known
    near = (start - timedelta(days=1), end + timedelta(days=1))
    with ctx.uow() as uow:
        for order_no, reference, amount in uow.days.prepaid_tenders(ctx.terminal_id, start, end):
            if reference:
                recorded[reference] = ("debit", int(amount), order_no)
        for _amount, _route, legs, _cash, _receipt in uow.days.refunds_paid(ctx.terminal_id, start, end):
            for leg in legs or []:
                if leg.get("route") == "prepaid_card" and leg.get("done") and leg.get("reference"):
                    recorded[leg["reference"]] = ("credit", int(leg.get("amount_minor") or 0), None)
        for entry in uow.card_requests.prepaid_between(ctx.terminal_id, *near):
            by_key[entry.request_id] = _Journalled(entry.kind, entry.state, entry.order_no, entry.amount.minor,
                                                   entry.card_reference, start <= entry.created_at < end)
    key_of = {row.transaction_id: key for key, row in by_key.items() if row.transaction_id}
    known = dict(recorded)  # what a listed movement is matched with: the day's records and the journal near it
    for j in by_key.values():
        tx = j.transaction_id
        if not tx:
            continue
        what: _Recorded | None = None
        if j.kind is CardRequestKind.PREPAID_DEBIT and j.state in (CardRequestState.SETTLED,
                                                                   CardRequestState.REFUNDED):
            what = ("debit", j.amount_minor, j.order_no)
        elif j.kind is CardRequestKind.PREPAID_CREDIT and j.state is CardRequestState.SETTLED:
            what = ("credit", j.amount_minor, j.order_no)
        if what is not None:
            known.setdefault(tx, what)
            if j.in_day:
                recorded.setdefault(tx, what)
    diffs: list[JsonObject] = []
    seen: set[str] = set()
    for m in moves:
        tx, amount, last4 = str(m.get("transaction_id") or ""), int(m.get("amount_minor") or 0), m.get("card_last4")
        seen.add(tx)
        journal = by_key.get(str(m.get("idempotency_key") or ""))
        journal_order = journal.order_no if journal else None
        mine = known.get(tx)
        card = f" (card ****{last4})" if last4 else ""
        if mine is None:
            kind = "prepaid_without_sale" if journal and journal.kind is CardRequestKind.PREPAID_DEBIT \
                else "prepaid_not_recorded"
            diffs.append({"kind": kind, "settlement_id": tx, "order_no": journal_order, "terminal_amount_minor": None,
                          "platform_amount_minor": amount, "movement": m.get("kind"), "card_last4": last4,
                          "action": f"{m.get('kind')} of {Money(amount, ctx.currency).format()}{card}: {ACTIONS[kind]}"})
        elif mine[1] != amount or mine[0] != m.get("kind"):
            diffs.append({"kind": "prepaid_amount_differs", "settlement_id": tx, "order_no": mine[2] or journal_order,
                          "terminal_amount_minor": mine[1], "platform_amount_minor": amount,
                          "movement": m.get("kind"), "card_last4": last4,
                          "action": f"{ACTIONS['prepaid_amount_differs']}{card}"})
    for tx, (movement, minor, order) in recorded.items():
        if tx not in seen and not _listed_elsewhere(ctx, key_of.get(tx), tx):
            diffs.append({"kind": "prepaid_missing_at_platform", "settlement_id": tx, "order_no": order,
                          "terminal_amount_minor": minor, "platform_amount_minor": None, "movement": movement,
                          "action": ACTIONS["prepaid_missing_at_platform"]})
    figures = {
        "platform_debit_minor": sum(int(m.get("amount_minor") or 0) for m in moves if m.get("kind") == "debit"),
        "platform_credit_minor": sum(int(m.get("amount_minor") or 0) for m in moves if m.get("kind") == "credit"),
        "terminal_debit_minor": sum(a for w, a, _ in recorded.values() if w == "debit"),
        "terminal_credit_minor": sum(a for w, a, _ in recorded.values() if w == "credit"),
        "movements": len(moves),
    }
    return figures, diffs


def _listed_elsewhere(ctx: DayContext, key: str | None, tx: str) -> bool:
    """A recorded movement the day's list lacks: the platform may have dated it the day beside
    (clocks a moment apart at midnight); asked by its journalled key."""
    if key is None or ctx.platform is None:
        return False
    try:
        return str(ctx.platform.card_movement(key).get("transaction_id")) == tx
    except PlatformError:
        return False
