"""The buyer's side of the platform's books: the balance the platform owes a buyer (refunds it
gives back itself: an approved return of an order paid online, a double payment refunded by the
platform) and the buyer's page link. Same rules as platform.py: an open connection and the
current time in, ApiError out."""

from __future__ import annotations

import secrets
import uuid
from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection

from sync.sandbox import db


def credit_balance(conn: Connection, buyer_id: str, amount_minor: int, currency: str, *, kind: str, ref: str,
                   now: datetime, note: str | None = None) -> bool:
    """Credits the buyer's balance once per (kind, ref): True when this call credited it, False
    when that request or case was credited already (a repeat changes nothing)."""
    if amount_minor <= 0:
        raise ValueError("a credit to a buyer's balance is a positive amount")
    t = db.buyer_ledger
    if conn.execute(select(t.c.id).where(t.c.kind == kind, t.c.ref == ref)).first() is not None:
        return False
    conn.execute(insert(t).values(id=str(uuid.uuid4()), buyer_id=buyer_id, amount_minor=amount_minor,
                                  currency=currency, kind=kind, ref=ref, note=note, created_at=now))
    return True


def balances(conn: Connection, buyer_id: str) -> dict[str, int]:
    """What the platform owes the buyer, per currency (minor units)."""
    t = db.buyer_ledger
    rows = conn.execute(select(t.c.currency, func.sum(t.c.amount_minor)).where(t.c.buyer_id == buyer_id)
                        .group_by(t.c.currency)).all()
    return {currency: int(total) for currency, total in rows}


def ledger(conn: Connection, buyer_id: str, limit: int = 50) -> list[dict]:
    t = db.buyer_ledger
    rows = conn.execute(select(t).where(t.c.buyer_id == buyer_id).order_by(t.c.created_at.desc()).limit(limit)).all()
    return [{"amount_minor": r.amount_minor, "currency": r.currency, "kind": r.kind, "ref": r.ref, "note": r.note,
             "created_at": r.created_at} for r in rows]


def page_token(conn: Connection, buyer_id: str) -> str:
    """The secret of the buyer's page link (/my/<token>), made the first time it is asked for.
    Whoever holds the link acts as the buyer on it, as with the payment link /o/<token>: it goes
    only to the buyer's own e-mail and phone."""
    b = conn.execute(select(db.buyers.c.page_token).where(db.buyers.c.id == buyer_id)).one()
    if b.page_token:
        return b.page_token
    token = secrets.token_urlsafe(24)
    conn.execute(update(db.buyers).where(db.buyers.c.id == buyer_id, db.buyers.c.page_token.is_(None))
                 .values(page_token=token))
    return conn.execute(select(db.buyers.c.page_token).where(db.buyers.c.id == buyer_id)).scalar_one()


def buyer_by_token(conn: Connection, token: str):
    """The buyer row whose page link this is, or None."""
    if not token or len(token) > 64:
        return None
    return conn.execute(select(db.buyers).where(db.buyers.c.page_token == token)).first()
