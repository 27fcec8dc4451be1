"""Signed event notifications from the platform to a merchant's own server (webhooks).

Events: `order.paid` (a store's settlement paid an order) and `refund.decided` (a refund request
approved or rejected, by the merchant's policy at filing or by the seller). Each is a row of the
platform's outbox to merchants (db.webhook_deliveries), inserted in the same transaction as the
event, for a merchant that has a webhook endpoint (merchants.webhook_url, webhook_secret).

Format: Standard Webhooks 1.0 (https://www.standardwebhooks.com), so that a merchant can use any
of its libraries or the ten lines of `verify_webhook`:
- `POST <webhook_url>`, `Content-Type: application/json`, the body a JSON object
  `{"type": "order.paid" | "refund.decided", "timestamp": ISO-8601 UTC, "merchant_id": ...,
  "data": {...}}`, UTF-8, exactly the bytes that are signed.
- `webhook-id: msg_<32 hex>`: the delivery's id, the same on every attempt: a receiver that has
  seen it answers 2xx again and does nothing (delivery is at-least-once).
- `webhook-timestamp: <unix seconds>`: when this attempt was signed, on the platform's clock.
- `webhook-signature: v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`; a space
  separates several signatures (while a secret is rotated). The secret is `whsec_<base64 key>`:
  the key is the base64-decoded part after the prefix.
- data of order.paid: order_no, amount_minor, currency, via ("store"), paid_at, settlement_id,
  store_id, terminal_id, receipt_no, tenders, offline. data of refund.decided: request_id,
  order_no, status (approved | rejected), decided_by (policy | seller), decided_at,
  amount_minor, currency, item_codes, reason, note, origin (store | buyer), payout {route,
  store_id, terminal_id}.
- A receiver checks the signature in constant time and refuses a timestamp more than 5 minutes
  from its own clock (a replayed old delivery), then answers 2xx quickly.

Delivery contract (WebhookSender, one thread per sandbox process, one sender per database):
due rows oldest first, each POSTed with short timeouts (a silent receiver costs one timeout,
never a hung sender); 2xx: `delivered`; 4xx other than 408/429: `failed` for good (the receiver
refused it); anything else (5xx, 408, 429, 3xx, timeout, connection refused): tried again after
an exponential backoff on the injected clock (5 s, 10 s, 20 s ... at most an hour), `failed`
after MAX_ATTEMPTS. Marked rows are never sent again, across restarts. URL and secret are read
at each attempt (a merchant that moves its endpoint gets the pending deliveries at the new one).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection, Engine

from pos_terminal.backoff import backoff as retry_backoff
from pos_terminal.ports import Clock
from sync.sandbox import db
from sync.sandbox.outbox_worker import OutboxWorker

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10
FIRST_BACKOFF = timedelta(seconds=5)
MAX_BACKOFF = timedelta(hours=1)
TOLERANCE_S = 300
RECHECK_S = 30.0  # the sender looks at the outbox at least this often (seconds of real time)
SECRET_PREFIX = "whsec_"
USER_AGENT = "pos-terminal-sandbox-webhooks/1"


# ---------------------------------------------------------------------- signatures


class WebhookVerificationError(ValueError):
    """A delivery that must not be trusted; the message says why (never the secret)."""


def new_secret() -> str:
    """A webhook secret: whsec_ and 32 random bytes in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode("ascii")


def _key(secret: str) -> bytes:
    raw = secret[len(SECRET_PREFIX):] if secret.startswith(SECRET_PREFIX) else secret
    try:
        return base64.b64decode(raw, validate=True)
    except ValueError:
        raise ValueError("a webhook secret is whsec_ followed by base64") from None


def sign(secret: str, msg_id: str, timestamp: int, body: bytes | str) -> str:
    """The webhook-signature header value: v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">."""
    data = body.encode("utf-8") if isinstance(body, str) else body
    mac = hmac.new(_key(secret), f"{msg_id}.{timestamp}.".encode() + data, hashlib.sha256).digest()
    return "v1," + base64.b64encode(mac).decode("ascii")


def verify_webhook(secret: str, headers: Mapping[str, str], body: bytes | str, now: datetime | float,
                   tolerance: int = TOLERANCE_S) -> dict:
    """What a merchant's receiver runs on each delivery, before anything else: checks the
    webhook-signature over the raw body (constant-time compare) and that webhook-timestamp is
    within `tolerance` seconds of `now` (the receiver's clock: a datetime or unix seconds).
    Returns the parsed JSON body; raises WebhookVerificationError naming what is wrong.
    Dropping a repeat (the same webhook-id seen before) is the caller's job."""
    h = {k.lower(): v for k, v in headers.items()}
    msg_id, ts_text, signatures = h.get("webhook-id"), h.get("webhook-timestamp"), h.get("webhook-signature")
    if not msg_id or not ts_text or not signatures:
        raise WebhookVerificationError("missing webhook-id, webhook-timestamp or webhook-signature header")
    try:
        timestamp = int(ts_text)
    except ValueError:
        raise WebhookVerificationError(f"webhook-timestamp {ts_text[:20]!r} is not unix seconds") from None
    now_s = now.timestamp() if isinstance(now, datetime) else float(now)
    if abs(now_s - timestamp) > tolerance:
        raise WebhookVerificationError(f"webhook-timestamp is {int(now_s - timestamp)} s from now, more than "
                                       f"{tolerance} s: too old (a replay?) or from the future; check both clocks")
    expected = sign(secret, msg_id, timestamp, body).split(",", 1)[1].encode()
    for candidate in signatures.split():
        version, _, value = candidate.partition(",")
        if version == "v1" and hmac.compare_digest(value.encode(), expected):
            break
    else:
        raise WebhookVerificationError("no webhook-signature matches the body (wrong secret, or the body was changed)")
    try:
        return json.loads(body)
    except ValueError:
        raise WebhookVerificationError("the body is not JSON") from None


# -------------------------------------------------------------------------- outbox


def _iso(ts: datetime) -> str:
    return ts.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def enqueue(conn: Connection, merchant_id: str, event: str, data: dict, now: datetime) -> str | None:
    """Queues `event` for the merchant in the caller's transaction; None (nothing queued) when
    the merchant has no webhook endpoint. Returns the delivery id (the webhook-id)."""
    m = conn.execute(select(db.merchants.c.webhook_url).where(db.merchants.c.id == merchant_id)).first()
    if m is None or not m.webhook_url:
        return None
    msg_id = "msg_" + uuid.uuid4().hex
    body = json.dumps({"type": event, "timestamp": _iso(now), "merchant_id": merchant_id, "data": data},
                      ensure_ascii=False, separators=(",", ":"))
    conn.execute(insert(db.webhook_deliveries).values(
        id=msg_id, merchant_id=merchant_id, event=event, body=body, status="pending", attempts=0,
        next_attempt_at=now, created_at=now))
    return msg_id


def order_paid(conn: Connection, o, settlement: dict, now: datetime) -> str | None:
    """`order.paid` for the order row `o` that the store's `settlement` (the posted body) paid."""
    paid_at = settlement["paid_at"]
    return enqueue(conn, o.merchant_id, "order.paid", {
        "order_no": o.order_no, "amount_minor": o.total_minor, "currency": o.currency, "via": "store",
        "paid_at": _iso(paid_at) if isinstance(paid_at, datetime) else str(paid_at),
        "settlement_id": settlement["settlement_id"], "store_id": settlement["store_id"],
        "terminal_id": settlement["terminal_id"], "receipt_no": settlement["receipt_no"],
        "tenders": list(settlement["tenders"]), "offline": bool(settlement["offline"])}, now)


def refund_decided(conn: Connection, request_id: str, now: datetime) -> str | None:
    """`refund.decided` for a refund request that has just been approved or rejected."""
    from sync.sandbox.refunds import refund_view

    v = refund_view(conn, request_id)
    r = conn.execute(select(db.refund_requests.c.origin).where(db.refund_requests.c.id == request_id)).one()
    return enqueue(conn, v["merchant"]["id"], "refund.decided", {
        "request_id": v["request_id"], "order_no": v["order_no"], "status": v["status"],
        "decided_by": v["decided_by"], "decided_at": v["decided_at"], "amount_minor": v["amount_minor"],
        "currency": v["currency"], "item_codes": v["item_codes"], "reason": v["reason"], "note": v["note"],
        "origin": r.origin or "store", "payout": v["payout"]}, now)


def set_endpoint(conn: Connection, merchant_id: str, url: str | None, secret: str | None) -> None:
    """Where the merchant's webhooks go (None: nowhere) and the secret they are signed with."""
    conn.execute(update(db.merchants).where(db.merchants.c.id == merchant_id).values(
        webhook_url=url, webhook_secret=secret))


def configure_seeded(engine: Engine, credentials, receiver_base_url: str) -> dict[str, str]:
    """Points every merchant of the sandbox at `receiver_base_url`/<merchant id> (the demo's
    loopback receiver), each signing with `webhook_secret_<merchant id>` from the sandbox's
    credentials file (made there on first start, never a published default). Returns
    merchant id: secret."""
    with engine.begin() as conn:
        ids = conn.execute(select(db.merchants.c.id).order_by(db.merchants.c.id)).scalars().all()
        out = {}
        for mid in ids:
            out[mid] = credentials.get_or_create(f"webhook_secret_{mid}", make=new_secret)
            set_endpoint(conn, mid, f"{receiver_base_url.rstrip('/')}/{mid}", out[mid])
    return out


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 5 s, 10 s, 20 s, ... up to an hour."""
    return retry_backoff(attempts, first=FIRST_BACKOFF, ceiling=MAX_BACKOFF)


def deliveries(engine: Engine, merchant_id: str | None = None) -> list[dict]:
    """The outbox to merchants as dicts, oldest first (tests and the CLI)."""
    w = db.webhook_deliveries
    q = select(w).order_by(w.c.created_at, w.c.id)
    if merchant_id:
        q = q.where(w.c.merchant_id == merchant_id)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


# -------------------------------------------------------------------------- sender


class PermanentRefusal(Exception):
    """The receiver refused the delivery (4xx other than 408/429): trying again will not help."""


class WebhookSender(OutboxWorker):
    """Drains db.webhook_deliveries on its own thread. `wake()` after an event sends at once
    (the app's WakeOutboxes middleware wakes it after every write request); otherwise it drains
    when the earliest pending retry falls due on the injected clock (checked every `poll_s`),
    and looks in the outbox at least every RECHECK_S seconds in any case.
    `timeout` is requests' (connect, read) in seconds. `on_attempt(delivery_id, outcome)` is
    called after each attempt: delivered | retry | failed (tests wait on it)."""

    thread_name = "sandbox-webhooks"

    def __init__(self, engine: Engine, clock: Clock, *, timeout: tuple[float, float] = (3.0, 5.0),
                 poll_s: float = 1.0, on_attempt=None) -> None:
        super().__init__()
        self.engine = engine
        self.clock = clock
        self.timeout = timeout
        self.poll_s = poll_s
        self.on_attempt = on_attempt
        self._next_due: datetime | None = None  # None: unknown, look in the database

    def _run(self) -> None:
        last = time.monotonic()
        while not self._stop.is_set():
            woken = self._wake.is_set()  # a wake during a drain is seen by the next turn, never lost
            self._wake.clear()
            due = self._next_due
            # and a look every RECHECK_S anyway: a row queued by something that woke nobody
            if woken or due is None or self.clock.now() >= due or time.monotonic() - last >= RECHECK_S:
                last = time.monotonic()
                try:
                    self.drain_once()
                except Exception:
                    log.exception("the merchant webhook outbox could not be drained; trying again")
                    self._next_due = None
            self._wake.wait(self.poll_s)

    def drain_once(self, limit: int = 50) -> int:
        """Posts what is due; returns how many were attempted."""
        with self._draining:
            now = self.clock.now()
            w = db.webhook_deliveries
            earliest = select(func.min(w.c.next_attempt_at)).where(w.c.status == "pending")
            with self.engine.begin() as conn:
                rows = conn.execute(select(w).where(w.c.status == "pending", w.c.next_attempt_at <= now)
                                    .order_by(w.c.created_at, w.c.id).limit(limit)).all()
                nxt = None if rows else conn.execute(earliest).scalar()
            for row in rows:
                if self._stop.is_set():
                    break
                self._attempt(row)
            if rows:
                with self.engine.begin() as conn:
                    nxt = conn.execute(earliest).scalar()
            self._next_due = nxt if nxt is not None else datetime.max.replace(tzinfo=timezone.utc)
            return len(rows)

    def _attempt(self, row) -> None:
        with self.engine.begin() as conn:
            m = conn.execute(select(db.merchants.c.webhook_url, db.merchants.c.webhook_secret)
                             .where(db.merchants.c.id == row.merchant_id)).one()
        outcome, error = "delivered", None
        if not m.webhook_url or not m.webhook_secret:
            outcome, error = "failed", f"merchant {row.merchant_id} has no webhook endpoint or secret any more"
        else:
            try:
                self._post(m.webhook_url, m.webhook_secret, row)
            except PermanentRefusal as exc:
                outcome, error = "failed", str(exc)
            except Exception as exc:  # 5xx, 408, 429, timeout, connection refused: try again later
                outcome, error = "retry", f"{type(exc).__name__}: {exc}"
        attempts = row.attempts + 1
        if outcome == "retry" and attempts >= MAX_ATTEMPTS:
            outcome = "failed"
        values: dict = {"attempts": attempts, "last_error": error[:500] if error else None}
        if outcome == "retry":
            values["next_attempt_at"] = self.clock.now() + backoff(attempts)
            log.warning("merchant webhook not delivered; retrying",
                        extra={"id": row.id, "merchant": row.merchant_id, "attempts": attempts, "error": error})
        else:
            values |= {"status": outcome, "sent_at": self.clock.now() if outcome == "delivered" else None}
        w = db.webhook_deliveries
        with self.engine.begin() as conn:
            conn.execute(update(w).where(w.c.id == row.id, w.c.status == "pending").values(**values))
        if self.on_attempt is not None:
            self.on_attempt(row.id, outcome)

    def _post(self, url: str, secret: str, row) -> None:
        import requests

        body = row.body.encode("utf-8")
        timestamp = int(self.clock.now().timestamp())
        headers = {"Content-Type": "application/json", "User-Agent": USER_AGENT, "webhook-id": row.id,
                   "webhook-timestamp": str(timestamp), "webhook-signature": sign(secret, row.id, timestamp, body)}
        r = requests.post(url, data=body, headers=headers, timeout=self.timeout, allow_redirects=False)
        if 200 <= r.status_code < 300:
            return
        if 400 <= r.status_code < 500 and r.status_code not in (408, 429):
            raise PermanentRefusal(f"the receiver answered {r.status_code}: {r.text[:200]}")
        raise RuntimeError(f"the receiver answered {r.status_code}: {r.text[:200]}")


class WakeOutboxes:
    """ASGI middleware: after each request that may have written (not GET/HEAD/OPTIONS), wakes
    the app's outbox senders (state.notifier, state.webhook_sender), so that a message or webhook
    queued with an event goes out at once instead of at the next poll. The request's transaction
    has committed by then."""

    def __init__(self, app, state) -> None:
        self.app = app
        self.state = state

    async def __call__(self, scope, receive, send) -> None:
        await self.app(scope, receive, send)
        if scope["type"] == "http" and scope.get("method") not in ("GET", "HEAD", "OPTIONS"):
            for name in ("notifier", "webhook_sender"):
                sender = getattr(self.state, name, None)
                if sender is not None:
                    sender.wake()
