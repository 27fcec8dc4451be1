"""The remittances port (issue 16, route 1: direct): what the store has done to pay the platform
the net of an accepted settlement statement, kept in the `remittances` table beside the accepted
statements (`settlement_statements`), in the caller's unit of work so a remittance, its audit entry
and its outbox message commit together.

States, in order: exported (the payment file was made) -> sent (a manager says the bank transfer
was made, with the bank's reference; the platform is told through the outbox) -> reported (the
platform has recorded the store's notice) -> received (the platform says the money arrived)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from pos_terminal.domain.model.statements import Statement
from pos_terminal.ports.repositories import UnitOfWork

EXPORTED, SENT, REPORTED, RECEIVED = "exported", "sent", "reported", "received"
REMITTANCE_STATES = (EXPORTED, SENT, REPORTED, RECEIVED)


@dataclass(frozen=True)
class Remittance:
    """One row of `remittances`: one per accepted statement the store pays."""

    id: uuid.UUID
    statement_number: str
    platform_id: str
    amount_minor: int
    currency: str
    exported_at: datetime
    file_digest: str  # sha256 of the payment file (the XML)
    state: str = EXPORTED
    sent_at: datetime | None = None
    reference: str | None = None  # the bank's reference of the transfer
    attempts: int = 0  # times the platform was asked about it
    last_error: str | None = None
    reported_at: datetime | None = None  # when the platform's answer last moved it (reported / received)

    @property
    def rank(self) -> int:
        return REMITTANCE_STATES.index(self.state)


class RemittanceRepository(Protocol):
    """The remittances table and the accepted statements it pays (read only here)."""

    def get(self, number: str) -> Remittance | None: ...

    def save(self, remittance: Remittance) -> None:
        """Inserts the row, or updates the one with its id."""
        ...

    def all(self, limit: int = 200) -> list[Remittance]:
        """The newest exports first."""
        ...

    def accepted_statement(self, number: str) -> Statement | None:
        """The accepted statement with that number, as it was accepted (number, accepted_at/by set)."""
        ...

    def accepted_route(self, number: str) -> str | None:
        """The settlement route the accepted statement was accepted for (direct | clearing_house)."""
        ...

    def accepted_number(self, store_id: str, platform_id: str, business_date: date) -> str | None:
        """The number of the accepted statement of that store, platform and day, if one is accepted."""
        ...


class RemittanceUnitOfWork(UnitOfWork, Protocol):
    """A unit of work that also reaches the remittances (storage.uow.SqlAlchemyUnitOfWork)."""

    @property
    def remittances(self) -> RemittanceRepository: ...

    def __enter__(self) -> RemittanceUnitOfWork: ...
