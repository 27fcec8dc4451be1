"""The receipt history: find a terminal's past sale receipts (by receipt number, order number,
item code, amount, time), rebuild any one of them from storage, and print it again: a copy
marked as one (the original while it never printed), with a reason, audited as a reprint by
whoever asked (services.printing.mark_printed).

Threading rule: search, find_receipt and print_again block (database, printer): a worker's job;
parse_search and reprint_reason are pure."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from pos_terminal.domain.errors import DomainError
from pos_terminal.money import Money, MoneyError
from pos_terminal.ports import PrintableDocument, ReceiptFound, UnitOfWork
from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.services.checkout_types import CheckoutContext
from pos_terminal.services.sale_receipt import StoredReceipt, print_sale_receipt, stored_receipt

log = logging.getLogger(__name__)

SEARCH_LIMIT = 200
NOTE_MAX = 200
_RECEIPT_NO = re.compile(r"^\d{1,9}$")

# Why a copy is printed: stable codes (the screen translates them), and the text the audit keeps.
REASONS: dict[str, str] = {
    "buyer_asked": "the buyer asked for a copy",
    "damaged": "the receipt was damaged or unreadable",
    "records": "for the records (accounting, a return)",
    "other": "other",
}


class HistoryRefused(DomainError):
    """`reason`: bad_search (`field`: text, amount or range), unknown_receipt, no_reason,
    print_failed (`original`: it was the original that did not print; it stays pending)."""

    code = "history_refused"

    def __init__(self, reason: str, message: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


@dataclass(frozen=True)
class ReceiptQuery:
    """What the cashier looks for. `text`: a receipt number, an order number or an item code
    (typed or scanned): it names its receipt at any date, so the time range is not applied to
    it; the amount (a sale's total) and the time range [start, end) narrow each other."""

    text: str = ""
    amount_minor: int | None = None
    start: datetime | None = None
    end: datetime | None = None
    limit: int = SEARCH_LIMIT


@dataclass(frozen=True)
class Criteria:
    receipt_no: int | None = None
    order_no: str | None = None
    item_code: str | None = None
    amount_minor: int | None = None
    start: datetime | None = None
    end: datetime | None = None


def parse_amount(text: str, currency: str) -> int | None:
    """A total as typed ("", "25", "25.50"): None for empty; refuses what is not an amount."""
    if not text.strip():
        return None
    try:
        minor = Money.parse(text, currency).minor
    except MoneyError as exc:
        raise HistoryRefused("bad_search", str(exc), field="amount") from None
    if minor <= 0:
        raise HistoryRefused("bad_search", "an amount to look for is above zero", field="amount")
    return minor


def parse_search(query: ReceiptQuery) -> Criteria:
    """The criteria a query means; refuses a text that is no receipt number, order number or item
    code, an amount not above zero, and a range that ends before it starts."""
    text = query.text.strip()
    if query.amount_minor is not None and query.amount_minor <= 0:
        raise HistoryRefused("bad_search", "an amount to look for is above zero", field="amount")
    if text:
        if _RECEIPT_NO.match(text):
            return Criteria(receipt_no=int(text), amount_minor=query.amount_minor)
        code = classify(text)
        if code.kind is ScanKind.ORDER_NUMBER:
            return Criteria(order_no=code.value, amount_minor=query.amount_minor)
        if code.kind is ScanKind.ITEM_CODE:
            return Criteria(item_code=code.value, amount_minor=query.amount_minor)
        raise HistoryRefused("bad_search", "type a receipt number, an order number (PO...) or an item code (IC...)",
                             field="text", kind=code.kind.value)
    if query.start is not None and query.end is not None and query.end <= query.start:
        raise HistoryRefused("bad_search", "the time range ends before it starts", field="range")
    for at in (query.start, query.end):
        if at is not None and at.utcoffset() is None:
            raise ValueError("the time range is aware datetimes")
    return Criteria(amount_minor=query.amount_minor, start=query.start, end=query.end)


def search(uow_factory: Callable[[], UnitOfWork], terminal_id: str, query: ReceiptQuery) -> list[ReceiptFound]:
    """The terminal's sale receipts that fit the query, newest first (at most query.limit)."""
    c = parse_search(query)
    with uow_factory() as uow:
        return uow.receipts.search(terminal_id, receipt_no=c.receipt_no, order_no=c.order_no, item_code=c.item_code,
                                   amount_minor=c.amount_minor, start=c.start, end=c.end,
                                   limit=max(1, min(query.limit, SEARCH_LIMIT)))


def find_receipt(ctx: CheckoutContext, receipt_no: int) -> StoredReceipt:
    """The terminal's sale receipt `receipt_no` rebuilt from storage (`info.copy`: it prints as
    a copy next)."""
    with ctx.uow() as uow:
        stored = stored_receipt(ctx, uow, uow.receipts.by_number(ctx.terminal_id, receipt_no))
    if stored is None:
        raise HistoryRefused("unknown_receipt", f"this terminal has no sale receipt {receipt_no}",
                             receipt_no=receipt_no)
    return stored


def reprint_reason(reason: str, note: str = "") -> str:
    """The reason as the audit trail keeps it: a known reason code, and a note (required for
    "other"). A note that is a code (order, item, card, voucher: a scan that landed in the field)
    is refused: a scan is never a reason."""
    if reason not in REASONS:
        raise HistoryRefused("no_reason", f"choose why the copy is printed ({', '.join(REASONS)})")
    note = " ".join(note.split())
    if len(note) > NOTE_MAX:
        raise HistoryRefused("no_reason", f"a note has at most {NOTE_MAX} characters", field="note")
    scanned = classify(note) if note else None
    if scanned is not None and (scanned.is_card_number
                                or scanned.kind not in (ScanKind.UNKNOWN, ScanKind.PRODUCT_BARCODE)):
        raise HistoryRefused("no_reason", "a scanned code is not a reason; type why the copy is printed",
                             field="note")
    if reason == "other" and not note:
        raise HistoryRefused("no_reason", "say why the copy is printed", field="note")
    return f"{REASONS[reason]}: {note}" if note else REASONS[reason]


def print_again(ctx: CheckoutContext, receipt_no: int, reason: str,
                note: str = "") -> tuple[StoredReceipt, PrintableDocument | None]:
    """Prints a past sale receipt again: a copy marked as one, audited as a reprint by ctx's
    user with the reason; the original instead while it never printed (a fault before). The
    reason is required either way (checked before anything prints)."""
    text = reprint_reason(reason, note)
    stored = find_receipt(ctx, receipt_no)
    info = stored.info
    log.info("receipt printed from the history", extra={"receipt_no": receipt_no, "copy": info.copy,
                                                        "reason": reason, "user": ctx.cashier_name})
    document, printed, error = print_sale_receipt(ctx, info, text)
    if not printed:
        raise HistoryRefused("print_failed", error or "the receipt was not printed", receipt_no=receipt_no,
                             original=not info.copy)
    return stored, document
