"""The technician's device tests through the facade (App.devices), against real parts: the
virtual ESC/POS printer on a TCP port (network printer), the same printer behind a socat pty
(serial printer), the card-terminal simulator on loopback. A device that is missing is a status in
the answer, never an exception or a hang."""

from __future__ import annotations

import shutil
import subprocess
import time

import pytest

from config.schema import CardTerminalSettings, DrawerSettings, PrinterSettings
from drivers.card_simulator import CardSimulator
from drivers.test_page import build_test_page, ruler
from drivers.virtual_printer import VirtualPrinter
from pos_terminal.app.facades_devices import DeviceRefused
from pos_terminal.ports import DeviceState
from pos_terminal.services import audit


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2).start()
    yield printer
    printer.stop()


def network(port: int, **kw) -> PrinterSettings:
    return PrinterSettings(kind="network", host="127.0.0.1", port=port, timeout_s=2.0, **kw)


def test_test_page_has_the_paper_width_ruler_and_the_chinese_mode():
    from datetime import datetime, timezone

    for width, columns in ((58, 32), (80, 48)):
        doc = build_test_page(PrinterSettings(paper_width_mm=width, chinese="image"), store_name="Shop",
                              terminal_id="T09", printer_name="tcp://x:9100", at=datetime(2026, 1, 2, tzinfo=timezone.utc))
        lines = doc.text_lines()
        assert ruler(columns) in lines and ruler(columns + 1) not in lines
        assert any("T09" in line for line in lines) and any("image" in line for line in lines)
        assert any(line.startswith("[QR: ") for line in lines)


def test_printer_test_page_prints_on_a_network_printer_with_its_width(app, terminal, vp):
    status = app.devices.use_printer(network(vp.port, paper_width_mm=58))
    assert status.usable, status
    assert terminal.settings.printer.paper_width_mm == 58

    check = app.devices.check_printer(print_page=True)

    assert check.printed is True and check.status.state is DeviceState.READY
    assert check.paper_width_mm == 58
    job = vp.wait_for_jobs(1)[0].text
    assert ruler(32) in job and "中文测试" in job


def test_a_printer_with_no_paper_does_not_print_and_says_why(app, vp):
    app.devices.use_printer(network(vp.port))
    vp.set_paper("end")

    check = app.devices.check_printer(print_page=True)

    assert check.printed is False and "paper end" in check.problem
    assert check.status.state is DeviceState.ERROR
    assert vp.jobs() == []


def test_a_printer_nobody_listens_for_is_a_status_not_a_hang(app):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]  # closed again: nothing listens there
    app.devices.use_drawer(DrawerSettings(kind="printer"))
    statuses = []
    status = app.devices.use_printer(network(free), statuses.append)
    assert status.state is DeviceState.ERROR and "cannot connect" in status.detail
    check = app.devices.check_printer(print_page=True)
    assert check.printed is False and check.status.state is DeviceState.ERROR
    assert any(s.device == "printer" and not s.usable for s in statuses)
    # the drawer on its connector follows: it cannot open through a dead printer
    assert any(s.device == "drawer" and s.state is DeviceState.ERROR for s in statuses)


def test_printer_kind_none_is_not_set_up_and_a_test_page_is_refused(app):
    status = app.devices.use_printer(PrinterSettings(kind="none"))
    assert status.state is DeviceState.NOT_CONFIGURED
    check = app.devices.check_printer(print_page=True)
    assert check.printed is False and check.problem


@pytest.mark.skipif(shutil.which("socat") is None, reason="socat not installed")
def test_test_page_on_a_serial_printer_through_a_socat_pty(app, vp, tmp_path):
    link = tmp_path / "ttyPRINTER"
    proc = subprocess.Popen(["socat", f"pty,raw,echo=0,link={link}", f"tcp:127.0.0.1:{vp.port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 5
        while not link.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        status = app.devices.use_printer(PrinterSettings(kind="serial", serial_port=str(link), serial_baud=115200,
                                                         timeout_s=2.0))
        assert status.usable, status
        check = app.devices.check_printer(print_page=True)
        assert check.printed is True, check
        assert ruler(48) in vp.wait_for_jobs(1)[0].text
    finally:
        app.devices.use_printer(PrinterSettings(kind="none"))  # frees the pty before socat goes
        proc.terminate()
        proc.wait(timeout=5)


def test_drawer_test_opens_it_reads_its_switch_and_is_audited(app, terminal, vp):
    app.devices.use_printer(network(vp.port))
    app.devices.use_drawer(DrawerSettings(kind="printer", pin=2, reports_state=True))

    check = app.devices.check_drawer(kick=True)

    assert check.kicked is True and check.has_sensor
    assert check.is_open is True  # the virtual printer's drawer opened on the pulse
    assert "[DRAWER pin 2]" in vp.wait_for_jobs(1)[0].text
    with terminal.uow() as uow:
        entries = [e for e in uow.audit.recent(None, limit=20) if e["action"] == audit.NO_SALE]
    assert entries and entries[0]["subject"] == "drawer test" and entries[0]["outcome"] == audit.OK


def test_drawer_without_a_switch_says_so_and_one_without_a_printer_is_refused(app, vp):
    app.devices.use_printer(network(vp.port))
    app.devices.use_drawer(DrawerSettings(kind="printer", reports_state=False))
    check = app.devices.check_drawer(kick=False)
    assert check.kicked is None and not check.has_sensor and check.is_open is None

    app.devices.use_printer(PrinterSettings(kind="none"))
    status = app.devices.use_drawer(DrawerSettings(kind="printer"))
    assert status.state is DeviceState.ERROR and "printer" in status.detail
    check = app.devices.check_drawer(kick=True)
    assert check.kicked is False and check.problem


def test_card_terminal_connection_and_last_transaction(app, tmp_path):
    with CardSimulator(state_dir=tmp_path / "sim") as sim:
        status = app.devices.use_card_terminal(CardTerminalSettings(kind="simulated", port=sim.port, timeout_s=5))
        assert status.usable, status
        check = app.devices.check_card_terminal()
        assert check.status.usable and check.last is None and not check.last_problem

        from drivers.card_terminal import TcpCardTerminal

        TcpCardTerminal(CardTerminalSettings(kind="simulated", port=sim.port)).charge(1234, "CNY", "sale-1")
        last = app.devices.check_card_terminal().last
        assert last is not None and last.approved and last.amount_minor == 1234 and last.currency == "CNY"
        assert last.card_last4 and len(last.card_last4) == 4


def test_a_card_terminal_that_is_not_there_is_a_status(app):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    status = app.devices.use_card_terminal(CardTerminalSettings(kind="simulated", port=free, timeout_s=5))
    assert status.state is DeviceState.ERROR and "cannot reach" in status.detail
    check = app.devices.check_card_terminal()
    assert not check.status.usable and check.last is None

    status = app.devices.use_card_terminal(CardTerminalSettings(kind="none"))
    assert status.state is DeviceState.NOT_CONFIGURED
    check = app.devices.check_card_terminal()
    assert check.status.state is DeviceState.NOT_CONFIGURED and not check.can_tell_last


def test_card_terminal_swap_is_refused_while_a_request_is_unresolved(app, terminal):
    from drivers.card_terminal import ManualCardTerminal

    app.devices.use_card_terminal(CardTerminalSettings(kind="manual"))
    card = terminal.devices.card_terminal
    assert isinstance(card, ManualCardTerminal)
    card._unresolved["req-1"] = object()  # a charge whose outcome the cashier has not keyed in
    with pytest.raises(DeviceRefused, match="not known yet"):
        app.devices.use_card_terminal(CardTerminalSettings(kind="none"))
    assert terminal.devices.card_terminal is card


def test_in_the_demo_simulated_means_its_stand_ins_after_a_swap(app, terminal):
    from pos_terminal.app.demo import start_simulated_devices
    from drivers.card_terminal import TcpCardTerminal
    from drivers.drawer import PrinterDrawer
    from drivers.printer import EscposPrinter

    start_simulated_devices(terminal)
    terminal.open_devices(lambda status: None)
    stand_in = terminal.devices.printer
    assert isinstance(stand_in, EscposPrinter)
    sim_port = terminal.devices.card_terminal.port

    app.devices.use_printer(PrinterSettings(kind="simulated", paper_width_mm=58))
    printer = terminal.devices.printer
    assert printer is not stand_in and isinstance(printer, EscposPrinter)
    assert printer.settings.port == stand_in.settings.port  # the same virtual printer, now 58 mm
    assert isinstance(terminal.devices.drawer, PrinterDrawer)  # on the same virtual printer
    assert app.devices.check_printer(print_page=True).printed is True
    job_dir = terminal.paths.root / "virtual-printer"
    deadline = time.monotonic() + 5
    while not any(ruler(32) in p.read_text() for p in job_dir.glob("job-*.txt")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert any(ruler(32) in p.read_text() for p in job_dir.glob("job-*.txt"))

    app.devices.use_card_terminal(CardTerminalSettings(kind="manual"))
    status = app.devices.use_card_terminal(CardTerminalSettings(kind="simulated"))
    assert status.usable and isinstance(terminal.devices.card_terminal, TcpCardTerminal)
    assert terminal.devices.card_terminal.port == sim_port
