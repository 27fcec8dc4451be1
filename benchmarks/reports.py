"""The Z report for a day of 5,000 sales: the time to compute it and to render its A4 PDF, each
beside a baseline measured in the same run on the same data.

The day: one terminal (demo settings, SQLite with WAL and synchronous=FULL) with one shift and N
paid sales spread over today's local hours 08:00-21:59 in the store's time zone, with the real
mix of tenders (cash, prepaid card, bank card, every tenth sale split prepaid + cash; every
seventh offline). They are written through the real storage (domain Order/Sale/Tender/Receipt
objects, the unit of work, an outbox settlement each) in batches of 500 per transaction, not one
sale per commit, so that building the day takes seconds rather than minutes.

- compute: services.reports.x_report, median of REPEATS runs. X and Z run the same _compute (the
  same queries and hour buckets); Z also stores the day and the audit entry, and closes the day,
  so it can run only once per day: it is timed once at the end and given beside the median as
  `z_report_once_ms`. Baseline: one bare sqlite3 `SELECT kind, COUNT(*), SUM(amount_minor) FROM
  tenders GROUP BY kind` over the same database file (the irreducible aggregate, nothing else).
- PDF: receipts.report_pdf.report_pdf_bytes of that Z report, median of REPEATS. Baseline: a bare
  fpdf2 A4 document with the same CJK font embedded and the same table cells (one plain cell per
  label, count and value of every section), no chart, no layout of ours.

POS_BENCH_REPORTS_N sets a smaller N for a quick look; the rows say which N was measured."""

from __future__ import annotations

import os
import shutil
import sqlite3
import time
import uuid
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from benchmarks.stats import median, row

N = int(os.environ.get("POS_BENCH_REPORTS_N", "5000"))
REPEATS = 5
BATCH = 500


def _terminal(folder: Path):
    from config.schema import Settings, TerminalSettings
    from pos_terminal.bootstrap import DATA_DIR_ENV, build_terminal
    from pos_terminal.security import ScryptPinHasher

    os.environ[DATA_DIR_ENV] = str(folder)
    settings = Settings(terminal=TerminalSettings(store_name="好邻居便利店 徐汇店"))
    return build_terminal(settings, demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)


def _write_day(terminal, shift_id, cashier_id, n: int) -> None:
    """n paid sales, spread over today's local 08:00-21:59, committed BATCH at a time."""
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
                no = f"R-{i:06d}"
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


def _bare_sum(db: Path) -> float:
    conn = sqlite3.connect(db)
    try:
        t0 = time.perf_counter()
        rows = conn.execute("SELECT kind, COUNT(*), SUM(amount_minor) FROM tenders GROUP BY kind").fetchall()
        elapsed = (time.perf_counter() - t0) * 1000
        assert sum(r[1] for r in rows) >= 1
        return elapsed
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


def run(out_dir: Path, n: int = N) -> list[dict]:
    from pos_terminal.services import cash, reports
    from receipts.report_pdf import report_pdf_bytes

    folder = out_dir / "reports"
    shutil.rmtree(folder, ignore_errors=True)
    terminal = _terminal(folder)
    try:
        cashier = terminal.sign_in("1001", "1357")
        manager = terminal.sign_in("8001", "8642")
        ctx = terminal.day_context()
        shift = cash.open_shift(ctx, user=cashier, opening_float_minor=20000)
        t0 = time.perf_counter()
        _write_day(terminal, uuid.UUID(shift.shift_id), cashier.user_id, n)
        build_s = time.perf_counter() - t0

        x_ms, x = _ms(lambda: reports.x_report(ctx, user=manager))
        assert x.sales_count == n, (x.sales_count, n)
        bare_ms = [_bare_sum(terminal.paths.database) for _ in range(REPEATS)]

        expected = x.expected_cash_minor
        cash.close_shift(ctx, user=manager, counts={10000: expected // 10000, 10: (expected % 10000) // 10},
                         manager=manager, note="benchmark: counted to the expected cash")
        t0 = time.perf_counter()
        z = reports.z_report(ctx, user=manager)
        z_ms = (time.perf_counter() - t0) * 1000
        assert z.kind == "Z" and z.sales_count == n and z.sales_minor == x.sales_minor

        pdf_ms, pdf = _ms(lambda: report_pdf_bytes(z))
        bare_pdf_ms, bare = _ms(lambda: _bare_pdf(z))
        (folder / "z-report.pdf").write_bytes(pdf)
        (folder / "z-report-bare.pdf").write_bytes(bare)
    finally:
        terminal.close()

    return [
        row(f"Z report compute, day of {n} sales, median of {REPEATS}", median(x_ms), median(bare_ms), "ms",
            "one bare sqlite3 SELECT kind, COUNT(*), SUM(amount_minor) FROM tenders GROUP BY kind, same database",
            n=n, measured_with="x_report (the same computation as Z, which can close a day only once)",
            z_report_once_ms=round(z_ms, 1), runs_ms=[round(v, 1) for v in x_ms],
            day_written_in_s=round(build_s, 1)),
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
