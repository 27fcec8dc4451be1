"""Bank-card charges the cashier must hear about, outside any checkout: the ones whose outcome is
unknown (asked of the card terminal) and approvals that no sale records (refunded on a manager's
word). The screen lists them at start; the journal itself is services.card_journal.

Threading rule: every function blocks (database, card terminal): a worker's job."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model import CardRequest, CardRequestState, Permission
from pos_terminal.money import format_money
from pos_terminal.ports import CardOutcome
from pos_terminal.services import card_journal
from pos_terminal.services.checkout_types import CheckoutContext, CheckoutRefused
from pos_terminal.services.users import SignedIn

log = logging.getLogger("pos_terminal.services.checkout")


@dataclass(frozen=True)
class OpenCardRequest:
    """A card charge the cashier must hear about: `state` "sent" (outcome unknown: check the
    card terminal) or "approved" (the buyer was charged, and no sale records it)."""

    request_id: str
    order_no: str
    amount_minor: int
    currency: str
    state: str
    created_at: datetime
    approval_code: str | None = None
    card_last4: str | None = None

    @property
    def unknown(self) -> bool:
        return self.state == CardRequestState.SENT.value


def _view(request: CardRequest) -> OpenCardRequest:
    return OpenCardRequest(request.request_id, request.order_no, request.amount.minor, request.amount.currency,
                           request.state.value, request.created_at, request.approval_code, request.card_last4)


def open_card_requests(ctx: CheckoutContext) -> list[OpenCardRequest]:
    """This terminal's card charges with an unknown outcome or an approval no sale records,
    oldest first. Blocking (a database read): a worker's job."""
    with ctx.uow() as uow:
        return [_view(r) for r in uow.card_requests.open_for_terminal(ctx.terminal_id)]


def resolve_card_request(ctx: CheckoutContext, request_id: str) -> OpenCardRequest:
    """Asks the card terminal what became of a charge whose outcome is unknown and records it.
    Returns the request as it stands now: "approved" (the buyer was charged: complete that
    order's sale by scanning it again, or refund) or "not_charged" (cleared). Raises
    CheckoutRefused("card_outcome_unknown") while the card terminal still cannot tell."""
    with ctx.uow() as uow:
        request = uow.card_requests.get(request_id)
        if request is None or request.terminal_id != ctx.terminal_id:
            raise CheckoutRefused("nothing_to_resolve", f"no card payment {request_id} at this terminal")
        view = _view(request)
        reference = request.reference
    if not view.unknown:
        return view
    if ctx.card_terminal is None:
        raise CheckoutRefused("no_card_terminal", "no card terminal is configured at this counter to ask")
    try:
        result = ctx.card_terminal.resolve(request_id, amount_minor=view.amount_minor, currency=view.currency,
                                           reference=reference)
    except (PaymentError, KeyError) as exc:
        raise CheckoutRefused("card_outcome_unknown", f"the card terminal cannot tell yet what became of the card "
                              f"payment of {format_money(view.amount_minor, view.currency)} for order {view.order_no} "
                              f"({getattr(exc, 'message', None) or exc}); check its screen and try again",
                              request_id=request_id, order_no=view.order_no) from None
    card_journal.charge_outcome(ctx.journal(), request_id, result)
    log.info("card payment with unknown outcome resolved", extra={
        "request_id": request_id, "order_no": view.order_no, "approved": bool(result.approved),
        "outcome": result.outcome if isinstance(result, CardOutcome) else ""})
    return _stored_view(ctx, request_id)


def refund_card_request(ctx: CheckoutContext, request_id: str, approved_by: SignedIn | None) -> OpenCardRequest:
    """Gives an approved charge that no sale records back to the card (a manager approves)."""
    if approved_by is None or not approved_by.can(Permission.APPROVE):
        raise CheckoutRefused("needs_manager", "a manager must approve a card refund")
    with ctx.uow() as uow:
        request = uow.card_requests.get(request_id)
        if request is None or request.state is not CardRequestState.APPROVED:
            raise CheckoutRefused("nothing_to_refund", f"card payment {request_id} is not an approved charge "
                                  "waiting for its sale")
        view, reference = _view(request), request.card_reference or request.reference
    if ctx.card_terminal is None:
        raise CheckoutRefused("no_card_terminal", "no card terminal is configured at this counter to refund with")
    result = ctx.card_terminal.refund(view.amount_minor, view.currency, reference, request_id=f"{request_id}-r"[:64])
    if not result.approved:
        raise CheckoutRefused("void_failed", result.message or "the card terminal did not refund")
    card_journal.charge_refunded(ctx.journal(), request_id)
    log.info("unrecorded card payment refunded", extra={"request_id": request_id, "order_no": view.order_no,
                                                        "approved_by": str(approved_by.user_id)})
    return _stored_view(ctx, request_id)


def _stored_view(ctx: CheckoutContext, request_id: str) -> OpenCardRequest:
    """The request as storage holds it after a step on it (it was read before the step)."""
    with ctx.uow() as uow:
        request = uow.card_requests.get(request_id)
        if request is None:
            raise CheckoutRefused("nothing_to_resolve", f"no card payment {request_id} at this terminal")
        return _view(request)


