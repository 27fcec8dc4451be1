"""Printing a committed document (sale or refund receipt): render, print, mark it printed.

The sale or refund is already committed when this runs: a printer fault never undoes it. The
receipt then stays PENDING (the reprint queue) and the fault comes back as the error text.
Blocking (printer I/O and a database write): a worker's job.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from pos_terminal.domain.model import PrintState, ReceiptKind

log = logging.getLogger(__name__)


def mark_printed(uow_factory: Callable, terminal_id: str, kind: ReceiptKind, receipt_no: int) -> None:
    """Records one more printed copy of the terminal's receipt `receipt_no` (its newest of `kind`)."""
    with uow_factory() as uow:
        receipt = uow.receipts.last_for_terminal(terminal_id, kind)
        if receipt is None or receipt.receipt_no != receipt_no:
            return
        receipt.print_state = PrintState.PRINTED
        receipt.copies_printed = (receipt.copies_printed or 0) + 1
        uow.commit()


def print_committed(render: Callable | None, printer, info, *, uow_factory: Callable, terminal_id: str,
                    kind: ReceiptKind, receipt_no: int | None) -> tuple[object, bool, str | None]:
    """Renders `info` with `render` and prints it. Returns (document, printed, error)."""
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
            mark_printed(uow_factory, terminal_id, kind, receipt_no)
        except Exception:
            log.exception("printed receipt could not be marked printed", extra={"kind": kind.value})
    return document, True, None
