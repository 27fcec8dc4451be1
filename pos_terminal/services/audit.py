"""The audit trail: who did what, when, where and with what outcome, append-only and hash-chained.
(Being written by the audit work; the signature of record() is the contract other services use.)"""

from __future__ import annotations

from datetime import datetime

from pos_terminal.ports import UnitOfWork


def record(uow: UnitOfWork, *, at: datetime, terminal_id: str, action: str, user=None, subject: str | None = None,
           outcome: str = "ok", details: dict | None = None) -> None:
    """Appends one entry in the caller's unit of work (it commits with the caller's work).
    `user`: a SignedIn (or anything with user_id and username), None for the system."""
