"""The clearing house (issue 16, route 2) as the terminal's core sees it: a client that sends an
accepted statement and fetches the store's signed day report (sync/clearing_client.py), and the
journal of what was sent and imported (pos_terminal/storage/clearing_journal.py, on the tables of
migration 0010: settlement_statements.sent_at/sent_state, clearing_reports)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Protocol

from pos_terminal.domain.model.statements import Statement

JsonDict = dict[str, Any]


class ClearingHouseError(Exception):
    """The clearing house could not be used; the message says what happened and what to do."""


class ClearingHouseUnavailable(ClearingHouseError):
    """No answer (down, timeout, a 5xx): the same request may be sent again as it is."""


class ClearingHouseRefused(ClearingHouseError):
    """A definite refusal: `status` (HTTP), `code` (the clearing house's error code)."""

    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.code = code


@dataclass(frozen=True)
class ClearingAnswer:
    status: int
    body: JsonDict
    replayed: bool  # the answer given before to this Idempotency-Key


class ClearingHouseClient(Protocol):
    def post_statement(self, statement: JsonDict, idempotency_key: str) -> ClearingAnswer:
        """POST /statements. Raises ClearingHouseRefused / ClearingHouseUnavailable."""
        ...

    def store_report(self, store_id: str, business_date: date) -> JsonDict:
        """GET /stores/{store_id}/reports/{business_date}: {"report", "signature", "key_id", "alg"}."""
        ...

    def public_keys(self) -> list[JsonDict]:
        """GET /keys: [{"kid", "alg", "public_key", "state"}]."""
        ...

    def verify(self, public_key: str, report: JsonDict, signature: str) -> bool:
        """True when `signature` is the clearing house's Ed25519 signature of `report` by the key
        `public_key` (base64url raw). Pure: no request."""
        ...


@dataclass(frozen=True)
class JournalStatement:
    """An accepted statement as the terminal keeps it, with what became of sending it."""

    statement: Statement
    route: str  # direct | clearing_house
    sent_at: datetime | None
    sent_state: str | None  # None (never sent), sending, sent, refused


@dataclass(frozen=True)
class StoredReport:
    id: uuid.UUID
    store_id: str
    business_date: date
    report_id: str
    body: JsonDict
    signature: str
    key_id: str
    imported_at: datetime
    imported_by: uuid.UUID | None
    net_minor: int
    currency: str
    state: str  # reconciled | differences
    differences: list[JsonDict] = field(default_factory=list)


class ClearingJournal(Protocol):
    """Each method is its own transaction."""

    def accepted_statement(self, store_id: str, number: str) -> JournalStatement | None: ...

    def accepted_on(self, store_id: str, business_date: date) -> list[JournalStatement]: ...

    def mark_sending(self, store_id: str, number: str) -> None:
        """The journal row, committed before the request: a crash before the answer leaves it."""
        ...

    def mark_sent(self, store_id: str, number: str, at: datetime, state: str) -> None: ...

    def report(self, report_id: str) -> StoredReport | None: ...

    def add_report(self, report: StoredReport, also: Callable[[Any], object] | None = None) -> None:
        """Stores the report in one transaction, with `also(uow)` (the audit entry of the import)
        in that same transaction where the journal has units of work. Raises DuplicateReport
        when the report id is kept."""
        ...

    def reports(self, store_id: str) -> list[StoredReport]: ...


class DuplicateReport(Exception):
    """The report id is stored already (another import got there first)."""
