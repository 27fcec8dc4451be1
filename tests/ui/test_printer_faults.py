"""A printer or drawer fault is never hidden at the counter: the checkout page and the status line
on the real demo Terminal, printing through the real EscposPrinter and PrinterDrawer over TCP on
loopback to the virtual printer (nothing mocked). The devices are opened by window.start(), as at
a real start, so their status changes reach the widgets through the one Bridge."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QInputDialog

from config.schema import PrinterSettings
from drivers.drawer import PrinterDrawer
from drivers.printer import EscposPrinter
from drivers.virtual_printer import VirtualPrinter
from pos_terminal.domain.model import PrintState
from tests.ui.conftest import settle
from tests.ui.test_checkout import checkout, sales_and_outbox, scan, voucher  # noqa: F401  (fixture)


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2, drawer_close_s=0.6).start()
    yield printer
    printer.stop()


@pytest.fixture
def counter(qtbot, window, terminal, vp):
    """The window with the virtual printer (and a drawer with a switch on it) at the counter."""
    printer = EscposPrinter(PrinterSettings(kind="network", host="127.0.0.1", port=vp.port), timeout_s=1.0,
                            status_timeout_s=0.3)
    terminal.devices.printer = printer
    terminal.devices.drawer = PrinterDrawer(printer, 2, reports_state=True)
    window.start(poll_interval_ms=3_600_000)  # opens the devices; the test polls by hand
    settle(qtbot)
    item = window.status.items["printer"]
    qtbot.waitUntil(lambda: item.text() == "Printer: ready", timeout=5000)
    yield window
    printer.close()


def sell(qtbot, window, voucher, **kw):  # noqa: F811
    page = checkout(qtbot, window)
    scan(window, voucher(**kw))
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page._quick_cash(None)
    qtbot.waitUntil(lambda: page.state == "done", timeout=10_000)
    settle(qtbot)
    return page


@pytest.mark.parametrize("fault, why", [
    ("paper_end", "paper end: load paper"),
    ("cover_open", "cover open: close the cover"),
    ("offline", "the printer is offline"),
    ("freeze_after_accept", "no answer from the printer"),
])
def test_f9_during_a_fault_says_the_receipt_is_still_pending_and_why(qtbot, counter, terminal, vp, voucher, fault,
                                                                    why):  # noqa: F811
    window = counter
    vp.set_fault(fault)
    page = sell(qtbot, window, voucher)
    assert "kept for reprint" in page.print_label.text()
    assert page.drawer_label.text().startswith("Drawer did not open")  # never "Drawer opened" here
    # the status line shows the fault the moment the job saw it
    item = window.status.items["printer"]
    qtbot.waitUntil(lambda: item.tone == "error", timeout=5000)
    assert item.text() == "Printer: not working"

    page.reprint()  # F9 while the fault lasts
    settle(qtbot)
    text = page.message.text()
    assert "Receipt 000001 was NOT printed and is still pending" in text and why in text
    assert "Receipt printed." not in text and page.print_label.text() != "Receipt printed."
    assert sales_and_outbox(terminal)[3] is PrintState.PENDING and vp.jobs() == []

    vp.clear_faults()
    page.reprint()  # fixed: the original, no reason asked
    settle(qtbot)
    assert page.message.text() == "Receipt printed." and page.print_label.text() == "Receipt printed."
    (job,) = vp.jobs()
    assert "COPY" not in job.text
    assert sales_and_outbox(terminal)[3] is PrintState.PRINTED
    qtbot.waitUntil(lambda: item.tone == "ok", timeout=5000)


def test_f9_on_the_idle_page_during_a_fault_says_pending_then_prints_the_original(
        qtbot, counter, vp, voucher, monkeypatch):  # noqa: F811
    window = counter
    vp.set_fault("die_after_accept")
    page = sell(qtbot, window, voucher)
    page.new_sale()
    asked = []
    monkeypatch.setattr(QInputDialog, "getItem",
                        staticmethod(lambda *a, **k: asked.append(a) or ("The receipt was damaged", True)))
    page.reprint()  # F9 on the idle page: the last receipt from the database
    settle(qtbot)
    assert not asked  # a pending receipt prints as the original: no copy reason
    assert "Receipt 000001 was NOT printed and is still pending" in page.message.text()
    assert "closed the connection" in page.message.text()
    vp.clear_faults()
    page.reprint()
    settle(qtbot)
    assert page.message.text() == "Receipt 000001 printed (it had not been printed before)."
    page.reprint()
    settle(qtbot)
    assert len(asked) == 1 and page.message.text() == "Copy of receipt 000001 printed."
    assert "COPY" not in vp.jobs()[0].text and "COPY" in vp.jobs()[1].text


def test_the_status_line_turns_to_a_fault_seen_by_a_status_poll_and_back(qtbot, counter, vp):
    window = counter
    item = window.status.items["printer"]
    vp.set_cover_open(True)
    window.status.poll()  # what the status line's timer does every few seconds, on a worker
    qtbot.waitUntil(lambda: item.tone == "error", timeout=5000)
    assert item.text() == "Printer: not working" and "cover open" in item.toolTip()
    drawer = window.status.items["drawer"]
    qtbot.waitUntil(lambda: drawer.tone == "error", timeout=5000)  # it opens through that printer
    vp.set_cover_open(False)
    settle(qtbot)
    window.status.poll()
    qtbot.waitUntil(lambda: item.tone == "ok", timeout=5000)
    qtbot.waitUntil(lambda: drawer.tone == "ok", timeout=5000)


def test_done_page_says_the_drawer_opened_when_the_printer_confirmed_the_pulse(qtbot, counter, vp, voucher):  # noqa: F811
    """The demo's drawer (the virtual printer's, switch wired): open on the pulse, then pushed shut
    (drawer_close_s): the page says open, then closed; never "closed" for a drawer that opened."""
    window = counter
    page = checkout(qtbot, window)
    page.drawer_timer.setInterval(100)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page._quick_cash(None)
    qtbot.waitUntil(lambda: page.drawer_label.text() == "Drawer open", timeout=10_000)
    assert vp.drawer_kicks == [2]
    qtbot.waitUntil(lambda: page.drawer_label.text() == "Drawer closed", timeout=10_000)
    settle(qtbot)


def test_a_drawer_without_a_switch_is_not_reported_closed(qtbot, counter, terminal, vp, voucher):  # noqa: F811
    window = counter
    terminal.devices.drawer = PrinterDrawer(terminal.devices.printer, 2, reports_state=False)
    page = sell(qtbot, window, voucher)
    assert page.drawer_label.text() == ("Drawer signal sent. This drawer has no switch to say whether it is open "
                                        "or closed.")
    assert vp.drawer_kicks == [2]


def test_no_sale_through_a_printer_in_trouble_never_says_the_drawer_opened(qtbot, counter, vp):
    from tests.ui.test_shift_screen import ModalDriver, opened, shift_tab
    from ui.dialogs.cash_dialogs import CashMovementDialog

    window = counter
    _page, tab = shift_tab(qtbot, window)
    opened(qtbot, tab, {10000: 3})
    kicks = list(vp.drawer_kicks)
    vp.set_cover_open(True)

    def no_sale(dialog: CashMovementDialog) -> None:
        dialog.set_reason("other")
        dialog.details_edit.setText("customer counted change")
        dialog.ok_button.click()

    driver = ModalDriver((CashMovementDialog, no_sale))
    tab.no_sale_button.click()
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    text = tab.message.text()
    assert "Drawer opened" not in text and text.startswith("No sale recorded.")
    assert "The drawer did not open (cover open: close the cover): open it with its key." in text
    assert vp.drawer_kicks == kicks  # no pulse went to the printer
