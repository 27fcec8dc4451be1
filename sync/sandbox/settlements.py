"""Recording settlements, one or many: what POST /settlements (platform.post_settlement, a list of
one) and POST /settlements/batch (settle_keyed, sync.sandbox.settlement_batch) both do, in the
caller's transaction, with a few statements for a whole list instead of a dozen per settlement.

A settlement is recorded exactly once per settlement_id. For an order already paid or cancelled
it opens a refund case (the buyer gets that payment back), never a second 'paid'; an amount or
currency that is not the order's is recorded as 'amount_differs'; otherwise the order is paid, and
the buyer's messages and the merchant's webhook are queued with it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from sqlalchemy import and_, bindparam, delete, insert, select, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import IntegrityError

from sync.sandbox import db
from sync.sandbox import platform as p

_CHUNK = 500  # values in one IN (...)

ACCEPTED, DUPLICATE, CONFLICT, REFUSED = "accepted", "duplicate", "conflict", "refused"


def _chunks(values: Iterable, size: int = _CHUNK):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def record_settlements(conn: Connection, bodies: list[dict], caller: p.Caller,
                       now: datetime) -> list[tuple[int, dict] | p.ApiError]:
    """Records each body (api.SettlementIn.model_dump()) in order, as if one by one (a later one
    sees what an earlier one did: the same order twice is paid, then a refund case). Returns per
    body (201, the settlement) when recorded now, (200, the settlement) when its settlement_id was
    recorded before with the same facts, or the refusal, which wrote nothing: 403
    credential_mismatch, 404 unknown_order, 409 settlement_conflict."""
    s_t, o_t = db.settlements, db.orders
    mine = [b for b in bodies if (b["store_id"], b["terminal_id"]) == (caller.store_id, caller.terminal_id)]
    before = {}
    for ids in _chunks({b["settlement_id"] for b in mine}):
        before.update({r.settlement_id: r for r in conn.execute(select(s_t).where(s_t.c.settlement_id.in_(ids)))})
    orders = {}
    for nos in _chunks(sorted({b["order_no"] for b in mine})):  # locked in one order: no deadlock between batches
        orders.update({r.order_no: r for r in conn.execute(
            select(o_t).where(o_t.c.order_no.in_(nos)).order_by(o_t.c.order_no).with_for_update())})
    hooked = set()  # merchants with a webhook endpoint (webhooks.enqueue queues nothing for the others)
    merchant_ids = {o.merchant_id for o in orders.values()}
    for ids in _chunks(merchant_ids):
        hooked.update(conn.execute(select(db.merchants.c.id).where(
            db.merchants.c.id.in_(ids), db.merchants.c.webhook_url.is_not(None), db.merchants.c.webhook_url != "")
        ).scalars())

    status_of = {no: o.status for no, o in orders.items()}  # as the list goes
    recorded: dict[str, SimpleNamespace] = {}
    settlement_rows, case_rows, paid_rows, notification_rows = [], [], [], []
    results: list[tuple[int, dict] | p.ApiError] = []
    from sync.sandbox import notify, webhooks

    for body in bodies:
        sid = body["settlement_id"]
        if (body["store_id"], body["terminal_id"]) != (caller.store_id, caller.terminal_id):
            results.append(p.ApiError(
                403, "credential_mismatch", f"settlement names {body['store_id']}/{body['terminal_id']} but the "
                                            f"credential is {caller.store_id}/{caller.terminal_id}"))
            continue
        earlier = recorded.get(sid) or before.get(sid)
        if earlier is not None:
            if (earlier.order_no, earlier.amount_minor, earlier.store_id) != (
                    body["order_no"], body["amount_minor"], body["store_id"]):
                results.append(p.ApiError(409, "settlement_conflict",
                                          f"settlement {sid} was recorded before with other facts"))
            elif sid in recorded:
                results.append((200, _view(recorded[sid])))
            else:
                results.append((200, p.settlement_view(conn, sid)))
            continue
        o = orders.get(body["order_no"])
        if o is None:
            results.append(p.ApiError(404, "unknown_order", f"no order {body['order_no']!r}"))
            continue
        case = None
        if status_of[o.order_no] in ("paid", "cancelled"):
            outcome = "refund_case"
            case = {"id": p.new_id(), "order_no": o.order_no, "settlement_id": sid,
                    "reason": "double_payment" if status_of[o.order_no] == "paid" else "order_cancelled",
                    "amount_minor": body["amount_minor"], "currency": body["currency"], "store_id": caller.store_id,
                    "terminal_id": caller.terminal_id, "status": "open", "created_at": now}
            case_rows.append(case)
        elif body["amount_minor"] != o.total_minor or body["currency"] != o.currency:
            outcome = "amount_differs"
        else:
            outcome = "paid"
            status_of[o.order_no] = "paid"
            paid_rows.append({"b_order_no": o.order_no, "b_paid_at": body["paid_at"], "b_settlement_id": sid})
            # the buyer and the merchant hear it, with the settlement
            notification_rows += notify.notification_rows(o.order_no, "order_paid", email=o.buyer_email,
                                                          phone=o.buyer_phone, now=now)
            if o.merchant_id in hooked:
                webhooks.order_paid(conn, o, body, now)
        row = {"settlement_id": sid, "order_no": o.order_no, "merchant_id": o.merchant_id,
               "store_id": caller.store_id, "terminal_id": caller.terminal_id, "receipt_no": body["receipt_no"],
               "amount_minor": body["amount_minor"], "currency": body["currency"], "tenders": list(body["tenders"]),
               "offline": body["offline"],
               "tender_amounts": [dict(t) for t in body["tender_amounts"]] if body.get("tender_amounts") else None,
               "voucher_id": body.get("voucher_id"), "paid_at": body["paid_at"], "received_at": now,
               "business_date": body["business_date"].isoformat() if body.get("business_date") else None,
               "outcome": outcome, "refund_case_id": case["id"] if case else None}
        settlement_rows.append(row)
        recorded[sid] = SimpleNamespace(**row, case=case)
        results.append((201, _view(recorded[sid])))

    if paid_rows:
        conn.execute(update(o_t).where(o_t.c.order_no == bindparam("b_order_no")).values(
            status="paid", paid_at=bindparam("b_paid_at", type_=db.TS()), paid_via="store",
            paid_settlement_id=bindparam("b_settlement_id"), claim_store_id=None, claim_terminal_id=None,
            claim_expires_at=None), paid_rows)
    if case_rows:
        conn.execute(insert(db.refund_cases), case_rows)
    if notification_rows:
        conn.execute(insert(db.notifications), notification_rows)
    if settlement_rows:
        conn.execute(insert(s_t), settlement_rows)
    return results


def _view(s: SimpleNamespace) -> dict:
    """The answer for a settlement recorded by this call (platform.settlement_view without reading it back)."""
    case = None
    if s.case is not None:
        case = p._refund_case_view(SimpleNamespace(**s.case, resolution=None, resolved_at=None))
    return p._settlement_view(s, case)


# ------------------------------------------------------------------ keyed: the batch endpoint


@dataclass(frozen=True)
class Item:
    """One item of a batch, checked: `data` and `req_hash` for a valid body, else `invalid` (its
    refusal, not kept under the key: as the single endpoint's 422 before it reads the key)."""

    key: str
    settlement_id: str | None
    data: dict | None = None
    req_hash: str | None = None
    invalid: p.ApiError | None = None


@dataclass(frozen=True)
class _Kept:
    request_hash: str
    status: int
    body: dict
    expires_at: datetime


def settle_keyed(engine: Engine, caller: p.Caller, items: list[Item], now: datetime) -> list[dict]:
    """Records `items` in ONE transaction, each exactly once under its Idempotency-Key (the keys
    of POST /settlements: same scope, same request fingerprint), and returns one answer per item,
    in order: {idempotency_key, settlement_id, result, status, reason, answer} (settlement_batch's
    module doc). A failure that is not an item's refusal commits nothing."""
    for _attempt in range(3):
        try:
            with engine.begin() as conn:
                return _settle_all(conn, caller, items, now)
        except IntegrityError:
            continue  # a concurrent request with one of the keys committed first: answer as it did
    raise p.ApiError(409, "conflict", "concurrent requests collided; send the batch again with the same keys")


def _settle_all(conn: Connection, caller: p.Caller, items: list[Item], now: datetime) -> list[dict]:
    t = db.idempotency
    kept: dict[str, _Kept] = {}
    for keys in _chunks(sorted({i.key for i in items if i.invalid is None})):
        for row in conn.execute(select(t.c.key, t.c.request_hash, t.c.status_code, t.c.response, t.c.expires_at)
                                .where(t.c.scope == caller.scope, t.c.key.in_(keys))):
            kept[row.key] = _Kept(row.request_hash, row.status_code, row.response, row.expires_at)
    expired = [k for k, v in kept.items() if v.expires_at <= now]  # kept past their time: the keys are free again
    for keys in _chunks(expired):
        conn.execute(delete(t).where(and_(t.c.scope == caller.scope, t.c.key.in_(keys))))
    for k in expired:
        del kept[k]
    # the first use of each new key is recorded; a later item with the same key answers after it
    fresh = {}
    for item in items:
        if item.invalid is None and item.key not in kept and item.key not in fresh:
            fresh[item.key] = item
    outcomes = record_settlements(conn, [i.data for i in fresh.values()], caller, now)
    new_rows = []
    for item, outcome in zip(fresh.values(), outcomes):
        status, body = (outcome.status, outcome.body()) if isinstance(outcome, p.ApiError) else outcome
        new_rows.append({"scope": caller.scope, "key": item.key, "request_hash": item.req_hash, "status_code": status,
                         "response": body, "created_at": now, "expires_at": now + p.IDEMPOTENCY_TTL})
    if new_rows:  # with the effects, in the same transaction
        conn.execute(insert(t), new_rows)
    answers, answered = [], set()
    by_key = {row["key"]: row for row in new_rows}
    for item in items:
        if item.invalid is not None:
            answers.append(_answer(item, REFUSED, item.invalid.status, item.invalid.body()))
            continue
        row = by_key.get(item.key)
        if row is not None and item.key not in answered:
            answered.add(item.key)
            answers.append(_answer(item, ACCEPTED if row["status_code"] < 300 else REFUSED, row["status_code"],
                                   row["response"]))
            continue
        first = kept.get(item.key) or _Kept(row["request_hash"], row["status_code"], row["response"], now)
        if first.request_hash == item.req_hash:
            answers.append(_answer(item, DUPLICATE, first.status, first.body))
        else:
            err = p.ApiError(422, "idempotency_key_reused", f"Idempotency-Key {item.key!r} was used for a different "
                                                            "request; use a new key for a new request")
            answers.append(_answer(item, CONFLICT, err.status, err.body()))
    return answers


def _answer(item: Item, result: str, status: int, body: dict) -> dict:
    reason = None if status < 300 else str(body.get("error") or f"http_{status}")
    return {"idempotency_key": item.key, "settlement_id": item.settlement_id, "result": result, "status": status,
            "reason": reason, "answer": body}
