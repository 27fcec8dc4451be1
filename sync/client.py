"""The platform client: the PlatformClient port over HTTP (requests), per sync/contract/openapi.json.

Contract of every call:
- one `requests.Session` (keep-alive connections reused); a timeout on every request;
- retries with exponential backoff only where a repeat cannot do the thing twice: GETs, and
  POSTs that carry an Idempotency-Key (the platform answers a repeat with the first answer).
  A claim, a release and anything else is tried exactly once;
- failures are typed (pos_terminal.ports): PlatformUnavailable (refused, timeout, 5xx: retry
  later), AuthenticationFailed (401: the credential), PlatformRefused(code, message) (any other
  4xx JSON error);
- logs never carry the secret, a whole voucher or a card number (masked to its last 4);
- a kept-alive connection that the platform had already closed (RemoteDisconnected, reset) is
  sent again at once, once, on a new connection, for the calls above that may repeat: a stale
  pooled connection is not an outage;
- the counter never waits on a silent platform: every call made inside `counter_deadline()`
  (a scan as a whole: key refresh, lookup, claim), and a claim or its release anywhere, share
  one short deadline (`counter_budget_s`, 1 s: connect and answer together, no retries past
  it), and while the platform is known down (`breaker`, sync.breaker) they fail at once with
  PlatformUnavailable without touching the network. Every other call (the outbox worker's,
  the health probe's) keeps its patient retries and goes out even then; any answer closes the
  breaker, a call that fails for lack of the platform (refused, timeout, 5xx) opens it.

Threading: one client is shared by the outbox worker and the screens' workers. The Session holds
no per-request state here (no cookies, no auth object), and urllib3's pool is thread-safe.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import threading
import time
from collections.abc import Callable, Iterator
from datetime import datetime, timezone
from urllib.parse import quote

import requests
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool
from urllib3.exceptions import ProtocolError
from urllib3.util import Timeout

from pos_terminal.ports import (
    AuthenticationFailed,
    PlatformError,
    PlatformRefused,
    PlatformStatus,
    PlatformUnavailable,
)
from sync.breaker import CircuitBreaker

__all__ = [
    "AuthenticationFailed", "HttpPlatformClient", "PlatformError", "PlatformRefused", "PlatformUnavailable",
    "counter_deadline", "mask_card",
]

log = logging.getLogger(__name__)

API_PREFIX = "/api/v1"
UNREACHABLE_HINT = "settlements wait in the outbox and are sent when it answers again"
# A refusal that a retry with the same key may turn around (the platform's own advice).
_RETRIABLE_CODES = {"conflict"}
# How long a cashier's action may wait for the platform in all (a scan must resolve within 1.5 s).
COUNTER_BUDGET_S = 1.0
_COUNTER_DEADLINE: contextvars.ContextVar[float | None] = contextvars.ContextVar("counter_deadline", default=None)


@contextlib.contextmanager
def counter_deadline(budget_s: float = COUNTER_BUDGET_S) -> Iterator[None]:
    """Every HttpPlatformClient call made on this thread inside the block is a counter call
    sharing one deadline, `budget_s` from now (time.monotonic, the sockets' own time): one
    attempt each, no backoff, and an immediate PlatformUnavailable while the platform is known
    down. Nested blocks keep the earlier deadline. Wraps a scan (lookup, claim, key refresh)."""
    outer = _COUNTER_DEADLINE.get()
    deadline = time.monotonic() + budget_s
    token = _COUNTER_DEADLINE.set(deadline if outer is None else min(outer, deadline))
    try:
        yield
    finally:
        _COUNTER_DEADLINE.reset(token)


def mask_card(card_no: str) -> str:
    digits = str(card_no)
    return "*" * max(0, len(digits) - 4) + digits[-4:]


def _now() -> datetime:
    return datetime.now(timezone.utc)


class HttpPlatformClient:
    def __init__(
        self,
        base_url: str,
        store_id: str,
        terminal_id: str,
        secret: str,
        timeout_s: float = 5.0,
        *,
        retries: int = 2,
        backoff_s: float = 0.25,
        backoff_max_s: float = 4.0,
        status_ttl_s: float = 3.0,
        connect_timeout_s: float | None = None,
        sleep: Callable[[float], None] = time.sleep,
        session: requests.Session | None = None,
        counter_budget_s: float = COUNTER_BUDGET_S,
        breaker: CircuitBreaker | None = None,
    ) -> None:
        if not secret:
            raise ValueError("the platform client needs the terminal's secret")
        base = base_url.rstrip("/")
        if base.endswith(API_PREFIX):  # accept https://host/api/v1 as well as https://host
            base = base[: -len(API_PREFIX)]
        self.base_url = base
        self.store_id = store_id
        self.terminal_id = terminal_id
        self.timeout_s = timeout_s
        self.connect_timeout_s = connect_timeout_s if connect_timeout_s is not None else min(timeout_s, 3.0)
        self.retries = retries
        self.backoff_s = backoff_s
        self.backoff_max_s = backoff_max_s
        self.status_ttl_s = status_ttl_s
        self._sleep = sleep
        self._session = session or requests.Session()
        self._session.trust_env = False  # no proxy from the environment between a till and its platform
        adapter = _Adapter(pool_connections=2, pool_maxsize=8, max_retries=0)
        self._session.mount("http://", adapter)
        self._session.mount("https://", adapter)
        self._headers = {
            "Authorization": f"Bearer {secret}",
            "X-Store-Id": store_id,
            "X-Terminal-Id": terminal_id,
            "Accept": "application/json",
            "User-Agent": "pos-terminal",
        }
        self._status: PlatformStatus | None = None
        self._status_at = 0.0
        self._status_lock = threading.Lock()
        self.counter_budget_s = counter_budget_s
        self.breaker = breaker or CircuitBreaker()
        self.breaker.add_listener(self._breaker_changed)
        # urllib3 logs each request line at DEBUG, card numbers in the path included: never.
        pool_log = logging.getLogger("urllib3.connectionpool")
        if pool_log.level < logging.INFO:  # NOTSET too: a DEBUG root must not let it through
            pool_log.setLevel(logging.INFO)

    def __repr__(self) -> str:  # never the secret
        return f"HttpPlatformClient({self.base_url!r}, {self.store_id}/{self.terminal_id})"

    def close(self) -> None:
        self._session.close()

    # ------------------------------------------------------------------------ transport
    def _request(
        self,
        method: str,
        path: str,
        *,
        json_body: dict | None = None,
        params: dict | None = None,
        files: dict | None = None,
        idempotency_key: str | None = None,
        retry: bool | None = None,
        log_path: str | None = None,
        timeout_s: float | None = None,
        auth: bool = True,
        counter: bool = False,
    ) -> dict:
        """One call with the retry rule of the module doc. Returns the JSON body. `counter`: a
        call a cashier waits for (the counter's deadline and the breaker apply)."""
        # retry=True: the caller says a repeat cannot do the thing twice (a batch of keyed items)
        repeatable = method == "GET" or idempotency_key is not None or retry is True
        if retry is None:
            retry = repeatable
        headers = dict(self._headers) if auth else {"Accept": "application/json", "User-Agent": "pos-terminal"}
        if idempotency_key is not None:
            headers["Idempotency-Key"] = idempotency_key
        url = self.base_url + API_PREFIX + path
        shown = log_path or path
        deadline = _COUNTER_DEADLINE.get()
        if counter and deadline is None:
            deadline = time.monotonic() + self.counter_budget_s
        if deadline is not None:
            if not self.breaker.allow():
                raise PlatformUnavailable(self._known_down_message())
            attempts = 1
        else:
            attempts = 1 + (self.retries if retry else 0)
        timeout: tuple | Timeout = (self.connect_timeout_s, timeout_s or self.timeout_s)
        last: PlatformError | None = None
        stale_resent = False
        attempt = 0
        while attempt < attempts:
            if attempt:
                delay = min(self.backoff_max_s, self.backoff_s * 2 ** (attempt - 1))
                log.info("platform retry", extra={"method": method, "path": shown, "attempt": attempt + 1, "delay_s": delay})
                self._sleep(delay)
            if deadline is not None:
                left = deadline - time.monotonic()
                if left < 0.02:
                    last = PlatformUnavailable(self._no_answer_message(self.counter_budget_s, counter=True))
                    break
                timeout = Timeout(connect=left, read=left, total=left)
            _sent.reused = False
            try:
                response = self._session.request(method, url, json=json_body, params=params, files=files,
                                                 headers=headers, timeout=timeout)
            except requests.Timeout:
                waited = self.counter_budget_s if deadline is not None else timeout[1]
                last = PlatformUnavailable(self._no_answer_message(waited, counter=deadline is not None))
            except requests.ConnectionError as exc:
                if repeatable and not stale_resent and _sent.reused and _connection_aborted(exc):
                    # a kept-alive connection the platform had closed: not an outage; once more, new connection
                    stale_resent = True
                    log.info("platform closed a kept-alive connection; sent again on a new one",
                             extra={"method": method, "path": shown, "error": _short(exc)})
                    continue
                last = PlatformUnavailable(
                    f"platform unreachable: cannot connect to {self.base_url} ({_short(exc)}); {UNREACHABLE_HINT}")
            except requests.RequestException as exc:
                raise PlatformError(f"platform call {method} {shown} failed: {_short(exc)}") from None
            else:
                try:
                    body = self._answer(method, shown, response)
                except PlatformUnavailable as exc:
                    last = exc
                except PlatformRefused as exc:
                    self.breaker.succeeded()  # a refusal is an answer: the platform is there
                    if not (retry and exc.code in _RETRIABLE_CODES) or deadline is not None:
                        raise
                    last = exc
                except PlatformError:
                    self.breaker.succeeded()
                    raise
                else:
                    self.breaker.succeeded()
                    return body
            log.warning("platform call failed", extra={"method": method, "path": shown, "attempt": attempt + 1,
                                                        "error": last.message})
            attempt += 1
        assert last is not None
        if isinstance(last, PlatformUnavailable):
            self.breaker.failed(last.message)
        raise last

    def _no_answer_message(self, waited_s: float, *, counter: bool) -> str:
        if counter:
            return (f"platform unreachable: no answer from {self.base_url} within {waited_s:g} s (the counter does "
                    f"not wait longer); {UNREACHABLE_HINT}")
        return f"platform unreachable: no answer from {self.base_url} within {waited_s:g} s; {UNREACHABLE_HINT}"

    def _known_down_message(self) -> str:
        return (f"platform unreachable: it did not answer the last call ({self.breaker.last_error or 'no answer'}); "
                f"the counter works offline until it answers again; {UNREACHABLE_HINT}")

    def _breaker_changed(self, state: str) -> None:
        """The status follows the breaker at once: offline when it opens, a fresh probe once it closes."""
        with self._status_lock:
            if state == "open":
                self._status = PlatformStatus(False, self.breaker.last_error or "platform unreachable", _now())
                self._status_at = time.monotonic()
            elif state == "closed":
                self._status = None

    @property
    def known_down(self) -> bool:
        """True while the breaker is open: counter calls fail at once. Never blocks."""
        return self.breaker.known_down

    def _answer(self, method: str, shown: str, response: requests.Response) -> dict:
        status = response.status_code
        try:
            body = response.json()
        except ValueError:
            body = None
        if 200 <= status < 300:
            if not isinstance(body, dict):
                raise PlatformError(f"platform answered {method} {shown} with {status} but no JSON object",
                                    status=status)
            return body
        body = body if isinstance(body, dict) else {}
        code = str(body.get("error") or f"http_{status}")
        message = str(body.get("message") or response.reason or "")
        if status == 429 and code == "auth_locked":
            # the platform is there and answers: the breaker stays closed, no retry before Retry-After
            wait = response.headers.get("Retry-After") or body.get("retry_after_s")
            raise AuthenticationFailed(
                code, f"the platform refuses this terminal's credential for now: too many failed sign-ins with it "
                      f"or from this address; it is accepted again in {wait or 'a few'} s. Check platform_secret in "
                      f"the credentials file ({message})",
                status=status, body=body)
        if status >= 500 or status in (408, 429):
            raise PlatformUnavailable(
                f"platform unreachable: {self.base_url} answered {status} {code}: {message}; {UNREACHABLE_HINT}",
                status=status, body=body)
        if status == 401:
            raise AuthenticationFailed(
                code, f"the platform refused this terminal's credential ({code}: {message}); check store_id and "
                      f"terminal_id in the settings and platform_secret in the credentials file",
                status=status, body=body)
        raise PlatformRefused(code, f"the platform refused {method} {shown}: {code}: {message}", status=status, body=body)

    # ------------------------------------------------------------------------ the port
    def status(self) -> PlatformStatus:
        """GET /health, cached for `status_ttl_s`; never raises. The background probe: it goes
        out even while the platform is known down, and its answer closes the breaker."""
        with self._status_lock:
            if self._status is not None and time.monotonic() - self._status_at < self.status_ttl_s:
                return self._status
        try:
            self._request("GET", "/health", retry=False, auth=False, timeout_s=min(self.timeout_s, 3.0))
            status = PlatformStatus(True, f"{self.base_url} answers", _now())
        except PlatformError as exc:
            status = PlatformStatus(False, exc.message, _now())
        except Exception as exc:  # the contract: never raises
            status = PlatformStatus(False, f"platform check failed: {_short(exc)}", _now())
        with self._status_lock:
            self._status, self._status_at = status, time.monotonic()
        return status

    def forget_status(self) -> None:
        with self._status_lock:
            self._status = None

    def voucher_keys(self) -> dict:
        return self._request("GET", "/voucher-keys", auth=False)

    # orders
    def get_order(self, order_no: str) -> dict:
        return self._request("GET", f"/orders/{quote(order_no, safe='')}")

    def order_by_voucher(self, voucher_id: str) -> dict:
        return self._request("GET", f"/orders/by-voucher/{quote(voucher_id, safe='')}")

    def order_by_url(self, url: str) -> dict:
        return self._request("GET", "/orders/by-url", params={"url": url}, log_path="/orders/by-url")

    def create_order(self, body: dict, idempotency_key: str | None = None) -> dict:
        return self._request("POST", "/orders", json_body=body, idempotency_key=idempotency_key)

    # the claim and its release: a cashier waits for them (scan, cancel), so they are counter calls
    def claim_order(self, order_no: str, ttl_s: int = 120) -> dict:
        return self._request("POST", f"/orders/{quote(order_no, safe='')}/claim", json_body={"ttl_s": ttl_s},
                             retry=False, counter=True)

    def release_claim(self, order_no: str) -> dict:
        return self._request("DELETE", f"/orders/{quote(order_no, safe='')}/claim", retry=False, counter=True)

    # settlements
    def post_settlement(self, payload: dict, idempotency_key: str) -> dict:
        return self._request("POST", "/settlements", json_body=payload, idempotency_key=idempotency_key)

    def get_settlement(self, settlement_id: str) -> dict:
        return self._request("GET", f"/settlements/{quote(settlement_id, safe='')}")

    def post_settlements(self, items: list[tuple[dict, str]]) -> list[dict]:
        """POST /settlements/batch: each (payload, idempotency_key) as POST /settlements would take
        it, in one request. Returns the platform's answer per item, in order ({idempotency_key,
        result: accepted|duplicate|conflict|refused, status, reason, answer}). Retried like a keyed
        POST: every item keeps its own key. An older platform without the endpoint: PlatformRefused
        with status 404 (or 405)."""
        body = {"items": [{"idempotency_key": key, "settlement": payload} for payload, key in items]}
        answer = self._request("POST", "/settlements/batch", json_body=body, retry=True)
        results = answer.get("results")
        if (not isinstance(results, list) or len(results) != len(items)
                or any(not isinstance(r, dict) or r.get("idempotency_key") != key
                       for r, (_payload, key) in zip(results, items))):
            raise PlatformError(f"platform answered a batch of {len(items)} settlements without one answer per "
                                f"item in their order", status=200, body=answer)
        return results

    def post_settlement_batch(self, body: dict, idempotency_key: str) -> dict:
        """POST /settlement-batches: the day's reconciliation (not a batch of settlements to record)."""
        return self._request("POST", "/settlement-batches", json_body=body, idempotency_key=idempotency_key)

    # prepaid cards (the number only in the URL; logs show the last 4; the holder's PIN only in the
    # body, which is never logged: wrong_pin (403, attempts_left) and pin_locked (423) are refusals)
    # a card's balance and an item's purchase are looked up while the cashier waits: counter calls
    def get_card(self, card_no: str, pin: str) -> dict:
        return self._request("POST", f"/cards/{quote(card_no, safe='')}/balance", json_body={"pin": pin},
                             log_path=f"/cards/{mask_card(card_no)}/balance", counter=True)

    def debit_card(self, card_no: str, amount_minor: int, currency: str, reference: str, idempotency_key: str,
                   pin: str) -> dict:
        return self._card_move("debit", card_no, amount_minor, currency, reference, idempotency_key, pin)

    def credit_card(self, card_no: str, amount_minor: int, currency: str, reference: str, idempotency_key: str) -> dict:
        return self._card_move("credit", card_no, amount_minor, currency, reference, idempotency_key)

    def _card_move(self, kind, card_no, amount_minor, currency, reference, idempotency_key, pin=None) -> dict:
        body = {"amount_minor": int(amount_minor), "currency": currency, "reference": reference}
        if pin is not None:
            body["pin"] = pin
        return self._request(
            "POST", f"/cards/{quote(card_no, safe='')}/{kind}", json_body=body,
            idempotency_key=idempotency_key, log_path=f"/cards/{mask_card(card_no)}/{kind}")

    def card_movement(self, idempotency_key: str) -> dict:
        """The prepaid-card movement this terminal made under `idempotency_key`; PlatformRefused
        unknown_movement (404) when no money moved under it."""
        return self._request("GET", f"/card-movements/by-key/{quote(idempotency_key, safe='')}")

    def reverse_card_movement(self, transaction_id: str, reference: str, idempotency_key: str) -> dict:
        """Gives a debit of this terminal back to its card (no card number needed), at most once."""
        return self._request("POST", f"/card-movements/{quote(transaction_id, safe='')}/reverse",
                             json_body={"reference": reference}, idempotency_key=idempotency_key)

    def card_movements(self, business_date: str, timezone: str) -> dict:
        """This terminal's prepaid-card debits and credits of a business day (the store's local day)."""
        return self._request("GET", "/card-movements", params={"business_date": business_date, "timezone": timezone})

    # refunds
    def get_item(self, item_code: str) -> dict:
        return self._request("GET", f"/items/{quote(item_code, safe='')}", counter=True)

    def upload_refund_photo(self, data: bytes, content_type: str, idempotency_key: str,
                            filename: str = "defect.jpg") -> dict:
        return self._request("POST", "/refund-photos", files={"file": (filename, data, content_type)},
                             idempotency_key=idempotency_key)

    def request_refund(self, item_codes: list[str], reason: str, idempotency_key: str,
                       photo_ids: list[str] | None = None) -> dict:
        return self._request("POST", "/refund-requests", idempotency_key=idempotency_key,
                             json_body={"item_codes": list(item_codes), "reason": reason,
                                        "photo_ids": list(photo_ids or [])})

    def get_refund(self, request_id: str) -> dict:
        return self._request("GET", f"/refund-requests/{quote(request_id, safe='')}")

    def list_refunds(self, status: str | None = None) -> list[dict]:
        return self._request("GET", "/refund-requests", params={"status": status} if status else None)["requests"]

    def hand_in_refund(self, request_id: str, idempotency_key: str) -> dict:
        return self._request("POST", f"/refund-requests/{quote(request_id, safe='')}/hand-in",
                             idempotency_key=idempotency_key)

    # refund cases (double payments): the store's list, and a pay-back at this counter
    def list_refund_cases(self, business_date: str | None = None, status: str | None = None,
                          timezone: str | None = None) -> list[dict]:
        params = {k: v for k, v in (("business_date", business_date), ("status", status),
                                    ("timezone", timezone)) if v}
        return self._request("GET", "/refund-cases", params=params or None)["cases"]

    def get_refund_case(self, case_id: str) -> dict:
        return self._request("GET", f"/refund-cases/{quote(case_id, safe='')}")

    def report_paid_back(self, case_id: str, body: dict, idempotency_key: str) -> dict:
        return self._request("POST", f"/refund-cases/{quote(case_id, safe='')}/paid-back", json_body=body,
                             idempotency_key=idempotency_key)

    # issue 16: money moved at the counter besides a sale, the day statement, remittances
    def post_counter_movement(self, payload: dict, idempotency_key: str) -> dict:
        """POST /counter-movements: a refund leg, a void or a double payment paid back (the
        outbox's counter_refund, void and double_payment_payback topics)."""
        return self._request("POST", "/counter-movements", json_body=payload, idempotency_key=idempotency_key)

    def platform_statement(self, store_id: str, business_date: str, timezone: str | None = None) -> dict:
        """GET /stores/{store_id}/statements/{business_date}: the platform's Statement.to_json()."""
        return self._request("GET", f"/stores/{quote(store_id, safe='')}/statements/{quote(business_date, safe='')}",
                             params={"timezone": timezone} if timezone else None)

    def post_statement_accepted(self, payload: dict, idempotency_key: str) -> dict:
        """POST /statements/accepted {number, business_date, digest, net_minor, currency, statement?}."""
        return self._request("POST", "/statements/accepted", json_body=payload, idempotency_key=idempotency_key)

    def post_remittance(self, payload: dict, idempotency_key: str) -> dict:
        """POST /remittances {number, amount_minor, currency, reference, sent_at, business_date?}."""
        return self._request("POST", "/remittances", json_body=payload, idempotency_key=idempotency_key)

    def remittances(self, store_id: str) -> dict:
        """GET /stores/{store_id}/remittances: {remittances: [...], statements: [...]}."""
        return self._request("GET", f"/stores/{quote(store_id, safe='')}/remittances")


# Whether this thread's last request went out on a kept-alive connection (not a fresh one): only
# such a connection can be stale. Set by the connection classes below, read by _request.
_sent = threading.local()


class _Tracked:
    """Mixed into urllib3's connections: notes whether a request reuses an open connection."""

    _fresh = False

    def connect(self) -> None:
        super().connect()
        self._fresh = True

    def request(self, *args, **kw):
        _sent.reused = self.sock is not None and not self._fresh
        self._fresh = False
        try:
            return super().request(*args, **kw)
        finally:
            self._fresh = False


class _HTTPConnection(_Tracked, HTTPConnection):
    pass


class _HTTPSConnection(_Tracked, HTTPSConnection):
    pass


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _HTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _HTTPSConnection


class _Adapter(HTTPAdapter):
    def init_poolmanager(self, *args, **kw) -> None:
        super().init_poolmanager(*args, **kw)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}


def _connection_aborted(exc: requests.ConnectionError) -> bool:
    """The connection broke after it was made (RemoteDisconnected, reset, broken pipe): what a
    kept-alive connection that the server closed while idle looks like on reuse. Not a refused
    or timed-out connect."""
    cause = exc.args[0] if exc.args else None
    return isinstance(cause, ProtocolError)


def _short(exc: BaseException) -> str:
    text = str(exc)
    if "Connection refused" in text:
        return "connection refused"
    if "Name or service not known" in text or "Temporary failure in name resolution" in text:
        return "host name not found"
    return (text[:160] + "…") if len(text) > 160 else text
