"""The checkout's vocabulary, shared by the session (checkout), the card requests left open
(card_requests) and the sale receipt (sale_receipt): the refusal, the tenders taken, the receipt
as plain data, and the context a session runs in."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model import TenderKind
from pos_terminal.ports import (
    CardTerminal,
    CashDrawer,
    Clock,
    PlatformClient,
    PrintableDocument,
    ReceiptPrinter,
    UnitOfWork,
)
from pos_terminal.services import card_journal, orders
from pos_terminal.services.printing import VoidSlipInfo
from pos_terminal.services.sales import SaleRecorded, TenderSpec


class CheckoutRefused(PaymentError):
    """A step the session did not take. `reason` is stable for the screens:
    completed, cancelled, not_covered, over_amount, cash_short, no_card_terminal, card_declined,
    card_not_charged, card_cancelled, card_outcome_unknown, invalid_card_number, prepaid_offline,
    prepaid_pending, prepaid_balance_short, prepaid_unknown_card, prepaid_blocked, prepaid_refused,
    prepaid_pin_invalid, prepaid_wrong_pin (attempts_left), prepaid_pin_locked, prepaid_pin_not_set,
    needs_manager, void_failed, nothing_to_print, busy, claim_lost, print_failed."""

    code = "checkout_refused"

    def __init__(self, reason: str, message: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


def mask(card_no: str) -> str:
    return "****" + card_no[-4:]


@dataclass(frozen=True)
class TakenTender:
    kind: TenderKind
    amount_minor: int
    tendered_minor: int | None = None  # cash handed over
    reference: str | None = None
    approval_code: str | None = None
    card_last4: str | None = None
    step: int = 0
    balance_after_minor: int | None = None  # prepaid: the card's balance after the debit
    request_id: str | None = None  # the CardRequest (journal entry) this approval or prepaid debit belongs to
    # no longer filled: a prepaid debit is given back by its transaction id (card_journal), so the
    # card number is not even held in memory after the debit; kept for callers that clear it
    _card_no: str | None = field(default=None, repr=False, compare=False)

    @property
    def change_minor(self) -> int:
        return (self.tendered_minor or self.amount_minor) - self.amount_minor

    def spec(self) -> TenderSpec:
        return TenderSpec(self.kind, self.amount_minor, self.tendered_minor, self.reference, self.approval_code,
                          self.card_last4)


@dataclass(frozen=True)
class ReceiptInfo:
    """Everything a sale receipt shows, as plain data (the ui turns it into a receipts document)."""

    store_name: str
    terminal_id: str
    cashier_name: str
    receipt_no: int
    local_time: datetime
    merchant_name: str
    order_no: str
    currency: str
    lines: tuple[tuple[str, int, int, tuple[str, ...]], ...]  # of (name, quantity, unit_price_minor, item_codes)
    tenders: tuple[TakenTender, ...]
    change_minor: int
    copy: bool = False


@dataclass(frozen=True)
class CheckoutDone:
    sale: SaleRecorded
    receipt: ReceiptInfo
    printed: bool
    print_error: str | None = None
    drawer_kicked: bool = False
    drawer_error: str | None = None
    document: PrintableDocument | None = None  # the rendered receipts document (for the preview)


@dataclass
class CheckoutContext:
    """What a session needs from the terminal. `render_receipt(info)` returns the document the
    printer takes (receipts.build_sale_receipt in production); None prints nothing."""

    uow: Callable[[], UnitOfWork]
    clock: Clock
    terminal_id: str
    store_id: str
    store_name: str
    timezone: str
    cashier_id: uuid.UUID
    cashier_name: str
    platform: PlatformClient | None = None
    card_terminal: CardTerminal | None = None
    printer: ReceiptPrinter | None = None
    drawer: CashDrawer | None = None
    render_receipt: Callable[[ReceiptInfo], PrintableDocument] | None = None
    after_commit: Callable[[], None] | None = None  # e.g. wake the sync worker
    claim_ttl_s: int = orders.DEFAULT_CLAIM_TTL_S
    # the slip printed when a checkout with money taken is cancelled (receipts.void_slip); None: none
    render_void_slip: Callable[[VoidSlipInfo], PrintableDocument] | None = None
    day_change_hour: int = 0  # the business day's rule (services.day_context): the day of a void
    # issue 16: the other platforms' clients by id ([platform]'s is `platform`): an order's claim is
    # renewed and released on the platform it belongs to
    issuers: Mapping[str, PlatformClient] | None = None

    def platform_for(self, platform_id: str | None) -> PlatformClient | None:
        """The client of the platform an order belongs to (its id; None or unknown: `platform`)."""
        if platform_id is not None and self.issuers and platform_id in self.issuers:
            return self.issuers[platform_id]
        return self.platform

    def journal(self) -> card_journal.Journal:
        """The card and prepaid request journal of this terminal."""
        return card_journal.Journal(self.uow, self.clock, self.terminal_id)


def claim_params(exc: PaymentError) -> dict[str, object]:
    """What the screen needs to say why a claim was lost: the cause and who holds the order."""
    params = {k: v for k, v in (exc.params or {}).items() if k in ("store_id", "terminal_id", "where")}
    reason = exc.reason if isinstance(exc, (CheckoutRefused, orders.PaymentCodeRefused)) else None
    return {"cause": reason or exc.code, **params}


class Release:
    """Releases a lock taken without blocking (CheckoutSession._locked)."""

    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock

    def __enter__(self) -> Release:
        return self

    def __exit__(self, *exc: object) -> None:
        self.lock.release()
