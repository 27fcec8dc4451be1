"""Shifts in their plain form: the open shift of a terminal, and closing it with the counted drawer.
A shift is opened only through services.cash.open_shift (business date, closed-day check, audit);
services.cash is the full form on a DayContext (count by denomination, expected cash, over/short,
manager approval, audit)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

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


def _info(shift: Shift) -> ShiftInfo:
    return ShiftInfo(shift.id, shift.terminal_id, shift.opened_by, shift.opened_at, shift.opening_float)


def current_shift(uow: UnitOfWork, *, terminal_id: str) -> ShiftInfo | None:
    with uow:
        shift = uow.shifts.open_for_terminal(terminal_id)
        return _info(shift) if shift else None


def close_shift(uow: UnitOfWork, clock: Clock, *, terminal_id: str, user_id: uuid.UUID, counted_cash: Money) -> None:
    with uow:
        shift = uow.shifts.open_for_terminal(terminal_id)
        if shift is None:
            raise NoOpenShift(f"terminal {terminal_id} has no open shift")
        shift.close(user_id, counted_cash, clock.now())
        uow.commit()
