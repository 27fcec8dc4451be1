"""Services against the fakes: the rules, independent of storage."""

import pytest

from pos_terminal.domain.errors import AccountLocked, AlreadyPaid, NoOpenShift, NotAllowed, SignInRefused
from pos_terminal.domain.model import LockoutPolicy, Permission, Role
from pos_terminal.money import Money
from pos_terminal.security import WeakPin
from pos_terminal.services import sales, users
from pos_terminal.services.checkout import CheckoutRefused
from pos_terminal.services.day_context import DayContext
from tests.conftest import FAST_HASHER
from tests.fakes import FakeClock, FakeDrawer, FakeUnitOfWork
from tests.sale_helpers import checkout_context, open_shift, sell_cash

POLICY = LockoutPolicy(3)
ORDER = sales.OrderSpec("O-9", "m1", "Shop", "CNY", (sales.LineSpec(1, "s", "Tea", 1250, 2, ("A", "B")),))


@pytest.fixture
def uow():
    return FakeUnitOfWork()


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def cashier(uow, clock):
    return users.add_user(uow, FAST_HASHER, clock, username="1001", display_name="Li", role=Role.CASHIER, pin="1357")


def test_sign_in_and_wrong_pin_counts_down(uow, clock, cashier):
    assert users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357").role is Role.CASHIER
    with pytest.raises(SignInRefused) as e:
        users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="0000")
    assert e.value.params["attempts_left"] == 2


def test_lockout_is_committed_and_holds(uow, clock, cashier):
    for _ in range(3):
        with pytest.raises(SignInRefused):
            users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="9999")
    with pytest.raises(AccountLocked):
        users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357")
    clock.advance(minutes=6)
    assert users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357")


def test_unknown_user_gets_the_same_answer_as_a_wrong_pin(uow, clock, cashier):
    with pytest.raises(SignInRefused, match="unknown user or wrong PIN"):
        users.sign_in(uow, FAST_HASHER, clock, POLICY, username="nobody", pin="1357")


def test_weak_pins_and_duplicate_users_refused(uow, clock, cashier):
    with pytest.raises(WeakPin):
        users.add_user(uow, FAST_HASHER, clock, username="x", display_name="", role="cashier", pin="1111")
    with pytest.raises(WeakPin):
        users.add_user(uow, FAST_HASHER, clock, username="x", display_name="", role="cashier", pin="12a4")
    with pytest.raises(users.DuplicateUser):
        users.add_user(uow, FAST_HASHER, clock, username="1001", display_name="", role="cashier", pin="2468")


def test_manager_approval_refuses_a_cashier(uow, clock, cashier):
    users.add_user(uow, FAST_HASHER, clock, username="8001", display_name="M", role="manager", pin="8642")
    assert users.approve(uow, FAST_HASHER, clock, POLICY, username="8001", pin="8642").can(Permission.APPROVE)
    with pytest.raises(NotAllowed):
        users.approve(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357")


def _pay(uow, clock, cashier, tendered=5000, drawer=None):
    """A cash sale as the checkout screen completes it (CheckoutSession)."""
    return sell_cash(checkout_context(lambda: uow, clock, cashier, drawer=drawer), ORDER, tendered)


def _open_shift(uow, clock, cashier):
    open_shift(DayContext(lambda: uow, clock, "T01", "S1"), cashier)


def test_cash_sale_needs_an_open_shift(uow, clock, cashier):
    with pytest.raises(NoOpenShift):
        _pay(uow, clock, cashier)
    assert uow.commits == 1  # only the user


def test_cash_sale_commits_everything_together_and_kicks_after(uow, clock, cashier):
    _open_shift(uow, clock, cashier)
    drawer = FakeDrawer()
    r = _pay(uow, clock, cashier, drawer=drawer)
    s = uow.committed_store
    assert (r.sale.receipt_no, r.sale.change, drawer.kicks) == (1, Money(2500), 1)
    assert len(s.sales) == 1 and len(s.receipts) == 1 and len(s.outbox) == 1 and len(s.settlements) == 1
    assert s.outbox[0].payload["order_no"] == "O-9"


def test_second_payment_of_same_order_is_refused(uow, clock, cashier):
    _open_shift(uow, clock, cashier)
    _pay(uow, clock, cashier)
    with pytest.raises(AlreadyPaid):
        _pay(uow, clock, cashier)
    assert len(uow.committed_store.sales) == 1


def test_too_little_cash_is_refused_before_anything_is_written(uow, clock, cashier):
    _open_shift(uow, clock, cashier)
    commits = uow.commits
    with pytest.raises(CheckoutRefused) as e:
        _pay(uow, clock, cashier, tendered=2499)
    assert e.value.reason == "not_covered" and e.value.params["remaining_minor"] == 1
    assert uow.commits == commits


def test_failed_commit_leaves_nothing_and_gives_the_receipt_number_back(uow, clock, cashier):
    _open_shift(uow, clock, cashier)
    uow.fail_on_commit = OSError("disk full")
    with pytest.raises(OSError):
        _pay(uow, clock, cashier)
    uow.fail_on_commit = None
    assert not uow.committed_store.sales and not uow.committed_store.outbox
    assert _pay(uow, clock, cashier).sale.receipt_no == 1


def test_drawer_fault_never_undoes_the_sale(uow, clock, cashier):
    _open_shift(uow, clock, cashier)
    r = _pay(uow, clock, cashier, drawer=FakeDrawer(fail=True))
    assert r.drawer_error == "drawer not connected" and not r.drawer_kicked
    assert len(uow.committed_store.sales) == 1


def test_unlock_lets_a_locked_user_sign_in_again(uow, clock, cashier):
    for _ in range(3):
        with pytest.raises(SignInRefused):
            users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="9999")
    users.unlock_user(uow, clock, username="1001", by=users.CommandLine("ops"), terminal_id="T01")
    assert users.sign_in(uow, FAST_HASHER, clock, POLICY, username="1001", pin="1357").username == "1001"
