"""The Z report (closes a business day) and its A4 PDF, each beside a baseline measured in the
same run on the same data.

The data: one terminal (demo settings, SQLite with WAL and synchronous=FULL, a settable clock)
that sells through DAYS + BIG_DAYS consecutive business days in the past, each day its own shift:
opened at 07:30 local, paid sales spread over 08:00-21:59 in the store's time zone with the real
mix of tenders (cash, prepaid card, bank card, every tenth sale split prepaid + cash; every
seventh offline), its settlements taken by the platform by 22:00 (the outbox drained, as at a
counter online), the shift closed at 22:30 counted to the expected cash, then the day is closed
with its Z. Sales are written through the real storage (domain Order/Sale/Tender/Receipt objects, the
unit of work, an outbox settlement each) in batches of 500 per transaction, not one sale per
commit, so that building the days takes seconds rather than minutes. A Z closes its day once, so
each sample is its own day; the database holds every earlier day while a Z runs (a terminal with
a history, as at a counter).

- Z compute, p95 of DAYS days of DAY_SALES sales: services.reports.z_report (the aggregates, the
  hour buckets, the audit entry, the stored day, one commit), timed per day. Baseline: the bare
  sqlite3 aggregate of that day's tenders (`SELECT kind, COUNT(*), SUM(amount_minor)` over the
  day's paid sales joined to their tenders) on the same file, per day, its p95.
- Z compute, day of N sales: BIG_DAYS days of N sales, their maximum (too few for a p95: it is
  labelled a maximum); baseline the bare aggregate's maximum over the same days.
- PDF: receipts.report_pdf.report_pdf_bytes of the last big day's Z, median of REPEATS. Baseline:
  a bare fpdf2 A4 document with the same CJK font embedded and the same table cells (one plain
  cell per label, count and value of every section), no chart, no layout of ours.

POS_BENCH_REPORTS_N, POS_BENCH_REPORTS_DAYS and POS_BENCH_REPORTS_DAY_SALES set smaller sizes for a
quick look; the rows say which sizes were measured."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.stats import median, p95, row

N = int(os.environ.get("POS_BENCH_REPORTS_N", "5000"))
BIG_DAYS = 3
DAYS = int(os.environ.get("POS_BENCH_REPORTS_DAYS", "100"))
DAY_SALES = int(os.environ.get("POS_BENCH_REPORTS_DAY_SALES", "300"))
REPEATS = 5
BATCH = 500


class _Clock:
    """The terminal's clock, set by the benchmark to each business day in turn."""

    def __init__(self, now: datetime) -> None:
        self._now = now

    def set(self, now: datetime) -> None:
        self._now = now

    def now(self) -> datetime:
        return self._now


def _terminal(folder: Path, clock: _Clock):
    from config.schema import Settings, TerminalSettings
    from pos_terminal.app.container import DATA_DIR_ENV, build_terminal
    from pos_terminal.security import ScryptPinHasher

    os.environ[DATA_DIR_ENV] = str(folder)
    settings = Settings(terminal=TerminalSettings(store_name="好邻居便利店 徐汇店"))
    return build_terminal(settings, demo=True, clock=clock, hasher=ScryptPinHasher(n=2**10), configure_logs=False)


def _write_day(terminal, shift_id, cashier_id, n: int, first_no: int = 0) -> None:
    """n paid sales, spread over the clock's local day 08:00-21:59, committed BATCH at a time;
    their order numbers count from first_no (unique over all the days)."""
    from pos_terminal.domain.model import Receipt, ReceiptKind, Sale, Settlement, Tender, TenderKind
    from pos_terminal.money import Money
    from pos_terminal.services import sales

    ids = terminal.settings.terminal
    tz = ZoneInfo(ids.timezone)
    day = terminal.clock.now().astimezone(tz).date()
    opening = datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(hours=8)
    span = 14 * 3600  # seconds from 08:00 to 22:00
    for first in range(0, n, BATCH):
        with terminal.uow() as uow:
            counter = uow.receipts.counter_for(ids.terminal_id)
            for i in range(first, min(n, first + BATCH)):
                no = f"R-{first_no + i:08d}"
                price = 350 + (i * 37) % 4000
                spec = sales.OrderSpec(no, "m-tea", "好物商城", ids.currency, (
                    sales.LineSpec(1, "SKU-1", "乌龙茶 500ml", price, 1, (f"{no}-1",)),
                    sales.LineSpec(2, "SKU-2", "饼干", 880, 1, (f"{no}-2",))))
                order = spec.build()
                uow.orders.add(order)
                paid_at = opening + timedelta(seconds=span * i // n)
                sale = Sale(ids.terminal_id, no, order.merchant_id, order.total, shift_id=shift_id,
                            cashier_id=cashier_id, offline=i % 7 == 0, created_at=paid_at)
                total = order.total.minor
                mix = i % 10
                if mix < 4:
                    sale.add_tender(Tender(TenderKind.CASH, Money(total), tendered=Money(-(-total // 1000) * 1000)))
                elif mix < 7:
                    sale.add_tender(Tender(TenderKind.PREPAID_CARD, Money(total), reference=f"PC{i:08d}"))
                elif mix < 9:
                    sale.add_tender(Tender(TenderKind.BANK_CARD, Money(total), reference=f"BK{i:08d}",
                                           approval_code=f"{i % 999999:06d}", card_last4="4242"))
                else:
                    sale.add_tender(Tender(TenderKind.PREPAID_CARD, Money(total - 500), reference=f"PC{i:08d}"))
                    sale.add_tender(Tender(TenderKind.CASH, Money(500)))
                receipt_no = counter.next()
                sale.mark_paid(receipt_no, paid_at)
                order.mark_paid()
                uow.sales.add(sale)
                uow.receipts.add(Receipt(ids.terminal_id, receipt_no, ReceiptKind.SALE, sale_id=sale.id,
                                         created_at=paid_at))
                uow.outbox.add_settlement(Settlement(sale, ids.store_id), paid_at)
            uow.commit()


def _sqlite_ts(ts: datetime) -> str:
    """A UTC instant as the storage keeps it in SQLite (naive UTC text, storage.orm.UTCDateTime)."""
    return ts.astimezone(timezone.utc).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")


def _bare_day_sum(db: Path, terminal_id: str, start: datetime, end: datetime) -> tuple[float, int]:
    """Milliseconds of the bare aggregate of one day's tenders, and the sum it found."""
    conn = sqlite3.connect(db)
    try:
        t0 = time.perf_counter()
        rows = conn.execute(
            "SELECT t.kind, COUNT(*), SUM(t.amount_minor) FROM sales s JOIN tenders t ON t.sale_id = s.id "
            "WHERE s.terminal_id = ? AND s.paid_at >= ? AND s.paid_at < ? GROUP BY t.kind",
            (terminal_id, _sqlite_ts(start), _sqlite_ts(end))).fetchall()
        elapsed = (time.perf_counter() - t0) * 1000
        return elapsed, sum(r[2] for r in rows)
    finally:
        conn.close()


def _bare_pdf(report) -> bytes:
    """The same table cells as plain fpdf2 cells in the same embedded CJK font: no chart, no layout."""
    from fpdf import FPDF
    from fpdf.enums import XPos, YPos

    from receipts.report_document import report_header, report_sections
    from receipts.report_pdf import find_font

    pdf = FPDF(format="A4")
    pdf.add_font("cjk", "", find_font(), collection_font_number=0)
    pdf.add_page()
    pdf.set_font("cjk", size=9.5)
    for label, value in report_header(report):
        pdf.cell(60, 5.6, label)
        pdf.cell(60, 5.6, value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    for section in report_sections(report):
        pdf.cell(0, 6, section.title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        for r in section.rows:
            pdf.cell(90, 5.6, r.label)
            pdf.cell(30, 5.6, r.count)
            pdf.cell(60, 5.6, r.value, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    return bytes(pdf.output())


def _ms(fn) -> tuple[list[float], object]:
    out, result = [], None
    for _ in range(REPEATS):
        t0 = time.perf_counter()
        result = fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out, result


def _drain_outbox(terminal, at: datetime) -> None:
    """The day's settlements taken by the platform, as the outbox worker of a counter online leaves
    them (this benchmark has no platform): else every day of the history would stay pending, and
    each Z would count a growing backlog no counter has."""
    from sqlalchemy import text

    with terminal.engine.begin() as conn:
        conn.execute(text("UPDATE outbox SET sent_at = :at, outcome = 'paid', attempts = 1 WHERE sent_at IS NULL"),
                     {"at": _sqlite_ts(at)})


def _close_days(terminal, clock: _Clock, users, days: list, n: int, first_no: int, pdf_of_last: bool = False):
    """Sells n sales on each day, closes its shift and then the day with a timed Z. Returns the Z
    times, the bare aggregate times, the seconds spent writing, the last Z."""
    from pos_terminal.clock import day_bounds
    from pos_terminal.services import cash, reports

    cashier, manager = users
    ids = terminal.settings.terminal
    tz = ZoneInfo(ids.timezone)
    ctx = terminal.day_context()
    z_ms, bare_ms, write_s, z = [], [], 0.0, None
    for k, day in enumerate(days):
        clock.set(datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(hours=7, minutes=30))
        shift = cash.open_shift(ctx, user=cashier, opening_float_minor=20000)
        t0 = time.perf_counter()
        _write_day(terminal, uuid.UUID(shift.shift_id), cashier.user_id, n, first_no + k * n)
        write_s += time.perf_counter() - t0
        _drain_outbox(terminal, datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(hours=22))
        clock.set(datetime.combine(day, datetime.min.time(), tzinfo=tz) + timedelta(hours=22, minutes=30))
        expected = reports.x_report(ctx, user=manager).expected_cash_minor
        cash.close_shift(ctx, user=manager, counts={10000: expected // 10000, 10: (expected % 10000) // 10},
                         manager=manager, note="benchmark: counted to the expected cash")
        t0 = time.perf_counter()
        z = reports.z_report(ctx, user=manager)
        z_ms.append((time.perf_counter() - t0) * 1000)
        assert z.kind == "Z" and z.business_date == day and z.sales_count == n, (z.business_date, z.sales_count)
        start, end = day_bounds(day, ids.timezone)
        elapsed, total = _bare_day_sum(terminal.paths.database, ids.terminal_id, start, end)
        bare_ms.append(elapsed)
        assert total == z.sales_minor, (total, z.sales_minor)
    return z_ms, bare_ms, write_s, z


def run(out_dir: Path, n: int = N, days: int = DAYS, day_sales: int = DAY_SALES) -> list[dict]:
    from pos_terminal.app.facades import App
    from receipts.report_pdf import report_pdf_bytes

    folder = out_dir / "reports"
    shutil.rmtree(folder, ignore_errors=True)
    # consecutive past days, the last one yesterday (a Z of a day in the future is refused)
    today = datetime.now(ZoneInfo("Asia/Shanghai")).date()
    all_days = [today - timedelta(days=days + BIG_DAYS - i) for i in range(days + BIG_DAYS)]
    clock = _Clock(datetime.combine(all_days[0], datetime.min.time(), tzinfo=timezone.utc))
    terminal = _terminal(folder, clock)
    try:
        assert terminal.settings.terminal.timezone == "Asia/Shanghai"
        app_users = App.of(terminal).users
        users = app_users.sign_in("1001", "1357"), app_users.sign_in("8001", "8642")
        small_z, small_bare, small_write_s, _ = _close_days(terminal, clock, users, all_days[:days], day_sales, 0)
        big_z, big_bare, big_write_s, z = _close_days(terminal, clock, users, all_days[days:], n, days * day_sales)

        pdf_ms, pdf = _ms(lambda: report_pdf_bytes(z))
        bare_pdf_ms, bare = _ms(lambda: _bare_pdf(z))
        (folder / "z-report.pdf").write_bytes(pdf)
        (folder / "z-report-bare.pdf").write_bytes(bare)
    finally:
        terminal.close()

    base = ("bare sqlite3 SELECT kind, COUNT(*), SUM(amount_minor) of the day's paid sales joined to their tenders, "
            "same database, same days")
    return [
        row(f"Z report (closes the day), p95 of {days} days of {day_sales} sales each", p95(small_z), p95(small_bare),
            "ms", base, days=days, sales_per_day=day_sales, median_ms=round(median(small_z), 2),
            baseline_median_ms=round(median(small_bare), 3), max_ms=round(max(small_z), 2),
            days_written_in_s=round(small_write_s, 1)),
        row(f"Z report (closes the day), day of {n} sales, maximum of {BIG_DAYS} days", max(big_z), max(big_bare),
            "ms", base, n=n, runs_ms=[round(v, 1) for v in big_z], baseline_runs_ms=[round(v, 2) for v in big_bare],
            statistic="maximum (too few samples for a p95: each Z needs its own day)",
            days_written_in_s=round(big_write_s, 1)),
        row(f"Z report to A4 PDF, day of {n} sales, median of {REPEATS}", median(pdf_ms), median(bare_pdf_ms), "ms",
            "bare fpdf2 A4 document, same embedded CJK font, the same table cells as plain cells, no chart",
            n=n, pdf_bytes=len(pdf), baseline_pdf_bytes=len(bare), runs_ms=[round(v, 1) for v in pdf_ms]),
    ]

if __name__ == "__main__":
    import json
    import sys

    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    print(json.dumps(run(out, int(sys.argv[1]) if len(sys.argv) > 1 else N), indent=2, ensure_ascii=False))
