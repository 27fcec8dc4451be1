from datetime import datetime, timedelta, timezone

import pytest

from pos_terminal.domain.errors import AccountLocked, AlreadyPaid, InsufficientTender, InvalidCardData, NotAllowed, PaymentError
from pos_terminal.domain.model import (
    LockoutPolicy,
    Order,
    OrderLine,
    Permission,
    ReceiptCounter,
    Role,
    Sale,
    SaleStatus,
    Settlement,
    Shift,
    Tender,
    TenderKind,
    User,
)
from pos_terminal.ids import uuid7
from pos_terminal.money import Money

NOW = datetime(2026, 11, 22, 3, 0, tzinfo=timezone.utc)


def order(*prices_qty):
    lines = [
        OrderLine(i + 1, f"sku{i}", f"item {i}", Money(price), qty, [f"IC-{i}-{u}" for u in range(qty)])
        for i, (price, qty) in enumerate(prices_qty)
    ]
    return Order("O-1", "m1", "Shop", "CNY", lines)


def sale(total=Money(2500)):
    return Sale("T01", "O-1", "m1", total, shift_id=uuid7(), cashier_id=uuid7(), created_at=NOW)


def test_order_total_and_per_unit_item_codes():
    o = order((1250, 2), (99, 1))
    assert o.total == Money(2599)
    assert o.lines[0].item_codes == ["IC-0-0", "IC-0-1"]


def test_order_line_needs_one_item_code_per_unit():
    with pytest.raises(ValueError, match="2 units need 2 item codes"):
        OrderLine(1, "s", "n", Money(1), 2, ["only-one"])


def test_order_refuses_duplicate_item_codes():
    with pytest.raises(ValueError, match="unique"):
        Order("O", "m", "S", "CNY", [OrderLine(1, "a", "a", Money(1), 1, ["X"]), OrderLine(2, "b", "b", Money(1), 1, ["X"])])


def test_cash_sale_with_change_is_paid_with_its_change():
    s = sale()
    s.add_tender(Tender(TenderKind.CASH, Money(2500), tendered=Money(5000)))
    assert s.amount_due == Money(0)
    assert s.change == Money(2500)
    s.mark_paid(7, NOW)
    assert s.status is SaleStatus.PAID and s.receipt_no == 7
    assert s.paid_at == NOW and s.paid == Money(2500)


def test_split_tender_and_overpayment_refused():
    s = sale()
    s.add_tender(Tender(TenderKind.BANK_CARD, Money(1000), approval_code="A1", card_last4="4242"))
    with pytest.raises(InsufficientTender):
        s.mark_paid(1, NOW)
    with pytest.raises(PaymentError, match="more than"):
        s.add_tender(Tender(TenderKind.CASH, Money(1600)))
    s.add_tender(Tender(TenderKind.CASH, Money(1500), tendered=Money(2000)))
    s.mark_paid(1, NOW)
    with pytest.raises(AlreadyPaid):
        s.mark_paid(2, NOW)


def test_card_tender_keeps_only_last_four_digits():
    with pytest.raises(InvalidCardData):
        Tender(TenderKind.BANK_CARD, Money(100), card_last4="4111111111111111")
    with pytest.raises(PaymentError, match="only cash"):
        Tender(TenderKind.BANK_CARD, Money(100), tendered=Money(200))


def test_void_needs_a_manager_and_a_reason():
    s = sale()
    cashier = User("c", "C", Role.CASHIER, "h")
    manager = User("m", "M", Role.MANAGER, "h")
    with pytest.raises(NotAllowed):
        s.void(cashier, "mistake")
    with pytest.raises(PaymentError, match="reason"):
        s.void(manager, "  ")
    s.void(manager, "buyer changed mind")
    assert s.status is SaleStatus.VOIDED


def test_settlement_only_for_paid_sale_and_carries_what_platform_needs():
    s = sale()
    with pytest.raises(PaymentError):
        Settlement(s, "S1")
    s.add_tender(Tender(TenderKind.CASH, Money(2500)))
    s.mark_paid(3, NOW)
    p = Settlement(s, "S1").payload()
    assert p["amount_minor"] == 2500 and p["receipt_no"] == 3 and p["tenders"] == ["cash"] and p["store_id"] == "S1"


def test_receipt_counter_counts_up_by_one():
    c = ReceiptCounter("T01")
    assert [c.next() for _ in range(3)] == [1, 2, 3]


def test_lockout_after_repeated_failures_then_unlocks_after_time():
    u = User("c", "C", Role.CASHIER, "h")
    policy = LockoutPolicy(3, timedelta(minutes=5))
    assert u.record_failed_sign_in(NOW, policy) == 2
    assert u.record_failed_sign_in(NOW, policy) == 1
    assert u.record_failed_sign_in(NOW, policy) == 0
    with pytest.raises(AccountLocked):
        u.check_can_sign_in(NOW + timedelta(minutes=4))
    u.check_can_sign_in(NOW + timedelta(minutes=5))


def test_role_permissions():
    assert User("c", "C", Role.CASHIER, "h").can(Permission.SELL)
    assert not User("c", "C", Role.CASHIER, "h").can(Permission.APPROVE)
    assert User("m", "M", Role.MANAGER, "h").can(Permission.APPROVE)
    t = User("t", "T", Role.TECHNICIAN, "h")
    assert t.can(Permission.CONFIGURE_DEVICES) and not t.can(Permission.SELL)


def test_shift_open_close_and_naive_time_refused():
    sh = Shift("T01", uuid7(), Money(10000), opened_at=NOW)
    sh.close(uuid7(), Money(12000), NOW + timedelta(hours=8))
    assert sh.counted_cash == Money(12000)
    with pytest.raises(ValueError, match="timezone-aware"):
        Shift("T01", uuid7(), Money(0), opened_at=datetime(2026, 1, 1))


def test_a_disabled_user_is_refused_with_its_own_error():
    from pos_terminal.domain.errors import UserDisabled

    u = User("c", "C", Role.CASHIER, "h", active=False)
    with pytest.raises(UserDisabled):
        u.check_can_sign_in(NOW)
    assert not u.can(Permission.SELL)
