"""The users page's facade: a manager lists the terminal's users, adds one, resets a PIN, unlocks
a locked user, disables or enables one; every change is audited with the manager who made it
(services.users). Methods marked "Blocking" are a worker's job (database, PIN hashing)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from pos_terminal.domain.model import Role
from pos_terminal.services import users as user_service
from pos_terminal.services.users import SignedIn, UserRow

if TYPE_CHECKING:  # no container (SQLAlchemy) at import: see facades.py
    from pos_terminal.app.container import Terminal


class UserAdmin:
    """User administration for a signed-in manager (`by`); the services refuse anyone else."""

    ROLES = (Role.CASHIER, Role.MANAGER, Role.TECHNICIAN)

    def __init__(self, terminal: Terminal) -> None:
        self._t = terminal

    @property
    def _terminal_id(self) -> str:
        return self._t.settings.terminal.terminal_id

    def now(self) -> datetime:
        return self._t.clock.now()

    @property
    def pin_min_length(self) -> int:
        """The shortest PIN the policy takes (the form's hint). Reads the hasher: after the start."""
        return int(getattr(self._t.hasher, "min_length", 4))

    def list(self) -> list[UserRow]:
        """Every user with its state. Blocking."""
        return user_service.user_rows(self._t.uow())

    def add(self, by: SignedIn, username: str, display_name: str, role: Role | str, pin: str) -> SignedIn:
        """Blocking (hashes the PIN). Raises UserAdminRefused, DuplicateUser, WeakPin, NotAllowed."""
        t = self._t
        return user_service.add_user(t.uow(), t.hasher, t.clock, username=username, display_name=display_name,
                                     role=role, pin=pin, by=by, terminal_id=self._terminal_id)

    def reset_pin(self, by: SignedIn, username: str, pin: str) -> UserRow:
        """A new PIN (and the lock lifted). Blocking."""
        t = self._t
        return user_service.reset_pin(t.uow(), t.hasher, t.clock, username=username, pin=pin, by=by,
                                      terminal_id=self._terminal_id)

    def unlock(self, by: SignedIn, username: str) -> UserRow:
        """Blocking."""
        return user_service.unlock_user(self._t.uow(), self._t.clock, username=username, by=by,
                                        terminal_id=self._terminal_id)

    def set_active(self, by: SignedIn, username: str, active: bool) -> UserRow:
        """Disables or enables a user. Blocking."""
        return user_service.set_active(self._t.uow(), self._t.clock, username=username, active=active, by=by,
                                       terminal_id=self._terminal_id)
