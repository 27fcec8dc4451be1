"""Merchant webhooks against the sandbox on loopback: an order paid at a store and a refund
decision reach a real HTTP receiver (sync.sandbox.webhook_receiver) as Standard Webhooks signed
with the merchant's secret; retries keep one delivery id and wait on the injected clock (no
sleeps); a silent receiver costs the sender one short timeout while the API answers; and
verify_webhook refuses what a merchant must not trust. Nothing is mocked."""

from __future__ import annotations

import json
import os
import socket
import stat
import threading
import time
import uuid

import pytest
import requests

from sync.sandbox import seed, webhooks
from sync.sandbox.server import SandboxServer
from sync.sandbox.webhook_receiver import WebhookReceiver
from sync.sandbox.webhooks import WebhookSender, WebhookVerificationError, sign, verify_webhook
from tests.fakes import FakeClock
from tests.platform_helpers import wait_until

T01 = {"Authorization": f"Bearer {seed.DEMO_TERMINAL[2]}", "X-Store-Id": seed.DEMO_TERMINAL[0],
       "X-Terminal-Id": seed.DEMO_TERMINAL[1]}
LINES = [{"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": 2}]




def create_order(url: str, buyer_id: str = "b-wang") -> dict:
    r = requests.post(f"{url}/api/v1/orders", headers=T01, timeout=10,
                      json={"merchant_id": "m-tea", "buyer_id": buyer_id, "lines": LINES})
    assert r.status_code == 201, r.text
    return r.json()


def settle(server, order: dict, tender: str = "cash") -> dict:
    body = {"settlement_id": str(uuid.uuid4()), "order_no": order["order_no"], "merchant_id": "m-tea",
            "store_id": seed.DEMO_TERMINAL[0], "terminal_id": seed.DEMO_TERMINAL[1], "receipt_no": 7,
            "amount_minor": order["total_minor"], "currency": "CNY", "tenders": [tender], "offline": False,
            "paid_at": server.clock.now().isoformat()}
    r = requests.post(f"{server.url}/api/v1/settlements", json=body, timeout=10,
                      headers={**T01, "Idempotency-Key": body["settlement_id"]})
    assert r.status_code == 201 and r.json()["outcome"] == "paid", r.text
    return body


def of_type(receiver: WebhookReceiver, kind: str, order_no: str) -> list[dict]:
    return [d for d in receiver.deliveries() if d["type"] == kind and d["payload"]["data"]["order_no"] == order_no]


@pytest.fixture
def platform(tmp_path):
    """The sandbox as the demo runs it: stand-ins for mail, SMS and the merchants' receivers."""
    server = SandboxServer(db_url=f"sqlite:///{tmp_path / 'platform.sqlite3'}", clock=FakeClock(),
                           standins=tmp_path / "standins").start()
    yield server
    server.stop()


def test_an_order_paid_at_a_store_reaches_the_merchant_signed(platform):
    marked = threading.Event()
    platform.webhook_sender.on_attempt = lambda delivery_id, outcome: marked.set()
    order = create_order(platform.url)
    settlement = settle(platform, order)
    receiver = platform.webhook_receiver
    [got] = wait_until(receiver.received, lambda: of_type(receiver, "order.paid", order["order_no"]))
    assert got["merchant_id"] == "m-tea"
    assert got["id"].startswith("msg_") and got["timestamp"] == int(platform.clock.now().timestamp())
    payload = got["payload"]
    assert payload["type"] == "order.paid" and payload["merchant_id"] == "m-tea"
    assert {k: payload["data"][k] for k in ("order_no", "amount_minor", "currency", "store_id", "terminal_id",
                                        "settlement_id", "receipt_no", "tenders")} == {
        "order_no": order["order_no"], "amount_minor": 2500, "currency": "CNY", "store_id": "demo-store",
        "terminal_id": "T01", "settlement_id": settlement["settlement_id"], "receipt_no": 7, "tenders": ["cash"]}
    assert (got["id"], 200) in receiver.attempts  # the receiver verified the signature before answering 200
    [row] = wait_until(marked, lambda: [d for d in webhooks.deliveries(platform.app.state.engine)
                                        if d["id"] == got["id"] and d["status"] != "pending"])
    assert (row["status"], row["attempts"], row["event"]) == ("delivered", 1, "order.paid")
    assert json.loads(row["body"]) == payload  # the stored bytes are what was signed and sent

    # the secret is the sandbox's own, from its credentials file (0600), not a published default
    secret = platform.app.state.credentials.get("webhook_secret_m-tea")
    assert secret.startswith("whsec_") and len(secret) > 40
    path = platform.app.state.credentials.path
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600 and secret in path.read_text("utf-8")
    assert secret not in open(seed.__file__, encoding="utf-8").read()


def test_a_delivery_with_a_bad_signature_is_refused_by_the_receiver(platform):
    receiver = platform.webhook_receiver
    secret = platform.app.state.credentials.get("webhook_secret_m-tea")
    ts = int(platform.clock.now().timestamp())
    body = json.dumps({"type": "order.paid", "data": {"order_no": "PO1"}}).encode()
    headers = {"webhook-id": "msg_forged", "webhook-timestamp": str(ts),
               "webhook-signature": sign(secret, "msg_forged", ts, body), "Content-Type": "application/json"}
    tampered = body.replace(b"PO1", b"PO2")
    r = requests.post(receiver.url_for("m-tea"), data=tampered, headers=headers, timeout=5)
    assert r.status_code == 401 and r.json()["error"] == "bad_signature"
    wrong = {**headers, "webhook-signature": sign(webhooks.new_secret(), "msg_forged", ts, body)}
    assert requests.post(receiver.url_for("m-tea"), data=body, headers=wrong, timeout=5).status_code == 401
    stale = {**headers, "webhook-timestamp": str(ts - 301), "webhook-signature": sign(secret, "msg_forged", ts - 301, body)}
    assert requests.post(receiver.url_for("m-tea"), data=body, headers=stale, timeout=5).status_code == 401
    assert receiver.deliveries() == []  # nothing refused is kept
    assert requests.post(receiver.url_for("m-tea"), data=body, headers=headers, timeout=5).status_code == 200


# ----------------------------------------------------------------- verify_webhook


def test_the_signature_is_the_standard_webhooks_one():
    """The test vector of the Standard Webhooks reference libraries."""
    assert sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330,
                '{"test": 2432232314}') == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="


def _signed(secret: str, body: bytes, ts: int, msg_id: str = "msg_1") -> dict:
    return {"Webhook-Id": msg_id, "Webhook-Timestamp": str(ts), "Webhook-Signature": sign(secret, msg_id, ts, body)}


def test_verify_webhook_accepts_a_good_delivery_and_refuses_everything_else():
    secret, ts = webhooks.new_secret(), 1_790_000_000
    body = b'{"type":"order.paid","data":{"order_no":"PO000000001001","amount_minor":3380}}'
    headers = _signed(secret, body, ts)
    assert verify_webhook(secret, headers, body, ts + 10)["data"]["amount_minor"] == 3380
    with pytest.raises(WebhookVerificationError, match="no webhook-signature matches"):
        verify_webhook(secret, headers, body.replace(b"3380", b"9380"), ts)  # tampered body
    with pytest.raises(WebhookVerificationError, match="no webhook-signature matches"):
        verify_webhook(webhooks.new_secret(), headers, body, ts)  # wrong secret
    with pytest.raises(WebhookVerificationError, match="too old"):
        verify_webhook(secret, headers, body, ts + 301)  # stale: a replay of an old delivery
    with pytest.raises(WebhookVerificationError, match="from the future"):
        verify_webhook(secret, headers, body, ts - 301)
    with pytest.raises(WebhookVerificationError, match="no webhook-signature matches"):
        verify_webhook(secret, {**headers, "Webhook-Id": "msg_2"}, body, ts)  # the id is signed too
    with pytest.raises(WebhookVerificationError, match="missing"):
        verify_webhook(secret, {k: v for k, v in headers.items() if k != "Webhook-Signature"}, body, ts)
    with pytest.raises(WebhookVerificationError, match="unix seconds"):
        verify_webhook(secret, {**headers, "Webhook-Timestamp": "yesterday"}, body, ts)
    # while a secret is rotated, several signatures: one that matches is enough
    both = {**headers, "Webhook-Signature": f"{sign(webhooks.new_secret(), 'msg_1', ts, body)} "
                                            f"{headers['Webhook-Signature']}"}
    assert verify_webhook(secret, both, body, ts)["type"] == "order.paid"


# ----------------------------------------------------------------------- retries


def test_a_receiver_that_fails_twice_gets_the_delivery_once_with_one_id_after_backoff(tmp_path, db_url):
    """On SQLite and on PostgreSQL (the outbox's queries and timestamps on both)."""
    clock = FakeClock()
    secret = webhooks.new_secret()
    with WebhookReceiver(tmp_path / "hooks", lambda mid: secret if mid == "m-tea" else None, clock) as receiver:
        server = SandboxServer(db_url=db_url, clock=clock).start()
        try:
            engine = server.app.state.engine
            server.webhook_sender.stop()  # this test drives the drains itself, in this thread
            sender = WebhookSender(engine, clock)
            with engine.begin() as conn:
                webhooks.set_endpoint(conn, "m-tea", receiver.url_for("m-tea"), secret)
            receiver.script = [500, 503]
            order = create_order(server.url)
            settle(server, order)
            [row] = webhooks.deliveries(engine, "m-tea")

            assert sender.drain_once() == 1
            [after] = webhooks.deliveries(engine, "m-tea")
            assert (after["status"], after["attempts"]) == ("pending", 1) and "500" in after["last_error"]
            assert after["next_attempt_at"] == clock.now() + webhooks.backoff(1)
            assert sender.drain_once() == 0  # not due on the platform's clock: nothing is sent
            clock.advance(seconds=5)
            assert sender.drain_once() == 1  # 503: the backoff doubles
            [after] = webhooks.deliveries(engine, "m-tea")
            assert after["attempts"] == 2 and after["next_attempt_at"] == clock.now() + webhooks.backoff(2)
            clock.advance(seconds=9)
            assert sender.drain_once() == 0
            clock.advance(seconds=1)
            assert sender.drain_once() == 1
            [after] = webhooks.deliveries(engine, "m-tea")
            assert (after["status"], after["attempts"]) == ("delivered", 3)

            assert receiver.attempts == [(row["id"], 500), (row["id"], 503), (row["id"], 200)]
            assert [d["id"] for d in receiver.deliveries()] == [row["id"]]
            clock.advance(hours=5)  # every backoff over: a delivered row is never sent again
            assert sender.drain_once() == 0 and len(receiver.attempts) == 3
        finally:
            server.stop()


def test_a_refusing_receiver_fails_the_delivery_for_good(tmp_path):
    clock = FakeClock()
    secret = webhooks.new_secret()
    with WebhookReceiver(tmp_path / "hooks", lambda mid: secret, clock) as receiver:
        server = SandboxServer(db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", clock=clock).start()
        try:
            engine = server.app.state.engine
            server.webhook_sender.stop()
            with engine.begin() as conn:  # the platform signs with a secret the receiver does not hold
                webhooks.set_endpoint(conn, "m-tea", receiver.url_for("m-tea"), webhooks.new_secret())
            settle(server, create_order(server.url))
            sender = WebhookSender(engine, clock)
            assert sender.drain_once() == 1
            [row] = webhooks.deliveries(engine, "m-tea")
            assert row["status"] == "failed" and "401" in row["last_error"] and receiver.deliveries() == []
            clock.advance(hours=2)
            assert sender.drain_once() == 0
        finally:
            server.stop()


def _read_request(conn: socket.socket) -> tuple[dict, bytes]:
    """One HTTP request off an accepted socket: (headers, lower-cased names), body."""
    conn.settimeout(10)
    data = b""
    while b"\r\n\r\n" not in data:
        data += conn.recv(65536)
    head, _, body = data.partition(b"\r\n\r\n")
    headers = {}
    for line in head.decode("latin-1").split("\r\n")[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    while len(body) < int(headers.get("content-length", 0)):
        body += conn.recv(65536)
    return headers, body


def test_a_silent_receiver_times_the_sender_out_and_the_api_stays_responsive(tmp_path):
    clock = FakeClock()
    secret = webhooks.new_secret()
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)  # connections are taken, and then nothing is ever answered
    listener.settimeout(15)
    server = SandboxServer(db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", clock=clock).start()
    outcomes: list[tuple[str, str]] = []
    attempted = threading.Event()

    def on_attempt(delivery_id, outcome):
        outcomes.append((delivery_id, outcome))
        attempted.set()

    held = []
    try:
        engine = server.app.state.engine
        sender = server.webhook_sender  # the server's own thread
        sender.timeout, sender.on_attempt = (4.0, 4.0), on_attempt
        with engine.begin() as conn:
            webhooks.set_endpoint(conn, "m-tea", f"http://127.0.0.1:{listener.getsockname()[1]}/hook", secret)
        order = create_order(server.url)
        settle(server, order)  # wakes the sender: it connects and waits for an answer that never comes
        conn, _ = listener.accept()
        held.append(conn)
        headers, body = _read_request(conn)
        [row] = webhooks.deliveries(engine, "m-tea")
        assert headers["webhook-id"] == row["id"]
        assert verify_webhook(secret, headers, body, clock.now())["data"]["order_no"] == order["order_no"]

        started = time.monotonic()  # while the sender hangs on the receiver, the platform answers
        assert requests.get(f"{server.url}/api/v1/health", timeout=5).status_code == 200
        assert create_order(server.url)["status"] == "open"
        assert time.monotonic() - started < 2.5
        assert outcomes == []  # the sender is still waiting (4 s read timeout)

        wait_until(attempted, lambda: (row["id"], "retry") in outcomes)
        [after] = webhooks.deliveries(engine, "m-tea")
        assert after["status"] == "pending" and "timed out" in after["last_error"].lower()
        assert after["next_attempt_at"] == clock.now() + webhooks.backoff(1)

        clock.advance(seconds=5)  # the retry falls due; the receiver answers this time
        sender.wake()
        conn, _ = listener.accept()
        held.append(conn)
        headers2, body2 = _read_request(conn)
        assert headers2["webhook-id"] == row["id"] and body2 == body  # the same delivery, the same bytes
        assert verify_webhook(secret, headers2, body2, clock.now())
        conn.sendall(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n")
        wait_until(attempted, lambda: (row["id"], "delivered") in outcomes)
        assert webhooks.deliveries(engine, "m-tea")[0]["attempts"] == 2
    finally:
        server.stop()
        for c in held:
            c.close()
        listener.close()
