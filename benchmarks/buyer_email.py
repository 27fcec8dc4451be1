"""Order created to e-mail received: the time from the start of POST /api/v1/orders (a terminal
credential, the sandbox on loopback in this process) until the loopback aiosmtpd server
(sync.sandbox.mailbox) has written the payment-code e-mail to its folder. The path is the real
one: the order and its outbox rows commit together, the API wakes the notifier thread, which
renders the e-mail (QR PNG inline) and sends it with smtplib, then marks the row sent.

Baseline in the same run: a bare smtplib send of the same rendered message to the same aiosmtpd
server, from the start of the send until the server has written it (what any mail sending
costs here, without the platform). N = 30 each (POS_BENCH_EMAIL_N)."""

from __future__ import annotations

import os
import shutil
import smtplib
import tempfile
import threading
import time
from email import policy
from datetime import datetime, timezone
from email.parser import BytesParser
from pathlib import Path

from benchmarks.stats import median, p95, row

N = int(os.environ.get("POS_BENCH_EMAIL_N", "30"))


def run(out_dir: Path, n: int = N) -> list[dict]:
    import requests

    from pos_terminal.clock import SystemClock
    from sync.sandbox import seed
    from sync.sandbox.notify import order_created_email, outbox_rows
    from sync.sandbox.server import SandboxServer

    folder = Path(tempfile.mkdtemp(prefix="bench-email-"))
    arrived: dict[str, float] = {}
    got = threading.Condition()

    def on_message(path: Path) -> None:
        t = time.perf_counter()
        no = BytesParser(policy=policy.default).parsebytes(path.read_bytes(), headersonly=True)["X-Order-No"]
        with got:
            arrived.setdefault(str(no), t)
            got.notify_all()

    def wait_for(key: str) -> float:
        with got:
            assert got.wait_for(lambda: key in arrived, timeout=60), f"no e-mail for {key}"
            return arrived[key]

    server = SandboxServer(db_url=f"sqlite:///{folder / 'platform.sqlite3'}", clock=SystemClock(),
                           standins=folder / "messages").start()
    try:
        server.mailbox.on_message = on_message
        engine = server.app.state.engine
        deadline = time.monotonic() + 60  # the seed's own messages out of the way first
        while any(r["status"] == "pending" for r in outbox_rows(engine)) and time.monotonic() < deadline:
            time.sleep(0.05)
        headers = {"Authorization": f"Bearer {seed.DEMO_TERMINAL[2]}", "X-Store-Id": seed.DEMO_TERMINAL[0],
                   "X-Terminal-Id": seed.DEMO_TERMINAL[1]}
        body = {"merchant_id": "m-tea", "buyer_id": "b-wang", "buyer_email": "wang.fang@example.com",
                "buyer_phone": "+86 138 0013 8000",
                "lines": [{"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": 2},
                          {"sku": "BISC-1", "name": "饼干", "unit_price_minor": 880, "quantity": 1}]}
        platform_s, orders = [], []
        with requests.Session() as http:
            for _ in range(n):
                t0 = time.perf_counter()
                r = http.post(f"{server.url}/api/v1/orders", json=body, headers=headers, timeout=30)
                r.raise_for_status()
                order = r.json()
                platform_s.append(wait_for(order["order_no"]) - t0)
                orders.append(order)

        bare_s = []
        port = server.mailbox.port
        for i, order in enumerate(orders):
            key = f"bare-{i}"
            msg = order_created_email(order, message_id=f"<{key}@bench>", sender=server.smtp.sender,
                                      recipient="wang.fang@example.com", now=datetime.now(timezone.utc))
            msg.replace_header("X-Order-No", key)
            t0 = time.perf_counter()
            with smtplib.SMTP("127.0.0.1", port, timeout=30) as smtp:
                smtp.ehlo()
                smtp.send_message(msg)
            bare_s.append(wait_for(key) - t0)
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)

    basis = f"a bare smtplib send of the same rendered e-mail to the same aiosmtpd server, N={n}"
    ms = 1000.0
    return [
        row(f"order created → payment-code e-mail at the SMTP server, median, N={n}", median(platform_s) * ms,
            median(bare_s) * ms, "ms", basis),
        row(f"order created → payment-code e-mail at the SMTP server, p95, N={n}", p95(platform_s) * ms,
            p95(bare_s) * ms, "ms", basis),
    ]


if __name__ == "__main__":
    for r in run(Path(".")):
        print(r["figure"], r["value_text"], "baseline", r["baseline_text"])
