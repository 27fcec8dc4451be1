"""The sale receipt: printed after the commit (a fault leaves it pending), and the terminal's last
one rebuilt from storage and printed again (the original while pending, a marked copy after).

Threading rule: every function blocks (database, printer): a worker's job."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from pos_terminal.domain.model import PrintState, Receipt, ReceiptKind, TenderKind
from pos_terminal.ports import PrintableDocument, UnitOfWork
from pos_terminal.services import audit
from pos_terminal.services.checkout_types import CheckoutContext, CheckoutRefused, ReceiptInfo, TakenTender
from pos_terminal.services.printing import print_committed

log = logging.getLogger("pos_terminal.services.checkout")



@dataclass(frozen=True)
class StoredReceipt:
    """The terminal's last sale receipt rebuilt from what the database holds. `info.copy` says
    how it prints next: the original while it is still pending (never printed), a copy after."""

    info: ReceiptInfo
    state: PrintState
    copies_printed: int

    @property
    def prints_as_copy(self) -> bool:
        return self.info.copy


def last_sale_receipt(ctx: CheckoutContext) -> StoredReceipt | None:
    """Rebuilds the terminal's last sale receipt (sale, order lines, tenders, cashier) from
    storage, skipping refund receipts printed since; None when the terminal has sold nothing.
    Blocking (a database read): a worker's job."""
    with ctx.uow() as uow:
        return stored_receipt(ctx, uow, uow.receipts.last_for_terminal(ctx.terminal_id, ReceiptKind.SALE))


def stored_receipt(ctx: CheckoutContext, uow: UnitOfWork, receipt: Receipt | None) -> StoredReceipt | None:
    """A sale receipt rebuilt from storage inside `uow` (sale, order lines, tenders, cashier);
    None for no receipt, or one that is not a sale's (services.receipt_history reads any past one)."""
    if receipt is None or receipt.sale_id is None:
        return None
    sale = uow.sales.get(receipt.sale_id)
    order = uow.orders.get(sale.order_no) if sale is not None else None
    if sale is None or order is None:
        log.error("receipt without its sale or order", extra={"receipt_no": receipt.receipt_no})
        return None
    cashier = uow.users.get(sale.cashier_id)
    cur = sale.total.currency
    lines = tuple((l.name, l.quantity, l.unit_price.minor, tuple(l.item_codes)) for l in order.lines)
    tenders = tuple(
        TakenTender(t.kind, t.amount.minor, t.tendered.minor if t.kind is TenderKind.CASH else None,
                    t.reference, t.approval_code, t.card_last4, step=i + 1)
        for i, t in enumerate(sale.tenders))
    when = (sale.paid_at or sale.created_at).astimezone(ZoneInfo(ctx.timezone))
    state = receipt.print_state
    info = ReceiptInfo(ctx.store_name, ctx.terminal_id, cashier.display_name if cashier else "",
                       receipt.receipt_no, when, order.merchant_name, order.order_no, cur, lines, tenders,
                       sale.change.minor, copy=state is PrintState.PRINTED)
    return StoredReceipt(info, state, receipt.copies_printed or 0)


def reprint_last_receipt(ctx: CheckoutContext, reason: str = "", *,
                         receipt_no: int | None = None) -> tuple[StoredReceipt, PrintableDocument | None]:
    """Prints the terminal's last sale receipt from storage: the original once while it is
    still pending (a printer fault before, perhaps before a restart), otherwise a copy marked as
    one, with `reason` logged. `receipt_no`: refuse if the last receipt is another one by now.
    Returns what was printed and its document. Blocking: a worker's job."""
    stored = last_sale_receipt(ctx)
    if stored is None:
        raise CheckoutRefused("nothing_to_print", "this terminal has no sale receipt to print yet")
    info = stored.info
    if receipt_no is not None and info.receipt_no != receipt_no:
        raise CheckoutRefused("nothing_to_print", f"receipt {receipt_no} is no longer this terminal's last one "
                              f"({info.receipt_no} is); reprint again")
    if info.copy:
        log.info("receipt reprinted as a copy", extra={"receipt_no": info.receipt_no, "reason": reason,
                                                       "cashier": ctx.cashier_name,
                                                       "copies_before": stored.copies_printed})
    else:
        log.info("pending receipt printed (the original)", extra={"receipt_no": info.receipt_no})
    document, printed, error = print_sale_receipt(ctx, info, reason)
    if not printed:
        raise CheckoutRefused("print_failed", error or "the receipt was not printed", receipt_no=info.receipt_no,
                              original=not info.copy)  # an original stays pending: the screen says so
    return stored, document


def receipt_state(ctx: CheckoutContext, receipt_no: int) -> PrintState | None:
    with ctx.uow() as uow:
        receipt = uow.receipts.last_for_terminal(ctx.terminal_id, ReceiptKind.SALE)
        if receipt is None or receipt.receipt_no != receipt_no:
            return None
        return receipt.print_state


def print_sale_receipt(ctx: CheckoutContext, info: ReceiptInfo,
                       reason: str = "") -> tuple[PrintableDocument | None, bool, str | None]:
    """Renders and prints; a fault leaves the receipt pending. Returns (document, printed, error).
    A copy is audited as a reprint by the cashier, with `reason`."""
    return print_committed(ctx.render_receipt, ctx.printer, info, uow_factory=ctx.uow, terminal_id=ctx.terminal_id,
                           kind=ReceiptKind.SALE, receipt_no=info.receipt_no, reason=reason, clock=ctx.clock,
                           user=audit.Actor(ctx.cashier_id, ctx.cashier_name))
