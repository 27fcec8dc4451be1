"""Screenshots of the refund page, driven through a real flow on the demo terminal against an
in-process sandbox platform, a video file playing as the photo camera:
    .venv/bin/python scripts/screenshot_refunds.py OUT_PREFIX [--zh] [--size 1024x700]
Writes OUT_PREFIX-idle.png, -refusal.png, -purchase.png (two photos as thumbnails), -photo.png (one
opened larger), -approved.png, -paid.png, -waiting.png, -rejected.png (the seller's note) and
-list.png (the rejected request kept in the list)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shot_window import ShotWindow  # noqa: E402 (scripts/ is on the path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--zh", action="store_true")
    parser.add_argument("--size", default="1024x768", help="the window's size, WIDTHxHEIGHT")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.lower().split("x"))
    tmp = Path(tempfile.mkdtemp(prefix="pos-shot-"))
    os.environ.setdefault("POS_TERMINAL_DATA_DIR", str(tmp / "data"))

    import cv2
    import numpy as np

    from config import loader
    from config.schema import RefundSettings
    from pos_terminal.app.container import build_terminal
    from pos_terminal.app.demo import start_demo_platform
    from pos_terminal.app.facades import App
    from pos_terminal.ports import ScanEvent
    from pos_terminal.security import ScryptPinHasher
    from pos_terminal.services import sales
    from sync.outbox_worker import OutboxWorker
    from tests.sale_helpers import open_shift, sell_cash, terminal_checkout

    video = tmp / "camera.avi"
    writer = cv2.VideoWriter(str(video), cv2.VideoWriter_fourcc(*"MJPG"), 15, (1280, 720))
    for i in range(15):
        frame = np.full((720, 1280, 3), (180, 190, 200), np.uint8)
        cv2.rectangle(frame, (380, 160), (900, 560), (60, 60, 60), -1)
        cv2.line(frame, (420 + i * 4, 200), (860, 520), (230, 230, 230), 6)
        writer.write(frame)
    writer.release()

    settings = loader.defaults()
    settings = settings.model_copy(update={"refunds": RefundSettings(photo_camera=str(video))})
    terminal = build_terminal(settings, demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)
    facades = App.of(terminal)
    platform_url = start_demo_platform(terminal)
    client = terminal.platform
    cashier = facades.users.sign_in("1001", "1357")
    open_shift(terminal.day_context(), cashier, 20000)

    def sold(buyer: str) -> str:
        view = client.create_order({"merchant_id": "m-tea", "buyer_id": buyer, "lines": [
            {"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": 2}]},
            idempotency_key=str(uuid.uuid4()))
        spec = sales.OrderSpec(view["order_no"], "m-tea", view["merchant"]["name"], "CNY", tuple(
            sales.LineSpec(l["line_no"], l["sku"], l["name"], l["unit_price_minor"], l["quantity"],
                           tuple(l["item_codes"])) for l in view["lines"]))
        sell_cash(terminal_checkout(terminal, cashier), spec)  # as the checkout screen sells
        OutboxWorker(terminal.uow, client, terminal.clock).drain_once()
        return view["lines"][0]["item_codes"]

    trusted, doubtful = sold("b-wang"), sold("b-li")

    win = ShotWindow(facades, settings, args.out, zh=args.zh, size=(width, height), shot_settle_s=0.5)
    window, settle, shot = win.window, win.settle, win.shot
    window.enter(cashier)
    window.workspace.show_page("refunds")
    page = window.workspace.pages["refunds"]
    now = terminal.clock.now()

    def scan(text):
        window.bridge.post_scan(ScanEvent(text, b"", "qr", "simulated", now))
        settle()

    settle(1.0)
    shot("idle")
    scan("PO000000001001")
    shot("refusal")
    for code in trusted:
        scan(code)
    page.capture()
    settle()
    still = tmp / "defect.png"
    cv2.imwrite(str(still), cv2.resize(cv2.imread(str(tmp / "frame.png")) if (tmp / "frame.png").exists()
                                       else np.full((480, 640, 3), (90, 140, 200), np.uint8), (640, 480)))
    page.add_file_paths([str(still)])
    settle()
    page.reason_box.setCurrentIndex(1)
    shot("purchase")
    page.photo_strip.open_photo(0)
    settle(0.3)
    if page.photo_strip.dialog is not None:  # a window of its own: grabbed by itself
        page.photo_strip.dialog.grab().save(f"{args.out}-photo.png")
        print(f"{args.out}-photo.png")
        page.photo_strip.dialog.reject()
    settle()
    page.submit()
    settle(1.0)
    shot("approved")
    page.pay_out()
    settle()
    shot("paid")
    page.clear()
    scan(doubtful[0])
    page.capture()
    settle()
    page.submit()
    settle(1.0)
    shot("waiting")
    import requests

    from sync.sandbox import seed

    note = "划痕是使用造成的，不属于质量问题 (the scratch comes from use: not a defect)"
    requests.post(f"{platform_url}/api/v1/refund-requests/{page.case.platform_id}/decision",
                  json={"approve": False, "note": note}, timeout=5,
                  headers={"Authorization": f"Bearer {seed.MERCHANTS['m-tea'][4]}", "X-Merchant-Id": "m-tea",
                           "Idempotency-Key": str(uuid.uuid4())}).raise_for_status()
    page.poll()
    settle(1.0)
    shot("rejected")
    page.clear()
    page.poll()
    settle(0.5)
    shot("list")
    window.stop()
    page.hide()
    settle()
    terminal.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
