"""Voids in the X and Z reports (issue 11): a checkout cancelled after money was taken gives the
tenders back and is audited as a void, but records no sale, and the reports counted only sales
with status VOIDED, so every report said voids 0 / ¥0.00. Here real voids go through the checkout
service on the demo terminal's SQLite database (cash in the drawer, a bank card refunded on the
card terminal stand-in), and the X, the Z, their JSON, CSV, receipt and PDF forms must all carry
the count, the amount and what went back by tender. The card terminal is the fake of its port
(tests.checkout_fakes): the refund leg is what it records."""

from __future__ import annotations

import csv
import io
import json
from datetime import datetime, timezone

import pypdf

from pos_terminal.app.facades import App
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services import cash, reports
from pos_terminal.services.checkout import CheckoutContext, CheckoutSession
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.report_model import TenderTotal
from pos_terminal.services.sales import LineSpec, OrderSpec
from receipts.escpos_render import render_escpos
from receipts.report_document import build_report_receipt
from receipts.report_pdf import report_pdf_bytes
from tests.checkout_fakes import FakeCardTerminal, FakePrinter
from tests.fakes import FakeClock

# 10:00 in Asia/Shanghai on an injected clock: the business day is the clock's, not the host's
START = datetime(2030, 3, 14, 2, 0, tzinfo=timezone.utc)


def order(n: int, price: int) -> OrderSpec:
    no = f"PO{n:012d}"
    return OrderSpec(no, "m-tea", "好物商城", "CNY", (LineSpec(1, "TEA", "乌龙茶", price, 1, (f"IC{n:014d}",)),))


def session(terminal, cashier, spec: OrderSpec, card: FakeCardTerminal) -> CheckoutSession:
    ids = terminal.settings.terminal
    ctx = CheckoutContext(terminal.uow, terminal.clock, ids.terminal_id, ids.store_id, ids.store_name, ids.timezone,
                          cashier.user_id, cashier.display_name, None, card, FakePrinter(), None,
                          render_receipt=lambda info: {"receipt_no": info.receipt_no})
    return CheckoutSession(PaymentTarget(spec, ScanKind.VOUCHER, f"v-{spec.order_no}", True), ctx)


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def section(rows: list[list[str]], title: str) -> list[list[str]]:
    start = rows.index([title]) + 2
    end = next((i for i in range(start, len(rows)) if not rows[i]), len(rows))
    return rows[start:end]


def test_voids_through_the_checkout_are_counted_in_every_report(terminal_factory):
    clock = FakeClock(START)
    terminal = terminal_factory(clock=clock)
    cashier = App.of(terminal).users.sign_in("1001", "1357")
    manager = App.of(terminal).users.approve("8001", "8642")
    day = terminal.day_context()
    cash.open_shift(day, user=cashier, counts={10000: 2})
    card = FakeCardTerminal()

    # void 1: ¥10.00 cash and ¥15.00 on a bank card taken, then the order is cancelled
    clock.advance(minutes=5)
    s = session(terminal, cashier, order(1, 3380), card)
    s.take_cash(1000)
    s.take_card(1500)
    given = s.cancel(manager, "buyer changed mind")
    assert len(given) == 2 and card.refunds and card.refunds[0][0] == 1500
    # void 2: ¥5.00 cash
    clock.advance(minutes=5)
    s = session(terminal, cashier, order(2, 1250), card)
    s.take_cash(500)
    s.cancel(manager)
    # a sale that stands, and a cancel before anything was taken (no void: nothing went back)
    clock.advance(minutes=5)
    s = session(terminal, cashier, order(3, 1250), card)
    s.take_cash(1250)
    assert s.complete().sale.receipt_no == 1
    session(terminal, cashier, order(4, 800), card).cancel()

    x = reports.x_report(day, user=cashier)
    assert (x.sales_count, x.sales_minor) == (1, 1250)
    assert (x.voids_count, x.voids_minor) == (2, 3000)
    assert x.voids_by_tender == (TenderTotal("cash", 2, 1500), TenderTotal("bank_card", 1, 1500))
    assert x.expected_cash_minor == 20000 + 1250  # the cash given back never entered the drawer's figures

    clock.advance(hours=8)
    cash.close_shift(day, user=cashier, counts={10000: 2, 1000: 1, 100: 2, 50: 1})
    z = reports.z_report(day, user=manager)
    assert (z.voids_count, z.voids_minor, z.voids_by_tender) == (2, 3000, x.voids_by_tender)
    assert reports.stored_z(day, z.business_date) == z  # the stored JSON keeps the voids

    data = json.loads(json.dumps(reports.report_to_json(z)))
    assert (data["voids_count"], data["voids_minor"]) == (2, 3000)
    assert data["voids_by_tender"] == [{"kind": "cash", "count": 2, "amount_minor": 1500},
                                       {"kind": "bank_card", "count": 1, "amount_minor": 1500}]
    assert reports.report_from_json(data) == z

    rows = csv_rows(reports.to_csv(z))
    summary = dict(tuple(r) for r in section(rows, "Summary") if len(r) == 2)
    assert (summary["voids_count"], summary["voids"]) == ("2", "30.00")
    assert section(rows, "Voids") == [["cash", "2", "15.00"], ["bank_card", "1", "15.00"]]

    text = reports.to_text(z)
    assert "2 / ¥30.00" in text and "bank_card" in text

    receipt = render_escpos(build_report_receipt(z, language="en")).decode("gb18030", errors="replace")
    voids_part = receipt[receipt.index("Voids"):]
    assert "Voids total" in voids_part and "30.00" in voids_part and "15.00" in voids_part

    pdf = pypdf.PdfReader(io.BytesIO(report_pdf_bytes(z, language="en")))
    pdf_text = "\n".join(page.extract_text() for page in pdf.pages)
    voids_pdf = pdf_text[pdf_text.index("Voids (CNY)"):]
    assert "Voids total" in voids_pdf
    total_line = next(line for line in voids_pdf.splitlines() if "Voids total" in line)
    assert "30.00" in total_line and "2" in total_line.replace("30.00", "")
    zh = pypdf.PdfReader(io.BytesIO(report_pdf_bytes(z, language="zh_CN")))
    zh_text = "\n".join(page.extract_text() for page in zh.pages)
    assert "作废合计" in zh_text and "30.00" in zh_text


def test_the_audit_entry_of_a_void_says_what_went_back_by_tender(terminal_factory):
    clock = FakeClock(START)
    terminal = terminal_factory(clock=clock)
    cashier = App.of(terminal).users.sign_in("1001", "1357")
    manager = App.of(terminal).users.approve("8001", "8642")
    cash.open_shift(terminal.day_context(), user=cashier, counts={10000: 1})
    s = session(terminal, cashier, order(7, 3380), FakeCardTerminal())
    s.take_cash(700)
    s.cancel(manager, "wrong order")
    from pos_terminal.services import audit

    void = next(e for e in audit.entries(terminal.uow, "T01") if e.action == "void")
    assert void.details["given_back"] == [{"kind": "cash", "amount_minor": 700}]
