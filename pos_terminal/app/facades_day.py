"""The day's facades: the shift and its cash (Shifts), the X and Z reports (Reports) and the end-of-day
reconciliation (Reconcile). Each builds this terminal's DayContext (pos_terminal.services.day_context)
through the container and calls the services with it. Methods marked "Blocking" do database, device
or network work: call them on a worker, never on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import uuid
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from pos_terminal.services.report_model import DayReport, ShiftSummary

if TYPE_CHECKING:
    from pos_terminal.app.container import Terminal
    from pos_terminal.services.cash import ClosePreview, MovementView
    from pos_terminal.services.day_context import BusinessDay, DayContext

# The services are imported where they are used, not with this module: the window is built and
# shown before any of them is needed (issue 14).

MOVEMENTS = {"drop": "cash_drop", "pay_out": "pay_out", "pay_in": "pay_in"}  # functions of services.cash


@dataclass(frozen=True)
class ShiftOverview:
    """What the shift page shows: the open shift or None, its movements oldest first, the last
    closed shift or None, and the business day a shift opened now counts to (after the day's Z:
    the next one)."""

    current: ShiftSummary | None
    movements: list[MovementView]
    last_closed: ShiftSummary | None
    day: BusinessDay
    shift_date: date | None = None  # the open shift's business date
    holder: uuid.UUID | None = None  # whose sales go into the open shift
    holder_name: str = ""


class Shifts:
    """Opening and closing the shift, cash dropped, paid out or in, the drawer opened for no sale."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    def context(self) -> DayContext:
        """The day context (printed reports in Chinese). Opens nothing."""
        return self._t.day_context()

    @property
    def currency(self) -> str:
        return self._t.settings.terminal.currency

    @property
    def denominations(self) -> tuple[int, ...]:
        """The notes and coins a drawer count asks for, in minor units ([shift] settings)."""
        return tuple(self._t.settings.shift.denominations_minor)

    @property
    def over_short_limit_minor(self) -> int:
        """Above this difference a manager approves the close."""
        return self._t.settings.shift.over_short_limit_minor

    @property
    def max_float_minor(self) -> int:
        """An opening float above this is refused ([shift] max_float_minor)."""
        return self._t.settings.shift.max_float_minor

    @property
    def usual_float_minor(self) -> int:
        """An opening float above this is confirmed first ([shift] usual_float_minor)."""
        return self._t.settings.shift.usual_float_minor

    @property
    def blind_close(self) -> bool:
        """The close is counted without the expected cash shown ([shift] blind_close)."""
        return self._t.settings.shift.blind_close

    def current(self) -> ShiftSummary | None:
        """The open shift with its cash position now, None when none is open. Blocking."""
        from pos_terminal.services import cash

        return cash.current_shift(self.context())

    def overview(self) -> ShiftOverview:
        """The open shift, its movements, the last closed shift and the business day. Blocking."""
        from pos_terminal.services import cash

        from pos_terminal.services import shifts

        ctx = self.context()
        info = shifts.current_shift(ctx.uow(), terminal_id=ctx.terminal_id)
        return ShiftOverview(cash.current_shift(ctx), cash.movements(ctx), cash.last_closed_shift(ctx),
                             cash.business_day_now(ctx), info.business_date if info is not None else None,
                             info.holder if info is not None else None, info.holder_name if info is not None else "")

    def business_day(self) -> BusinessDay:
        """The business day a shift opened now counts to. Blocking."""
        from pos_terminal.services import cash

        return cash.business_day_now(self.context())

    def movements(self, shift_id=None):
        """The cash movements of a shift (default: the open one). Blocking."""
        from pos_terminal.services import cash

        return cash.movements(self.context(), shift_id)

    def open_shift(self, user, opening_float_minor: int | None = None,
                   counts: Mapping[int, int] | None = None, *, confirmed: bool = False) -> ShiftSummary:
        """Opens this terminal's shift with the float counted (an amount, or counts by denomination):
        its business date (the next one after the day's Z), the float's limits (above the usual
        amount only `confirmed`) and its audit entry. Blocking."""
        from pos_terminal.services import cash

        return cash.open_shift(self.context(), user=user, opening_float_minor=opening_float_minor, counts=counts,
                               confirmed=confirmed)

    def correct_float(self, user, counts: Mapping[int, int], *, manager, confirmed: bool = False) -> ShiftSummary:
        """A manager corrects the open shift's float before its first sale (audited). Blocking."""
        from pos_terminal.services import cash

        return cash.correct_float(self.context(), user=user, manager=manager, counts=counts, confirmed=confirmed)

    def take_over(self, user) -> ShiftSummary:
        """`user` takes over the open shift (confirmed on screen; audited). Blocking."""
        from pos_terminal.services import cash

        return cash.take_over_shift(self.context(), user=user)

    def preview_close(self, counts: Mapping[int, int]) -> ClosePreview:
        """What closing with this count would record (expected, over/short, a manager needed?). Blocking."""
        from pos_terminal.services import cash

        return cash.preview_close(self.context(), counts)

    def move_cash(self, kind: str, user, *, amount_minor: int = 0, reason: str, approved_by=None):
        """Records a "drop", "pay_out", "pay_in" or "no_sale" and opens the drawer. Blocking."""
        from pos_terminal.services import cash

        if kind == "no_sale":
            return cash.no_sale(self.context(), user=user, reason=reason)
        return getattr(cash, MOVEMENTS[kind])(self.context(), user=user, amount_minor=int(amount_minor or 0),
                                              reason=reason, approved_by=approved_by)

    def close_shift(self, user, counts: Mapping[int, int], *, manager=None, note: str | None = None) -> ShiftSummary:
        """Closes the open shift with the drawer counted by denomination (a difference above the
        limit needs a manager and a note: CashRefused otherwise). Blocking."""
        from pos_terminal.services import cash

        return cash.close_shift(self.context(), user=user, counts=counts, manager=manager, note=note)


class Reports:
    """The X and Z reports: shown, printed in the language on screen, saved as CSV or PDF."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    def context(self, language: str = "zh_CN") -> DayContext:
        """The day context whose printed report is in `language`. Opens nothing."""
        from receipts.report_document import build_report_receipt

        paper = self._t.settings.printer.paper_width_mm
        return self._t.day_context(render_report=lambda r: build_report_receipt(r, language=language,
                                                                                  paper_width_mm=paper))

    def x_report(self, user, business_date: date | None = None) -> DayReport:
        """The X report (nothing closes). Blocking."""
        from pos_terminal.services import reports

        return reports.x_report(self.context(), user=user, business_date=business_date)

    def z_report(self, user, business_date: date | None = None) -> DayReport:
        """Closes the business day and returns its Z report (needs a user who may close the day). Blocking."""
        from pos_terminal.services import reports

        return reports.z_report(self.context(), user=user, business_date=business_date)

    def stored_z(self, business_date: date) -> DayReport | None:
        """The Z report kept for a closed day, None while the day is open. Blocking."""
        from pos_terminal.services import reports

        return reports.stored_z(self.context(), business_date)

    def print_report(self, report: DayReport, language: str = "zh_CN"):
        """Prints the report in `language`. Blocking (the printer)."""
        from pos_terminal.services import reports

        return reports.print_report(self.context(language), report)

    def print_x(self, user, business_date: date | None = None, language: str = "zh_CN"):
        """Takes the day's X report (default: today) and prints it: (report, printed). Blocking."""
        from pos_terminal.services import reports

        ctx = self.context(language)
        report = reports.x_report(ctx, user=user, business_date=business_date)
        return report, reports.print_report(ctx, report)

    @staticmethod
    def to_csv(report: DayReport) -> str:
        from pos_terminal.services import reports

        return reports.to_csv(report)

    def save_pdf(self, report: DayReport, path: Path | str, language: str = "zh_CN") -> None:
        """Writes the report as a PDF (receipts.report_pdf). Blocking (about half a second)."""
        from receipts.report_pdf import render_report_pdf

        render_report_pdf(report, path, language=language)


class Reconcile:
    """End-of-day reconciliation with the platform and the card terminal, and the double payments
    it finds paid back from the drawer."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    def last(self, business_date: date):
        """The reconciliation kept for that day, or None. Blocking."""
        from pos_terminal.services import reconcile

        return reconcile.last_reconciliation(self._t.day_context(), business_date)

    def reconcile_day(self, user, business_date: date):
        """Compares the day's figures with the platform's and the card terminal's. Blocking (network)."""
        from pos_terminal.services import reconcile

        return reconcile.reconcile_day(self._t.day_context(), user=user, business_date=business_date)

    def mark_reconciled(self, user, business_date: date, **kwargs):
        """Accepts the day as reconciled (differences need a manager and a note). Blocking."""
        from pos_terminal.services import reconcile

        return reconcile.mark_reconciled(self._t.day_context(), user=user, business_date=business_date, **kwargs)

    def pay_back(self, case_id, *, cashier, manager):
        """Pays a double payment back in cash from this drawer; the platform is told. Blocking."""
        from pos_terminal.services import refund_cases

        return refund_cases.pay_back(self._t.refund_context(), case_id, cashier=cashier, manager=manager)
