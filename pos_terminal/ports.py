"""The ports: what the core needs from the outside world. drivers/, sync/ and receipts/ implement
them; pos_terminal/bootstrap.py picks the implementations from the settings; tests/fakes.py has
fakes of each.

Threading rule for every device port: `open()` may block (it is called on a worker, never on the
GUI thread) and reports failure as a `DeviceStatus`, not an exception; callbacks such as
`on_scan` and `on_status` are called on the adapter's own thread, and the UI bridge re-emits
them on the GUI thread.
"""

from __future__ import annotations

import enum
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Protocol, runtime_checkable


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware UTC."""
        ...


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


class Decoder(Protocol):
    def decode(self, image: object) -> list[ScanEvent]: ...


class ReceiptPrinter(Device, Protocol):
    def print_document(self, document: object) -> None:
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

    def day_report(self, day=None, currency: str = "CNY"):
        """The card terminal's own totals for a day, or None where it cannot tell (standalone)."""
        ...


@dataclass(frozen=True)
class PlatformStatus:
    online: bool
    detail: str = ""
    checked_at: datetime | None = None


class PlatformError(Exception):
    """A platform call that did not give the answer asked for. `message` names the cause and
    what to do, in English; `code` is stable for the screens."""

    code = "platform_error"

    def __init__(self, message: str, *, status: int | None = None, body: dict | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.body = body or {}


class PlatformUnavailable(PlatformError):
    """No answer: connection refused, timeout, or a 5xx. Worth retrying later."""

    code = "platform_unavailable"


class PlatformRefused(PlatformError):
    """The platform answered with a 4xx refusal; `code` is the platform's error code
    (order_claimed, unknown_order, idempotency_key_reused, ...)."""

    def __init__(self, code: str, message: str, *, status: int | None = None, body: dict | None = None) -> None:
        super().__init__(message, status=status, body=body)
        self.code = code


class AuthenticationFailed(PlatformRefused):
    """401: the platform does not accept this terminal's credential (a settings problem)."""


class PlatformClient(Protocol):
    """The terminal's calls to the platform (sync.client.HttpPlatformClient; tests/fakes.py).
    Every call may block up to the configured timeout (retries included): call from a worker.
    Failures raise PlatformUnavailable, PlatformRefused or AuthenticationFailed; `status()`
    never raises."""

    def status(self) -> PlatformStatus: ...

    def post_settlement(self, payload: dict, idempotency_key: str) -> dict: ...

    def post_settlement_batch(self, body: dict, idempotency_key: str) -> dict:
        """The day's settlements; the platform answers with its totals and every difference."""
        ...

    def voucher_keys(self) -> dict: ...

    def get_order(self, order_no: str) -> dict: ...

    def order_by_voucher(self, voucher_id: str) -> dict: ...

    def order_by_url(self, url: str) -> dict: ...

    def claim_order(self, order_no: str, ttl_s: int = 120) -> dict: ...

    def release_claim(self, order_no: str) -> dict: ...

    # prepaid cards: every debit or credit carries an Idempotency-Key, so a retry never moves money twice;
    # the balance and a debit need the holder's PIN (refused: wrong_pin with attempts_left, pin_locked)
    def get_card(self, card_no: str, pin: str) -> dict: ...

    def debit_card(self, card_no: str, amount_minor: int, currency: str, reference: str, idempotency_key: str,
                   pin: str) -> dict: ...

    def credit_card(self, card_no: str, amount_minor: int, currency: str, reference: str, idempotency_key: str) -> dict: ...

    # what the terminal resolves its prepaid journal with after a crash (it keeps no card number),
    # and what the day's reconciliation compares
    def card_movement(self, idempotency_key: str) -> dict: ...

    def reverse_card_movement(self, transaction_id: str, reference: str, idempotency_key: str) -> dict: ...

    def card_movements(self, business_date: str, timezone: str) -> dict: ...

    # refunds: photo uploads and requests carry an Idempotency-Key
    def get_item(self, item_code: str) -> dict: ...

    def upload_refund_photo(self, data: bytes, content_type: str, idempotency_key: str,
                            filename: str = "defect.jpg") -> dict: ...

    def request_refund(self, item_codes: list[str], reason: str, idempotency_key: str,
                       photo_ids: list[str] | None = None) -> dict: ...

    def get_refund(self, request_id: str) -> dict: ...

    def list_refunds(self, status: str | None = None) -> list[dict]: ...

    def hand_in_refund(self, request_id: str, idempotency_key: str) -> dict:
        """POST /refund-requests/{id}/hand-in: a return filed on the buyer's phone taken in here."""
        ...

    # double payments: the platform's refund cases of this store, and a pay-back at its counter
    def list_refund_cases(self, business_date: str | None = None, status: str | None = None,
                          timezone: str | None = None) -> list[dict]:
        """GET /refund-cases: this store's cases (newest first); `business_date` (with the store's
        `timezone`): those whose second payment was taken that day; `status`: open | refunded."""
        ...

    def get_refund_case(self, case_id: str) -> dict: ...

    def report_paid_back(self, case_id: str, body: dict, idempotency_key: str) -> dict:
        """POST /refund-cases/{id}/paid-back {amount_minor, route, receipt_no, paid_back_at}: this
        counter paid the case back. Refused: refunded_by_platform, paid_back_at_counter (409),
        amount_mismatch (422), unknown_refund_case (404)."""
        ...


class VoucherVerifier(Protocol):
    """Verifies a voucher against the cached platform keys (sync.keys.KeyStore). May refresh the
    keys from the platform once on an unknown key when `online` (blocking: a worker's job)."""

    def verify(self, text: str, *, online: bool = True): ...


# ----------------------------------------------------------------- storage (unit of work)


class UserRepository(Protocol):
    def add(self, user) -> None: ...

    def get(self, user_id: uuid.UUID): ...

    def by_username(self, username: str): ...

    def list(self) -> list: ...


class OrderRepository(Protocol):
    def add(self, order) -> None: ...

    def get(self, order_no: str): ...


class SaleRepository(Protocol):
    def add(self, sale) -> None: ...

    def get(self, sale_id: uuid.UUID): ...

    def paid_for_order(self, order_no: str): ...


class ShiftRepository(Protocol):
    def add(self, shift) -> None: ...

    def open_for_terminal(self, terminal_id: str): ...


class ReceiptRepository(Protocol):
    def counter_for(self, terminal_id: str):
        """The terminal's ReceiptCounter, locked for this unit of work (created at 0 if new)."""
        ...

    def add(self, receipt) -> None: ...

    def last_for_terminal(self, terminal_id: str, kind=None):
        """The terminal's newest receipt, of `kind` (a ReceiptKind) when given."""
        ...


class OutboxRepository(Protocol):
    def add(self, message) -> None: ...

    def add_settlement(self, settlement, now): ...

    def pending(self, limit: int = 100) -> list: ...

    def pending_count(self) -> int: ...

    def get(self, seq: int): ...

    def attention(self, limit: int = 100) -> list: ...

    def attention_count(self) -> int: ...

    def last_sent_at(self): ...


class RefundRepository(Protocol):
    def add(self, case) -> None: ...

    def get(self, case_id: uuid.UUID): ...


class CardRequestRepository(Protocol):
    def add(self, request) -> None: ...

    def get(self, request_id: str): ...

    def open_for_terminal(self, terminal_id: str) -> list: ...


class UnitOfWork(Protocol):
    """One use case, one transaction. `with uow:` opens it; `uow.commit()` makes it durable;
    leaving the block without commit rolls everything back."""

    users: UserRepository
    orders: OrderRepository
    sales: SaleRepository
    shifts: ShiftRepository
    receipts: ReceiptRepository
    outbox: OutboxRepository
    refunds: RefundRepository
    card_requests: CardRequestRepository
    audit: object  # storage.audit_repo.AuditRepository: the hash-chained audit trail
    cash: object  # storage.cash_repo.CashRepository: drops, pay-outs, pay-ins, no-sale openings
    days: object  # storage.days_repo.BusinessDayRepository: Z reports and reconciliation
    paybacks: object  # storage.payback_repo.PaybackRepository: double payments paid back at the counter

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...

    def collect_events(self) -> Iterator: ...


@runtime_checkable
class PinHasher(Protocol):
    def hash(self, pin: str) -> str: ...

    def verify(self, pin: str, encoded: str) -> bool: ...


@dataclass
class DeviceSet:
    """The concrete devices bootstrap chose. Opening happens on a worker (see module doc)."""

    scanner: Scanner
    printer: ReceiptPrinter
    drawer: CashDrawer
    card_terminal: CardTerminal | None = None
    extra: dict = field(default_factory=dict)
