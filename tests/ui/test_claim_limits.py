"""The checkout screen when the platform's claim limits bite (issue 12): a renewal refused because
this counter has held the order as long as the platform allows shows a clear message and stops
taking payment, never a traceback. The sandbox runs on loopback on a FakeClock of its own, moved
past the claim lifetime while the order is on screen."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sync.sandbox import seed
from sync.sandbox.platform import Policy
from sync.sandbox.server import SandboxServer
from tests.fakes import FakeClock
from tests.platform_helpers import client_for, new_order
from tests.ui.conftest import settle
from tests.ui.test_checkout import checkout, scan


@pytest.fixture
def online(terminal, tmp_path):
    clock = FakeClock(terminal.clock.now())
    server = SandboxServer("127.0.0.1", 0, f"sqlite:///{tmp_path / 'sandbox.sqlite3'}", clock=clock).start()
    client = client_for(server.url, (terminal.settings.terminal.store_id, terminal.settings.terminal.terminal_id,
                                     seed.DEMO_TERMINAL[2]))
    terminal.attach_platform(client)
    assert terminal.keys.refresh()
    yield clock, client
    client.close()
    server.stop()


def test_a_renewal_refused_for_the_claims_lifetime_is_told_at_the_counter(qtbot, window, online, monkeypatch):
    clock, client = online
    view = new_order(client)
    page = checkout(qtbot, window)
    make_context = page._context

    def short_claims():
        ctx = make_context()
        ctx.claim_ttl_s = 2  # renewed about every second
        return ctx

    monkeypatch.setattr(page, "_context", short_claims)
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: page.state == "order", timeout=10_000)
    assert page.claim_timer.isActive()
    # the platform's time only, in steps shorter than the cool-down: one unbroken run of renewals
    for _ in range(int(Policy().max_claim_lifetime / timedelta(minutes=4))):
        before = page.session.target.claimed_until
        clock.advance(minutes=4)
        qtbot.waitUntil(lambda: page.session.target.claimed_until != before, timeout=10_000)
    clock.advance(minutes=4)
    qtbot.waitUntil(lambda: page.session.claim_lost is not None, timeout=10_000)
    settle(qtbot)
    assert not page.claim_timer.isActive()
    assert page.message.text().startswith("This counter has held this order as long as the platform allows.")
    assert page.banner.isVisible()
    page._quick_cash(None)  # no further tender
    assert not page.session.tenders
    page.cancel()
    settle(qtbot)
    assert page.state == "idle"
    # scanned again at once: refused with the reason, not a traceback
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: "as long as the platform allows" in page.message.text(), timeout=10_000)
    assert page.state == "idle"
    # once the cool-down passed, the counter takes it again
    clock.advance(seconds=Policy().claim_cooldown.total_seconds() + 1)
    page.new_sale()
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: page.state == "order", timeout=10_000)
    assert page.session.target.claimed_until is not None
