"""Resolving a scanned payment code (pos_terminal.services.orders) against the port fakes."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pos_terminal.domain.errors import AlreadyPaid
from pos_terminal.domain.model import Role
from pos_terminal.ports import PlatformUnavailable
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services import orders, users
from pos_terminal.services.day_context import DayContext
from pos_terminal.vouchers import KeyRing, PublicKey
from sync.sandbox.signing import mint_voucher, new_private_key
from tests.conftest import FAST_HASHER
from tests.fakes import FakeClock, FakePlatform, FakeUnitOfWork, FakeVerifier
from tests.sale_helpers import checkout_context, open_shift, sell_cash

ORDER_NO = "PO000000001001"


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def key():
    return new_private_key()


@pytest.fixture
def voucher(key, clock):
    def make(kid="K0001", private=None, order_no=ORDER_NO, amount=3380, expires=timedelta(days=1), vid="v-1"):
        return mint_voucher(private or key[0], kid, voucher_id=vid, order_no=order_no, merchant_id="m-tea",
                            merchant_name="好物商城", amount_minor=amount, currency="CNY", summary="乌龙茶×2、饼干",
                            issued_at=clock.now() - timedelta(minutes=1), expires_at=clock.now() + expires)
    return make


@pytest.fixture
def verifier(key, clock):
    return FakeVerifier(KeyRing([PublicKey("K0001", key[1])]), clock)


@pytest.fixture
def platform():
    p = FakePlatform()
    p.add_order({
        "order_no": ORDER_NO, "merchant": {"id": "m-tea", "name": "好物商城"}, "currency": "CNY", "total_minor": 3380,
        "voucher_id": "v-1", "url": "http://127.0.0.1:8700/o/tok12345", "expires_at": "2026-12-22T00:00:00Z",
        "lines": [{"line_no": 1, "sku": "TEA", "name": "乌龙茶", "unit_price_minor": 1250, "quantity": 2,
                   "item_codes": ["IC0000000010010001", "IC0000000010010002"]},
                  {"line_no": 2, "sku": "BISC", "name": "饼干", "unit_price_minor": 880, "quantity": 1,
                   "item_codes": ["IC0000000010010003"]}],
    })
    return p


@pytest.fixture
def uow():
    return FakeUnitOfWork()


def resolve(text, platform, verifier, uow, clock):
    return orders.resolve_payment_code(text, platform=platform, verifier=verifier, uow=uow, clock=clock,
                                       terminal_id="T01", store_id="demo-store")


def test_online_voucher_is_looked_up_and_claimed(voucher, platform, verifier, uow, clock):
    target = resolve(voucher(), platform, verifier, uow, clock)
    assert not target.offline and target.kind is ScanKind.VOUCHER
    assert target.total_minor == 3380 and target.order.lines[0].item_codes == ("IC0000000010010001", "IC0000000010010002")
    assert platform.claims[ORDER_NO] == ("demo-store", "T01") and target.claimed_until is not None
    assert orders.release_payment(target, platform) is True and ORDER_NO not in platform.claims


def test_offline_voucher_can_be_paid_with_a_warning(voucher, platform, verifier, uow, clock):
    platform.down = True
    target = resolve(voucher(), platform, verifier, uow, clock)
    assert target.offline and "Offline payment" in target.warning
    assert target.total_minor == 3380 and target.order.order_no == ORDER_NO
    assert orders.release_payment(target, platform) is False  # nothing to release


@pytest.mark.parametrize("kind", ["number", "url"])
def test_order_number_or_link_offline_is_refused_with_the_reason(kind, platform, verifier, uow, clock):
    platform.down = True
    text = ORDER_NO if kind == "number" else "http://127.0.0.1:8700/o/tok12345"
    with pytest.raises(orders.PaymentCodeRefused) as err:
        resolve(text, platform, verifier, uow, clock)
    assert err.value.reason == "needs_platform"
    assert "only be paid online" in err.value.message and "payment QR code" in err.value.message


@pytest.mark.parametrize("kind", ["number", "url"])
def test_order_number_or_link_online(kind, platform, verifier, uow, clock):
    text = ORDER_NO if kind == "number" else "http://127.0.0.1:8700/o/tok12345"
    target = resolve(text, platform, verifier, uow, clock)
    assert target.order.order_no == ORDER_NO and target.voucher_id == "v-1" and not target.offline


def test_tampered_expired_and_unknown_key_vouchers_are_refused(voucher, key, platform, verifier, uow, clock):
    text = voucher()
    head, body, sig = text.split(".")
    tampered = f"{head}.{body[:-2]}{'A' if body[-2] != 'A' else 'B'}{body[-1]}.{sig}"
    with pytest.raises(orders.PaymentCodeRefused) as err:
        resolve(tampered, platform, verifier, uow, clock)
    assert err.value.reason in ("voucher_bad_signature", "voucher_malformed")
    with pytest.raises(orders.PaymentCodeRefused) as err:
        resolve(voucher(expires=timedelta(seconds=-1)), platform, verifier, uow, clock)
    assert err.value.reason == "voucher_expired" and "expired" in err.value.message
    other = new_private_key()
    with pytest.raises(orders.PaymentCodeRefused) as err:
        resolve(voucher(kid="K0002", private=other[0]), platform, verifier, uow, clock)
    assert err.value.reason == "voucher_unknown_key"
    assert platform.calls == []  # a refused voucher is never looked up


def test_unknown_key_refreshes_once_then_verifies(voucher, key, platform, uow, clock):
    other = new_private_key()
    verifier = FakeVerifier(KeyRing([PublicKey("K0001", key[1])]), clock,
                            next_ring=KeyRing([PublicKey("K0001", key[1]), PublicKey("K0002", other[1])]))
    target = resolve(voucher(kid="K0002", private=other[0]), platform, verifier, uow, clock)
    assert verifier.refreshed == 1 and target.order.order_no == ORDER_NO


def test_claimed_by_another_terminal(voucher, platform, verifier, uow, clock):
    platform.claims[ORDER_NO] = ("demo-store", "T02")
    with pytest.raises(orders.PaymentCodeRefused) as err:
        resolve(voucher(), platform, verifier, uow, clock)
    assert err.value.reason == "order_claimed" and "demo-store/T02" in err.value.message


def test_paid_elsewhere_and_online(voucher, platform, verifier, uow, clock):
    platform.orders[ORDER_NO].update(status="paid", paid={"via": "store", "store_id": "other-store", "terminal_id": "T01"})
    with pytest.raises(AlreadyPaid) as err:
        resolve(voucher(), platform, verifier, uow, clock)
    assert err.value.params["where"] == "elsewhere" and "other-store/T01" in err.value.message
    platform.orders[ORDER_NO].update(paid={"via": "online"})
    with pytest.raises(AlreadyPaid, match="online by the buyer"):
        resolve(ORDER_NO, platform, verifier, uow, clock)


def test_paid_here_is_refused_even_offline(voucher, platform, verifier, uow, clock):
    cashier = users.add_user(uow, FAST_HASHER, clock, username="1001", display_name="Li", role=Role.CASHIER, pin="1357")
    open_shift(DayContext(lambda: uow, clock, "T01", "demo-store"), cashier)
    platform.down = True
    target = resolve(voucher(), platform, verifier, uow, clock)
    sell_cash(checkout_context(lambda: uow, clock, cashier, store_id="demo-store"), target.order, 5000,
              voucher_id=target.voucher_id, offline=True)
    with pytest.raises(AlreadyPaid, match="already paid at this terminal"):
        resolve(voucher(), platform, verifier, uow, clock)


@pytest.mark.parametrize("text, phrase", [
    ("6901234567892", "a product barcode, not an order"),
    ("IC0000000010010001", "refund intake"),
    ("8800000000000001", "prepaid card"),
    ("hello world", "not a payment code"),
])
def test_codes_that_are_not_payment_codes(text, phrase, platform, verifier, uow, clock):
    with pytest.raises(orders.PaymentCodeRefused, match=phrase) as err:
        resolve(text, platform, verifier, uow, clock)
    assert err.value.reason == "not_a_payment_code"


def test_claim_failing_offline_after_lookup_falls_back_to_the_voucher(voucher, platform, verifier, uow, clock):
    def claim(*a, **kw):
        raise PlatformUnavailable("platform unreachable: timeout")

    platform.claim_order = claim
    assert resolve(voucher(), platform, verifier, uow, clock).offline
