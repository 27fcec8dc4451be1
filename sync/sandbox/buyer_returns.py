"""Returns started on the buyer's phone: what the buyer's page shows (balance, paid orders and their
units, return requests and what to do next), reading item codes from a photo or a camera frame,
and filing a return. The rules are the counter's (refunds.request_refund with `buyer_id`): own
paid orders only, inside the merchant's return window, a photo where the merchant wants one, not
refunded or open already, and the reputation rule. Same conventions as platform.py: an open
connection and the current time in, ApiError out. Also the buyer pages' form token and rate
limits (in memory: the sandbox is one process)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import io
import threading
from collections import deque
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from sync.sandbox import buyers, db, refunds
from sync.sandbox.platform import DEFAULT_POLICY, ApiError, Caller, Policy, iso, new_id

# reason key: (Chinese, English), as the buyer chooses it on the return page
REASONS = {
    "defective": ("商品有缺陷", "defective"),
    "damaged_in_transport": ("运输中损坏", "damaged in transport"),
    "wrong_item": ("发错商品", "wrong item"),
    "other": ("其他原因", "other"),
}
MAX_DETAILS = 300  # characters of the buyer's own words
RECENT_ORDERS = 20  # paid orders shown on the buyer's page
RECENT_REQUESTS = 30
MAX_CODE_LENGTH = 40  # as item_units.item_code
BUYER = Caller("buyer")  # no store, no terminal: filed on the phone
FORM_TOKEN_TTL = timedelta(hours=2)


# ---------------------------------------------------------------------------- the page


def next_step(r) -> str:
    """What the buyer does next about a request (a refund_requests row): waiting | rejected |
    refunded_to_balance_hand_in | refunded_to_balance | hand_in | done."""
    if r.status == "pending_seller":
        return "waiting"
    if r.status == "rejected":
        return "rejected"
    to_hand_in = (r.origin == "buyer") and r.handed_in_at is None
    if r.refunded_to == "buyer_balance":
        return "refunded_to_balance_hand_in" if to_hand_in else "refunded_to_balance"
    return "hand_in" if to_hand_in else "done"


def page_url(conn: Connection, base_url: str, buyer_id: str) -> str:
    """The buyer's page link, <base_url>/my/<token> (the token made on first use)."""
    return f"{base_url.rstrip('/')}/my/{buyers.page_token(conn, buyer_id)}"


def overview(conn: Connection, buyer_id: str, now: datetime) -> dict:
    """Everything the buyer's page shows, newest first: balances per currency with the ledger,
    paid orders with each unit's return state, and return requests with their next step."""
    o, u, line, m = db.orders, db.item_units, db.order_lines, db.merchants
    orders = conn.execute(select(o, m.c.name.label("merchant_name"), m.c.return_window_days)
                          .join(m, m.c.id == o.c.merchant_id)
                          .where(o.c.buyer_id == buyer_id, o.c.status == "paid")
                          .order_by(o.c.paid_at.desc(), o.c.order_no).limit(RECENT_ORDERS)).all()
    units: dict[str, list[dict]] = {}
    if orders:
        rows = conn.execute(select(u, line.c.name, line.c.unit_price_minor).join(line, line.c.id == u.c.line_id)
                            .where(u.c.order_no.in_([r.order_no for r in orders]))
                            .order_by(u.c.item_code)).all()
        for r in rows:
            units.setdefault(r.order_no, []).append(
                {"item_code": r.item_code, "name": r.name, "unit_price_minor": r.unit_price_minor,
                 "refund_state": r.refund_state, "request_id": r.refund_request_id})
    paid = []
    for r in orders:
        ends = r.paid_at + timedelta(days=r.return_window_days)
        paid.append({"order_no": r.order_no, "merchant": r.merchant_name, "currency": r.currency,
                     "total_minor": r.total_minor, "paid_at": iso(r.paid_at), "paid_via": r.paid_via,
                     "return_until": iso(ends), "returnable": now < ends, "units": units.get(r.order_no, [])})
    t = db.refund_requests
    reqs = conn.execute(select(t, m.c.name.label("merchant_name")).join(o, o.c.order_no == t.c.order_no)
                        .join(m, m.c.id == t.c.merchant_id).where(o.c.buyer_id == buyer_id)
                        .order_by(t.c.created_at.desc(), t.c.id).limit(RECENT_REQUESTS)).all()
    requests = [{"request_id": r.id, "order_no": r.order_no, "merchant": r.merchant_name,
                 "item_codes": list(r.item_codes), "reason": r.reason, "amount_minor": r.amount_minor,
                 "currency": r.currency, "status": r.status, "decided_by": r.decided_by, "note": r.note,
                 "origin": r.origin or "store", "created_at": iso(r.created_at), "decided_at": iso(r.decided_at),
                 "handed_in_at": iso(r.handed_in_at), "refunded_to": r.refunded_to, "next_step": next_step(r)}
                for r in reqs]
    ledger = [dict(e, created_at=iso(e["created_at"])) for e in buyers.ledger(conn, buyer_id)]
    return {"balances": buyers.balances(conn, buyer_id), "ledger": ledger, "orders": paid, "requests": requests}


# ---------------------------------------------------------------------------- item codes


def read_codes(jpeg: bytes) -> list[str]:
    """The texts of the barcodes zxing-cpp finds in a (re-encoded, so readable) image, in the
    order found, each once."""
    import numpy as np
    import zxingcpp
    from PIL import Image

    with Image.open(io.BytesIO(jpeg)) as img:
        gray = np.asarray(img.convert("L"))
    return list(dict.fromkeys(b.text for b in zxingcpp.read_barcodes(gray) if b.text))


def own_units(conn: Connection, buyer_id: str, codes: list[str]) -> list[dict]:
    """Which of `codes` are units of this buyer's paid orders (in the order given), with what
    the return page shows of them. Anyone else's code is left out, as if unknown."""
    wanted = [c.strip() for c in codes if c and len(c.strip()) <= MAX_CODE_LENGTH]
    if not wanted:
        return []
    u, o, line = db.item_units, db.orders, db.order_lines
    rows = {r.item_code: r for r in conn.execute(
        select(u.c.item_code, u.c.order_no, u.c.refund_state, line.c.name)
        .join(o, o.c.order_no == u.c.order_no).join(line, line.c.id == u.c.line_id)
        .where(u.c.item_code.in_(wanted), o.c.buyer_id == buyer_id, o.c.status == "paid")).all()}
    return [{"item_code": c, "name": rows[c].name, "order_no": rows[c].order_no,
             "refund_state": rows[c].refund_state} for c in dict.fromkeys(wanted) if c in rows]


# -------------------------------------------------------------------------------- filing


def store_buyer_photo(conn: Connection, data: bytes, buyer_id: str, now: datetime) -> str:
    """Keeps a photo the buyer took (already re-encoded by photos.reencode): no store's, the
    buyer's; only the merchant of the request it joins ever sees it."""
    pid = new_id()
    conn.execute(insert(db.photos).values(id=pid, store_id="", terminal_id="", buyer_id=buyer_id,
                                          content_type="image/jpeg", sha256=hashlib.sha256(data).hexdigest(),
                                          size=len(data), data=data, uploaded_at=now))
    return pid


def reason_text(reason: str, details: str) -> str:
    if reason not in REASONS:
        raise ApiError(422, "bad_reason", f"choose a reason: {', '.join(REASONS)}")
    details = " ".join(details.split())[:MAX_DETAILS]
    zh, en = REASONS[reason]
    return f"{zh} {en}" + (f": {details}" if details else "")


def file_return(conn: Connection, buyer_id: str, item_code: str, reason: str, details: str, photos: list[bytes],
                now: datetime, policy: Policy = DEFAULT_POLICY) -> dict:
    """Files the buyer's return of one unit with its photos (re-encoded JPEGs), all in the
    caller's transaction: a refusal leaves no photo behind. Returns refunds.refund_view."""
    code = item_code.strip()
    if not code:
        raise ApiError(422, "item_code_required", "scan, type or photograph the item code of the unit to return")
    if len(code) > MAX_CODE_LENGTH:
        raise ApiError(404, "unknown_item", "none of your paid orders has an item with this code: check it against "
                       "your receipt")
    text = reason_text(reason, details)
    photo_ids = [store_buyer_photo(conn, data, buyer_id, now) for data in photos]
    try:
        _, view = refunds.request_refund(conn, {"item_codes": [code], "reason": text, "photo_ids": photo_ids}, BUYER,
                                         now, policy, buyer_id=buyer_id)
    except ApiError as exc:
        if exc.code == "unknown_item":  # one answer whether the code is nobody's or another buyer's
            raise ApiError(404, "unknown_item", f"none of your paid orders has an item with the code {code!r}: "
                           "check it against your receipt") from None
        raise
    return view


# ------------------------------------------------------------------ form token, limits


def form_token(key: str, page_token: str, now: datetime) -> str:
    """The anti-CSRF token of the buyer's forms: issue time and an HMAC-SHA256 (the platform's
    key) of it and the page token. Stateless, bound to this buyer's page, expires."""
    issued = int(now.timestamp())
    return f"{issued}.{_mac(key, page_token, issued)}"


def form_token_ok(key: str, page_token: str, token: str | None, now: datetime) -> bool:
    if not token or len(token) > 100 or "." not in token:
        return False
    issued_s, mac = token.split(".", 1)
    if not issued_s.isdigit():
        return False
    issued = int(issued_s)
    age = now.timestamp() - issued
    if age < -300 or age > FORM_TOKEN_TTL.total_seconds():
        return False
    return hmac.compare_digest(mac.encode(), _mac(key, page_token, issued).encode())


def _mac(key: str, page_token: str, issued: int) -> str:
    digest = hmac.new(key.encode(), f"buyer-form|{page_token}|{issued}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


class RateLimit:
    """At most `limit` hits per key in any `window` (on the platform's clock). Thread-safe."""

    def __init__(self, limit: int, window: timedelta) -> None:
        self.limit = limit
        self.window = window
        self._lock = threading.Lock()
        self._hits: dict[str, deque[datetime]] = {}

    def blocked(self, key: str, now: datetime) -> int | None:
        """The seconds until `key` may hit again when it is at its limit now, else None (not counted)."""
        with self._lock:
            q = self._hits.get(key)
            while q and q[0] <= now - self.window:
                q.popleft()
            if q and len(q) >= self.limit:
                return max(1, int((q[0] + self.window - now).total_seconds() + 0.999))
            return None

    def hit(self, key: str, now: datetime) -> int | None:
        """Counts a hit; None when allowed, else the seconds until one is allowed again."""
        with self._lock:
            if len(self._hits) > 10_000:  # forget idle keys
                for k in [k for k, q in self._hits.items() if not q or q[-1] <= now - self.window]:
                    del self._hits[k]
            q = self._hits.setdefault(key, deque())
            while q and q[0] <= now - self.window:
                q.popleft()
            if len(q) >= self.limit:
                return max(1, int((q[0] + self.window - now).total_seconds() + 0.999))
            q.append(now)
            return None
