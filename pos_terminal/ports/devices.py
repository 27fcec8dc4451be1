"""Device ports: scanner, receipt printer, cash drawer, card terminal, and the optional
capabilities some adapters have (status listeners, camera frames).

Threading rule for every device port: `open()` may block (it is called on a worker, never on the
GUI thread) and reports failure as a `DeviceStatus`, not an exception; callbacks such as
`on_scan` and `on_status` are called on the adapter's own thread, and the UI bridge re-emits
them on the GUI thread.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol, runtime_checkable


class DeviceState(str, enum.Enum):
    NOT_CONFIGURED = "not_configured"
    OPENING = "opening"
    READY = "ready"
    BUSY = "busy"
    WARNING = "warning"  # works, but needs attention soon (paper near end)
    ERROR = "error"  # configured but not usable now (missing, cover open, offline)
    CLOSED = "closed"


@dataclass(frozen=True)
class DeviceStatus:
    device: str  # "scanner", "printer", "drawer", "card_terminal", "platform"
    state: DeviceState
    name: str = ""  # what the technician configured: "simulated", "tcp://10.0.0.5:9100", ...
    detail: str = ""  # what happened and what to do, in English; the UI translates by `state`

    @property
    def usable(self) -> bool:
        return self.state in (DeviceState.READY, DeviceState.BUSY, DeviceState.WARNING)


@dataclass(frozen=True)
class ScanEvent:
    text: str
    raw: bytes
    symbology: str  # "qr", "code128", "ean13", ..., or "unknown"
    source: str  # "wedge", "serial:/dev/ttyACM0", "camera:0", "simulated", ...
    ts: datetime  # when the scan completed, UTC
    # How long the source took from the scan's first input (first key, first byte, frame
    # captured) to this event; None where the source cannot tell.
    latency_ms: float | None = None


StatusCallback = Callable[[DeviceStatus], None]


class Device(Protocol):
    def open(self) -> DeviceStatus: ...

    def close(self) -> None: ...

    def status(self) -> DeviceStatus: ...


class Scanner(Device, Protocol):
    def start(self, on_scan: Callable[[ScanEvent], None]) -> None: ...

    def stop(self) -> None: ...


class ReceiptPrinter(Device, Protocol):
    def print_document(self, document: PrintableDocument) -> None:
        """Prints a receipts/ document; raises PrinterFault when it cannot."""
        ...


class CashDrawer(Device, Protocol):
    def kick(self) -> None: ...

    def is_open(self) -> bool | None:
        """True/False where the drawer reports its state, None where it cannot."""
        ...


@dataclass(frozen=True)
class CardResult:
    approved: bool
    approval_code: str | None
    reference: str | None
    card_last4: str | None
    message: str = ""


class CardTerminal(Device, Protocol):
    """Every call but status() may block (a worker's job). A charge whose outcome could not be
    learned raises CardOutcomeUnknown (pos_terminal.domain.errors): never charge again before
    `resolve(request_id)` answers. The same `request_id` is never charged twice."""

    def charge(self, amount_minor: int, currency: str, reference: str, *, request_id: str | None = None) -> CardResult: ...

    def refund(self, amount_minor: int, currency: str, original_reference: str, *, request_id: str | None = None) -> CardResult: ...

    def resolve(self, request_id: str, *, amount_minor: int | None = None, currency: str | None = None,
                reference: str | None = None) -> CardResult:
        """What became of an earlier request. The amount, currency and reference (as recorded
        before the request was sent) let a terminal that cannot be asked (standalone) ask the
        cashier instead, also after a restart."""
        ...

    def last_transaction(self) -> CardResult | None: ...

    def day_report(self, day: date | None = None, currency: str = "CNY") -> CardDayReport | None:
        """The card terminal's own totals for a day, or None where it cannot tell (standalone)."""
        ...


@dataclass
class DeviceSet:
    """The concrete devices the composition root (pos_terminal.app.container) chose. Opening happens on a worker (see module doc)."""

    scanner: Scanner
    printer: ReceiptPrinter
    drawer: CashDrawer
    card_terminal: CardTerminal | None = None
    extra: dict[str, Device] = field(default_factory=dict)


class PrintableDocument(Protocol):
    """A receipts/ document as the core sees it: made by a render callback, handed to the
    printer, never looked inside but for its title (logs, the reprint queue)."""

    @property
    def title(self) -> str: ...


class CardDayReport(Protocol):
    """The card terminal's own totals for a business day (drivers.card_protocol.DayReport)."""

    @property
    def date(self) -> str: ...  # YYYY-MM-DD in `timezone`

    @property
    def timezone(self) -> str: ...

    @property
    def currency(self) -> str: ...

    @property
    def sales_count(self) -> int: ...

    @property
    def sales_minor(self) -> int: ...

    @property
    def refunds_count(self) -> int: ...

    @property
    def refunds_minor(self) -> int: ...

    @property
    def declined_count(self) -> int: ...


# -- optional capabilities: an adapter has them or not; ask with isinstance(), never hasattr()


@runtime_checkable
class StatusReporter(Protocol):
    """A device that reports later changes of its status (unplugged, reconnected, paper out)."""

    def add_status_listener(self, listener: StatusCallback) -> None: ...


@runtime_checkable
class FrameSource(Protocol):
    """A camera scanner that also hands out its frames (a photo camera can share it)."""

    def add_frame_listener(self, listener: Callable[..., None]) -> None: ...


@runtime_checkable
class CardOutcome(Protocol):
    """A CardResult that also says how the request ended (drivers.card_common.CardTransaction):
    "approved", "declined" (the terminal said no), "not_charged" (no charge for the request: safe
    to charge again) or "cancelled" (the cashier cancelled); "" where it cannot tell."""

    @property
    def outcome(self) -> str: ...
