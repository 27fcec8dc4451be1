"""Route 2 (the clearing house) for the Settlement page and `pos-terminal settle send|import-report`:
send an accepted statement to the clearing house, fetch or import the store's signed day report
and reconcile it against the accepted statements (services.clearing). The HTTP client
(sync.clearing_client) and the journal (storage.clearing_journal) are wired here; the core imports
neither. Every method but `configured` is blocking (database, network, files): a worker's job."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_terminal.domain.model import Role

if TYPE_CHECKING:  # no container (SQLAlchemy) at import: see facades.py
    from pos_terminal.app.container import Terminal
    from pos_terminal.services.clearing import ClearingService, ReportView, SubmissionView


class Clearing:
    """The services are imported at first use (the window is shown before they are needed)."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal
        self._client: Any = None

    # -- wiring ------------------------------------------------------------------------------
    def _demo_house(self, start: bool = False) -> Any:
        """The demo's in-process clearing house (pos_terminal.app.demo.start_demo_clearing_house), if
        up; `start`: a demo terminal without one (a `settle` command beside the demo) starts it now on
        the same database in the data folder."""
        house = getattr(self._t, "clearing_house", None)
        if house is None and start and self._t.demo and not self._t.settings.settlement.clearing_house.url:
            from pos_terminal.app.demo import start_demo_clearing_house

            start_demo_clearing_house(self._t)
            house = getattr(self._t, "clearing_house", None)
        return house

    def configured(self) -> bool:
        """True when there is a clearing house to talk to (its url, or the demo's own)."""
        return bool(self._t.settings.settlement.clearing_house.url) or self._demo_house() is not None

    def _service(self) -> ClearingService:
        from config.issuers import issuer_list
        from pos_terminal.services.clearing import ClearingRefused, ClearingService
        from pos_terminal.storage.clearing_journal import SqlClearingJournal

        t = self._t
        ch = t.settings.settlement.clearing_house
        house = self._demo_house(start=True)
        url = ch.url or (house.url if house is not None else "")
        secret = t.credentials.clearing_house_secret or (house.secret(t.settings.terminal.store_id)
                                                          if house is not None else None)
        public_key = ch.public_key or (house.public_key() if house is not None and t.demo else "")
        if self._client is None and url and secret:
            from sync.clearing_client import HttpClearingClient

            self._client = HttpClearingClient(url, t.settings.terminal.store_id, secret, ch.timeout_s)
        if self._client is None:
            missing = "[settlement.clearing_house] url" if not url else "clearing_house_secret in the credentials file"
            raise ClearingRefused("unavailable", f"no clearing house to talk to: set {missing}")
        routes = {i.id: i.route for i in issuer_list(t.settings)}
        return ClearingService(SqlClearingJournal(t.engine, t.uow), self._client, t.clock,
                               store_id=t.settings.terminal.store_id, currency=t.settings.terminal.currency,
                               platform_routes=routes, public_key=public_key,
                               terminal_id=t.settings.terminal.terminal_id)

    @staticmethod
    def _allowed(user: Any) -> None:
        from pos_terminal.services.clearing import ClearingRefused

        role = getattr(user, "role", None)
        if role is not None and role != Role.MANAGER:
            raise ClearingRefused("not_allowed", "only a manager sends statements and imports clearing-house reports")

    # -- use cases ---------------------------------------------------------------------------
    def send(self, user: Any, number: str) -> SubmissionView:
        """Sends accepted statement `number` (route clearing_house) under its Idempotency-Key."""
        self._allowed(user)
        return self._service().send(number)

    def sendable(self, user: Any, business_date: date | None) -> list[str]:
        """The numbers of the day's accepted statements whose route is the clearing house."""
        from pos_terminal.storage.clearing_journal import SqlClearingJournal

        self._allowed(user)
        if business_date is None:
            return []
        journal = SqlClearingJournal(self._t.engine, self._t.uow)
        rows = journal.accepted_on(self._t.settings.terminal.store_id, business_date)
        return [r.statement.number for r in rows if r.route == "clearing_house" and r.statement.number]

    def fetch_report(self, user: Any, business_date: date) -> ReportView:
        """Fetches the store's signed report of the day, verifies, reconciles and stores it."""
        self._allowed(user)
        return self._service().fetch_report(business_date, user)

    def import_report(self, user: Any, path: Path) -> ReportView:
        """A report file (the JSON the clearing house gives: report, signature, key_id)."""
        from pos_terminal.services.clearing import ClearingRefused

        self._allowed(user)
        try:
            envelope = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError) as exc:
            raise ClearingRefused("not_a_report", f"{path}: cannot be read ({exc}); nothing was imported") from None
        except json.JSONDecodeError as exc:
            raise ClearingRefused("not_a_report", f"{path}: is not a clearing-house report (not JSON: {exc}); "
                                                  "nothing was imported") from None
        return self._service().import_envelope(envelope, user)

    def reports(self, user: Any) -> list[ReportView]:
        from pos_terminal.services.clearing import view_of
        from pos_terminal.storage.clearing_journal import SqlClearingJournal

        self._allowed(user)
        journal = SqlClearingJournal(self._t.engine, self._t.uow)
        return [view_of(r) for r in journal.reports(self._t.settings.terminal.store_id)]

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
