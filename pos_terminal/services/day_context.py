"""What cash control, the X/Z reports and the reconciliation need from the terminal, wired once by
the composition root (pos_terminal.app.container `Terminal.day_context()`). Threading rule: every
service taking a DayContext blocks (database, devices, platform): call it on a worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pos_terminal.ports import (
    CardTerminal,
    CashDrawer,
    Clock,
    PlatformClient,
    PrintableDocument,
    ReceiptPrinter,
    UnitOfWork,
)
from pos_terminal.services.report_model import DayReport

# CNY notes and coins in fen, largest first (the [shift] settings may replace them).
CNY_DENOMINATIONS = (10000, 5000, 2000, 1000, 500, 100, 50, 10)


@dataclass
class DayContext:
    """`over_short_limit_minor`: a count that differs from the expected cash by more than this needs
    a manager's approval and a note. `render_report(report)` returns the printer's document."""

    uow: Callable[[], UnitOfWork]
    clock: Clock
    terminal_id: str
    store_id: str
    store_name: str = ""
    timezone: str = "UTC"
    currency: str = "CNY"
    denominations: tuple[int, ...] = CNY_DENOMINATIONS
    over_short_limit_minor: int = 1000
    platform: PlatformClient | None = None
    printer: ReceiptPrinter | None = None
    drawer: CashDrawer | None = None
    card_terminal: CardTerminal | None = None
    render_report: Callable[[DayReport], PrintableDocument] | None = None
