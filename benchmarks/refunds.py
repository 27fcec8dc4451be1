"""Refund intake figures against the sandbox platform on loopback:
- scan of an item code to purchase shown: from the ScanEvent posted to the Bridge to the purchase
  on the refund page (RefundsPage.items filled), through the real page, worker pool, GET /items
  and the local open-case check; beside the bare client.get_item call on other codes in the same
  run;
- photo capture to request accepted: a 1280x720 BGR frame resized/JPEG-encoded (drivers.photos),
  stored as a draft with its photo file, uploaded and requested (services.refunds.take_in +
  submit); beside the bare upload + request calls with an already-encoded JPEG."""

from __future__ import annotations

import shutil
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from benchmarks.stats import median, p95, row

N_LOOKUP = 60
N_INTAKE = 20


def _settle(client, view: dict) -> None:
    client.post_settlement({
        "settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "merchant_id": view["merchant"]["id"],
        "store_id": client.store_id, "terminal_id": client.terminal_id, "receipt_no": 1,
        "amount_minor": view["total_minor"], "currency": view["currency"], "tenders": ["cash"], "offline": False,
        "paid_at": datetime.now(timezone.utc).isoformat()}, str(uuid.uuid4()))


def _paid_codes(client, n: int) -> list[str]:
    codes = []
    for _ in range(n):
        view = client.create_order({"merchant_id": "m-tea", "buyer_id": "b-wang", "lines": [
            {"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": 1}]},
            idempotency_key=str(uuid.uuid4()))
        _settle(client, view)
        codes.append(view["lines"][0]["item_codes"][0])
    return codes


def _page(terminal, user):
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from pos_terminal.app.facades import App
    from ui.bridge import Bridge
    from ui.screens.refunds import RefundsPage

    app = QApplication.instance() or QApplication([])
    bridge = Bridge()
    page = RefundsPage(App.of(terminal), bridge, user)
    page.resize(800, 600)
    page.show()
    page.poll_timer.stop()  # the page's status poll would share the worker pool with the scans
    return app, bridge, page


def run(out_dir: Path) -> list[dict]:
    import cv2
    import numpy as np

    from config.schema import PlatformSettings, Settings, TerminalSettings
    from drivers.photos import prepare_frame
    from config.schema import RefundSettings
    from pos_terminal.app.container import build_terminal
    from pos_terminal.app.facades import App
    from pos_terminal.ports import ScanEvent
    from pos_terminal.security import ScryptPinHasher
    from pos_terminal.services import refunds
    from sync.client import HttpPlatformClient
    from sync.sandbox import seed
    from pos_terminal.clock import SystemClock
    from sync.sandbox.server import SandboxServer

    base = out_dir / "refunds"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(parents=True)
    rows = []
    with SandboxServer(db_url=f"sqlite:///{base / 'sandbox.sqlite3'}", clock=SystemClock()) as server:
        store, term, secret = seed.DEMO_TERMINAL
        client = HttpPlatformClient(server.url, store, term, secret)
        settings = Settings(terminal=TerminalSettings(store_id=store, terminal_id=term),
                            platform=PlatformSettings(mode="sandbox", base_url=server.url),
                            data={"dir": str(base / "terminal")},
                            refunds=RefundSettings(photo_camera=str(base / "no-camera")))
        terminal = build_terminal(settings, demo=True, hasher=ScryptPinHasher(n=2**10, r=8, p=1), configure_logs=False)
        try:
            ctx = terminal.refund_context()
            cashier = App.of(terminal).users.sign_in("1001", "1357")
            codes = _paid_codes(client, N_LOOKUP * 2 + 3)
            warm, codes = codes[:3], codes[3:]
            for code in warm:  # warm-up: connections, statement caches
                refunds.look_up(ctx, code)
                client.get_item(code)
            app, bridge, page = _page(terminal, cashier)
            ours, bare = [], []
            for i in range(N_LOOKUP):
                page.clear()
                event = ScanEvent(codes[i], codes[i].encode(), "qr", "bench", terminal.clock.now())
                t0 = time.perf_counter()
                bridge.post_scan(event)
                deadline = t0 + 10
                while not page.items and time.perf_counter() < deadline:
                    app.processEvents()
                ours.append((time.perf_counter() - t0) * 1000)
                assert page.items and page.items[0].item_code == codes[i], page.message.text()
                t0 = time.perf_counter()
                client.get_item(codes[N_LOOKUP + i])
                bare.append((time.perf_counter() - t0) * 1000)
            rows.append(row("refund: item code scan to purchase shown (median)", median(ours), median(bare), "ms",
                            "bare client.get_item", n=N_LOOKUP))
            page.poll_timer.stop()
            rows.append(row("refund: item code scan to purchase shown (p95)", p95(ours), p95(bare), "ms",
                            "bare client.get_item", n=N_LOOKUP))

            page.hide()
            page.close()
            # a photo-like 1280x720 frame: gradients, shapes and sensor noise
            rng = np.random.default_rng(1)
            y, x = np.mgrid[0:720, 0:1280]
            frame = np.stack([(x * 0.15 + 40), (y * 0.2 + 60), ((x + y) * 0.08 + 80)], axis=2).astype(np.uint8)
            cv2.circle(frame, (640, 360), 180, (40, 40, 160), -1)
            cv2.line(frame, (300, 200), (1000, 560), (230, 230, 230), 5)
            frame = np.clip(frame + rng.normal(0, 4, frame.shape), 0, 255).astype(np.uint8)
            jpeg = prepare_frame(frame).data
            intake_codes = _paid_codes(client, N_INTAKE * 2)
            ours, bare = [], []
            for i in range(N_INTAKE):
                info = refunds.look_up(ctx, intake_codes[i])
                shot_frame = frame.copy()
                shot_frame[0, 0, 0] = i  # a new photo each time
                t0 = time.perf_counter()
                shot = prepare_frame(shot_frame)
                case = refunds.take_in(ctx, [info], "defective", [shot], cashier_id=cashier.user_id)
                view = refunds.submit(ctx, case.case_id)
                ours.append((time.perf_counter() - t0) * 1000)
                assert view.status.value == "approved", view
                t0 = time.perf_counter()
                pid = client.upload_refund_photo(jpeg, "image/jpeg", str(uuid.uuid4()))["photo_id"]
                client.request_refund([intake_codes[N_INTAKE + i]], "defective", str(uuid.uuid4()), photo_ids=[pid])
                bare.append((time.perf_counter() - t0) * 1000)
            extra = {"n": N_INTAKE, "photo_bytes": len(jpeg)}
            rows.append(row("refund: 1280x720 photo capture to request accepted (median)", median(ours), median(bare),
                            "ms", "bare upload + request, JPEG already encoded", **extra))
            rows.append(row("refund: 1280x720 photo capture to request accepted (p95)", p95(ours), p95(bare), "ms",
                            "bare upload + request, JPEG already encoded", **extra))
        finally:
            terminal.close()
            client.close()
    return rows


if __name__ == "__main__":
    import json

    print(json.dumps(run(Path(__file__).resolve().parent / "out"), indent=2, ensure_ascii=False))
