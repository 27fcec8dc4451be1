"""POST /api/v1/settlements/batch on the sandbox (a real HTTP server on loopback, SQLite and
PostgreSQL): each item exactly once under its own Idempotency-Key, answered as POST /settlements
would answer that key (the endpoints share the keys): accepted, duplicate, conflict, refused; one
transaction for the whole batch, so a failed batch can be sent again whole."""

from __future__ import annotations

import uuid

import pytest
import requests
from sqlalchemy import func, select

from pos_terminal.clock import SystemClock
from sync.sandbox import db as sandbox_db
from sync.sandbox import notify, seed
from sync.sandbox.server import SandboxServer
from tests.fakes import FakeClock
from tests.platform_helpers import FaultProxy, ProxyPlan, client_for, terminal_headers

API = "/api/v1"
T01, OTHER = terminal_headers(seed.DEMO_TERMINAL), terminal_headers(seed.OTHER_STORE_TERMINAL)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(request, tmp_path_factory):
    clock = FakeClock(SystemClock().now())
    if request.param == "sqlite":
        with SandboxServer(db_url=f"sqlite:///{tmp_path_factory.mktemp('sandbox') / 'p.sqlite3'}", clock=clock) as s:
            yield s
        return
    import sqlalchemy as sa

    pg = request.getfixturevalue("pg_server")
    admin = sa.create_engine(pg.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql('CREATE DATABASE "sandbox_batch"')
    try:
        with SandboxServer(db_url=pg.url("sandbox_batch"), clock=clock) as s:
            yield s
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql('DROP DATABASE IF EXISTS "sandbox_batch" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def http(server):
    with requests.Session() as session:
        yield session


def order(http, server, price=1250) -> dict:
    r = http.post(server.url + API + "/orders", headers={**T01, "Idempotency-Key": str(uuid.uuid4())}, timeout=10,
                  json={"merchant_id": "m-tea", "buyer_id": "b-wang",
                        "lines": [{"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": price, "quantity": 1}]})
    assert r.status_code == 201, r.text
    return r.json()


def settlement(server, view: dict, receipt_no: int = 1, terminal=seed.DEMO_TERMINAL, **over) -> dict:
    return {"settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "merchant_id": "m-tea",
            "store_id": terminal[0], "terminal_id": terminal[1], "receipt_no": receipt_no,
            "amount_minor": view["total_minor"], "currency": "CNY", "tenders": ["cash"], "offline": False,
            "paid_at": server.clock.now().isoformat(), **over}


def batch(http, server, items, headers=T01):
    return http.post(server.url + API + "/settlements/batch", headers=headers, timeout=30,
                     json={"items": [{"idempotency_key": k, "settlement": s} for k, s in items]})


def single(http, server, key, body):
    return http.post(server.url + API + "/settlements", headers={**T01, "Idempotency-Key": key}, json=body, timeout=10)


def recorded(server, settlement_ids) -> dict:
    t = sandbox_db.settlements
    with server.app.state.engine.connect() as conn:
        return dict(conn.execute(select(t.c.settlement_id, func.count()).where(
            t.c.settlement_id.in_(list(settlement_ids))).group_by(t.c.settlement_id)).all())


def messages(server, order_no) -> list:
    n = sandbox_db.notifications
    with server.app.state.engine.connect() as conn:
        return sorted(conn.execute(select(n.c.event, n.c.channel).where(n.c.order_no == order_no)).all())


def test_each_item_is_recorded_once_and_answered_as_the_single_endpoint(http, server):
    views = [order(http, server) for _ in range(3)]
    items = [(f"k-{uuid.uuid4()}", settlement(server, v, i)) for i, v in enumerate(views, start=1)]
    r = batch(http, server, items)
    assert r.status_code == 200, r.text
    first = r.json()
    assert first["counts"] == {"accepted": 3, "duplicate": 0, "conflict": 0, "refused": 0}
    for (key, body), answer in zip(items, first["results"]):
        assert (answer["idempotency_key"], answer["settlement_id"], answer["result"], answer["status"],
                answer["reason"]) == (key, body["settlement_id"], "accepted", 201, None)
        assert answer["answer"]["outcome"] == "paid"
        got = http.get(f"{server.url}{API}/settlements/{body['settlement_id']}", headers=T01, timeout=10).json()
        assert answer["answer"] == got  # the settlement as the platform reads it back
    for v in views:
        assert http.get(f"{server.url}{API}/orders/{v['order_no']}", headers=T01, timeout=10).json()["status"] == "paid"
    # the buyer hears of it as after POST /settlements
    alone = order(http, server)
    assert single(http, server, "k-" + str(uuid.uuid4()), settlement(server, alone)).status_code == 201
    assert messages(server, views[0]["order_no"]) == messages(server, alone["order_no"])
    assert ("order_paid", "email") in messages(server, views[0]["order_no"])

    again = batch(http, server, items).json()  # the whole batch again: nothing new
    assert again["counts"] == {"accepted": 0, "duplicate": 3, "conflict": 0, "refused": 0}
    assert [a["answer"] for a in again["results"]] == [a["answer"] for a in first["results"]]
    assert [a["status"] for a in again["results"]] == [201] * 3
    assert recorded(server, [b["settlement_id"] for _k, b in items]) == {b["settlement_id"]: 1 for _k, b in items}
    assert messages(server, views[0]["order_no"]) == messages(server, alone["order_no"])  # no second message


def test_the_keys_are_shared_with_the_single_endpoint(http, server):
    a, b = order(http, server), order(http, server)
    key_a, body_a = "k-" + str(uuid.uuid4()), settlement(server, a)
    alone = single(http, server, key_a, body_a)
    assert alone.status_code == 201
    answers = batch(http, server, [(key_a, body_a), (key_a, {**body_a, "receipt_no": 9})]).json()["results"]
    assert [(x["result"], x["status"], x["reason"]) for x in answers] == [
        ("duplicate", 201, None), ("conflict", 422, "idempotency_key_reused")]
    assert answers[0]["answer"] == alone.json()
    key_b, body_b = "k-" + str(uuid.uuid4()), settlement(server, b)
    in_batch = batch(http, server, [(key_b, body_b)]).json()["results"][0]
    replay = single(http, server, key_b, body_b)  # the batch's key, then alone: the batch's answer
    assert (replay.status_code, replay.headers.get("Idempotent-Replayed"), replay.json()) == (
        201, "true", in_batch["answer"])
    other = single(http, server, key_b, {**body_b, "receipt_no": 7})
    assert (other.status_code, other.json()["error"]) == (422, "idempotency_key_reused")
    assert recorded(server, [body_a["settlement_id"], body_b["settlement_id"]]) == {
        body_a["settlement_id"]: 1, body_b["settlement_id"]: 1}


def test_a_mixed_batch_and_its_retry(http, server):
    paid_before, fresh, twice = order(http, server), order(http, server), order(http, server)
    key_before, body_before = "k-" + str(uuid.uuid4()), settlement(server, paid_before)
    assert single(http, server, key_before, body_before).status_code == 201
    k = {name: f"k-{name}-{uuid.uuid4()}" for name in ("fresh", "unknown", "other", "invalid", "second", "same_id")}
    body_fresh = settlement(server, fresh, 2)
    items = [
        (k["fresh"], body_fresh),  # recorded now
        (key_before, body_before),  # sent alone before: its first answer
        (key_before, {**body_before, "amount_minor": 1}),  # that key, another body
        (k["unknown"], settlement(server, {"order_no": "PO000000000000", "total_minor": 1250})),
        (k["other"], settlement(server, twice, terminal=seed.OTHER_STORE_TERMINAL)),  # not this credential's
        (k["invalid"], {**settlement(server, twice), "amount_minor": 0}),
        (k["second"], settlement(server, fresh, 3)),  # the same order again, in the same batch
        (k["fresh"], body_fresh),  # the same key twice in one batch
        (k["same_id"], body_fresh),  # the same settlement under a new key: recorded before
    ]
    r = batch(http, server, items)
    assert r.status_code == 200, r.text
    got = [(a["result"], a["status"], a["reason"]) for a in r.json()["results"]]
    assert got == [
        ("accepted", 201, None),
        ("duplicate", 201, None),
        ("conflict", 422, "idempotency_key_reused"),
        ("refused", 404, "unknown_order"),
        ("refused", 403, "credential_mismatch"),
        ("refused", 422, "invalid_settlement"),
        ("accepted", 201, None),
        ("duplicate", 201, None),
        ("accepted", 200, None),
    ]
    results = r.json()["results"]
    assert r.json()["counts"] == {"accepted": 3, "duplicate": 2, "conflict": 1, "refused": 3}
    assert results[0]["answer"]["outcome"] == "paid" and results[7]["answer"] == results[0]["answer"]
    assert results[6]["answer"]["outcome"] == "refund_case"  # the order was paid by the first item
    assert results[6]["answer"]["refund_case"]["reason"] == "double_payment"
    assert results[8]["answer"] == results[0]["answer"]
    assert "amount_minor" in results[5]["answer"]["message"]

    again = batch(http, server, items).json()["results"]  # the whole batch once more (a lost answer)
    assert [(a["result"], a["status"]) for a in again] == [
        ("duplicate", 201), ("duplicate", 201), ("conflict", 422), ("duplicate", 404), ("duplicate", 403),
        ("refused", 422),  # an invalid body is not kept under its key (as on the single endpoint)
        ("duplicate", 201), ("duplicate", 201), ("duplicate", 200)]
    assert [a["answer"] for a in again if a["result"] == "duplicate"] == [
        a["answer"] for a, b in zip(results, again) if b["result"] == "duplicate"]
    assert recorded(server, [body_fresh["settlement_id"], items[6][1]["settlement_id"]]) == {
        body_fresh["settlement_id"]: 1, items[6][1]["settlement_id"]: 1}
    t = sandbox_db.refund_cases
    with server.app.state.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(t).where(t.c.order_no == fresh["order_no"])).scalar() == 1


def test_a_failure_inside_the_batch_records_nothing_and_the_batch_can_be_sent_again(http, server, monkeypatch):
    views = [order(http, server) for _ in range(3)]
    items = [(f"k-{uuid.uuid4()}", settlement(server, v, i)) for i, v in enumerate(views, start=1)]
    real, calls = notify.notification_rows, []

    def breaks_on_the_third(*args, **kw):  # the platform fails while it records the third item
        calls.append(1)
        if len(calls) == 3:
            raise RuntimeError("disk on fire")
        return real(*args, **kw)

    monkeypatch.setattr(notify, "notification_rows", breaks_on_the_third)
    with requests.Session() as once:  # uvicorn closes the connection after a crash: not the shared session's
        r = batch(once, server, items)
    assert (r.status_code, r.json()["error"]) == (500, "internal")
    monkeypatch.setattr(notify, "notification_rows", real)
    assert recorded(server, [b["settlement_id"] for _k, b in items]) == {}  # not even the first two
    for v in views:
        assert http.get(f"{server.url}{API}/orders/{v['order_no']}", headers=T01, timeout=10).json()["status"] == "open"
    again = batch(http, server, items).json()
    assert again["counts"]["accepted"] == 3  # the keys were not kept either: recorded now, once


def test_the_batch_needs_the_terminal_credential_and_a_bounded_list(http, server):
    view = order(http, server)
    item = [("k-" + str(uuid.uuid4()), settlement(server, view))]
    assert batch(http, server, item, headers={}).status_code == 401
    wrong = {**T01, "Authorization": "Bearer not-the-secret"}
    assert (batch(http, server, item, headers=wrong).json()["error"]) == "bad_credentials"
    too_many = [(f"k-{i}", settlement(server, view)) for i in range(501)]
    assert (batch(http, server, too_many).status_code, batch(http, server, []).status_code) == (422, 422)
    assert recorded(server, [item[0][1]["settlement_id"]]) == {}


def test_the_client_resends_a_batch_whose_answer_was_lost(http, server):
    views = [order(http, server) for _ in range(2)]
    items = [(settlement(server, v, i), f"k-{uuid.uuid4()}") for i, v in enumerate(views, start=1)]
    with FaultProxy(server.url) as proxy:
        client = client_for(proxy.url, backoff_s=0.01)
        proxy.plan = ProxyPlan(drop_response=1, only_path=API + "/settlements/batch")
        answers = client.post_settlements(items)
        client.close()
    assert [p[2] for p in proxy.requests("POST", API + "/settlements/batch")] == ["dropped", "200"]
    assert [(a["result"], a["answer"]["outcome"]) for a in answers] == [("duplicate", "paid")] * 2
    assert recorded(server, [b["settlement_id"] for b, _k in items]) == {b["settlement_id"]: 1 for b, _k in items}
