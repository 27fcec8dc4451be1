"""Screenshots of the refund page with returns filed on the buyer's phone, driven through a real
flow on the demo terminal against an in-process sandbox platform (the buyer's requests filed
through the platform's own buyer path):
    .venv/bin/python scripts/screenshot_handin.py OUT_PREFIX [--zh] [--extra-qm FILE.qm]
Writes OUT_PREFIX-approved.png (the banner), -paid.png, -waiting.png, -balance.png.
`--extra-qm`: a compiled catalogue installed on top (strings not yet in ui/translations)."""

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
    parser.add_argument("--extra-qm")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pos-shot-"))
    os.environ.setdefault("POS_TERMINAL_DATA_DIR", str(tmp / "data"))

    from datetime import timedelta

    from sqlalchemy import update

    from config import loader
    from pos_terminal.app.container import build_terminal
    from pos_terminal.app.demo import start_demo_platform
    from pos_terminal.app.facades import App
    from pos_terminal.ports import ScanEvent
    from pos_terminal.security import ScryptPinHasher
    from pos_terminal.services import sales
    from sync.outbox_worker import OutboxWorker
    from tests.sale_helpers import open_shift, sell_cash, terminal_checkout
    from sync.sandbox import db as sandbox_db
    from sync.sandbox import refunds as sandbox_refunds
    from sync.sandbox.platform import Caller

    settings = loader.defaults()
    terminal = build_terminal(settings, demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)
    facades = App.of(terminal)
    start_demo_platform(terminal)
    server = terminal._sandbox
    client = terminal.platform
    cashier = facades.users.sign_in("1001", "1357")
    open_shift(terminal.day_context(), cashier, 20000)

    def order(buyer: str, qty: int) -> dict:
        return client.create_order({"merchant_id": "m-tea", "buyer_id": buyer, "lines": [
            {"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": qty}]},
            idempotency_key=str(uuid.uuid4()))

    def sold(buyer: str, qty: int = 1) -> list[str]:
        view = order(buyer, qty)
        spec = sales.OrderSpec(view["order_no"], "m-tea", view["merchant"]["name"], "CNY", tuple(
            sales.LineSpec(l["line_no"], l["sku"], l["name"], l["unit_price_minor"], l["quantity"],
                           tuple(l["item_codes"])) for l in view["lines"]))
        sell_cash(terminal_checkout(terminal, cashier), spec)  # as the checkout screen sells
        OutboxWorker(terminal.uow, client, terminal.clock).drain_once()
        return view["lines"][0]["item_codes"]

    def paid_online(buyer: str) -> list[str]:
        view = order(buyer, 1)
        with server.app.state.engine.begin() as conn:
            conn.execute(update(sandbox_db.orders).where(sandbox_db.orders.c.order_no == view["order_no"]).values(
                status="paid", paid_via="online", paid_at=terminal.clock.now() - timedelta(hours=3)))
        return view["lines"][0]["item_codes"]

    def file_online(codes: list[str], buyer: str, reason: str) -> None:  # as the buyer's page files it
        with server.app.state.engine.begin() as conn:
            sandbox_refunds.request_refund(conn, {"item_codes": codes, "reason": reason}, Caller("buyer"),
                                           terminal.clock.now(), buyer_id=buyer)

    trusted, doubtful, online_paid = sold("b-wang", 2), sold("b-li"), paid_online("b-wang")
    file_online(trusted, "b-wang", "defective: 瓶盖漏水 the cap leaks")
    file_online(doubtful, "b-li", "damaged")
    file_online(online_paid, "b-wang", "wrong_item")

    win = ShotWindow(facades, settings, args.out, zh=args.zh, size=(1024, 768), extra_qm=args.extra_qm, shot_settle_s=0.5)
    window, settle, shot = win.window, win.settle, win.shot
    window.enter(cashier)
    window.workspace.show_page("refunds")
    page = window.workspace.pages["refunds"]
    now = terminal.clock.now()

    def scan(text):
        window.bridge.post_scan(ScanEvent(text, b"", "qr", "simulated", now))
        settle()

    settle(1.0)
    scan(trusted[0])
    shot("approved")
    page.online_banner.take_in_button.click()
    settle(1.0)
    shot("paid")
    page.clear()
    scan(doubtful[0])
    shot("waiting")
    page.clear()
    scan(online_paid[0])
    shot("balance")
    window.stop()
    page.hide()
    settle()
    terminal.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
