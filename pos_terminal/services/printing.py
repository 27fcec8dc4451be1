"""Printing a committed document (sale or refund receipt): render, print, mark it printed.

The sale or refund is already committed when this runs: a printer fault never undoes it. The
receipt then stays PENDING (the reprint queue) and the fault comes back as the error text.
A document is marked printed only when print_document() returned, which for the ESC/POS printer
means the printer confirmed the job (drivers/printer.py); a job it took but did not confirm
(froze, died, ran out of paper) raises, so its reprint is the original, not a copy.
Blocking (printer I/O and a database write): a worker's job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

from pos_terminal.domain.model import PrintState, ReceiptKind, User
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


def print_committed(render: Callable[[Info], PrintableDocument] | None, printer: ReceiptPrinter | None, info: Info, *,
                    uow_factory: Callable[[], UnitOfWork], terminal_id: str, kind: ReceiptKind,
                    receipt_no: int | None, clock: Clock, user: audit.Who | None = None,
                    reason: str = "") -> tuple[PrintableDocument | None, bool, str | None]:
    """Renders `info` with `render` and prints it. Returns (document, printed, error). A copy of a
    receipt printed before is audited as a reprint (see mark_printed)."""
    if render is None:
        return None, False, "no receipt layout configured"
    try:
        document = render(info)
    except Exception as exc:
        log.exception("receipt render failed", extra={"kind": kind.value})
        return None, False, f"cannot lay out the receipt: {exc}"
    if printer is None:
        return document, False, "no printer configured"
    try:
        printer.print_document(document)
    except Exception as exc:  # PrinterFault and friends: the committed fact stands, the receipt waits
        error = str(exc) or exc.__class__.__name__
        log.warning("receipt not printed; kept for reprint", extra={"kind": kind.value, "receipt_no": receipt_no,
                                                                    "error": error})
        return document, False, error
    if receipt_no is not None:
        try:
            mark_printed(uow_factory, terminal_id, kind, receipt_no, user=user, reason=reason, clock=clock)
        except Exception:
            log.exception("printed receipt could not be marked printed", extra={"kind": kind.value})
    return document, True, None
