"""The shapes of the plain rows some repositories return (figures, journals, tables without a
domain class). The storage adapter returns SQLAlchemy rows, which are read both by name and by
position like these named tuples; the fakes return the named tuples themselves."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, NamedTuple, NotRequired, TypedDict


class AuditRow(TypedDict):
    """One row of a terminal's hash-chained audit trail (`seq` is given by the store on add)."""

    seq: NotRequired[int]
    id: uuid.UUID
    terminal_id: str
    at: datetime
    user_id: uuid.UUID | None
    username: str | None
    action: str
    subject: str | None
    outcome: str
    details: dict[str, Any]
    prev_hash: str
    hash: str


class CashMovementRow(NamedTuple):
    id: uuid.UUID
    kind: str  # drop | pay_out | pay_in | no_sale
    amount_minor: int
    currency: str
    reason: str
    user_id: uuid.UUID
    approved_by: uuid.UUID | None
    created_at: datetime


class BusinessDayRow(NamedTuple):
    """A closed (or reconciled) business day of a terminal, with its Z report."""

    id: uuid.UUID
    terminal_id: str
    business_date: date
    status: str  # closed | reconciled
    z_no: int
    closed_at: datetime
    closed_by: uuid.UUID
    report: dict[str, Any]
    batch_result: dict[str, Any] | None = None
    card_report: dict[str, Any] | None = None
    reconciled_at: datetime | None = None
    reconciled_by: uuid.UUID | None = None
    reconcile_override_by: uuid.UUID | None = None
    reconcile_note: str | None = None


class ClosedDayRow(NamedTuple):
    business_date: date
    z_no: int
    status: str
    closed_at: datetime
    closed_by: uuid.UUID
    reconciled_at: datetime | None


class RefundPaidRow(NamedTuple):
    """A refund paid out at this terminal: a refund case's, or a double payment paid back."""

    amount_minor: int
    paid_out_route: str | None
    payout_legs: list[dict[str, Any]] | None
    cash_out_minor: int | None
    receipt_no: int | None


class SettlementRow(NamedTuple):
    id: uuid.UUID
    order_no: str
    receipt_no: int
    amount_minor: int
    currency: str
    paid_at: datetime
    platform_id: str | None = None  # the platform paid (issue 16); None: [platform]


class UnsentSettlement(TypedDict):
    seq: int
    settlement_id: str
    order_no: str | None
    amount_minor: int | None
    paid_at: datetime | None
    attention: bool
    last_error: str | None


class PrepaidTenderRow(NamedTuple):
    order_no: str
    reference: str | None  # the platform's transaction id
    amount_minor: int


class PaybackRow(NamedTuple):
    """A double payment paid back at this counter (storage: refund_case_paybacks)."""

    id: uuid.UUID
    platform_case_id: str
    terminal_id: str
    store_id: str
    order_no: str
    settlement_id: str | None
    amount_minor: int
    currency: str
    route: str
    shift_id: uuid.UUID | None
    receipt_no: int
    cashier_id: uuid.UUID
    approved_by: uuid.UUID
    paid_at: datetime
    state: str  # paid_out | reported | conflict
    attempts: int
    next_attempt_at: datetime | None
    last_error: str | None
    reported_at: datetime | None


class ReceiptFound(NamedTuple):
    """A sale receipt as the receipt history lists it (ReceiptRepository.search)."""

    receipt_no: int
    created_at: datetime  # when the receipt was written (the sale's commit)
    order_no: str
    amount_minor: int  # the sale's total
    currency: str
    sale_status: str  # paid | voided ...
    print_state: str  # pending | printed | failed
    copies_printed: int
    cashier: str  # the cashier's display name ("" when the user is gone)
