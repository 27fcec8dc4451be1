"""A manager's user administration (services.users): add, reset a PIN, unlock, disable and enable,
each in the audit trail with who did it; the command line's unlock audited the same way."""

from __future__ import annotations

import pytest

from pos_terminal.domain.errors import NotAllowed, SignInRefused, UserDisabled
from pos_terminal.domain.model import LockoutPolicy, Role
from pos_terminal.security import WeakPin
from pos_terminal.services import audit, users
from tests.conftest import FAST_HASHER
from tests.fakes import FakeClock, FakeUnitOfWork

POLICY = LockoutPolicy(3)
T = "T01"


@pytest.fixture
def uow():
    return FakeUnitOfWork()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def manager(uow, clock):
    return users.add_user(uow, FAST_HASHER, clock, username="8001", display_name="Zhao", role=Role.MANAGER, pin="8642")


@pytest.fixture
def cashier(uow, clock):
    return users.add_user(uow, FAST_HASHER, clock, username="1001", display_name="Li", role=Role.CASHIER, pin="1357")


def _audit(uow, action=None):
    rows = uow.committed_store.audit
    return [r for r in rows if action is None or r["action"] == action]


def _lock(uow, clock, username):
    for _ in range(3):
        with pytest.raises(SignInRefused):
            users.sign_in(uow, FAST_HASHER, clock, POLICY, username=username, pin="9999")


def test_a_manager_adds_a_user_who_can_sign_in_and_it_is_audited(uow, clock, manager):
    added = users.add_user(uow, FAST_HASHER, clock, username="1005", display_name=" Wang ", role="cashier", pin="2468",
                           by=manager, terminal_id=T)
    assert added.role is Role.CASHIER and added.display_name == "Wang"
    assert users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1005", pin="2468").username == "1005"
    [row] = _audit(uow, users.USER_ADD)
    assert row["username"] == "8001" and row["user_id"] == manager.user_id and row["subject"] == "user 1005"
    assert row["details"] == {"username": "1005", "role": "cashier", "display_name": "Wang"}
    assert "2468" not in str(row) and "pin" not in str(row["details"]).lower()


def test_a_cashier_cannot_manage_users(uow, clock, cashier, manager):
    with pytest.raises(NotAllowed):
        users.add_user(uow, FAST_HASHER, clock, username="1006", display_name="", role="manager", pin="2468",
                       by=cashier, terminal_id=T)
    with pytest.raises(NotAllowed):
        users.reset_pin(uow, FAST_HASHER, clock, username="8001", pin="2468", by=cashier, terminal_id=T)
    assert uow.committed_store.users and all(u.username != "1006" for u in uow.committed_store.users.values())
    assert _audit(uow) == []


def test_bad_input_is_refused_with_a_reason(uow, clock, manager):
    for name, reason in (("", "bad_username"), ("a b", "bad_username"), ("x" * 65, "bad_username")):
        with pytest.raises(users.UserAdminRefused) as e:
            users.add_user(uow, FAST_HASHER, clock, username=name, display_name="", role="cashier", pin="2468",
                           by=manager, terminal_id=T)
        assert e.value.reason == reason
    with pytest.raises(users.UserAdminRefused) as e:
        users.add_user(uow, FAST_HASHER, clock, username="1007", display_name="", role="boss", pin="2468",
                       by=manager, terminal_id=T)
    assert e.value.reason == "bad_role"
    with pytest.raises(WeakPin):
        users.add_user(uow, FAST_HASHER, clock, username="1007", display_name="", role="cashier", pin="1111",
                       by=manager, terminal_id=T)
    with pytest.raises(users.DuplicateUser):
        users.add_user(uow, FAST_HASHER, clock, username="8001", display_name="", role="cashier", pin="2468",
                       by=manager, terminal_id=T)


def test_unlock_is_audited_with_the_lock_it_lifted(uow, clock, manager, cashier):
    _lock(uow, clock, "1001")
    row = users.unlock_user(uow, clock, username="1001", by=manager, terminal_id=T)
    assert row.locked_until is None and not row.locked(clock.now())
    assert users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357").username == "1001"
    [entry] = _audit(uow, users.USER_UNLOCK)
    assert entry["username"] == "8001" and entry["details"]["was_locked_until"] is not None


def test_the_command_line_unlock_is_audited_as_the_cli(uow, clock, cashier):
    _lock(uow, clock, "1001")
    users.unlock_user(uow, clock, username="1001", by=users.CommandLine("ops"), terminal_id=T)
    [entry] = _audit(uow, users.USER_UNLOCK)
    assert entry["username"] == "cli:ops" and entry["user_id"] is None and entry["subject"] == "user 1001"
    assert audit.verify(lambda: uow, T).ok


def test_unlocking_an_unknown_user_says_so(uow, clock, manager):
    with pytest.raises(users.UserAdminRefused) as e:
        users.unlock_user(uow, clock, username="4040", by=manager, terminal_id=T)
    assert e.value.reason == "unknown_user"


def test_reset_pin_replaces_the_pin_lifts_the_lock_and_never_records_it(uow, clock, manager, cashier):
    _lock(uow, clock, "1001")
    users.reset_pin(uow, FAST_HASHER, clock, username="1001", pin="2580", by=manager, terminal_id=T)
    with pytest.raises(SignInRefused):
        users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357")
    assert users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="2580").username == "1001"
    [entry] = _audit(uow, users.PIN_RESET)
    assert "2580" not in str(entry)
    with pytest.raises(WeakPin):
        users.reset_pin(uow, FAST_HASHER, clock, username="1001", pin="12", by=manager, terminal_id=T)


def test_disable_and_enable(uow, clock, manager, cashier):
    users.set_active(uow, clock, username="1001", active=False, by=manager, terminal_id=T)
    with pytest.raises(UserDisabled):
        users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357")
    users.set_active(uow, clock, username="1001", active=True, by=manager, terminal_id=T)
    assert users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357").username == "1001"
    assert [r["action"] for r in _audit(uow) if r["action"] in users.ADMIN_ACTIONS] == [users.USER_DISABLE,
                                                                                      users.USER_ENABLE]


def test_a_manager_cannot_disable_themselves_nor_the_last_manager(uow, clock, manager):
    with pytest.raises(users.UserAdminRefused) as e:
        users.set_active(uow, clock, username="8001", active=False, by=manager, terminal_id=T)
    assert e.value.reason == "own_account"
    with pytest.raises(users.UserAdminRefused) as e:
        users.set_active(uow, clock, username="8001", active=False, by=users.CommandLine(), terminal_id=T)
    assert e.value.reason == "last_manager"
    second = users.add_user(uow, FAST_HASHER, clock, username="8002", display_name="", role="manager", pin="2468")
    users.set_active(uow, clock, username="8001", active=False, by=second, terminal_id=T)
    # the disabled manager's own session no longer counts as a manager's
    with pytest.raises(NotAllowed):
        users.unlock_user(uow, clock, username="8002", by=manager, terminal_id=T)


def test_user_rows_show_the_state(uow, clock, manager, cashier):
    _lock(uow, clock, "1001")
    rows = {r.username: r for r in users.user_rows(uow)}
    assert rows["1001"].locked(clock.now()) and rows["1001"].active
    assert not rows["8001"].locked(clock.now())
