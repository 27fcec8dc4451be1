"""What cash control, the X/Z reports and the reconciliation need from the terminal, wired once by
the composition root (pos_terminal.app.container `Terminal.day_context()`). Threading rule: every
service taking a DayContext blocks (database, devices, platform): call it on a worker."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from datetime import date as Date  # BusinessDay has a field named `date`
from zoneinfo import ZoneInfo

from pos_terminal.clock import business_day, day_bounds
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
    a manager's approval and a note. `render_report(report)` returns the printer's document.
    `day_change_hour`: the local hour the calendar business day changes at (the rule below).
    `max_float_minor`: an opening float above it is refused; `usual_float_minor`: one above it is
    opened only when confirmed (a typing slip such as 999,999,999,999 is caught)."""

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
    day_change_hour: int = 0
    max_float_minor: int = 1_000_000
    usual_float_minor: int = 200_000
    # [platform]'s id (issue 16): the day's batch to [platform] holds only its own settlements (and
    # those of before platform ids); None: every settlement
    platform_id: str | None = None


# ------------------------------------------------------------------------------ the business day
#
# One rule, used by the shifts (services.cash), the X/Z reports (services.reports) and the screens
# (through the Shifts and Reports facades):
# - the calendar business date of an instant is its local date in ctx.timezone, changing at
#   ctx.day_change_hour (clock.business_day), and a day runs [change hour, next change hour);
# - once the Z has closed that date, the terminal works on the NEXT business date: a shift opened
#   after the Z belongs to the next day, and so do its sales, refunds and voids (the next day's
#   window starts at the Z's closed_at, and the closed day's window ends there);
# - at most one day ahead: when the next date is closed too, no shift opens until the calendar
#   catches up.


@dataclass(frozen=True)
class BusinessDay:
    """The business date a terminal works on now. `closed_day`/`closed_z_no`: the calendar date
    whose Z was taken already, when `date` is the day after it. `next_closed`: that next date is
    closed as well (no shift opens before `opens_at`)."""

    date: Date
    calendar_date: Date
    closed_day: Date | None = None
    closed_z_no: int | None = None
    next_closed: bool = False
    opens_at: datetime | None = None  # when next_closed: the UTC instant a new day can begin

    @property
    def after_close(self) -> bool:
        return self.closed_day is not None


def calendar_date(ctx: DayContext, ts: datetime) -> date:
    """The calendar business date of an aware instant (time zone and day-change hour only)."""
    return business_day(ts, ZoneInfo(ctx.timezone), ctx.day_change_hour)


def current_day(uow: UnitOfWork, ctx: DayContext, now: datetime) -> BusinessDay:
    """The business date the terminal works on at `now`, in the caller's unit of work."""
    today = calendar_date(ctx, now)
    closed = uow.days.get(ctx.terminal_id, today)
    if closed is None:
        return BusinessDay(today, today)
    after = today + timedelta(days=1)
    next_closed = uow.days.get(ctx.terminal_id, after) is not None
    opens_at = day_bounds(after, ctx.timezone, ctx.day_change_hour)[1] if next_closed else None
    return BusinessDay(after, today, today, closed.z_no, next_closed, opens_at)


def day_window(uow: UnitOfWork, ctx: DayContext, day: date) -> tuple[datetime, datetime]:
    """The aware UTC instants [start, end) whose sales, refunds and voids count to `day`: its
    calendar bounds, starting early at the previous day's Z when that came before them, ending
    at its own Z when that came before its calendar end."""
    start, end = day_bounds(day, ctx.timezone, ctx.day_change_hour)
    before = uow.days.get(ctx.terminal_id, day - timedelta(days=1))
    if before is not None and before.closed_at < start:
        start = before.closed_at
    closed = uow.days.get(ctx.terminal_id, day)
    if closed is not None and closed.closed_at < end:
        end = max(closed.closed_at, start)
    return start, end
