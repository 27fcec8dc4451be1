"""Users, roles and permissions, and the sign-in lock-out."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from pos_terminal.domain.errors import AccountLocked, NotAllowed, UserDisabled
from pos_terminal.ids import uuid7


class Role(str, enum.Enum):
    CASHIER = "cashier"
    MANAGER = "manager"
    TECHNICIAN = "technician"


class Permission(str, enum.Enum):
    SELL = "sell"
    REFUND = "refund"
    APPROVE = "approve"  # overrides, voids, over/short above the limit
    CLOSE_DAY = "close_day"
    CONFIGURE_DEVICES = "configure_devices"
    MANAGE_USERS = "manage_users"


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.CASHIER: frozenset({Permission.SELL, Permission.REFUND}),
    Role.MANAGER: frozenset(
        {
            Permission.SELL,
            Permission.REFUND,
            Permission.APPROVE,
            Permission.CLOSE_DAY,
            Permission.MANAGE_USERS,
            Permission.CONFIGURE_DEVICES,
        }
    ),
    Role.TECHNICIAN: frozenset({Permission.CONFIGURE_DEVICES}),
}


@dataclass(frozen=True)
class LockoutPolicy:
    max_failed_attempts: int = 5
    lockout: timedelta = timedelta(minutes=5)


class User:
    def __init__(
        self,
        username: str,
        display_name: str,
        role: Role,
        pin_hash: str,
        *,
        id: uuid.UUID | None = None,
        active: bool = True,
        created_at: datetime | None = None,
    ) -> None:
        self.id = id or uuid7()
        self.username = username
        self.display_name = display_name
        self.role = Role(role)
        self.pin_hash = pin_hash
        self.active = active
        self.failed_attempts = 0
        self.locked_until: datetime | None = None
        self.last_sign_in_at: datetime | None = None
        self.created_at = created_at

    def can(self, permission: Permission) -> bool:
        return self.active and permission in ROLE_PERMISSIONS[self.role]

    def require(self, permission: Permission) -> None:
        if not self.can(permission):
            raise NotAllowed(
                f"{self.username} ({self.role.value}) may not {permission.value}; ask a manager",
                username=self.username,
                permission=permission.value,
            )

    def is_locked(self, now: datetime) -> bool:
        return self.locked_until is not None and now < self.locked_until

    def check_can_sign_in(self, now: datetime) -> None:
        if not self.active:
            raise UserDisabled(f"user {self.username} is disabled; ask a manager", username=self.username)
        until = self.locked_until
        if until is not None and now < until:
            raise AccountLocked(
                f"user {self.username} is locked after repeated wrong PINs until "
                f"{until.isoformat(timespec='seconds')}; wait or ask a manager to unlock",
                username=self.username,
                until=until,
            )

    def record_failed_sign_in(self, now: datetime, policy: LockoutPolicy) -> int:
        """Counts a wrong PIN; locks the account when the policy's limit is reached.
        Returns the attempts left before lock-out (0 when it just locked)."""
        self.failed_attempts += 1
        left = policy.max_failed_attempts - self.failed_attempts
        if left <= 0:
            self.locked_until = now + policy.lockout
            self.failed_attempts = 0
            return 0
        return left

    def record_sign_in(self, now: datetime) -> None:
        self.failed_attempts = 0
        self.locked_until = None
        self.last_sign_in_at = now

    def unlock(self) -> None:
        self.failed_attempts = 0
        self.locked_until = None
