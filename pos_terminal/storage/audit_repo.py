"""The audit trail's table (orm.audit_log), read and appended in the caller's unit of work.

Chain lock (see `AuditRepository.hold_chain`): appending reads the terminal's last hash and inserts
the next row, so two transactions appending to one terminal's chain at once would fork it. Within
a process a per-terminal `threading.RLock` serialises them from the read until the appending
transaction ends (commit, rollback or close of the session, whichever comes first; released exactly
once). Across processes no lock is needed: one process per terminal writes (the instance lock in
storage/instance_lock.py). Belt and braces for a maintenance command run beside the terminal
(which takes no instance lock): on SQLite every transaction starts with BEGIN IMMEDIATE, so writers
are serialised by the database anyway; on PostgreSQL a transaction-scoped advisory lock per
terminal is taken too (released by the database at the transaction's end, deadlocks detected).
"""

from __future__ import annotations

import hashlib
import logging
import threading
from datetime import datetime

from sqlalchemy import event, func, insert, select, text
from sqlalchemy.orm import Session

from pos_terminal.domain.errors import StorageError
from pos_terminal.storage.orm import audit_log

log = logging.getLogger(__name__)

_locks: dict[str, threading.RLock] = {}
_locks_guard = threading.Lock()
_HELD = "audit_chain_locks"  # session.info key: [(terminal_id, lock, root transaction)]

# How long an append waits for another thread's transaction on the same chain before giving up
# (an error, not a hang, if two transactions ever wait on each other in a way no database sees).
LOCK_TIMEOUT_S = 30.0


def chain_lock(terminal_id: str) -> threading.RLock:
    """The process-wide lock of one terminal's chain."""
    with _locks_guard:
        lock = _locks.get(terminal_id)
        if lock is None:
            lock = _locks[terminal_id] = threading.RLock()
        return lock


def _advisory_key(terminal_id: str) -> int:
    digest = hashlib.sha256(f"pos-terminal audit_log {terminal_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def _release_held(session: Session, transaction) -> None:
    held = session.info.get(_HELD)
    if not held:
        return
    keep = []
    while held:
        terminal_id, lock, root = held.pop()
        if root is not transaction:
            keep.append((terminal_id, lock, root))
            continue
        try:
            lock.release()
        except RuntimeError:  # released from another thread than the one that took it: a caller bug
            log.error("audit chain lock released from the wrong thread", extra={"terminal_id": terminal_id})
    held.extend(keep)


def _on_transaction_end(session: Session, transaction) -> None:
    if transaction.parent is None:  # the root transaction: commit, rollback or close
        _release_held(session, transaction)


_COLUMNS = tuple(c.name for c in audit_log.columns)


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- appending -----------------------------------------------------------------------------
    def hold_chain(self, terminal_id: str, timeout_s: float = LOCK_TIMEOUT_S) -> None:
        """Takes the terminal's chain lock for the rest of this session's transaction (once per
        transaction; later calls return at once). The transaction is begun first, so on SQLite
        the database's write lock is always taken before this lock (no lock-order inversion)."""
        session = self.session
        session.connection()  # begins the transaction (BEGIN IMMEDIATE on SQLite)
        root = session.get_transaction()
        held = session.info.setdefault(_HELD, [])
        if any(t == terminal_id and r is root for t, _lock, r in held):
            return
        if not session.info.get("audit_listener"):
            event.listen(session, "after_transaction_end", _on_transaction_end)
            session.info["audit_listener"] = True
        lock = chain_lock(terminal_id)
        if not lock.acquire(timeout=timeout_s):
            raise StorageError(f"the audit trail of terminal {terminal_id} stayed busy for {timeout_s:.0f} s "
                               "(another transaction of this terminal holds it); try again")
        held.append((terminal_id, lock, root))
        if session.get_bind().dialect.name == "postgresql":
            session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": _advisory_key(terminal_id)})

    def head(self, terminal_id: str) -> dict | None:
        """The terminal's newest row (by seq) or None."""
        row = self.session.execute(
            select(audit_log).where(audit_log.c.terminal_id == terminal_id).order_by(audit_log.c.seq.desc()).limit(1)
        ).mappings().one_or_none()
        return dict(row) if row is not None else None

    def add(self, row: dict) -> int:
        """Inserts one row at once (not at flush time: its seq is taken under the chain lock)."""
        result = self.session.execute(insert(audit_log).values(**row).returning(audit_log.c.seq))
        return int(result.scalar_one())

    # -- reading -------------------------------------------------------------------------------
    def page(self, terminal_id: str, after_seq: int = 0, limit: int = 1000) -> list[dict]:
        """The terminal's rows with seq > after_seq, oldest first."""
        rows = self.session.execute(
            select(audit_log).where(audit_log.c.terminal_id == terminal_id, audit_log.c.seq > after_seq)
            .order_by(audit_log.c.seq).limit(limit)
        ).mappings()
        return [dict(r) for r in rows]

    def recent(self, terminal_id: str | None, since: datetime | None = None, limit: int = 200) -> list[dict]:
        """Newest first; all terminals when terminal_id is None."""
        query = select(audit_log)
        if terminal_id is not None:
            query = query.where(audit_log.c.terminal_id == terminal_id)
        if since is not None:
            query = query.where(audit_log.c.at >= since)
        rows = self.session.execute(query.order_by(audit_log.c.seq.desc()).limit(limit)).mappings()
        return [dict(r) for r in rows]

    def actions_between(self, terminal_id: str, action: str, start: datetime, end: datetime) -> list[dict]:
        """The terminal's rows of one action with `at` in [start, end), oldest first (the day's voids
        for the X/Z reports: services.reports)."""
        c = audit_log.c
        rows = self.session.execute(
            select(audit_log).where(c.terminal_id == terminal_id, c.action == action, c.at >= start, c.at < end)
            .order_by(c.seq)).mappings()
        return [dict(r) for r in rows]

    def terminal_ids(self) -> list[str]:
        return list(self.session.scalars(select(audit_log.c.terminal_id).distinct().order_by(audit_log.c.terminal_id)))

    def count(self, terminal_id: str | None = None) -> int:
        query = select(func.count()).select_from(audit_log)
        if terminal_id is not None:
            query = query.where(audit_log.c.terminal_id == terminal_id)
        return int(self.session.scalar(query) or 0)
