"""Helpers for the tests that run the terminal against the sandbox platform on loopback: a fault
proxy (a real TCP listener between the client and the sandbox), and short-cuts to create orders
on the platform, record sales on a terminal and count what the platform recorded."""

from __future__ import annotations

import json
import socket
import threading
import time
import uuid
from dataclasses import dataclass, field

from sqlalchemy import func, select

from config.schema import PlatformSettings, Settings, TerminalSettings
from pos_terminal.app.facades import App
from pos_terminal.services import sales
from sync.client import HttpPlatformClient
from sync.sandbox import db as sandbox_db
from sync.sandbox import seed
from tests.sale_helpers import ensure_shift, sell_cash, terminal_checkout


def client_for(url: str, terminal=seed.DEMO_TERMINAL, **kw) -> HttpPlatformClient:
    kw.setdefault("timeout_s", 5.0)
    kw.setdefault("backoff_s", 0.05)
    store, term, secret = terminal
    return HttpPlatformClient(url, store, term, secret, **kw)


def terminal_headers(terminal) -> dict:
    """The headers a terminal signs in with: (store, terminal, secret) as in sync.sandbox.seed."""
    store, term, secret = terminal
    return {"Authorization": f"Bearer {secret}", "X-Store-Id": store, "X-Terminal-Id": term}


def settings_for(url: str, terminal=seed.DEMO_TERMINAL, timeout_s: float = 5.0, counter_wait_s: float = 5.0) -> Settings:
    """A terminal of `url`'s platform. A test of what the platform answers must not turn into a
    test of how fast a busy CI machine answers: the counter waits 5 s here, not the 1 s of a real
    counter; a test of the counter's deadline passes counter_wait_s=1.0."""
    return Settings(terminal=TerminalSettings(store_id=terminal[0], terminal_id=terminal[1]),
                    platform=PlatformSettings(mode="sandbox", base_url=url, timeout_s=timeout_s,
                                              counter_wait_s=counter_wait_s))


def new_order(client: HttpPlatformClient, merchant="m-tea", buyer="b-wang", price=1250, qty=2) -> dict:
    return client.create_order({"merchant_id": merchant, "buyer_id": buyer,
                                "lines": [{"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": price,
                                           "quantity": qty}]}, idempotency_key=str(uuid.uuid4()))


def spec_of(view: dict) -> sales.OrderSpec:
    return sales.OrderSpec(view["order_no"], view["merchant"]["id"], view["merchant"]["name"], view["currency"], tuple(
        sales.LineSpec(l["line_no"], l["sku"], l["name"], l["unit_price_minor"], l["quantity"], tuple(l["item_codes"]))
        for l in view["lines"]))


def open_shift(terminal):
    """Signs the demo cashier in and opens a shift (as the shift screen does) unless one is open."""
    cashier = App.of(terminal).users.sign_in("1001", "1357")
    ensure_shift(terminal, cashier)
    return cashier


def pay_cash(terminal, spec: sales.OrderSpec, *, offline=False, voucher_id=None) -> sales.SaleRecorded:
    """A cash sale of the whole order through a CheckoutSession (nothing prints)."""
    cashier = open_shift(terminal)
    return sell_cash(terminal_checkout(terminal, cashier), spec, offline=offline, voucher_id=voucher_id).sale


def outbox_rows(terminal) -> list:
    with terminal.uow() as uow:
        from pos_terminal.domain.model import OutboxMessage

        rows = list(uow.session.scalars(select(OutboxMessage).order_by(OutboxMessage.seq)))
        uow.session.expunge_all()  # keep them readable after the unit of work
        return rows


def platform_settlements(server, order_nos) -> list:
    """What the sandbox recorded for these orders, in the order it received them."""
    t = sandbox_db.settlements
    with server.app.state.engine.connect() as conn:
        return conn.execute(select(t).where(t.c.order_no.in_(list(order_nos))).order_by(t.c.received_at)).all()


def settlement_counts(server, settlement_ids) -> dict:
    t = sandbox_db.settlements
    with server.app.state.engine.connect() as conn:
        rows = conn.execute(select(t.c.settlement_id, func.count()).where(t.c.settlement_id.in_(list(settlement_ids)))
                            .group_by(t.c.settlement_id)).all()
    return dict(rows)


def admin_headers(server) -> dict:
    """X-Admin-Token for `server`'s /api/v1/admin/* calls, read from the sandbox's credentials file
    (as an operator would); a sandbox without a file (PostgreSQL) keeps it in memory only."""
    from sync.sandbox.credentials import SandboxCredentials

    creds = server.app.state.credentials
    token = SandboxCredentials(creds.path).get("admin_token") if creds.path is not None else None
    return {"X-Admin-Token": token or server.app.state.admin_token}


def assert_exactly_once(terminal, server) -> list:
    """Every outbox row of `terminal` is sent and recorded once on the platform; returns the rows."""
    rows = outbox_rows(terminal)
    assert rows and all(r.sent_at is not None and r.dead_at is None for r in rows), [
        (r.seq, r.last_error) for r in rows if r.sent_at is None]
    ids = [r.payload["settlement_id"] for r in rows]
    counts = settlement_counts(server, ids)
    assert counts == {i: 1 for i in ids}
    return rows


# ------------------------------------------------------------------------------ fault proxy


@dataclass
class ProxyPlan:
    """What the proxy does to the next requests. Counters count down per matching request."""

    fail_503: int = 0  # answer 503 without forwarding
    drop_response: int = 0  # forward, read the platform's answer, then cut the connection
    delay_s: float = 0.0  # wait before forwarding
    delay_after_s: float = 0.0  # wait after the platform answered, before passing the answer on
    only_path: str | None = None  # apply the plan only to paths starting with this
    log: list = field(default_factory=list)
    # called with (method, path, status) the moment the platform's answer is in, before it is passed
    # on (before delay_after_s): e.g. to kill -9 the terminal right then
    on_answer: object = None


class FaultProxy:
    """An HTTP/1.1 proxy on loopback: one request per client connection (it answers with
    Connection: close), forwarded to `upstream` (host, port) over a fresh connection."""

    def __init__(self, upstream_url: str) -> None:
        hostport = upstream_url.split("://", 1)[1].rstrip("/")
        host, port = hostport.rsplit(":", 1)
        self.upstream = (host, int(port))
        self.plan = ProxyPlan()
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.port = self._sock.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._accept, name="fault-proxy", daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._stop.set()
        try:
            socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
        except OSError:
            pass
        self._sock.close()
        self._thread.join(timeout=5)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def requests(self, method: str | None = None, path: str | None = None) -> list:
        return [e for e in self.plan.log if (method is None or e[0] == method) and (path is None or e[1].startswith(path))]

    def _accept(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            if self._stop.is_set():
                conn.close()
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _take(self, name: str, path: str) -> bool:
        with self._lock:
            plan = self.plan
            if plan.only_path and not path.startswith(plan.only_path):
                return False
            left = getattr(plan, name)
            if left > 0:
                setattr(plan, name, left - 1)
                return True
            return False

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(30)
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            head, body = data.split(b"\r\n\r\n", 1)
            lines = head.decode("latin-1").split("\r\n")
            method, path, _ = lines[0].split(" ", 2)
            length = 0
            headers = []
            for line in lines[1:]:
                name, _, value = line.partition(":")
                if name.strip().lower() == "content-length":
                    length = int(value.strip())
                if name.strip().lower() in ("connection", "keep-alive"):
                    continue
                headers.append(line)
            while len(body) < length:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                body += chunk
            applies = not self.plan.only_path or path.startswith(self.plan.only_path)
            if self._take("fail_503", path):
                self.plan.log.append((method, path, "503"))
                payload = json.dumps({"error": "unavailable", "message": "the platform is overloaded"}).encode()
                conn.sendall(b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: application/json\r\n"
                             b"Content-Length: " + str(len(payload)).encode() + b"\r\nConnection: close\r\n\r\n" + payload)
                return
            if applies and self.plan.delay_s:
                time.sleep(self.plan.delay_s)
            request = (f"{lines[0]}\r\n" + "\r\n".join(headers) + "\r\nConnection: close\r\n\r\n").encode("latin-1") + body
            try:
                up = socket.create_connection(self.upstream, timeout=30)
            except OSError:
                self.plan.log.append((method, path, "upstream refused"))
                return  # the client sees the connection closed without an answer
            with up:
                up.sendall(request)
                answer = b""
                while True:
                    chunk = up.recv(65536)
                    if not chunk:
                        break
                    answer += chunk
            if self._take("drop_response", path):
                self.plan.log.append((method, path, "dropped"))
                conn.shutdown(socket.SHUT_RDWR)
                return
            if applies and self.plan.on_answer is not None:
                self.plan.on_answer(method, path, answer.split(b" ", 2)[1].decode() if answer else "empty")
            if applies and self.plan.delay_after_s:
                time.sleep(self.plan.delay_after_s)
            self.plan.log.append((method, path, answer.split(b" ", 2)[1].decode() if answer else "empty"))
            try:
                conn.sendall(answer)
            except OSError:
                pass


def wait_until(event: threading.Event, predicate, timeout: float = 30.0, what: str = "it"):
    """Waits on `event` (set by a loopback stand-in on each message, or by an outbox's attempt
    callback) until `predicate()` is truthy, and returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        event.clear()
        value = predicate()
        if value:
            return value
        remaining = deadline - time.monotonic()
        assert remaining > 0, f"timed out waiting for {what}"
        event.wait(min(remaining, 1.0))
