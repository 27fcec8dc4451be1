"""The terminal's side of the clearing house (issue 16, route 2).

`send`: an accepted statement whose route is clearing_house goes to the clearing house under an
Idempotency-Key derived from the statement itself (store, number, digest), after a journal row
(sent_state "sending") is committed: a crash before the answer leaves the row, and sending again
sends the same body under the same key, which the clearing house answers as it did the first time.

`import_envelope` (a report file or one fetched): the report must be signed by the pinned key, be
this store's, in the store's currency, for a day whose clearing-house statements are accepted
here, and not be imported already; each refusal stores nothing. Otherwise it is reconciled against
the accepted statements (each line's statement number, digest and net; the total against the sum of
the lines; an accepted statement the report lacks) and stored once with its state: reconciled, or
differences (each with what to do)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from pos_terminal.domain.errors import DomainError
from pos_terminal.ports import Clock
from pos_terminal.ports.clearing import (
    ClearingHouseClient,
    ClearingHouseRefused,
    ClearingHouseUnavailable,
    ClearingJournal,
    DuplicateReport,
    JournalStatement,
    StoredReport,
)

CLEARING_HOUSE = "clearing_house"
REPORT_IMPORT = "clearing_report_import"  # audit action: a clearing-house report imported (outcome: its state)


class ClearingRefused(DomainError):
    """Nothing was sent or stored; `reason` is a stable code, the message names the cause and what
    to do: unknown_statement, not_accepted, wrong_route, clearing_house_refused, unavailable,
    not_a_report, bad_signature, no_key, other_store, currency_mismatch, not_accepted_yet,
    duplicate_report, not_allowed."""

    code = "clearing_refused"

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class Difference:
    kind: str  # line_differs, unknown_statement, missing_in_report, total_differs, payment_differs
    key: str  # the statement number or "total"
    terminal: str | None
    clearing_house: str | None
    action: str

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "key": self.key, "terminal": self.terminal,
                "clearing_house": self.clearing_house, "action": self.action}

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> Difference:
        return cls(str(d["kind"]), str(d["key"]), d.get("terminal"), d.get("clearing_house"), str(d["action"]))


@dataclass(frozen=True)
class ReportLine:
    platform_id: str
    statement_number: str
    net_minor: int


@dataclass(frozen=True)
class ReportView:
    report_id: str
    store_id: str
    business_date: date
    net_minor: int  # +: the store pays the clearing house
    currency: str
    lines: list[ReportLine]
    state: str  # reconciled | differences
    differences: list[Difference] = field(default_factory=list)
    imported_at: datetime | None = None
    payment_xml: str | None = None  # the pain.001.001.09 file of whoever pays (None: nets to zero)

    @property
    def reconciled(self) -> bool:
        return self.state == "reconciled"


@dataclass(frozen=True)
class SubmissionView:
    number: str
    platform_id: str
    business_date: date
    net_minor: int
    currency: str
    state: str  # sent (201), known (the clearing house had it: 200 or a replay)
    sent_at: datetime | None
    idempotency_key: str


_ACTIONS = {
    "line_differs": "The clearing house netted other figures than the statement accepted here: do not pay; ask "
                    "the clearing house to correct the report.",
    "unknown_statement": "The report names a statement this terminal has not accepted: do not pay; ask the "
                         "clearing house which store sent it.",
    "missing_in_report": "An accepted statement of this day is not in the report (sent late or not received): "
                         "settle that platform directly for the day (settle export).",
    "total_differs": "The report's net is not the sum of its lines: do not pay; ask the clearing house for a "
                     "corrected report.",
    "payment_differs": "The report's payment file does not transfer the report's net (or is missing): do not "
                       "send it to the bank; ask the clearing house for a corrected report.",
}


def idempotency_key(statement_store: str, number: str, digest: str) -> str:
    """The same on every retry of the same accepted statement (which never changes)."""
    return f"stmt-{statement_store}-{number}-{digest[:16]}"


class ClearingService:
    def __init__(self, journal: ClearingJournal, client: ClearingHouseClient | None, clock: Clock, *,
                 store_id: str, currency: str, platform_routes: dict[str, str], public_key: str,
                 terminal_id: str | None = None) -> None:
        """`platform_routes`: platform id -> settlement route (every issuer of the terminal).
        `public_key`: the clearing house's key the reports must be signed with (base64url).
        `terminal_id`: with it, each import is audited on this terminal's chain in the
        transaction that stores the report (the terminal's facade always gives it; a test of the
        rules alone, with a journal in memory, may leave it out)."""
        self.journal = journal
        self.terminal_id = terminal_id
        self.client = client
        self.clock = clock
        self.store_id = store_id
        self.currency = currency
        self.platform_routes = platform_routes
        self.public_key = public_key

    def _client(self) -> ClearingHouseClient:
        if self.client is None:
            raise ClearingRefused("unavailable", "no clearing house is set: set [settlement.clearing_house] url")
        return self.client

    # -- sending -------------------------------------------------------------------------------
    def send(self, number: str) -> SubmissionView:
        row = self.journal.accepted_statement(self.store_id, number)
        if row is None:
            raise ClearingRefused("unknown_statement", f"there is no accepted statement {number}: accept the day's "
                                                       "statement first (settle accept), then send it")
        st = row.statement
        if st.number is None or st.accepted_at is None:
            raise ClearingRefused("not_accepted", f"statement {number} is not accepted: accept it first")
        if row.route != CLEARING_HOUSE:
            raise ClearingRefused("wrong_route", f"statement {number} ({st.platform_id}) is settled {row.route}, not "
                                                 "through the clearing house: export it (settle export) instead")
        key = idempotency_key(st.store_id, number, st.digest)
        self.journal.mark_sending(st.store_id, number)
        try:
            answer = self._client().post_statement(st.to_json(), key)
        except ClearingHouseUnavailable as exc:
            raise ClearingRefused("unavailable", f"the clearing house did not answer ({exc}); send statement "
                                                 f"{number} again later: it goes under the same key") from None
        except ClearingHouseRefused as exc:
            self.journal.mark_sent(st.store_id, number, self.clock.now(), "refused")
            raise ClearingRefused("clearing_house_refused",
                                  f"the clearing house refused statement {number}: {exc}") from None
        at = self.clock.now()
        self.journal.mark_sent(st.store_id, number, at, "sent")
        state = "sent" if answer.status == 201 and not answer.replayed else "known"
        return SubmissionView(number, st.platform_id, st.business_date, st.net_minor, st.currency, state, at, key)

    # -- reports -------------------------------------------------------------------------------
    def fetch_report(self, business_date: date, user: Any = None) -> ReportView:
        self._day_accepted(business_date)
        try:
            envelope = self._client().store_report(self.store_id, business_date)
        except ClearingHouseUnavailable as exc:
            raise ClearingRefused("unavailable", f"the clearing house did not answer ({exc}); try again later"
                                  ) from None
        except ClearingHouseRefused as exc:
            raise ClearingRefused("clearing_house_refused", f"the clearing house has no report of {business_date}: "
                                                            f"{exc}") from None
        return self.import_envelope(envelope, user)

    def import_envelope(self, envelope: Any, user: Any = None) -> ReportView:
        """`user`: who imports (a SignedIn or User; None for the system): kept with the report and,
        with a terminal id, in the import's audit entry."""
        report, signature, key_id = _parts(envelope)
        if not self.public_key:
            raise ClearingRefused("no_key", "the clearing house's public key is not pinned: set "
                                            "[settlement.clearing_house] public_key (GET /api/v1/keys)")
        if not self._client_verify(report, signature):
            raise ClearingRefused("bad_signature", f"report {report.get('report_id')!r} is not signed by the "
                                                   "pinned clearing-house key: it was altered or comes from "
                                                   "elsewhere; nothing was imported — fetch it again")
        try:
            report_id = str(report["report_id"])
            store_id = str(report["store_id"])
            day = date.fromisoformat(str(report["business_date"]))
            currency = str(report["currency"])
            net = int(report["net_minor"])
            lines = [ReportLine(str(x["platform_id"]), str(x["statement_number"]), int(x["net_minor"]))
                     for x in report["lines"]]
            digests = {str(x["statement_number"]): str(x.get("digest") or "") for x in report["lines"]}
        except (KeyError, TypeError, ValueError) as exc:
            raise ClearingRefused("not_a_report", f"the report lacks or garbles {exc}: nothing was imported") from None
        if store_id != self.store_id:
            raise ClearingRefused("other_store", f"report {report_id} is store {store_id!r}'s, not this store's "
                                                 f"({self.store_id}): nothing was imported")
        if currency != self.currency:
            raise ClearingRefused("currency_mismatch", f"report {report_id} is in {currency}; this store keeps its "
                                                       f"books in {self.currency}: nothing was imported")
        kept = self.journal.report(report_id)
        if kept is not None:
            raise ClearingRefused("duplicate_report", f"report {report_id} is already imported "
                                                      f"({kept.imported_at:%Y-%m-%d %H:%M} UTC, {kept.state})")
        accepted = self._day_accepted(day)
        differences = reconcile(lines, digests, net, accepted) + payment_differences(report, net, currency)
        user_id = getattr(user, "user_id", None) or getattr(user, "id", None)
        stored = StoredReport(uuid.uuid4(), store_id, day, report_id, report, signature, key_id, self.clock.now(),
                              user_id, net, currency, "differences" if differences else "reconciled",
                              [d.to_json() for d in differences])
        try:
            self.journal.add_report(stored, self._audit(stored, user) if self.terminal_id else None)
        except DuplicateReport:
            raise ClearingRefused("duplicate_report", f"report {report_id} is already imported") from None
        return view_of(stored)

    def _audit(self, stored: StoredReport, user: Any) -> Callable[[Any], object]:
        from pos_terminal.services import audit

        def record(uow: Any) -> object:
            assert self.terminal_id is not None
            return audit.record(uow, at=stored.imported_at, terminal_id=self.terminal_id, action=REPORT_IMPORT,
                                user=user, subject=stored.report_id, outcome=stored.state,
                                details={"business_date": stored.business_date.isoformat(),
                                         "net_minor": stored.net_minor, "currency": stored.currency,
                                         "differences": len(stored.differences)})
        return record

    def _client_verify(self, report: dict[str, Any], signature: str) -> bool:
        if self.client is not None:
            return self.client.verify(self.public_key, report, signature)
        raise ClearingRefused("no_key", "no clearing-house client to verify the signature with")

    def _day_accepted(self, day: date) -> list[JournalStatement]:
        """The day's accepted clearing-house statements; refused when there is none, or when the
        day has clearing-house statements not accepted yet (nothing is imported before)."""
        accepted = [r for r in self.journal.accepted_on(self.store_id, day) if r.route == CLEARING_HOUSE]
        routed = sorted(p for p, route in self.platform_routes.items() if route == CLEARING_HOUSE)
        missing = [p for p in routed if p not in {r.statement.platform_id for r in accepted}]
        if not accepted or missing:
            who = ", ".join(missing) or "the clearing-house platforms"
            raise ClearingRefused("not_accepted_yet", f"the statements of {day} with {who} are not accepted yet: "
                                                      "accept them (settle accept) and send them first; nothing "
                                                      "was imported")
        return accepted

    def reports(self) -> list[ReportView]:
        return [view_of(r) for r in self.journal.reports(self.store_id)]


def _parts(envelope: Any) -> tuple[dict[str, Any], str, str]:
    if not isinstance(envelope, dict) or not isinstance(envelope.get("report"), dict) \
            or not isinstance(envelope.get("signature"), str):
        raise ClearingRefused("not_a_report", "this is not a clearing-house report (a JSON object with report, "
                                              "signature and key_id): nothing was imported")
    return envelope["report"], envelope["signature"], str(envelope.get("key_id") or "")


def reconcile(lines: Sequence[ReportLine], digests: dict[str, str], net_minor: int,
              accepted: Sequence[JournalStatement]) -> list[Difference]:
    """The report against the day's accepted clearing-house statements; empty when they agree."""
    out: list[Difference] = []
    by_number = {r.statement.number: r.statement for r in accepted}
    for ln in lines:
        st = by_number.get(ln.statement_number)
        if st is None:
            out.append(Difference("unknown_statement", ln.statement_number, None,
                                  f"{ln.platform_id} {ln.net_minor}", _ACTIONS["unknown_statement"]))
        elif st.platform_id != ln.platform_id or st.net_minor != ln.net_minor \
                or (digests.get(ln.statement_number) and digests[ln.statement_number] != st.digest):
            out.append(Difference("line_differs", ln.statement_number, f"{st.platform_id} {st.net_minor}",
                                  f"{ln.platform_id} {ln.net_minor}", _ACTIONS["line_differs"]))
    named = {ln.statement_number for ln in lines}
    for number, st in sorted((n, s) for n, s in by_number.items() if n is not None):
        if number not in named:
            out.append(Difference("missing_in_report", number, f"{st.platform_id} {st.net_minor}", None,
                                  _ACTIONS["missing_in_report"]))
    total = sum(ln.net_minor for ln in lines)
    if total != net_minor:
        out.append(Difference("total_differs", "total", str(total), str(net_minor), _ACTIONS["total_differs"]))
    return out


def payment_differences(report: dict[str, Any], net_minor: int, currency: str) -> list[Difference]:
    """The payment file must move the report's net: one transfer of |net| in the report's currency
    whose end-to-end id is the report id; none when the day nets to zero."""
    import xml.etree.ElementTree as ET
    from decimal import Decimal, InvalidOperation

    from pos_terminal.money import MoneyError, exponent

    payment = report.get("payment_file")
    xml = payment.get("xml") if isinstance(payment, dict) else None
    if net_minor == 0:
        return []
    if not isinstance(xml, str) or not xml:
        return [Difference("payment_differs", "payment_file", str(abs(net_minor)), None, _ACTIONS["payment_differs"])]
    try:
        root = ET.fromstring(xml.encode("utf-8"))
        ns = {"p": root.tag[1:].split("}")[0]} if root.tag.startswith("{") else {}
        pre = "p:" if ns else ""
        amounts = root.findall(f".//{pre}CdtTrfTxInf/{pre}Amt/{pre}InstdAmt", ns)
        ids = [e.text for e in root.findall(f".//{pre}CdtTrfTxInf/{pre}PmtId/{pre}EndToEndId", ns)]
        moved = [(int(Decimal(str(e.text)).scaleb(exponent(currency))), e.get("Ccy")) for e in amounts]
    except (ET.ParseError, InvalidOperation, MoneyError, ValueError):
        moved, ids = [], []
    if moved == [(abs(net_minor), currency)] and ids == [report.get("report_id")]:
        return []
    found = ", ".join(f"{m} {c}" for m, c in moved) or "unreadable"
    return [Difference("payment_differs", "payment_file", f"{abs(net_minor)} {currency}", found,
                       _ACTIONS["payment_differs"])]


def view_of(stored: StoredReport) -> ReportView:
    body = stored.body
    lines = [ReportLine(str(x["platform_id"]), str(x["statement_number"]), int(x["net_minor"]))
             for x in body.get("lines", [])]
    payment = body.get("payment_file")
    xml = str(payment["xml"]) if isinstance(payment, dict) and payment.get("xml") else None
    return ReportView(stored.report_id, stored.store_id, stored.business_date, stored.net_minor, stored.currency,
                      lines, stored.state, [Difference.from_json(d) for d in stored.differences],
                      stored.imported_at, xml)
