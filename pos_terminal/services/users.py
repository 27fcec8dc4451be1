"""Users: adding them, signing in by user and PIN, lock-out, and manager approval."""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass
from datetime import timedelta

from pos_terminal.domain.errors import DomainError, NotAllowed, SignInRefused
from pos_terminal.domain.model import ROLE_PERMISSIONS, LockoutPolicy, Permission, Role, User
from pos_terminal.ports import Clock, PinHasher, UnitOfWork


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
    check = getattr(hasher, "check_policy", None)
    if check:
        check(pin)
    pin_hash = hasher.hash(pin)
    with uow:
        if uow.users.by_username(username) is not None:
            raise DuplicateUser(f"user {username!r} exists already; choose another user name", username=username)
        user = User(username, display_name.strip() or username, Role(role), pin_hash, created_at=clock.now())
        uow.users.add(user)
        uow.commit()
        return _signed_in(user)


def sign_in(
    uow: UnitOfWork, hasher: PinHasher, clock: Clock, policy: LockoutPolicy, *, username: str, pin: str
) -> SignedIn:
    """Checks user and PIN. A wrong PIN is counted and committed before the refusal is raised,
    so lock-out holds across restarts; an unknown user costs the same hashing time as a known
    one, so the answer's timing does not reveal which user names exist."""
    now = clock.now()
    with uow:
        user = uow.users.by_username(username.strip())
        if user is None:
            hasher.verify(pin, _DUMMY_HASH.get(hasher))
            log.warning("sign-in refused: unknown user", extra={"username": username.strip()[:64]})
            raise SignInRefused("unknown user or wrong PIN", attempts_left=None)
        user.check_can_sign_in(now)
        if not hasher.verify(pin, user.pin_hash):
            left = user.record_failed_sign_in(now, policy)
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
        uow.commit()
        log.info("signed in", extra={"username": user.username, "role": user.role.value})
        return _signed_in(user)


def approve(
    uow: UnitOfWork,
    hasher: PinHasher,
    clock: Clock,
    policy: LockoutPolicy,
    *,
    username: str,
    pin: str,
    permission: Permission = Permission.APPROVE,
) -> SignedIn:
    """A manager's approval at the counter: the approver's own user and PIN, with the same
    lock-out as sign-in, and the permission the action needs."""
    approver = sign_in(uow, hasher, clock, policy, username=username, pin=pin)
    if not approver.can(permission):
        raise NotAllowed(
            f"{approver.username} ({approver.role.value}) cannot approve this; a manager must",
            username=approver.username,
            permission=permission.value,
        )
    return approver


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
