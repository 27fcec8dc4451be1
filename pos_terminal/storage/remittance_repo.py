"""Remittances (orm.remittances) and the accepted statements they pay (orm.settlement_statements,
read only), in the caller's unit of work: ports.remittances.RemittanceRepository."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from pos_terminal.domain.model.statements import Statement, StatementError
from pos_terminal.ports.remittances import Remittance
from pos_terminal.storage.orm import remittances as t
from pos_terminal.storage.orm import settlement_statements as s

_FIELDS = ("platform_id", "amount_minor", "currency", "exported_at", "file_digest", "state", "sent_at", "reference",
           "attempts", "last_error", "reported_at")


def _remittance(row: Any) -> Remittance:
    return Remittance(id=row.id, statement_number=row.statement_number, platform_id=row.platform_id,
                      amount_minor=row.amount_minor, currency=row.currency, exported_at=row.exported_at,
                      file_digest=row.file_digest or "", state=row.state, sent_at=row.sent_at,
                      reference=row.reference, attempts=row.attempts or 0, last_error=row.last_error,
                      reported_at=row.reported_at)


def stored_statement(row: Any) -> Statement:
    """An accepted statement from its row: the body as accepted, its number and acceptance from the
    row. A body whose figures no longer match the digest accepted is refused (StatementError
    digest_mismatch): an accepted statement never changes."""
    body = dict(row.body)
    try:
        statement = Statement.from_json(body)
    except (KeyError, TypeError, ValueError) as exc:
        raise StatementError("digest_mismatch", f"accepted statement {row.number} cannot be read ({exc}): it was "
                                                "changed after acceptance") from None
    if statement.digest != row.digest:
        raise StatementError("digest_mismatch", f"accepted statement {row.number} no longer matches the digest it "
                                                "was accepted with: it was changed after acceptance")
    return replace(statement, number=row.number, accepted_at=row.accepted_at or statement.accepted_at,
                   accepted_by=statement.accepted_by or (str(row.accepted_by) if row.accepted_by else None))


class RemittanceRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, number: str) -> Remittance | None:
        row = self.session.execute(select(t).where(t.c.statement_number == number)).first()
        return None if row is None else _remittance(row)

    def save(self, remittance: Remittance) -> None:
        values = {f: getattr(remittance, f) for f in _FIELDS}
        done = self.session.execute(update(t).where(t.c.id == remittance.id).values(**values))
        if not done.rowcount:
            self.session.execute(insert(t).values(id=remittance.id, statement_number=remittance.statement_number,
                                                  **values))

    def all(self, limit: int = 200) -> list[Remittance]:
        q = select(t).order_by(t.c.exported_at.desc(), t.c.statement_number.desc()).limit(limit)
        return [_remittance(r) for r in self.session.execute(q)]

    def accepted_statement(self, number: str) -> Statement | None:
        row = self.session.execute(select(s).where(s.c.number == number, s.c.accepted_at.is_not(None))).first()
        return None if row is None else stored_statement(row)

    def accepted_route(self, number: str) -> str | None:
        route = self.session.execute(select(s.c.route).where(s.c.number == number)).scalar()
        return None if route is None else str(route)

    def accepted_number(self, store_id: str, platform_id: str, business_date: date) -> str | None:
        number = self.session.execute(select(s.c.number).where(
            s.c.store_id == store_id, s.c.platform_id == platform_id, s.c.business_date == business_date,
            s.c.number.is_not(None))).scalar()
        return None if number is None else str(number)
