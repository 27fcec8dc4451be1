"""Users: adding them, signing in by user and PIN, lock-out, manager approval, and a manager's
user administration (add, reset a PIN, unlock, disable and enable; each audited)."""

from __future__ import annotations

import logging
import re
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

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


# -- user administration: audit actions (stored strings) and who acts ----------------------------
USER_ADD = "user_add"
PIN_RESET = "pin_reset"
USER_UNLOCK = "user_unlock"
USER_DISABLE = "user_disable"
USER_ENABLE = "user_enable"
ADMIN_ACTIONS = frozenset({USER_ADD, PIN_RESET, USER_UNLOCK, USER_DISABLE, USER_ENABLE})

USERNAME_PATTERN = r"[A-Za-z0-9._-]{1,64}"
_USERNAME = re.compile(rf"^{USERNAME_PATTERN}$")
DISPLAY_NAME_MAX = 128


@dataclass(frozen=True)
class CommandLine:
    """Who acts from `pos-terminal user ...`: whoever holds the terminal's database on this
    machine (no PIN is asked). Audited as "cli:<operating-system user>"."""

    os_user: str = ""

    @property
    def user_id(self) -> uuid.UUID | None:
        return None

    @property
    def username(self) -> str:
        return f"cli:{self.os_user}" if self.os_user else "cli"


Admin = SignedIn | CommandLine


class UserAdminRefused(DomainError):
    """A user change that is not made. `reason`: unknown_user, bad_username, bad_name, bad_role,
    own_account (a manager disabling themselves), last_manager (no active manager would be left)."""

    code = "user_admin_refused"

    def __init__(self, reason: str, message: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


@dataclass(frozen=True)
class UserRow:
    """A user as the users page lists it (never the PIN hash)."""

    user_id: uuid.UUID
    username: str
    display_name: str
    role: Role
    active: bool
    locked_until: datetime | None
    failed_attempts: int
    last_sign_in_at: datetime | None
    created_at: datetime | None

    def locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until


def _row(user: User) -> UserRow:
    return UserRow(user.id, user.username, user.display_name, user.role, bool(user.active), user.locked_until,
                   user.failed_attempts or 0, user.last_sign_in_at, user.created_at)


def _check_admin(uow: UnitOfWork, by: Admin) -> audit.Who | User:
    """The acting manager as stored now (a role changed or a user disabled since sign-in no
    longer counts); the command line acts as itself."""
    if isinstance(by, CommandLine):
        return by
    stored = uow.users.get(by.user_id)
    if stored is None or not stored.can(Permission.MANAGE_USERS):
        raise NotAllowed(f"{by.username} may not manage users; a manager must", username=by.username,
                         permission=Permission.MANAGE_USERS.value)
    return stored


def _target(uow: UnitOfWork, username: str) -> User:
    user = uow.users.by_username(username.strip())
    if user is None:
        raise UserAdminRefused("unknown_user", f"no user {username.strip()!r}", username=username.strip())
    return user


def _audit_admin(uow: UnitOfWork, clock: Clock, terminal_id: str, action: str, by: audit.Who | User, user: User,
                 **details: object) -> None:
    audit.record(uow, at=clock.now(), terminal_id=terminal_id, action=action, user=by,
                 subject=f"user {user.username}", details={"username": user.username, "role": user.role.value,
                                                            **details})


def add_user(
    uow: UnitOfWork, hasher: PinHasher, clock: Clock, *, username: str, display_name: str, role: Role | str, pin: str,
    by: Admin | None = None, terminal_id: str = "",
) -> SignedIn:
    """Adds a user. With `by` (a manager, or the command line) and `terminal_id` it is audited
    (user_add); without (the demo's seed, tests) it is not."""
    username = username.strip()
    if not username:
        raise UserAdminRefused("bad_username", "a user needs a user name")
    if not _USERNAME.match(username):
        raise UserAdminRefused("bad_username", f"user name {username[:64]!r}: use 1 to 64 letters, digits, "
                               "'.', '_' or '-'", username=username[:64])
    name = display_name.strip() or username
    if len(name) > DISPLAY_NAME_MAX:
        raise UserAdminRefused("bad_name", f"a name has at most {DISPLAY_NAME_MAX} characters")
    try:
        role = Role(role)
    except ValueError:
        raise UserAdminRefused("bad_role", f"no role {role!r}: cashier, manager or technician") from None
    hasher.check_policy(pin)
    pin_hash = hasher.hash(pin)
    with uow:
        actor = _check_admin(uow, by) if by is not None else None
        if uow.users.by_username(username) is not None:
            raise DuplicateUser(f"user {username!r} exists already; choose another user name", username=username)
        user = User(username, name, role, pin_hash, created_at=clock.now())
        uow.users.add(user)
        if actor is not None and terminal_id:
            _audit_admin(uow, clock, terminal_id, USER_ADD, actor, user, display_name=name)
        uow.commit()
        log.info("user added", extra={"username": username, "role": role.value})
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


def user_rows(uow: UnitOfWork) -> list[UserRow]:
    """Every user with state (active, locked until, failed attempts, last sign-in), by user name."""
    with uow:
        return [_row(u) for u in uow.users.list()]


def unlock_user(uow: UnitOfWork, clock: Clock, *, username: str, by: Admin, terminal_id: str) -> UserRow:
    """Lifts a lock-out after wrong PINs and clears the count of failed attempts; audited
    (user_unlock, with the lock it lifted). The screen and `pos-terminal user unlock` call this."""
    with uow:
        actor = _check_admin(uow, by)
        user = _target(uow, username)
        now = clock.now()
        was = user.locked_until if user.is_locked(now) else None
        failed = user.failed_attempts or 0
        user.unlock()
        _audit_admin(uow, clock, terminal_id, USER_UNLOCK, actor, user,
                     was_locked_until=was.isoformat() if was else None, failed_attempts=failed)
        uow.commit()
        log.info("user unlocked", extra={"username": user.username, "by": by.username})
        return _row(user)


def reset_pin(uow: UnitOfWork, hasher: PinHasher, clock: Clock, *, username: str, pin: str, by: Admin,
              terminal_id: str) -> UserRow:
    """Sets a new PIN (the PIN policy applies) and lifts any lock-out; audited (pin_reset, never
    the PIN)."""
    hasher.check_policy(pin)
    pin_hash = hasher.hash(pin)
    with uow:
        actor = _check_admin(uow, by)
        user = _target(uow, username)
        user.pin_hash = pin_hash
        user.unlock()
        _audit_admin(uow, clock, terminal_id, PIN_RESET, actor, user)
        uow.commit()
        log.info("PIN reset", extra={"username": user.username, "by": by.username})
        return _row(user)


def set_active(uow: UnitOfWork, clock: Clock, *, username: str, active: bool, by: Admin,
               terminal_id: str) -> UserRow:
    """Disables a user (they can no longer sign in or approve) or enables them again; audited
    (user_disable / user_enable). A manager cannot disable their own account, nor the last active
    manager: someone must be left to manage users."""
    with uow:
        actor = _check_admin(uow, by)
        user = _target(uow, username)
        if not active:
            if by.user_id is not None and user.id == by.user_id:
                raise UserAdminRefused("own_account", "you cannot disable your own account; another manager can",
                                       username=user.username)
            if user.role is Role.MANAGER and user.active and not any(
                    u.active and u.role is Role.MANAGER and u.id != user.id for u in uow.users.list()):
                raise UserAdminRefused("last_manager", f"{user.username} is the last active manager; add or "
                                       "enable another manager first", username=user.username)
        if bool(user.active) != active:
            user.active = active
            _audit_admin(uow, clock, terminal_id, USER_ENABLE if active else USER_DISABLE, actor, user)
            uow.commit()
            log.info("user enabled" if active else "user disabled", extra={"username": user.username,
                                                                             "by": by.username})
        return _row(user)


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
