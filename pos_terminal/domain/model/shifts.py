"""A cashier's shift at a terminal: the opening float and the counted cash."""

from __future__ import annotations

import enum
import uuid
from datetime import date, datetime

from pos_terminal.domain.errors import ShiftError
from pos_terminal.domain.model._common import require_aware as _require_aware
from pos_terminal.ids import uuid7
from pos_terminal.money import Money


class ShiftStatus(str, enum.Enum):
    OPEN = "open"
    CLOSED = "closed"


class Shift:
    def __init__(
        self,
        terminal_id: str,
        opened_by: uuid.UUID,
        opening_float: Money,
        *,
        opened_at: datetime,
        id: uuid.UUID | None = None,
    ) -> None:
        if opening_float.is_negative:
            raise ShiftError("the opening float cannot be negative")
        self.id = id or uuid7()
        self.terminal_id = terminal_id
        self.opened_by = opened_by
        self.opening_float = opening_float
        self.opened_at = _require_aware(opened_at, "opened_at")
        self.status = ShiftStatus.OPEN
        self.closed_by: uuid.UUID | None = None
        self.closed_at: datetime | None = None
        self.counted_cash_minor: int | None = None
        self.business_date: date | None = None  # the store's business day it counts to (set on opening)
        # cash control, set when the shift is closed (services.cash.close_shift)
        self.counted_denominations: dict[str, int] | None = None  # {"10000": 2, ...}: the count by denomination
        self.expected_cash_minor: int | None = None  # what the drawer should have held
        self.over_short_minor: int | None = None  # over (+) or short (-)
        self.close_note: str | None = None
        self.close_approved_by: uuid.UUID | None = None  # the manager who accepted a count beyond the limit
        self.held_by: uuid.UUID | None = None  # who sells in it since a take-over (None: who opened it)

    @property
    def holder(self) -> uuid.UUID:
        """The user whose sales go into this shift: who opened it, or who took it over last."""
        return self.held_by if self.held_by is not None else self.opened_by

    def take_over(self, by: uuid.UUID) -> None:
        if self.status is ShiftStatus.CLOSED:
            raise ShiftError("this shift is closed already")
        self.held_by = by

    @property
    def counted_cash(self) -> Money | None:
        if self.counted_cash_minor is None:
            return None
        return Money(self.counted_cash_minor, self.opening_float.currency)

    def close(self, by: uuid.UUID, counted_cash: Money, now: datetime) -> None:
        if self.status is ShiftStatus.CLOSED:
            raise ShiftError("this shift is already closed")
        self.status = ShiftStatus.CLOSED
        self.closed_by = by
        if counted_cash.currency != self.opening_float.currency:
            raise ShiftError(f"counted cash in {counted_cash.currency}, shift in {self.opening_float.currency}")
        self.closed_at = _require_aware(now, "closed_at")
        self.counted_cash_minor = counted_cash.minor
