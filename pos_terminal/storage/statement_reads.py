"""The rows a day's settlement statement is computed from, and the accepted statements with their
gap-free numbers (ports.statements.StatementRepository), in the caller's unit of work."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import func, insert, select, text
from sqlalchemy.orm import Session

from pos_terminal.domain.model.statements import Statement
from pos_terminal.ports.statements import PaidBack, RefundPaidOut, SaleSettled, UnsentMessage
from pos_terminal.storage.orm import orders, outbox, refund_case_paybacks, refund_cases, settlements
from pos_terminal.storage.orm import settlement_statements as st
from pos_terminal.storage.remittance_repo import stored_statement

_NEXT_NUMBER = text(
    "INSERT INTO statement_counters (store_id, last_no) VALUES (:store_id, 1) "
    "ON CONFLICT (store_id) DO UPDATE SET last_no = statement_counters.last_no + 1 RETURNING last_no")
_LAST_NUMBER = text("SELECT last_no FROM statement_counters WHERE store_id = :store_id")


class StatementRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    # -- the records -----------------------------------------------------------------------
    def store_terminals(self, store_id: str) -> list[str]:
        c = settlements.c
        found: Any = self.session.scalars(
            select(c.terminal_id).where(c.store_id == store_id).distinct())
        return sorted(str(t) for t in found)

    def sales(self, terminal_id: str, start: datetime, end: datetime) -> list[SaleSettled]:
        c, o = settlements.c, orders.c
        rows = self.session.execute(
            select(c.id, c.order_no, func.coalesce(c.platform_id, o.platform_id), c.amount_minor, c.currency,
                   c.tender_kinds, c.tender_amounts, c.paid_at)
            .select_from(settlements.outerjoin(orders, o.order_no == c.order_no))
            .where(c.terminal_id == terminal_id, c.paid_at >= start, c.paid_at < end)
            .order_by(c.paid_at, c.receipt_no))
        return [SaleSettled(str(r[0]), r[1], r[2], int(r[3]), r[4], r[5], r[6], r[7]) for r in rows]

    def refunds_paid(self, terminal_id: str, start: datetime, end: datetime) -> list[RefundPaidOut]:
        c, o = refund_cases.c, orders.c
        rows = self.session.execute(
            select(c.id, c.order_no, func.coalesce(o.platform_id, c.platform_id), c.amount_minor, c.currency,
                   c.paid_out_route, c.payout_legs, c.paid_out_at)
            .select_from(refund_cases.outerjoin(orders, o.order_no == c.order_no))
            .where(c.terminal_id == terminal_id, c.paid_out_at.is_not(None), c.paid_out_at >= start,
                   c.paid_out_at < end)
            .order_by(c.paid_out_at))
        return [RefundPaidOut(str(r[0]), r[1], r[2], int(r[3]), r[4],
                              getattr(r[5], "value", r[5]), r[6], r[7]) for r in rows]

    def paybacks(self, terminal_id: str, start: datetime, end: datetime) -> list[PaidBack]:
        c, o = refund_case_paybacks.c, orders.c
        rows = self.session.execute(
            select(c.id, c.order_no, o.platform_id, c.amount_minor, c.currency, c.route, c.paid_at)
            .select_from(refund_case_paybacks.outerjoin(orders, o.order_no == c.order_no))
            .where(c.terminal_id == terminal_id, c.paid_at >= start, c.paid_at < end)
            .order_by(c.paid_at))
        return [PaidBack(str(r[0]), r[1], r[2], int(r[3]), r[4], r[5], r[6]) for r in rows]

    def order_platforms(self, order_nos: Iterable[str]) -> dict[str, str | None]:
        wanted = sorted(set(order_nos))
        if not wanted:
            return {}
        o = orders.c
        rows: Any = self.session.execute(select(o.order_no, o.platform_id).where(o.order_no.in_(wanted)))
        return {str(no): pid for no, pid in rows}

    def double_payments(self, terminal_id: str) -> set[str]:
        c = outbox.c
        found: set[str] = set()
        rows: Any = self.session.execute(
            select(c.payload, c.terminal_id).where(c.topic == "settlement", c.outcome == "refund_case"))
        for payload, owner in rows:
            payload = payload or {}
            if (owner or payload.get("terminal_id")) == terminal_id and payload.get("settlement_id"):
                found.add(str(payload["settlement_id"]))
        return found

    def unsent(self, terminal_id: str, topics: Iterable[str]) -> list[UnsentMessage]:
        c = outbox.c
        rows: Any = self.session.execute(
            select(c.seq, c.topic, c.payload, c.created_at, c.dead_at, c.terminal_id)
            .where(c.topic.in_(list(topics)), c.sent_at.is_(None)).order_by(c.seq))
        out = []
        for seq, topic, payload, created_at, dead_at, owner in rows:
            payload = payload or {}
            if (owner or payload.get("terminal_id")) != terminal_id:
                continue
            out.append(UnsentMessage(int(seq), topic, dict(payload), created_at, dead_at is not None))
        return out

    # -- accepted statements ------------------------------------------------------------------
    def accepted(self, store_id: str, platform_id: str, business_date: date) -> Statement | None:
        row = self.session.execute(select(st).where(
            st.c.store_id == store_id, st.c.platform_id == platform_id, st.c.business_date == business_date,
            st.c.number.is_not(None))).first()
        return None if row is None else stored_statement(row)

    def by_number(self, number: str) -> Statement | None:
        row = self.session.execute(select(st).where(st.c.number == number)).first()
        return None if row is None else stored_statement(row)

    def route_of(self, number: str) -> str | None:
        route = self.session.execute(select(st.c.route).where(st.c.number == number)).scalar()
        return None if route is None else str(route)

    def accepted_list(self, store_id: str, limit: int = 60) -> list[Statement]:
        rows = self.session.execute(select(st).where(st.c.store_id == store_id, st.c.number.is_not(None))
                                    .order_by(st.c.business_date.desc(), st.c.platform_id).limit(limit))
        return [stored_statement(r) for r in rows]

    def next_number(self, store_id: str) -> int:
        return int(self.session.execute(_NEXT_NUMBER, {"store_id": store_id}).scalar_one())

    def last_number(self, store_id: str) -> int:
        last = self.session.execute(_LAST_NUMBER, {"store_id": store_id}).scalar_one_or_none()
        return int(last or 0)

    def add_accepted(self, statement: Statement, *, route: str, computed_at: datetime,
                     accepted_by: uuid.UUID) -> None:
        if statement.number is None or statement.accepted_at is None:
            raise ValueError("only an accepted statement (number, accepted_at) is stored")
        body: dict[str, Any] = statement.to_json()
        self.session.execute(insert(st).values(
            id=uuid.uuid4(), store_id=statement.store_id, platform_id=statement.platform_id,
            business_date=statement.business_date, currency=statement.currency, number=statement.number,
            digest=statement.digest, body=body, computed_at=computed_at, accepted_at=statement.accepted_at,
            accepted_by=accepted_by, route=route, sent_at=None, sent_state=None))
