"""The X and Z report as plain data: what services.reports computes, and what the receipt, PDF,
CSV and screen renderers lay out. Amounts are minor units of `currency`; times are aware UTC
(renderers show them in `timezone`). Tender and route kinds are the stable values of
TenderKind (cash, prepaid_card, bank_card) and PayoutRoute (cash, prepaid_card, bank_card,
online)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True)
class TenderTotal:
    kind: str
    count: int
    amount_minor: int


@dataclass(frozen=True)
class HourTotal:
    """Sales paid in one local hour (0-23) with one tender kind."""

    hour: int
    kind: str
    count: int
    amount_minor: int


@dataclass(frozen=True)
class ShiftSummary:
    shift_id: str
    opened_at: datetime
    opened_by: str
    closed_at: datetime | None
    closed_by: str | None
    opening_float_minor: int
    cash_sales_minor: int
    cash_refunds_minor: int
    drops_minor: int
    pay_outs_minor: int
    pay_ins_minor: int
    no_sale_count: int
    expected_cash_minor: int
    counted_cash_minor: int | None  # None while the shift is open
    over_short_minor: int | None  # counted - expected; None while open
    close_note: str | None = None
    close_approved_by: str | None = None


@dataclass(frozen=True)
class SyncSummary:
    pending: int
    needing_attention: int
    oldest_pending_at: datetime | None


@dataclass(frozen=True)
class DayReport:
    kind: str  # "X" (nothing closes) or "Z" (closes the business day)
    terminal_id: str
    store_id: str
    store_name: str
    business_date: date
    timezone: str
    currency: str
    generated_at: datetime
    generated_by: str
    z_no: int | None  # Z only: per terminal, gap-free
    sales_count: int
    sales_minor: int
    sales_by_tender: tuple[TenderTotal, ...]  # a mixed sale counts once per tender it used
    offline_sales_count: int
    refunds_count: int
    refunds_minor: int
    refunds_by_route: tuple[TenderTotal, ...]
    voids_count: int
    voids_minor: int
    drops_minor: int
    pay_outs_minor: int
    pay_ins_minor: int
    no_sale_count: int
    opening_float_minor: int
    expected_cash_minor: int
    counted_cash_minor: int | None  # None while a shift of the day is open
    over_short_minor: int | None
    first_receipt_no: int | None
    last_receipt_no: int | None
    shifts: tuple[ShiftSummary, ...]
    by_hour: tuple[HourTotal, ...]
    sync: SyncSummary
    # Z only: the hash of its day_close entry in the audit trail, printed so that `pos-terminal
    # audit verify` can tell the trail was not cut off after it
    audit_anchor: str | None = None
    # what the voids gave back, by tender kind (count: voids that gave back that kind); the
    # voids_minor total also holds voids recorded before tenders were (no kind known)
    voids_by_tender: tuple[TenderTotal, ...] = ()

    def tender(self, kind: str) -> TenderTotal:
        return next((t for t in self.sales_by_tender if t.kind == kind), TenderTotal(kind, 0, 0))

    def warnings(self) -> tuple[tuple[str, object], ...]:
        """What to read before trusting the figures, as (code, value) for each renderer to word in
        its language: ("shift_open", ShiftSummary) for a shift not counted yet, ("unsent", n) for
        settlements not sent to the platform, ("refused", n) for ones it refused for good."""
        found: list[tuple[str, object]] = [("shift_open", s) for s in self.shifts if s.closed_at is None]
        if self.sync.pending:
            found.append(("unsent", self.sync.pending))
        if self.sync.needing_attention:
            found.append(("refused", self.sync.needing_attention))
        return tuple(found)
