"""Shifts in their plain form: the open shift of a terminal, and closing it with the counted drawer.
A shift is opened only through services.cash.open_shift (its business date follows the rule of
services.day_context: after the day's Z, the next business day; the float's limits; audit);
services.cash is the full form on a DayContext (count by denomination, expected cash, over/short,
manager approval, audit)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime

from pos_terminal.domain.errors import NoOpenShift
from pos_terminal.domain.model import Shift
from pos_terminal.money import Money
from pos_terminal.ports import Clock, UnitOfWork


@dataclass(frozen=True)
class ShiftInfo:
    shift_id: uuid.UUID
    terminal_id: str
    opened_by: uuid.UUID
    opened_at: datetime
    opening_float: Money
    business_date: date | None = None  # the business day its sales count to
    holder: uuid.UUID | None = None  # whose sales go into it: who opened it, or took it over
    holder_name: str = ""


def _info(uow: UnitOfWork, shift: Shift) -> ShiftInfo:
    holder = uow.users.get(shift.holder)
    return ShiftInfo(shift.id, shift.terminal_id, shift.opened_by, shift.opened_at, shift.opening_float,
                     shift.business_date, shift.holder, holder.username if holder is not None else str(shift.holder))


def current_shift(uow: UnitOfWork, *, terminal_id: str) -> ShiftInfo | None:
    """The terminal's open shift with its business date and holder, None when none is open."""
    with uow:
        shift = uow.shifts.open_for_terminal(terminal_id)
        return _info(uow, shift) if shift else None


def close_shift(uow: UnitOfWork, clock: Clock, *, terminal_id: str, user_id: uuid.UUID, counted_cash: Money) -> None:
    with uow:
        shift = uow.shifts.open_for_terminal(terminal_id)
        if shift is None:
            raise NoOpenShift(f"terminal {terminal_id} has no open shift")
        shift.close(user_id, counted_cash, clock.now())
        uow.commit()
