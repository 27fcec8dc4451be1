"""The outbox worker's batches against the sandbox on loopback (real sockets, a FaultProxy that logs
each request): one POST /settlements/batch and one terminal commit per batch, a refusal set aside
within a batch, and an older platform without the batch endpoint (404, or 405 as this sandbox
answered before it had one) served one POST /settlements per row."""

from __future__ import annotations

import pytest
from fastapi.responses import JSONResponse
from sqlalchemy import event

from pos_terminal.app.facades import App
from pos_terminal.clock import SystemClock
from sync.outbox_worker import OutboxWorker
from sync.sandbox import settlement_batch
from sync.sandbox.server import SandboxServer
from tests.platform_helpers import (
    FaultProxy,
    assert_exactly_once,
    client_for,
    new_order,
    outbox_rows,
    pay_cash,
    settings_for,
    spec_of,
)

BATCH = "/api/v1/settlements/batch"


def sell(terminal, api, n):
    views = [new_order(api, price=1000 + i, qty=1) for i in range(n)]
    for view in views:
        pay_cash(terminal, spec_of(view))
    return views


def commits_of(terminal) -> list:
    seen: list = []
    event.listen(terminal.engine, "commit", lambda _conn: seen.append(1))
    return seen


def test_one_post_and_one_commit_per_batch(terminal_factory, server):
    api = client_for(server.url)
    with FaultProxy(server.url) as proxy:
        terminal = terminal_factory(settings_for(proxy.url))
        sell(terminal, api, 7)
        commits = commits_of(terminal)
        result = OutboxWorker(terminal.uow, terminal.platform, terminal.clock, send_batch=3).drain_once()
        assert (result.sent, result.left, result.replayed, result.outcomes) == (7, 0, 0, {"paid": 7})
        assert [p[2] for p in proxy.requests("POST", "/api/v1/settlements")] == ["200"] * 3
        assert all(p[1] == BATCH for p in proxy.requests("POST", "/api/v1/settlements"))
        assert len(commits) == 3  # one per batch, not one per settlement
    rows = assert_exactly_once(terminal, server)
    assert [r.outcome for r in rows] == ["paid"] * 7
    state = App.of(terminal).status.sync()  # what the status bar reads
    assert (state.pending, state.attention, state.last_error) == (0, 0, None) and state.last_success_at is not None


def test_a_refusal_inside_a_batch_is_set_aside_and_counted_for_attention(terminal_factory, server):
    api = client_for(server.url)
    terminal = terminal_factory(settings_for(server.url))
    views = sell(terminal, api, 2)
    unknown = spec_of({**new_order(api, qty=1), "order_no": "PO000000000001"})  # an order the platform lacks
    pay_cash(terminal, unknown)
    views += sell(terminal, api, 2)
    result = OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    assert (result.sent, result.set_aside, result.left, result.attention, result.complete) == (4, 1, 0, 1, False)
    rows = outbox_rows(terminal)
    dead = [r for r in rows if r.dead_at is not None]
    assert [r.payload["order_no"] for r in dead] == ["PO000000000001"]
    assert dead[0].last_error.startswith("the platform refused POST /settlements: unknown_order")
    state = App.of(terminal).status.sync()
    assert (state.pending, state.attention) == (0, 1) and "unknown_order" in state.last_error


def _older(monkeypatch, answer: int) -> None:
    """Sandboxes started from now on are a platform from before the batch endpoint: 404 for it, or
    no route at all (this sandbox then answered 405: the path matches GET /settlements/{id})."""
    def add_routes(r) -> None:
        if answer == 404:
            @r.post("/settlements/batch")
            def not_found():
                return JSONResponse({"error": "not_found", "message": "Not Found"}, status_code=404)

    monkeypatch.setattr(settlement_batch, "add_routes", add_routes)


@pytest.mark.parametrize("answer", [404, 405])
def test_an_older_platform_gets_one_post_per_settlement(terminal_factory, tmp_path, monkeypatch, answer):
    _older(monkeypatch, answer)
    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'older.sqlite3'}", clock=SystemClock()) as older:
        api = client_for(older.url)
        with FaultProxy(older.url) as proxy:
            terminal = terminal_factory(settings_for(proxy.url))
            sell(terminal, api, 3)
            worker = OutboxWorker(terminal.uow, terminal.platform, terminal.clock)
            result = worker.drain_once()
            assert (result.sent, result.left, result.set_aside) == (3, 0, 0)
            sell(terminal, api, 2)
            assert worker.drain_once().sent == 2
            posts = proxy.requests("POST", "/api/v1/settlements")
            assert [(p[1], p[2]) for p in posts] == [(BATCH, str(answer))] + [("/api/v1/settlements", "201")] * 5
        assert_exactly_once(terminal, older)
