"""The platform's returns: item look-up, refund photos, requests (with the rules for returns at
another store) and the seller's decision. Same rules as platform.py: an open connection and the
current time in, ApiError out."""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.engine import Connection

from sync.sandbox import db
from sync.sandbox.platform import DEFAULT_POLICY, ApiError, Caller, Policy, iso, new_id, order_row
from sync.sandbox.refund_messages import refund_decided


def _payment(conn: Connection, o) -> dict:
    if o.status != "paid":
        return {"status": "unpaid", "route": None, "store_id": None, "terminal_id": None, "paid_at": None, "tenders": [],
                "tender_amounts": None}
    if o.paid_via == "online":
        return {"status": "paid", "route": "online", "store_id": None, "terminal_id": None, "paid_at": iso(o.paid_at),
                "tenders": ["online"], "tender_amounts": [{"kind": "online", "amount_minor": o.total_minor}]}
    s = conn.execute(select(db.settlements).where(db.settlements.c.settlement_id == o.paid_settlement_id)).one()
    tenders = list(s.tenders)
    route = tenders[0] if len(tenders) == 1 else "mixed"
    return {"status": "paid", "route": route, "store_id": s.store_id, "terminal_id": s.terminal_id,
            "paid_at": iso(s.paid_at), "tenders": tenders, "tender_amounts": s.tender_amounts}


def _masked_name(name: str) -> str:
    return (name[:1] + "*" * max(1, len(name) - 1)) if name else name


def item_view(conn: Connection, item_code: str, now: datetime, store_id: str | None = None) -> dict:
    """A sold unit, for a return. With `store_id` (a terminal asking): any store may look a unit up
    (a return may be taken anywhere), but a store that did not take the payment sees only what a
    return needs: the buyer's name masked, not the selling terminal."""
    u = conn.execute(select(db.item_units).where(db.item_units.c.item_code == item_code)).first()
    if u is None:
        raise ApiError(404, "unknown_item", f"no item with code {item_code!r}")
    line = conn.execute(select(db.order_lines).where(db.order_lines.c.id == u.line_id)).one()
    o = order_row(conn, u.order_no)
    m = conn.execute(select(db.merchants).where(db.merchants.c.id == o.merchant_id)).one()
    b = conn.execute(select(db.buyers).where(db.buyers.c.id == o.buyer_id)).one()
    ends = o.paid_at + timedelta(days=m.return_window_days) if o.status == "paid" else None
    payment = _payment(conn, o)
    buyer_name = b.name
    if store_id is not None and payment["store_id"] != store_id:
        buyer_name = _masked_name(b.name)
        payment["terminal_id"] = None
    return {
        "item_code": item_code, "sku": line.sku, "name": line.name, "unit_price_minor": line.unit_price_minor,
        "currency": o.currency, "order_no": o.order_no,
        "seller": {"merchant_id": m.id, "name": m.name, "refund_threshold": m.refund_threshold,
                   "photo_required": m.photo_required},
        "buyer": {"buyer_id": b.id, "name": buyer_name, "reputation": b.reputation},
        "payment": payment,
        "refund": {"state": u.refund_state, "request_id": u.refund_request_id,
                   **_online_request(conn, u.refund_request_id, store_id)},
        "return_window": {"days": m.return_window_days, "ends_at": iso(ends), "inside": bool(ends and now < ends)},
    }


def _online_request(conn: Connection, request_id: str | None, store_id: str | None) -> dict:
    """{"online_request": ...} when the unit's open or approved request was filed on the buyer's
    phone (else {}): what the counter shows and needs to take the unit in. A store sees whether
    the unit was handed in, and where only when it was handed in there."""
    if not request_id:
        return {}
    r = conn.execute(select(db.refund_requests).where(db.refund_requests.c.id == request_id)).first()
    if r is None or r.origin != "buyer" or r.status not in ("pending_seller", "approved"):
        return {}
    here = r.handed_in_at is not None and store_id is not None and r.store_id == store_id
    items = conn.execute(select(db.item_units.c.item_code, db.order_lines.c.name, db.order_lines.c.unit_price_minor)
                         .join(db.order_lines, db.order_lines.c.id == db.item_units.c.line_id)
                         .where(db.item_units.c.item_code.in_(list(r.item_codes)))).all()
    return {"online_request": {
        "items": [{"item_code": i.item_code, "name": i.name, "unit_price_minor": i.unit_price_minor} for i in items],
        "request_id": r.id, "status": r.status, "decided_by": r.decided_by, "note": r.note, "reason": r.reason,
        "amount_minor": r.amount_minor, "currency": r.currency, "item_codes": list(r.item_codes),
        "created_at": iso(r.created_at), "decided_at": iso(r.decided_at), "handed_in": r.handed_in_at is not None,
        "handed_in_here": here, "handed_in_at": iso(r.handed_in_at) if here else None,
        "handed_in_terminal_id": r.terminal_id if here else None, "refunded_to": r.refunded_to}}


def hand_in(conn: Connection, request_id: str, caller: Caller, now: datetime,
            policy: Policy = DEFAULT_POLICY) -> tuple[int, dict]:
    """A store takes in the unit(s) of a return filed on the buyer's phone: the request is bound
    to the calling store and terminal (from then on it is that store's request: its list, its
    status, its payout), under the rules for a return at another store as a counter intake is.
    The same store again gets the request (a repeat changes nothing); another store is refused
    (409 handed_in_elsewhere), as are a rejected request (409 refund_rejected) and one filed at a
    counter (409 not_an_online_request)."""
    t = db.refund_requests
    r = conn.execute(select(t).where(t.c.id == request_id).with_for_update()).first()
    if r is None:
        raise ApiError(404, "unknown_refund_request", f"no refund request {request_id!r}")
    if r.origin != "buyer":
        raise ApiError(409, "not_an_online_request", f"refund request {request_id} was filed at a store counter, not "
                       "on the buyer's phone: there is nothing to hand in")
    if r.handed_in_at is not None:
        if r.store_id == caller.store_id:
            return 200, refund_view(conn, request_id)
        raise ApiError(409, "handed_in_elsewhere", "this return was handed in at another store already; that store "
                       "completes it: keep the unit out of this store's returns")
    if r.status == "rejected":
        raise ApiError(409, "refund_rejected", f"the seller rejected this return ({r.note or 'no note'}): nothing is "
                       "taken in or paid; give the unit back to the buyer")
    _check_foreign_return(conn, order_row(conn, r.order_no, lock=True), caller, r.amount_minor, now, policy)
    done = conn.execute(update(t).where(t.c.id == request_id, t.c.handed_in_at.is_(None)).values(
        store_id=caller.store_id, terminal_id=caller.terminal_id, handed_in_at=now))
    if done.rowcount != 1:  # another store's hand-in won the race
        raise ApiError(409, "handed_in_elsewhere", "this return was handed in at another store just now; that "
                       "store completes it")
    return 200, refund_view(conn, request_id)


def store_photo(conn: Connection, data: bytes, content_type: str, caller: Caller, now: datetime) -> tuple[int, dict]:
    """Keeps a photo that photos.reencode() made (it checks type, size and content)."""
    pid = new_id()
    digest = hashlib.sha256(data).hexdigest()
    conn.execute(insert(db.photos).values(id=pid, store_id=caller.store_id, terminal_id=caller.terminal_id,
                                          content_type=content_type, sha256=digest, size=len(data), data=data,
                                          uploaded_at=now))
    return 201, {"photo_id": pid, "sha256": digest, "size": len(data), "content_type": content_type}


def refund_view(conn: Connection, request_id: str, store_id: str | None = None) -> dict:
    """A refund request; with `store_id` (a terminal asking) only one filed at that store: another
    store's is answered as unknown (404)."""
    r = conn.execute(select(db.refund_requests).where(db.refund_requests.c.id == request_id)).first()
    if r is None or (store_id is not None and r.store_id != store_id):
        raise ApiError(404, "unknown_refund_request", f"no refund request {request_id!r}")
    m = conn.execute(select(db.merchants).where(db.merchants.c.id == r.merchant_id)).one()
    photo_ids = conn.execute(select(db.photos.c.id).where(db.photos.c.refund_request_id == request_id)
                             .order_by(db.photos.c.uploaded_at)).scalars().all()
    return {
        "request_id": r.id, "status": r.status, "decided_by": r.decided_by, "order_no": r.order_no,
        "merchant": {"id": m.id, "name": m.name}, "item_codes": list(r.item_codes), "reason": r.reason,
        "amount_minor": r.amount_minor, "currency": r.currency, "buyer_reputation": r.buyer_reputation,
        "threshold": r.threshold,
        "payout": {"route": r.payout_route, "store_id": r.store_id, "terminal_id": r.terminal_id},
        "photo_ids": list(photo_ids), "note": r.note, "created_at": iso(r.created_at), "decided_at": iso(r.decided_at),
        "origin": r.origin or "store", "refunded_to": r.refunded_to, "handed_in_at": iso(r.handed_in_at),
    }


def _check_foreign_return(conn: Connection, o, caller: Caller, amount: int, now: datetime, policy: Policy) -> None:
    """The platform's rules for a return at a store that did not take the payment (Policy)."""
    payment = _payment(conn, o)
    if caller.kind != "terminal" or payment["store_id"] == caller.store_id:
        return
    if "cash" in payment["tenders"] and amount > policy.foreign_cash_refund_minor:
        raise ApiError(409, "foreign_cash_refund_cap",
                       f"this order was paid in cash at another store: a return here is paid out in cash only up to "
                       f"{policy.foreign_cash_refund_minor} minor units ({amount} asked); send the buyer to the "
                       f"store that sold it ({payment['store_id']})",
                       limit_minor=policy.foreign_cash_refund_minor, amount_minor=amount,
                       selling_store_id=payment["store_id"])
    r, so, st = db.refund_requests.c, db.orders.c, db.settlements.c
    count, total = conn.execute(
        select(func.count(), func.coalesce(func.sum(r.amount_minor), 0))
        .select_from(db.refund_requests.join(db.orders, so.order_no == r.order_no)
                     .outerjoin(db.settlements, st.settlement_id == so.paid_settlement_id))
        .where(r.store_id == caller.store_id, func.coalesce(r.handed_in_at, r.created_at) > now - timedelta(days=1),
               r.status != "rejected",
               or_(st.store_id.is_(None), st.store_id != caller.store_id))).one()
    if count >= policy.foreign_returns_per_day:
        raise ApiError(409, "foreign_return_count_cap",
                       f"this store took {count} returns of goods sold elsewhere in the last 24 hours, the most the "
                       f"platform allows ({policy.foreign_returns_per_day}); send the buyer to the store that sold it "
                       "or try again tomorrow", limit=policy.foreign_returns_per_day, count=count)
    if total + amount > policy.foreign_return_minor_per_day:
        raise ApiError(409, "foreign_return_amount_cap",
                       f"returns of goods sold elsewhere at this store would reach {total + amount} minor units in 24 "
                       f"hours, more than the platform allows ({policy.foreign_return_minor_per_day}); send the buyer "
                       "to the store that sold it or try again tomorrow",
                       limit_minor=policy.foreign_return_minor_per_day, total_minor=total, amount_minor=amount)


def approved_by_policy(reputation: int, threshold: int) -> bool:
    """The reputation rule, for a counter intake and a return filed on the buyer's phone alike:
    approved at once when the buyer's reputation is at or above the merchant's threshold."""
    return reputation >= threshold


def refund_to_balance(conn: Connection, request_id: str, now: datetime) -> bool:
    """An approved request of an order paid online is refunded by the platform itself: the
    buyer's balance is credited (once per request, in the caller's transaction) and the request
    says refunded_to="buyer_balance". True when this call credited it; False for any other
    request (not approved, not paid online) or one credited already."""
    from sync.sandbox import buyers

    r = conn.execute(select(db.refund_requests).where(db.refund_requests.c.id == request_id)).one()
    if r.status != "approved" or r.payout_route != "online":
        return False
    buyer_id = conn.execute(select(db.orders.c.buyer_id).where(db.orders.c.order_no == r.order_no)).scalar_one()
    credited = buyers.credit_balance(conn, buyer_id, r.amount_minor, r.currency, kind="refund_request", ref=r.id,
                                     now=now, note=f"订单 order {r.order_no}")
    conn.execute(update(db.refund_requests).where(db.refund_requests.c.id == request_id)
                 .values(refunded_to="buyer_balance"))
    return credited


def request_refund(conn: Connection, body: dict, caller: Caller, now: datetime,
                   policy: Policy = DEFAULT_POLICY, *, buyer_id: str | None = None) -> tuple[int, dict]:
    """Policy: approved at once when the buyer's reputation is at or above the merchant's
    threshold, otherwise pending until the seller decides. A return at a store that did not take
    the payment is held to the Policy's limits for returns at another store.
    `buyer_id`: filed on the buyer's phone (sync.sandbox.buyer_returns; caller kind "buyer", no
    store): only units of that buyer's orders (another's are unknown, 404), only that buyer's
    own photos, origin "buyer". An approved request of an order paid online is refunded to the
    buyer's balance at once (refund_to_balance)."""
    codes = list(dict.fromkeys(body["item_codes"]))
    units = {u.item_code: u for u in conn.execute(
        select(db.item_units).where(db.item_units.c.item_code.in_(codes)).with_for_update()).all()}
    for code in codes:
        if code not in units:
            raise ApiError(404, "unknown_item", f"no item with code {code!r}", item_code=code)
    order_nos = {u.order_no for u in units.values()}
    if len(order_nos) != 1:
        raise ApiError(422, "items_from_several_orders", "one refund request covers units of one order; split it")
    o = order_row(conn, order_nos.pop(), lock=True)
    if buyer_id is not None and o.buyer_id != buyer_id:
        raise ApiError(404, "unknown_item", f"no item of yours with code {codes[0]!r}", item_code=codes[0])
    if o.status != "paid":
        raise ApiError(409, "order_not_paid", f"order {o.order_no} was never paid; nothing to refund")
    for code in codes:
        if units[code].refund_state == "refunded":
            raise ApiError(409, "already_refunded", f"item {code} is already refunded", item_code=code)
        if units[code].refund_state == "open":
            raise ApiError(409, "request_open", f"item {code} has a refund request open: {units[code].refund_request_id}",
                           item_code=code, request_id=units[code].refund_request_id)
    m = conn.execute(select(db.merchants).where(db.merchants.c.id == o.merchant_id)).one()
    b = conn.execute(select(db.buyers).where(db.buyers.c.id == o.buyer_id)).one()
    if now >= o.paid_at + timedelta(days=m.return_window_days):
        raise ApiError(409, "outside_return_window",
                       f"{m.name} takes returns within {m.return_window_days} days of payment ({iso(o.paid_at)})")
    photo_ids = list(dict.fromkeys(body.get("photo_ids") or []))
    if m.photo_required and not photo_ids:
        raise ApiError(422, "photo_required", f"{m.name} needs at least one photo of the defect")
    if photo_ids:
        found = conn.execute(select(db.photos).where(db.photos.c.id.in_(photo_ids))).all()
        usable = {p.id for p in found if p.store_id == caller.store_id and p.buyer_id == buyer_id
                  and p.refund_request_id is None}
        missing = [p for p in photo_ids if p not in usable]
        if missing:
            raise ApiError(422, "unknown_photo", f"photo {missing[0]} was not uploaded by this store or is used already")
    prices = dict(conn.execute(select(db.item_units.c.item_code, db.order_lines.c.unit_price_minor)
                               .join(db.order_lines, db.order_lines.c.id == db.item_units.c.line_id)
                               .where(db.item_units.c.item_code.in_(codes))).all())
    _check_foreign_return(conn, o, caller, sum(prices[c] for c in codes), now, policy)
    approved = approved_by_policy(b.reputation, m.refund_threshold)
    rid = new_id()
    conn.execute(insert(db.refund_requests).values(
        id=rid, order_no=o.order_no, merchant_id=m.id, store_id=caller.store_id, terminal_id=caller.terminal_id,
        item_codes=codes, reason=body["reason"], amount_minor=sum(prices[c] for c in codes), currency=o.currency,
        status="approved" if approved else "pending_seller", decided_by="policy" if approved else None,
        buyer_reputation=b.reputation, threshold=m.refund_threshold, payout_route=_payment(conn, o)["route"],
        created_at=now, decided_at=now if approved else None, origin="buyer" if buyer_id else "store"))
    conn.execute(update(db.item_units).where(db.item_units.c.item_code.in_(codes)).values(
        refund_state="refunded" if approved else "open", refund_request_id=rid))
    if photo_ids:
        conn.execute(update(db.photos).where(db.photos.c.id.in_(photo_ids)).values(refund_request_id=rid))
    if approved:
        refund_to_balance(conn, rid, now)
        refund_decided(conn, rid, now)  # the buyer's messages and the merchant's webhook, with the decision
    return 201, refund_view(conn, rid)


def list_refunds(conn: Connection, *, store_id: str | None = None, merchant_id: str | None = None,
                 status: str | None = None) -> list[dict]:
    q = select(db.refund_requests.c.id).order_by(db.refund_requests.c.created_at.desc())
    if store_id:
        q = q.where(db.refund_requests.c.store_id == store_id)
    if merchant_id:
        q = q.where(db.refund_requests.c.merchant_id == merchant_id)
    if status:
        q = q.where(db.refund_requests.c.status == status)
    return [refund_view(conn, rid) for rid in conn.execute(q.limit(500)).scalars().all()]


def decide_refund(conn: Connection, request_id: str, approve: bool, note: str, caller: Caller,
                  now: datetime) -> tuple[int, dict]:
    r = conn.execute(select(db.refund_requests).where(db.refund_requests.c.id == request_id).with_for_update()).first()
    if r is None or (caller.kind == "merchant" and caller.merchant_id != r.merchant_id):
        # another merchant's request is answered exactly like one that does not exist
        raise ApiError(404, "unknown_refund_request", f"no refund request {request_id!r}")
    if r.status != "pending_seller":
        raise ApiError(409, "already_decided", f"refund request {request_id} is {r.status} already")
    conn.execute(update(db.refund_requests).where(db.refund_requests.c.id == request_id).values(
        status="approved" if approve else "rejected", decided_by="seller", decided_at=now, note=note or None))
    conn.execute(update(db.item_units).where(db.item_units.c.refund_request_id == request_id).values(
        refund_state="refunded" if approve else "none", refund_request_id=request_id if approve else None))
    if approve:
        refund_to_balance(conn, request_id, now)
    refund_decided(conn, request_id, now)  # the buyer's messages and the merchant's webhook, with the decision
    return 200, refund_view(conn, request_id)


def photo_bytes(conn: Connection, photo_id: str) -> tuple[bytes, str]:
    p = conn.execute(select(db.photos).where(db.photos.c.id == photo_id)).first()
    if p is None:
        raise ApiError(404, "unknown_photo", f"no photo {photo_id!r}")
    return p.data, p.content_type
