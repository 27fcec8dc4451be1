"""The receipt history's facade: search a terminal's past sale receipts, show any one as the
preview of what would print, and print it again (a copy with a reason, audited as a reprint by
the signed-in user: services.receipt_history). Methods marked "Blocking" are a worker's job."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pos_terminal.ports import ReceiptFound
from pos_terminal.services.users import SignedIn

if TYPE_CHECKING:  # no container (SQLAlchemy) at import: see facades.py
    from pos_terminal.app.container import Terminal
    from pos_terminal.app.receipts import Preview
    from pos_terminal.ports import PrintableDocument
    from pos_terminal.services.checkout_types import CheckoutContext
    from pos_terminal.services.receipt_history import ReceiptQuery
    from pos_terminal.services.sale_receipt import StoredReceipt


@dataclass(frozen=True)
class ShownReceipt:
    """A past receipt as the screen shows it: what the database holds, and its preview (None
    when no receipt layout is configured)."""

    stored: StoredReceipt
    preview: Preview | None = field(repr=False)  # pixels: never in a log line

    @property
    def receipt_no(self) -> int:
        return self.stored.info.receipt_no

    @property
    def prints_as_copy(self) -> bool:
        return self.stored.prints_as_copy


class ReceiptHistory:
    """The services are imported at first use (the window is shown before they are needed)."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    @property
    def REASONS(self) -> tuple[str, ...]:  # noqa: N802 (a constant to the screen)
        """The reason codes for a copy, in the order the screen offers them."""
        from pos_terminal.services.receipt_history import REASONS

        return tuple(REASONS)

    def _zone(self) -> ZoneInfo:
        return ZoneInfo(self._t.settings.terminal.timezone)

    def local_time(self, at: datetime) -> datetime:
        return at.astimezone(self._zone())

    def day_bounds(self, first: date, last: date) -> tuple[datetime, datetime]:
        """[first 00:00, the day after `last` 00:00) in the store's time zone, as aware datetimes."""
        zone = self._zone()
        return (datetime.combine(first, time(0), zone),
                datetime.combine(last + timedelta(days=1), time(0), zone))

    def query(self, text: str, amount: str, first: date | None, last: date | None) -> ReceiptQuery:
        """The query for what the form holds (the amount in the store's currency). Raises
        HistoryRefused (bad_search, `field`) for a text, an amount or dates that mean nothing. Pure."""
        from pos_terminal.services.receipt_history import ReceiptQuery, parse_amount, parse_search

        amount_minor = parse_amount(amount, self._t.settings.terminal.currency)
        start = end = None
        if first is not None and last is not None:
            start, end = self.day_bounds(first, last)
        query = ReceiptQuery(text=text, amount_minor=amount_minor, start=start, end=end)
        parse_search(query)  # a text that is no number or code is refused here, before any worker
        return query

    def search(self, query: ReceiptQuery) -> list[ReceiptFound]:
        """Blocking (a database read). Raises HistoryRefused for a query that means nothing."""
        from pos_terminal.services import receipt_history

        return receipt_history.search(self._t.uow, self._t.settings.terminal.terminal_id, query)

    def _show(self, ctx: CheckoutContext, stored: StoredReceipt,
              document: PrintableDocument | None = None) -> ShownReceipt:
        from pos_terminal.app.receipts import preview

        if document is None and ctx.render_receipt is not None:
            document = ctx.render_receipt(stored.info)
        return ShownReceipt(stored, preview(document) if document is not None else None)

    def open(self, user: SignedIn, receipt_no: int) -> ShownReceipt:
        """The receipt rebuilt from storage and drawn as it would print next (a copy once printed).
        Blocking (database, rendering)."""
        from pos_terminal.services import receipt_history

        ctx = self._t.checkout_context(user)
        return self._show(ctx, receipt_history.find_receipt(ctx, receipt_no))

    def print_again(self, user: SignedIn, receipt_no: int, reason: str, note: str = "") -> ShownReceipt:
        """Prints it again (a copy, audited with the reason; the original while it never printed).
        Blocking (database, printer). Raises HistoryRefused (no_reason, unknown_receipt, print_failed)."""
        from pos_terminal.services import receipt_history

        ctx = self._t.checkout_context(user)
        receipt_history.print_again(ctx, receipt_no, reason, note)
        return self._show(ctx, receipt_history.find_receipt(ctx, receipt_no))
