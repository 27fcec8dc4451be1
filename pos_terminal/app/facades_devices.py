"""The technician's facade (DeviceControl): open the devices, put a device built from a settings
section at the counter (scanner, printer with its drawer, card terminal), test each one (a test
page, a drawer pulse, a connection and the last transaction), preview a camera, find what is
attached. Re-exported by pos_terminal.app.facades; `App.devices` is one.

Methods marked "Blocking" do device work: call them on a worker (ui.tasks.run_in_background),
never on the GUI thread. A device that is missing or refuses is a status in the answer, never an
exception the caller has to know about (only a bug raises).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from config.schema import CardTerminalSettings, DrawerSettings, PrinterSettings, ScannerSettings, Settings
from pos_terminal.ports import DeviceState, DeviceStatus, StatusReporter

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from pos_terminal.app.container import Terminal
    from pos_terminal.services.users import SignedIn

StatusSink = Callable[[DeviceStatus], None]


@dataclass(frozen=True)
class PrinterCheck:
    """The printer as a test found it: its status, and whether the test page printed."""

    status: DeviceStatus
    printed: bool | None = None  # None: no page was asked for
    problem: str = ""  # why the page did not print (the driver's words, English)
    paper_width_mm: int = 80
    chinese: str = "gb18030"  # "gb18030" (the printer's code page) or "image" (text drawn as pictures)


@dataclass(frozen=True)
class DrawerCheck:
    """The drawer as a test found it: its status, whether the pulse was confirmed, its switch."""

    status: DeviceStatus
    kicked: bool | None = None  # None: no pulse was asked for
    problem: str = ""
    has_sensor: bool = False  # the drawer's open/shut switch is wired to the printer
    is_open: bool | None = None  # what the switch says now (None: no switch, or no answer)


@dataclass(frozen=True)
class LastCardTransaction:
    kind: str  # "sale", "refund"
    outcome: str  # "approved", "declined", "not_charged", "cancelled", ""
    approved: bool
    amount_minor: int | None
    currency: str | None
    at: str | None  # the card terminal's time, ISO 8601 UTC
    approval_code: str | None
    card_last4: str | None


@dataclass(frozen=True)
class CardCheck:
    """The card terminal as a test found it: reached or not, and its last transaction."""

    status: DeviceStatus
    last: LastCardTransaction | None = None
    last_problem: str = ""  # why the last transaction could not be asked ("" when it was)
    can_tell_last: bool = True  # False where nobody can be asked (no card terminal)


class DeviceRefused(Exception):
    """A device swap refused for a reason the technician can act on (the message says it)."""


def _open(device: Any, kind: str, on_status: StatusSink | None) -> DeviceStatus:
    try:
        status: DeviceStatus = device.open()
    except Exception as exc:  # an adapter bug must not leave the page waiting
        log.exception("%s open failed", kind)
        status = DeviceStatus(kind, DeviceState.ERROR, "", f"failed to open: {exc}")
    if on_status is not None:
        on_status(status)
        if isinstance(device, StatusReporter):
            device.add_status_listener(on_status)
    return status


def _close(device: Any, kind: str) -> None:
    if device is None:
        return
    try:
        device.close()
    except Exception:
        log.exception("%s close failed", kind)


class DeviceControl:
    """The technician's side: open the devices, swap and test them, watch the drawer, find ports."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal
        # the demo's stand-ins (virtual printer, card simulator) once seen: "simulated" means them
        self._printer_stand_in: tuple[str, int] | None = None
        self._card_stand_in: int | None = None

    def open_devices(self, on_status: StatusSink, on_scan: Callable[..., Any] | None = None) -> None:
        """Opens every device, reporting each status; then starts the scanner. Blocking."""
        self._t.open_devices(on_status, on_scan)

    # -- the scanner ---------------------------------------------------------------------------
    def use_scanner(self, scanner_settings: ScannerSettings, on_status: StatusSink, on_scan: Callable[..., Any]) -> DeviceStatus:
        """Puts a scanner built from `scanner_settings` at the counter: the old one is closed first,
        so the port or camera it held is free, then the new one is opened and started (it keeps
        retrying when it could not open). Not saved to the settings file. Blocking."""
        from pos_terminal.app.container import build_scanner

        t = self._t
        settings = t.settings.model_copy(update={"scanner": scanner_settings})
        scanner = build_scanner(settings)  # constructing opens nothing: the old one still works if this fails
        _close(t.devices.scanner, "scanner")
        t.devices.scanner = scanner
        t.settings = settings
        status = _open(scanner, "scanner", on_status)
        scanner.start(on_scan)
        return status

    def scanner_status(self) -> DeviceStatus:
        return self._t.devices.scanner.status()

    def has_frames(self) -> bool:
        """Whether the scanner at the counter is a camera whose frames can be watched."""
        from pos_terminal.ports import FrameSource

        return isinstance(self._t.devices.scanner, FrameSource)

    def add_frame_listener(self, listener: Callable[..., Any]) -> bool:
        """Shows the scanner's camera frames to `listener` (on the scanner's thread); False when the
        scanner has no frames (not a camera)."""
        if not self.has_frames():
            return False
        self._t.devices.scanner.add_frame_listener(listener)  # type: ignore[attr-defined]
        return True

    def simulated_scanner(self) -> Callable[[str], Any] | None:
        """The simulated scanner's `emit(text)` (a scan typed by the technician; blocking: on a
        worker), or None when the scanner at the counter is a real one."""
        from drivers.simulated import SimulatedScanner

        scanner = self._t.devices.scanner
        return scanner.emit if isinstance(scanner, SimulatedScanner) else None

    # -- statuses without I/O ------------------------------------------------------------------
    def status_of(self, device: str) -> DeviceStatus:
        """The last known status of "scanner", "printer", "drawer" or "card_terminal" (no I/O)."""
        devices = self._t.devices
        if device == "card_terminal" and devices.card_terminal is None:
            return DeviceStatus("card_terminal", DeviceState.NOT_CONFIGURED, "none", "no card terminal configured")
        found = {"scanner": devices.scanner, "printer": devices.printer, "drawer": devices.drawer,
                 "card_terminal": devices.card_terminal}[device]
        return found.status()  # type: ignore[union-attr]

    # -- the printer and its drawer ------------------------------------------------------------
    def _remember_stand_ins(self) -> None:
        from drivers.card_terminal import TcpCardTerminal
        from drivers.printer import EscposPrinter

        t = self._t
        printer = t.devices.printer
        if self._printer_stand_in is None and t.settings.printer.kind == "simulated" and isinstance(printer, EscposPrinter):
            self._printer_stand_in = (printer.settings.host, printer.settings.port)
        card = t.devices.card_terminal
        if (self._card_stand_in is None and t.settings.card_terminal.kind == "simulated"
                and not t.settings.card_terminal.port and isinstance(card, TcpCardTerminal)):
            self._card_stand_in = card.port

    def _build_printer(self, printer_settings: PrinterSettings) -> Any:
        from drivers.factory import printer_from_settings
        from drivers.printer import EscposPrinter

        if printer_settings.kind == "simulated" and self._printer_stand_in is not None:
            host, port = self._printer_stand_in  # the demo's virtual network printer
            real = printer_settings.model_copy(update={"kind": "network", "host": host, "port": port})
            return EscposPrinter(real, timeout_s=printer_settings.timeout_s)
        return printer_from_settings(printer_settings)

    def _build_drawer(self, drawer_settings: DrawerSettings, printer: Any) -> Any:
        from drivers.drawer import PrinterDrawer
        from drivers.factory import drawer_from_settings
        from drivers.printer import EscposPrinter
        from drivers.simulated import UnsupportedDevice

        stand_in = self._printer_stand_in is not None and self._t.settings.printer.kind == "simulated"
        if drawer_settings.kind == "simulated" and stand_in and isinstance(printer, EscposPrinter):
            return PrinterDrawer(printer, drawer_settings.pin, reports_state=drawer_settings.reports_state,
                                 open_when_high=drawer_settings.open_when_high)  # as the demo wires it
        if drawer_settings.kind == "printer" and not isinstance(printer, EscposPrinter):
            return UnsupportedDevice("drawer", "printer", "the drawer opens through the receipt printer, which is not "
                                     "an ESC/POS printer here: set up the printer first")
        return drawer_from_settings(drawer_settings, printer)

    def use_printer(self, printer_settings: PrinterSettings, on_status: StatusSink | None = None) -> DeviceStatus:
        """Puts a printer built from `printer_settings` at the counter (the drawer on its connector
        follows it), closing the old one first. Not saved. Blocking (the printer's timeout)."""
        t = self._t
        self._remember_stand_ins()
        printer = self._build_printer(printer_settings)
        settings = t.settings.model_copy(update={"printer": printer_settings})
        _close(t.devices.drawer, "drawer")
        _close(t.devices.printer, "printer")
        t.settings = settings
        t.devices.printer = printer
        t.devices.drawer = self._build_drawer(settings.drawer, printer)
        status = _open(printer, "printer", on_status)
        _open(t.devices.drawer, "drawer", on_status)
        return status

    def use_drawer(self, drawer_settings: DrawerSettings, on_status: StatusSink | None = None) -> DeviceStatus:
        """Puts a drawer built from `drawer_settings` on the printer at the counter. Not saved. Blocking."""
        t = self._t
        self._remember_stand_ins()
        drawer = self._build_drawer(drawer_settings, t.devices.printer)
        _close(t.devices.drawer, "drawer")
        t.settings = t.settings.model_copy(update={"drawer": drawer_settings})
        t.devices.drawer = drawer
        return _open(drawer, "drawer", on_status)

    def check_printer(self, *, print_page: bool, user: SignedIn | None = None) -> PrinterCheck:
        """Asks the printer its state and, with `print_page`, prints a test page (paper width, code
        page or image mode, a ruler, Chinese text, a barcode and a QR code). Blocking."""
        from drivers.printer import EscposPrinter
        from drivers.test_page import build_test_page

        t = self._t
        printer, ps = t.devices.printer, t.settings.printer
        status = printer.query_status() if isinstance(printer, EscposPrinter) else printer.status()
        if status.state is DeviceState.CLOSED:
            status = _open(printer, "printer", None)
        if not print_page:
            return PrinterCheck(status, None, "", ps.paper_width_mm, ps.chinese)
        document = build_test_page(ps, store_name=t.settings.terminal.store_name,
                                   terminal_id=t.settings.terminal.terminal_id,
                                   printer_name=status.name or ps.kind, at=t.clock.now())
        printed, problem = True, ""
        try:
            printer.print_document(document)
        except Exception as exc:  # PrinterFault, or a printer that is not there (kind "none")
            printed, problem = False, str(exc) or exc.__class__.__name__
        log.info("test page %s on %s%s", "printed" if printed else "not printed", status.name,
                 f": {problem}" if problem else "", extra={"user": getattr(user, "username", None)})
        return PrinterCheck(printer.status(), printed, problem, ps.paper_width_mm, ps.chinese)

    def check_drawer(self, *, kick: bool, user: SignedIn | None = None) -> DrawerCheck:
        """Opens the drawer (with `kick`; audited as a no-sale opening by the technician) and reads
        its switch where it has one. Blocking."""
        from pos_terminal.app.facades import record_audit
        from pos_terminal.services import audit

        t = self._t
        drawer, ds = t.devices.drawer, t.settings.drawer
        if drawer.status().state is DeviceState.CLOSED:
            _open(drawer, "drawer", None)
        has_sensor = bool(getattr(drawer, "reports_state", False))
        kicked: bool | None = None
        problem = ""
        if kick:
            try:
                drawer.kick()
                kicked = True
            except Exception as exc:  # DrawerFault, or no drawer (kind "none")
                kicked, problem = False, str(exc) or exc.__class__.__name__
            details = {"reason": "device test", "drawer": drawer.status().name, **({"problem": problem} if problem else {})}
            try:
                record_audit(t, audit.NO_SALE, user=user, subject="drawer test",
                             outcome=audit.OK if kicked else audit.FAILED, details=details)
            except Exception:
                log.exception("drawer test not recorded in the audit trail", extra={"audit": details})
        is_open: bool | None = None
        if has_sensor:
            try:
                is_open = drawer.is_open()
            except Exception:
                log.exception("drawer switch read failed")
        return DrawerCheck(drawer.status(), kicked, problem, has_sensor and ds.kind != "none", is_open)

    def drawer_reports_state(self) -> bool:
        """Whether the drawer's switch says open or shut (polled after a sale)."""
        drawer = self._t.devices.drawer
        return bool(drawer is not None and getattr(drawer, "reports_state", False))

    def drawer_is_open(self) -> bool | None:
        """The drawer's switch now (None: it does not answer). Blocking."""
        return self._t.devices.drawer.is_open()

    def poll_printer(self) -> DeviceStatus | None:
        """Asks an ESC/POS printer for its state now (DLE EOT; reconnects when it was lost), so a
        fault shows without waiting for the next receipt; None for a printer that cannot be asked
        or was never opened. Blocking (up to the printer's timeout)."""
        from drivers.printer import EscposPrinter

        printer = self._t.devices.printer
        if not isinstance(printer, EscposPrinter) or printer.status().state is DeviceState.CLOSED:
            return None
        return printer.query_status()

    # -- the card terminal ---------------------------------------------------------------------
    def use_card_terminal(self, card_settings: CardTerminalSettings, on_status: StatusSink | None = None) -> DeviceStatus:
        """Puts a card terminal built from `card_settings` at the counter. Refused (DeviceRefused)
        while the one in use holds a card request whose outcome is not known yet: that answer would
        be lost. Not saved. Blocking (the terminal's query timeout)."""
        from drivers.card_terminal import ManualCardTerminal, TcpCardTerminal
        from drivers.factory import card_terminal_from_settings

        t = self._t
        self._remember_stand_ins()
        old = t.devices.card_terminal
        if isinstance(old, (TcpCardTerminal, ManualCardTerminal)) and old.unresolved():
            raise DeviceRefused(f"the card terminal in use has {len(old.unresolved())} card request(s) whose outcome "
                                "is not known yet; finish them at the checkout first")
        built = card_settings
        if card_settings.kind == "simulated" and not card_settings.port and self._card_stand_in is not None:
            built = card_settings.model_copy(update={"port": self._card_stand_in})  # the demo's simulator
        card = card_terminal_from_settings(built, store_timezone=t.settings.terminal.timezone)
        _close(old, "card_terminal")
        t.settings = t.settings.model_copy(update={"card_terminal": card_settings})
        t.devices.card_terminal = card
        if card is None:
            status = self.status_of("card_terminal")
            if on_status is not None:
                on_status(status)
            return status
        return _open(card, "card_terminal", on_status)

    def check_card_terminal(self) -> CardCheck:
        """Reaches the card terminal (a ping) and asks for its last transaction. Blocking (up to
        the terminal's query timeout)."""
        from drivers.card_common import CardTransaction

        card = self._t.devices.card_terminal
        if card is None:
            return CardCheck(self.status_of("card_terminal"), None, "", can_tell_last=False)
        status = _open(card, "card_terminal", None)  # open() is the ping: it says whether it answers
        last: LastCardTransaction | None = None
        problem = ""
        if status.usable:
            try:
                result = card.last_transaction()
            except Exception as exc:  # CardTerminalUnavailable: it stopped answering
                problem = str(exc) or exc.__class__.__name__
            else:
                if result is not None:
                    tx = result if isinstance(result, CardTransaction) else None
                    last = LastCardTransaction(
                        kind=tx.kind if tx else "sale", outcome=tx.outcome if tx else "",
                        approved=result.approved, amount_minor=tx.amount_minor if tx else None,
                        currency=tx.currency if tx else None, at=tx.at if tx else None,
                        approval_code=result.approval_code, card_last4=result.card_last4)
        return CardCheck(status, last, problem)

    # -- cameras -------------------------------------------------------------------------------
    def preview_camera(self, source: str) -> Any:
        """A camera for a live preview of `source` (index, /dev/videoN or a video file): the
        scanner's own when it is a camera on that source, else a photo camera. Not opened: its
        open() (blocking: a worker's job) returns a DeviceStatus; add_frame_listener(fn(frame,
        ...)) gets BGR frames on the camera's thread; close() (blocking) frees it."""
        from drivers.photo_camera import PhotoCamera, SharedPhotoCamera
        from pos_terminal.ports import FrameSource

        t = self._t
        scanner = t.devices.scanner
        if t.settings.scanner.kind == "camera" and str(t.settings.scanner.camera.source) == str(source) \
                and isinstance(scanner, FrameSource):
            return SharedPhotoCamera(scanner)
        return PhotoCamera(str(source))

    # -- what is attached ----------------------------------------------------------------------
    def discover(self, settings: Settings) -> dict[str, Any]:
        """The serial ports, cameras and printers found on this machine. Blocking."""
        from drivers.discovery import discover

        return discover(settings)
