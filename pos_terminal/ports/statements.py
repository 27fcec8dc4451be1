"""The settlement statements port (issue 16): what the terminal's records say moved money for a
platform in a window of time (the rows a day's statement is computed from), and the accepted
statements (settlement_statements) with their gap-free numbers (statement_counters), all in the
caller's unit of work so that an acceptance, its number, its audit entry and its outbox message
commit together or not at all."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol

from pos_terminal.domain.model.statements import Statement
from pos_terminal.ports.repositories import UnitOfWork


class SaleSettled(NamedTuple):
    """A paid sale's settlement: what the platform knows it by (settlement_id)."""

    settlement_id: str
    order_no: str
    platform_id: str | None  # settlements.platform_id, else orders.platform_id; None: [platform]
    amount_minor: int
    currency: str
    tender_kinds: str  # "cash,bank_card"
    tender_amounts: list[dict[str, Any]] | None  # [{"kind", "amount_minor"}]
    paid_at: datetime


class RefundPaidOut(NamedTuple):
    """A refund case paid out at this counter (its legs, each one movement)."""

    case_id: str
    order_no: str
    platform_id: str | None
    amount_minor: int
    currency: str
    route: str | None  # paid_out_route (cash | bank_card | prepaid_card | online | split)
    legs: list[dict[str, Any]] | None  # payout_legs: [{"route", "amount_minor", "done", ...}]
    paid_out_at: datetime


class PaidBack(NamedTuple):
    """A double payment paid back at this counter (refund_case_paybacks)."""

    payback_id: str
    order_no: str
    platform_id: str | None
    amount_minor: int
    currency: str
    route: str
    paid_at: datetime


class UnsentMessage(NamedTuple):
    """An outbox message not taken by the platform yet (a settlement or a counter movement)."""

    seq: int
    topic: str
    payload: dict[str, Any]
    created_at: datetime
    attention: bool  # refused for good (dead_at): a person must look


class StatementRepository(Protocol):
    # -- the records (read) -----------------------------------------------------------------
    def store_terminals(self, store_id: str) -> list[str]:
        """The terminals that recorded settlements for the store (a shared database holds several)."""
        ...

    def sales(self, terminal_id: str, start: datetime, end: datetime) -> list[SaleSettled]:
        """The terminal's settlements paid in [start, end)."""
        ...

    def refunds_paid(self, terminal_id: str, start: datetime, end: datetime) -> list[RefundPaidOut]:
        """The terminal's refund cases paid out in [start, end)."""
        ...

    def paybacks(self, terminal_id: str, start: datetime, end: datetime) -> list[PaidBack]:
        """The terminal's double payments paid back in [start, end)."""
        ...

    def order_platforms(self, order_nos: Iterable[str]) -> dict[str, str | None]:
        """orders.platform_id of each known order (None: [platform])."""
        ...

    def double_payments(self, terminal_id: str) -> set[str]:
        """Settlement ids of this terminal the platform answered with a refund case (a double payment)."""
        ...

    def unsent(self, terminal_id: str, topics: Iterable[str]) -> list[UnsentMessage]:
        """The terminal's outbox messages of those topics not sent yet, in seq order."""
        ...

    # -- accepted statements ----------------------------------------------------------------
    def accepted(self, store_id: str, platform_id: str, business_date: date) -> Statement | None:
        """The accepted statement of that store, platform and day, as accepted (digest checked)."""
        ...

    def by_number(self, number: str) -> Statement | None: ...

    def route_of(self, number: str) -> str | None: ...

    def accepted_list(self, store_id: str, limit: int = 60) -> list[Statement]:
        """The store's accepted statements, newest business date first."""
        ...

    def next_number(self, store_id: str) -> int:
        """The store's next statement number (1, 2, ...), taken in the caller's transaction: a
        rolled-back acceptance gives its number back, so the numbers have no gaps."""
        ...

    def last_number(self, store_id: str) -> int:
        """The store's last statement number taken (0: none yet), read only: the next acceptance
        takes this + 1 (what the Settlement page's confirm dialog names)."""
        ...

    def add_accepted(self, statement: Statement, *, route: str, computed_at: datetime,
                     accepted_by: uuid.UUID) -> None:
        """Stores an accepted statement (number set). A second one of the same store, platform and
        day, or the same number, fails at commit (unique constraints)."""
        ...


class StatementUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that also reaches the statements (storage.uow.SqlAlchemyUnitOfWork)."""

    @property
    def statements(self) -> StatementRepository: ...

    def __enter__(self) -> StatementUnitOfWork: ...
