"""The platform's prepaid cards: balance, PIN check and lock-out, debits and credits, and the
movements a terminal reads back (by key, by day) or reverses. Same rules as platform.py: an open
connection and the current time in, ApiError out."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import date, datetime, timedelta, timezone

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from pos_terminal.clock import day_bounds
from sync.sandbox import db
from sync.sandbox.platform import ApiError, Caller, iso, new_id


def _card(conn: Connection, card_no: str, *, lock: bool = False):
    q = select(db.cards).where(db.cards.c.card_no == card_no)
    row = conn.execute(q.with_for_update() if lock else q).first()
    if row is None:
        raise ApiError(404, "unknown_card", "no prepaid card with this number")
    return row


def card_view(conn: Connection, card_no: str) -> dict:
    c = _card(conn, card_no)
    return {"card_no": c.card_no, "holder": c.holder, "balance_minor": c.balance_minor, "currency": c.currency,
            "active": c.active}


# A prepaid card is spent (and its balance read) only with its holder's PIN, as store cards are.
# Stored as a slow salted hash (scrypt); a 4-6 digit PIN cannot withstand an offline search of a
# stolen database for long whatever the hash, so what protects it is the attempt limit: after
# PIN_MAX_FAILURES wrong PINs in a row the card is locked for PIN_LOCK_TIME (or until the admin
# unlocks it). Credits and reversals put money back and need no PIN.
PIN_MAX_FAILURES = 5
PIN_LOCK_TIME = timedelta(minutes=30)
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def pin_hash(pin: str) -> str:
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(pin.encode("ascii"), salt=salt, dklen=32, **_SCRYPT)
    return f"scrypt${_SCRYPT['n']}${_SCRYPT['r']}${_SCRYPT['p']}${salt.hex()}${digest.hex()}"


def pin_matches(stored: str | None, pin: str) -> bool:
    try:
        scheme, n, r, p_, salt, digest = (stored or "").split("$")
        if scheme != "scrypt":
            return False
        given = hashlib.scrypt(pin.encode("ascii"), salt=bytes.fromhex(salt), dklen=len(digest) // 2,
                               n=int(n), r=int(r), p=int(p_), maxmem=64 * 1024 * 1024)
    except (ValueError, UnicodeEncodeError):
        return False
    return hmac.compare_digest(given.hex(), digest)


def _aware(ts: datetime | None) -> datetime | None:
    return ts.replace(tzinfo=timezone.utc) if ts is not None and ts.tzinfo is None else ts


def check_card_pin(conn: Connection, card_no: str, pin: str, now: datetime) -> ApiError | None:
    """The holder's PIN against the card's: None when it matches (the wrong-PIN count starts
    again), else the refusal to raise after the transaction commits the count: 403 wrong_pin
    (attempts_left), 423 pin_locked (locked_until; the right PIN too is refused meanwhile),
    404 unknown_card, 409 pin_not_set."""
    c = _card(conn, card_no, lock=True)
    locked_until = _aware(c.pin_locked_until)
    failures = c.pin_failures or 0
    if locked_until is not None and locked_until > now:
        return ApiError(423, "pin_locked", f"too many wrong PINs: this card cannot be spent until {iso(locked_until)} "
                        "(or until the platform's administrator unlocks it)", locked_until=iso(locked_until))
    if locked_until is not None:  # the lock ran out: a fresh count
        failures = 0
    if not c.pin_hash:
        return ApiError(409, "pin_not_set", "this prepaid card has no PIN yet: it cannot be spent until the holder "
                        "sets one")
    if pin_matches(c.pin_hash, pin):
        if failures or locked_until is not None:
            conn.execute(update(db.cards).where(db.cards.c.card_no == card_no).values(pin_failures=0,
                                                                                      pin_locked_until=None))
        return None
    failures += 1
    if failures >= PIN_MAX_FAILURES:
        until = now + PIN_LOCK_TIME
        conn.execute(update(db.cards).where(db.cards.c.card_no == card_no).values(pin_failures=failures,
                                                                                  pin_locked_until=until))
        return ApiError(423, "pin_locked", f"wrong PIN {failures} times in a row: this card cannot be spent until "
                        f"{iso(until)} (or until the platform's administrator unlocks it)", locked_until=iso(until))
    conn.execute(update(db.cards).where(db.cards.c.card_no == card_no).values(pin_failures=failures,
                                                                              pin_locked_until=None))
    left = PIN_MAX_FAILURES - failures
    return ApiError(403, "wrong_pin", f"wrong PIN for this card: {left} attempts left before it is locked",
                    attempts_left=left)


def unlock_card(conn: Connection, card_no: str) -> dict:
    """The administrator lifts a PIN lock (the holder proved who they are elsewhere)."""
    _card(conn, card_no, lock=True)
    conn.execute(update(db.cards).where(db.cards.c.card_no == card_no).values(pin_failures=0, pin_locked_until=None))
    return {"card_last4": card_no[-4:], "pin_failures": 0, "locked_until": None}


def move_card(conn: Connection, card_no: str, kind: str, body: dict, caller: Caller, now: datetime, *,
              key: str | None = None, reverses: str | None = None) -> tuple[int, dict]:
    c = _card(conn, card_no, lock=True)
    if not c.active:
        raise ApiError(409, "card_inactive", "this prepaid card is blocked")
    if body["currency"] != c.currency:
        raise ApiError(422, "currency_mismatch", f"the card holds {c.currency}, not {body['currency']}")
    amount = body["amount_minor"]
    balance = c.balance_minor - amount if kind == "debit" else c.balance_minor + amount
    if balance < 0:
        raise ApiError(409, "insufficient_funds", f"the card holds {c.balance_minor} minor units, {amount} asked",
                       balance_minor=c.balance_minor)
    tx = new_id()
    conn.execute(update(db.cards).where(db.cards.c.card_no == card_no).values(balance_minor=balance))
    conn.execute(insert(db.card_transactions).values(
        id=tx, card_no=card_no, kind=kind, amount_minor=amount, balance_after_minor=balance,
        reference=body["reference"], store_id=caller.store_id, terminal_id=caller.terminal_id, created_at=now,
        idempotency_key=key, reverses=reverses))
    answer = {"transaction_id": tx, "card_no": card_no, "kind": kind, "amount_minor": amount,
              "balance_minor": balance, "currency": c.currency, "reference": body["reference"]}
    if reverses is not None:
        answer["reverses"] = reverses
    return 201, answer


def _movement_view(r, currency: str) -> dict:
    """A prepaid-card movement as a terminal sees it: never the card number, its last four only."""
    return {"transaction_id": r.id, "kind": r.kind, "amount_minor": r.amount_minor, "currency": currency,
            "card_last4": r.card_no[-4:], "reference": r.reference, "idempotency_key": r.idempotency_key,
            "reverses": r.reverses, "created_at": iso(r.created_at)}


def _movements(conn: Connection, caller: Caller, *where) -> list[dict]:
    t, c = db.card_transactions, db.cards
    rows = conn.execute(select(t, c.c.currency).join(c, c.c.card_no == t.c.card_no).where(
        t.c.store_id == caller.store_id, t.c.terminal_id == caller.terminal_id, *where)
        .order_by(t.c.created_at, t.c.id)).all()
    return [_movement_view(r, r.currency) for r in rows]


def card_movements(conn: Connection, caller: Caller, day: date, tz: str) -> dict:
    """This terminal's prepaid-card debits and credits of a business day (the store's local day)."""
    start, end = day_bounds(day, tz)
    t = db.card_transactions.c
    moves = _movements(conn, caller, t.created_at >= start, t.created_at < end)
    return {"business_date": day.isoformat(), "timezone": tz, "movements": moves,
            "debit_count": sum(m["kind"] == "debit" for m in moves),
            "debit_minor": sum(m["amount_minor"] for m in moves if m["kind"] == "debit"),
            "credit_count": sum(m["kind"] == "credit" for m in moves),
            "credit_minor": sum(m["amount_minor"] for m in moves if m["kind"] == "credit")}


def card_movement_by_key(conn: Connection, caller: Caller, key: str) -> dict:
    """The movement this terminal made under an Idempotency-Key: how a terminal learns, after a
    crash, what became of a debit or credit whose answer it never saw (it keeps no card number
    to send the request again). 404 unknown_movement when no money moved under that key."""
    moves = _movements(conn, caller, db.card_transactions.c.idempotency_key == key)
    if not moves:
        raise ApiError(404, "unknown_movement", "no prepaid-card movement of this terminal under this key: no "
                       "money moved")
    return moves[0]


def reverse_card_movement(conn: Connection, transaction_id: str, body: dict, caller: Caller, now: datetime, *,
                          key: str | None) -> tuple[int, dict]:
    """Gives a debit of this terminal back to the card it came from (without the card number),
    once: a second reversal of the same debit is refused (409 already_reversed)."""
    t = db.card_transactions.c
    row = conn.execute(select(db.card_transactions).where(
        t.id == transaction_id, t.store_id == caller.store_id, t.terminal_id == caller.terminal_id,
        t.kind == "debit")).first()
    if row is None:
        raise ApiError(404, "unknown_movement", "no prepaid-card debit of this terminal with this transaction id")
    earlier = conn.execute(select(t.id).where(t.reverses == transaction_id)).first()
    if earlier is not None:
        raise ApiError(409, "already_reversed", f"this debit was given back already (transaction {earlier.id})",
                       reversal_id=earlier.id)
    currency = conn.execute(select(db.cards.c.currency).where(db.cards.c.card_no == row.card_no)).scalar()
    data = {"amount_minor": row.amount_minor, "currency": currency, "reference": body["reference"]}
    status, answer = move_card(conn, row.card_no, "credit", data, caller, now, key=key, reverses=transaction_id)
    answer.pop("card_no", None)
    answer["card_last4"] = row.card_no[-4:]
    return status, answer
