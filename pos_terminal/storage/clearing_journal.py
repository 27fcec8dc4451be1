"""The clearing-house journal on the terminal's database (pos_terminal.ports.clearing.ClearingJournal):
accepted statements' sending state (settlement_statements.sent_at / sent_state) and the imported
reports (clearing_reports), both from migration 0010. Each method is one transaction."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from pos_terminal.domain.model.statements import Statement
from pos_terminal.ports.clearing import DuplicateReport, JournalStatement, StoredReport
from pos_terminal.storage.orm import clearing_reports, settlement_statements


class SqlClearingJournal:
    def __init__(self, engine: Engine, uow: Callable[[], Any]) -> None:
        """`engine` serves the reads; `uow`, the terminal's unit-of-work factory, the reports'
        writes: a report is stored in a unit of work, so that the caller's `also(uow)` (the
        import's audit entry) commits with it."""
        self.engine = engine
        self._uow = uow

    @staticmethod
    def _row(row: Any) -> JournalStatement:
        return JournalStatement(Statement.from_json(dict(row["body"])), row["route"], row["sent_at"],
                                row["sent_state"])

    def accepted_statement(self, store_id: str, number: str) -> JournalStatement | None:
        t = settlement_statements
        with self.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.store_id == store_id, t.c.number == number,
                                               t.c.accepted_at.is_not(None))).mappings().first()
        return None if row is None else self._row(row)

    def accepted_on(self, store_id: str, business_date: date) -> list[JournalStatement]:
        t = settlement_statements
        with self.engine.connect() as conn:
            rows = conn.execute(select(t).where(t.c.store_id == store_id, t.c.business_date == business_date,
                                                t.c.number.is_not(None), t.c.accepted_at.is_not(None))
                                .order_by(t.c.platform_id)).mappings().all()
        return [self._row(r) for r in rows]

    def mark_sending(self, store_id: str, number: str) -> None:
        t = settlement_statements
        with self.engine.begin() as conn:
            conn.execute(update(t).where(t.c.store_id == store_id, t.c.number == number,
                                         t.c.sent_state.is_distinct_from("sent")).values(sent_state="sending"))

    def mark_sent(self, store_id: str, number: str, at: datetime, state: str) -> None:
        t = settlement_statements
        with self.engine.begin() as conn:
            conn.execute(update(t).where(t.c.store_id == store_id, t.c.number == number)
                         .values(sent_state=state, sent_at=at))

    @staticmethod
    def _report(row: Any) -> StoredReport:
        return StoredReport(row["id"], row["store_id"], row["business_date"], row["report_id"], dict(row["body"]),
                            row["signature"], row["key_id"] or "", row["imported_at"], row["imported_by"],
                            int(row["net_minor"]), row["currency"], row["state"], list(row["differences"] or []))

    def report(self, report_id: str) -> StoredReport | None:
        t = clearing_reports
        with self.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.report_id == report_id)).mappings().first()
        return None if row is None else self._report(row)

    def add_report(self, report: StoredReport, also: Callable[[Any], object] | None = None) -> None:
        row = insert(clearing_reports).values(
            id=report.id, store_id=report.store_id, business_date=report.business_date,
            report_id=report.report_id, body=report.body, signature=report.signature, key_id=report.key_id,
            imported_at=report.imported_at, imported_by=report.imported_by, net_minor=report.net_minor,
            currency=report.currency, state=report.state, differences=report.differences)
        try:
            with self._uow() as uow:
                uow.session.execute(row)
                if also is not None:
                    also(uow)
                uow.commit()  # the unit of work turns a constraint error into its own: see below
        except IntegrityError:
            raise DuplicateReport(report.report_id) from None
        except Exception:
            if self.report(report.report_id) is not None:  # kept already (another import got there first)
                raise DuplicateReport(report.report_id) from None
            raise

    def reports(self, store_id: str) -> list[StoredReport]:
        t = clearing_reports
        with self.engine.connect() as conn:
            rows = conn.execute(select(t).where(t.c.store_id == store_id)
                                .order_by(t.c.business_date.desc(), t.c.imported_at.desc())).mappings().all()
        return [self._report(r) for r in rows]


