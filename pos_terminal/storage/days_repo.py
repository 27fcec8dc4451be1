"""Business days (orm.business_days): Z reports and reconciliation, in the caller's unit of work.

Also the day's figures for the X/Z report, as aggregate queries (GROUP BY in the database, never a
day's sales loaded as objects). `start`/`end` are the aware UTC bounds of the store's local day
[start, end); services.reports computes them from the store's time zone."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from collections.abc import Callable
from typing import Any, NamedTuple

from sqlalchemy import and_, case, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from pos_terminal.domain import model as m
from pos_terminal.ids import uuid7
from pos_terminal.storage.orm import (
    business_days, card_requests, outbox, refund_cases, sales, settlements, shifts, tenders,
)
from pos_terminal.storage import scan_reads
from pos_terminal.storage.payback_repo import PaybackRepository


class PaidRefund(NamedTuple):
    """A row of refunds_paid that is not a refund case's (a double payment paid back)."""

    amount_minor: int
    paid_out_route: str
    payout_legs: list | None
    cash_out_minor: int
    receipt_no: int | None


class BusinessDayRepository:
    def __init__(self, session: Session, direct: Callable[[], Any]) -> None:
        """`direct`: the unit of work's connection (SqlAlchemyUnitOfWork._direct)."""
        self.session = session
        self._direct = direct

    def closed_at(self, terminal_id: str, business_date: date) -> datetime | None:
        """When the Z closed that day: a prepared SELECT on the unit of work's connection (in the
        sale's transaction when a sale asks), not a compiled ORM query (a millisecond of a sale)."""
        return scan_reads.z_closed_at(self._direct(), terminal_id, business_date)

    # -- the closed day (Z) ------------------------------------------------------------------
    def get(self, terminal_id: str, business_date: date):
        """The terminal's row for that day (a Row with every column), None while it is open."""
        return self.session.execute(
            select(business_days).where(business_days.c.terminal_id == terminal_id,
                                        business_days.c.business_date == business_date)
        ).one_or_none()

    def next_z_no(self, terminal_id: str) -> int:
        """max(z_no) + 1 for the terminal: gap-free as long as it is used in the unit of work that
        adds the day (the unique constraint on (terminal_id, z_no) refuses a racing twin)."""
        last = self.session.scalar(select(func.max(business_days.c.z_no)).where(business_days.c.terminal_id == terminal_id))
        return int(last or 0) + 1

    def add_closed(self, *, terminal_id: str, business_date: date, z_no: int, closed_at: datetime,
                   closed_by: uuid.UUID, report: dict) -> uuid.UUID | None:
        """Adds the closed day. Returns its id, or None when another unit of work closed this day or
        took this z_no first (the unit of work is then rolled back and must end)."""
        day_id = uuid7()
        try:
            self.session.execute(insert(business_days).values(
                id=day_id, terminal_id=terminal_id, business_date=business_date, status="closed", z_no=z_no,
                closed_at=closed_at, closed_by=closed_by, report=report))
            self.session.flush()
        except IntegrityError:
            self.session.rollback()
            return None
        return day_id

    def closed_days(self, terminal_id: str, limit: int = 60) -> list:
        """(business_date, z_no, status, closed_at, closed_by, reconciled_at) rows, newest first."""
        c = business_days.c
        return list(self.session.execute(
            select(c.business_date, c.z_no, c.status, c.closed_at, c.closed_by, c.reconciled_at)
            .where(c.terminal_id == terminal_id).order_by(c.business_date.desc()).limit(limit)))

    def stored_reports(self, terminal_id: str | None = None) -> list[dict]:
        """The stored Z reports (as JSON), of one terminal or of all."""
        c = business_days.c
        query = select(c.report).order_by(c.terminal_id, c.z_no)
        if terminal_id is not None:
            query = query.where(c.terminal_id == terminal_id)
        return list(self.session.scalars(query))

    # -- the day's figures -------------------------------------------------------------------
    def _shifts_during(self, terminal_id: str, start: datetime, end: datetime):
        """Ids of the terminal's shifts open at some moment of [start, end): every sale of the day
        belongs to one of them, so the sales are found through the shift_id index."""
        return select(shifts.c.id).where(
            shifts.c.terminal_id == terminal_id, shifts.c.opened_at < end,
            or_(shifts.c.closed_at.is_(None), shifts.c.closed_at >= start))

    def _paid_in(self, terminal_id: str, start: datetime, end: datetime):
        return (sales.c.shift_id.in_(self._shifts_during(terminal_id, start, end)),
                sales.c.terminal_id == terminal_id, sales.c.status == m.SaleStatus.PAID,
                sales.c.paid_at >= start, sales.c.paid_at < end)

    def sales_figures(self, terminal_id: str, start: datetime, end: datetime) -> tuple[int, int, int, int | None, int | None]:
        """(count, amount_minor, offline count, first receipt_no, last receipt_no) of the paid sales."""
        row = self.session.execute(
            select(func.count(), func.coalesce(func.sum(sales.c.total_minor), 0),
                   func.coalesce(func.sum(case((sales.c.offline.is_(True), 1), else_=0)), 0),
                   func.min(sales.c.receipt_no), func.max(sales.c.receipt_no))
            .where(*self._paid_in(terminal_id, start, end))).one()
        return int(row[0]), int(row[1]), int(row[2]), row[3], row[4]

    def tender_figures(self, terminal_id: str, start: datetime, end: datetime) -> list[tuple[str, int, int]]:
        """(kind, sales using it, amount_minor applied) per tender kind of the paid sales."""
        rows = self.session.execute(
            select(tenders.c.kind, func.count(func.distinct(tenders.c.sale_id)), func.sum(tenders.c.amount_minor))
            .join(sales, sales.c.id == tenders.c.sale_id)
            .where(*self._paid_in(terminal_id, start, end)).group_by(tenders.c.kind))
        return [(_value(k), int(n), int(a or 0)) for k, n, a in rows]

    def tender_times(self, terminal_id: str, start: datetime, end: datetime) -> list[tuple[datetime, int, str, int]]:
        """(paid_at, receipt_no, kind, amount_minor) of every tender of the paid sales: the hour
        buckets are the store's local hours, computed by the caller (portable to SQLite and
        PostgreSQL, right across a daylight-saving change)."""
        rows = self.session.execute(
            select(sales.c.paid_at, sales.c.receipt_no, tenders.c.kind, tenders.c.amount_minor)
            .join(sales, sales.c.id == tenders.c.sale_id)
            .where(*self._paid_in(terminal_id, start, end)))
        return [(p, n, _value(k), int(a)) for p, n, k, a in rows]

    def void_figures(self, terminal_id: str, start: datetime, end: datetime) -> tuple[int, int, int | None, int | None]:
        """(count, amount_minor, lowest receipt_no, highest receipt_no) of the sales voided that day
        (paid that day, or opened that day when never paid: the schema keeps no void time)."""
        row = self.session.execute(
            select(func.count(), func.coalesce(func.sum(sales.c.total_minor), 0),
                   func.min(sales.c.receipt_no), func.max(sales.c.receipt_no))
            .where(sales.c.shift_id.in_(self._shifts_during(terminal_id, start, end)),
                   sales.c.terminal_id == terminal_id, sales.c.status == m.SaleStatus.VOIDED,
                   or_(and_(sales.c.paid_at.is_not(None), sales.c.paid_at >= start, sales.c.paid_at < end),
                       and_(sales.c.paid_at.is_(None), sales.c.created_at >= start, sales.c.created_at < end)))
        ).one()
        return int(row[0]), int(row[1]), row[2], row[3]

    def void_tender_figures(self, terminal_id: str, start: datetime, end: datetime) -> list[tuple[str, int, int]]:
        """(kind, voided sales using it, amount_minor) per tender kind of the sales void_figures counts."""
        rows = self.session.execute(
            select(tenders.c.kind, func.count(func.distinct(tenders.c.sale_id)), func.sum(tenders.c.amount_minor))
            .join(sales, sales.c.id == tenders.c.sale_id)
            .where(sales.c.shift_id.in_(self._shifts_during(terminal_id, start, end)),
                   sales.c.terminal_id == terminal_id, sales.c.status == m.SaleStatus.VOIDED,
                   or_(and_(sales.c.paid_at.is_not(None), sales.c.paid_at >= start, sales.c.paid_at < end),
                       and_(sales.c.paid_at.is_(None), sales.c.created_at >= start, sales.c.created_at < end)))
            .group_by(tenders.c.kind))
        return [(_value(k), int(n), int(a or 0)) for k, n, a in rows]

    def refunds_paid(self, terminal_id: str, start: datetime, end: datetime) -> list:
        """(amount_minor, paid_out_route, payout_legs, cash_out_minor, receipt_no) of the refunds this
        terminal paid out in [start, end), the double payments it paid back included."""
        c = refund_cases.c
        rows = list(self.session.execute(
            select(c.amount_minor, c.paid_out_route, c.payout_legs, c.cash_out_minor, c.receipt_no)
            .where(c.terminal_id == terminal_id, c.paid_out_at.is_not(None), c.paid_out_at >= start,
                   c.paid_out_at < end)))
        return rows + [PaidRefund(amount, route, None, amount if route == "cash" else 0, receipt_no)
                       for amount, route, receipt_no in PaybackRepository(self.session).paid_between(
                           terminal_id, start, end)]

    def shifts_of_day(self, terminal_id: str, business_date: date, start: datetime, end: datetime) -> list[m.Shift]:
        """The terminal's shifts that count to the day: business_date, or for a shift opened before
        business dates were recorded, its opening time within the day. Oldest first."""
        return list(self.session.scalars(
            select(m.Shift).where(
                m.Shift.terminal_id == terminal_id,
                or_(m.Shift.business_date == business_date,
                    and_(m.Shift.business_date.is_(None), m.Shift.opened_at >= start, m.Shift.opened_at < end)))
            .order_by(m.Shift.opened_at)))

    def sync_figures(self, terminal_id: str) -> tuple[int, int, datetime | None]:
        """(pending, needing attention, oldest pending created_at) of this terminal's outbox rows
        (a store's shared PostgreSQL holds other terminals' rows too)."""
        c = outbox.c
        mine = (c.terminal_id == terminal_id, c.sent_at.is_(None))
        pending, oldest = self.session.execute(
            select(func.count(), func.min(c.created_at)).where(*mine, c.dead_at.is_(None))).one()
        attention = self.session.scalar(select(func.count()).select_from(outbox).where(*mine, c.dead_at.is_not(None)))
        return int(pending), int(attention or 0), oldest

    # -- reconciliation with the platform and the card terminal (services.reconcile) -------------
    def settlements_paid(self, terminal_id: str, start: datetime, end: datetime) -> list:
        """(id, order_no, receipt_no, amount_minor, currency, paid_at) of the terminal's settlements
        paid in [start, end), by paid_at then receipt_no."""
        c = settlements.c
        return list(self.session.execute(
            select(c.id, c.order_no, c.receipt_no, c.amount_minor, c.currency, c.paid_at, c.platform_id)
            .where(c.terminal_id == terminal_id, c.paid_at >= start, c.paid_at < end)
            .order_by(c.paid_at, c.receipt_no)))

    def unsent_settlements(self, terminal_id: str) -> list[dict]:
        """The terminal's settlements not taken by the platform yet: {seq, settlement_id, order_no,
        amount_minor, paid_at (aware UTC or None), attention (refused for good: dead_at set),
        last_error}, in seq order. The outbox has no terminal column: the payload names it."""
        c = outbox.c
        rows = self.session.execute(
            select(c.seq, c.payload, c.dead_at, c.last_error)
            .where(c.topic == "settlement", c.sent_at.is_(None)).order_by(c.seq))
        found = []
        for seq, payload, dead_at, last_error in rows:
            payload = payload or {}
            if payload.get("terminal_id") != terminal_id:
                continue
            try:
                paid_at = datetime.fromisoformat(payload["paid_at"])
            except (KeyError, TypeError, ValueError):
                paid_at = None
            found.append({"seq": seq, "settlement_id": str(payload.get("settlement_id", "")),
                          "order_no": payload.get("order_no"), "amount_minor": payload.get("amount_minor"),
                          "paid_at": paid_at, "attention": dead_at is not None, "last_error": last_error})
        return found

    def bank_card_sales(self, terminal_id: str, start: datetime, end: datetime) -> tuple[int, int]:
        """(charges, amount_minor) of the bank-card tenders of the sales paid in [start, end): each
        tender is one charge on the card terminal (a sale may carry two)."""
        row = self.session.execute(
            select(func.count(), func.coalesce(func.sum(tenders.c.amount_minor), 0))
            .join(sales, sales.c.id == tenders.c.sale_id)
            .where(sales.c.terminal_id == terminal_id, sales.c.paid_at.is_not(None), sales.c.paid_at >= start,
                   sales.c.paid_at < end, sales.c.status.in_((m.SaleStatus.PAID, m.SaleStatus.VOIDED)),
                   tenders.c.kind == m.TenderKind.BANK_CARD)).one()
        return int(row[0]), int(row[1])

    def prepaid_tenders(self, terminal_id: str, start: datetime, end: datetime) -> list:
        """(order_no, reference = the platform's transaction id, amount_minor) of the prepaid-card
        tenders of the sales paid in [start, end)."""
        return list(self.session.execute(
            select(sales.c.order_no, tenders.c.reference, tenders.c.amount_minor)
            .join(sales, sales.c.id == tenders.c.sale_id)
            .where(sales.c.terminal_id == terminal_id, sales.c.paid_at.is_not(None), sales.c.paid_at >= start,
                   sales.c.paid_at < end, sales.c.status.in_((m.SaleStatus.PAID, m.SaleStatus.VOIDED)),
                   tenders.c.kind == m.TenderKind.PREPAID_CARD)))

    def card_charges_outside_sales(self, terminal_id: str, start: datetime, end: datetime) -> tuple[int, int, int, int]:
        """(charged count, minor, given back count, minor): bank-card charges no sale records, i.e.
        approved and still waiting for their sale, or refunded at the counter (a cancelled
        checkout). Charged by created_at, given back by resolved_at, in [start, end)."""
        c = card_requests.c
        st = m.CardRequestState
        charged = self.session.execute(
            select(func.count(), func.coalesce(func.sum(c.amount_minor), 0))
            .where(c.terminal_id == terminal_id, c.kind == m.CardRequestKind.BANK_CARD,
                   c.state.in_((st.APPROVED, st.REFUNDED)), c.created_at >= start, c.created_at < end)).one()
        back = self.session.execute(
            select(func.count(), func.coalesce(func.sum(c.amount_minor), 0))
            .where(c.terminal_id == terminal_id, c.kind == m.CardRequestKind.BANK_CARD, c.state == st.REFUNDED,
                   c.resolved_at.is_not(None),
                   c.resolved_at >= start, c.resolved_at < end)).one()
        return int(charged[0]), int(charged[1]), int(back[0]), int(back[1])

    def save_reconciliation(self, terminal_id: str, business_date: date, *, batch_result: dict | None,
                            card_report: dict | None) -> bool:
        """Keeps the platform's answer and/or the card terminal's day report (None leaves the stored
        one). False when the day has no row (no Z yet)."""
        values = {}
        if batch_result is not None:
            values["batch_result"] = batch_result
        if card_report is not None:
            values["card_report"] = card_report
        c = business_days.c
        where = (c.terminal_id == terminal_id, c.business_date == business_date)
        if not values:
            return self.session.scalar(select(func.count()).select_from(business_days).where(*where)) > 0
        return self.session.execute(update(business_days).where(*where).values(**values)).rowcount > 0

    def set_reconciled(self, terminal_id: str, business_date: date, *, at: datetime, by: uuid.UUID,
                       override_by: uuid.UUID | None, note: str | None) -> bool:
        """closed -> reconciled. False when the day is not (or no longer) closed: a racing twin won."""
        c = business_days.c
        return self.session.execute(
            update(business_days).where(c.terminal_id == terminal_id, c.business_date == business_date,
                                        c.status == "closed")
            .values(status="reconciled", reconciled_at=at, reconciled_by=by, reconcile_override_by=override_by,
                    reconcile_note=note)).rowcount > 0


def _value(kind) -> str:
    return getattr(kind, "value", kind)
