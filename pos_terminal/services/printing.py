"""Printing a committed document (sale or refund receipt): render, print, mark it printed; and
the void slip of a checkout cancelled after money was taken (print_void_slip).

The sale or refund is already committed when this runs: a printer fault never undoes it. The
receipt then stays PENDING (the reprint queue) and the fault comes back as the error text.
A document is marked printed only when print_document() returned, which for the ESC/POS printer
means the printer confirmed the job (drivers/printer.py); a job it took but did not confirm
(froze, died, ran out of paper) raises, so its reprint is the original, not a copy.
Blocking (printer I/O and a database write): a worker's job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar
from zoneinfo import ZoneInfo

from pos_terminal.domain.model import PrintState, ReceiptKind, TenderKind, User
from pos_terminal.ports import Clock, PrintableDocument, ReceiptPrinter, UnitOfWork
from pos_terminal.security import mask_card_numbers
from pos_terminal.services import audit

log = logging.getLogger(__name__)

Info = TypeVar("Info")  # what a render callback lays out: ReceiptInfo, RefundReceiptInfo, DayReport


def mark_printed(uow_factory: Callable[[], UnitOfWork], terminal_id: str, kind: ReceiptKind, receipt_no: int, *,
                 clock: Clock, user: audit.Who | None = None, reason: str = "") -> None:
    """Records one more printed copy of the terminal's receipt `receipt_no` (of `kind`).
    A receipt printed before makes this one a copy: a reprint in the audit trail, in the same
    transaction (`user`: who asked, e.g. an audit.Actor of the cashier; `reason` as given)."""
    with uow_factory() as uow:
        receipt = uow.receipts.by_number(terminal_id, receipt_no)
        if receipt is None or receipt.kind is not kind:
            return
        copies_before = receipt.copies_printed or 0
        reprint = receipt.print_state is PrintState.PRINTED or copies_before > 0
        receipt.print_state = PrintState.PRINTED
        receipt.copies_printed = copies_before + 1
        if reprint:
            _audit_reprint(uow, terminal_id, kind, receipt_no, copies_before, user, reason, clock)
        uow.commit()


def _audit_reprint(uow: UnitOfWork, terminal_id: str, kind: ReceiptKind, receipt_no: int, copies_before: int,
                   user: audit.Who | None, reason: str, clock: Clock) -> None:
    user_id = user.user_id if user is not None else None
    who: audit.Who | User | None = (uow.users.get(user_id) if user_id is not None else None) or user
    details: dict[str, object] = {"receipt_no": receipt_no, "kind": kind.value, "copies_before": copies_before}
    if reason:
        details["reason"] = mask_card_numbers(reason)  # typed text: never a card number in the audit trail
    audit.record(uow, at=clock.now(), terminal_id=terminal_id, action=audit.REPRINT, user=who,
                 subject=f"{kind.value} receipt {receipt_no}", details=details)


def render_and_print(render: Callable[[Info], PrintableDocument] | None, printer: ReceiptPrinter | None, info: Info,
                     *, what: str, receipt_no: int | None = None) -> tuple[PrintableDocument | None, bool, str | None]:
    """Renders `info` and prints it; (document, printed, error). Nothing is recorded."""
    if render is None:
        return None, False, "no receipt layout configured"
    try:
        document = render(info)
    except Exception as exc:
        log.exception("receipt render failed", extra={"kind": what})
        return None, False, f"cannot lay out the receipt: {exc}"
    if printer is None:
        return document, False, "no printer configured"
    try:
        printer.print_document(document)
    except Exception as exc:  # PrinterFault and friends: the committed fact stands, the receipt waits
        error = str(exc) or exc.__class__.__name__
        log.warning("receipt not printed; kept for reprint", extra={"kind": what, "receipt_no": receipt_no,
                                                                    "error": error})
        return document, False, error
    return document, True, None


def print_committed(render: Callable[[Info], PrintableDocument] | None, printer: ReceiptPrinter | None, info: Info, *,
                    uow_factory: Callable[[], UnitOfWork], terminal_id: str, kind: ReceiptKind,
                    receipt_no: int | None, clock: Clock, user: audit.Who | None = None,
                    reason: str = "") -> tuple[PrintableDocument | None, bool, str | None]:
    """Renders `info` with `render` and prints it. Returns (document, printed, error). A copy of a
    receipt printed before is audited as a reprint (see mark_printed)."""
    document, printed, error = render_and_print(render, printer, info, what=kind.value, receipt_no=receipt_no)
    if not printed:
        return document, False, error
    if receipt_no is not None:
        try:
            mark_printed(uow_factory, terminal_id, kind, receipt_no, user=user, reason=reason, clock=clock)
        except Exception:
            log.exception("printed receipt could not be marked printed", extra={"kind": kind.value})
    return document, True, None


# ----------------------------------------------------------------------------- the void slip


@dataclass(frozen=True)
class VoidSlipInfo:
    """What a void slip shows: a checkout cancelled after money was taken, and what was given
    back (kind, amount, a card's last four digits), who cancelled it and which manager approved."""

    store_name: str
    terminal_id: str
    cashier_name: str
    manager_name: str | None
    local_time: datetime  # already in the store's time zone
    merchant_name: str
    order_no: str
    currency: str
    given_back: tuple[tuple[str, int, str | None], ...]  # (TenderKind value, amount_minor, card_last4)
    reason: str

    @property
    def total_minor(self) -> int:
        return sum(amount for _kind, amount, _last4 in self.given_back)


@dataclass(frozen=True)
class VoidSlipPrinted:
    info: VoidSlipInfo
    document: PrintableDocument | None
    printed: bool
    error: str | None = None


class _Tender(Protocol):  # what a given-back tender offers (services.checkout_types.TakenTender)
    @property
    def kind(self) -> TenderKind: ...
    @property
    def amount_minor(self) -> int: ...
    @property
    def card_last4(self) -> str | None: ...


def void_slip_info(*, store_name: str, terminal_id: str, cashier_name: str, manager_name: str | None,
                   at: datetime, timezone: str, merchant_name: str, order_no: str, currency: str,
                   given_back: Sequence[_Tender], reason: str) -> VoidSlipInfo:
    rows = tuple((t.kind.value, t.amount_minor, t.card_last4) for t in given_back)
    return VoidSlipInfo(store_name, terminal_id, cashier_name, manager_name, at.astimezone(ZoneInfo(timezone)),
                        merchant_name, order_no, currency, rows, mask_card_numbers(reason) or "")


def print_void_slip(render: Callable[[VoidSlipInfo], PrintableDocument] | None, printer: ReceiptPrinter | None,
                    info: VoidSlipInfo) -> VoidSlipPrinted:
    """Prints the slip of a void (the money is back already: a printer fault never undoes it, and
    the slip is not a numbered receipt). Blocking: a worker's job."""
    if not info.given_back:
        return VoidSlipPrinted(info, None, False, "nothing was given back")
    document, printed, error = render_and_print(render, printer, info, what="void slip")
    if printed:
        log.info("void slip printed", extra={"order_no": info.order_no, "amount_minor": info.total_minor})
    else:
        log.warning("void slip not printed", extra={"order_no": info.order_no, "error": error})
    return VoidSlipPrinted(info, document, printed, error)

