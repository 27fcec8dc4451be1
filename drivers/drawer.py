"""The cash drawer on the receipt printer's drawer-kick connector.

Threading rule: kick() and is_open() talk to the printer and may block up to its timeout; call
them on a worker. The drawer shares the printer's connection and lock.

kick() returns only when the printer took and confirmed the pulse (see EscposPrinter.kick_drawer):
a printer that reports paper end, cover open or offline, or does not answer, is not sent one, and
DrawerFault says why. The drawer's status follows the printer's (a printer fault is a drawer
fault: it cannot open) and reaches the listeners added with add_status_listener().
"""

from __future__ import annotations

import logging

from pos_terminal.ports import DeviceState, DeviceStatus

from drivers.printer import EscposPrinter, PrinterFault
from drivers.status_listeners import notify


log = logging.getLogger(__name__)


class DrawerFault(PrinterFault):
    pass


class PrinterDrawer:
    kind = "drawer"

    def __init__(self, printer: EscposPrinter, pin: int = 2, *, reports_state: bool = False,
                 open_when_high: bool = True) -> None:
        """`reports_state`: the drawer has an open/closed switch wired to connector pin 3, read
        with DLE EOT 1 bit 2 (`open_when_high` says which level means open). Without one, the
        pin floats and is_open() answers None rather than a guess."""
        if pin not in (2, 5):
            raise ValueError(f"drawer pin must be 2 or 5, got {pin!r}")
        self.printer = printer
        self.pin = pin
        self.reports_state = reports_state
        self.open_when_high = open_when_high
        self._status = DeviceStatus("drawer", DeviceState.CLOSED, self._name())
        self._listeners: list = []
        listen = getattr(printer, "add_status_listener", None)  # settings may pair it with a stand-in printer
        if listen is not None:
            listen(self._printer_changed)

    def add_status_listener(self, listener) -> None:
        """`listener(DeviceStatus)` is called on every change of status, on the thread that saw it."""
        self._listeners.append(listener)

    def _set(self, state: DeviceState, detail: str) -> DeviceStatus:
        status = DeviceStatus("drawer", state, self._name(), detail)
        changed, self._status = status != self._status, status
        if changed:
            notify(self._listeners, status)
        return status

    def _printer_changed(self, printer: DeviceStatus) -> None:
        if self._status.state in (DeviceState.CLOSED, DeviceState.NOT_CONFIGURED):
            return
        if printer.state is DeviceState.ERROR:
            self._set(DeviceState.ERROR, f"the drawer opens through the printer, which is not usable: {printer.detail}")
        elif printer.state in (DeviceState.READY, DeviceState.WARNING):
            self._set(DeviceState.READY, "kicks through the printer")

    def _name(self) -> str:
        return f"pin {self.pin} of {self.printer.name}"

    def open(self) -> DeviceStatus:
        printer = self.printer.status()
        if printer.state in (DeviceState.CLOSED, DeviceState.NOT_CONFIGURED):
            printer = self.printer.open()
        if printer.state is DeviceState.ERROR:
            return self._set(DeviceState.ERROR, f"the drawer opens through the printer, which is not usable: "
                             f"{printer.detail}")
        return self._set(DeviceState.READY, "kicks through the printer")

    def close(self) -> None:
        self._set(DeviceState.CLOSED, "")

    def status(self) -> DeviceStatus:
        return self._status

    def kick(self) -> None:
        try:
            self.printer.kick_drawer(self.pin)
        except PrinterFault as exc:
            status = self._set(DeviceState.ERROR, f"the drawer was not opened: {exc}; open it with the key")
            raise DrawerFault(str(exc), status) from exc  # the cause; the screens add "open it with the key"
        self._set(DeviceState.READY, "kicks through the printer")

    def is_open(self) -> bool | None:
        if not self.reports_state:
            return None
        high = self.printer.drawer_signal()
        if high is None:
            return None
        return high if self.open_when_high else not high
