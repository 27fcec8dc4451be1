"""The in-memory BusinessDayRepository of tests/fakes.FakeUnitOfWork: closed days (Z), the
day's figures for the X/Z report and the reconciliation, computed from the domain objects of a
tests/fake_repos.Store as pos_terminal/storage/days_repo.py computes them with queries."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from pos_terminal.domain import model as m
from pos_terminal.ids import uuid7
from pos_terminal.ports import (
    BusinessDayRow,
    ClosedDayRow,
    PrepaidTenderRow,
    RefundPaidRow,
    SettlementRow,
    UnsentSettlement,
)
from tests.fake_repos import Store, _Repo, _within


class FakeDays(_Repo):
    def __init__(self, s: Store) -> None:
        super().__init__(s)

    # -- the closed day (Z)
    def get(self, terminal_id: str, business_date: date) -> BusinessDayRow | None:
        return self.s.days.get((terminal_id, business_date))

    def closed_at(self, terminal_id: str, business_date: date):
        row = self.get(terminal_id, business_date)
        return row.closed_at if row is not None else None

    def next_z_no(self, terminal_id: str) -> int:
        return max((d.z_no for (t, _), d in self.s.days.items() if t == terminal_id), default=0) + 1

    def add_closed(self, *, terminal_id: str, business_date: date, z_no: int, closed_at: datetime,
                   closed_by: uuid.UUID, report: dict[str, Any]) -> uuid.UUID | None:
        taken = any(t == terminal_id and d.z_no == z_no for (t, _), d in self.s.days.items())
        if (terminal_id, business_date) in self.s.days or taken:
            return None
        day_id = uuid7()
        self.s.days[(terminal_id, business_date)] = BusinessDayRow(
            day_id, terminal_id, business_date, "closed", z_no, closed_at, closed_by, report)
        return day_id

    def closed_days(self, terminal_id: str, limit: int = 60) -> list[ClosedDayRow]:
        days = sorted((d for (t, _), d in self.s.days.items() if t == terminal_id),
                      key=lambda d: d.business_date, reverse=True)[:limit]
        return [ClosedDayRow(d.business_date, d.z_no, d.status, d.closed_at, d.closed_by, d.reconciled_at) for d in days]

    def stored_reports(self, terminal_id: str | None = None) -> list[dict[str, Any]]:
        days = sorted((d for d in self.s.days.values() if terminal_id is None or d.terminal_id == terminal_id),
                      key=lambda d: (d.terminal_id, d.z_no))
        return [d.report for d in days]

    # -- the day's figures
    def _shift_ids_during(self, terminal_id: str, start: datetime, end: datetime) -> set[uuid.UUID]:
        return {x.id for x in self.s.shifts.values() if x.terminal_id == terminal_id and x.opened_at < end
                and (x.closed_at is None or x.closed_at >= start)}

    def _paid(self, terminal_id: str, start: datetime, end: datetime) -> list[m.Sale]:
        shifts = self._shift_ids_during(terminal_id, start, end)
        return [x for x in self.s.sales.values() if x.shift_id in shifts and x.terminal_id == terminal_id
                and x.status is m.SaleStatus.PAID and _within(x.paid_at, start, end)]

    def _voided(self, terminal_id: str, start: datetime, end: datetime) -> list[m.Sale]:
        shifts = self._shift_ids_during(terminal_id, start, end)
        return [x for x in self.s.sales.values() if x.shift_id in shifts and x.terminal_id == terminal_id
                and x.status is m.SaleStatus.VOIDED
                and (_within(x.paid_at, start, end) if x.paid_at is not None else _within(x.created_at, start, end))]

    def _charged(self, terminal_id: str, start: datetime, end: datetime) -> list[m.Sale]:
        """Sales paid in [start, end), voided since or not (each card tender was one charge)."""
        return [x for x in self.s.sales.values() if x.terminal_id == terminal_id and _within(x.paid_at, start, end)
                and x.status in (m.SaleStatus.PAID, m.SaleStatus.VOIDED)]

    @staticmethod
    def _by_kind(sales: list[m.Sale]) -> list[tuple[str, int, int]]:
        kinds: dict[str, tuple[set[uuid.UUID], int]] = {}
        for sale in sales:
            for t in sale.tenders:
                ids, amount = kinds.setdefault(t.kind.value, (set(), 0))
                ids.add(sale.id)
                kinds[t.kind.value] = (ids, amount + t.amount.minor)
        return [(k, len(ids), amount) for k, (ids, amount) in kinds.items()]

    def sales_figures(self, terminal_id: str, start: datetime,
                      end: datetime) -> tuple[int, int, int, int | None, int | None]:
        paid = self._paid(terminal_id, start, end)
        numbers = [x.receipt_no for x in paid if x.receipt_no is not None]
        return (len(paid), sum(x.total.minor for x in paid), sum(1 for x in paid if x.offline),
                min(numbers, default=None), max(numbers, default=None))

    def tender_figures(self, terminal_id: str, start: datetime, end: datetime) -> list[tuple[str, int, int]]:
        return self._by_kind(self._paid(terminal_id, start, end))

    def tender_times(self, terminal_id: str, start: datetime,
                     end: datetime) -> list[tuple[datetime, int, str, int]]:
        return [(x.paid_at, x.receipt_no, t.kind.value, t.amount.minor) for x in self._paid(terminal_id, start, end)
                for t in x.tenders if x.paid_at is not None and x.receipt_no is not None]

    def void_figures(self, terminal_id: str, start: datetime, end: datetime) -> tuple[int, int, int | None, int | None]:
        voided = self._voided(terminal_id, start, end)
        numbers = [x.receipt_no for x in voided if x.receipt_no is not None]
        return len(voided), sum(x.total.minor for x in voided), min(numbers, default=None), max(numbers, default=None)

    def void_tender_figures(self, terminal_id: str, start: datetime, end: datetime) -> list[tuple[str, int, int]]:
        return self._by_kind(self._voided(terminal_id, start, end))

    def refunds_paid(self, terminal_id: str, start: datetime, end: datetime) -> list[RefundPaidRow]:
        rows = [RefundPaidRow(c.amount.minor, c.paid_out_route.value if c.paid_out_route else None, c.payout_legs,
                              c.cash_out_minor, c.receipt_no)
                for c in self.s.refunds.values() if c.terminal_id == terminal_id and _within(c.paid_out_at, start, end)]
        return rows + [RefundPaidRow(p.amount_minor, p.route, None, p.amount_minor if p.route == "cash" else 0,
                                     p.receipt_no)
                       for p in self.s.paybacks.values() if p.terminal_id == terminal_id
                       and _within(p.paid_at, start, end)]

    def shifts_of_day(self, terminal_id: str, business_date: date, start: datetime, end: datetime) -> list[m.Shift]:
        found = [x for x in self.s.shifts.values() if x.terminal_id == terminal_id and (
            x.business_date == business_date or (x.business_date is None and _within(x.opened_at, start, end)))]
        return sorted(found, key=lambda x: x.opened_at)

    def sync_figures(self, terminal_id: str) -> tuple[int, int, datetime | None]:
        mine = [x for x in self.s.outbox if x.terminal_id == terminal_id and x.sent_at is None]
        pending = [x for x in mine if x.dead_at is None]
        return len(pending), len(mine) - len(pending), min((x.created_at for x in pending), default=None)

    # -- reconciliation
    def settlements_paid(self, terminal_id: str, start: datetime, end: datetime) -> list[SettlementRow]:
        rows = [SettlementRow(x.id, x.order_no, x.receipt_no, x.amount.minor, x.amount.currency, x.paid_at)
                for x in self.s.settlements if x.terminal_id == terminal_id and _within(x.paid_at, start, end)]
        return sorted(rows, key=lambda r: (r.paid_at, r.receipt_no))

    def unsent_settlements(self, terminal_id: str) -> list[UnsentSettlement]:
        found: list[UnsentSettlement] = []
        for x in sorted(self.s.outbox, key=lambda x: x.seq or 0):
            payload = x.payload or {}
            if x.topic != "settlement" or x.sent_at is not None or payload.get("terminal_id") != terminal_id:
                continue
            try:
                paid_at: datetime | None = datetime.fromisoformat(payload["paid_at"])
            except (KeyError, TypeError, ValueError):
                paid_at = None
            found.append({"seq": x.seq or 0, "settlement_id": str(payload.get("settlement_id", "")),
                          "order_no": payload.get("order_no"), "amount_minor": payload.get("amount_minor"),
                          "paid_at": paid_at, "attention": x.dead_at is not None, "last_error": x.last_error})
        return found

    def bank_card_sales(self, terminal_id: str, start: datetime, end: datetime) -> tuple[int, int]:
        legs = [t.amount.minor for x in self._charged(terminal_id, start, end) for t in x.tenders
                if t.kind is m.TenderKind.BANK_CARD]
        return len(legs), sum(legs)

    def prepaid_tenders(self, terminal_id: str, start: datetime, end: datetime) -> list[PrepaidTenderRow]:
        return [PrepaidTenderRow(x.order_no, t.reference, t.amount.minor) for x in self._charged(terminal_id, start, end)
                for t in x.tenders if t.kind is m.TenderKind.PREPAID_CARD]

    def card_charges_outside_sales(self, terminal_id: str, start: datetime,
                                   end: datetime) -> tuple[int, int, int, int]:
        st = m.CardRequestState
        bank = [r for r in self.s.card_requests.values()
                if r.terminal_id == terminal_id and r.kind is m.CardRequestKind.BANK_CARD]
        charged = [r.amount.minor for r in bank if r.state in (st.APPROVED, st.REFUNDED)
                   and _within(r.created_at, start, end)]
        back = [r.amount.minor for r in bank if r.state is st.REFUNDED and _within(r.resolved_at, start, end)]
        return len(charged), sum(charged), len(back), sum(back)

    def save_reconciliation(self, terminal_id: str, business_date: date, *, batch_result: dict[str, Any] | None,
                            card_report: dict[str, Any] | None) -> bool:
        row = self.s.days.get((terminal_id, business_date))
        if row is None:
            return False
        if batch_result is not None:
            row = row._replace(batch_result=batch_result)
        if card_report is not None:
            row = row._replace(card_report=card_report)
        self.s.days[(terminal_id, business_date)] = row
        return True

    def set_reconciled(self, terminal_id: str, business_date: date, *, at: datetime, by: uuid.UUID,
                       override_by: uuid.UUID | None, note: str | None) -> bool:
        row = self.s.days.get((terminal_id, business_date))
        if row is None or row.status != "closed":
            return False
        self.s.days[(terminal_id, business_date)] = row._replace(
            status="reconciled", reconciled_at=at, reconciled_by=by, reconcile_override_by=override_by,
            reconcile_note=note)
        return True
