"""Screenshots of the Settlement page, driven through a real day on the demo terminal against the
in-process sandbox platforms and clearing house:
    .venv/bin/python scripts/screenshot_settlement.py OUT_PREFIX [--zh] [--size 1024x768]
Writes OUT_PREFIX-differences.png (a sale still in the outbox: a difference and what stands in the
way), -accept.png (the confirm dialog), -accepted.png (accepted and exported for the bank),
-remittances.png (the transfer marked sent), -clearing.png (the second platform's statement sent to
the clearing house and the day's report fetched) and -closed.png (a day not closed yet)."""

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


    from config import loader
    from pos_terminal.app.container import build_terminal
    from pos_terminal.app.demo import start_demo_platform
    from pos_terminal.app.facades import App
    from pos_terminal.security import ScryptPinHasher
    from pos_terminal.services import sales
    from sync.outbox_worker import OutboxWorker
    from tests.sale_helpers import open_shift, sell_cash, terminal_checkout

    settings = loader.defaults()
    terminal = build_terminal(settings, demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)
    facades = App.of(terminal)
    start_demo_platform(terminal)
    client = terminal.platform
    cashier = facades.users.sign_in("1001", "1357")
    manager = facades.users.sign_in("8001", "8642")
    ctx = terminal.day_context()
    open_shift(ctx, cashier, 20000)

    def sold(price: int, qty: int) -> None:
        view = client.create_order({"merchant_id": "m-tea", "buyer_id": "b-wang", "lines": [
            {"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": price, "quantity": qty}]},
            idempotency_key=str(uuid.uuid4()))
        spec = sales.OrderSpec(view["order_no"], "m-tea", view["merchant"]["name"], "CNY", tuple(
            sales.LineSpec(l["line_no"], l["sku"], l["name"], l["unit_price_minor"], l["quantity"],
                           tuple(l["item_codes"])) for l in view["lines"]))
        sell_cash(terminal_checkout(terminal, cashier), spec)

    def drain() -> None:
        OutboxWorker(terminal.uow, terminal.outbox_client(), terminal.clock).drain_once()

    win = ShotWindow(facades, settings, args.out, zh=args.zh, size=(width, height), shot_settle_s=0.3)
    window, settle, shot = win.window, win.settle, win.shot

    # a day not closed yet
    sold(1250, 2)
    drain()
    window.enter(manager)
    window.workspace.show_page("settlement")
    page = window.workspace.pages["settlement"]
    settle(0.5)
    shot("closed")

    # more sales, one still in the outbox, then the Z
    sold(3800, 1)
    drain()
    sold(990, 3)
    with terminal.uow() as uow:  # the Z report's row for the day (as services.reports close_day writes it)
        day = page.selected_date()
        uow.days.add_closed(terminal_id=ctx.terminal_id, business_date=day, z_no=uow.days.next_z_no(ctx.terminal_id),
                            closed_at=terminal.clock.now(), closed_by=manager.user_id, report={})
        uow.commit()
    page.load()
    settle(0.5)
    shot("differences")

    drain()
    page.load()
    settle(0.5)
    page.ask_accept()
    settle(0.3)
    if page.dialog is not None:
        shot("accept", page.dialog)
        page.dialog.accept()
    settle(0.5)
    page.export()
    settle(0.5)
    shot("accepted")
    number = page.shown_number()
    if number:
        page.mark_sent(number, "ICBC-20261203-0001")
        settle(0.5)
    page.tabs.setCurrentWidget(page.remittances_tab)
    shot("remittances")

    page.tabs.setCurrentWidget(page.statement_tab)
    if page.platform_combo.count() > 1:
        page.platform_combo.setCurrentIndex(1)
        settle(0.5)
        page.accept_statement("demo: nothing sold for this platform")
        settle(0.5)
        page.send_to_clearing()
        settle(0.5)
        page.fetch_report()
        settle(0.5)
    page.tabs.setCurrentWidget(page.clearing_tab)
    shot("clearing")

    window.stop()
    settle()
    terminal.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
