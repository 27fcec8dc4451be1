"""The seller portal's list page for a merchant with 1,000 refund requests (each with a photo):
the server's own time for GET /seller (a signed-in session on loopback, the sandbox on SQLite in
this process), as the page reports it in its Server-Timing header: the session check, the count,
one page of 100 requests with their photo ids, and the HTML.

Baseline in the same run, on the same database: the bare SQL of that page, the same two SELECTs
(one page of requests, their photos) through SQLAlchemy with no session, no count and no HTML:
what any server must spend to read the rows. N = 30 each (POS_BENCH_SELLER_N)."""

from __future__ import annotations

import io
import os
import shutil
import tempfile
import time
import uuid
from datetime import timedelta
from pathlib import Path

from benchmarks.stats import median, row

N = int(os.environ.get("POS_BENCH_SELLER_N", "30"))
REQUESTS = 1000


def _jpeg() -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 48), (180, 40, 40)).save(out, "JPEG")
    return out.getvalue()


def run(out_dir: Path, n: int = N) -> list[dict]:
    from sqlalchemy import select

    from pos_terminal.clock import SystemClock
    from sync.sandbox import db, seed
    from sync.sandbox.seller import PAGE_SIZE
    from sync.sandbox.server import SandboxServer

    folder = Path(tempfile.mkdtemp(prefix="bench-seller-"))
    server = SandboxServer(db_url=f"sqlite:///{folder / 'platform.sqlite3'}", clock=SystemClock()).start()
    try:
        engine = server.app.state.engine
        now = server.clock.now()
        photo = _jpeg()
        reqs, shots = [], []
        for i in range(REQUESTS):
            rid = str(uuid.uuid4())
            reqs.append({"id": rid, "order_no": seed.ONLINE_PAID_ORDER, "merchant_id": "m-tea",
                         "store_id": "demo-store", "terminal_id": "T01", "item_codes": [f"IC-BENCH-{i:04d}"],
                         "reason": f"瓶盖破损 {i}", "amount_minor": 1250, "currency": "CNY",
                         "status": "pending_seller", "buyer_reputation": 40, "threshold": 60,
                         "payout_route": "cash", "created_at": now - timedelta(minutes=i)})
            shots.append({"id": str(uuid.uuid4()), "store_id": "demo-store", "terminal_id": "T01",
                          "refund_request_id": rid, "content_type": "image/jpeg", "sha256": "0" * 64,
                          "size": len(photo), "data": photo, "uploaded_at": now - timedelta(minutes=i)})
        with engine.begin() as conn:
            conn.execute(db.refund_requests.insert(), reqs)
            conn.execute(db.photos.insert(), shots)

        from tests.seller_helpers import seller_session

        session = seller_session(server, "m-tea")
        page_ms = []
        for _ in range(n + 3):
            r = session.get(f"{server.url}/seller", timeout=30)
            r.raise_for_status()
            assert r.text.count('class="req"') == PAGE_SIZE, "the page does not show a full page of requests"
            page_ms.append(float(r.headers["server-timing"].split("dur=", 1)[1]))
        page_ms = page_ms[3:]  # the first requests warm the caches

        t = db.refund_requests
        bare_ms = []
        for _ in range(n + 3):
            t0 = time.perf_counter()
            with engine.begin() as conn:
                rows = conn.execute(select(t).where(t.c.merchant_id == "m-tea")
                                    .order_by(t.c.created_at.desc(), t.c.id).limit(PAGE_SIZE)).all()
                conn.execute(select(db.photos.c.id, db.photos.c.refund_request_id)
                             .where(db.photos.c.refund_request_id.in_([x.id for x in rows]))).all()
            bare_ms.append((time.perf_counter() - t0) * 1000)
        bare_ms = bare_ms[3:]
    finally:
        server.stop()
        shutil.rmtree(folder, ignore_errors=True)

    return [row(f"seller portal list page, {REQUESTS} requests with photos (a page of {PAGE_SIZE}), server time, "
                f"median, N={n}", median(page_ms), median(bare_ms), "ms",
                f"the page's two bare SELECTs (requests, photos) on the same database, N={n}")]


if __name__ == "__main__":
    for r in run(Path(".")):
        print(r["figure"], r["value_text"], "baseline", r["baseline_text"])
