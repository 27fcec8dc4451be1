"""Shifts: opening with a counted float and closing with the counted drawer (the plain form kept for
older callers; services.cash is the full one on a DayContext: business date, count by denomination,
expected cash, over/short, manager approval, audit)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

from pos_terminal.domain.errors import NoOpenShift, ShiftError
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


def open_shift(uow: UnitOfWork, clock: Clock, *, terminal_id: str, user_id: uuid.UUID, opening_float: Money) -> ShiftInfo:
    with uow:
        if uow.shifts.open_for_terminal(terminal_id) is not None:
            raise ShiftError(f"terminal {terminal_id} already has an open shift; close it first")
        shift = Shift(terminal_id, user_id, opening_float, opened_at=clock.now())
        uow.shifts.add(shift)
        uow.commit()
        return _info(shift)


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
