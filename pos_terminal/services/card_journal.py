"""The prepaid-card journal: no money moves on a prepaid card without a record that survives kill -9.

Every prepaid debit (checkout) and credit (a void, a refund payout, a recovery) is written to
storage (a CardRequest of kind prepaid_debit / prepaid_credit, the same table and life cycle as
bank-card charges) and committed BEFORE its request goes out, under the request's
Idempotency-Key. The answer moves it on: a debit to APPROVED (taken, waiting for its sale; the
sale's transaction marks it SETTLED), a credit to SETTLED together with what it gives back (the
debit REFUNDED, or the refund leg done), a refusal to NOT_CHARGED.

The journal keeps no card number (DESIGN: no card number is ever stored), only the last four
digits and the platform's transaction id. So a terminal that died before it saw an answer does
not send the request again; it asks the platform what moved under that same key
(`card_movement`) and gives a debit back by its transaction id (`reverse_card_movement`, which
the platform makes at most once per debit).

Recovery rule (`recover_prepaid`), run after a restart before the terminal takes a new prepaid
payment: for each orphaned entry (one no live checkout holds: written before this process
started, or by another checkout session),
- outcome unknown (SENT): asked by its key; moved -> APPROVED / SETTLED, not moved -> NOT_CHARGED;
- a debit taken but in no sale (APPROVED): given back to the card, journalled under its own key
  (`<debit key>-rev`). The order stays unpaid: the cashier scans it again and takes payment anew.
  (Adopting the debit instead would need the checkout that died; giving it back is the rule that
  is always safe: the buyer's card holds what no sale records.)
- a refund credit that was made: its leg is marked done; the cashier finishes the payout.
The platform unreachable leaves entries open for the next round (PlatformUnavailable).

Threading rule: every function blocks (database, platform): a worker's job.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import NamedTuple

from pos_terminal.domain.model import CardRequest, CardRequestKind, CardRequestState
from pos_terminal.money import Money
from pos_terminal.ports import CardResult, Clock, PlatformClient, PlatformRefused, UnitOfWork

log = logging.getLogger(__name__)

PREPAID = (CardRequestKind.PREPAID_DEBIT, CardRequestKind.PREPAID_CREDIT)
REVERSAL_SUFFIX = "-rev"


@dataclass(frozen=True)
class Journal:
    uow: Callable[[], UnitOfWork]
    clock: Clock
    terminal_id: str


def before_send(j: Journal, key: str, kind: CardRequestKind, order_no: str, amount_minor: int, currency: str,
                reference: str, parent_id: str | None = None) -> None:
    """Committed before the request goes out. The same key again (a retry) keeps its entry."""
    with j.uow() as uow:
        entry = uow.card_requests.get(key)
        if entry is None:
            uow.card_requests.add(CardRequest(key, j.terminal_id, order_no, Money(amount_minor, currency),
                                              reference[:64], created_at=j.clock.now(), kind=kind,
                                              parent_id=parent_id))
        else:
            entry.sent_again(j.clock.now())
        uow.commit()


def debited(j: Journal, key: str, transaction_id: str | None, card_last4: str | None) -> None:
    with j.uow() as uow:
        entry = uow.card_requests.get(key)
        if entry is not None and entry.state in CardRequest.OPEN:
            entry.approved(None, card_last4, (transaction_id or "")[:64] or None, j.clock.now())
            uow.commit()


def not_moved(j: Journal, key: str) -> None:
    """The platform refused (or has no movement under the key): no money moved."""
    with j.uow() as uow:
        entry = uow.card_requests.get(key)
        if entry is not None and entry.state is CardRequestState.SENT:
            entry.not_charged(j.clock.now())
            uow.commit()


def credited(j: Journal, key: str, transaction_id: str | None, card_last4: str | None,
             uow: UnitOfWork | None = None) -> None:
    """The credit was made: SETTLED, and the debit it gives back REFUNDED, in one transaction
    (`uow`: an open unit of work to join, e.g. the refund leg's; then the caller commits)."""
    if uow is not None:
        _credited(j, uow, key, transaction_id, card_last4)
        return
    with j.uow() as own:
        _credited(j, own, key, transaction_id, card_last4)
        own.commit()


def _credited(j: Journal, uow: UnitOfWork, key: str, transaction_id: str | None, card_last4: str | None) -> None:
    entry = uow.card_requests.get(key)
    if entry is None or entry.state is CardRequestState.SETTLED:
        return
    entry.card_reference = (transaction_id or "")[:64] or entry.card_reference
    entry.card_last4 = card_last4 or entry.card_last4
    entry.settled()
    entry.resolved_at = j.clock.now()
    parent = uow.card_requests.get(entry.parent_id) if entry.parent_id else None
    if parent is not None and parent.state is CardRequestState.APPROVED:
        parent.refunded(j.clock.now())


# -- bank-card charges ----------------------------------------------------------------------


def note_charge(j: Journal, request_id: str, order_no: str, amount_minor: int, currency: str,
                reference: str) -> None:
    """A bank-card charge, written (committed) before it is sent: never lost, even to kill -9."""
    with j.uow() as uow:
        uow.card_requests.add(CardRequest(request_id, j.terminal_id, order_no, Money(amount_minor, currency),
                                          reference[:64], created_at=j.clock.now()))
        uow.commit()


def charge_outcome(j: Journal, request_id: str, result: CardResult | None) -> None:
    """What the card terminal said: approved (kept until its sale is recorded or it is
    refunded) or not charged (result None: refused before charging)."""
    with j.uow() as uow:
        request = uow.card_requests.get(request_id)
        if request is None or request.state is not CardRequestState.SENT:
            return
        if result is not None and result.approved:
            request.approved(result.approval_code, result.card_last4, (result.reference or "")[:64] or None,
                             j.clock.now())
        else:
            request.not_charged(j.clock.now())
        uow.commit()


def charge_refunded(j: Journal, request_id: str) -> None:
    with j.uow() as uow:
        request = uow.card_requests.get(request_id)
        if request is not None and request.state is CardRequestState.APPROVED:
            request.refunded(j.clock.now())
            uow.commit()


# -- recovery ------------------------------------------------------------------------------


@dataclass
class Recovered:
    """What one recovery round did (for the log and the tests)."""

    debits_taken: list[str] = field(default_factory=list)  # keys found moved (then given back)
    not_moved: list[str] = field(default_factory=list)
    given_back: list[str] = field(default_factory=list)  # debit keys credited back to their card
    credits_made: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # a give-back the platform refused: see reconciliation
    still_refused: list[str] = field(default_factory=list)  # refused in an earlier round: not asked again

    @property
    def anything(self) -> bool:
        return any((self.debits_taken, self.not_moved, self.given_back, self.credits_made, self.refused))


class Orphan(NamedTuple):
    """A prepaid journal entry no live checkout holds (see `orphans`)."""

    key: str
    kind: CardRequestKind
    state: CardRequestState
    order_no: str
    amount_minor: int
    currency: str
    transaction_id: str | None  # the platform's, once the movement is known
    parent_id: str | None


def orphans(j: Journal, *, written_before: datetime | None = None, skip_prefix: str | None = None,
            refunds: bool = True) -> list[Orphan]:
    with j.uow() as uow:
        rows = uow.card_requests.open_for_terminal(j.terminal_id, kinds=PREPAID)
        return [Orphan(r.request_id, r.kind, r.state, r.order_no, r.amount.minor, r.amount.currency,
                       r.card_reference, r.parent_id) for r in rows
                if (written_before is None or r.created_at < written_before)
                and (skip_prefix is None or not r.request_id.startswith(skip_prefix))
                and (refunds or not r.request_id.startswith("refund-"))]


def recover_prepaid(j: Journal, platform: PlatformClient, *, written_before: datetime | None = None,
                    skip_prefix: str | None = None, refunds: bool = True) -> Recovered:
    """Resolves the orphaned prepaid entries (see the module doc). PlatformUnavailable
    propagates, leaving what is still unknown open."""
    done = Recovered()
    for key, kind, state, order_no, amount, currency, _tx, parent_id in orphans(
            j, written_before=written_before, skip_prefix=skip_prefix, refunds=refunds):
        if state is not CardRequestState.SENT:
            continue
        try:
            move = platform.card_movement(key)
        except PlatformRefused as exc:
            if exc.code != "unknown_movement":
                raise
            move = None
        if move is None:
            not_moved(j, key)
            done.not_moved.append(key)
            log.info("prepaid movement of unknown outcome did not happen", extra={"key": key, "order_no": order_no})
            continue
        tx, last4 = str(move.get("transaction_id") or ""), move.get("card_last4")
        if kind is CardRequestKind.PREPAID_DEBIT:
            debited(j, key, tx, last4)
            done.debits_taken.append(key)
        else:
            _credit_found(j, key, parent_id, tx, last4)
            done.credits_made.append(key)
        log.info("prepaid movement of unknown outcome found on the platform",
                 extra={"key": key, "kind": kind.value, "order_no": order_no, "amount_minor": amount})
    for key, kind, state, order_no, amount, currency, debit_tx, _parent in orphans(
            j, written_before=written_before, skip_prefix=skip_prefix, refunds=refunds):
        if kind is CardRequestKind.PREPAID_DEBIT and state is CardRequestState.APPROVED:
            outcome = _give_back(j, platform, key, order_no, amount, currency, debit_tx)
            {True: done.given_back, False: done.refused, None: done.still_refused}[outcome].append(key)
    if done.anything:
        log.warning("prepaid journal recovered", extra={
            "given_back": done.given_back, "not_moved": done.not_moved, "credits_made": done.credits_made,
            "refused": done.refused})
    return done


def _credit_found(j: Journal, key: str, parent_id: str | None, tx: str, last4: str | None) -> None:
    if parent_id and "/" in parent_id:  # a refund payout leg: "<case id>/<leg>"
        from pos_terminal.services.refunds.common import credit_key, legs_of

        case_id = uuid.UUID(parent_id.partition("/")[0])
        with j.uow() as uow:
            case = uow.refunds.get(case_id)
            if case is not None and case.paid_out_at is None:
                legs = legs_of(case.payout_legs) or []
                # the leg is the one this credit's key was made for (the key names the case and the leg)
                index = next((i for i, leg in enumerate(legs) if leg.route == "prepaid_card"
                              and credit_key(case_id, i, single=len(legs) == 1) == key), None)
                if index is not None and not legs[index].done:
                    case.leg_done(index, reference=tx[:64] or None, card_last4=last4, approval_code=None)
            credited(j, key, tx, last4, uow=uow)
            uow.commit()
        return
    credited(j, key, tx, last4)


def _give_back(j: Journal, platform: PlatformClient, key: str, order_no: str, amount: int, currency: str,
               tx: str | None) -> bool | None:
    """Credits an orphaned debit back to its card under its own journalled key. True: given back;
    False: the platform refused; None: it refused in an earlier round (not asked again)."""
    rkey = f"{key}{REVERSAL_SUFFIX}"[:64]
    reference = f"recovery {order_no}"[:64]
    with j.uow() as uow:
        earlier = uow.card_requests.get(rkey)
        if earlier is not None and earlier.state is CardRequestState.NOT_CHARGED:
            return None  # refused before: the same key gets the same refusal; reconciliation lists it
    before_send(j, rkey, CardRequestKind.PREPAID_CREDIT, order_no, amount, currency, reference, parent_id=key)
    try:
        answer = platform.reverse_card_movement(tx or "", reference, rkey)
    except PlatformRefused as exc:
        if exc.code == "already_reversed":  # given back before, under another key: only record it
            credited(j, rkey, str((exc.body or {}).get("reversal_id") or ""), None)
            return True
        not_moved(j, rkey)
        log.error("an orphaned prepaid debit could not be given back; the day's reconciliation lists it",
                  extra={"key": key, "order_no": order_no, "amount_minor": amount, "code": exc.code})
        return False
    credited(j, rkey, str(answer.get("transaction_id") or ""), answer.get("card_last4"))
    log.warning("orphaned prepaid debit given back to the card", extra={
        "key": key, "order_no": order_no, "amount_minor": amount, "last4": answer.get("card_last4")})
    return True
