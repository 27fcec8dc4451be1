"""Route 1 (direct): the store pays the platform the net of an accepted statement by bank transfer.

- `export`: a manager exports an accepted statement the store owes on (net > 0) as the bank's
  payment file (ISO 20022 pain.001.001.09), a CSV and a PDF, written atomically into the export
  folder; a `remittances` row records it (state exported, the payment file's sha256), audited.
  The files come from `RemittanceContext.render` (the app layer passes receipts.settlement_export:
  the core imports no adapter). Exporting again writes the same payment file (its creation time is
  the first export's, its message id the statement number, so a bank refuses a second upload as a
  duplicate message); a file that would differ after the transfer was marked sent is refused.
- `mark_sent`: a manager says the transfer was made, with the bank's reference: state sent, and a
  "remittance" outbox message in the same transaction (the outbox worker POSTs /remittances once,
  with its Idempotency-Key). Saying it again with the same reference changes nothing.
- `refresh` / `note_platform_states`: the platform's word moves a remittance on: reported (it has
  the store's notice), received (it says the money arrived): from GET /stores/{store}/remittances,
  or from the next day's platform statement (extra.remittances).

Times come from the context's clock; nothing here reads the wall clock."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

from pos_terminal.atomic import write_atomic
from pos_terminal.domain.errors import DomainError, NotAllowed
from pos_terminal.domain.model import Permission
from pos_terminal.domain.model.outbox import OutboxMessage
from pos_terminal.domain.model.statements import Statement
from pos_terminal.money import format_money
from pos_terminal.ports import Clock, PlatformError
from pos_terminal.ports.remittances import (
    EXPORTED,
    RECEIVED,
    REMITTANCE_STATES,
    REPORTED,
    SENT,
    Remittance,
    RemittanceUnitOfWork,
)
from pos_terminal.services import audit

TOPIC = "remittance"  # the outbox topic (sync.outbox_worker: POST /remittances)
EXPORT_ACTION = "remittance_export"
SENT_ACTION = "remittance_sent"
REFERENCE_MAX = 35
_LIMIT = 200


class RemittanceRefused(DomainError):
    """An export or a remittance that cannot be done; `reason` is a stable code (unknown_statement,
    nothing_to_pay, platform_owes_store, clearing_house_route, not_exported, already_sent, no_reference, file_differs,
    write_failed, bad_account, not_allowed), the message names the cause and what to do."""

    code = "remittance_refused"

    def __init__(self, reason: str, message: str, **details: Any) -> None:
        super().__init__(message, **details)
        self.reason = reason


@dataclass(frozen=True)
class ExportFiles:
    """What `render` makes of a statement: the payment file, the CSV, the PDF (None: no PDF could be
    made, e.g. no CJK font; the other two are still written and `pdf_error` says why)."""

    xml: bytes
    csv: str
    pdf: bytes | None
    pdf_error: str | None = None


# render(statement, exported_at) -> the files; raises RemittanceRefused (bad accounts ...)
Render = Callable[[Statement, datetime], ExportFiles]
# fetch(platform_id) -> the platform's GET /stores/{store_id}/remittances answer; raises PlatformError
Fetch = Callable[[str], Mapping[str, Any]]


@dataclass(frozen=True)
class RemittanceContext:
    uow: Callable[[], RemittanceUnitOfWork]
    clock: Clock
    terminal_id: str
    store_id: str
    folder: Path  # the export folder ([settlement] export_dir, else settlement/ in the data folder)
    render: Render
    fetch: Fetch | None = None


@dataclass(frozen=True)
class ExportResult:
    number: str
    end_to_end_id: str
    platform_id: str
    business_date: date
    amount_minor: int
    currency: str
    xml: Path
    csv: Path
    pdf: Path | None
    pdf_error: str | None
    digest: str
    remittance: Remittance

    def to_json(self) -> dict[str, Any]:
        return {"number": self.number, "end_to_end_id": self.end_to_end_id, "platform_id": self.platform_id,
                "business_date": self.business_date.isoformat(), "amount_minor": self.amount_minor,
                "currency": self.currency, "xml": str(self.xml), "csv": str(self.csv),
                "pdf": str(self.pdf) if self.pdf else None, "pdf_error": self.pdf_error, "digest": self.digest,
                "state": self.remittance.state}


def _manager(uow: RemittanceUnitOfWork, user: audit.Who) -> audit.Who:
    """The acting manager as stored now; a user without an id (the command line acting as itself,
    audited as cli:<os user>) acts for whoever holds the terminal's database."""
    if user.user_id is None:
        return user
    stored = uow.users.get(user.user_id)
    if stored is None or not stored.can(Permission.CLOSE_DAY):
        raise NotAllowed(f"{user.username} may not export or pay settlement statements; a manager must",
                         username=user.username, permission=Permission.CLOSE_DAY.value)
    return user


def check_payable(statement: Statement) -> None:
    """Raises RemittanceRefused unless the store owes the platform on this statement."""
    if statement.net_minor == 0:
        raise RemittanceRefused("nothing_to_pay", f"statement {statement.number} nets to zero: there is nothing "
                                                  "to pay and no payment file to make")
    if statement.net_minor < 0:
        owed = format_money(-statement.net_minor, statement.currency)
        raise RemittanceRefused("platform_owes_store",
                                f"statement {statement.number}: the platform owes the store {owed}; the store does "
                                "not pay, the platform does, so there is no payment file to export")


def _statement(uow: RemittanceUnitOfWork, number: str) -> Statement:
    statement = uow.remittances.accepted_statement(number)
    if statement is None:
        raise RemittanceRefused("unknown_statement", f"there is no accepted statement {number!r}: accept the day's "
                                                     "statement first (Settlement page, or `pos-terminal settle "
                                                     "accept`), then export it", number=number)
    return statement


def statement_number(ctx: RemittanceContext, platform_id: str, business_date: date) -> str:
    """The number of the accepted statement of that platform and day. Raises RemittanceRefused."""
    with ctx.uow() as uow:
        number = uow.remittances.accepted_number(ctx.store_id, platform_id, business_date)
    if number is None:
        raise RemittanceRefused("unknown_statement", f"the statement of {business_date.isoformat()} with "
                                                     f"{platform_id} is not accepted yet: accept it first, then "
                                                     "export it")
    return number


def _write(path: Path, data: bytes) -> Path:
    try:
        return write_atomic(path, data, sync_dir=True)
    except OSError as exc:
        raise RemittanceRefused("write_failed", f"could not write {path}: {exc.strerror or exc}; choose another "
                                                "export folder or free some space", path=str(path)) from None


def export(ctx: RemittanceContext, user: audit.Who, number: str, folder: Path | None = None) -> ExportResult:
    """Writes the payment file, the CSV and the PDF of accepted statement `number` and records the
    remittance as exported (audited). Blocking (database, files)."""
    number = number.strip()
    target = Path(folder) if folder is not None else ctx.folder
    with ctx.uow() as uow:
        who = _manager(uow, user)
        statement = _statement(uow, number)
        check_payable(statement)
        if uow.remittances.accepted_route(number) == "clearing_house":
            raise RemittanceRefused("clearing_house_route", f"statement {number} settles through the clearing house: "
                                                            "the store pays the net of the clearing house's report, "
                                                            "whose payment file comes with the report")
        earlier = uow.remittances.get(number)
    exported_at = earlier.exported_at if earlier is not None else ctx.clock.now()
    files = ctx.render(statement, exported_at)
    digest = hashlib.sha256(files.xml).hexdigest()
    if earlier is not None and earlier.state != EXPORTED and earlier.file_digest != digest:
        raise RemittanceRefused("file_differs", f"statement {number} was marked {earlier.state} with the payment "
                                                f"file {earlier.file_digest[:12]}…; the file made now differs (the "
                                                "bank accounts in the settings changed?): nothing was written. "
                                                "Restore the accounts the transfer was made with.")
    xml = _write(target / f"{number}.xml", files.xml)
    csv = _write(target / f"{number}.csv", ("\ufeff" + files.csv).encode("utf-8"))  # BOM: spreadsheets read UTF-8
    pdf = _write(target / f"{number}.pdf", files.pdf) if files.pdf is not None else None
    with ctx.uow() as uow:
        who = _manager(uow, user)
        now = ctx.clock.now()
        row = uow.remittances.get(number)
        if row is None:
            row = Remittance(id=uuid.uuid4(), statement_number=number, platform_id=statement.platform_id,
                             amount_minor=statement.net_minor, currency=statement.currency, exported_at=exported_at,
                             file_digest=digest)
        elif row.state == EXPORTED:
            row = replace(row, file_digest=digest)
        uow.remittances.save(row)
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=EXPORT_ACTION, user=who, subject=number,
                     details={"platform_id": statement.platform_id, "business_date": statement.business_date,
                              "amount_minor": statement.net_minor, "currency": statement.currency,
                              "file_digest": digest, "folder": str(target), "state": row.state,
                              "again": earlier is not None, "pdf": pdf is not None})
        uow.commit()
    return ExportResult(number, number, statement.platform_id, statement.business_date, statement.net_minor,
                        statement.currency, xml, csv, pdf, files.pdf_error, digest, row)


def remittance_payload(ctx: RemittanceContext, row: Remittance, statement: Statement) -> dict[str, Any]:
    """The "remittance" outbox message (= the body of POST /remittances)."""
    return {"number": row.statement_number, "end_to_end_id": row.statement_number, "amount_minor": row.amount_minor,
            "currency": row.currency, "reference": row.reference,
            "sent_at": row.sent_at.isoformat() if row.sent_at else None,
            "business_date": statement.business_date.isoformat(), "platform_id": row.platform_id,
            "store_id": ctx.store_id, "terminal_id": ctx.terminal_id, "file_digest": row.file_digest}


def mark_sent(ctx: RemittanceContext, user: audit.Who, number: str, reference: str) -> Remittance:
    """The transfer of statement `number` was made (the bank's `reference`): state sent, the
    platform is told through the outbox, audited. Blocking (database)."""
    number = number.strip()
    reference = " ".join((reference or "").split())
    if not reference:
        raise RemittanceRefused("no_reference", "give the bank's reference of the transfer (as the bank's "
                                                "confirmation shows it), so the platform can match the money")
    if len(reference) > REFERENCE_MAX:
        raise RemittanceRefused("no_reference", f"the reference has {len(reference)} characters; a bank reference "
                                                f"has at most {REFERENCE_MAX}")
    with ctx.uow() as uow:
        who = _manager(uow, user)
        row = uow.remittances.get(number)
        if row is None:
            statement = uow.remittances.accepted_statement(number)
            if statement is None:
                raise RemittanceRefused("unknown_statement", f"there is no accepted statement {number!r}")
            check_payable(statement)
            raise RemittanceRefused("not_exported", f"statement {number} has not been exported: export its payment "
                                                    "file first, pay it at the bank, then mark it sent")
        if row.state != EXPORTED:
            if row.reference == reference:
                return row  # said before: nothing new
            raise RemittanceRefused("already_sent", f"statement {number} was marked sent on "
                                                    f"{row.sent_at.date().isoformat() if row.sent_at else '?'} with "
                                                    f"reference {row.reference!r}; a transfer is marked once")
        statement = _statement(uow, number)
        now = ctx.clock.now()
        row = replace(row, state=SENT, sent_at=now, reference=reference, last_error=None)
        uow.remittances.save(row)
        uow.outbox.add(OutboxMessage(TOPIC, remittance_payload(ctx, row, statement), created_at=now,
                                     terminal_id=ctx.terminal_id))
        audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=SENT_ACTION, user=who, subject=number,
                     details={"platform_id": row.platform_id, "amount_minor": row.amount_minor,
                              "currency": row.currency, "reference": reference, "file_digest": row.file_digest})
        uow.commit()
    return row


def remittances(ctx: RemittanceContext, limit: int = _LIMIT) -> list[Remittance]:
    """Every remittance, newest export first. Blocking (a database read)."""
    with ctx.uow() as uow:
        return list(uow.remittances.all(limit))


def platform_states(answer: Mapping[str, Any]) -> dict[str, str]:
    """number -> the remittance state the platform's answer says (received or reported): from GET
    /stores/{store}/remittances ({"remittances": [...], "statements": [...]}) or a platform
    statement's extra ({"remittances": [{"number", "state": received|outstanding}]})."""
    out: dict[str, str] = {}
    for key in ("statements", "remittances"):  # a remittance's own record wins over a statement's
        items = answer.get(key)
        if not isinstance(items, list):
            continue
        for item in items:
            if not isinstance(item, Mapping) or not isinstance(item.get("number"), str):
                continue
            said = item.get("state")
            if said == RECEIVED:
                out[item["number"]] = RECEIVED
            elif key == "remittances":
                out.setdefault(item["number"], REPORTED)
    return out


def note_platform_states(ctx: RemittanceContext, states: Mapping[str, str],
                         platform_id: str | None = None) -> list[Remittance]:
    """Moves sent remittances on to what the platform says (never back). Returns those moved."""
    moved: list[Remittance] = []
    with ctx.uow() as uow:
        now = ctx.clock.now()
        for row in uow.remittances.all(_LIMIT):
            said = states.get(row.statement_number)
            if said is None or row.state == EXPORTED or (platform_id and row.platform_id != platform_id):
                continue
            if REMITTANCE_STATES.index(said) > REMITTANCE_STATES.index(row.state):
                row = replace(row, state=said, reported_at=now, last_error=None)
                uow.remittances.save(row)
                moved.append(row)
        if moved:
            uow.commit()
    return moved


def refresh(ctx: RemittanceContext) -> dict[str, str]:
    """Asks each platform with a remittance not received yet what it knows; returns platform_id ->
    error for those that could not answer (the remittances keep their states). Blocking (network)."""
    if ctx.fetch is None:
        return {}
    with ctx.uow() as uow:
        waiting = [r for r in uow.remittances.all(_LIMIT) if r.state in (SENT, REPORTED)]
    errors: dict[str, str] = {}
    for platform_id in sorted({r.platform_id for r in waiting}):
        try:
            answer = ctx.fetch(platform_id)
        except PlatformError as exc:
            errors[platform_id] = str(exc) or type(exc).__name__
            _note_failure(ctx, [r for r in waiting if r.platform_id == platform_id], errors[platform_id])
            continue
        note_platform_states(ctx, platform_states(answer), platform_id)
    return errors


def _note_failure(ctx: RemittanceContext, rows: Iterable[Remittance], error: str) -> None:
    with ctx.uow() as uow:
        for row in rows:
            current = uow.remittances.get(row.statement_number)
            if current is not None:
                uow.remittances.save(replace(current, attempts=current.attempts + 1, last_error=error[:500]))
        uow.commit()
