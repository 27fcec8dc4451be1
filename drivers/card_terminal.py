"""Bank-card terminal adapters of the CardTerminal port.

- TcpCardTerminal: a card terminal (or the simulator, drivers.card_simulator) speaking
  drivers.card_protocol over TCP, one connection per request.
- ManualCardTerminal: a standalone card terminal; the cashier charges on it and keys the
  approval code and the card's last four digits into the POS through a handler that ui/
  implements (ManualApprovalHandler).

Neither keeps, logs or shows more of a card than its last four digits.

Threading rule: every call except status() may block (network, or a cashier at a dialog): call
them on a worker, never on the GUI thread. One transaction at a time per adapter (a lock
serialises them). Status listeners are called on the calling worker's thread.
"""

from __future__ import annotations

import logging
import socket
import threading
import time
from collections.abc import Callable
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

from config.schema import CardTerminalSettings
from drivers import card_protocol as proto
from drivers.card_common import (
    CardRequest,
    CardTransaction,
    check_amount,
    log_fields,
    money_text,
    reason_of,
    result_fields,
)
from drivers.card_protocol import DayReport, ProtocolError, Transaction
from drivers.manual_card_terminal import (  # re-exported: this module names both adapters
    InvalidManualApproval,
    ManualApproval,
    ManualApprovalHandler,
    ManualCardTerminal,
    parse_manual_approval,
)
from drivers.status_listeners import notify
from pos_terminal.domain.errors import CardOutcomeUnknown, CardTerminalUnavailable
from pos_terminal.ids import uuid7
from pos_terminal.ports import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

__all__ = [
    "CardOutcomeUnknown", "CardTerminalUnavailable", "CardTransaction", "DayReport", "InvalidManualApproval",
    "ManualApproval", "ManualApprovalHandler", "ManualCardTerminal", "TcpCardTerminal", "parse_manual_approval",
]


class _NotSent(Exception):
    """Nothing reached the terminal (no connection): certainly not charged."""


class _NoAnswer(Exception):
    """The request may have reached the terminal, but no whole answer came back."""


# ----------------------------------------------------------------------------- TCP adapter


class TcpCardTerminal:
    kind = "card_terminal"

    def __init__(self, settings: CardTerminalSettings, *, timeout_s: float = 60.0, query_timeout_s: float = 5.0,
                 connect_timeout_s: float = 3.0, recovery_attempts: int = 3, recovery_wait_s: float = 1.0,
                 store_timezone: str = "UTC", clock=None) -> None:
        self.host = settings.host
        self.port = settings.port
        self.name = f"tcp://{settings.host}:{settings.port}"
        self.timeout_s = timeout_s  # how long a SALE or REFUND may wait for the buyer and the bank
        self.query_timeout_s = query_timeout_s
        self.connect_timeout_s = connect_timeout_s
        self.recovery_attempts = max(1, recovery_attempts)
        self.recovery_wait_s = recovery_wait_s
        self.timezone = store_timezone
        self._clock = clock
        self._lock = threading.RLock()
        self._status_lock = threading.Lock()
        self._status = DeviceStatus(self.kind, DeviceState.CLOSED, self.name)
        self._listeners: list[Callable[[DeviceStatus], None]] = []
        self._unresolved: dict[str, CardRequest] = {}
        self._recovered: dict[str, CardTransaction] = {}

    # -- device

    def open(self) -> DeviceStatus:
        if not self.port:
            return self._set_status(DeviceState.ERROR, "no card terminal port is configured: set [card_terminal] "
                                                        "port, or run `pos-terminal demo`, which starts a simulator")
        self._set_status(DeviceState.OPENING, "connecting")
        try:
            reply = self._exchange(proto.ping(), self.query_timeout_s)
        except _NotSent as exc:
            return self._set_status(DeviceState.ERROR, f"cannot reach the card terminal at {self.host}:{self.port} "
                                    f"({exc}); check that it is switched on and connected (demo: is the card "
                                    "simulator running?)")
        except _NoAnswer as exc:
            return self._set_status(DeviceState.ERROR, f"the card terminal at {self.host}:{self.port} does not "
                                    f"answer ({exc}); restart it, or check host and port in [card_terminal]")
        except ProtocolError as exc:
            return self._set_status(DeviceState.ERROR, f"{self.host}:{self.port} is not a card terminal speaking "
                                    f"the card protocol ({exc.message}); check host and port in [card_terminal]")
        detail = f"{reply.get('model', 'card terminal')} {reply.get('terminal_id', '')} ready".replace("  ", " ")
        if self._unresolved:
            return self._set_status(DeviceState.WARNING, self._unresolved_detail())
        return self._set_status(DeviceState.READY, detail)

    def close(self) -> None:
        self._set_status(DeviceState.CLOSED, "")

    def status(self) -> DeviceStatus:
        with self._status_lock:
            return self._status

    def add_status_listener(self, listener: Callable[[DeviceStatus], None]) -> None:
        self._listeners.append(listener)

    def _set_status(self, state: DeviceState, detail: str) -> DeviceStatus:
        status = DeviceStatus(self.kind, state, self.name, detail)
        with self._status_lock:
            changed, self._status = status != self._status, status
        if changed:
            notify(self._listeners, status)
        return status

    # -- money

    def charge(self, amount_minor: int, currency: str, reference: str, *, request_id: str | None = None) -> CardTransaction:
        """Charges the card. Returns approved (with approval code and last four digits),
        declined, or not charged (outcome "not_charged": safe to charge again, which makes a new
        request_id). Never guesses: when the terminal stops answering during the charge, the
        adapter reconnects, cancels the request if it is still waiting for the card, and asks
        LAST for this request_id: approved there -> approved, declined there -> declined, no
        record -> not charged. When the terminal cannot be asked, raises CardOutcomeUnknown and
        keeps the request_id for resolve(). Retries of one charge reuse its request_id, which
        the terminal holds idempotent. A charge made while an earlier one is unresolved first
        resolves that one: if it was this same charge and it was approved, that approval is
        returned instead of charging again; if it cannot be resolved, CardOutcomeUnknown."""
        check_amount(amount_minor, currency)
        with self._lock:
            earlier = self._settle_unresolved(kind="sale", amount_minor=amount_minor, currency=currency,
                                              reference=reference)
            if earlier is not None:
                return earlier
            req = CardRequest("sale", request_id or uuid7().hex, amount_minor, currency, reference, self._now())
            return self._transact(req)

    def refund(self, amount_minor: int, currency: str, original_reference: str, *,
               request_id: str | None = None) -> CardTransaction:
        """Refunds to the card of the sale `original_reference`; the same rules as charge()."""
        check_amount(amount_minor, currency)
        with self._lock:
            earlier = self._settle_unresolved(kind="refund", amount_minor=amount_minor, currency=currency,
                                              reference=original_reference)
            if earlier is not None:
                return earlier
            req = CardRequest("refund", request_id or uuid7().hex, amount_minor, currency, original_reference,
                           self._now())
            return self._transact(req)

    def resolve(self, request_id: str, **_recorded) -> CardTransaction:
        """Asks the terminal what became of a request whose outcome was unknown (also one this
        adapter has not seen, e.g. kept by the POS across a restart). Raises CardOutcomeUnknown
        while the terminal still cannot be asked."""
        with self._lock:
            req = self._unresolved.get(request_id) or CardRequest("sale", request_id, None, None, None, self._now())
            result = self._recover(req, "asked again")
            self._recovered.pop(request_id, None)
            return result

    def unresolved(self) -> list[str]:
        """The request_ids whose outcome is still unknown, oldest first."""
        with self._lock:
            return [r.request_id for r in sorted(self._unresolved.values(), key=lambda r: r.since)]

    def take_recovered(self) -> list[CardTransaction]:
        """Earlier unknown requests that charge() or refund() resolved on the way to a different
        payment; an approved one among them is money taken that its sale must record."""
        with self._lock:
            results, self._recovered = list(self._recovered.values()), {}
            return results

    def last_transaction(self) -> CardTransaction | None:
        reply = self._query(proto.last(), "LAST", "its last transaction")
        raw = reply.get("transaction")
        return None if raw is None else self._result(self._parse_tx(raw, "its last transaction"))

    def day_report(self, day: date | None = None, currency: str = "CNY") -> DayReport:
        """The card terminal's own totals for `day` (the business day in `timezone`; default
        today there), for reconciliation beside the POS's card sales."""
        day = day or self._now().astimezone(ZoneInfo(self.timezone)).date()
        reply = self._query(proto.day_report(day, currency, self.timezone), "DAY_REPORT", "its day report")
        try:
            return DayReport.from_wire(reply.get("report"))
        except ProtocolError as exc:
            raise CardTerminalUnavailable(f"the card terminal's day report cannot be read ({exc.message})") from None

    # -- the transaction and its recovery

    def _transact(self, req: CardRequest) -> CardTransaction:
        if req.kind == "sale":
            message = proto.sale(req.request_id, req.amount_minor, req.currency, req.reference)
        else:
            message = proto.refund(req.request_id, req.amount_minor, req.currency, req.reference)
        self._set_status(DeviceState.BUSY, f"waiting for the card: {req.describe()}")
        log.info("card request sent", extra=log_fields(req))
        try:
            reply = self._exchange(message, self.timeout_s, connect_attempts=2)
        except _NotSent as exc:
            self._set_status(DeviceState.ERROR, f"cannot reach the card terminal at {self.host}:{self.port} ({exc})")
            log.warning("card terminal not reachable; nothing sent", extra={**log_fields(req), "cause": str(exc)})
            return self._not_charged(req, f"The card terminal at {self.host}:{self.port} cannot be reached ({exc}): "
                                          "not charged. Check that it is switched on and connected, then try again.")
        except (_NoAnswer, ProtocolError) as exc:
            cause = exc.message if isinstance(exc, ProtocolError) else str(exc)
            log.warning("no answer from the card terminal; asking it what happened",
                        extra={**log_fields(req), "cause": cause})
            return self._recover(req, cause)
        if reply.get("reply") == "ERROR":
            self._set_status(DeviceState.READY, "ready")
            log.error("card terminal refused the request",
                      extra={**log_fields(req), "code": reply.get("code"), "error": reply.get("message")})
            return self._not_charged(req, f"The card terminal refused the request ({reply.get('message', '')}): "
                                          "not charged.")
        try:
            if reply.get("reply") != message["type"]:
                raise ProtocolError(f"answer {reply.get('reply')!r} to {message['type']}")
            tx = self._parse_tx(reply.get("transaction"), "the answer")
            self._check_matches(req, tx)
        except ProtocolError as exc:
            log.warning("unusable answer from the card terminal; asking it what happened",
                        extra={**log_fields(req), "cause": exc.message})
            return self._recover(req, exc.message)
        self._set_status(DeviceState.READY, "ready")
        result = self._result(tx)
        log.info("card request answered", extra={**log_fields(req), **result_fields(result)})
        return result

    def _recover(self, req: CardRequest, cause: str) -> CardTransaction:
        error = ""
        for attempt in range(self.recovery_attempts):
            if attempt:
                time.sleep(self.recovery_wait_s)
            try:
                try:  # a request still waiting for the card must not complete after we ask
                    self._exchange(proto.cancel(req.request_id), self.query_timeout_s)
                except ProtocolError:
                    pass  # a terminal without CANCEL: LAST still tells
                reply = self._exchange(proto.last(req.request_id), self.query_timeout_s)
                if reply.get("reply") != "LAST":
                    raise ProtocolError(f"answer {reply.get('reply')!r} to LAST: {reply.get('message', '')}")
                raw = reply.get("transaction")
                tx = None if raw is None else self._parse_tx(raw, "its last transaction")
                break
            except (_NotSent, _NoAnswer, ProtocolError) as exc:
                error = exc.message if isinstance(exc, ProtocolError) else str(exc)
        else:
            return self._unknown(req, cause, error)
        if tx is None or tx.request_id != req.request_id:
            self._forget(req)
            log.info("card terminal has no record of the request: not charged", extra=log_fields(req))
            return self._not_charged(req, f"Not charged: the card terminal has no record of this payment "
                                          f"({req.describe()}) after it stopped answering ({cause}). "
                                          "It is safe to try again.")
        try:
            self._check_matches(req, tx)
        except ProtocolError as exc:
            return self._unknown(req, cause, exc.message)
        self._forget(req)
        result = self._result(tx)
        log.info("card request outcome found by asking the terminal", extra={**log_fields(req), **result_fields(result)})
        return result

    def _unknown(self, req: CardRequest, cause: str, error: str) -> CardTransaction:
        self._unresolved[req.request_id] = req
        self._set_status(DeviceState.ERROR, self._unresolved_detail())
        log.error("card request outcome unknown", extra={**log_fields(req), "cause": cause, "error": error})
        raise CardOutcomeUnknown(
            f"The outcome of the {req.describe()} is unknown: the card terminal at {self.host}:{self.port} stopped "
            f"answering ({cause}) and cannot be asked now ({error}). Look at the card terminal's screen or its "
            "last slip, and do NOT charge the card again until the outcome is known; choose 'check again' once the "
            "card terminal is back.",
            request_id=req.request_id, amount_minor=req.amount_minor, currency=req.currency, reference=req.reference,
        )

    def _forget(self, req: CardRequest) -> None:
        self._unresolved.pop(req.request_id, None)
        if self._unresolved:
            self._set_status(DeviceState.WARNING, self._unresolved_detail())
        else:
            self._set_status(DeviceState.READY, "ready")

    def _unresolved_detail(self) -> str:
        first = min(self._unresolved.values(), key=lambda r: r.since)
        return (f"{len(self._unresolved)} card payment(s) with unknown outcome, first: {first.describe()}; "
                "check the card terminal's screen and do not charge again until it is known")

    def _settle_unresolved(self, *, kind: str, amount_minor: int, currency: str, reference: str) -> CardTransaction | None:
        for req in sorted(self._unresolved.values(), key=lambda r: r.since):
            result = self._recover(req, "an earlier request's outcome was unknown")  # raises while unknown
            same = (req.kind, req.amount_minor, req.currency, req.reference) == (kind, amount_minor, currency, reference)
            if same and result.approved:
                log.info("an earlier identical request was approved; not charging again", extra=log_fields(req))
                return result
            if result.approved:
                log.warning("an earlier card request turned out approved; its sale must record it",
                            extra={**log_fields(req), **result_fields(result)})
            self._recovered[req.request_id] = result
        return None

    # -- plumbing

    def _exchange(self, message: dict, timeout_s: float, *, connect_attempts: int = 1) -> dict:
        """One request on a fresh connection. _NotSent: could not connect (nothing sent);
        _NoAnswer: sent (or maybe sent) but no whole answer; ProtocolError: not an answer."""
        if not self.port:
            raise _NotSent("no port configured")
        sock = None
        for attempt in range(connect_attempts):
            try:
                sock = socket.create_connection((self.host, self.port), timeout=self.connect_timeout_s)
                break
            except OSError as exc:
                reason = reason_of(exc)
                if attempt + 1 < connect_attempts:
                    time.sleep(0.2)
        if sock is None:
            raise _NotSent(reason)
        with sock:
            try:
                sock.sendall(proto.encode(message))
                reply = proto.LineReader(sock).read_message(timeout_s)
            except TimeoutError:
                raise _NoAnswer(f"no answer within {timeout_s:g} s") from None
            except proto.ConnectionClosed:
                raise _NoAnswer("the connection closed before the answer") from None
            except OSError as exc:
                raise _NoAnswer(reason_of(exc)) from None
        if "reply" not in reply:
            raise ProtocolError("an answer without 'reply'")
        return reply

    def _query(self, message: dict, reply_type: str, what: str) -> dict:
        with self._lock:
            try:
                reply = self._exchange(message, self.query_timeout_s)
            except (_NotSent, _NoAnswer) as exc:
                raise CardTerminalUnavailable(f"the card terminal at {self.host}:{self.port} cannot tell {what} "
                                              f"now ({exc}); check that it is on and connected, then try again") from None
            except ProtocolError as exc:
                raise CardTerminalUnavailable(f"the card terminal's answer about {what} cannot be read "
                                              f"({exc.message})") from None
        if reply.get("reply") != reply_type:
            raise CardTerminalUnavailable(f"the card terminal refused to tell {what}: {reply.get('message', reply)}")
        return reply

    @staticmethod
    def _parse_tx(raw, where: str) -> Transaction:
        try:
            return Transaction.from_wire(raw)
        except ProtocolError as exc:
            raise ProtocolError(f"{where} carries an unusable transaction: {exc.message}") from None

    @staticmethod
    def _check_matches(req: CardRequest, tx: Transaction) -> None:
        if tx.request_id != req.request_id:
            raise ProtocolError(f"the answer is about request {tx.request_id}, not {req.request_id}")
        if req.amount_minor is not None and (tx.kind, tx.amount_minor, tx.currency) != (req.kind, req.amount_minor, req.currency):
            raise ProtocolError(f"the card terminal's record of request {req.request_id} is a {tx.kind} of "
                                f"{money_text(tx.amount_minor, tx.currency)}, not the {req.describe()}")

    @staticmethod
    def _result(tx: Transaction) -> CardTransaction:
        if tx.approved:
            message = "approved"
        else:
            message = f"Declined by the card terminal: {tx.message}. The card was not charged."
        return CardTransaction(tx.approved, tx.approval_code if tx.approved else None, tx.reference, tx.card_last4,
                               message, request_id=tx.request_id, kind=tx.kind,
                               outcome="approved" if tx.approved else "declined", amount_minor=tx.amount_minor,
                               currency=tx.currency, at=tx.at)

    @staticmethod
    def _not_charged(req: CardRequest, message: str) -> CardTransaction:
        return CardTransaction(False, None, req.reference, None, message, request_id=req.request_id, kind=req.kind,
                               outcome="not_charged", amount_minor=req.amount_minor, currency=req.currency)

    def _now(self) -> datetime:
        return self._clock.now() if self._clock is not None else datetime.now(timezone.utc)
