"""One counter, two platforms (issue 16) on loopback, each a real sandbox: a payment code of each is
paid at the same counter and settled with its own platform; each platform's day statement agrees
with the terminal's statement for that platform (the other platform's sale is in neither), both
are accepted with consecutive numbers of the store, and each platform is told of its own."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pos_terminal.app.facades import App
from pos_terminal.domain.model.statements import SALE
from sync.outbox_worker import OutboxWorker
from sync.sandbox import db as sandbox_db
from tests.issuer_helpers import pay_code, tea_order, two_platform_settings, two_shops
from tests.platform_helpers import client_for, new_order, outbox_rows


@pytest.fixture(scope="module")
def shops(tmp_path_factory):
    with two_shops(tmp_path_factory.mktemp("platforms")) as both:
        yield both


def test_each_platform_statement_agrees_and_both_are_accepted(terminal_factory, shops):
    a, b = shops
    terminal = terminal_factory(two_platform_settings(a.url, b.url))
    app = App.of(terminal)
    shop_view, tea_view = new_order(client_for(a.url)), tea_order(b)
    pay_code(terminal, shop_view["voucher"])
    pay_code(terminal, tea_view["voucher"])
    assert OutboxWorker(terminal.uow, terminal.outbox_client(), terminal.clock).drain_once().sent == 2
    day = app.store.today()
    manager = app.users.sign_in("8001", "8642")
    with terminal.uow() as uow:
        uow.days.add_closed(terminal_id="T01", business_date=day, z_no=uow.days.next_z_no("T01"),
                            closed_at=terminal.clock.now(), closed_by=manager.user_id, report={})
        uow.commit()

    assert [p.id for p in app.settlement.platforms()] == ["demo-shop", "tea-house"]
    views = {pid: app.settlement.statement(manager, day, pid) for pid in ("demo-shop", "tea-house")}
    for pid, view in views.items():
        assert view.platform_error is None, view.platform_error
        assert view.platform.platform_id == pid
        assert view.differences == [] and view.blockers == [], (pid, view.differences, view.blockers)
        assert view.platform.digest == view.digest
    assert [m.order_no for m in views["demo-shop"].statement.movements if m.kind == SALE] == [shop_view["order_no"]]
    assert [m.order_no for m in views["tea-house"].statement.movements if m.kind == SALE] == [tea_view["order_no"]]

    first = app.settlement.accept(manager, day, "demo-shop", views["demo-shop"].digest)
    second = app.settlement.accept(manager, day, "tea-house", views["tea-house"].digest)
    assert (first.number, second.number) == (f"ST-{day:%Y%m%d}-000001", f"ST-{day:%Y%m%d}-000002")
    notices = [r for r in outbox_rows(terminal) if r.topic == "statement_accepted"]
    assert [(n.payload["number"], n.payload["platform_id"]) for n in notices] == [
        (first.number, "demo-shop"), (second.number, "tea-house")]
    assert OutboxWorker(terminal.uow, terminal.outbox_client(), terminal.clock).drain_once().sent == 2
    assert all(n.sent_at is not None and n.dead_at is None for n in outbox_rows(terminal)
               if n.topic == "statement_accepted")
    for server, number in ((a, first.number), (b, second.number)):  # each platform has its own, and only it
        with server.app.state.engine.connect() as conn:
            assert [r.number for r in conn.execute(select(sandbox_db.accepted_statements))] == [number]
