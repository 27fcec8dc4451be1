"""Double payments paid back at the counter (orm.refund_case_paybacks), in the caller's unit of
work. Rows come back as plain SQLAlchemy rows (attribute access by column name)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import func, insert, or_, select, update
from sqlalchemy.orm import Session

from pos_terminal.storage.orm import refund_case_paybacks as t

PAID_OUT, REPORTED, CONFLICT = "paid_out", "reported", "conflict"


class PaybackRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, **values) -> None:
        """A pay-back, state paid_out (the cash is out of the drawer; the platform not told yet)."""
        self.session.execute(insert(t).values(state=PAID_OUT, attempts=0, **values))

    def get(self, payback_id: uuid.UUID):
        return self.session.execute(select(t).where(t.c.id == payback_id)).first()

    def for_case(self, platform_case_id: str):
        return self.session.execute(select(t).where(t.c.platform_case_id == platform_case_id)).first()

    def for_cases(self, platform_case_ids: Iterable[str]) -> dict[str, object]:
        ids = [str(i) for i in platform_case_ids if i]
        if not ids:
            return {}
        return {r.platform_case_id: r for r in self.session.execute(select(t).where(t.c.platform_case_id.in_(ids)))}

    def unreported(self, terminal_id: str, due_by: datetime | None = None) -> list:
        """This terminal's pay-backs the platform was not told of yet, oldest first; with `due_by`
        only those whose next attempt is due by then."""
        q = select(t).where(t.c.terminal_id == terminal_id, t.c.state == PAID_OUT)
        if due_by is not None:
            q = q.where(or_(t.c.next_attempt_at.is_(None), t.c.next_attempt_at <= due_by))
        return list(self.session.execute(q.order_by(t.c.paid_at, t.c.id)))

    def reported(self, payback_id: uuid.UUID, now: datetime) -> None:
        self.session.execute(update(t).where(t.c.id == payback_id).values(
            state=REPORTED, reported_at=now, last_error=None, next_attempt_at=None))

    def conflict(self, payback_id: uuid.UUID, error: str, now: datetime) -> None:
        self.session.execute(update(t).where(t.c.id == payback_id).values(
            state=CONFLICT, last_error=error[:500], reported_at=now, attempts=t.c.attempts + 1, next_attempt_at=None))

    def failed(self, payback_id: uuid.UUID, error: str, next_attempt_at: datetime) -> None:
        self.session.execute(update(t).where(t.c.id == payback_id).values(
            last_error=error[:500], attempts=t.c.attempts + 1, next_attempt_at=next_attempt_at))

    def cash_by_shift(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Cash paid back out of the drawer in each shift."""
        ids = list(shift_ids)
        if not ids:
            return {}
        return {shift_id: int(amount) for shift_id, amount in self.session.execute(
            select(t.c.shift_id, func.coalesce(func.sum(t.c.amount_minor), 0))
            .where(t.c.shift_id.in_(ids), t.c.route == "cash").group_by(t.c.shift_id))}

    def paid_between(self, terminal_id: str, start: datetime, end: datetime) -> list:
        """(amount_minor, route, receipt_no) of this terminal's pay-backs in [start, end)."""
        return list(self.session.execute(
            select(t.c.amount_minor, t.c.route, t.c.receipt_no)
            .where(t.c.terminal_id == terminal_id, t.c.paid_at >= start, t.c.paid_at < end)))
