"""The X report (the day so far; nothing closes) and the Z report (closes the business day), their
JSON, CSV and text forms, and printing.

A business day of a terminal, in the store's time zone (ctx.timezone), over the window
services.day_context.day_window gives (calendar day from the day-change hour; after a day's Z the
terminal works on the next day, whose window starts at that Z):
- sales: the terminal's sales PAID whose paid_at falls in the local date;
- voids: money taken and given back that date. A checkout cancelled after tenders were taken
  records no sale: services.checkout gives the tenders back and writes a "void" entry to the audit
  trail with what went back by tender (`given_back`); every such entry that gave money back is a
  void here, by tender. Sales recorded and then VOIDED (paid, or never paid and opened, that date)
  count too, with their tenders;
- refunds: refunds the terminal paid out that date (by the route the money went back by);
- shifts: the terminal's shifts whose business_date is that date (set at opening); the cash
  figures (float, drops, pay-outs, pay-ins, no-sales, expected, counted, over/short) are theirs.
Figures come from aggregate queries (storage.days_repo, storage.cash_repo), never from a day's
sales loaded as objects; the hour buckets are computed here from (paid_at, kind, amount) rows.

Z rules: refused while a shift of the day is open (or, for today, while any shift is open: it could
still sell into the day); a day already closed is refused with ReportRefused("already_closed"),
whose `report` is the stored Z (stored_z() rebuilds it too). z_no is per terminal and gap-free
(max + 1 in the transaction that stores the day; the database's unique constraints guard it). The
stored report JSON is what was printed: a re-print shows the same figures.

Threading rule: every function taking a DayContext blocks (database, printer): call it on a worker.
"""

from __future__ import annotations

import csv
import io
import logging
from collections import defaultdict
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

from pos_terminal.domain.errors import DomainError
from pos_terminal.domain.model import PayoutRoute, Permission, ReceiptKind
from pos_terminal.money import Money
from pos_terminal.ports import JsonObject, PrintableDocument, RefundPaidRow, UnitOfWork
from pos_terminal.services import audit
from pos_terminal.services.cash import summaries
from pos_terminal.services.day_context import DayContext, calendar_date, current_day, day_window
from pos_terminal.services.printing import print_committed
from pos_terminal.services.report_model import DayReport, HourTotal, ShiftSummary, SyncSummary, TenderTotal
from pos_terminal.services.users import SignedIn

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

log = logging.getLogger(__name__)

JSON_VERSION = 1
_TENDER_ORDER = ("cash", "prepaid_card", "bank_card")
_ROUTE_ORDER = ("cash", "prepaid_card", "bank_card", "online", "split")

# Who a report is made for: a signed-in user, or a name (the command line's "cli"); None: the system.
ReportUser = SignedIn | str | None


class ReportRefused(DomainError):
    """A report not made. `reason` is stable for the screens: bad_date, future_date, shift_open,
    already_closed (then `report` is the stored Z), not_allowed, busy."""

    code = "report_refused"

    def __init__(self, reason: str, message: str, report: DayReport | None = None, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason
        self.report = report


@dataclass(frozen=True)
class ClosedDay:
    business_date: date
    z_no: int
    status: str  # closed | reconciled
    closed_at: datetime
    reconciled_at: datetime | None = None


@dataclass(frozen=True)
class ReportPrinted:
    printed: bool
    error: str | None = None
    document: PrintableDocument | None = None


# ------------------------------------------------------------------------------ days


def today(ctx: DayContext) -> date:
    """The business date the terminal works on now (services.day_context: the next one after the
    day's Z)."""
    with ctx.uow() as uow:
        return current_day(uow, ctx, ctx.clock.now()).date


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise ReportRefused("bad_date", f"{text!r} is not a date; write it as YYYY-MM-DD, e.g. 2026-11-22") from None


def _date(ctx: DayContext, business_date: date | str | None) -> date:
    if business_date is None:
        return today(ctx)
    d = parse_date(business_date) if isinstance(business_date, str) else business_date
    if isinstance(d, datetime) or not isinstance(d, date):
        raise ReportRefused("bad_date", f"{business_date!r} is not a date; give a YYYY-MM-DD date")
    if d > today(ctx):
        raise ReportRefused("future_date", f"{d.isoformat()} has not begun yet in {ctx.timezone}; "
                            f"today is {today(ctx).isoformat()}")
    return d


def _username(user: ReportUser) -> str:
    if isinstance(user, SignedIn) and user.username:
        return user.username
    return str(user) if user else "system"


# ------------------------------------------------------------------------------ compute


@dataclass
class _HourBucket:
    """The sales (by receipt_no) and the amount of one local hour and tender kind."""

    receipts: set[int] = field(default_factory=set)
    amount_minor: int = 0


def _compute(uow: UnitOfWork, ctx: DayContext, kind: str, d: date, user: ReportUser, now: datetime,
             z_no: int | None) -> DayReport:
    start, end = day_window(uow, ctx, d)
    tz = ZoneInfo(ctx.timezone)
    days = uow.days
    count, amount, offline, first_no, last_no = days.sales_figures(ctx.terminal_id, start, end)
    by_kind = {k: TenderTotal(k, n, a) for k, n, a in days.tender_figures(ctx.terminal_id, start, end)}
    tenders = tuple(sorted(by_kind.values(), key=lambda t: (_rank(_TENDER_ORDER, t.kind), t.kind)))

    hours: dict[tuple[int, str], _HourBucket] = defaultdict(_HourBucket)
    for paid_at, receipt_no, k, a in days.tender_times(ctx.terminal_id, start, end):
        bucket = hours[(paid_at.astimezone(tz).hour, k)]
        bucket.receipts.add(receipt_no)
        bucket.amount_minor += a
    by_hour = tuple(HourTotal(h, k, len(v.receipts), v.amount_minor)
                    for (h, k), v in sorted(hours.items(), key=lambda kv: (kv[0][0], _rank(_TENDER_ORDER, kv[0][1]))))

    voids_count, voids_minor, voids_by_tender, void_first, void_last = _voids(uow, ctx, start, end)

    refunds = days.refunds_paid(ctx.terminal_id, start, end)
    routes: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    refund_nos: list[int] = []
    for r in refunds:
        for route, leg_minor in _legs(r):
            routes[route][0] += 1
            routes[route][1] += leg_minor
        if r.receipt_no is not None:
            refund_nos.append(r.receipt_no)
    refunds_by_route = tuple(TenderTotal(k, n, a) for k, (n, a) in
                             sorted(routes.items(), key=lambda kv: (_rank(_ROUTE_ORDER, kv[0]), kv[0])))

    shift_list = days.shifts_of_day(ctx.terminal_id, d, start, end)
    shift_rows = tuple(summaries(uow, shift_list))
    open_rows = [s for s in shift_rows if s.closed_at is None]
    counted = over_short = None
    if not open_rows:
        counted = sum(s.counted_cash_minor or 0 for s in shift_rows)
        over_short = sum(s.over_short_minor or 0 for s in shift_rows)

    numbers = [n for n in (first_no, last_no, void_first, void_last, *refund_nos) if n is not None]
    pending, attention, oldest = days.sync_figures(ctx.terminal_id)
    return DayReport(
        kind=kind, terminal_id=ctx.terminal_id, store_id=ctx.store_id, store_name=ctx.store_name,
        business_date=d, timezone=ctx.timezone, currency=ctx.currency, generated_at=now,
        generated_by=_username(user), z_no=z_no,
        sales_count=count, sales_minor=amount, sales_by_tender=tenders, offline_sales_count=offline,
        refunds_count=len(refunds), refunds_minor=sum(int(r.amount_minor) for r in refunds),
        refunds_by_route=refunds_by_route, voids_count=voids_count, voids_minor=voids_minor,
        voids_by_tender=voids_by_tender,
        drops_minor=sum(s.drops_minor for s in shift_rows), pay_outs_minor=sum(s.pay_outs_minor for s in shift_rows),
        pay_ins_minor=sum(s.pay_ins_minor for s in shift_rows), no_sale_count=sum(s.no_sale_count for s in shift_rows),
        opening_float_minor=sum(s.opening_float_minor for s in shift_rows),
        expected_cash_minor=sum(s.expected_cash_minor for s in shift_rows),
        counted_cash_minor=counted, over_short_minor=over_short,
        first_receipt_no=min(numbers) if numbers else None, last_receipt_no=max(numbers) if numbers else None,
        shifts=shift_rows, by_hour=by_hour, sync=SyncSummary(pending, attention, oldest))


def _voids(uow: UnitOfWork, ctx: DayContext, start: datetime,
           end: datetime) -> tuple[int, int, tuple[TenderTotal, ...], int | None, int | None]:
    """(count, amount_minor, by tender, first and last receipt_no) of the day's voids (module doc)."""
    count, amount, first, last = uow.days.void_figures(ctx.terminal_id, start, end)
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for kind, n, minor in uow.days.void_tender_figures(ctx.terminal_id, start, end):
        kinds[kind][0] += n
        kinds[kind][1] += minor
    for row in uow.audit.actions_between(ctx.terminal_id, audit.VOID, start, end):
        details = row.get("details") or {}
        if details.get("currency", ctx.currency) != ctx.currency:
            continue
        given = details.get("given_back")
        if given is None:  # written before the tenders given back were recorded: the total only
            if row.get("outcome") == audit.OK and details.get("amount_minor"):
                count += 1
                amount += int(details["amount_minor"])
            continue
        legs = [(str(g.get("kind")), int(g.get("amount_minor") or 0)) for g in given if g.get("amount_minor")]
        if not legs:  # a void that failed before giving anything back
            continue
        count += 1
        for kind in {k for k, _ in legs}:
            kinds[kind][0] += 1
        for kind, minor in legs:
            kinds[kind][1] += minor
            amount += minor
    by_tender = tuple(TenderTotal(k, n, a) for k, (n, a) in
                      sorted(kinds.items(), key=lambda kv: (_rank(_TENDER_ORDER, kv[0]), kv[0])))
    return count, amount, by_tender, first, last


def _rank(order: tuple[str, ...], kind: str) -> int:
    return order.index(kind) if kind in order else len(order)


def _legs(refund: RefundPaidRow) -> list[tuple[str, int]]:
    """(route, amount) of each leg of a paid-out refund (services.refunds records them for every
    payout), or its one route and amount where it has none."""
    if refund.payout_legs:
        return [(leg["route"], int(leg["amount_minor"])) for leg in refund.payout_legs]
    route = refund.paid_out_route
    if isinstance(route, PayoutRoute):  # the storage adapter reads the column as the enum
        route = route.value
    return [(route or "cash", int(refund.amount_minor))]


# ------------------------------------------------------------------------------ X and Z


def x_report(ctx: DayContext, *, user: ReportUser, business_date: date | str | None = None) -> DayReport:
    """The day so far (default: today in the store's time zone). Changes nothing; any time, also
    with a shift open."""
    d = _date(ctx, business_date)
    now = ctx.clock.now()
    with ctx.uow() as uow:
        return _compute(uow, ctx, "X", d, user, now, None)


def z_report(ctx: DayContext, *, user: ReportUser, business_date: date | str | None = None) -> DayReport:
    """Closes the business day (default: today's calendar business date) and returns its Z report,
    stored as it is returned.
    `user` needs the close_day permission. ReportRefused: shift_open (close the shift first),
    already_closed (`.report` is the stored Z), not_allowed, future_date, bad_date, busy."""
    # Without a date: the calendar's business day, never the next one a Z already let the counter
    # work on (a Z repeated by mistake shows the stored one instead of closing that next day).
    d = _date(ctx, business_date) if business_date is not None else calendar_date(ctx, ctx.clock.now())
    if not isinstance(user, SignedIn) or not user.can(Permission.CLOSE_DAY):
        raise ReportRefused("not_allowed", f"{_username(user)} may not close the day; a manager closes it")
    now = ctx.clock.now()
    tz = ZoneInfo(ctx.timezone)
    with ctx.uow() as uow:
        if uow.days.get(ctx.terminal_id, d) is None:  # else: answered below, outside this unit of work
            end = day_window(uow, ctx, d)[1]
            open_shift = uow.shifts.open_for_terminal(ctx.terminal_id)
            if open_shift is not None:
                opened_day = open_shift.business_date or calendar_date(ctx, open_shift.opened_at)
                if opened_day == d or (open_shift.opened_at < end and now < end):
                    who = uow.users.get(open_shift.opened_by)
                    raise ReportRefused(
                        "shift_open", f"close the shift opened {open_shift.opened_at.astimezone(tz):%Y-%m-%d %H:%M} by "
                        f"{who.username if who else open_shift.opened_by} first: the day closes once its shifts "
                        "are counted", shift_id=str(open_shift.id))
            z_no = uow.days.next_z_no(ctx.terminal_id)
            report = _compute(uow, ctx, "Z", d, user, now, z_no)
            entry = audit.record(
                uow, at=now, terminal_id=ctx.terminal_id, action="day_close", user=user,
                subject=f"business day {d.isoformat()}",
                details={"business_date": d.isoformat(), "z_no": z_no, "currency": ctx.currency,
                         "sales_count": report.sales_count, "sales_minor": report.sales_minor,
                         "refunds_count": report.refunds_count, "refunds_minor": report.refunds_minor,
                         "voids_count": report.voids_count, "voids_minor": report.voids_minor,
                         "voids_by_tender": {t.kind: t.amount_minor for t in report.voids_by_tender},
                         "tenders": {t.kind: t.amount_minor for t in report.sales_by_tender},
                         "expected_cash_minor": report.expected_cash_minor,
                         "counted_cash_minor": report.counted_cash_minor, "over_short_minor": report.over_short_minor,
                         "first_receipt_no": report.first_receipt_no, "last_receipt_no": report.last_receipt_no,
                         "settlements_pending": report.sync.pending})
            report = replace(report, audit_anchor=entry.hash)  # `audit verify` checks the trail still holds it
            if uow.days.add_closed(terminal_id=ctx.terminal_id, business_date=d, z_no=z_no, closed_at=now,
                                   closed_by=user.user_id, report=report_to_json(report)) is not None:
                uow.commit()
                log.info("business day closed", extra={"business_date": d.isoformat(), "z_no": z_no,
                                                       "sales_count": report.sales_count})
                return report
    stored = _stored(ctx, d)
    if stored is None:  # lost a race for the z_no with another terminal of a shared database
        raise ReportRefused("busy", "another terminal took the same Z number at the same moment; try again")
    raise ReportRefused("already_closed", f"{d.isoformat()} is closed already (Z {stored.z_no}); here is the stored "
                        "report", report=stored, z_no=stored.z_no)


def _stored(ctx: DayContext, d: date) -> DayReport | None:
    with ctx.uow() as uow:
        row = uow.days.get(ctx.terminal_id, d)
        return report_from_json(row.report) if row is not None else None


def stored_z(ctx: DayContext, business_date: date | str) -> DayReport | None:
    """The Z report of a closed day as it was stored (and printed), None while the day is open."""
    d = parse_date(business_date) if isinstance(business_date, str) else business_date
    return _stored(ctx, d)


def closed_days(ctx: DayContext, limit: int = 60) -> list[ClosedDay]:
    """The terminal's closed business days, newest first."""
    with ctx.uow() as uow:
        return [ClosedDay(r.business_date, r.z_no, r.status, r.closed_at, r.reconciled_at)
                for r in uow.days.closed_days(ctx.terminal_id, limit)]


def audit_anchors(uow_factory: Callable[[], UnitOfWork], terminal_id: str | None = None) -> list[str]:
    """The audit-trail hashes printed on the stored Z reports: each must still be in the chain
    (`audit.verify(anchors=...)`), so cutting off entries up to a day close shows."""
    with uow_factory() as uow:
        reports = uow.days.stored_reports(terminal_id)
    return [r["audit_anchor"] for r in reports if r.get("audit_anchor")]


def print_report(ctx: DayContext, report: DayReport) -> ReportPrinted:
    """Lays the report out with ctx.render_report and prints it on ctx.printer. A printer fault or a
    missing layout is a status in the result (a Z stays closed either way; print it again)."""
    document, printed, error = print_committed(ctx.render_report, ctx.printer, report, uow_factory=ctx.uow,
                                               terminal_id=ctx.terminal_id, kind=ReceiptKind.REPORT, receipt_no=None,
                                               clock=ctx.clock)
    return ReportPrinted(printed, error, document)


# ------------------------------------------------------------------------------ JSON


def _enc(value: object) -> object:
    """A value of dataclasses.asdict's output as JSON-ready data."""
    if isinstance(value, date):  # a datetime too
        return value.isoformat()
    if isinstance(value, dict):  # a nested dataclass
        return {k: _enc(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_enc(v) for v in value]
    return value


def report_to_json(report: DayReport) -> JsonObject:
    """The report as JSON-ready data (dates and times as ISO 8601 text, tuples as lists)."""
    data: JsonObject = {"version": JSON_VERSION}
    data.update((name, _enc(value)) for name, value in asdict(report).items())
    return data


def _dt(text: str | None) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


_D = TypeVar("_D", bound="DataclassInstance")
# a stored field's JSON value to the dataclass field's value (None is passed through unconverted)
_Converters = dict[str, Callable[[Any], object]]


def _build(cls: type[_D], data: JsonObject, converters: _Converters) -> _D:
    kwargs: dict[str, Any] = {}
    for f in fields(cls):
        if f.name in data:
            value = data[f.name]
            kwargs[f.name] = converters[f.name](value) if f.name in converters and value is not None else value
    return cls(**kwargs)


def _tenders(values: list[JsonObject]) -> tuple[TenderTotal, ...]:
    return tuple(_build(TenderTotal, t, {}) for t in values)


def _shifts(values: list[JsonObject]) -> tuple[ShiftSummary, ...]:
    return tuple(_build(ShiftSummary, s, {"opened_at": _dt, "closed_at": _dt}) for s in values)


def _hours(values: list[JsonObject]) -> tuple[HourTotal, ...]:
    return tuple(_build(HourTotal, h, {}) for h in values)


def _sync(value: JsonObject) -> SyncSummary:
    return _build(SyncSummary, value, {"oldest_pending_at": _dt})


def report_from_json(data: JsonObject) -> DayReport:
    """The DayReport back from report_to_json's data (keys it does not know are ignored)."""
    return _build(DayReport, data, {
        "business_date": date.fromisoformat,
        "generated_at": _dt,
        "sales_by_tender": _tenders,
        "refunds_by_route": _tenders,
        "voids_by_tender": _tenders,
        "shifts": _shifts,
        "by_hour": _hours,
        "sync": _sync,
    })


# ------------------------------------------------------------------------------ CSV and text


def _amount(minor: int | None, currency: str) -> str:
    return "" if minor is None else str(Money(minor, currency).to_decimal())


_COUNT_WARNINGS = {"unsent": "{n} settlement(s) not sent to the platform yet",
                   "refused": "{n} settlement(s) refused by the platform need attention"}


def warning_texts(report: DayReport) -> list[str]:
    """DayReport.warnings() in English (the CSV and the command line), the audit anchor last."""
    tz = ZoneInfo(report.timezone)
    found = []
    for code, value in report.warnings():
        if code == "shift_open" and isinstance(value, ShiftSummary):
            found.append(f"the shift opened {value.opened_at.astimezone(tz):%H:%M} by {value.opened_by} is still "
                         "open: its cash is not counted yet")
        else:
            found.append(_COUNT_WARNINGS[code].format(n=value))
    if report.audit_anchor:
        found.append(f"audit anchor {report.audit_anchor}")
    return found


def _local(ts: datetime | None, tz: ZoneInfo) -> str:
    return "" if ts is None else ts.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


def to_csv(report: DayReport) -> str:
    """The report as CSV: a section per table (Summary, Tenders, Refunds, Voids, Shifts, Hours), each a
    title row, a header row and its rows, sections apart by an empty row. Amounts in major units
    ("105.00"), times local to the store. Starts with a UTF-8 BOM so Excel reads Chinese names."""
    cur, tz = report.currency, ZoneInfo(report.timezone)
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\r\n")

    def a(minor: int | None) -> str:
        return _amount(minor, cur)

    w.writerow(["Summary"])
    w.writerow(["field", "value"])
    for key, value in (
        ("report", report.kind), ("z_no", report.z_no if report.z_no is not None else ""),
        ("store_id", report.store_id), ("store_name", report.store_name), ("terminal_id", report.terminal_id),
        ("business_date", report.business_date.isoformat()), ("timezone", report.timezone), ("currency", cur),
        ("generated_at", _local(report.generated_at, tz)), ("generated_by", report.generated_by),
        ("sales_count", report.sales_count), ("sales", a(report.sales_minor)),
        ("offline_sales_count", report.offline_sales_count),
        ("refunds_count", report.refunds_count), ("refunds", a(report.refunds_minor)),
        ("net", a(report.sales_minor - report.refunds_minor)),
        ("voids_count", report.voids_count), ("voids", a(report.voids_minor)),
        ("opening_float", a(report.opening_float_minor)), ("drops", a(report.drops_minor)),
        ("pay_outs", a(report.pay_outs_minor)), ("pay_ins", a(report.pay_ins_minor)),
        ("no_sale_count", report.no_sale_count), ("expected_cash", a(report.expected_cash_minor)),
        ("counted_cash", a(report.counted_cash_minor)), ("over_short", a(report.over_short_minor)),
        ("first_receipt_no", "" if report.first_receipt_no is None else report.first_receipt_no),
        ("last_receipt_no", "" if report.last_receipt_no is None else report.last_receipt_no),
        ("settlements_pending", report.sync.pending), ("settlements_needing_attention", report.sync.needing_attention),
        ("oldest_pending_at", _local(report.sync.oldest_pending_at, tz)),
    ):
        w.writerow([key, value])
    for note in warning_texts(report):
        w.writerow(["note", note])
    w.writerow([])
    w.writerow(["Tenders"])
    w.writerow(["kind", "count", "amount"])
    for t in report.sales_by_tender:
        w.writerow([t.kind, t.count, a(t.amount_minor)])
    w.writerow([])
    w.writerow(["Refunds"])
    w.writerow(["route", "count", "amount"])
    for t in report.refunds_by_route:
        w.writerow([t.kind, t.count, a(t.amount_minor)])
    w.writerow([])
    w.writerow(["Voids"])
    w.writerow(["kind", "count", "amount"])
    for t in report.voids_by_tender:
        w.writerow([t.kind, t.count, a(t.amount_minor)])
    w.writerow([])
    w.writerow(["Shifts"])
    w.writerow(["shift_id", "opened_at", "opened_by", "closed_at", "closed_by", "opening_float", "cash_sales",
                "cash_refunds", "drops", "pay_outs", "pay_ins", "no_sale_count", "expected_cash", "counted_cash",
                "over_short", "close_note", "close_approved_by"])
    for s in report.shifts:
        w.writerow([s.shift_id, _local(s.opened_at, tz), s.opened_by, _local(s.closed_at, tz), s.closed_by or "",
                    a(s.opening_float_minor), a(s.cash_sales_minor), a(s.cash_refunds_minor), a(s.drops_minor),
                    a(s.pay_outs_minor), a(s.pay_ins_minor), s.no_sale_count, a(s.expected_cash_minor),
                    a(s.counted_cash_minor), a(s.over_short_minor), s.close_note or "", s.close_approved_by or ""])
    w.writerow([])
    w.writerow(["Hours"])
    w.writerow(["hour", "kind", "count", "amount"])
    for h in report.by_hour:
        w.writerow([f"{h.hour:02d}:00", h.kind, h.count, a(h.amount_minor)])
    return "\ufeff" + out.getvalue()


def to_text(report: DayReport) -> str:
    """A readable plain-text summary (the command line's default output)."""
    cur, tz = report.currency, ZoneInfo(report.timezone)

    def m(minor: int | None) -> str:
        return "-" if minor is None else Money(minor, cur).format()

    title = f"{report.kind} report" + (f" #{report.z_no}" if report.z_no is not None else "")
    lines = [f"{title}  {report.store_name} ({report.store_id}) terminal {report.terminal_id}",
             f"business day {report.business_date.isoformat()} ({report.timezone}); made "
             f"{_local(report.generated_at, tz)} by {report.generated_by}", ""]

    def row(label: str, value: str) -> None:
        lines.append(f"  {label:<24}{value:>16}")

    lines.append("Sales")
    row("sales", f"{report.sales_count} / {m(report.sales_minor)}")
    for t in report.sales_by_tender:
        row(f"  {t.kind}", f"{t.count} / {m(t.amount_minor)}")
    row("offline sales", str(report.offline_sales_count))
    row("refunds", f"{report.refunds_count} / {m(report.refunds_minor)}")
    for t in report.refunds_by_route:
        row(f"  {t.kind}", f"{t.count} / {m(t.amount_minor)}")
    row("net", m(report.sales_minor - report.refunds_minor))
    row("voids", f"{report.voids_count} / {m(report.voids_minor)}")
    for t in report.voids_by_tender:
        row(f"  {t.kind}", f"{t.count} / {m(t.amount_minor)}")
    first, last = report.first_receipt_no, report.last_receipt_no
    row("receipts", "-" if first is None else f"{first} - {last}")
    lines.append("Cash")
    row("opening float", m(report.opening_float_minor))
    row("drops", m(report.drops_minor))
    row("pay-outs", m(report.pay_outs_minor))
    row("pay-ins", m(report.pay_ins_minor))
    row("no-sale openings", str(report.no_sale_count))
    row("expected", m(report.expected_cash_minor))
    row("counted", m(report.counted_cash_minor))
    row("over (+) / short (-)", m(report.over_short_minor))
    for s in report.shifts:
        state = f"closed {_local(s.closed_at, tz)[11:16]} by {s.closed_by}" if s.closed_at else "OPEN"
        lines.append(f"  shift {_local(s.opened_at, tz)[11:16]} {s.opened_by}: {state}; expected "
                     f"{m(s.expected_cash_minor)}, counted {m(s.counted_cash_minor)}, over/short {m(s.over_short_minor)}"
                     + (f"; note: {s.close_note}" if s.close_note else "")
                     + (f" (approved by {s.close_approved_by})" if s.close_approved_by else ""))
    lines.append("Sync")
    row("settlements pending", str(report.sync.pending))
    row("needing attention", str(report.sync.needing_attention))
    if report.by_hour:
        lines.append("By hour")
        per_hour: dict[int, list[HourTotal]] = defaultdict(list)
        for h in report.by_hour:
            per_hour[h.hour].append(h)
        for hour, items in sorted(per_hour.items()):
            lines.append(f"  {hour:02d}:00  " + ", ".join(f"{h.kind} {h.count} / {m(h.amount_minor)}" for h in items))
    for note in warning_texts(report):
        lines.append(f"Note: {note}")
    return "\n".join(lines) + "\n"
