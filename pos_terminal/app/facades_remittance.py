"""Route 1 (direct) for the Settlement page and `pos-terminal settle export|mark-sent`: export an
accepted statement as the bank's payment file (ISO 20022 pain.001.001.09), a CSV and a PDF; say
the transfer was made (the platform is told through the outbox); list the remittances with what the
platform says of them (services.remittances). The files are made by receipts.settlement_export,
which this layer hands to the service (the core imports no adapter). Methods marked "Blocking" are
a worker's job (database, files, network)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # no container (SQLAlchemy) at import: see facades.py
    from pos_terminal.app.container import Terminal
    from pos_terminal.ports.remittances import Remittance
    from pos_terminal.services.audit import Who
    from pos_terminal.services.remittances import ExportFiles, ExportResult, RemittanceContext

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RemittanceView:
    """A remittance as the screen and the command line show it."""

    number: str
    platform_id: str
    amount_minor: int
    currency: str
    state: str  # exported | sent | reported | received
    exported_at: datetime | None
    sent_at: datetime | None
    reference: str | None = None
    reported_at: datetime | None = None
    last_error: str | None = None
    file_digest: str = ""

    @classmethod
    def of(cls, r: Remittance) -> RemittanceView:
        return cls(r.statement_number, r.platform_id, r.amount_minor, r.currency, r.state, r.exported_at, r.sent_at,
                   r.reference, r.reported_at, r.last_error, r.file_digest)

    def to_json(self) -> dict[str, Any]:
        iso = lambda t: t.isoformat() if t else None  # noqa: E731
        return {"number": self.number, "platform_id": self.platform_id, "amount_minor": self.amount_minor,
                "currency": self.currency, "state": self.state, "exported_at": iso(self.exported_at),
                "sent_at": iso(self.sent_at), "reference": self.reference, "reported_at": iso(self.reported_at),
                "last_error": self.last_error, "file_digest": self.file_digest}


class Remittances:
    """The services are imported at first use (the window is shown before they are needed)."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    # -- wiring ------------------------------------------------------------------------------
    @property
    def folder(self) -> Path:
        """Where exports go: [settlement] export_dir, else settlement/ in the data folder."""
        configured = self._t.settings.settlement.export_dir
        return Path(configured).expanduser() if configured else self._t.paths.root / "settlement"

    def _language(self, language: str | None) -> str:
        if language in ("en", "zh_CN"):
            return language
        return "en" if getattr(self._t.settings.ui.language, "value", "") == "en" else "zh_CN"

    def _client(self, platform_id: str) -> Any:
        from pos_terminal.ports import PlatformUnavailable

        client = self._t.platform_for(platform_id)
        if client is None:
            raise PlatformUnavailable(f"platform {platform_id!r} is not in the settings ([platform] or [[issuers]])")
        return client

    def _fetch(self, platform_id: str) -> dict[str, Any]:
        from pos_terminal.ports import PlatformUnavailable

        ask = getattr(self._client(platform_id), "remittances", None)
        if ask is None:  # [platform] mode "none": no platform to ask
            raise PlatformUnavailable(f"platform {platform_id!r} cannot be asked from this counter (no platform "
                                      "connection in the settings)")
        return dict(ask(self._t.settings.terminal.store_id))

    def _user_name(self, user_id: str | None) -> str | None:
        """"display name (username)" of the user with that id, else None (the id is shown)."""
        import uuid

        try:
            key = uuid.UUID(str(user_id))
        except (ValueError, TypeError):
            return None
        with self._t.uow() as uow:  # read inside: the row is not usable once the unit of work ends
            user = uow.users.get(key)
            return f"{user.display_name} ({user.username})" if user is not None else None

    def _render(self, language: str) -> Any:
        settings = self._t.settings

        def render(statement: Any, exported_at: datetime) -> ExportFiles:
            from zoneinfo import ZoneInfo

            from config.issuers import issuer_by_id
            from pos_terminal.services.remittances import ExportFiles, RemittanceRefused
            from receipts.image_render import FontMissing
            from receipts.settlement_export import ExportRefused, pain001_xml, statement_csv, statement_pdf

            issuer = issuer_by_id(settings, statement.platform_id)
            if issuer is None:
                raise RemittanceRefused("unknown_platform", f"platform {statement.platform_id!r} is not in the "
                                                            "settings ([platform] or [[issuers]]): its bank account "
                                                            "is unknown; add it, then export again")
            zone = settings.terminal.timezone
            try:
                xml = pain001_xml(statement, settings.settlement.store_account, issuer.account,
                                  message_id=statement.number, created_at=exported_at,
                                  execution_date=exported_at.astimezone(ZoneInfo(zone)).date(),
                                  store_name=settings.terminal.store_name, platform_name=issuer.name)
            except ExportRefused as exc:
                raise RemittanceRefused(exc.reason, str(exc)) from None
            pdf, pdf_error = None, None
            try:
                pdf = statement_pdf(statement, language=language, store_name=settings.terminal.store_name,
                                    platform_name=issuer.name, timezone=zone, printed_at=exported_at,
                                    accepted_by_name=self._user_name(statement.accepted_by))
            except (FontMissing, ImportError) as exc:  # the payment file and the CSV still go out
                pdf_error = str(exc)
                log.warning("settlement PDF of %s not made: %s", statement.number, exc)
            return ExportFiles(xml, statement_csv(statement), pdf, pdf_error)

        return render

    def context(self, language: str | None = None) -> RemittanceContext:
        from pos_terminal.services.remittances import RemittanceContext

        t = self._t
        return RemittanceContext(uow=t.uow, clock=t.clock, terminal_id=t.settings.terminal.terminal_id,
                                 store_id=t.settings.terminal.store_id, folder=self.folder,
                                 render=self._render(self._language(language)), fetch=self._fetch)

    # -- use cases ---------------------------------------------------------------------------
    def export(self, user: Who, number: str, folder: Path | None = None, language: str | None = None) -> ExportResult:
        """The payment file, CSV and PDF of accepted statement `number` in `folder` (default: the
        export folder); the remittance recorded as exported, audited. Blocking. Raises
        RemittanceRefused (unknown_statement, platform_owes_store, nothing_to_pay, bad_account,
        file_differs, write_failed ...), NotAllowed."""
        from pos_terminal.services import remittances

        return remittances.export(self.context(language), user, number, folder)

    def number_of(self, business_date: date, platform_id: str | None = None) -> str:
        """The number of the accepted statement of that day and platform (default [platform]).
        Blocking. Raises RemittanceRefused(unknown_statement)."""
        from pos_terminal.services import remittances

        pid = platform_id or self._t.settings.platform.id
        return remittances.statement_number(self.context(), pid, business_date)

    def mark_sent(self, user: Who, number: str, reference: str) -> RemittanceView:
        """The bank transfer of statement `number` was made, with the bank's `reference`: state sent,
        the platform told through the outbox, audited. Blocking. Raises RemittanceRefused
        (not_exported, already_sent, no_reference), NotAllowed."""
        from pos_terminal.services import remittances

        view = RemittanceView.of(remittances.mark_sent(self.context(), user, number, reference))
        try:
            self._t.wake_sync()  # the platform is told now, not at the outbox's next poll
        except Exception:  # noqa: BLE001 - it goes out on the next round anyway
            log.debug("outbox not woken", exc_info=True)
        return view

    def refresh(self) -> dict[str, str]:
        """Asks the platforms what they know of the remittances sent; platform_id -> error for those
        that did not answer. Blocking (network)."""
        from pos_terminal.services import remittances

        return remittances.refresh(self.context())

    def note_platform_statement(self, platform_statement: dict[str, Any]) -> list[RemittanceView]:
        """The next day's platform statement says which earlier statements it received
        (extra.remittances): the remittances move on. Blocking (database)."""
        from pos_terminal.services import remittances

        extra = platform_statement.get("extra") or {}
        states = remittances.platform_states({"statements": extra.get("remittances") or []})
        moved = remittances.note_platform_states(self.context(), states, platform_statement.get("platform_id"))
        return [RemittanceView.of(r) for r in moved]

    def list(self, user: Who | None = None, refresh: bool = True) -> list[RemittanceView]:
        """Every remittance, newest export first; with `refresh` the platforms are asked first (an
        unreachable platform leaves the stored states). Blocking."""
        from pos_terminal.services import remittances

        if refresh:
            for platform_id, error in self.refresh().items():
                log.info("remittances of %s not refreshed: %s", platform_id, error)
        return [RemittanceView.of(r) for r in remittances.remittances(self.context())]
