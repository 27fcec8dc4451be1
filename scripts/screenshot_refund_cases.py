"""Screenshots of the Reconciliation tab with double payments, on the demo terminal against an
in-process sandbox platform: two orders paid at another store first and then at this counter
(two refund cases); one is paid back here (a manager approves), the other stays open.
    .venv/bin/python scripts/screenshot_refund_cases.py OUT_PREFIX [--zh]
Writes OUT_PREFIX-open.png (both open) and OUT_PREFIX-open-closed.png (one open, one closed).
--zh: in Simplified Chinese (the committed catalogue)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shot_window import ShotWindow  # noqa: E402 (scripts/ is on the path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--zh", action="store_true")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="pos-shot-"))
    os.environ.setdefault("POS_TERMINAL_DATA_DIR", str(tmp / "data"))


    from config import loader
    from pos_terminal.app.container import build_terminal
    from pos_terminal.app.demo import start_demo_platform
    from pos_terminal.app.facades import App
    from pos_terminal.security import ScryptPinHasher
    from pos_terminal.services import cash, refund_cases, sales
    from sync.client import HttpPlatformClient
    from sync.outbox_worker import OutboxWorker
    from tests.sale_helpers import sell_cash, terminal_checkout
    from sync.sandbox import seed

    settings = loader.defaults()
    terminal = build_terminal(settings, demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)
    facades = App.of(terminal)
    start_demo_platform(terminal)
    client = terminal.platform
    cashier = facades.users.sign_in("1001", "1357")
    manager = facades.users.sign_in("8001", "8642")
    store, term, secret = seed.OTHER_STORE_TERMINAL
    other = HttpPlatformClient(client.base_url, store, term, secret)
    ctx = terminal.day_context()
    cash.open_shift(ctx, user=cashier, opening_float_minor=20000)

    cases = []
    for price, qty in ((1250, 2), (3990, 1)):
        view = client.create_order({"merchant_id": "m-tea", "buyer_id": "b-li", "lines": [
            {"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": price, "quantity": qty}]},
            idempotency_key=str(uuid.uuid4()))
        other.post_settlement({"settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "store_id": store,
                               "terminal_id": term, "receipt_no": 1, "amount_minor": view["total_minor"],
                               "currency": "CNY", "tenders": ["cash"], "offline": True,
                               "paid_at": terminal.clock.now().isoformat()}, str(uuid.uuid4()))
        spec = sales.OrderSpec(view["order_no"], "m-tea", view["merchant"]["name"], "CNY", tuple(
            sales.LineSpec(l["line_no"], l["sku"], l["name"], l["unit_price_minor"], l["quantity"],
                           tuple(l["item_codes"])) for l in view["lines"]))
        sell_cash(terminal_checkout(terminal, cashier), spec, offline=True)  # as the checkout screen sells
        cases.append(view["order_no"])
    OutboxWorker(terminal.uow, client, terminal.clock).drain_once()
    other.close()

    win = ShotWindow(facades, settings, args.out, zh=args.zh, size=(1280, 1000), shot_settle_s=0.3)
    window, settle, shot = win.window, win.settle, win.shot

    window.enter(manager)
    window.workspace.show_page("shift")
    page = window.workspace.pages["shift"]
    page.show_tab("reconcile")
    settle(0.3)
    page.reconcile.run()
    settle(1.0)
    shot("open")

    [first] = [c for c in refund_cases.list_cases(terminal.refund_context()) if c.order_no == cases[0]]
    refund_cases.pay_back(terminal.refund_context(), first.case_id, cashier=cashier, manager=manager)
    page.reconcile.run()
    settle(1.0)
    shot("open-closed")

    window.stop()
    settle()
    terminal.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
