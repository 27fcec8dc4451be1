"""Issue 15: the done page says of the drawer only what a device confirmed. The printer confirms
the pulse ("signal sent"); only the drawer's switch says "open" or "closed"; a drawer without a
switch (the demo's, by default) is said to have none, never "closed". Real EscposPrinter and
PrinterDrawer over TCP to the virtual printer, on the real demo Terminal."""

from __future__ import annotations

import pytest

from config.schema import PrinterSettings
from drivers.drawer import PrinterDrawer
from drivers.printer import EscposPrinter
from drivers.virtual_printer import VirtualPrinter
from pos_terminal.app.demo import start_simulated_devices
from tests.ui.conftest import settle
from tests.ui.test_checkout import checkout, scan, voucher  # noqa: F401  (fixture)

NO_SWITCH = "Drawer signal sent. This drawer has no switch to say whether it is open or closed."
WAITING = "Drawer signal sent; waiting for the drawer's switch…"


def record_drawer_texts(page) -> list[str]:
    seen: list[str] = []
    set_text = page.drawer_label.setText

    def recording(text):
        seen.append(text)
        set_text(text)

    page.drawer_label.setText = recording
    return seen


def sell(qtbot, window, voucher, **kw):  # noqa: F811
    page = checkout(qtbot, window)
    scan(window, voucher(**kw))
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    seen = record_drawer_texts(page)
    page._quick_cash(None)
    qtbot.waitUntil(lambda: page.state == "done", timeout=10_000)
    return page, seen


def test_the_demo_drawer_has_no_switch_and_is_never_said_closed(qtbot, window, terminal, voucher):  # noqa: F811
    start_simulated_devices(terminal)  # the demo's stand-ins, with the default settings
    window.start(poll_interval_ms=3_600_000)
    settle(qtbot)
    page, seen = sell(qtbot, window, voucher)
    settle(qtbot)
    assert page.drawer_label.text() == NO_SWITCH
    assert not page.drawer_timer.isActive()  # nothing to poll: no switch
    assert not any(text in ("Drawer closed", "Drawer open") for text in seen), seen
    stand_in = terminal.devices.drawer
    assert stand_in.reports_state is False and stand_in.is_open() is None


@pytest.fixture
def stuck_shut(tmp_path):
    """A printer whose drawer's switch never reads open: the pulse went out, the drawer did not move."""
    vp = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2, drawer_close_s=0).start()
    yield vp
    vp.stop()


def test_a_switch_that_still_says_closed_is_never_shown_as_opened(qtbot, window, terminal, voucher,  # noqa: F811
                                                                  stuck_shut):
    printer = EscposPrinter(PrinterSettings(kind="network", host="127.0.0.1", port=stuck_shut.port), timeout_s=1.0,
                            status_timeout_s=0.3)
    try:
        terminal.devices.printer = printer
        terminal.devices.drawer = PrinterDrawer(printer, 2, reports_state=True)
        window.start(poll_interval_ms=3_600_000)
        settle(qtbot)
        page = checkout(qtbot, window)
        page.drawer_timer.setInterval(100)
        scan(window, voucher())
        qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
        seen = record_drawer_texts(page)
        page._quick_cash(None)
        qtbot.waitUntil(lambda: page.drawer_label.text().startswith("The drawer was sent the signal to open but"),
                        timeout=10_000)
        assert stuck_shut.drawer_kicks == [2]
        assert seen[0] == WAITING
        assert not any("opened" in text.lower() or text in ("Drawer open", "Drawer closed") for text in seen), seen
        settle(qtbot)
    finally:
        printer.close()
