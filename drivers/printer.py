"""The ESC/POS receipt printer on network (raw TCP 9100), serial or USB, through python-escpos.

Threading rule: open(), query_status(), print_document(), kick_drawer() and drawer_signal() do
I/O and may block up to the configured timeout; call them on a worker, never on the GUI thread.
They serialise on one lock. status() returns the last known status without I/O (any thread).

The connection is opened explicitly in open(), never lazily by python-escpos's `device`
property. A connection found dropped (peer closed, reset, cable pulled) is reopened once on the
next print. Before a job is sent the printer is asked for its state (DLE EOT); paper end, cover
open, offline or no answer refuse the job with PrinterFault before a byte of it leaves, so the
receipt stays in the reprint queue and is not half printed.

"Printed" means the printer said so, not that TCP (or the serial line) took the bytes. After the
job the printer is asked twice:
- GS r 1 (paper sensor status, *not* real-time: the printer answers it only once the data ahead
  of it is processed; a printer that runs out of paper mid-job stops there and does not answer),
  where open() found that the printer answers it at all;
- DLE EOT 1, 2, 4 (real-time: executed on arrival, so it tells why when GS r stayed silent).
No answer, a dropped connection, paper end, cover open or offline after the job raise
PrinterFault: the receipt is not confirmed and stays PENDING (its reprint is the original). A
drawer pulse is refused the same way before it is sent and confirmed the same way after.

Every status change (a job, a query, a reconnect) reaches the listeners added with
add_status_listener(), on the calling thread; the GUI passes its Bridge's post_device_status.
"""

from __future__ import annotations

import logging
import os
import select
import socket
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from escpos.constants import CD_KICK_2, CD_KICK_5

from config.schema import PrinterSettings
from drivers.status_listeners import notify
from pos_terminal.ports import DeviceState, DeviceStatus
from receipts.document import ReceiptDocument

log = logging.getLogger(__name__)


def use_capabilities_cache() -> None:
    """python-escpos parses its printer database (a large YAML file, about 0.2 s) when it is first
    imported and keeps the result as a pickle in ESCPOS_CAPABILITIES_PICKLE_DIR, by default a new
    temporary folder in every process (so every start parsed it again and left a folder behind).
    Points it at the user's cache folder, unless set already: only the machine's first use parses.
    Called before the first import of escpos.printer / escpos.escpos (on the printer's worker)."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" in os.environ:
        return
    import platformdirs

    folder = Path(platformdirs.user_cache_dir("pos-terminal", appauthor=False)) / "escpos-capabilities"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return  # python-escpos falls back to its temporary folder
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


DLE_EOT = b"\x10\x04"
GS_R_PAPER = b"\x1dr\x01"  # GS r 1: transmit paper sensor status, answered in order with the data


class PrinterFault(Exception):
    """The printer cannot print now; the message says why and what to do."""

    def __init__(self, message: str, status: DeviceStatus | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class PrinterState:
    """What DLE EOT 1, 2 and 4 reported; None where the printer did not answer."""

    offline: bool | None = None
    drawer_pin3_high: bool | None = None
    cover_open: bool | None = None
    paper_end: bool | None = None
    paper_near_end: bool | None = None
    feed_button: bool | None = None

    @property
    def answered(self) -> bool:
        return self.offline is not None


def _valid(byte: int | None) -> bool:
    # Every DLE EOT reply has bits 1 and 4 set and bits 0 and 7 clear.
    return byte is not None and byte & 0x93 == 0x12


def parse_status(printer: int | None, offline_cause: int | None, paper: int | None) -> PrinterState:
    """DLE EOT 1 (printer), 2 (offline cause) and 4 (roll paper sensor) replies to a state."""
    p = printer if _valid(printer) else None
    o = offline_cause if _valid(offline_cause) else None
    r = paper if _valid(paper) else None
    return PrinterState(
        offline=None if p is None else bool(p & 0x08),
        drawer_pin3_high=None if p is None else bool(p & 0x04),
        cover_open=None if o is None else bool(o & 0x04),
        feed_button=None if o is None else bool(o & 0x08),
        paper_end=(None if o is None and r is None else bool((o or 0) & 0x20) or bool((r or 0) & 0x60)),
        paper_near_end=None if r is None else bool(r & 0x0C),
    )


class EscposPrinter:
    kind = "printer"

    def __init__(self, settings: PrinterSettings, *, timeout_s: float = 5.0, status_timeout_s: float = 1.0) -> None:
        if settings.kind not in ("network", "serial", "usb"):
            raise ValueError(f"EscposPrinter drives network, serial or usb printers, not {settings.kind!r}")
        self.settings = settings
        self.timeout_s = timeout_s
        self.status_timeout_s = min(status_timeout_s, timeout_s)
        self._lock = threading.RLock()
        self._conn = None  # an opened escpos printer object, or None
        self._status = DeviceStatus("printer", DeviceState.CLOSED, self.name)
        self._listeners: list = []
        self._answered = False  # the last DLE EOT query got a valid reply
        self._in_order_status: bool | None = None  # the printer answers GS r 1 (None: not asked yet)

    def add_status_listener(self, listener) -> None:
        """`listener(DeviceStatus)` is called on every change of status, on the thread that saw it."""
        self._listeners.append(listener)

    @property
    def name(self) -> str:
        s = self.settings
        if s.kind == "network":
            return f"tcp://{s.host}:{s.port}"
        if s.kind == "serial":
            return f"serial:{s.serial_port}@{s.serial_baud}"
        return f"usb:{s.usb_vendor_id}:{s.usb_product_id}"

    # -- Device port

    def open(self) -> DeviceStatus:
        with self._lock:
            self._close_locked()
            self._set(DeviceState.OPENING, "connecting")
            try:
                self._connect_locked()
            except PrinterFault as exc:
                return self._set(DeviceState.ERROR, str(exc))
            status = self._query_locked()
            self._probe_in_order_locked()
            return status

    def close(self) -> None:
        with self._lock:
            self._close_locked()
            self._set(DeviceState.CLOSED, "")

    def status(self) -> DeviceStatus:
        return self._status

    def query_status(self) -> DeviceStatus:
        """Asks the printer (DLE EOT 1, 2, 4) and returns the status; reconnects when closed."""
        with self._lock:
            if self._conn is None:
                try:
                    self._connect_locked()
                except PrinterFault as exc:
                    return self._set(DeviceState.ERROR, str(exc))
            return self._query_locked()

    # -- ReceiptPrinter port

    def print_document(self, document: object) -> None:
        if not isinstance(document, ReceiptDocument):
            raise TypeError(f"print_document takes a receipts ReceiptDocument, not {type(document).__name__}")
        try:
            use_capabilities_cache()
            from receipts.escpos_render import render_escpos  # python-escpos, PIL, numpy: at the first print

            payload = render_escpos(document, chinese=self.settings.chinese, profile=self._profile())
        except Exception as exc:  # a layout or font problem, not the printer's
            raise PrinterFault(f"cannot render {document.title or 'the receipt'}: {exc}") from exc
        with self._lock:
            self._before_job_locked("the receipt was not sent")
            try:
                self._write(payload)
            except PrinterFault as exc:
                self._close_locked()
                status = self._set(DeviceState.ERROR, f"{exc}; the receipt was not printed completely, reprint it")
                raise PrinterFault(status.detail, status) from exc
            # the in-order answer comes once the receipt is printed: allow for its length (images, slow links)
            self._confirm_locked("the receipt", self.timeout_s + len(payload) / 2000)
            log.info("printed %s on %s (%d bytes)", document.title or document.kind.value, self.name, len(payload))

    def kick_drawer(self, pin: int = 2) -> None:
        """Sends the drawer pulse only to a printer that answers and reports no fault, and returns
        only when the printer confirmed it afterwards; PrinterFault otherwise (the drawer opens by key)."""
        if pin not in (2, 5):
            raise ValueError(f"drawer pin must be 2 or 5, got {pin!r}")
        with self._lock:
            self._before_job_locked("the drawer was not opened")
            pulse = CD_KICK_2 if pin == 2 else CD_KICK_5  # ESC p m 50 50: 100 ms on, 100 ms off
            try:
                self._write(pulse)
            except PrinterFault as exc:
                self._close_locked()
                status = self._set(DeviceState.ERROR, f"{exc}; the drawer pulse did not reach the printer")
                raise PrinterFault(status.detail, status) from exc
            self._confirm_locked("the drawer pulse")

    def drawer_signal(self) -> bool | None:
        """Level of drawer connector pin 3 (DLE EOT 1 bit 2); None when the printer does not say."""
        with self._lock:
            try:
                if self._conn is None:
                    self._connect_locked()
                reply = self._ask(1)
            except PrinterFault:
                return None
            return bool(reply & 0x04) if _valid(reply) else None

    # -- internals (call with the lock held)

    def _profile(self) -> str | None:
        return None if self.settings.profile == "default" else self.settings.profile

    def _set(self, state: DeviceState, detail: str) -> DeviceStatus:
        status = DeviceStatus("printer", state, self.name, detail)
        changed = status != self._status
        self._status = status
        if changed:
            notify(self._listeners, status)
        return status

    def _before_job_locked(self, consequence: str) -> None:
        """Connects if needed and asks the state; refuses (PrinterFault, nothing sent) on a fault
        or when the printer does not answer: what it does with a job could not be confirmed."""
        status = self._ready_locked()
        if status.state is DeviceState.ERROR:
            raise PrinterFault(status.detail, status)
        if not self._answered:
            self._close_locked()
            status = self._set(DeviceState.ERROR, f"no answer: the printer did not answer the status query within "
                               f"{self.status_timeout_s:g} s; {consequence}. Check that it is on and not jammed")
            raise PrinterFault(status.detail, status)

    def _confirm_locked(self, what: str, wait_s: float | None = None) -> None:
        """After `what` was sent: asks GS r 1 (in order, where the printer has it) and DLE EOT; the
        job counts only when both answer and report no fault. PrinterFault (status ERROR) otherwise.
        `wait_s`: how long the in-order answer may take (default: the printer's timeout)."""
        wait_s = self.timeout_s if wait_s is None else wait_s
        in_order: int | None = None
        asked_in_order = bool(self._in_order_status)
        if asked_in_order:
            try:
                in_order = self._ask_in_order(wait_s)
            except PrinterFault as exc:
                self._close_locked()
                status = self._set(DeviceState.ERROR, f"{exc} after {what} was sent; {what} was not confirmed")
                raise PrinterFault(status.detail, status) from exc
        status = self._query_locked()
        if status.state is DeviceState.ERROR:
            raise PrinterFault(f"{status.detail}; {what} was not confirmed", status)
        if not self._answered or (asked_in_order and in_order is None):
            self._close_locked()  # a frozen printer: the next job starts on a new connection
            waited = wait_s if asked_in_order and in_order is None else self.status_timeout_s
            status = self._set(DeviceState.ERROR, f"no answer: the printer took {what} but did not confirm it "
                               f"within {waited:.2g} s (frozen or switched off?)")
            raise PrinterFault(status.detail, status)
        if in_order is not None and in_order & 0x0C:
            status = self._set(DeviceState.ERROR, "paper end: load paper")
            raise PrinterFault(f"{status.detail}; {what} was not confirmed", status)

    def _probe_in_order_locked(self) -> None:
        """Learns once per connection whether the printer answers GS r 1 (most ESC/POS printers
        do); asked only while it reports no fault, since a stopped printer holds in-order commands."""
        if self._conn is None or not self._answered or self._status.state is DeviceState.ERROR:
            return
        try:
            self._in_order_status = self._ask_in_order(self.status_timeout_s) is not None
        except PrinterFault as exc:
            self._close_locked()
            self._set(DeviceState.ERROR, str(exc))
            return
        if not self._in_order_status:
            log.info("printer %s does not answer GS r 1; jobs are confirmed by real-time status only", self.name)

    def _ask_in_order(self, timeout: float) -> int | None:
        """GS r 1: one paper sensor status byte once the data before it is processed, or None."""
        self._drain()
        self._write(GS_R_PAPER)
        reply = self._read1(timeout)
        # a GS r reply has bits 4 and 7 clear; anything else (e.g. automatic status back) is not it
        return reply if reply is not None and reply & 0x90 == 0 else None

    def _connect_locked(self) -> None:
        use_capabilities_cache()
        from escpos.exceptions import DeviceNotFoundError

        s = self.settings
        try:
            if s.kind == "network":
                from escpos.printer import Network

                conn = Network(s.host, s.port, timeout=self.timeout_s, profile=self._profile())
            elif s.kind == "serial":
                from escpos.printer import Serial

                conn = Serial(s.serial_port, s.serial_baud, timeout=self.status_timeout_s, dsrdtr=False,
                              profile=self._profile())
            else:
                from escpos.printer import Usb

                if not Usb.is_usable():
                    raise PrinterFault("USB printing needs the pyusb package and libusb-1.0; install them")
                conn = Usb(int(s.usb_vendor_id, 16), int(s.usb_product_id, 16),
                           timeout=int(self.timeout_s * 1000), profile=self._profile())
            conn.open(raise_not_found=True)
        except PrinterFault:
            raise
        except DeviceNotFoundError as exc:
            raise PrinterFault(self._explain(exc)) from exc
        except (OSError, ValueError) as exc:
            raise PrinterFault(self._explain(exc)) from exc
        except Exception as exc:  # unknown profile, libusb errors, ...
            raise PrinterFault(f"cannot open the printer at {self.name}: {exc}") from exc
        if s.kind == "serial":
            conn.device.write_timeout = self.timeout_s
        self._conn = conn
        log.info("printer connected: %s", self.name)

    def _explain(self, exc: Exception) -> str:
        text = str(exc).replace("\n", " ")
        s = self.settings
        if s.kind == "network":
            if "refused" in text.lower():
                why = "connection refused"
            elif "timed out" in text.lower():
                why = f"no answer within {self.timeout_s:g} s"
            else:
                why = text
            return (f"cannot connect to the printer at {s.host}:{s.port}: {why}; check that it is switched on, "
                    f"on the network, and that the address in the settings is right")
        if s.kind == "serial":
            return (f"cannot open the serial printer on {s.serial_port}: {text}; check the cable, the port name "
                    f"and that this user may use the port (group dialout)")
        return (f"cannot open the USB printer {s.usb_vendor_id}:{s.usb_product_id}: {text}; check the cable, "
                f"that the printer is on, and the udev permission for this user")

    def _close_locked(self) -> None:
        conn, self._conn = self._conn, None
        self._in_order_status = None  # another printer may answer on the next connection
        if conn is not None:
            try:
                conn.close()
            except Exception:  # closing a dead link must not hide the fault that killed it
                log.debug("printer close failed", exc_info=True)

    def _ready_locked(self) -> DeviceStatus:
        """Connects if needed and queries status; one reconnect when the link proves dead."""
        for attempt in (1, 2):
            if self._conn is None:
                try:
                    self._connect_locked()
                except PrinterFault as exc:
                    raise PrinterFault(str(exc), self._set(DeviceState.ERROR, str(exc))) from exc
            reconnected = self._in_order_status is None
            status = self._query_locked()
            if self._conn is not None and reconnected:
                self._probe_in_order_locked()
            if self._conn is not None or attempt == 2:
                return status
            log.info("printer link to %s was dropped; reconnecting", self.name)
        return status

    def _query_locked(self) -> DeviceStatus:
        self._answered = False
        try:
            first = self._ask(1)
            if first is None:
                return self._set(DeviceState.WARNING, f"the printer did not answer the status query within "
                                 f"{self.status_timeout_s:g} s; paper and cover state unknown")
            state = parse_status(first, self._ask(2), self._ask(4))
        except PrinterFault as exc:
            self._close_locked()
            return self._set(DeviceState.ERROR, str(exc))
        self._answered = state.answered
        return self._set(*self._judge(state))

    @staticmethod
    def _judge(state: PrinterState) -> tuple[DeviceState, str]:
        if state.paper_end:
            return DeviceState.ERROR, "paper end: load paper"
        if state.cover_open:
            return DeviceState.ERROR, "cover open: close the cover"
        if state.offline:
            return DeviceState.ERROR, "offline: check the printer's error light and switch it off and on"
        if state.paper_near_end:
            return DeviceState.WARNING, "paper near end: have a new roll ready"
        if not state.answered:
            return DeviceState.WARNING, "the printer's status reply was not understood; state unknown"
        return DeviceState.READY, "ready"

    def _ask(self, n: int) -> int | None:
        """DLE EOT n: one status byte, or None when the printer stays silent."""
        self._drain()
        self._write(DLE_EOT + bytes((n,)))
        reply = self._read1(self.status_timeout_s)
        return reply

    def _write(self, data: bytes) -> None:
        conn = self._conn
        if conn is None:
            raise PrinterFault(f"the printer at {self.name} is not connected")
        try:
            conn._raw(data)
            if self.settings.kind == "serial":
                conn.device.flush()
        except (socket.timeout, TimeoutError) as exc:
            raise PrinterFault(f"the printer at {self.name} took more than {self.timeout_s:g} s to accept data") from exc
        except Exception as exc:  # OSError, serial.SerialException, usb.core.USBError
            raise PrinterFault(f"lost the connection to the printer at {self.name}: {exc}") from exc

    def _read1(self, timeout: float) -> int | None:
        conn = self._conn
        kind = self.settings.kind
        try:
            if kind == "network":
                sock: socket.socket = conn._device
                ready, _, _ = select.select([sock], [], [], timeout)
                if not ready:
                    return None
                data = sock.recv(1)
                if not data:
                    raise PrinterFault(f"the printer at {self.name} closed the connection")
                return data[0]
            if kind == "serial":
                conn._device.timeout = timeout
                data = conn._device.read(1)
                return data[0] if data else None
            data = conn._device.read(conn.in_ep, 64, max(1, int(timeout * 1000)))
            return data[0] if len(data) else None
        except PrinterFault:
            raise
        except Exception as exc:
            if kind == "usb" and "timeout" in str(exc).lower():
                return None
            raise PrinterFault(f"lost the connection to the printer at {self.name}: {exc}") from exc

    def _drain(self) -> None:
        """Drops stale bytes (late status replies, automatic status back) before a query."""
        conn = self._conn
        if conn is None:
            return
        try:
            if self.settings.kind == "network":
                sock: socket.socket = conn._device
                deadline = time.monotonic() + 0.05
                while time.monotonic() < deadline and select.select([sock], [], [], 0)[0]:
                    if not sock.recv(64):
                        raise PrinterFault(f"the printer at {self.name} closed the connection")
            elif self.settings.kind == "serial":
                conn._device.reset_input_buffer()
            else:
                for _ in range(8):  # USB: read until the 1 ms timeout says the pipe is empty
                    try:
                        if not len(conn._device.read(conn.in_ep, 64, 1)):
                            break
                    except Exception as exc:
                        if "timeout" in str(exc).lower():
                            break
                        raise
        except PrinterFault:
            raise
        except Exception as exc:
            raise PrinterFault(f"lost the connection to the printer at {self.name}: {exc}") from exc
