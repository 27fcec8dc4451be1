"""Business days (orm.business_days): Z reports and reconciliation, in the caller's unit of work."""

from __future__ import annotations

from sqlalchemy.orm import Session


class BusinessDayRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
