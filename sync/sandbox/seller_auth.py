"""Sign-in to the seller portal: per-merchant seller accounts with Argon2id password hashes
(argon2-cffi), lock-out after failed attempts, server-side sessions, CSRF tokens and the
Origin/Referer check. Every "now" is the platform's injected clock.

Sessions: the cookie carries a random id (256 bits); the database keeps only its SHA-256, the
session's CSRF token (a synchronizer token: every form of the session carries it) and its
expiry. A session ends after IDLE_TIMEOUT without a request, after SESSION_LIFETIME in any case,
and at sign-out. Signing in replaces the (anonymous) session of the sign-in form with a new one,
so that an id planted before sign-in is worth nothing after it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from urllib.parse import urlsplit

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.engine import Connection

from sync.sandbox import db

COOKIE = "sb_seller_session"
COOKIE_PATH = "/seller"
MAX_FAILED_ATTEMPTS = 5  # in a row, per account
LOCKOUT = timedelta(minutes=15)
IDLE_TIMEOUT = timedelta(minutes=30)
SESSION_LIFETIME = timedelta(hours=8)
ANONYMOUS_LIFETIME = timedelta(minutes=30)  # the sign-in form's session
# Anyone may open the sign-in form, and each opening keeps a row: past this many live anonymous
# sessions the oldest are dropped (their forms then say "Form expired ... reload"), so a flood of
# GETs cannot grow the table without end. Signed-in sessions are never dropped for it.
MAX_ANONYMOUS_SESSIONS = 2000

_hasher = PasswordHasher()  # Argon2id with argon2-cffi's RFC 9106 defaults


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    """Verified against when the username is unknown, so that the answer takes as long as for a
    known one (made on first use, not at import)."""
    return _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def _sha(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


# ---------------------------------------------------------------------------- accounts


def ensure_seller(conn: Connection, username: str, merchant_id: str, password: str, now: datetime) -> None:
    """The seller account exists and takes `password` (from the sandbox's secrets file): made
    when missing, its hash replaced when the file's password is another."""
    row = conn.execute(select(db.seller_accounts).where(db.seller_accounts.c.username == username)).first()
    if row is None:
        conn.execute(insert(db.seller_accounts).values(username=username, merchant_id=merchant_id,
                                                       password_hash=hash_password(password), failed_attempts=0,
                                                       created_at=now))
    elif row.merchant_id != merchant_id or not verify_password(row.password_hash, password):
        conn.execute(update(db.seller_accounts).where(db.seller_accounts.c.username == username).values(
            merchant_id=merchant_id, password_hash=hash_password(password), failed_attempts=0, locked_until=None))


@dataclass(frozen=True)
class SignedIn:
    username: str
    merchant_id: str
    merchant_name: str


class LoginRefused(Exception):
    def __init__(self, status: int, message: str, retry_after_s: int | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.retry_after_s = retry_after_s


WRONG = (f"wrong username or password ({MAX_FAILED_ATTEMPTS} wrong passwords in a row lock the account for "
         f"{int(LOCKOUT.total_seconds() // 60)} minutes)")


def check_login(engine, username: str, password: str, now: datetime) -> SignedIn:
    """The account whose password this is, or LoginRefused: 401 for a wrong name or password,
    429 while the account is locked (MAX_FAILED_ATTEMPTS failures in a row lock it for LOCKOUT;
    a right password does not open a locked account). The slow hash check runs outside any
    database transaction."""
    t = db.seller_accounts
    with engine.begin() as conn:
        row = conn.execute(select(t, db.merchants.c.name.label("merchant_name"))
                           .join(db.merchants, db.merchants.c.id == t.c.merchant_id)
                           .where(t.c.username == username)).first()
    if row is None:
        verify_password(_dummy_hash(), password)
        raise LoginRefused(401, WRONG)
    if row.locked_until is not None and row.locked_until > now:
        raise LoginRefused(429, _locked_message(row.locked_until, now), _seconds(row.locked_until - now))
    ok = verify_password(row.password_hash, password)
    with engine.begin() as conn:
        if ok:
            conn.execute(update(t).where(t.c.username == username).values(failed_attempts=0, locked_until=None))
            if _hasher.check_needs_rehash(row.password_hash):
                conn.execute(update(t).where(t.c.username == username).values(password_hash=hash_password(password)))
            return SignedIn(row.username, row.merchant_id, row.merchant_name)
        cur = conn.execute(select(t.c.failed_attempts, t.c.locked_until).where(t.c.username == username)).one()
        # a lock that has run out starts a new count
        failed = (0 if cur.locked_until is not None and cur.locked_until <= now else cur.failed_attempts) + 1
        locked_until = now + LOCKOUT if failed >= MAX_FAILED_ATTEMPTS else None
        conn.execute(update(t).where(t.c.username == username).values(
            failed_attempts=0 if locked_until else failed, locked_until=locked_until))
    if locked_until is not None:
        raise LoginRefused(429, _locked_message(locked_until, now), _seconds(LOCKOUT))
    raise LoginRefused(401, WRONG)


def _seconds(delta: timedelta) -> int:
    return max(1, int(delta.total_seconds() + 0.999))


def _locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return (f"too many wrong passwords: this account is locked for {minutes} more minute"
            f"{'s' if minutes != 1 else ''}; try again later")


# ---------------------------------------------------------------------------- sessions


@dataclass(frozen=True)
class Session:
    id_sha256: str
    csrf_token: str
    seller: SignedIn | None


def start_session(conn: Connection, now: datetime, username: str | None = None) -> tuple[str, str]:
    """A new session (anonymous when `username` is None). Returns (cookie value, CSRF token).
    Expired sessions are cleared on the way."""
    s = db.seller_sessions
    conn.execute(delete(s).where(s.c.expires_at <= now))
    raw = secrets.token_urlsafe(32)
    csrf = secrets.token_urlsafe(32)
    life = SESSION_LIFETIME if username else ANONYMOUS_LIFETIME
    conn.execute(insert(s).values(id_sha256=_sha(raw), username=username, csrf_token=csrf, created_at=now,
                                  last_seen_at=now, expires_at=now + life))
    if username is None:
        _cap_anonymous(conn)
    return raw, csrf


def _cap_anonymous(conn: Connection) -> None:
    s = db.seller_sessions
    anonymous = s.c.username.is_(None)
    count = conn.execute(select(func.count()).select_from(s).where(anonymous)).scalar_one()
    if count > MAX_ANONYMOUS_SESSIONS:
        oldest = (select(s.c.id_sha256).where(anonymous).order_by(s.c.created_at, s.c.id_sha256)
                  .limit(count - MAX_ANONYMOUS_SESSIONS).scalar_subquery())
        conn.execute(delete(s).where(s.c.id_sha256.in_(oldest)))


def load_session(conn: Connection, raw: str | None, now: datetime) -> Session | None:
    """The live session of this cookie value (its idle clock restarted), or None."""
    if not raw or len(raw) > 128:
        return None
    s, a, m = db.seller_sessions, db.seller_accounts, db.merchants
    row = conn.execute(select(s, a.c.merchant_id, m.c.name.label("merchant_name"))
                       .outerjoin(a, a.c.username == s.c.username).outerjoin(m, m.c.id == a.c.merchant_id)
                       .where(s.c.id_sha256 == _sha(raw))).first()
    if row is None:
        return None
    if row.expires_at <= now or (row.username and row.last_seen_at + IDLE_TIMEOUT <= now):
        conn.execute(delete(s).where(s.c.id_sha256 == row.id_sha256))
        return None
    conn.execute(update(s).where(s.c.id_sha256 == row.id_sha256).values(last_seen_at=now))
    seller = SignedIn(row.username, row.merchant_id, row.merchant_name) if row.username else None
    return Session(row.id_sha256, row.csrf_token, seller)


def end_session(conn: Connection, session: Session) -> None:
    conn.execute(delete(db.seller_sessions).where(db.seller_sessions.c.id_sha256 == session.id_sha256))


def csrf_ok(session: Session | None, token: str | None) -> bool:
    return bool(session and token and hmac.compare_digest(session.csrf_token.encode(), token.encode()))


# ------------------------------------------------------------------------------ origin


def own_origins(scheme: str, host_header: str | None, base_url: str | None) -> set[str]:
    origins = set()
    if host_header:
        origins.add(f"{scheme}://{host_header}".lower())
    if base_url:
        parts = urlsplit(base_url)
        origins.add(f"{parts.scheme}://{parts.netloc}".lower())
    return origins


def same_origin(origin: str | None, referer: str | None, allowed: set[str]) -> bool:
    """A state-changing request must say where it comes from and come from here: its Origin, or
    when a browser sent none its Referer's origin, is one of `allowed`. Neither: refused."""
    if origin and origin != "null":
        return origin.rstrip("/").lower() in allowed
    if referer:
        parts = urlsplit(referer)
        return f"{parts.scheme}://{parts.netloc}".lower() in allowed
    return False
