"""The cash drawer on the receipt printer's drawer-kick connector.

Threading rule: kick() and is_open() talk to the printer and may block up to its timeout; call
them on a worker. The drawer shares the printer's connection and lock.
"""

from __future__ import annotations

from pos_terminal.ports import DeviceState, DeviceStatus

from drivers.printer import EscposPrinter, PrinterFault


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

    def _name(self) -> str:
        return f"pin {self.pin} of {self.printer.name}"

    def open(self) -> DeviceStatus:
        printer = self.printer.status()
        if printer.state in (DeviceState.CLOSED, DeviceState.NOT_CONFIGURED):
            printer = self.printer.open()
        if printer.state is DeviceState.ERROR:
            self._status = DeviceStatus("drawer", DeviceState.ERROR, self._name(),
                                        f"the drawer opens through the printer, which is not usable: {printer.detail}")
        else:
            self._status = DeviceStatus("drawer", DeviceState.READY, self._name(), "kicks through the printer")
        return self._status

    def close(self) -> None:
        self._status = DeviceStatus("drawer", DeviceState.CLOSED, self._name())

    def status(self) -> DeviceStatus:
        return self._status

    def kick(self) -> None:
        try:
            self.printer.kick_drawer(self.pin)
        except PrinterFault as exc:
            self._status = DeviceStatus("drawer", DeviceState.ERROR, self._name(),
                                        f"cannot open the drawer: {exc}; open it with the key")
            raise DrawerFault(self._status.detail) from exc
        self._status = DeviceStatus("drawer", DeviceState.READY, self._name(), "kicks through the printer")

    def is_open(self) -> bool | None:
        if not self.reports_state:
            return None
        high = self.printer.drawer_signal()
        if high is None:
            return None
        return high if self.open_when_high else not high
