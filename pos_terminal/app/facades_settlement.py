"""The day's settlement statement per platform for the Settlement page and `pos-terminal settle
statement|accept` (services.statements): the terminal's statement, the platform's, their
differences, what stands in the way of accepting it, and the manager's acceptance. Methods marked
"Blocking" are a worker's job (database, platform)."""

from __future__ import annotations

from datetime import date
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

if TYPE_CHECKING:  # no container (SQLAlchemy) at import: see facades.py
    from pos_terminal.app.container import Terminal
    from pos_terminal.domain.model.statements import Statement
    from pos_terminal.ports.statements import StatementUnitOfWork
    from pos_terminal.services.statements import PlatformTerms, StatementContext, StatementView
    from pos_terminal.services.users import SignedIn


class Settlement:
    """The services are imported at first use (the window is shown before they are needed)."""

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    def platforms(self) -> list[PlatformTerms]:
        """The platforms this store settles with: [platform] first, then each [[issuers]] entry."""
        from config.issuers import issuer_list
        from pos_terminal.domain.model.statements import Contract
        from pos_terminal.services.statements import PlatformTerms

        currency = self._t.settings.terminal.currency
        return [PlatformTerms(i.id, i.name, i.route, currency,
                              Contract(i.id, i.contract.percent_bp, i.contract.fixed_minor, i.contract.rounding))
                for i in issuer_list(self._t.settings)]

    def context(self) -> StatementContext:
        from pos_terminal.services.statements import StatementContext

        t = self._t
        ids = t.settings.terminal
        uow = cast("Callable[[], StatementUnitOfWork]", t.uow)  # SqlAlchemyUnitOfWork sets .statements on entering
        return StatementContext(uow, t.clock, ids.terminal_id, ids.store_id, tuple(self.platforms()),
                                t.platform_for, timezone=ids.timezone, currency=ids.currency,
                                day_change_hour=ids.day_change_hour)

    def statement(self, user: SignedIn | None, business_date: date | None = None,
                  platform_id: str | None = None) -> StatementView:
        """Blocking. The statement of the day (None: the last closed day) with the platform
        (None: [platform]); refused (StatementRefused) for a user who is not a manager."""
        from pos_terminal.services import statements

        return statements.view(self.context(), user, business_date, platform_id)

    def accept(self, user: SignedIn | None, business_date: date, platform_id: str | None, digest: str,
               note: str = "") -> Statement:
        """Blocking. Accepts the statement shown with `digest` (StatementRefused: see
        services.statements); the platform's notice goes out through the outbox."""
        from pos_terminal.services import statements

        accepted = statements.accept(self.context(), user, business_date, platform_id, digest, note)
        try:
            self._t.wake_sync()
        except Exception:  # the outbox sends it on its next round anyway
            pass
        return accepted

    def accepted(self, number: str) -> Statement | None:
        """Blocking. The accepted statement with that number, as accepted."""
        with self._t.uow() as uow:
            return uow.statements.by_number(number)

    def to_json(self, view: StatementView) -> dict[str, Any]:
        return view.to_json()
