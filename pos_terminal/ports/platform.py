"""The platform port (sync.client.HttpPlatformClient; tests/fakes.py) and what it raises, the
voucher verifier, and the PIN hasher. Platform answers are the JSON objects of the platform's
OpenAPI contract (sync/openapi.json): `JsonObject`, read by the services field by field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    from pos_terminal.vouchers import VoucherCheck

# A JSON object as the platform sends it: values of any JSON type, checked where they are read.
JsonObject = dict[str, Any]


@dataclass(frozen=True)
class PlatformStatus:
    online: bool
    detail: str = ""
    checked_at: datetime | None = None


class PlatformError(Exception):
    """A platform call that did not give the answer asked for. `message` names the cause and
    what to do, in English; `code` is stable for the screens."""

    code = "platform_error"

    def __init__(self, message: str, *, status: int | None = None, body: dict[str, Any] | None = None) -> None:
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

    def __init__(self, code: str, message: str, *, status: int | None = None, body: dict[str, Any] | None = None) -> None:
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

    def post_settlement(self, payload: JsonObject, idempotency_key: str) -> JsonObject: ...

    def post_settlements(self, items: list[tuple[JsonObject, str]]) -> list[JsonObject]:
        """POST /settlements/batch: (payload, idempotency_key) pairs in one request; one answer per
        item, in order: {idempotency_key, result (accepted, duplicate, conflict, refused), status,
        reason, answer}. A platform without it: PlatformRefused with status 404 or 405."""
        ...

    def post_settlement_batch(self, body: JsonObject, idempotency_key: str) -> JsonObject:
        """The day's settlements; the platform answers with its totals and every difference."""
        ...

    def voucher_keys(self) -> JsonObject: ...

    def get_order(self, order_no: str) -> JsonObject: ...

    def order_by_voucher(self, voucher_id: str) -> JsonObject: ...

    def order_by_url(self, url: str) -> JsonObject: ...

    def claim_order(self, order_no: str, ttl_s: int = 120) -> JsonObject: ...

    def release_claim(self, order_no: str) -> JsonObject: ...

    # prepaid cards: every debit or credit carries an Idempotency-Key, so a retry never moves money twice;
    # the balance and a debit need the holder's PIN (refused: wrong_pin with attempts_left, pin_locked)
    def get_card(self, card_no: str, pin: str) -> JsonObject: ...

    def debit_card(self, card_no: str, amount_minor: int, currency: str, reference: str, idempotency_key: str,
                   pin: str) -> JsonObject: ...

    def credit_card(self, card_no: str, amount_minor: int, currency: str, reference: str, idempotency_key: str) -> JsonObject: ...

    # what the terminal resolves its prepaid journal with after a crash (it keeps no card number),
    # and what the day's reconciliation compares
    def card_movement(self, idempotency_key: str) -> JsonObject: ...

    def reverse_card_movement(self, transaction_id: str, reference: str, idempotency_key: str) -> JsonObject: ...

    def card_movements(self, business_date: str, timezone: str) -> JsonObject: ...

    # refunds: photo uploads and requests carry an Idempotency-Key
    def get_item(self, item_code: str) -> JsonObject: ...

    def upload_refund_photo(self, data: bytes, content_type: str, idempotency_key: str,
                            filename: str = "defect.jpg") -> JsonObject: ...

    def request_refund(self, item_codes: list[str], reason: str, idempotency_key: str,
                       photo_ids: list[str] | None = None) -> JsonObject: ...

    def get_refund(self, request_id: str) -> JsonObject: ...

    def list_refunds(self, status: str | None = None) -> list[JsonObject]: ...

    def hand_in_refund(self, request_id: str, idempotency_key: str) -> JsonObject:
        """POST /refund-requests/{id}/hand-in: a return filed on the buyer's phone taken in here."""
        ...

    # double payments: the platform's refund cases of this store, and a pay-back at its counter
    def list_refund_cases(self, business_date: str | None = None, status: str | None = None,
                          timezone: str | None = None) -> list[JsonObject]:
        """GET /refund-cases: this store's cases (newest first); `business_date` (with the store's
        `timezone`): those whose second payment was taken that day; `status`: open | refunded."""
        ...

    def get_refund_case(self, case_id: str) -> JsonObject: ...

    def report_paid_back(self, case_id: str, body: JsonObject, idempotency_key: str) -> JsonObject:
        """POST /refund-cases/{id}/paid-back {amount_minor, route, receipt_no, paid_back_at}: this
        counter paid the case back. Refused: refunded_by_platform, paid_back_at_counter (409),
        amount_mismatch (422), unknown_refund_case (404)."""
        ...

    # issue 16: what moved money at the counter besides a sale, the day statement, remittances
    def post_counter_movement(self, payload: JsonObject, idempotency_key: str) -> JsonObject:
        """POST /counter-movements (services.counter_money.movement_payload): a refund leg, a void or a
        double payment paid back. Refused: unknown_order, unknown_refund_case (404), movement_conflict,
        currency_mismatch (409), credential_mismatch (403)."""
        ...

    def platform_statement(self, store_id: str, business_date: str, timezone: str | None = None) -> JsonObject:
        """GET /stores/{store_id}/statements/{business_date}: the platform's own day statement
        (domain.model.statements Statement.to_json(); Statement.from_json checks its digest)."""
        ...

    def post_statement_accepted(self, payload: JsonObject, idempotency_key: str) -> JsonObject:
        """POST /statements/accepted: this store accepted statement `number` with `digest`.
        Refused: statement_changed (409), statement_altered (422)."""
        ...

    def post_remittance(self, payload: JsonObject, idempotency_key: str) -> JsonObject:
        """POST /remittances: the store paid statement `number`. Refused: remittance_mismatch (409)."""
        ...

    def remittances(self, store_id: str) -> JsonObject:
        """GET /stores/{store_id}/remittances: {remittances: [...], statements: [{number, state}]}."""
        ...


class VoucherVerifier(Protocol):
    """Verifies a voucher against the cached platform keys (sync.keys.KeyStore). May refresh the
    keys from the platform once on an unknown key when `online` (blocking: a worker's job)."""

    def verify(self, text: str, *, online: bool = True) -> VoucherCheck: ...


@runtime_checkable
class PinHasher(Protocol):
    def hash(self, pin: str) -> str: ...

    def verify(self, pin: str, encoded: str) -> bool: ...

    def check_policy(self, pin: str) -> None:
        """Raises (a DomainError naming the rule) when `pin` is too weak to be set."""
        ...


@runtime_checkable
class Closeable(Protocol):
    """An adapter holding a connection pool or a socket to let go of at shutdown."""

    def close(self) -> None: ...
