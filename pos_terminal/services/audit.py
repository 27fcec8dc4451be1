"""The audit trail: who did what, when, where (terminal) and with what outcome, append-only and
hash-chained.

Each terminal has its own chain in `audit_log`, in `seq` order: a row's `prev_hash` is the `hash`
of the terminal's row before it (64 zeros for its first row), and

    hash = sha256_hex(prev_hash + canonical_json)

where canonical_json is the UTF-8 JSON object of id, terminal_id, at, user_id, username, action,
subject, outcome and details, with sorted keys and no whitespace (separators "," and ":", non-ASCII
kept as is), `at` in ISO 8601 UTC with microseconds ("2026-11-22T02:00:00.000000+00:00") and uuids
as their canonical strings. Anyone can re-check a chain with this rule alone.

What a chain detects (`verify`): a changed row (its hash no longer matches its content), and a
deleted or inserted row in the middle (the next row's prev_hash no longer matches the hash before
it). It cannot detect that its newest rows were cut off, or rows appended by someone who knows
the rule: nothing after them refers to them. The anchor for that is outside the database: the
hash of each day_close entry is printed on that day's Z report, and `verify(anchors=...)` (CLI:
`pos-terminal audit verify --anchor HASH`) checks that a printed hash is still in the chain.
Gaps in `seq` are not a finding: PostgreSQL sequences skip numbers when a transaction rolls back;
the chain links alone decide.

The database also refuses UPDATE and DELETE on audit_log (triggers, migration 0005); someone with
the database file can drop them, and the chain still shows what they did.

Never put card numbers, PINs, track data or whole vouchers into `details`: keys named like those
are dropped anyway (`SECRET_KEYS`).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timezone
from enum import Enum
from typing import Any, Protocol, overload

from pos_terminal.domain.model import User
from pos_terminal.ids import uuid7
from pos_terminal.ports import AuditRow, UnitOfWork

# -- actions (stable strings: stored, and what reports and people filter by) --------------------
SIGN_IN = "sign_in"
SIGN_IN_FAILED = "sign_in_failed"
SIGN_OUT = "sign_out"
APPROVAL = "approval"  # a manager's approval or override at the counter; outcome ok or refused
VOID = "void"
REFUND = "refund"
OVERRIDE = "override"
NO_SALE = "no_sale"
REPRINT = "reprint"
SETTINGS_CHANGE = "settings_change"
SHIFT_OPEN = "shift_open"
SHIFT_CLOSE = "shift_close"
CASH_DROP = "cash_drop"
PAY_OUT = "pay_out"
PAY_IN = "pay_in"
DAY_CLOSE = "day_close"
RECONCILE = "reconcile"
ACTIONS = frozenset({SIGN_IN, SIGN_IN_FAILED, SIGN_OUT, APPROVAL, VOID, REFUND, OVERRIDE, NO_SALE, REPRINT,
                     SETTINGS_CHANGE, SHIFT_OPEN, SHIFT_CLOSE, CASH_DROP, PAY_OUT, PAY_IN, DAY_CLOSE, RECONCILE})

# -- outcomes (free text up to 32 characters; these are the usual ones) -------------------------
OK = "ok"
REFUSED = "refused"
FAILED = "failed"

GENESIS = "0" * 64

# Keys dropped from details wherever they occur (compared in lower case).
SECRET_KEYS = frozenset({"pin", "new_pin", "old_pin", "pin_hash", "card_no", "card_number", "pan", "track",
                         "track1", "track2", "track3", "track_data", "voucher", "voucher_text", "password", "secret"})

# Column widths of audit_log.
_USERNAME_MAX, _SUBJECT_MAX, _SHORT_MAX = 64, 200, 32


class Who(Protocol):
    """Who did something, as the audit trail records it: a SignedIn, an Actor, or any value with
    these two (a domain User is taken as well: see `record`)."""

    @property
    def user_id(self) -> uuid.UUID | None: ...

    @property
    def username(self) -> str | None: ...


@dataclass(frozen=True)
class Actor:
    """Who did it, when the caller has no SignedIn or User at hand."""

    user_id: uuid.UUID | None
    username: str | None


@dataclass(frozen=True)
class AuditEntry:
    seq: int | None
    id: uuid.UUID
    terminal_id: str
    at: datetime
    user_id: uuid.UUID | None
    username: str | None
    action: str
    subject: str | None
    outcome: str
    details: dict[str, Any]
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "id": str(self.id), "terminal_id": self.terminal_id, "at": _iso(self.at),
                "user_id": None if self.user_id is None else str(self.user_id), "username": self.username,
                "action": self.action, "subject": self.subject, "outcome": self.outcome, "details": self.details,
                "prev_hash": self.prev_hash, "hash": self.hash}


# -- the hash ----------------------------------------------------------------------------------
def _iso(at: datetime) -> str:
    return at.astimezone(timezone.utc).isoformat(timespec="microseconds")


def canonical(*, id: uuid.UUID, terminal_id: str, at: datetime, user_id: uuid.UUID | None, username: str | None,
              action: str, subject: str | None, outcome: str, details: dict[str, Any]) -> bytes:
    body = {"id": str(id), "terminal_id": terminal_id, "at": _iso(at),
            "user_id": None if user_id is None else str(user_id), "username": username, "action": action,
            "subject": subject, "outcome": outcome, "details": details}
    return json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def chain_hash(prev_hash: str, content: bytes) -> str:
    return hashlib.sha256(prev_hash.encode("ascii") + content).hexdigest()


def _entry_hash(row: AuditRow) -> str:
    details = row.get("details")
    content = canonical(id=_uuid(row.get("id")), terminal_id=row.get("terminal_id"), at=row.get("at"),
                        user_id=_uuid(row.get("user_id")), username=row.get("username"), action=row.get("action"),
                        subject=row.get("subject"), outcome=row.get("outcome"),
                        details=details if details is not None else {})
    return chain_hash(row.get("prev_hash"), content)


@overload
def _uuid(value: uuid.UUID | str) -> uuid.UUID: ...


@overload
def _uuid(value: object) -> uuid.UUID | None: ...


def _uuid(value: object) -> uuid.UUID | None:
    if value is None or isinstance(value, uuid.UUID):
        return value
    return uuid.UUID(str(value))


# -- details -----------------------------------------------------------------------------------
def _json_default(value: object) -> object:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return _iso(value) if value.tzinfo is not None else value.isoformat()
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    return str(value)


def _scrub_dict(value: dict[str, Any]) -> dict[str, Any]:
    return {str(k): _scrub(v) for k, v in value.items() if str(k).lower() not in SECRET_KEYS}


def _scrub(value: object) -> object:
    if isinstance(value, dict):
        return _scrub_dict(value)
    if isinstance(value, list):
        return [_scrub(v) for v in value]
    return value


def clean_details(details: dict[str, Any] | None) -> dict[str, Any]:
    """Details as they are stored and hashed: JSON values only (enums as their value, uuids and
    other objects as strings, tuples as lists), secret-looking keys dropped at any depth."""
    if not details:
        return {}
    plain: dict[str, Any] = json.loads(json.dumps(details, default=_json_default, ensure_ascii=False))
    return _scrub_dict(plain)


def _who(user: Who | User | None) -> tuple[uuid.UUID | None, str | None]:
    if user is None:
        return None, None
    user_id: uuid.UUID | None
    username: str | None
    if isinstance(user, User):
        user_id, username = user.id, user.username or user.display_name
    else:
        user_id, username = user.user_id, user.username
    return _uuid(user_id), (str(username)[:_USERNAME_MAX] if username else None)


_SECRET_PARTS = ("password", "secret", "token", "credential", "pin")


def _secret_key(key: str) -> bool:
    last = key.rsplit(".", 1)[-1].lower()
    return last in SECRET_KEYS or last == "key" or last.endswith("_key") or any(p in last for p in _SECRET_PARTS)


def settings_diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, Any]:
    """The details of a settings_change: the dotted keys that differ between two settings
    sections (nested dicts), and their old and new values except for secret-looking keys."""
    def flat(value: object, prefix: str = "") -> dict[str, object]:
        if isinstance(value, dict):
            out: dict[str, object] = {}
            for k, v in value.items():
                out.update(flat(v, f"{prefix}{k}."))
            return out
        return {prefix[:-1]: value}

    old, new = flat(before or {}), flat(after or {})
    changed = sorted(k for k in old.keys() | new.keys() if old.get(k) != new.get(k))
    values = {k: {"from": old.get(k), "to": new.get(k)} for k in changed if not _secret_key(k)}
    return {"changed": changed, "values": values}


# -- appending ---------------------------------------------------------------------------------
def record(uow: UnitOfWork, *, at: datetime, terminal_id: str, action: str, user: Who | User | None = None,
           subject: str | None = None, outcome: str = "ok", details: dict[str, Any] | None = None) -> AuditEntry:
    """Appends one entry in the caller's unit of work (it commits with the caller's work, or not
    at all). `user`: a SignedIn, a User or an Actor (anything with user_id or id, and username),
    None for the system. Returns the entry with its hash (a day close prints it on the Z report).

    Threading: the terminal's chain stays locked from here until the caller's transaction ends
    (see storage/audit_repo.py), so record as the last step before commit and keep that short.
    Several threads of one process may record at once; one process per terminal writes."""
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"audit time {at!r} is naive: pass an aware UTC time (clock.now())")
    if not terminal_id:
        raise ValueError("an audit entry needs the terminal id (settings.terminal.terminal_id)")
    if not action or len(action) > _SHORT_MAX:
        raise ValueError(f"audit action {action!r} must be 1 to {_SHORT_MAX} characters (use the module's constants)")
    if not outcome or len(outcome) > _SHORT_MAX:
        raise ValueError(f"audit outcome {outcome!r} must be 1 to {_SHORT_MAX} characters")
    at = at.astimezone(timezone.utc)
    user_id, username = _who(user)
    subject = None if subject is None else str(subject)[:_SUBJECT_MAX]
    stored = clean_details(details)
    entry_id = uuid7()
    uow.audit.hold_chain(terminal_id)
    head = uow.audit.head(terminal_id)
    prev_hash = head["hash"] if head else GENESIS
    digest = chain_hash(prev_hash, canonical(id=entry_id, terminal_id=terminal_id, at=at, user_id=user_id,
                                             username=username, action=action, subject=subject, outcome=outcome,
                                             details=stored))
    row: AuditRow = {"id": entry_id, "terminal_id": terminal_id, "at": at, "user_id": user_id, "username": username,
                     "action": action, "subject": subject, "outcome": outcome, "details": stored,
                     "prev_hash": prev_hash, "hash": digest}
    seq = uow.audit.add(row)
    return AuditEntry(seq=seq, id=entry_id, terminal_id=terminal_id, at=at, user_id=user_id, username=username,
                      action=action, subject=subject, outcome=outcome, details=stored, prev_hash=prev_hash,
                      hash=digest)


# -- reading -----------------------------------------------------------------------------------
def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(seq=row["seq"], id=_uuid(row["id"]), terminal_id=row["terminal_id"], at=row["at"],
                      user_id=_uuid(row["user_id"]), username=row["username"], action=row["action"],
                      subject=row["subject"], outcome=row["outcome"], details=row["details"] or {},
                      prev_hash=row["prev_hash"], hash=row["hash"])


def entries(uow_factory: Callable[[], UnitOfWork], terminal_id: str | None, since: datetime | None = None,
            limit: int = 200) -> list[AuditEntry]:
    """The newest entries first (all terminals when terminal_id is None), for the screen and the
    command line. Blocking (a database read)."""
    with uow_factory() as uow:
        return [_entry(r) for r in uow.audit.recent(terminal_id, since=since, limit=limit)]


CHANGED = "changed"
DELETED_OR_INSERTED = "deleted/inserted"
ANCHOR_MISSING = "anchor missing"


@dataclass(frozen=True)
class Break:
    seq: int | None  # None: an anchor that is in no row
    kind: str  # CHANGED, DELETED_OR_INSERTED or ANCHOR_MISSING
    detail: str


@dataclass
class ChainCheck:
    """One terminal's chain: rows checked, and every place it is broken (the first one first)."""

    terminal_id: str
    rows: int = 0
    breaks: list[Break] = field(default_factory=list)
    last_seq: int | None = None
    last_hash: str = GENESIS

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def first(self) -> Break | None:
        return self.breaks[0] if self.breaks else None

    def to_dict(self) -> dict[str, Any]:
        first = self.first
        return {"terminal_id": self.terminal_id, "rows": self.rows, "ok": self.ok, "last_seq": self.last_seq,
                "last_hash": self.last_hash, "first_broken_seq": first.seq if first else None,
                "problem": first.kind if first else None,
                "breaks": [{"seq": b.seq, "kind": b.kind, "detail": b.detail} for b in self.breaks]}


@dataclass
class VerifyResult:
    chains: list[ChainCheck]
    anchors_missing: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(c.ok for c in self.chains) and not self.anchors_missing

    @property
    def rows(self) -> int:
        return sum(c.rows for c in self.chains)

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "rows": self.rows, "terminals": [c.to_dict() for c in self.chains],
                "anchors_missing": list(self.anchors_missing)}


MAX_BREAKS = 100  # per chain; the first says where to look


def verify(uow_factory: Callable[[], UnitOfWork], terminal_id: str | None = None, *,
           anchors: Iterable[str] = (), page_size: int = 1000) -> VerifyResult:
    """Walks each terminal's chain (one terminal, or every terminal in the table) and reports
    whether it is whole. After a break the walk goes on from the row that broke it, so one
    tampering is reported once. `anchors`: hashes printed elsewhere (Z reports) that must still be
    in the chain; one that is not means rows were cut off (or the anchor is of another database).
    Blocking: reads the whole table, a page at a time."""
    wanted = {a.strip().lower() for a in anchors if a and a.strip()}
    with uow_factory() as uow:
        terminals = [terminal_id] if terminal_id else uow.audit.terminal_ids()
        chains = []
        for tid in terminals:
            check = ChainCheck(tid)
            after = 0
            while True:
                rows = uow.audit.page(tid, after_seq=after, limit=page_size)
                if not rows:
                    break
                for row in rows:
                    _check_row(check, row)
                    wanted.discard(row["hash"])
                after = rows[-1]["seq"]
            chains.append(check)
    return VerifyResult(chains, sorted(wanted))


def _check_row(check: ChainCheck, row: AuditRow) -> None:
    seq = row["seq"]
    problems = []
    if row["prev_hash"] != check.last_hash:
        before = f"seq {check.last_seq}" if check.last_seq is not None else "the start of the chain"
        problems.append(Break(seq, DELETED_OR_INSERTED,
                              f"seq {seq}: its prev_hash does not match the hash of {before}: a row was deleted "
                              "between them, or one of them was inserted or rewritten"))
    try:
        expected = _entry_hash(row)
    except Exception as exc:  # a field so mangled that it cannot even be read back
        expected = f"unreadable: {exc}"
    if expected != row["hash"]:
        problems.append(Break(seq, CHANGED, f"seq {seq}: its content does not match its hash: the row was changed"))
    room = MAX_BREAKS - len(check.breaks)
    if room > 0:
        check.breaks.extend(problems[:room])
    check.rows += 1
    check.last_seq = seq
    check.last_hash = row["hash"]
