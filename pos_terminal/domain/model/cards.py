"""The card-request journal: bank-card charges and prepaid-card movements, written before sent."""

from __future__ import annotations

import enum
from datetime import datetime

from pos_terminal.domain.errors import InvalidCardData, PaymentError
from pos_terminal.domain.model._common import LAST4 as _LAST4
from pos_terminal.domain.model._common import require_aware as _require_aware
from pos_terminal.money import Money


class CardRequestState(str, enum.Enum):
    SENT = "sent"  # sent to the card terminal; its outcome is not known yet
    APPROVED = "approved"  # the buyer was charged; no recorded sale carries it yet
    SETTLED = "settled"  # a recorded sale carries it
    NOT_CHARGED = "not_charged"  # declined, cancelled or never reached the card terminal
    REFUNDED = "refunded"  # given back to the card


class CardRequestKind(str, enum.Enum):
    BANK_CARD = "bank_card"  # a charge through the card terminal; request_id is its request id
    PREPAID_DEBIT = "prepaid_debit"  # a prepaid-card debit; request_id is its Idempotency-Key
    PREPAID_CREDIT = "prepaid_credit"  # money put back on a prepaid card (a void or a refund payout)


class CardRequest:
    """A card movement, written before it is sent so that one whose outcome is unknown (the card
    terminal or the platform stopped answering, or this terminal stopped) is never lost: it stays
    SENT until the card terminal (bank card) or the platform (prepaid card, asked by its
    Idempotency-Key) says what became of it, and APPROVED until a sale records it or it is
    given back (REFUNDED). A prepaid credit goes from SENT to SETTLED (made, and recorded where
    it belongs) or NOT_CHARGED; `parent_id` names what it gives back: the debit's request_id (a
    void or a recovery) or "<refund case id>/<leg>" (a refund payout). Keeps the approval code,
    the terminal's (or platform's) reference and the last four digits only, never a card number."""

    OPEN = (CardRequestState.SENT, CardRequestState.APPROVED)

    def __init__(self, request_id: str, terminal_id: str, order_no: str, amount: Money, reference: str, *,
                 created_at: datetime, kind: CardRequestKind = CardRequestKind.BANK_CARD,
                 parent_id: str | None = None) -> None:
        self.request_id = request_id
        self.kind = kind
        self.parent_id = parent_id
        self.terminal_id = terminal_id
        self.order_no = order_no
        self.amount = amount
        self.reference = reference
        self.state = CardRequestState.SENT
        self.approval_code: str | None = None
        self.card_last4: str | None = None
        self.card_reference: str | None = None
        self.created_at = _require_aware(created_at, "created_at")
        self.resolved_at: datetime | None = None

    def approved(self, approval_code: str | None, card_last4: str | None, card_reference: str | None,
                 now: datetime) -> None:
        if card_last4 is not None and not _LAST4.match(card_last4):
            raise InvalidCardData("keep only the last four digits of a card, never the number")
        if self.state not in self.OPEN:
            raise PaymentError(f"card request {self.request_id} is {self.state.value}; it cannot be approved now")
        self.state = CardRequestState.APPROVED
        self.approval_code, self.card_last4, self.card_reference = approval_code, card_last4, card_reference
        self.resolved_at = _require_aware(now, "now")

    def not_charged(self, now: datetime) -> None:
        if self.state is not CardRequestState.SENT:
            raise PaymentError(f"card request {self.request_id} is {self.state.value}, not waiting for an outcome")
        self.state = CardRequestState.NOT_CHARGED
        self.resolved_at = _require_aware(now, "now")

    def settled(self) -> None:
        """A recorded sale carries this charge's approval (also when noting the approval here
        had failed, leaving it SENT); for a prepaid credit: it was made and recorded."""
        if self.state not in self.OPEN and not (self.kind is CardRequestKind.PREPAID_CREDIT
                                                and self.state is CardRequestState.NOT_CHARGED):
            raise PaymentError(f"card request {self.request_id} is {self.state.value}; only an approved one is "
                               "recorded in a sale")
        self.state = CardRequestState.SETTLED

    def sent_again(self, now: datetime) -> None:
        """The same request (the same Idempotency-Key) is sent once more after it was found not
        to have moved money: its outcome is unknown again until the answer comes."""
        if self.state is CardRequestState.NOT_CHARGED:
            self.state = CardRequestState.SENT
            self.resolved_at = None

    def refunded(self, now: datetime) -> None:
        if self.state is not CardRequestState.APPROVED:
            raise PaymentError(f"card request {self.request_id} is {self.state.value}; only an approved one is "
                               "refunded")
        self.state = CardRequestState.REFUNDED
        self.resolved_at = _require_aware(now, "now")
