"""Two platforms at one counter (issue 16), for the tests of issuers, their refunds and their
statements: two real sandbox platforms on loopback (demo-shop and tea-house, each with its own
database, merchants and signing key), the settings of a terminal that takes codes of both, an order
of tea-house's merchant, and a code scanned and paid in cash as the checkout page does it."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from config.schema import IssuerSettings, PlatformSettings, Settings, TerminalSettings
from pos_terminal.app.facades import App
from pos_terminal.clock import SystemClock
from sync.sandbox import seed
from sync.sandbox.server import SandboxServer
from tests.platform_helpers import client_for, open_shift
from tests.sale_helpers import terminal_checkout


@contextmanager
def two_shops(folder: Path) -> Iterator[tuple[SandboxServer, SandboxServer]]:
    """demo-shop ([platform]) and tea-house (an [[issuers]] entry), their databases in `folder`."""
    a = SandboxServer(db_url=f"sqlite:///{folder / 'demo-shop.sqlite3'}", clock=SystemClock()).start()
    try:
        b = SandboxServer(db_url=f"sqlite:///{folder / 'tea-house.sqlite3'}", clock=SystemClock(),
                          platform_id="tea-house").start()
    except BaseException:
        a.stop()
        raise
    try:
        yield a, b
    finally:
        b.stop()
        a.stop()


def two_platform_settings(a_url: str, b_url: str) -> Settings:
    """The demo terminal with demo-shop at `a_url` as [platform] and tea-house at `b_url`. The
    counter waits 5 s (tests.platform_helpers.settings_for says why)."""
    store, term, _ = seed.DEMO_TERMINAL
    return Settings(terminal=TerminalSettings(store_id=store, terminal_id=term),
                    platform=PlatformSettings(mode="sandbox", base_url=a_url, counter_wait_s=5.0),
                    issuers=(IssuerSettings(id="tea-house", name="Tea House", mode="sandbox", base_url=b_url),))


def tea_order(b: SandboxServer, buyer: str = "b-li", quantity: int = 1) -> dict:
    """An order of m-leaf on tea-house (refund threshold 60; b-li's reputation 40: the seller decides)."""
    return client_for(b.url).create_order({"merchant_id": "m-leaf", "buyer_id": buyer, "lines": [
        {"sku": "PUER-357", "name": "普洱茶饼 357g", "unit_price_minor": 6800, "quantity": quantity}]},
        idempotency_key=str(uuid.uuid4()))


def pay_code(terminal, code: str):
    """Scans `code` as the checkout page does (App.checkout.start), pays it in cash, completes."""
    cashier = open_shift(terminal)
    ctx = terminal_checkout(terminal, cashier, platform=terminal.platform, issuers=terminal.issuer_clients)
    session = App.of(terminal).checkout.start(code, ctx)
    session.take_cash(session.target.total_minor)
    session.complete()
    return session
