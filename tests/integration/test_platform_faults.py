"""Faults between the terminal and the sandbox platform on loopback (real sockets, no mocks).
Each test ends with every settlement recorded exactly once on the platform and every outbox
row sent on the terminal."""

from __future__ import annotations

import time

import pytest
import requests

from pos_terminal.app.container import DATA_DIR_ENV
from pos_terminal.app.facades import App
from pos_terminal.clock import SystemClock
from pos_terminal.scan_codes import ScanKind
from pos_terminal.storage.files import FileKeyCache
from sync.outbox_worker import OutboxWorker
from sync.sandbox import seed
from sync.sandbox.server import SandboxServer
from sync.threaded_server import free_port as _free_port
from tests.platform_helpers import (
    admin_headers,
    FaultProxy,
    ProxyPlan,
    assert_exactly_once,
    client_for,
    new_order,
    outbox_rows,
    pay_cash,
    platform_settlements,
    settings_for,
    spec_of,
)


@pytest.fixture
def api(server):
    return client_for(server.url)


def sell(terminal, api, n):
    views = [new_order(api, price=1000 + i) for i in range(n)]
    for view in views:
        pay_cash(terminal, spec_of(view))
    return views


def worker_for(terminal, **kw):
    return OutboxWorker(terminal.uow, terminal.platform, terminal.clock, **kw)


def test_connection_refused_then_the_platform_comes_up(terminal_factory, tmp_path, api):
    port = _free_port("127.0.0.1")
    db = f"sqlite:///{tmp_path / 'own-platform.sqlite3'}"
    own = SandboxServer(port=port, db_url=db, clock=SystemClock()).start()
    own_api = client_for(own.url)
    views = [new_order(own_api) for _ in range(3)]
    own.stop()  # the platform goes down before the terminal sells
    terminal = terminal_factory(settings_for(f"http://127.0.0.1:{port}", timeout_s=1))
    terminal.platform.retries = 0
    for view in views:
        pay_cash(terminal, spec_of(view))
    result = worker_for(terminal).drain_once()
    assert (result.sent, result.left) == (0, 3) and "connection refused" in result.blocked_by
    assert not App.of(terminal).status.platform().online
    first = outbox_rows(terminal)[0]
    assert first.attempts == 1 and first.next_attempt_at is not None
    own = SandboxServer(port=port, db_url=db, clock=SystemClock()).start()  # back, same data
    try:
        terminal.platform.forget_status()
        assert App.of(terminal).status.platform().online
        result = worker_for(terminal).drain_once()
        assert (result.sent, result.left, result.outcomes) == (3, 0, {"paid": 3})
        assert_exactly_once(terminal, own)
    finally:
        own.stop()


@pytest.mark.parametrize("client_retries", [2, 0])
def test_a_response_lost_after_the_platform_committed(terminal_factory, server, api, client_retries):
    """The platform records the settlement, the answer never arrives; the repeat with the same
    Idempotency-Key gets the first answer (by the client's own retry, or the worker's next round)."""
    with FaultProxy(server.url) as proxy:
        terminal = terminal_factory(settings_for(proxy.url))
        terminal.platform.retries = client_retries
        views = sell(terminal, api, 3)
        proxy.plan = ProxyPlan(drop_response=1, only_path="/api/v1/settlements")
        worker = worker_for(terminal)
        result = worker.drain_once()
        if client_retries == 0:
            assert result.sent == 0 and "unreachable" in result.blocked_by
            assert len(platform_settlements(server, [views[0]["order_no"]])) == 1  # committed all the same
            result = worker.drain_once()
        assert (result.sent, result.left, result.replayed) == (3, 0, 3)  # the repeat: the first answers, replayed
        posts = proxy.requests("POST", "/api/v1/settlements")
        assert [p[:2] for p in posts] == [("POST", "/api/v1/settlements/batch")] * len(posts)  # one batch a round
        assert posts[0][2] == "dropped" and [p[2] for p in posts[1:]] == ["200"] * (len(posts) - 1)
        rows = assert_exactly_once(terminal, server)
        assert [r.outcome for r in rows] == ["paid"] * 3


def test_5xx_for_a_while(terminal_factory, server, api):
    with FaultProxy(server.url) as proxy:
        terminal = terminal_factory(settings_for(proxy.url))
        terminal.platform.retries = 1
        sell(terminal, api, 4)
        proxy.plan = ProxyPlan(fail_503=5, only_path="/api/v1/settlements")
        worker = worker_for(terminal)
        rounds = 0
        while worker.drain_once().left and rounds < 10:
            rounds += 1
        assert rounds == 2  # 2 + 2 tries got 503, the fifth went through
        assert outbox_rows(terminal)[0].attempts == 2 and outbox_rows(terminal)[1].attempts == 0
        assert_exactly_once(terminal, server)


def test_a_slow_platform(terminal_factory, server, api):
    """Slow but inside the timeout: sent. Slower than the timeout, after the platform committed:
    the terminal times out, and the repeat gets the recorded answer."""
    with FaultProxy(server.url) as proxy:
        terminal = terminal_factory(settings_for(proxy.url, timeout_s=0.6))
        terminal.platform.retries = 0
        sell(terminal, api, 3)
        proxy.plan = ProxyPlan(delay_s=0.3, only_path="/api/v1/settlements")
        assert worker_for(terminal).drain_once(limit=1).sent == 1
        proxy.plan = ProxyPlan(delay_after_s=1.5, only_path="/api/v1/settlements")
        t0 = time.monotonic()
        result = worker_for(terminal).drain_once()
        assert result.sent == 0 and "within 0.6 s" in result.blocked_by and time.monotonic() - t0 < 1.5
        time.sleep(1.0)  # the slow answer finishes and is thrown away by the proxy
        proxy.plan = ProxyPlan()
        assert worker_for(terminal).drain_once().sent == 2
        assert_exactly_once(terminal, server)


def test_a_restart_of_the_terminal_mid_drain(terminal_factory, server, api):
    settings = settings_for(server.url)
    first = terminal_factory(settings)
    views = sell(first, api, 6)
    assert worker_for(first).drain_once(limit=2).left == 4
    first.close()
    second = terminal_factory(settings)  # same data folder: the outbox is in the database
    result = worker_for(second).drain_once()
    assert (result.sent, result.left) == (4, 0)
    rows = assert_exactly_once(second, server)
    recorded = platform_settlements(server, [v["order_no"] for v in views])
    assert sorted(r.settlement_id for r in recorded) == sorted(r.payload["settlement_id"] for r in rows)
    received = {r.settlement_id: r.received_at for r in recorded}  # a batch's settlements share its time
    times = [received[r.payload["settlement_id"]] for r in rows]
    assert times == sorted(times) and len(set(times)) == 2  # in seq order: the first 2, then the other 4 at once


def test_a_killed_worker_thread_resumes_after_restart(terminal_factory, server, api):
    settings = settings_for(server.url)
    first = terminal_factory(settings)
    sell(first, api, 3)
    first.start_sync()
    first.wake_sync()
    first.close()  # stops the worker wherever it was
    second = terminal_factory(settings)
    second.start_sync()
    deadline = time.monotonic() + 15
    while App.of(second).status.sync().pending and time.monotonic() < deadline:
        time.sleep(0.05)
    state = App.of(second).status.sync()
    assert state.pending == 0 and state.last_success_at is not None and state.last_error is None
    assert_exactly_once(second, server)


def test_two_terminals_pay_the_same_order_offline(terminal_factory, server, api, tmp_path, monkeypatch):
    """Both counters take the same voucher while offline; once back, the platform records one
    'paid' and turns the second into a refund case; both outboxes drain."""
    view = new_order(api)
    dead = f"http://127.0.0.1:{_free_port('127.0.0.1')}"
    terminals = []
    for ident in (seed.DEMO_TERMINAL, seed.SECOND_TERMINAL):
        monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / ident[1]))
        t = terminal_factory(settings_for(server.url, ident))
        assert t.keys.refresh()  # keys fetched while online
        t.attach_platform(client_for(dead, ident, timeout_s=0.5, retries=0))  # then the line goes down
        target = App.of(t).checkout.resolve(view["voucher"])
        assert target.offline and target.kind is ScanKind.VOUCHER and target.warning
        pay_cash(t, target.order, offline=True, voucher_id=target.voucher_id)
        terminals.append(t)
    outcomes = []
    for t, ident in zip(terminals, (seed.DEMO_TERMINAL, seed.SECOND_TERMINAL)):
        t.attach_platform(client_for(server.url, ident))
        result = worker_for(t).drain_once()
        assert result.complete
        outcomes += list(result.outcomes)
        assert_exactly_once(t, server)
    assert sorted(outcomes) == ["paid", "refund_case"]
    recorded = platform_settlements(server, [view["order_no"]])
    assert sorted(r.outcome for r in recorded) == ["paid", "refund_case"]
    assert {r.terminal_id for r in recorded} == {"T01", "T02"}
    assert {r.voucher_id for r in recorded} == {target.voucher_id} and target.voucher_id  # the same voucher, twice


def test_a_second_payment_online_is_refused_before_money_is_taken(terminal_factory, server, api, tmp_path, monkeypatch):
    view = new_order(api)
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "a"))
    t1 = terminal_factory(settings_for(server.url, seed.DEMO_TERMINAL))
    monkeypatch.setenv(DATA_DIR_ENV, str(tmp_path / "b"))
    t2 = terminal_factory(settings_for(server.url, seed.SECOND_TERMINAL))
    target = App.of(t1).checkout.resolve(view["url"])
    assert not target.offline and target.claimed_until is not None
    from pos_terminal.services.orders import PaymentCodeRefused

    with pytest.raises(PaymentCodeRefused) as err:
        App.of(t2).checkout.resolve(view["order_no"])
    assert err.value.reason == "order_claimed" and "demo-store/T01" in err.value.message
    pay_cash(t1, target.order, voucher_id=target.voucher_id)
    assert worker_for(t1).drain_once().outcomes == {"paid": 1}
    from pos_terminal.domain.errors import AlreadyPaid

    with pytest.raises(AlreadyPaid, match="already paid at demo-store/T01"):
        App.of(t2).checkout.resolve(view["voucher"])


def test_key_rotation(terminal_factory, server, api):
    terminal = terminal_factory(settings_for(server.url))
    keys = terminal.keys
    assert keys.refresh()
    old_voucher = new_order(api)["voucher"]
    before = keys.ring.kids
    r = requests.post(server.url + "/api/v1/admin/voucher-keys/rotate", headers=admin_headers(server),
                      timeout=10)
    assert r.status_code == 200, r.text
    new_voucher = new_order(api)["voucher"]
    offline = keys.verify(new_voucher, online=False)
    assert offline.reason == "unknown_key"  # not fetched yet
    check = keys.verify(new_voucher)  # online: the unknown kid triggers one refresh
    assert check.valid and check.kid == r.json()["active_kid"] and check.kid not in before
    assert keys.verify(old_voucher).valid  # the retiring key is still published and cached
    assert sorted(keys.ring.kids) == sorted(set(before) | {check.kid})
    assert terminal.paths.keys.exists()
    reloaded = type(keys)(FileKeyCache(terminal.paths.keys), None, terminal.clock)  # a new start: the file alone
    assert reloaded.verify(new_voucher, online=False).valid  # the cache on disk is what offline uses


def test_unknown_key_refreshes_are_rate_limited(terminal_factory, server):
    terminal = terminal_factory(settings_for(server.url))
    forged = "eyJhbGciOiJFZERTQSIsImtpZCI6IlpaWloiLCJ0eXAiOiJwb3Mtdm91Y2hlci12MSJ9.e30." + "A" * 86
    calls = []
    original = terminal.keys.refresh
    terminal.keys.refresh = lambda: calls.append(1) or original()
    for _ in range(5):
        assert terminal.keys.verify(forged).reason == "unknown_key"
    assert len(calls) == 1
