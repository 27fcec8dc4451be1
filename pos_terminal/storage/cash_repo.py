"""Cash movements (orm.cash_movements), in the caller's unit of work."""

from __future__ import annotations

from sqlalchemy.orm import Session


class CashRepository:
    def __init__(self, session: Session) -> None:
        self.session = session
