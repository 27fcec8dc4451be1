"""A terminal whose printer and card terminal are "simulated" (the demo) gets real stand-ins,
reached through the real adapters: a virtual network printer (ESC/POS over TCP, jobs kept as
files) with the drawer kicking through it, and the card-terminal simulator in its own process.
Closing the terminal stops both."""

from __future__ import annotations

import socket
import time

import pytest

from drivers.card_terminal import TcpCardTerminal
from drivers.drawer import PrinterDrawer
from drivers.printer import EscposPrinter
from pos_terminal.app.demo import start_simulated_devices
from pos_terminal.ports import DeviceState
from receipts.document import ReceiptDocument, Text


def _wait_for_files(folder, pattern, count, timeout_s=10.0):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = sorted(folder.glob(pattern))
        if len(found) >= count:
            return found
        time.sleep(0.05)
    return sorted(folder.glob(pattern))


def test_demo_stand_ins_print_kick_and_charge_then_stop(terminal):
    assert terminal.devices.card_terminal is None  # a simulator on port 0 is started, not configured
    lines = start_simulated_devices(terminal)
    assert any(line.startswith("Virtual printer: 127.0.0.1:") for line in lines)
    assert any(line.startswith("Card terminal simulator: 127.0.0.1:") for line in lines)
    devices = terminal.devices
    assert isinstance(devices.printer, EscposPrinter) and isinstance(devices.drawer, PrinterDrawer)
    assert isinstance(devices.card_terminal, TcpCardTerminal)

    statuses = []
    terminal.open_devices(statuses.append)
    by_kind = {s.device: s for s in statuses}
    assert {k: by_kind[k].state for k in ("printer", "drawer", "card_terminal")} == {
        "printer": DeviceState.READY, "drawer": DeviceState.READY, "card_terminal": DeviceState.READY,
    }

    doc = ReceiptDocument("sale", 80)
    doc.add(Text("农夫山泉 550ml"))
    devices.printer.print_document(doc)
    devices.drawer.kick()
    out = terminal.paths.root / "virtual-printer"
    texts = [p.read_text(encoding="utf-8") for p in _wait_for_files(out, "job-*.txt", 1)]
    assert any("农夫山泉 550ml" in t for t in texts)
    # the virtual printer reports the drawer switch: open after the confirmed pulse (it was "closed"
    # before issue 11, which made the demo say "Drawer closed" after every cash sale); the stand-in
    # drawer has a switch only where [drawer] reports_state says so (issue 15: by default none, so
    # nobody reads a switch that is not there)
    assert devices.drawer.reports_state is False and devices.drawer.is_open() is None
    assert PrinterDrawer(devices.printer, 2, reports_state=True).is_open() is True

    result = devices.card_terminal.charge(1234, "CNY", "sale-1", request_id="req-1")
    assert result.approved and result.card_last4 and len(result.card_last4) == 4
    card_port, printer = devices.card_terminal.port, devices.printer
    printer_port = printer.settings.port
    terminal.close()
    assert printer.status().state is DeviceState.CLOSED
    for port in (card_port, printer_port):  # both stand-ins are gone, the simulator's process too
        with pytest.raises(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
