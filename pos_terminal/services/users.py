"""Users: adding them, signing in by user and PIN, lock-out, and manager approval."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from pos_terminal.domain.errors import DomainError, NotAllowed, SignInRefused
from pos_terminal.domain.model import ROLE_PERMISSIONS, LockoutPolicy, Permission, Role, User
from pos_terminal.ports import Clock, PinHasher, UnitOfWork
from pos_terminal.services import audit


@dataclass(frozen=True)
class SignedIn:
    """Who is at the counter. A value, so screens never hold a live ORM object."""

    user_id: uuid.UUID
    username: str
    display_name: str
    role: Role

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


log = logging.getLogger(__name__)


class DuplicateUser(DomainError):
    code = "duplicate_user"


def _signed_in(user: User) -> SignedIn:
    return SignedIn(user.id, user.username, user.display_name, user.role)


def add_user(
    uow: UnitOfWork, hasher: PinHasher, clock: Clock, *, username: str, display_name: str, role: Role | str, pin: str
) -> SignedIn:
    username = username.strip()
    if not username:
        raise DomainError("a user needs a user name")
    hasher.check_policy(pin)
    pin_hash = hasher.hash(pin)
    with uow:
        if uow.users.by_username(username) is not None:
            raise DuplicateUser(f"user {username!r} exists already; choose another user name", username=username)
        user = User(username, display_name.strip() or username, Role(role), pin_hash, created_at=clock.now())
        uow.users.add(user)
        uow.commit()
        return _signed_in(user)


def sign_in(
    uow: UnitOfWork, hasher: PinHasher, clock: Clock, policy: LockoutPolicy, *, username: str, pin: str,
    terminal_id: str = "",
) -> SignedIn:
    """Checks user and PIN. A wrong PIN is counted and committed before the refusal is raised,
    so lock-out holds across restarts; an unknown user costs the same hashing time as a known
    one, so the answer's timing does not reveal which user names exist. With a `terminal_id`,
    the sign-in and every refused attempt are in the audit trail (committed with the attempt
    count, before the refusal is raised); without one (tools, tests) nothing is audited."""
    return _authenticate(uow, hasher, clock, policy, username=username, pin=pin, terminal_id=terminal_id)


def approve(
    uow: UnitOfWork,
    hasher: PinHasher,
    clock: Clock,
    policy: LockoutPolicy,
    *,
    username: str,
    pin: str,
    permission: Permission = Permission.APPROVE,
    terminal_id: str = "",
) -> SignedIn:
    """A manager's approval at the counter: the approver's own user and PIN, with the same
    lock-out as sign-in, and the permission the action needs. With a `terminal_id`, the approval
    or its refusal is audited (action "approval", the permission in details)."""
    return _authenticate(uow, hasher, clock, policy, username=username, pin=pin, terminal_id=terminal_id,
                         permission=permission)


def _authenticate(uow: UnitOfWork, hasher: PinHasher, clock: Clock, policy: LockoutPolicy, *, username: str,
                  pin: str, terminal_id: str, permission: Permission | None = None) -> SignedIn:
    now = clock.now()
    name = username.strip()
    approving = permission is not None

    def audit_attempt(user: audit.Who | User, outcome: str, **details: object) -> None:
        if not terminal_id:
            return
        action: str
        subject: str | None
        if permission is not None:
            action, subject = audit.APPROVAL, permission.value
            details = {"permission": permission.value, **details}
        else:
            action, subject = (audit.SIGN_IN if outcome == audit.OK else audit.SIGN_IN_FAILED), None
        audit.record(uow, at=now, terminal_id=terminal_id, action=action, user=user, subject=subject,
                     outcome=outcome, details=details)

    with uow:
        user = uow.users.by_username(name)
        if user is None:
            hasher.verify(pin, _DUMMY_HASH.get(hasher))
            audit_attempt(audit.Actor(None, name[:64] or None), audit.REFUSED, reason="unknown_user")
            if terminal_id:
                uow.commit()
            log.warning("sign-in refused: unknown user", extra={"username": name[:64]})
            raise SignInRefused("unknown user or wrong PIN", attempts_left=None)
        try:
            user.check_can_sign_in(now)
        except SignInRefused as exc:
            audit_attempt(user, audit.REFUSED, reason=exc.code)
            if terminal_id:
                uow.commit()
            raise
        if not hasher.verify(pin, user.pin_hash):
            left = user.record_failed_sign_in(now, policy)
            audit_attempt(user, audit.REFUSED, reason="wrong_pin", attempts_left=left, locked=left == 0)
            uow.commit()
            log.warning("sign-in refused: wrong PIN", extra={"username": user.username, "attempts_left": left})
            if left == 0:
                raise SignInRefused(
                    f"wrong PIN; user {user.username} is now locked for "
                    f"{int(policy.lockout / timedelta(minutes=1))} minutes",
                    attempts_left=0,
                    locked=True,
                )
            raise SignInRefused(f"unknown user or wrong PIN; {left} attempts left", attempts_left=left)
        user.record_sign_in(now)
        signed_in = _signed_in(user)
        if permission is not None and not signed_in.can(permission):
            audit_attempt(user, audit.REFUSED, reason="not_allowed", role=signed_in.role.value)
            uow.commit()
            raise NotAllowed(
                f"{signed_in.username} ({signed_in.role.value}) cannot approve this; a manager must",
                username=signed_in.username,
                permission=permission.value,
            )
        audit_attempt(user, audit.OK, **({"role": signed_in.role.value} if not approving else {}))
        uow.commit()
        if permission is not None:
            log.info("approved", extra={"username": user.username, "permission": permission.value})
        else:
            log.info("signed in", extra={"username": user.username, "role": user.role.value})
        return signed_in


def list_users(uow: UnitOfWork) -> list[SignedIn]:
    with uow:
        return [_signed_in(u) for u in uow.users.list()]


def unlock_user(uow: UnitOfWork, *, username: str) -> None:
    with uow:
        user = uow.users.by_username(username)
        if user is None:
            raise DomainError(f"no user {username!r}")
        user.unlock()
        uow.commit()


class _DummyHashes:
    """A hash per hasher configuration, to spend the same time on unknown users."""

    def __init__(self) -> None:
        self._cache: dict[object, str] = {}

    def get(self, hasher: PinHasher) -> str:
        key = repr(hasher)
        if key not in self._cache:
            self._cache[key] = hasher.hash("00000000")
        return self._cache[key]


_DUMMY_HASH = _DummyHashes()
