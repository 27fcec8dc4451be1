"""Cash movements (orm.cash_movements), and the figures a shift's expected cash is made of, in the
caller's unit of work. Figures are aggregate queries keyed by shift id."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import case, func, insert, select
from sqlalchemy.orm import Session

from pos_terminal.domain import model as m
from pos_terminal.storage.orm import cash_movements, refund_cases, sales, tenders
from pos_terminal.storage.payback_repo import PaybackRepository

MOVEMENT_KINDS = ("drop", "pay_out", "pay_in", "no_sale")


class CashRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_movement(self, *, id: uuid.UUID, shift_id: uuid.UUID, terminal_id: str, kind: str, amount_minor: int,
                     currency: str, reason: str, user_id: uuid.UUID, created_at: datetime,
                     approved_by: uuid.UUID | None = None) -> None:
        if kind not in MOVEMENT_KINDS:
            raise ValueError(f"unknown cash movement kind {kind!r}; one of {', '.join(MOVEMENT_KINDS)}")
        self.session.execute(insert(cash_movements).values(
            id=id, shift_id=shift_id, terminal_id=terminal_id, kind=kind, amount_minor=amount_minor,
            currency=currency, reason=reason, user_id=user_id, approved_by=approved_by, created_at=created_at))

    def movements(self, shift_id: uuid.UUID) -> list:
        """Rows (id, kind, amount_minor, currency, reason, user_id, approved_by, created_at), oldest first."""
        c = cash_movements.c
        return list(self.session.execute(
            select(c.id, c.kind, c.amount_minor, c.currency, c.reason, c.user_id, c.approved_by, c.created_at)
            .where(c.shift_id == shift_id).order_by(c.created_at, c.id)))

    def movement_totals(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict[str, tuple[int, int]]]:
        """{shift_id: {kind: (count, amount_minor)}}."""
        ids = list(shift_ids)
        out: dict[uuid.UUID, dict[str, tuple[int, int]]] = {i: {} for i in ids}
        if not ids:
            return out
        c = cash_movements.c
        for shift_id, kind, n, amount in self.session.execute(
                select(c.shift_id, c.kind, func.count(), func.coalesce(func.sum(c.amount_minor), 0))
                .where(c.shift_id.in_(ids)).group_by(c.shift_id, c.kind)):
            out.setdefault(shift_id, {})[kind] = (int(n), int(amount))
        return out

    def cash_sales_minor(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Cash applied to the paid sales of each shift (the amount, not what was handed over: the
        change went back out of the drawer at once)."""
        ids = list(shift_ids)
        out = {i: 0 for i in ids}
        if not ids:
            return out
        for shift_id, amount in self.session.execute(
                select(sales.c.shift_id, func.coalesce(func.sum(tenders.c.amount_minor), 0))
                .join(tenders, tenders.c.sale_id == sales.c.id)
                .where(sales.c.shift_id.in_(ids), sales.c.status == m.SaleStatus.PAID,
                       tenders.c.kind == m.TenderKind.CASH)
                .group_by(sales.c.shift_id)):
            out[shift_id] = int(amount)
        return out

    def cash_refunds_minor(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Cash refunded out of the drawer in each shift: the cash leg (cash_out_minor) where it is
        recorded, else the whole amount of a refund paid out in cash; and double payments paid back
        in cash (refund_case_paybacks)."""
        ids = list(shift_ids)
        out = {i: 0 for i in ids}
        if not ids:
            return out
        c = refund_cases.c
        cash = func.coalesce(c.cash_out_minor, case((c.paid_out_route == m.PayoutRoute.CASH, c.amount_minor), else_=0))
        for shift_id, amount in self.session.execute(
                select(c.shift_id, func.coalesce(func.sum(cash), 0))
                .where(c.shift_id.in_(ids), c.paid_out_at.is_not(None)).group_by(c.shift_id)):
            out[shift_id] = int(amount)
        for shift_id, amount in PaybackRepository(self.session).cash_by_shift(ids).items():
            out[shift_id] = out.get(shift_id, 0) + amount
        return out
