"""Issue 16's day, end to end on loopback with real parts: one counter takes the codes of two
platforms (demo-shop, settled directly; tea-house, settled through a clearing house), each a real
sandbox, the clearing house a real server, the terminal on real SQLite.

demo-shop: a split-tender sale (bank card and cash), a cash sale, a split refund paid out at the
counter (card leg, then cash), a void with cash given back, and an offline stretch (the platform
answers 503 through the fault proxy: two sales wait in the outbox, then go); tea-house: an order
found by its number on the second platform and paid in cash. After the Z, the statements of both
platforms agree on both sides (no difference, the same digest), a manager accepts both; demo-shop's
is exported as a pain.001.001.09 transfer that validates against the official XSD; tea-house's goes
to the clearing house, and the signed report fetched back reconciles to zero."""

from __future__ import annotations

import os

import pytest

from config.credentials import Credentials, write_credentials
from config.schema import ClearingHouseSettings, IssuerSettings
from pos_terminal.app.facades import App
from pos_terminal.app.paths import data_paths
from pos_terminal.clock import SystemClock
from pos_terminal.domain.model.statements import REFUND, SALE, VOID
from sync.clearing_house.server import ClearingHouseServer
from sync.outbox_worker import OutboxWorker
from sync.sandbox.server import SandboxServer
from tests.integration.test_issuers import tea_order
from tests.integration.test_statements import a_day_of_business, today
from tests.platform_helpers import FaultProxy, client_for, new_order, pay_cash, spec_of
from tests.sale_helpers import terminal_checkout

pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def proxy(server):
    with FaultProxy(server.url) as p:
        yield p


@pytest.fixture
def tea(tmp_path):
    b = SandboxServer(db_url=f"sqlite:///{tmp_path / 'tea-house.sqlite3'}", clock=SystemClock(),
                      platform_id="tea-house").start()
    try:
        yield b
    finally:
        b.stop()


@pytest.fixture
def house(tmp_path):
    with ClearingHouseServer(db_url=f"sqlite:///{tmp_path / 'ch.sqlite3'}", clock=SystemClock()) as h:
        yield h


def test_two_platforms_settle_a_day_directly_and_through_the_clearing_house(terminal_factory, server, proxy, tea,
                                                                             house):
    def counter(settings, **kw):
        settings = settings.model_copy(update={
            "platform": settings.platform.model_copy(update={"base_url": proxy.url, "timeout_s": 2.0}),
            "issuers": (IssuerSettings(id="tea-house", name="Tea House", mode="sandbox", base_url=tea.url,
                                       route="clearing_house"),),
            "settlement": settings.settlement.model_copy(update={"clearing_house": ClearingHouseSettings(
                url=house.url, public_key=house.public_key())})})
        write_credentials(data_paths(settings, True).credentials,
                          Credentials(clearing_house_secret=house.secret(settings.terminal.store_id)))
        return terminal_factory(settings, **kw)

    d = today(counter, server)
    t, app, api = d.t, App.of(d.t), client_for(server.url)

    def drain_all():
        worker = OutboxWorker(t.uow, t.outbox_client(), d.clock)
        while worker.drain_once().sent:
            pass

    # demo-shop: mixed tenders, a split refund, a void with cash back
    a_day_of_business(d, api)
    # demo-shop: an offline stretch; the two sales wait in the outbox while the platform answers 503
    proxy.plan.fail_503 = 10_000
    for price in (1230, 2460):
        pay_cash(t, spec_of(new_order(api, price=price, qty=1)), offline=True)
        d.clock.advance(minutes=3)
    assert OutboxWorker(t.uow, t.outbox_client(), d.clock).drain_once().sent == 0
    proxy.plan.fail_503 = 0
    # tea-house: its order number is found on the second platform and paid in cash at the same counter
    leaf = tea_order(tea)
    session = app.checkout.start(leaf["order_no"], terminal_checkout(t, d.cashier, platform=t.platform,
                                                                     issuers=t.issuer_clients))
    session.take_cash(session.target.total_minor)
    session.complete()
    drain_all()
    d.clock.advance(minutes=30)
    d.close()

    # both sides agree, platform by platform
    shown = {pid: app.settlement.statement(d.manager, d.date, pid) for pid in ("demo-shop", "tea-house")}
    for pid, view in shown.items():
        assert view.platform_error is None, (pid, view.platform_error)
        assert view.differences == [] and view.blockers == [], (pid, view.differences, view.blockers)
        assert view.platform.digest == view.statement.digest
    shop, leaf_day = shown["demo-shop"].statement, shown["tea-house"].statement
    assert sum(1 for m in shop.movements if m.kind == SALE) == 4  # two online, two from the offline stretch
    assert {t_ for m in shop.movements if m.kind == SALE for t_, _ in m.tenders} == {"cash", "bank_card"}
    assert {m.tenders[0][0] for m in shop.movements if m.kind == REFUND} == {"cash", "bank_card"}
    assert [m.kind for m in shop.movements if m.kind == VOID] == [VOID]
    assert [m.order_no for m in leaf_day.movements] == [leaf["order_no"]]
    assert shop.net_minor > 0 and leaf_day.net_minor > 0

    direct = app.settlement.accept(d.manager, d.date, "demo-shop", shown["demo-shop"].statement.digest)
    cleared = app.settlement.accept(d.manager, d.date, "tea-house", shown["tea-house"].statement.digest)

    # route 1: the transfer file of demo-shop's statement is valid ISO 20022
    exported = app.remittances.export(d.manager, direct.number)
    xmlschema = pytest.importorskip("xmlschema")
    sepaxml = pytest.importorskip("sepaxml")
    xsd = xmlschema.XMLSchema(os.path.join(os.path.dirname(sepaxml.__file__), "schemas", "pain.001.001.09.xsd"))
    xsd.validate(str(exported.xml))
    assert exported.end_to_end_id == direct.number and exported.amount_minor == direct.net_minor

    # route 2: tea-house's statement through the clearing house; the signed report reconciles to zero
    assert app.clearing.send(d.manager, cleared.number).state == "sent"
    report = app.clearing.fetch_report(d.manager, d.date)
    assert report.state == "reconciled" and report.differences == []
    assert report.net_minor == cleared.net_minor
    assert [(ln.platform_id, ln.statement_number) for ln in report.lines] == [("tea-house", cleared.number)]
