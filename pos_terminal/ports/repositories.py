"""The storage port: the unit of work and every repository method the services call
(pos_terminal.storage.uow is the SQLAlchemy adapter; tests/fakes.py the in-memory fake).

Day figures take `start`/`end`: the aware UTC bounds [start, end) of the store's local business
day (services.reports computes them from the store's time zone)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

from pos_terminal.domain.model import (
    CardRequest,
    CardRequestKind,
    CardRequestState,
    ItemUnit,
    NewOrder,
    Order,
    OrderLine,
    OutboxMessage,
    PaidSale,
    Receipt,
    ReceiptCounter,
    ReceiptKind,
    RefundCase,
    Sale,
    Settlement,
    Shift,
    User,
)
from pos_terminal.ports.rows import (
    AuditRow,
    BusinessDayRow,
    CashMovementRow,
    ClosedDayRow,
    PaybackRow,
    PrepaidTenderRow,
    ReceiptFound,
    RefundPaidRow,
    SettlementRow,
    UnsentSettlement,
)

__all__ = [
    "AuditRepository", "BusinessDayRepository", "CardRequestRepository", "CashRepository", "ItemUnit",
    "OrderRepository", "OutboxRepository", "PaybackRepository", "ReceiptRepository", "RefundRepository",
    "SaleRepository", "ShiftRepository", "UnitOfWork", "UserRepository", "OpenCardRow", "PaidHere",
]


class PaidHere(NamedTuple):
    """An order's paid sale in this database, by its receipt number (None if it has none)."""

    receipt_no: int | None


class OpenCardRow(NamedTuple):
    """A SENT or APPROVED bank-card request, as the checkout adopts it."""

    request_id: str
    order_no: str
    amount_minor: int
    currency: str
    state: CardRequestState
    card_reference: str | None
    approval_code: str | None
    card_last4: str | None


class UserRepository(Protocol):
    def add(self, user: User) -> None: ...

    def get(self, user_id: uuid.UUID) -> User | None: ...

    def by_username(self, username: str) -> User | None: ...

    def list(self) -> list[User]: ...

    def count(self) -> int: ...


class OrderRepository(Protocol):
    def add(self, order: Order) -> None: ...

    def get(self, order_no: str) -> Order | None: ...

    def add_new(self, order: NewOrder) -> bool:
        """Writes an order not held yet, with its lines and item units; False (nothing written)
        when one with that number is held."""
        ...


class SaleRepository(Protocol):
    def add(self, sale: Sale) -> None: ...

    def get(self, sale_id: uuid.UUID) -> Sale | None: ...

    def paid_for_order(self, order_no: str) -> Sale | None: ...

    def paid_receipt(self, order_no: str) -> PaidHere | None:
        """Whether the order has a paid sale here, without loading it: its receipt number, or
        None when the order is unpaid. One indexed read, no transaction of its own."""
        ...

    def add_paid(self, sale: PaidSale) -> None:
        """Writes a paid sale with its tenders, its receipt (print pending), its settlement and the
        settlement's outbox message."""
        ...


class ShiftRepository(Protocol):
    def add(self, shift: Shift) -> None: ...

    def get(self, shift_id: uuid.UUID) -> Shift | None: ...

    def open_for_terminal(self, terminal_id: str) -> Shift | None: ...

    def open_shift_id(self, terminal_id: str, user_id: uuid.UUID | None = None) -> uuid.UUID | None:
        """The id of the terminal's open shift, without loading it; with `user_id`, only when that
        user holds it (opened it, or took it over: Shift.holder)."""
        ...

    def last_closed(self, terminal_id: str) -> Shift | None: ...


class ReceiptRepository(Protocol):
    def counter_for(self, terminal_id: str) -> ReceiptCounter:
        """The terminal's ReceiptCounter, locked for this unit of work (created at 0 if new)."""
        ...

    def next_number(self, terminal_id: str) -> int:
        """Takes the terminal's next receipt number (the counter created if new), locked for this
        unit of work: a rollback gives it back. Not mixed with counter_for in one unit of work."""
        ...

    def add(self, receipt: Receipt) -> None: ...

    def last_for_terminal(self, terminal_id: str, kind: ReceiptKind | None = None) -> Receipt | None:
        """The terminal's newest receipt, of `kind` when given."""
        ...

    def by_number(self, terminal_id: str, receipt_no: int) -> Receipt | None: ...

    def search(self, terminal_id: str, *, receipt_no: int | None = None, order_no: str | None = None,
               item_code: str | None = None, amount_minor: int | None = None, start: datetime | None = None,
               end: datetime | None = None, limit: int = 100) -> list[ReceiptFound]:
        """The terminal's sale receipts that meet every criterion given (`item_code`: its order's
        receipt; `start`/`end`: written in [start, end)), newest first, at most `limit`."""
        ...


class OutboxRepository(Protocol):
    """Scoped to one terminal's messages where the unit of work was made for a terminal."""

    def add(self, message: OutboxMessage) -> None: ...

    def add_settlement(self, settlement: Settlement, now: datetime) -> OutboxMessage:
        """The settlement and its outbox message, in this unit of work."""
        ...

    def pending(self, limit: int = 100, after_seq: int = 0) -> list[OutboxMessage]:
        """Not sent and not set aside as needing attention, in seq order."""
        ...

    def pending_count(self) -> int: ...

    def oldest_pending_at(self) -> datetime | None: ...

    def get(self, seq: int) -> OutboxMessage | None: ...

    def attention(self, limit: int = 100) -> list[OutboxMessage]:
        """Refused for good (dead), not sent, in seq order."""
        ...

    def attention_count(self) -> int: ...

    def last_sent_at(self) -> datetime | None: ...


class RefundRepository(Protocol):
    def add(self, case: RefundCase) -> None: ...

    def get(self, case_id: uuid.UUID) -> RefundCase | None: ...

    def drafts(self, terminal_id: str, limit: int = 50) -> list[RefundCase]:
        """Intakes not yet accepted by the platform, oldest first."""
        ...

    def open_cases(self, terminal_id: str, limit: int = 200) -> list[RefundCase]:
        """Cases not final yet (draft, requested, approved and not paid out), newest first."""
        ...

    def recent(self, terminal_id: str, limit: int = 50) -> list[RefundCase]: ...

    def unacknowledged(self, terminal_id: str, limit: int = 100) -> list[RefundCase]:
        """Rejected or refused cases no cashier has acknowledged yet, newest first."""
        ...

    def open_for_items(self, item_codes: list[str]) -> list[RefundCase]:
        """Cases not rejected or refused that name any of these item codes."""
        ...

    def legs_used(self, order_no: str) -> dict[str, int]:
        """Minor units the live cases of an order send (or sent) back to each payout route."""
        ...

    def local_unit(self, item_code: str) -> tuple[Order, OrderLine, Sale | None] | None:
        """(order, line, paid sale or None) of a unit this database knows, else None."""
        ...


class CardRequestRepository(Protocol):
    def add(self, request: CardRequest) -> None: ...

    def get(self, request_id: str) -> CardRequest | None: ...

    def open_for_terminal(self, terminal_id: str,
                          kinds: tuple[CardRequestKind, ...] = ...) -> list[CardRequest]:
        """SENT (outcome unknown) and APPROVED (charged, in no sale yet) requests of `kinds`
        (bank-card charges unless told), oldest first."""
        ...

    def open_rows(self, terminal_id: str) -> list[OpenCardRow]:
        """open_for_terminal()'s bank-card requests as plain rows, without loading them. One
        indexed read, no transaction of its own."""
        ...

    def prepaid_between(self, terminal_id: str, start: datetime, end: datetime) -> list[CardRequest]:
        """This terminal's prepaid debits and credits written in [start, end), any state."""
        ...


class AuditRepository(Protocol):
    """The hash-chained audit trail: one chain per terminal, rows in seq order."""

    def hold_chain(self, terminal_id: str, timeout_s: float = ...) -> None:
        """Takes the terminal's chain lock until this unit of work ends (see storage.audit_repo)."""
        ...

    def head(self, terminal_id: str) -> AuditRow | None: ...

    def add(self, row: AuditRow) -> int:
        """Appends the row at once; returns its seq."""
        ...

    def page(self, terminal_id: str, after_seq: int = 0, limit: int = 1000) -> list[AuditRow]: ...

    def recent(self, terminal_id: str | None, since: datetime | None = None, limit: int = 200) -> list[AuditRow]:
        """Newest first; all terminals when terminal_id is None."""
        ...

    def actions_between(self, terminal_id: str, action: str, start: datetime, end: datetime) -> list[AuditRow]: ...

    def terminal_ids(self) -> list[str]: ...

    def count(self, terminal_id: str | None = None) -> int: ...


class CashRepository(Protocol):
    """Cash movements of a shift, and the figures its expected cash is made of."""

    def add_movement(self, *, id: uuid.UUID, shift_id: uuid.UUID, terminal_id: str, kind: str, amount_minor: int,
                     currency: str, reason: str, user_id: uuid.UUID, created_at: datetime,
                     approved_by: uuid.UUID | None = None) -> None: ...

    def movements(self, shift_id: uuid.UUID) -> list[CashMovementRow]:
        """Oldest first."""
        ...

    def movement_totals(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, dict[str, tuple[int, int]]]:
        """{shift_id: {kind: (count, amount_minor)}}."""
        ...

    def cash_sales_minor(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Cash applied to each shift's paid sales."""
        ...

    def cash_refunds_minor(self, shift_ids: Iterable[uuid.UUID]) -> dict[uuid.UUID, int]:
        """Cash refunded out of the drawer in each shift, double payments paid back included."""
        ...


class BusinessDayRepository(Protocol):
    """Closed days (Z), the day's figures for the X/Z report, and reconciliation."""

    def get(self, terminal_id: str, business_date: date) -> BusinessDayRow | None: ...

    def closed_at(self, terminal_id: str, business_date: date) -> datetime | None:
        """When the terminal's Z closed that day, None while it is open (one prepared read, on the
        connection of the caller's transaction: a sale asks it for its business date)."""
        ...

    def next_z_no(self, terminal_id: str) -> int: ...

    def add_closed(self, *, terminal_id: str, business_date: date, z_no: int, closed_at: datetime,
                   closed_by: uuid.UUID, report: dict[str, Any]) -> uuid.UUID | None:
        """The closed day's id, or None when another unit of work closed the day or took the z_no
        first (this unit of work is then rolled back and must end)."""
        ...

    def closed_days(self, terminal_id: str, limit: int = 60) -> list[ClosedDayRow]:
        """Newest first."""
        ...

    def stored_reports(self, terminal_id: str | None = None) -> list[dict[str, Any]]: ...

    def sales_figures(self, terminal_id: str, start: datetime,
                      end: datetime) -> tuple[int, int, int, int | None, int | None]:
        """(count, amount_minor, offline count, first receipt_no, last receipt_no) of the paid sales."""
        ...

    def tender_figures(self, terminal_id: str, start: datetime, end: datetime) -> list[tuple[str, int, int]]:
        """(kind, sales using it, amount_minor) per tender kind of the paid sales."""
        ...

    def tender_times(self, terminal_id: str, start: datetime,
                     end: datetime) -> list[tuple[datetime, int, str, int]]:
        """(paid_at, receipt_no, kind, amount_minor) of every tender of the paid sales."""
        ...

    def void_figures(self, terminal_id: str, start: datetime, end: datetime) -> tuple[int, int, int | None, int | None]:
        """(count, amount_minor, lowest receipt_no, highest receipt_no) of the day's voided sales."""
        ...

    def void_tender_figures(self, terminal_id: str, start: datetime, end: datetime) -> list[tuple[str, int, int]]: ...

    def refunds_paid(self, terminal_id: str, start: datetime, end: datetime) -> list[RefundPaidRow]: ...

    def shifts_of_day(self, terminal_id: str, business_date: date, start: datetime, end: datetime) -> list[Shift]:
        """The shifts that count to the day, oldest first."""
        ...

    def sync_figures(self, terminal_id: str) -> tuple[int, int, datetime | None]:
        """(pending, needing attention, oldest pending created_at) of the terminal's outbox."""
        ...

    def settlements_paid(self, terminal_id: str, start: datetime, end: datetime) -> list[SettlementRow]:
        """By paid_at then receipt_no."""
        ...

    def unsent_settlements(self, terminal_id: str) -> list[UnsentSettlement]: ...

    def bank_card_sales(self, terminal_id: str, start: datetime, end: datetime) -> tuple[int, int]:
        """(charges, amount_minor) of the bank-card tenders of the sales paid in [start, end)."""
        ...

    def prepaid_tenders(self, terminal_id: str, start: datetime, end: datetime) -> list[PrepaidTenderRow]: ...

    def card_charges_outside_sales(self, terminal_id: str, start: datetime,
                                   end: datetime) -> tuple[int, int, int, int]:
        """(charged count, minor, given back count, minor) of bank-card charges no sale records."""
        ...

    def save_reconciliation(self, terminal_id: str, business_date: date, *, batch_result: dict[str, Any] | None,
                            card_report: dict[str, Any] | None) -> bool: ...

    def set_reconciled(self, terminal_id: str, business_date: date, *, at: datetime, by: uuid.UUID,
                       override_by: uuid.UUID | None, note: str | None) -> bool:
        """closed -> reconciled; False when the day is not (or no longer) closed."""
        ...


class PaybackRepository(Protocol):
    """Double payments paid back at the counter."""

    def add(self, *, id: uuid.UUID, platform_case_id: str, terminal_id: str, store_id: str, order_no: str,
            settlement_id: str | None, amount_minor: int, currency: str, route: str, shift_id: uuid.UUID | None,
            receipt_no: int, cashier_id: uuid.UUID, approved_by: uuid.UUID, paid_at: datetime) -> None:
        """A pay-back in state paid_out (the cash is out of the drawer; the platform not told yet)."""
        ...

    def get(self, payback_id: uuid.UUID) -> PaybackRow | None: ...

    def for_case(self, platform_case_id: str) -> PaybackRow | None: ...

    def for_cases(self, platform_case_ids: Iterable[str]) -> dict[str, PaybackRow]: ...

    def unreported(self, terminal_id: str, due_by: datetime | None = None) -> list[PaybackRow]: ...

    def reported(self, payback_id: uuid.UUID, now: datetime) -> None: ...

    def conflict(self, payback_id: uuid.UUID, error: str, now: datetime) -> None: ...

    def failed(self, payback_id: uuid.UUID, error: str, next_attempt_at: datetime) -> None: ...


class UnitOfWork(Protocol):
    """One use case, one transaction. `with uow:` opens it; `uow.commit()` makes it durable;
    leaving the block without commit rolls everything back."""

    # the repositories, valid inside `with uow:`
    @property
    def users(self) -> UserRepository: ...

    @property
    def orders(self) -> OrderRepository: ...

    @property
    def sales(self) -> SaleRepository: ...

    @property
    def shifts(self) -> ShiftRepository: ...

    @property
    def receipts(self) -> ReceiptRepository: ...

    @property
    def outbox(self) -> OutboxRepository: ...

    @property
    def refunds(self) -> RefundRepository: ...

    @property
    def card_requests(self) -> CardRequestRepository: ...

    @property
    def audit(self) -> AuditRepository: ...

    @property
    def cash(self) -> CashRepository: ...

    @property
    def days(self) -> BusinessDayRepository: ...

    @property
    def paybacks(self) -> PaybackRepository: ...

    def __enter__(self) -> UnitOfWork: ...

    def __exit__(self, *exc: object) -> None: ...

    def commit(self) -> None: ...

    def rollback(self) -> None: ...
