"""A payment code of a platform this counter does not take (issue 16) is refused at the checkout
with the platform's name and what to do; nothing is looked up or sold."""

from __future__ import annotations

from datetime import timedelta

import pytest

from pos_terminal.vouchers import KeyRing, PublicKey
from sync.sandbox.signing import mint_voucher, new_private_key
from tests.ui.conftest import settle
from tests.ui.test_checkout import checkout, scan

pytestmark = pytest.mark.clock_sensitive


def test_a_code_of_an_unknown_platform_is_refused_with_its_name(qtbot, window, terminal):
    private, public = new_private_key()
    KeyRing([PublicKey("KTEST", public)]).save(terminal.keys.cache)  # even [platform]'s own key does not help
    terminal.keys._ring = None
    now = terminal.clock.now()
    code = mint_voucher(private, "KTEST", voucher_id="v-x", order_no="PO000000009901", merchant_id="m-noodle",
                        merchant_name="面馆", amount_minor=1800, currency="CNY", summary="牛肉面",
                        issued_at=now - timedelta(minutes=1), expires_at=now + timedelta(hours=1), issuer="noodle-bar")
    page = checkout(qtbot, window)
    scan(window, code)
    settle(qtbot)
    assert page.state == "idle" and page.message.isVisible()
    assert page.message.text() == ("This counter does not take payment codes of platform noodle-bar. Ask the "
                                   "technician to add it.")
    with terminal.uow() as uow:
        assert uow.sales.paid_for_order("PO000000009901") is None
