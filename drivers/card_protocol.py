"""The card terminal protocol: what the POS and a card terminal (the simulator, or a bridge to a
real terminal) say to each other over TCP.

Framing: newline-delimited JSON, UTF-8, one object a line, at most MAX_LINE bytes a line. A
request carries "type"; every reply carries "reply" (the request's type, or "ERROR"). Several
requests may share one connection; each gets exactly one reply, in order, except where a fault
mode of the simulator withholds it (that is the point of those modes).

Requests and their replies:

    PING {}                       -> {"reply": "PING", "model", "terminal_id", "mode"}
    SALE {request_id, amount_minor, currency, reference}
                                  -> {"reply": "SALE", "transaction": TX, "replayed": bool}
    REFUND {request_id, amount_minor, currency, original_reference}
                                  -> {"reply": "REFUND", "transaction": TX, "replayed": bool}
    LAST {request_id?}            -> {"reply": "LAST", "transaction": TX | null}
    DAY_REPORT {date, timezone?, currency}
                                  -> {"reply": "DAY_REPORT", "report": REPORT}
    CANCEL {request_id}           -> {"reply": "CANCEL", "state": "cancelled" | "completed" |
                                      "not_found", "transaction": TX | null}
    CONTROL {mode, slow_s?}       -> {"reply": "CONTROL", "mode", "slow_s"}   (simulator only)
    any                           -> {"reply": "ERROR", "code", "message"}

TX (a transaction as the terminal recorded it):
    {request_id, kind: "sale" | "refund", result: "approved" | "declined", amount_minor,
     currency, reference, approval_code | null, card_last4 | null, message, at (ISO 8601 UTC)}
REPORT: {date, timezone, currency, sales_count, sales_minor, refunds_count, refunds_minor,
     declined_count} -- approved transactions only in the sums; the card terminal's own figures.

Contract of the terminal side:
- `request_id` is chosen by the POS (1-64 of A-Z a-z 0-9 . _ -) and makes SALE and REFUND
  idempotent: the same request_id again returns the stored transaction ("replayed": true) and
  never charges twice; the same request_id with a different body is refused (ERROR
  request_id_reused). A request still in progress is answered when it completes.
- LAST without request_id is the last transaction; with request_id it is that transaction if the
  terminal knows it (a terminal that only knows "the last one" may ignore the field: the POS
  checks the request_id of what comes back).
- CANCEL stops a request that is still waiting for the card (it then ends declined, "cancelled"),
  reports a completed one as it is, and remembers an unknown request_id so that the request, if
  it arrives late, is refused instead of charged.
- Amounts are integers in the currency's minor unit; `reference` is the POS's (the sale id) and
  is stored with the transaction.
- No card number, track data or PIN ever crosses this protocol: `card_last4` is exactly four
  digits, and the POS refuses a transaction that carries anything else there.

Errors (ERROR code): bad_request, unknown_type, request_id_reused, unknown_mode, too_long.
"""

from __future__ import annotations

import json
import re
import socket
import time
from dataclasses import asdict, dataclass
from datetime import date

MAX_LINE = 64 * 1024
ENCODING = "utf-8"

REQUEST_TYPES = ("PING", "SALE", "REFUND", "LAST", "DAY_REPORT", "CANCEL", "CONTROL")
# Fault modes of the simulator (CONTROL{mode}):
#   approve  -- approves at once
#   decline  -- declines at once
#   timeout  -- approves and records, but never answers (the link hung after the charge)
#   disconnect-after-approve -- approves and records, then closes the connection unanswered
#   slow     -- waits slow_s seconds (the buyer is slow with the card), then approves
#   drop     -- never answers and never charges (the request was lost)
MODES = ("approve", "decline", "timeout", "disconnect-after-approve", "slow", "drop")

_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_LAST4 = re.compile(r"^[0-9]{4}$")
_APPROVAL = re.compile(r"^[A-Za-z0-9]{1,12}$")


class ProtocolError(Exception):
    """A message that breaks the protocol; `code` is the ERROR code a terminal answers with."""

    def __init__(self, message: str, code: str = "bad_request") -> None:
        super().__init__(message)
        self.message = message
        self.code = code


class ConnectionClosed(ConnectionError):
    """The other side closed the connection before a whole line arrived."""


# ----------------------------------------------------------------------------- framing


def encode(message: dict) -> bytes:
    data = (json.dumps(message, ensure_ascii=False, separators=(",", ":")) + "\n").encode(ENCODING)
    if len(data) > MAX_LINE:
        raise ProtocolError(f"message of {len(data)} bytes exceeds the {MAX_LINE}-byte line limit", "too_long")
    return data


def decode(line: bytes | str) -> dict:
    if isinstance(line, bytes):
        try:
            line = line.decode(ENCODING)
        except UnicodeDecodeError:
            raise ProtocolError("line is not UTF-8") from None
    try:
        message = json.loads(line)
    except json.JSONDecodeError as exc:
        raise ProtocolError(f"line is not JSON: {exc.msg} at column {exc.colno}") from None
    if not isinstance(message, dict):
        raise ProtocolError("a message must be a JSON object")
    return message


class LineReader:
    """Reads whole lines from a socket, each within a deadline (time.monotonic based)."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._buf = bytearray()

    def read_line(self, timeout_s: float | None) -> bytes:
        """The next line without its newline. Raises TimeoutError when `timeout_s` passes first,
        ConnectionClosed on end of stream, ProtocolError("too_long") past MAX_LINE."""
        deadline = None if timeout_s is None else time.monotonic() + timeout_s
        while True:
            end = self._buf.find(b"\n")
            if end >= 0:
                line = bytes(self._buf[:end])
                del self._buf[: end + 1]
                return line.rstrip(b"\r")
            if len(self._buf) > MAX_LINE:
                raise ProtocolError(f"line longer than {MAX_LINE} bytes", "too_long")
            if deadline is not None:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError("no complete answer in time")
                self.sock.settimeout(remaining)
            else:
                self.sock.settimeout(None)
            try:
                chunk = self.sock.recv(4096)
            except socket.timeout:
                raise TimeoutError("no complete answer in time") from None
            if not chunk:
                raise ConnectionClosed("the connection was closed by the other side")
            self._buf += chunk

    def read_message(self, timeout_s: float | None) -> dict:
        return decode(self.read_line(timeout_s))


# ----------------------------------------------------------------------------- requests


def ping() -> dict:
    return {"type": "PING"}


def sale(request_id: str, amount_minor: int, currency: str, reference: str) -> dict:
    return {"type": "SALE", "request_id": request_id, "amount_minor": amount_minor, "currency": currency,
            "reference": reference}


def refund(request_id: str, amount_minor: int, currency: str, original_reference: str) -> dict:
    return {"type": "REFUND", "request_id": request_id, "amount_minor": amount_minor, "currency": currency,
            "original_reference": original_reference}


def last(request_id: str | None = None) -> dict:
    return {"type": "LAST"} if request_id is None else {"type": "LAST", "request_id": request_id}


def day_report(day: date, currency: str, timezone: str = "UTC") -> dict:
    return {"type": "DAY_REPORT", "date": day.isoformat(), "timezone": timezone, "currency": currency}


def cancel(request_id: str) -> dict:
    return {"type": "CANCEL", "request_id": request_id}


def control(mode: str, slow_s: float | None = None) -> dict:
    message: dict = {"type": "CONTROL", "mode": mode}
    if slow_s is not None:
        message["slow_s"] = slow_s
    return message


def error(code: str, message: str) -> dict:
    return {"reply": "ERROR", "code": code, "message": message}


def validate_request(message: dict) -> dict:
    """Checks a request's type and fields; returns it unchanged or raises ProtocolError whose
    message names the field, the bad value's problem and what is allowed."""
    kind = message.get("type")
    if kind not in REQUEST_TYPES:
        raise ProtocolError(f"unknown message type {kind!r}; known: {', '.join(REQUEST_TYPES)}", "unknown_type")
    if kind in ("SALE", "REFUND", "CANCEL") or (kind == "LAST" and "request_id" in message):
        _check_request_id(message.get("request_id"))
    if kind in ("SALE", "REFUND"):
        amount = message.get("amount_minor")
        if not isinstance(amount, int) or isinstance(amount, bool) or amount <= 0:
            raise ProtocolError(f"amount_minor must be a positive integer of minor units, got {amount!r}")
        _check_currency(message.get("currency"))
        ref_key = "reference" if kind == "SALE" else "original_reference"
        ref = message.get(ref_key)
        if not isinstance(ref, str) or not 1 <= len(ref) <= 64:
            raise ProtocolError(f"{ref_key} must be text of 1 to 64 characters")
    if kind == "DAY_REPORT":
        try:
            date.fromisoformat(str(message.get("date")))
        except ValueError:
            raise ProtocolError(f"date must be YYYY-MM-DD, got {message.get('date')!r}") from None
        _check_currency(message.get("currency"))
        tz = message.get("timezone", "UTC")
        if not isinstance(tz, str) or not tz:
            raise ProtocolError("timezone must be an IANA time zone name such as 'Asia/Shanghai'")
    if kind == "CONTROL":
        if message.get("mode") not in MODES:
            raise ProtocolError(f"mode must be one of {', '.join(MODES)}, got {message.get('mode')!r}", "unknown_mode")
        slow = message.get("slow_s")
        if slow is not None and (not isinstance(slow, int | float) or isinstance(slow, bool) or not 0 <= slow <= 600):
            raise ProtocolError(f"slow_s must be a number of seconds from 0 to 600, got {slow!r}")
    return message


def _check_request_id(value) -> None:
    if not isinstance(value, str) or not _REQUEST_ID.match(value):
        raise ProtocolError("request_id must be 1 to 64 of A-Z a-z 0-9 . _ -")


def _check_currency(value) -> None:
    if not isinstance(value, str) or not _CURRENCY.match(value):
        raise ProtocolError(f"currency must be an ISO 4217 code such as CNY, got {value!r}")


# ----------------------------------------------------------------------------- payloads


@dataclass(frozen=True)
class Transaction:
    request_id: str
    kind: str  # "sale" | "refund"
    result: str  # "approved" | "declined"
    amount_minor: int
    currency: str
    reference: str
    approval_code: str | None
    card_last4: str | None
    message: str
    at: str  # ISO 8601, UTC

    @property
    def approved(self) -> bool:
        return self.result == "approved"

    def to_wire(self) -> dict:
        return asdict(self)

    @classmethod
    def from_wire(cls, data) -> Transaction:
        """Validates a transaction from the other side. `card_last4` must be exactly four digits
        (or null): anything longer could be a card number and is refused without being shown."""
        if not isinstance(data, dict):
            raise ProtocolError("transaction must be an object")
        try:
            tx = cls(**{name: data[name] for name in cls.__dataclass_fields__})
        except KeyError as exc:
            raise ProtocolError(f"transaction lacks the field {exc.args[0]!r}") from None
        _check_request_id(tx.request_id)
        if tx.kind not in ("sale", "refund"):
            raise ProtocolError(f"transaction kind must be sale or refund, got {tx.kind!r}")
        if tx.result not in ("approved", "declined"):
            raise ProtocolError(f"transaction result must be approved or declined, got {tx.result!r}")
        if not isinstance(tx.amount_minor, int) or isinstance(tx.amount_minor, bool):
            raise ProtocolError("transaction amount_minor must be an integer")
        if tx.card_last4 is not None and not (isinstance(tx.card_last4, str) and _LAST4.match(tx.card_last4)):
            raise ProtocolError("transaction card_last4 must be exactly four digits (the value is not shown)")
        if tx.approval_code is not None and not (isinstance(tx.approval_code, str) and _APPROVAL.match(tx.approval_code)):
            raise ProtocolError("transaction approval_code must be 1 to 12 letters or digits")
        if tx.approved and not (tx.approval_code and tx.card_last4):
            raise ProtocolError("an approved transaction must carry an approval code and the last four digits")
        return tx


@dataclass(frozen=True)
class DayReport:
    date: str  # YYYY-MM-DD in `timezone`
    timezone: str
    currency: str
    sales_count: int
    sales_minor: int
    refunds_count: int
    refunds_minor: int
    declined_count: int

    @property
    def net_minor(self) -> int:
        return self.sales_minor - self.refunds_minor

    def to_wire(self) -> dict:
        return asdict(self)

    @classmethod
    def from_wire(cls, data) -> DayReport:
        if not isinstance(data, dict):
            raise ProtocolError("report must be an object")
        try:
            report = cls(**{name: data[name] for name in cls.__dataclass_fields__})
        except KeyError as exc:
            raise ProtocolError(f"report lacks the field {exc.args[0]!r}") from None
        for name in ("sales_count", "sales_minor", "refunds_count", "refunds_minor", "declined_count"):
            value = getattr(report, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ProtocolError(f"report {name} must be a non-negative integer, got {value!r}")
        return report


def request(host: str, port: int, message: dict, *, timeout_s: float = 5.0) -> dict:
    """One request on its own connection; returns the reply. Raises OSError (cannot connect,
    closed), TimeoutError (no answer in time) or ProtocolError (an answer that is not one). For
    tools and tests; the POS adapter (drivers.card_terminal) has its own recovery rules."""
    with socket.create_connection((host, port), timeout=timeout_s) as sock:
        sock.sendall(encode(message))
        reply = LineReader(sock).read_message(timeout_s)
    if "reply" not in reply:
        raise ProtocolError("an answer must carry 'reply'")
    return reply
