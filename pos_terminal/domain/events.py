"""Domain events: facts, named in the past tense, collected on the aggregate that raised them."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from pos_terminal.money import Money


@dataclass(frozen=True)
class Event:
    pass


@dataclass(frozen=True)
class SalePaid(Event):
    sale_id: uuid.UUID
    order_no: str
    terminal_id: str
    receipt_no: int
    total: Money
    cash: Money
    change: Money
    paid_at: datetime


@dataclass(frozen=True)
class SaleVoided(Event):
    sale_id: uuid.UUID
    approved_by: uuid.UUID
    reason: str


@dataclass(frozen=True)
class ShiftOpened(Event):
    shift_id: uuid.UUID
    terminal_id: str
    opened_by: uuid.UUID
    opening_float: Money


@dataclass(frozen=True)
class ShiftClosed(Event):
    shift_id: uuid.UUID
    closed_by: uuid.UUID
    counted_cash: Money


@dataclass(frozen=True)
class RefundRequested(Event):
    refund_id: uuid.UUID
    order_no: str
    item_codes: tuple[str, ...]


@dataclass(frozen=True)
class UserSignedIn(Event):
    user_id: uuid.UUID
    at: datetime


@dataclass(frozen=True)
class SignInFailed(Event):
    username: str
    at: datetime
    attempts: int


@dataclass(frozen=True)
class UserLockedOut(Event):
    user_id: uuid.UUID
    until: datetime
