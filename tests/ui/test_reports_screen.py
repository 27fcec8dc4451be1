"""The Reports and Reconciliation tabs on a real demo Terminal: the X report's figures checked
against the sales that made them, the chart, the Z report (a cashier needs a manager; a shift still
open is refused), a past day's stored Z shown again, CSV and PDF export through the methods, a
printer fault shown as a message; the reconciliation against the sandbox platform on loopback with
a settlement still in the outbox listed as a difference, the manager's override, and the platform
away shown as a normal state."""

from __future__ import annotations

import csv
import io
import uuid
from datetime import timedelta

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_terminal.app.facades import App
from pos_terminal.domain.model import TenderKind
from pos_terminal.services import cash, reports, sales
from pos_terminal.services.report_model import HourTotal
from sync.outbox_worker import OutboxWorker
from tests.platform_helpers import client_for, new_order, settings_for, spec_of
from tests.sale_helpers import sell_cash, terminal_checkout
from tests.ui.conftest import settle, sign_in
from tests.ui.test_shift_screen import ModalDriver, manager_answers
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.sales_chart import SalesChart

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


@pytest.fixture
def terminal(terminal_factory, server):
    return terminal_factory(settings_for(server.url))


def local_spec(n: int, price: int, qty: int) -> sales.OrderSpec:
    codes = tuple(f"IT{n:04d}{i}" for i in range(qty))
    return sales.OrderSpec(f"PO{n:012d}", "m-tea", "Tea House", "CNY",
                           (sales.LineSpec(1, "TEA-500", "Oolong", price, qty, codes),))


def sell(terminal, spec: sales.OrderSpec, *tenders) -> sales.SaleRecorded:
    cashier = App.of(terminal).users.sign_in("1001", "1357")
    ids = terminal.settings.terminal
    total, specs = spec.total.minor, []
    for kind, amount in tenders or ((TenderKind.CASH, None),):
        amount = total - sum(s.amount_minor for s in specs) if amount is None else amount
        specs.append(sales.TenderSpec(kind, amount, approval_code="A1" if kind is TenderKind.BANK_CARD else None,
                                      card_last4="4242" if kind is TenderKind.BANK_CARD else None,
                                      reference="8800001234567890" if kind is TenderKind.PREPAID_CARD else None))
    return sales.record_sale(sales.RecordSale(ids.terminal_id, ids.store_id, cashier.user_id, spec, tuple(specs)),
                             terminal.uow(), terminal.clock)


def a_day(terminal):
    """A float of ¥200, three sales (cash ¥25, card ¥45, prepaid ¥10 + cash ¥20), a ¥30 drop."""
    ctx = terminal.day_context()
    cashier = App.of(terminal).users.sign_in("1001", "1357")
    cash.open_shift(ctx, user=cashier, opening_float_minor=20000)
    sell(terminal, local_spec(1, 1250, 2))
    sell(terminal, local_spec(2, 4500, 1), (TenderKind.BANK_CARD, None))
    sell(terminal, local_spec(3, 1500, 2), (TenderKind.PREPAID_CARD, 1000), (TenderKind.CASH, None))
    cash.cash_drop(ctx, user=cashier, amount_minor=3000, reason="to_safe")
    return ctx, cashier


def close_shift(terminal, ctx, cashier, counts):
    return cash.close_shift(ctx, user=cashier, counts=counts)


def reports_tab(qtbot, window, username="8001", pin="8642"):
    sign_in(qtbot, window, username, pin)
    window.workspace.show_page("shift")
    page = window.workspace.pages["shift"]
    page.show_tab("reports")
    settle(qtbot)
    return page, page.reports


def test_the_x_report_shows_the_figures_of_the_sales_that_made_it(qtbot, window, terminal):
    a_day(terminal)
    page, tab = reports_tab(qtbot, window, "1001", "1357")  # any user: X changes nothing
    assert tab.report is not None and tab.report.kind == "X"  # shown when the tab opens
    table = tab.table
    assert table.value("Sales total") == ("3", "¥100.00")
    assert table.value("Cash") == ("2", "¥45.00")
    assert table.value("Bank card") == ("1", "¥45.00")
    assert table.value("Prepaid card") == ("1", "¥10.00")
    assert table.value("Opening float") == ("", "¥200.00")
    assert table.value("+ Cash sales") == ("", "¥45.00")
    assert table.value("− Cash drops") == ("", "¥30.00")
    assert table.value("Expected cash") == ("", "¥215.00")
    assert table.value("Counted cash") == ("", "not counted yet")
    assert table.value("Receipt numbers") == ("", "000001–000003")
    assert table.value("Settlements not sent yet") == ("3", "")
    assert tab.heading.text().startswith("X report · ")
    assert "A shift of this day is still open" in tab.notes_label.text()
    assert "3 settlements not sent to the platform yet." in tab.notes_label.text()
    hour = tab.report.by_hour[0].hour
    assert tab.chart.bars == {hour: {"cash": 4500, "bank_card": 4500, "prepaid_card": 1000}}
    assert hour in tab.chart.hours and len(tab.chart.hours) >= 8
    assert tab.print_button.isEnabled() and tab.csv_button.isEnabled() and tab.pdf_button.isEnabled()
    assert not tab.chart.grab().isNull()


def test_z_is_refused_while_a_shift_is_open_then_a_manager_approves_a_cashiers_z(qtbot, window, terminal, app):
    ctx, cashier = a_day(terminal)
    page, tab = reports_tab(qtbot, window, "1001", "1357")
    tab.close_day(confirm=False, manager=app.users.sign_in("8001", "8642"))
    settle(qtbot)
    assert tab.message.text() == "A shift is still open: close it (count the drawer) before the Z report."
    assert reports.stored_z(ctx, tab.selected_date()) is None

    close_shift(terminal, ctx, cashier, {10000: 2, 1000: 1, 500: 1})  # ¥215: exact
    cancelled = ModalDriver((ManagerApprovalDialog, lambda d: d.cancel_button.click()))
    tab.close_day(confirm=False)  # a cashier: a manager must approve
    assert cancelled.done()
    settle(qtbot)
    assert reports.stored_z(ctx, tab.selected_date()) is None

    driver = ModalDriver((ManagerApprovalDialog, manager_answers()))
    tab.close_day(confirm=False)
    assert driver.done()
    settle(qtbot)
    assert tab.report.kind == "Z" and tab.report.z_no == 1 and tab.report.generated_by == "8001"
    assert tab.message.text() == f"Day {tab.selected_date().isoformat()} closed: Z report no. 1."
    assert tab.table.value("Over / short") == ("", "¥0.00")
    assert tab.heading.text().startswith("Z report no. 1 · ")
    stored = reports.stored_z(ctx, tab.selected_date())
    assert stored is not None and stored.z_no == 1

    # the same day again: the stored Z is shown, nothing new is closed
    tab.close_day(confirm=False, manager=app.users.sign_in("8001", "8642"))
    settle(qtbot)
    assert tab.report.z_no == 1
    assert tab.message.text() == "This day is already closed with a Z report: it is shown as it was printed."


def test_the_z_confirmation_can_be_declined(qtbot, window):
    page, tab = reports_tab(qtbot, window)
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().reject())
    tab.close_day()
    settle(qtbot)
    assert tab.report.kind == "X"  # the X shown at opening stays; nothing closed
    assert reports.stored_z(window._app.shifts.context(), tab.selected_date()) is None


def test_a_past_day_shows_its_stored_z_or_says_there_is_none(qtbot, window, terminal, app):
    page, tab = reports_tab(qtbot, window)
    yesterday = tab.selected_date() - timedelta(days=1)
    tab.set_date(yesterday)
    settle(qtbot)
    assert tab.report is None and tab.table.rowCount() == 0
    assert tab.message.text().startswith(f"No Z report is stored for {yesterday.isoformat()}.")
    ctx = terminal.day_context()
    z = reports.z_report(ctx, user=app.users.sign_in("8001", "8642"), business_date=yesterday)
    tab.set_date(yesterday + timedelta(days=1))
    settle(qtbot)
    tab.set_date(yesterday)
    settle(qtbot)
    assert tab.report is not None and tab.report.kind == "Z" and tab.report.z_no == z.z_no
    assert tab.report.business_date == yesterday


def test_export_csv_and_pdf_through_the_methods(qtbot, window, terminal, tmp_path):
    a_day(terminal)
    page, tab = reports_tab(qtbot, window)
    saved = []
    tab.exported.connect(saved.append)
    csv_path, pdf_path = tmp_path / "x.csv", tmp_path / "x.pdf"
    tab.export_csv(str(csv_path))
    settle(qtbot)
    tab.export_pdf(str(pdf_path))
    settle(qtbot)
    assert saved == [str(csv_path), str(pdf_path)]
    assert tab.message.text() == f"Saved {pdf_path}"
    text = csv_path.read_text(encoding="utf-8-sig")
    assert not text.startswith("\ufeff")  # one BOM, not two
    rows = {r[0]: r[1] for r in csv.reader(io.StringIO(text)) if len(r) == 2}
    assert rows["report"] == "X" and rows["sales_count"] == "3" and rows["sales"] == "100.00"
    assert pdf_path.read_bytes().startswith(b"%PDF")

    tab.export_csv(str(tmp_path / "missing" / "x.csv"))  # a folder that does not exist
    settle(qtbot)
    assert tab.message.text().startswith("The file was not saved:")


def test_print_and_a_printer_fault_is_a_message(qtbot, window, terminal):
    page, tab = reports_tab(qtbot, window)
    printer = terminal.devices.printer
    tab.print_report()
    settle(qtbot)
    assert tab.message.text() == "Report printed." and len(printer.printed) == 1
    assert printer.printed[0].kind.value == "report"

    def fault(document):
        raise RuntimeError("paper end")

    printer.print_document = fault
    tab.print_report()
    settle(qtbot)
    assert tab.message.text() == ("The report was not printed: paper end. Check the printer (paper, cover), then "
                                  "print again.")
    assert tab.print_button.isEnabled()


def test_the_chart_stacks_each_hour_by_tender(qtbot):
    chart = SalesChart()
    qtbot.addWidget(chart)
    chart.set_hours((HourTotal(9, "cash", 2, 2500), HourTotal(9, "bank_card", 1, 4500), HourTotal(14, "cash", 1, 100)))
    assert chart.bars == {9: {"cash": 2500, "bank_card": 4500}, 14: {"cash": 100}}
    assert chart.total(9) == 7000 and chart.hours == list(range(8, 16))  # eight hours around the sales
    chart.set_hours((HourTotal(23, "cash", 1, 100),))
    assert chart.hours == list(range(16, 24))  # at least eight hours, inside the day
    chart.clear()
    assert chart.hours == [] and chart.bars == {}


# ------------------------------------------------------------------------------ reconciliation


def test_reconciliation_against_the_sandbox_lists_a_settlement_still_in_the_outbox(qtbot, window, terminal, app,
                                                                                    server):
    ctx = terminal.day_context()
    cashier = app.users.sign_in("1001", "1357")
    cash.open_shift(ctx, user=cashier, opening_float_minor=0)
    client = client_for(server.url)
    sent = spec_of(new_order(client, qty=2))
    waiting = spec_of(new_order(client, qty=1))
    client.close()
    sell_cash(terminal_checkout(terminal, cashier), sent)
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    sell_cash(terminal_checkout(terminal, cashier), waiting)

    sign_in(qtbot, window, "8001", "8642")
    window.workspace.show_page("shift")
    page = window.workspace.pages["shift"]
    page.show_tab("reconcile")
    settle(qtbot)
    tab = page.reconcile
    assert tab.result is None and not tab.mark_button.isEnabled()
    tab.run()
    settle(qtbot)
    r = tab.result
    assert r is not None and r.platform_reachable
    assert tab.platform_label.text().startswith("Platform answered at")
    assert tab.totals.item(0, 0).text() == "Settlements"
    assert tab.totals.item(0, 1).text() == "2 · ¥37.50"
    platform = tab.totals.item(0, 2).text()
    assert platform.endswith("¥25.00")  # only the sent one
    mine = [d for d in r.differences if d.order_no == waiting.order_no]
    assert [d.kind for d in mine] == ["missing_at_platform"]
    row = next(i for i in range(tab.differences.rowCount()) if waiting.order_no in tab.differences.item(i, 1).text())
    assert tab.differences.item(row, 0).text() == "Not recorded by the platform"
    assert tab.differences.item(row, 2).text() == "here ¥12.50\nplatform —"
    assert tab.differences.item(row, 3).text().startswith("Still waiting in this terminal's outbox")
    assert tab.outbox_label.text().startswith("Outbox, this day's settlements: 1 waiting to be sent")
    # no Z yet: cannot be marked, and the reason is shown
    assert not tab.mark_button.isEnabled()
    assert "Close the day with a Z report first" in tab.mark_reason.text()

    close_shift(terminal, ctx, cashier, {1000: 3, 500: 1, 100: 2, 50: 1})  # ¥37.50: exact
    reports.z_report(ctx, user=app.users.sign_in("8001", "8642"))
    tab.run()
    settle(qtbot)
    assert tab.result.day_status == "closed" and tab.result.needs_manager
    assert tab.mark_button.isEnabled() and tab.mark_button.text() == "Mark reconciled (manager)…"
    assert "1 settlement of this day not sent yet: still in the outbox." in tab.mark_reason.text()
    assert "A manager may accept this with a note." in tab.mark_reason.text()

    tab.mark(note="the last sale goes out with the next sync")  # the manager signed in overrides
    settle(qtbot)
    assert tab.message.text().startswith(f"Day {r.business_date.isoformat()} marked reconciled by 8001.")
    assert "Accepted by 8001: the last sale goes out with the next sync" in tab.message.text()
    assert tab.result is not None and tab.result.day_status == "reconciled"
    assert not tab.mark_button.isEnabled()


def test_the_platform_away_is_a_normal_state(qtbot, window, terminal, app):
    terminal.attach_platform(client_for("http://127.0.0.1:9", timeout_s=1.0))  # nothing listens there
    ctx = terminal.day_context()
    cashier = app.users.sign_in("1001", "1357")
    cash.open_shift(ctx, user=cashier, opening_float_minor=0)
    sell(terminal, local_spec(uuid.uuid4().int % 10**9, 990, 1))
    sign_in(qtbot, window, "1001", "1357")
    window.workspace.show_page("shift")
    page = window.workspace.pages["shift"]
    page.show_tab("reconcile")
    settle(qtbot)
    tab = page.reconcile
    assert tab.result is None  # nothing kept for the day yet
    tab.run()
    settle(qtbot)
    assert tab.result is not None and not tab.result.platform_reachable
    assert tab.platform_label.text() == "The platform cannot be reached now: reconcile again when it is back."
    assert tab.totals.item(0, 1).text() == "1 · ¥9.90" and tab.totals.item(0, 2).text() == "not known"
    assert tab.differences_label.text() == "Differences: not known while the platform does not answer."
    assert tab.message.text() == ""
    assert tab.run_button.isEnabled()
