"""A printer fault never hidden: a cash sale on the real demo Terminal (SQLite), printing through
the real EscposPrinter and PrinterDrawer over TCP on loopback to the virtual printer, with each
fault the virtual printer can play. "Printed" is what the printer confirmed after the job (GS r 1
in order, DLE EOT in real time), not what TCP took: the receipt stays PENDING, the drawer is not
kicked through a faulty printer, and once the printer is fixed the reprint is the ORIGINAL, once;
after that only copies."""

from __future__ import annotations

import pytest

from config.schema import PrinterSettings
from drivers.drawer import DrawerFault, PrinterDrawer
from drivers.printer import EscposPrinter, PrinterFault
from drivers.virtual_printer import VirtualPrinter
from pos_terminal.app.facades import App
from pos_terminal.domain.model import PrintState, ReceiptKind
from pos_terminal.money import Money
from pos_terminal.ports import DeviceState
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services.checkout import CheckoutContext, CheckoutSession, reprint_last_receipt
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.sales import LineSpec, OrderSpec
from receipts.sale_receipt import ReceiptLine, ReceiptTender, SaleReceiptData, build_sale_receipt
from tests.sale_helpers import open_shift

ORDER = OrderSpec("PO000000007001", "m-tea", "好物商城", "CNY", (
    LineSpec(1, "TEA", "乌龙茶", 1250, 2, ("IC0000000070010001", "IC0000000070010002")),
    LineSpec(2, "BISC", "饼干", 880, 1, ("IC0000000070010003",)),
))  # ¥33.80

# fault -> what the cashier is told (the start of the printer's reason)
AFTER_ACCEPT = {
    "freeze_after_accept": "no answer",
    "die_after_accept": "closed the connection",
    "paper_out_mid_job": "paper end",
}
BEFORE_JOB = {
    "paper_end": "paper end",
    "cover_open": "cover open",
    "offline": "offline",
    "freeze": "no answer",
}


def render(info):
    cur = info.currency
    lines = tuple(ReceiptLine(name, qty, Money(price, cur), Money(price * qty, cur), tuple(codes))
                  for name, qty, price, codes in info.lines)
    tenders = tuple(ReceiptTender("cash", Money(t.amount_minor, cur), Money(t.tendered_minor, cur))
                    for t in info.tenders)
    return build_sale_receipt(SaleReceiptData(
        info.store_name, info.terminal_id, info.cashier_name, info.receipt_no, info.local_time, info.merchant_name,
        info.order_no, lines, tenders, cur, Money(info.change_minor, cur), copy=info.copy))


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2).start()
    yield printer
    printer.stop()


@pytest.fixture
def counter(vp, terminal):
    """The printer, the drawer on it (with a switch) and a checkout context on the demo Terminal."""
    settings = PrinterSettings(kind="network", host="127.0.0.1", port=vp.port)
    printer = EscposPrinter(settings, timeout_s=1.0, status_timeout_s=0.3)
    statuses = []
    printer.add_status_listener(statuses.append)  # what the GUI's bridge would be posted
    assert printer.open().state is DeviceState.READY
    drawer = PrinterDrawer(printer, 2, reports_state=True)
    assert drawer.open().state is DeviceState.READY
    cashier = App.of(terminal).users.sign_in("1001", "1357")
    ids = terminal.settings.terminal
    open_shift(terminal.day_context(), cashier, 10_000)
    ctx = CheckoutContext(terminal.uow, terminal.clock, ids.terminal_id, ids.store_id, ids.store_name, ids.timezone,
                          cashier.user_id, cashier.display_name, None, None, printer, drawer, render)
    yield ctx, printer, drawer, statuses
    printer.close()


def receipt_row(terminal):
    with terminal.uow() as uow:
        r = uow.receipts.last_for_terminal(terminal.settings.terminal.terminal_id, ReceiptKind.SALE)
        return r.print_state, r.copies_printed or 0


def cash_sale(ctx):
    session = CheckoutSession(PaymentTarget(ORDER, ScanKind.VOUCHER, "v-7001", True), ctx)
    session.take_cash(5000)
    return session, session.complete()


@pytest.mark.parametrize("fault", [*AFTER_ACCEPT, *BEFORE_JOB])
def test_a_receipt_the_printer_did_not_confirm_stays_pending_and_reprints_as_the_original_once(
        vp, counter, terminal, fault):
    ctx, printer, _drawer, statuses = counter
    cause = {**AFTER_ACCEPT, **BEFORE_JOB}[fault]
    vp.set_fault(fault)

    session, done = cash_sale(ctx)

    assert not done.printed and cause in done.print_error
    assert receipt_row(terminal) == (PrintState.PENDING, 0)
    assert vp.jobs() == []  # the virtual printer printed nothing
    if fault in AFTER_ACCEPT:
        assert vp.lost_jobs >= 1  # it took the receipt's bytes, then froze / died / ran out of paper
    # the drawer: not kicked through a printer in trouble, and not reported as opened
    assert not done.drawer_kicked and done.drawer_error and vp.drawer_kicks == []
    # the printer's fault reached the status listeners the moment the job saw it
    assert printer.status().state is DeviceState.ERROR and statuses[-1].state is DeviceState.ERROR
    assert cause in statuses[-1].detail or cause in done.print_error

    # F9 during the fault: still pending, and why
    again = session.print_receipt()
    assert not again.printed and cause in again.print_error
    assert receipt_row(terminal) == (PrintState.PENDING, 0) and vp.jobs() == []

    vp.clear_faults()  # the printer is fixed
    again = session.print_receipt()
    assert again.printed and again.print_error is None
    (job,) = vp.jobs()
    assert "COPY" not in job.text and "PO000000007001" in job.text  # the original
    assert receipt_row(terminal) == (PrintState.PRINTED, 1)
    assert printer.status().state is DeviceState.READY

    stored, _document = reprint_last_receipt(ctx, "buyer asked")  # from now on only a copy
    assert stored.prints_as_copy
    jobs = vp.jobs()
    assert len(jobs) == 2 and "COPY" in jobs[1].text
    assert receipt_row(terminal) == (PrintState.PRINTED, 2)


def test_the_original_prints_once_from_storage_after_a_fault_too(vp, counter, terminal):
    """F9 on the idle page (the receipt rebuilt from the database, e.g. after a restart)."""
    ctx, *_ = counter
    vp.set_fault("die_after_accept")
    _session, done = cash_sale(ctx)
    assert not done.printed
    vp.clear_faults()
    stored, _ = reprint_last_receipt(ctx)
    assert not stored.prints_as_copy and "COPY" not in vp.jobs()[0].text
    stored, _ = reprint_last_receipt(ctx, "damaged")
    assert stored.prints_as_copy and "COPY" in vp.jobs()[1].text
    assert len(vp.jobs()) == 2


def test_a_fault_written_into_the_control_file_lasts_until_the_word_is_gone(vp, counter, terminal):
    """`pos-terminal virtual-printer` is driven through its control file: a hang latched on a job
    ends when the word is taken out of the file."""
    ctx, printer, *_ = counter
    control = vp.out_dir / "control"
    control.write_text("freeze_after_accept\n")
    session, done = cash_sale(ctx)
    assert not done.printed and "no answer" in done.print_error
    assert "freeze" in vp.faults()
    control.write_text("")
    assert "freeze" not in vp.faults()
    assert printer.query_status().state is DeviceState.READY
    assert session.print_receipt().printed and len(vp.jobs()) == 1


@pytest.mark.parametrize("fault", ["paper_end", "cover_open", "offline", "freeze"])
def test_the_drawer_is_not_kicked_through_a_printer_in_trouble(vp, counter, fault):
    _ctx, _printer, drawer, _statuses = counter
    vp.set_fault(fault)
    with pytest.raises(DrawerFault, match={**BEFORE_JOB}[fault]):
        drawer.kick()
    assert vp.drawer_kicks == [] and vp.jobs() == [] and vp.refused_jobs == 0  # no pulse was sent
    assert drawer.status().state is DeviceState.ERROR and "open it with the key" in drawer.status().detail
    vp.clear_faults()
    drawer.kick()  # returns once the printer confirmed the pulse
    assert vp.drawer_kicks == [2] and drawer.is_open() is True


def test_a_drawer_pulse_the_printer_dies_on_is_not_reported_as_opened(vp, counter):
    _ctx, printer, drawer, _statuses = counter
    vp.set_fault("die_after_accept")
    with pytest.raises(DrawerFault, match="closed the connection"):
        drawer.kick()
    assert vp.drawer_kicks == [] and drawer.is_open() is False
    assert printer.status().state is DeviceState.ERROR


def test_a_status_poll_sees_a_fault_between_jobs_and_the_recovery(vp, counter):
    _ctx, printer, _drawer, statuses = counter
    vp.set_cover_open(True)
    assert printer.query_status().detail == "cover open: close the cover"
    assert statuses[-1].state is DeviceState.ERROR and statuses[-1].detail.startswith("cover open")
    vp.set_cover_open(False)
    assert printer.query_status().state is DeviceState.READY
    assert statuses[-1].state is DeviceState.READY


def test_paper_end_mid_job_answers_real_time_status_but_not_the_in_order_query(vp, counter):
    """What a real printer does when the roll runs out while printing: it stops with the rest of
    the job (and the GS r after it) in its buffer, while DLE EOT still answers: paper end."""
    _ctx, printer, *_ = counter
    vp.set_fault("paper_out_mid_job")
    with pytest.raises(PrinterFault, match="paper end|no answer"):
        printer.print_document(render_sample())
    assert vp.jobs() == [] and vp.lost_jobs == 1
    assert printer.query_status().detail == "paper end: load paper"
    vp.set_paper("ok")  # a new roll: the word is still set, so the next job runs out again
    assert printer.query_status().state is DeviceState.READY
    vp.set_fault("paper_out_mid_job", False)
    printer.print_document(render_sample())
    assert len(vp.jobs()) == 1


def render_sample():
    from datetime import datetime, timezone

    from pos_terminal.services.checkout import ReceiptInfo

    return render(ReceiptInfo("Demo store", "T01", "Zhang", 1, datetime(2024, 5, 1, 9, 30, tzinfo=timezone.utc),
                              "好物商城", "PO000000007001", "CNY", (("乌龙茶", 1, 1250, ("IC-1",)),), (), 0))
