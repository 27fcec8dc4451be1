"""Draining queued settlements to the sandbox platform on loopback.

The figure: the outbox worker as the terminal runs it (sync.outbox_worker: POST /settlements/batch
of up to `send_batch` rows on one keep-alive Session, an Idempotency-Key per row, and the answers
of each batch recorded in ONE SQLite transaction with synchronous=FULL). The baseline, in the
same run: one POST /settlements per settlement on a kept-alive requests.Session (the single
endpoint at its best: no new connection, nothing recorded on the terminal). Each side gets a
fresh sandbox database holding one open order per settlement, so every settlement is a first
'paid'. The sandbox runs in this process (uvicorn on a thread), as in the demo.

N is 10,000 as issue 14 asks (the baseline takes about 1.5 minutes of it, creating the orders
another); POS_BENCH_OUTBOX_N sets a smaller N for a quick look. The row says which N was measured."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from benchmarks.goals import Goal
from benchmarks.stats import row

N = int(os.environ.get("POS_BENCH_OUTBOX_N", "10000"))


def _platform(folder: Path, n: int):
    from sync.sandbox import db, platform
    from pos_terminal.clock import SystemClock
    from sync.sandbox.server import SandboxServer

    server = SandboxServer(db_url=f"sqlite:///{folder / 'platform.sqlite3'}", clock=SystemClock()).start()
    now = datetime.now(timezone.utc)
    orders = []
    with server.app.state.engine.begin() as conn:
        for i in range(n):
            orders.append(platform.create_order(
                conn, merchant_id="m-tea", buyer_id="b-wang", currency="CNY", now=now, expires_in=timedelta(days=3),
                order_no=f"PO{900000000000 + i:012d}",
                lines=[{"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": 1}]))
    assert db is not None
    return server, orders


def _payload(order_no: str, receipt_no: int) -> dict:
    return {"settlement_id": str(uuid.uuid4()), "order_no": order_no, "merchant_id": "m-tea", "store_id": "demo-store",
            "terminal_id": "T01", "receipt_no": receipt_no, "amount_minor": 1250, "currency": "CNY",
            "tenders": ["cash"], "offline": False, "paid_at": datetime.now(timezone.utc).isoformat()}


def _terminal(folder: Path, url: str):
    from config.schema import PlatformSettings, Settings
    from pos_terminal.app.container import DATA_DIR_ENV, build_terminal
    from pos_terminal.security import ScryptPinHasher

    os.environ[DATA_DIR_ENV] = str(folder)
    return build_terminal(Settings(platform=PlatformSettings(mode="sandbox", base_url=url, timeout_s=10)), demo=True,
                          hasher=ScryptPinHasher(n=2**10), configure_logs=False)


def _count_commits(terminal):
    """Counts the terminal database's COMMITs from now on: returns a function that reads the count."""
    from sqlalchemy import event

    engine = terminal.engine
    seen = [0]

    def on_commit(_conn) -> None:
        seen[0] += 1

    event.listen(engine, "commit", on_commit)

    def read() -> int:
        event.remove(engine, "commit", on_commit)
        return seen[0]

    return read


def run(out_dir: Path, n: int = N) -> list[dict]:
    import requests

    from pos_terminal.domain.model import OutboxMessage
    from sync.outbox_worker import OutboxWorker
    from sync.sandbox.seed import DEMO_TERMINAL

    base = out_dir / "outbox-drain"
    shutil.rmtree(base, ignore_errors=True)
    (base / "worker").mkdir(parents=True)
    (base / "plain").mkdir(parents=True)

    # the outbox worker
    server, orders = _platform(base / "worker", n)
    terminal = _terminal(base / "worker" / "terminal", server.url)
    try:
        now = terminal.clock.now()
        with terminal.uow() as uow:
            for i, order_no in enumerate(orders, start=1):
                uow.outbox.add(OutboxMessage("settlement", _payload(order_no, i), created_at=now,
                                             terminal_id=DEMO_TERMINAL[1]))
            uow.commit()
        worker = OutboxWorker(terminal.uow, terminal.platform, terminal.clock)  # the terminal's own settings
        commits = _count_commits(terminal)
        t0 = time.perf_counter()
        result = worker.drain_once()
        worker_s = time.perf_counter() - t0
        assert result.sent == n and result.complete and result.replayed == 0, result
        commits = commits()
    finally:
        terminal.close()
        server.stop()

    # the baseline: one POST /settlements per settlement on one kept-alive Session
    server, orders = _platform(base / "plain", n)
    try:
        store, term, secret = DEMO_TERMINAL
        headers = {"Authorization": f"Bearer {secret}", "X-Store-Id": store, "X-Terminal-Id": term}
        payloads = [_payload(o, i) for i, o in enumerate(orders, start=1)]
        url = server.url + "/api/v1/settlements"
        with requests.Session() as session:
            session.trust_env = False  # as the terminal's client: no proxy between a till and its platform
            t0 = time.perf_counter()
            for p in payloads:
                r = session.post(url, json=p, headers={**headers, "Idempotency-Key": str(uuid.uuid4())}, timeout=10)
                assert r.status_code == 201, r.text
            plain_s = time.perf_counter() - t0
    finally:
        server.stop()

    basis = ("one POST /settlements per settlement on a kept-alive requests.Session, nothing recorded on the "
             "terminal; same sandbox on loopback, fresh database")
    return [
        row(f"outbox drain to the sandbox, N={n}", n / worker_s, n / plain_s, "settlements/s", basis,
            goal=Goal(min_value=500, min_ratio=3), n=n, seconds=round(worker_s, 2),
            baseline_seconds=round(plain_s, 2), send_batch=worker.send_batch, terminal_commits=commits),
    ]


if __name__ == "__main__":
    import json
    import sys

    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    print(json.dumps(run(out, int(sys.argv[1]) if len(sys.argv) > 1 else N), indent=2))
