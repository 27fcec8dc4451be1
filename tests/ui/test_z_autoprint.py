"""Issue 15: with [shift] print_z_at_close the Z report is printed as the day closes (real
EscposPrinter over TCP to the virtual printer); without it, nothing prints until asked."""

from __future__ import annotations

import pytest

from config.schema import PrinterSettings, Settings, ShiftSettings
from drivers.printer import EscposPrinter
from drivers.virtual_printer import VirtualPrinter
from tests.ui.conftest import settle
from tests.ui.test_reports_screen import reports_tab


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2).start()
    yield printer
    printer.stop()


@pytest.fixture(params=[True, False], ids=["print_z_at_close", "not_set"])
def terminal(request, terminal_factory, vp):
    terminal = terminal_factory(Settings(shift=ShiftSettings(print_z_at_close=request.param)))
    terminal.devices.printer = EscposPrinter(PrinterSettings(kind="network", host="127.0.0.1", port=vp.port),
                                             timeout_s=5.0, status_timeout_s=2.0)
    return terminal


def test_the_z_prints_at_day_close_where_the_setting_says_so(qtbot, window, terminal, vp):
    page, tab = reports_tab(qtbot, window)  # the manager
    tab.close_day(confirm=False)
    settle(qtbot)
    assert tab.report is not None and tab.report.kind == "Z" and tab.report.z_no == 1
    closed = f"Day {tab.selected_date().isoformat()} closed: Z report no. 1."
    if terminal.settings.shift.print_z_at_close:
        (job,) = vp.wait_for_jobs(1, timeout=10)
        assert tab.message.text() == closed + " The Z report was printed."
        assert tab.selected_date().isoformat() in job.text and job.text.rstrip().endswith("[CUT]")
    else:
        assert tab.message.text() == closed
        assert vp.jobs() == []
