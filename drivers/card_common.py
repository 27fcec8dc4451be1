"""What both bank-card adapters (drivers.card_terminal's TcpCardTerminal and
drivers.manual_card_terminal's ManualCardTerminal) share: the transaction they answer with,
the request they keep while it is open, and the checks and log fields of a card request (never
more of a card than its last four digits)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pos_terminal.money import Money
from pos_terminal.ports import CardResult


@dataclass(frozen=True)
class CardTransaction(CardResult):
    """A CardResult with what the POS needs to record and reconcile it. `outcome` is
    "approved", "declined" (the terminal said no), "not_charged" (the terminal has no charge
    for this request: safe to charge again) or "cancelled" (the cashier cancelled)."""

    request_id: str = ""
    kind: str = "sale"
    outcome: str = ""
    amount_minor: int | None = None
    currency: str | None = None
    at: str | None = None  # the card terminal's time of the transaction, ISO 8601 UTC


@dataclass(frozen=True)
class CardRequest:
    kind: str
    request_id: str
    amount_minor: int | None
    currency: str | None
    reference: str | None
    since: datetime

    def describe(self) -> str:
        amount = money_text(self.amount_minor, self.currency) if self.amount_minor is not None else "an amount"
        return f"card {self.kind} of {amount} (request {self.request_id})"


# ----------------------------------------------------------------------------- helpers


def check_amount(amount_minor: int, currency: str) -> None:
    if not isinstance(amount_minor, int) or isinstance(amount_minor, bool) or amount_minor <= 0:
        raise ValueError(f"a card amount must be a positive integer of minor units, got {amount_minor!r}")
    Money(amount_minor, currency)  # raises MoneyError for an unsupported currency


def money_text(amount_minor: int | None, currency: str | None) -> str:
    try:
        return Money(amount_minor, currency or "CNY").format()
    except Exception:
        return f"{amount_minor} {currency} minor units"


def reason_of(exc: BaseException) -> str:
    return getattr(exc, "strerror", None) or str(exc) or exc.__class__.__name__


def log_fields(req: CardRequest) -> dict:
    return {"request_id": req.request_id, "kind": req.kind, "amount_minor": req.amount_minor,
            "currency": req.currency, "reference": req.reference}


def result_fields(result: CardResult) -> dict:
    fields = {"approved": result.approved, "approval_code": result.approval_code, "card_last4": result.card_last4}
    if isinstance(result, CardTransaction):
        fields["outcome"] = result.outcome
    return fields
