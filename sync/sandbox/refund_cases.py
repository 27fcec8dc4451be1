"""Refund cases: a settlement for an order already paid (or cancelled) becomes a case (platform.
post_settlement), and the buyer gets that payment back in one of two ways, never both:

- paid back at the counter: a terminal of the store that took the second payment gives the money
  back there and says so (`paid_back`); any terminal of that store may (the store's drawers hold
  the store's cash, and the buyer comes back to the store, not to one counter);
- refunded by the platform: the seller (seller portal) or the sandbox's admin credits the buyer's
  balance on the platform (`refund_by_platform`, buyers.credit_balance).

Either one closes the case: status "refunded" with its `resolution` (paid_back_at_counter |
platform_refund), `resolved_at` and `resolved_by`; the other is then refused with 409
(refunded_by_platform / paid_back_at_counter). The change of status is one conditional UPDATE
(status = 'open'), so two resolutions racing cannot both win.

Who sees a case: a terminal only its own store's cases (another store's is 404, never 403); a
merchant only the cases of its own orders. Same rules as platform.py: an open connection and the
current time in, ApiError out."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select, update
from sqlalchemy.engine import Connection

from pos_terminal.clock import day_bounds
from sync.sandbox import buyers, db
from sync.sandbox.platform import ApiError, Caller, iso

OPEN, REFUNDED = "open", "refunded"
PAID_BACK_AT_COUNTER, PLATFORM_REFUND = "paid_back_at_counter", "platform_refund"
ROUTES = ("cash", "bank_card", "prepaid_card")

# What the day's reconciliation says about a case (platform.post_batch)
ACTIONS = {
    OPEN: "the order was paid twice: the buyer gets this payment back per the refund case",
    PAID_BACK_AT_COUNTER: "closed: the payment was paid back to the buyer at the counter",
    PLATFORM_REFUND: "closed: the platform refunded this payment to the buyer",
}


def _query():
    c, s = db.refund_cases, db.settlements
    return (select(c, s.c.merchant_id, s.c.receipt_no.label("settlement_receipt_no"),
                   s.c.paid_at.label("settlement_paid_at"), db.orders.c.buyer_id)
            .join(s, s.c.settlement_id == c.c.settlement_id)
            .join(db.orders, db.orders.c.order_no == c.c.order_no))


def _view(r) -> dict:
    paid_back = None
    if r.resolution == PAID_BACK_AT_COUNTER:
        store, _, terminal = (r.resolved_by or "/").partition("/")
        paid_back = {"route": r.paid_back_route, "receipt_no": r.paid_back_receipt_no,
                     "paid_back_at": iso(r.paid_back_at), "store_id": store, "terminal_id": terminal}
    return {
        "refund_case_id": r.id, "order_no": r.order_no, "settlement_id": r.settlement_id, "reason": r.reason,
        "amount_minor": r.amount_minor, "currency": r.currency, "merchant_id": r.merchant_id,
        "store_id": r.store_id, "terminal_id": r.terminal_id, "receipt_no": r.settlement_receipt_no,
        "paid_at": iso(r.settlement_paid_at), "created_at": iso(r.created_at),
        "status": r.status, "resolution": r.resolution, "resolved_at": iso(r.resolved_at),
        "resolved_by": r.resolved_by, "paid_back": paid_back,
    }


def _scope(q, caller: Caller):
    if caller.kind == "terminal":
        return q.where(db.refund_cases.c.store_id == caller.store_id)
    if caller.kind == "merchant":
        return q.where(db.settlements.c.merchant_id == caller.merchant_id)
    return q  # the sandbox's admin sees every case


def _row(conn: Connection, case_id: str, caller: Caller):
    r = conn.execute(_scope(_query().where(db.refund_cases.c.id == case_id), caller)).first()
    if r is None:
        raise ApiError(404, "unknown_refund_case", f"no refund case {case_id!r}")
    return r


def list_cases(conn: Connection, caller: Caller, *, business_date: date | None = None, timezone: str = "Asia/Shanghai",
               status: str | None = None, limit: int = 500) -> list[dict]:
    """The caller's cases, newest first; `business_date`: those whose (second) payment was taken on
    that day in `timezone`; `status`: open or refunded."""
    q = _scope(_query(), caller)
    if business_date is not None:
        start, end = day_bounds(business_date, timezone)
        q = q.where(db.settlements.c.paid_at >= start, db.settlements.c.paid_at < end)
    if status is not None:
        q = q.where(db.refund_cases.c.status == status)
    rows = conn.execute(q.order_by(db.refund_cases.c.created_at.desc(), db.refund_cases.c.id).limit(limit)).all()
    return [_view(r) for r in rows]


def case_view(conn: Connection, case_id: str, caller: Caller) -> dict:
    return _view(_row(conn, case_id, caller))


def _already(r, *, counter: bool) -> ApiError:
    if r.resolution == PLATFORM_REFUND:
        return ApiError(409, "refunded_by_platform",
                        f"refund case {r.id} was refunded to the buyer by the platform at {iso(r.resolved_at)}: "
                        "do not pay it back at the counter" if counter else
                        f"refund case {r.id} was refunded to the buyer already (at {iso(r.resolved_at)})",
                        resolved_at=iso(r.resolved_at))
    return ApiError(409, "paid_back_at_counter",
                    f"refund case {r.id} was paid back at the counter {r.resolved_by} (receipt "
                    f"{r.paid_back_receipt_no}) at {iso(r.resolved_at)}: the buyer has the money; nothing more to do",
                    resolved_by=r.resolved_by, receipt_no=r.paid_back_receipt_no, resolved_at=iso(r.resolved_at))


def _close(conn: Connection, case_id: str, values: dict) -> bool:
    """Closes the case if it is still open; False when something else closed it first."""
    t = db.refund_cases
    done = conn.execute(update(t).where(t.c.id == case_id, t.c.status == OPEN).values(status=REFUNDED, **values))
    return done.rowcount == 1


def paid_back(conn: Connection, case_id: str, body: dict, caller: Caller, now: datetime) -> tuple[int, dict]:
    """A terminal of the store that took the second payment paid it back at its counter: `body`
    {amount_minor (the case's), route, receipt_no, paid_back_at}. 404 for another store's case,
    422 amount_mismatch, 409 refunded_by_platform / paid_back_at_counter once closed."""
    r = _row(conn, case_id, caller)
    if body["amount_minor"] != r.amount_minor:
        raise ApiError(422, "amount_mismatch",
                       f"refund case {case_id} is for {r.amount_minor} {r.currency} (minor units), not "
                       f"{body['amount_minor']}: pay back exactly the second payment", amount_minor=r.amount_minor)
    if body["route"] not in ROUTES:
        raise ApiError(422, "invalid_route", f"route must be one of {', '.join(ROUTES)}")
    if r.status != OPEN:
        raise _already(r, counter=True)
    if not _close(conn, case_id, {"resolution": PAID_BACK_AT_COUNTER, "resolved_at": now,
                                  "resolved_by": f"{caller.store_id}/{caller.terminal_id}",
                                  "paid_back_route": body["route"], "paid_back_receipt_no": body["receipt_no"],
                                  "paid_back_at": body["paid_back_at"]}):
        raise _already(_row(conn, case_id, caller), counter=True)
    return 200, case_view(conn, case_id, caller)


def refund_by_platform(conn: Connection, case_id: str, caller: Caller, now: datetime, *, by: str,
                       note: str | None = None) -> tuple[int, dict]:
    """The platform gives the payment back to the buyer's balance (the seller or the admin: `by`
    names who, e.g. "seller:tea-seller" or "admin"). 404 outside the caller's cases; 409
    paid_back_at_counter when a counter paid it back; the same case again: its view as it is."""
    r = _row(conn, case_id, caller)
    if r.status != OPEN:
        if r.resolution == PLATFORM_REFUND:
            return 200, _view(r)
        raise _already(r, counter=False)
    if not _close(conn, case_id, {"resolution": PLATFORM_REFUND, "resolved_at": now, "resolved_by": by[:140]}):
        r = _row(conn, case_id, caller)
        if r.resolution == PLATFORM_REFUND:
            return 200, _view(r)
        raise _already(r, counter=False)
    buyers.credit_balance(conn, r.buyer_id, r.amount_minor, r.currency, kind="refund_case", ref=case_id, now=now,
                          note=(note or f"order {r.order_no} paid twice")[:200])
    return 200, case_view(conn, case_id, caller)


def batch_fields(conn: Connection, case_id: str | None) -> dict:
    """What the day's reconciliation adds to a double_payment_refund_case difference: the case's
    status and resolution, and the action that fits them."""
    if not case_id:
        return {}
    r = conn.execute(select(db.refund_cases).where(db.refund_cases.c.id == case_id)).first()
    if r is None:
        return {}
    fields = {"refund_case_status": r.status, "resolution": r.resolution, "resolved_at": iso(r.resolved_at),
              "resolved": r.status != OPEN, "action": ACTIONS.get(r.resolution or OPEN, ACTIONS[OPEN])}
    if r.resolution == PAID_BACK_AT_COUNTER:
        fields |= {"paid_back_receipt_no": r.paid_back_receipt_no, "resolved_by": r.resolved_by}
    return fields
