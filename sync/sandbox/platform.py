"""What the sandbox platform does, apart from HTTP: every function takes an open connection
(one transaction per request, opened by the caller) and the current time, and raises ApiError
for a refusal. Money is integer minor units throughout."""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlalchemy import and_, delete, func, insert, or_, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from pos_terminal.clock import day_bounds
from pos_terminal.vouchers import PublicKey
from sync.sandbox import db
from sync.sandbox.signing import mint_voucher, new_private_key, summarize

IDEMPOTENCY_TTL = timedelta(hours=48)  # the contract promises at least 24 hours
MAX_PHOTO_BYTES = 5 * 1024 * 1024
PHOTO_TYPES = {"image/jpeg": (b"\xff\xd8\xff",), "image/png": (b"\x89PNG\r\n\x1a\n",), "image/webp": (b"RIFF",)}


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.extra = extra

    def body(self) -> dict:
        return {"error": self.code, "message": self.message, **self.extra}


@dataclass(frozen=True)
class Caller:
    """Who is calling: a terminal (store_id, terminal_id) or a merchant (merchant_id)."""

    kind: str  # "terminal" | "merchant" | "seller_page"
    store_id: str = ""
    terminal_id: str = ""
    merchant_id: str = ""

    @property
    def scope(self) -> str:
        if self.kind == "terminal":
            return f"t:{self.store_id}/{self.terminal_id}"
        return f"m:{self.merchant_id}" if self.kind == "merchant" else "seller_page"


@dataclass(frozen=True)
class Policy:
    """What the platform lets one terminal credential do (the sandbox's settings; README: "What a
    terminal credential can do").

    Claims: at most `max_live_claims` orders held at once by one terminal; one unbroken run of
    claims on an order (renewals, and a release followed by a claim again within
    `claim_cooldown`) lasts at most `max_claim_lifetime` from its first claim; after that the
    terminal may claim the order again only once it has left it alone for `claim_cooldown`
    (meanwhile any other store may take it).

    Returns at another store (the store filing the refund is not the store that took the
    payment, or the order was paid online): inside the merchant's return window and for paid
    units (as every return), at most `foreign_returns_per_day` requests and
    `foreign_return_minor_per_day` in amount per store in any 24 hours, and a request whose
    payout is in cash at most `foreign_cash_refund_minor`.

    Authentication: `auth_max_failures` wrong secrets for one credential (store and terminal, or
    merchant) in `auth_window`, or `auth_max_failures_per_address` from one client address,
    lock it for `auth_window`: every attempt then gets 429 with Retry-After, the right secret too."""

    max_live_claims: int = 3
    max_claim_lifetime: timedelta = timedelta(minutes=15)
    claim_cooldown: timedelta = timedelta(minutes=5)
    foreign_returns_per_day: int = 5
    foreign_return_minor_per_day: int = 100_000  # 1,000.00 CNY
    foreign_cash_refund_minor: int = 20_000  # 200.00 CNY
    auth_max_failures: int = 10
    auth_max_failures_per_address: int = 50
    auth_window: timedelta = timedelta(minutes=15)


DEFAULT_POLICY = Policy()


class AuthThrottle:
    """Failed authentications per credential and per client address (in memory: the sandbox is one
    process). Times come from the platform's injected clock. Thread-safe."""

    def __init__(self, policy: Policy) -> None:
        import threading

        self.policy = policy
        self._lock = threading.Lock()
        self._failures: dict[str, list[datetime]] = {}
        self._locked_until: dict[str, datetime] = {}

    def check(self, keys: list[tuple[str, int]], now: datetime) -> None:
        """Raises 429 auth_locked while any of `keys` is locked out."""
        with self._lock:
            until = max((self._locked_until.get(k, now) for k, _limit in keys), default=now)
            for k, _limit in keys:
                if self._locked_until.get(k, now) <= now:
                    self._locked_until.pop(k, None)
        if until > now:
            wait = int((until - now).total_seconds() + 0.999)
            raise ApiError(429, "auth_locked",
                           f"too many failed sign-ins for this credential or address: every attempt is refused "
                           f"for {wait} s more, the right secret too; check the secret, then wait",
                           retry_after_s=wait)

    def failed(self, keys: list[tuple[str, int]], now: datetime) -> None:
        window = self.policy.auth_window
        with self._lock:
            for k, limit in keys:
                kept = [t for t in self._failures.get(k, []) if t > now - window]
                kept.append(now)
                if len(kept) >= limit:
                    self._locked_until[k] = now + window
                    kept = []
                self._failures[k] = kept
            if len(self._failures) + len(self._locked_until) > 20_000:  # guesses over many made-up ids
                self._failures = {k: v for k, v in self._failures.items() if v and v[-1] > now - window}
                self._locked_until = {k: t for k, t in self._locked_until.items() if t > now}

    def succeeded(self, keys: list[tuple[str, int]]) -> None:
        with self._lock:
            for k, _limit in keys[:1]:  # the credential's count only: an address may serve many terminals
                self._failures.pop(k, None)

    def keys(self, credential: str, address: str | None) -> list[tuple[str, int]]:
        keys = [(f"cred:{credential}", self.policy.auth_max_failures)]
        if address:
            keys.append((f"addr:{address}", self.policy.auth_max_failures_per_address))
        return keys


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def new_id() -> str:
    return str(uuid.uuid4())


def iso(ts: datetime | None) -> str | None:
    return ts.astimezone(timezone.utc).isoformat().replace("+00:00", "Z") if ts else None


# ------------------------------------------------------------------------------- auth


def authenticate_terminal(conn: Connection, store_id: str | None, terminal_id: str | None, secret: str | None) -> Caller:
    if not (store_id and terminal_id and secret):
        raise ApiError(401, "unauthenticated",
                       "send the terminal credential: Authorization: Bearer <secret>, X-Store-Id and X-Terminal-Id")
    row = conn.execute(select(db.terminals).where(
        db.terminals.c.store_id == store_id, db.terminals.c.terminal_id == terminal_id)).first()
    given = secret_hash(secret)
    if row is None or not hmac.compare_digest(row.secret_sha256, given) or not row.active:
        raise ApiError(401, "bad_credentials", "unknown terminal or wrong secret for this store and terminal")
    return Caller("terminal", store_id=store_id, terminal_id=terminal_id)


def authenticate_merchant(conn: Connection, merchant_id: str | None, secret: str | None) -> Caller:
    if not (merchant_id and secret):
        raise ApiError(401, "unauthenticated", "send the merchant credential: Authorization: Bearer <secret> and X-Merchant-Id")
    row = conn.execute(select(db.merchants).where(db.merchants.c.id == merchant_id)).first()
    if row is None or not hmac.compare_digest(row.secret_sha256, secret_hash(secret)):
        raise ApiError(401, "bad_credentials", "unknown merchant or wrong secret")
    return Caller("merchant", merchant_id=merchant_id)


# ------------------------------------------------------------------------ idempotency


def request_hash(method: str, path: str, body) -> str:
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)
    return hashlib.sha256(f"{method} {path}\n{canonical}".encode("utf-8")).hexdigest()


def run_idempotent(
    engine: Engine, caller: Caller, key: str | None, req_hash: str, op: Callable[[Connection], tuple[int, dict]],
    now: datetime, *, precheck: Callable[[Connection], ApiError | None] | None = None,
) -> tuple[int, dict, bool]:
    """Runs `op` in one transaction together with the record of its answer under `key`, so
    that the effect and the stored answer commit together. Returns (status, body, replayed).
    A retry with the same key and request gets the first answer (refusals included); the same
    key with another request is refused with 422.

    `precheck` (a card holder's PIN) runs after the replay look-up, in the same transaction: what
    it writes (a wrong-PIN count) commits, and the refusal it returns is raised without being
    stored under the key, like a failed authentication: the retry with the right PIN under the
    same key is answered afresh."""
    for _attempt in range(3):
        refused: ApiError | None = None
        try:
            with engine.begin() as conn:
                if key is not None:
                    where = and_(db.idempotency.c.scope == caller.scope, db.idempotency.c.key == key)
                    row = conn.execute(select(db.idempotency).where(where)).first()
                    if row is not None and row.expires_at > now and row.request_hash == req_hash:
                        return row.status_code, row.response, True
                if precheck is not None:
                    refused = precheck(conn)
                if refused is not None:
                    pass  # leave the transaction normally: the count commits
                elif key is None:
                    try:
                        status, body = op(conn)
                    except ApiError:
                        raise
                    return status, body, False
                else:
                    if row is not None and row.expires_at > now:
                        raise ApiError(422, "idempotency_key_reused",
                                       f"Idempotency-Key {key!r} was used for a different request; "
                                       "use a new key for a new request")
                    if row is not None:
                        conn.execute(delete(db.idempotency).where(where))
                    savepoint = conn.begin_nested()
                    try:
                        status, body = op(conn)
                        savepoint.commit()
                    except ApiError as exc:
                        savepoint.rollback()
                        status, body = exc.status, exc.body()
                    conn.execute(insert(db.idempotency).values(
                        scope=caller.scope, key=key, request_hash=req_hash, status_code=status, response=body,
                        created_at=now, expires_at=now + IDEMPOTENCY_TTL))
            if refused is not None:
                raise refused
            return status, body, False
        except IntegrityError:
            continue  # a concurrent request with the same key committed first: answer as it did
    raise ApiError(409, "conflict", "concurrent requests collided; retry with the same Idempotency-Key")


# ------------------------------------------------------------------------------- keys


def active_key(conn: Connection):
    return conn.execute(select(db.signing_keys).where(db.signing_keys.c.retired_at.is_(None))
                        .order_by(db.signing_keys.c.created_at.desc())).first()


def add_key(conn: Connection, now: datetime) -> str:
    count = conn.execute(select(func.count()).select_from(db.signing_keys)).scalar_one()
    kid = f"K{count + 1:04d}"
    private_raw, public_raw = new_private_key()
    conn.execute(insert(db.signing_keys).values(kid=kid, private_raw=private_raw, public_raw=public_raw, created_at=now))
    return kid


def rotate_key(conn: Connection, now: datetime) -> dict:
    """A new key signs from now on; the old one is still published until the last voucher it
    signed expires."""
    old = active_key(conn)
    if old is not None:
        last_expiry = conn.execute(select(func.max(db.orders.c.expires_at)).where(db.orders.c.kid == old.kid)).scalar()
        if last_expiry is not None and last_expiry.tzinfo is None:
            last_expiry = last_expiry.replace(tzinfo=timezone.utc)
        conn.execute(update(db.signing_keys).where(db.signing_keys.c.kid == old.kid)
                     .values(retired_at=now, publish_until=max(last_expiry or now, now)))
    kid = add_key(conn, now)
    return {"active_kid": kid, "retired_kid": old.kid if old else None, "keys": published_keys(conn, now)["keys"]}


def published_keys(conn: Connection, now: datetime) -> dict:
    rows = conn.execute(select(db.signing_keys).where(
        or_(db.signing_keys.c.publish_until.is_(None), db.signing_keys.c.publish_until > now))
        .order_by(db.signing_keys.c.created_at)).all()
    return {"keys": [PublicKey(r.kid, r.public_raw, r.publish_until).to_jwk() | {"status": "retiring" if r.retired_at else "active"}
                     for r in rows]}


# ----------------------------------------------------------------------------- orders


def create_order(conn: Connection, *, merchant_id: str, buyer_id: str, currency: str, lines: list[dict],
                 now: datetime, expires_in: timedelta, order_no: str | None = None,
                 buyer_phone: str | None = None, buyer_email: str | None = None) -> str:
    """Creates the order and, in the same transaction, queues the payment code's e-mail and SMS
    to the buyer (notify.enqueue): to `buyer_phone` / `buyer_email`, or the buyer's own when
    not given. A phone or address that does not validate is refused with 422 naming it."""
    from sync.sandbox import notify

    merchant = conn.execute(select(db.merchants).where(db.merchants.c.id == merchant_id)).first()
    if merchant is None:
        raise ApiError(404, "unknown_merchant", f"no merchant {merchant_id!r}")
    buyer = conn.execute(select(db.buyers).where(db.buyers.c.id == buyer_id)).first()
    if buyer is None:
        raise ApiError(404, "unknown_buyer", f"no buyer {buyer_id!r}")
    try:
        phone = notify.normalize_phone(buyer_phone) if buyer_phone else buyer.phone
    except notify.InvalidContact as exc:
        raise ApiError(422, "invalid_buyer_phone", f"buyer_phone: {exc}") from None
    try:
        email = notify.normalize_email(buyer_email) if buyer_email else buyer.email
    except notify.InvalidContact as exc:
        raise ApiError(422, "invalid_buyer_email", f"buyer_email: {exc}") from None
    key = active_key(conn)
    if key is None:
        raise ApiError(503, "no_signing_key", "the platform has no active signing key")
    order_no = order_no or f"PO{secrets.randbelow(10**12):012d}"
    total = sum(line["unit_price_minor"] * line["quantity"] for line in lines)
    summary = summarize([(line["name"], line["quantity"]) for line in lines])
    voucher_id = secrets.token_urlsafe(9)
    expires_at = (now + expires_in).replace(microsecond=0)
    issued_at = now.replace(microsecond=0)
    from sync.sandbox.issuer import platform_id

    voucher = mint_voucher(key.private_raw, key.kid, voucher_id=voucher_id, order_no=order_no, merchant_id=merchant_id,
                           merchant_name=merchant.name, amount_minor=total, currency=currency, summary=summary,
                           issued_at=issued_at, expires_at=expires_at, issuer=platform_id(conn))
    conn.execute(insert(db.orders).values(
        order_no=order_no, merchant_id=merchant_id, buyer_id=buyer_id, currency=currency, total_minor=total,
        summary=summary, status="open", created_at=now, expires_at=expires_at, voucher_id=voucher_id, voucher=voucher,
        kid=key.kid, url_token=secrets.token_urlsafe(12), buyer_phone=phone, buyer_email=email))
    unit = 0
    for line_no, line in enumerate(lines, start=1):
        line_id = conn.execute(insert(db.order_lines).values(
            order_no=order_no, line_no=line_no, sku=line["sku"], name=line["name"],
            unit_price_minor=line["unit_price_minor"], quantity=line["quantity"])).inserted_primary_key[0]
        codes = []
        for _ in range(line["quantity"]):
            unit += 1
            codes.append({"item_code": f"IC{order_no[2:]}{unit:04d}", "order_no": order_no, "line_id": line_id,
                          "refund_state": "none"})
        conn.execute(insert(db.item_units), codes)
    notify.enqueue(conn, order_no, "order_created", email=email, phone=phone, now=now)
    return order_no


def order_row(conn: Connection, order_no: str, *, lock: bool = False):
    q = select(db.orders).where(db.orders.c.order_no == order_no)
    row = conn.execute(q.with_for_update() if lock else q).first()
    if row is None:
        raise ApiError(404, "unknown_order", f"no order {order_no!r}")
    return row


def find_order_no(conn: Connection, *, voucher_id: str | None = None, url: str | None = None) -> str:
    if voucher_id is not None:
        row = conn.execute(select(db.orders.c.order_no).where(db.orders.c.voucher_id == voucher_id)).first()
        if row is None:
            raise ApiError(404, "unknown_voucher", f"no order has voucher {voucher_id!r}")
        return row.order_no
    token = (url or "").strip().rstrip("/").rsplit("/o/", 1)[-1].split("?")[0].split("#")[0]
    row = conn.execute(select(db.orders.c.order_no).where(db.orders.c.url_token == token)).first()
    if row is None:
        raise ApiError(404, "unknown_url", "no order has this link")
    return row.order_no


def order_view(conn: Connection, order_no: str, base_url: str, now: datetime) -> dict:
    o = order_row(conn, order_no)
    merchant = conn.execute(select(db.merchants).where(db.merchants.c.id == o.merchant_id)).one()
    lines = conn.execute(select(db.order_lines).where(db.order_lines.c.order_no == order_no)
                         .order_by(db.order_lines.c.line_no)).all()
    units = conn.execute(select(db.item_units).where(db.item_units.c.order_no == order_no)
                         .order_by(db.item_units.c.item_code)).all()
    codes: dict[int, list[str]] = {}
    for u in units:
        codes.setdefault(u.line_id, []).append(u.item_code)
    claim = None
    if o.claim_terminal_id and o.claim_expires_at and o.claim_expires_at > now:
        claim = {"store_id": o.claim_store_id, "terminal_id": o.claim_terminal_id, "expires_at": iso(o.claim_expires_at)}
    paid = None
    if o.status == "paid":
        paid = {"at": iso(o.paid_at), "via": o.paid_via, "settlement_id": o.paid_settlement_id}
        if o.paid_settlement_id:
            s = conn.execute(select(db.settlements).where(db.settlements.c.settlement_id == o.paid_settlement_id)).first()
            if s is not None:
                paid |= {"store_id": s.store_id, "terminal_id": s.terminal_id, "tenders": s.tenders}
    return {
        "order_no": o.order_no,
        "status": "expired" if o.status == "open" and o.expires_at <= now else o.status,
        "merchant": {"id": merchant.id, "name": merchant.name},
        "buyer_id": o.buyer_id,
        "currency": o.currency,
        "total_minor": o.total_minor,
        "summary": o.summary,
        "lines": [{"line_no": l.line_no, "sku": l.sku, "name": l.name, "unit_price_minor": l.unit_price_minor,
                   "quantity": l.quantity, "amount_minor": l.unit_price_minor * l.quantity,
                   "item_codes": codes.get(l.id, [])} for l in lines],
        "created_at": iso(o.created_at),
        "expires_at": iso(o.expires_at),
        "voucher": o.voucher,
        "voucher_id": o.voucher_id,
        "kid": o.kid,
        "url": f"{base_url.rstrip('/')}/o/{o.url_token}",
        "claim": claim,
        "paid": paid,
    }


def claim_order(conn: Connection, order_no: str, caller: Caller, ttl: timedelta, now: datetime,
                policy: Policy = DEFAULT_POLICY) -> dict:
    """Locks the order for this terminal until now + ttl, within the Policy's claim limits (at most
    `max_live_claims` held at once; one unbroken run lasts at most `max_claim_lifetime`)."""
    o = order_row(conn, order_no, lock=True)
    if o.status == "paid":
        raise ApiError(409, "order_paid", f"order {order_no} is already paid", paid_at=iso(o.paid_at))
    if o.status == "cancelled":
        raise ApiError(409, "order_cancelled", f"order {order_no} was cancelled by the shop")
    if o.expires_at <= now:
        raise ApiError(409, "order_expired", f"order {order_no} expired at {iso(o.expires_at)}")
    held_by_other = (o.claim_terminal_id and o.claim_expires_at and o.claim_expires_at > now
                     and (o.claim_store_id, o.claim_terminal_id) != (caller.store_id, caller.terminal_id))
    if held_by_other:
        raise ApiError(409, "order_claimed",
                       f"order {order_no} is being paid at {o.claim_store_id}/{o.claim_terminal_id} "
                       f"until {iso(o.claim_expires_at)}",
                       store_id=o.claim_store_id, terminal_id=o.claim_terminal_id, expires_at=iso(o.claim_expires_at))
    mine = (o.claim_store_id, o.claim_terminal_id) == (caller.store_id, caller.terminal_id)
    live_mine = bool(mine and o.claim_expires_at and o.claim_expires_at > now)
    if not live_mine:
        t = db.orders.c
        held = conn.execute(select(func.count()).select_from(db.orders).where(
            t.claim_store_id == caller.store_id, t.claim_terminal_id == caller.terminal_id,
            t.claim_expires_at > now, t.status == "open", t.order_no != order_no)).scalar_one()
        if held >= policy.max_live_claims:
            raise ApiError(409, "too_many_claims",
                           f"this terminal holds {held} orders already (at most {policy.max_live_claims} at once): "
                           "finish or cancel one of them first", held=held, limit=policy.max_live_claims)
    # an unbroken run: renewals, and a release followed by a claim again before the cool-down
    started = None
    if mine and o.claim_started_at and o.claim_expires_at and now < o.claim_expires_at + policy.claim_cooldown:
        started = o.claim_started_at
    if started is not None and now >= started + policy.max_claim_lifetime:
        free_at = o.claim_expires_at + policy.claim_cooldown
        wait = int((free_at - now).total_seconds() + 0.999)
        raise ApiError(409, "claim_lifetime_exceeded",
                       f"this terminal has held order {order_no} since {iso(started)}, the longest a terminal may "
                       f"({int(policy.max_claim_lifetime.total_seconds() // 60)} min); it may claim it again after "
                       f"{iso(free_at)}, any other store at once",
                       claimed_since=iso(started), retry_after_s=wait)
    started = started or now
    until = min(now + ttl, started + policy.max_claim_lifetime)
    conn.execute(update(db.orders).where(db.orders.c.order_no == order_no).values(
        claim_store_id=caller.store_id, claim_terminal_id=caller.terminal_id, claim_expires_at=until,
        claim_started_at=started))
    return {"order_no": order_no, "store_id": caller.store_id, "terminal_id": caller.terminal_id, "expires_at": iso(until),
            "claimed_since": iso(started), "lifetime_ends_at": iso(started + policy.max_claim_lifetime)}


def release_claim(conn: Connection, order_no: str, caller: Caller, now: datetime) -> dict:
    o = order_row(conn, order_no, lock=True)
    mine = (o.claim_store_id, o.claim_terminal_id) == (caller.store_id, caller.terminal_id)
    if mine and o.claim_expires_at and o.claim_expires_at > now:
        # ends now, but the run is remembered: claiming again at once does not start a new lifetime
        conn.execute(update(db.orders).where(db.orders.c.order_no == order_no).values(claim_expires_at=now))
    return {"order_no": order_no, "released": bool(mine)}


# ------------------------------------------------------------------------ settlements


def _settlement_view(s, refund_case=None) -> dict:
    return {
        "settlement_id": s.settlement_id, "order_no": s.order_no, "outcome": s.outcome, "store_id": s.store_id,
        "terminal_id": s.terminal_id, "receipt_no": s.receipt_no, "amount_minor": s.amount_minor, "currency": s.currency,
        "paid_at": iso(s.paid_at), "received_at": iso(s.received_at),
        "refund_case": refund_case,
    }


def _refund_case_view(c) -> dict | None:
    if c is None:
        return None
    return {"refund_case_id": c.id, "reason": c.reason, "amount_minor": c.amount_minor, "currency": c.currency,
            "status": c.status, "store_id": c.store_id, "terminal_id": c.terminal_id,
            "resolution": c.resolution, "resolved_at": iso(c.resolved_at)}


def settlement_view(conn: Connection, settlement_id: str, store_id: str | None = None) -> dict:
    """A recorded settlement; with `store_id` (a terminal asking) only one taken at that store:
    another store's is answered as unknown (404), never as forbidden, so ids cannot be probed."""
    s = conn.execute(select(db.settlements).where(db.settlements.c.settlement_id == settlement_id)).first()
    if s is None or (store_id is not None and s.store_id != store_id):
        raise ApiError(404, "unknown_settlement", f"no settlement {settlement_id!r}")
    case = None
    if s.refund_case_id:
        case = conn.execute(select(db.refund_cases).where(db.refund_cases.c.id == s.refund_case_id)).first()
    return _settlement_view(s, _refund_case_view(case))


def post_settlement(conn: Connection, body: dict, caller: Caller, now: datetime) -> tuple[int, dict]:
    """Records that an order was paid at a store, exactly once per settlement_id. A settlement
    for an order already paid (elsewhere) becomes a refund case, never a second 'paid'. The
    same as POST /settlements/batch does per item (sync.sandbox.settlements, a list of one)."""
    from sync.sandbox.settlements import record_settlements

    [answer] = record_settlements(conn, [body], caller, now)
    if isinstance(answer, ApiError):
        raise answer
    return answer


def post_batch(conn: Connection, body: dict, caller: Caller, now: datetime) -> tuple[int, dict]:
    """Compares the terminal's day with what the platform recorded from that terminal. A refund
    case's difference carries its status and resolution (resolved: closed, not against `reconciled`)."""
    from sync.sandbox import counter_money, refund_cases

    start, end = day_bounds(body["business_date"], body["timezone"])
    theirs = {s["settlement_id"]: s for s in body["settlements"]}
    mine_t = db.settlements.c
    rows = conn.execute(select(db.settlements).where(
        mine_t.store_id == caller.store_id, mine_t.terminal_id == caller.terminal_id,
        or_(and_(mine_t.paid_at >= start, mine_t.paid_at < end), mine_t.settlement_id.in_(list(theirs) or [""])),
    ).order_by(mine_t.paid_at)).all()
    ours = {r.settlement_id: r for r in rows}
    diffs = []
    for sid, s in theirs.items():
        r = ours.get(sid)
        if r is None:
            diffs.append({"kind": "missing_at_platform", "settlement_id": sid, "order_no": s["order_no"],
                          "terminal_amount_minor": s["amount_minor"], "platform_amount_minor": None,
                          "action": "the platform never recorded it: send it again (is it still in the outbox?)"})
        elif r.amount_minor != s["amount_minor"]:
            diffs.append({"kind": "amount_differs", "settlement_id": sid, "order_no": r.order_no,
                          "terminal_amount_minor": s["amount_minor"], "platform_amount_minor": r.amount_minor,
                          "action": "compare the receipt with the platform's record and correct the wrong side"})
    for sid, r in ours.items():
        if sid not in theirs:
            diffs.append({"kind": "missing_at_terminal", "settlement_id": sid, "order_no": r.order_no,
                          "terminal_amount_minor": None, "platform_amount_minor": r.amount_minor,
                          "action": f"the platform has receipt {r.receipt_no} that this day's report lacks: check the terminal's sales"})
        if r.outcome == "refund_case":
            diffs.append({"kind": "double_payment_refund_case", "settlement_id": sid, "order_no": r.order_no,
                          "terminal_amount_minor": theirs.get(sid, {}).get("amount_minor"),
                          "platform_amount_minor": r.amount_minor, "refund_case_id": r.refund_case_id,
                          "action": "the order was paid twice: the buyer gets this payment back per the refund case",
                          **refund_cases.batch_fields(conn, r.refund_case_id)})  # status, resolution
        elif r.outcome == "amount_differs":
            order_total = conn.execute(select(db.orders.c.total_minor).where(db.orders.c.order_no == r.order_no)).scalar()
            diffs.append({"kind": "amount_differs_from_order", "settlement_id": sid, "order_no": r.order_no,
                          "terminal_amount_minor": theirs.get(sid, {}).get("amount_minor"),
                          "platform_amount_minor": r.amount_minor, "order_total_minor": order_total,
                          "action": "the amount taken differs from the order's total: settle the difference with the shop"})
    in_day = [r for r in rows if start <= r.paid_at < end]
    open_diffs = [d for d in diffs if not d.get("resolved")]  # a closed refund case is settled
    result = {
        "batch_id": new_id(),
        "business_date": body["business_date"].isoformat(),
        "timezone": body["timezone"],
        "currency": body["currency"],
        "terminal": {"count": len(theirs), "total_minor": sum(s["amount_minor"] for s in theirs.values())},
        "platform": {
            "count": len(in_day),
            "total_minor": sum(r.amount_minor for r in in_day),
            "paid_count": sum(r.outcome == "paid" for r in in_day),
            "paid_minor": sum(r.amount_minor for r in in_day if r.outcome == "paid"),
            "refund_case_count": sum(r.outcome == "refund_case" for r in in_day),
            "refund_case_minor": sum(r.amount_minor for r in in_day if r.outcome == "refund_case"),
            # money moved at this terminal's counter besides the sales (sync.sandbox.counter_money)
            **counter_money.day_figures(conn, caller.store_id, caller.terminal_id, body["business_date"].isoformat()),
        },
        "differences": diffs,
        "reconciled": not open_diffs,
    }
    conn.execute(insert(db.batches).values(id=result["batch_id"], store_id=caller.store_id,
                                           terminal_id=caller.terminal_id, business_date=result["business_date"],
                                           received_at=now, result=result))
    return 201, result
