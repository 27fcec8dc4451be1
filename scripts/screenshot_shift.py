"""Screenshots of the Shift & reports page, driven through a real day on the demo terminal against
an in-process sandbox platform: a float counted by denomination, sales in cash, prepaid and bank
card through the day, a drop, a pay-out, a no-sale, the close (short), the X and Z reports and the
reconciliation with one sale still in the outbox.
    .venv/bin/python scripts/screenshot_shift.py OUT_PREFIX [--zh]
Writes OUT_PREFIX-shift-none.png, -float-dialog.png, -shift-open.png, -drop-dialog.png,
-close-dialog.png, -shift-closed.png, -reports-x.png, -reports-z.png, -reconcile.png,
-reconcile-offline.png. --zh: in Simplified Chinese (the committed catalogue)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import uuid
from datetime import datetime, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shot_window import ShotWindow  # noqa: E402 (scripts/ is on the path)


class ShotClock:
    """A clock the script moves through the day (aware UTC)."""

    def __init__(self, start: datetime) -> None:
        self.current = start

    def now(self) -> datetime:
        return self.current


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
    from pos_terminal.domain.model import TenderKind
    from pos_terminal.security import ScryptPinHasher
    from pos_terminal.services import cash, sales
    from sync.outbox_worker import OutboxWorker
    from ui.dialogs.cash_dialogs import CashMovementDialog, DenominationCountDialog

    settings = loader.defaults()
    zone = ZoneInfo(settings.terminal.timezone)
    today = datetime.now(zone).date()

    def at(hour: int, minute: int = 0) -> datetime:
        return datetime(today.year, today.month, today.day, hour, minute, tzinfo=zone).astimezone(timezone.utc)

    clock = ShotClock(at(8, 30))
    terminal = build_terminal(settings, demo=True, clock=clock, hasher=ScryptPinHasher(n=2**10), configure_logs=False)
    facades = App.of(terminal)
    start_demo_platform(terminal)
    client = terminal.platform
    cashier = facades.users.sign_in("1001", "1357")
    manager = facades.users.sign_in("8001", "8642")
    ids = terminal.settings.terminal

    win = ShotWindow(facades, settings, args.out, zh=args.zh, size=(1024, 768), shot_settle_s=0.3)
    window, settle, shot = win.window, win.settle, win.shot

    def dialog_shot(name, dialog):
        dialog.show()
        settle(0.2)
        shot(name, dialog)
        dialog.close()
        dialog.deleteLater()

    window.enter(manager)
    window.workspace.show_page("shift")
    page = window.workspace.pages["shift"]
    settle(0.5)
    shot("shift-none")
    ctx = terminal.day_context()
    dialog = DenominationCountDialog(ctx.denominations, ctx.currency, mode="float", parent=window)
    dialog.set_counts({10000: 2, 2000: 2, 1000: 5, 500: 4, 100: 20, 50: 10})
    dialog_shot("float-dialog", dialog)

    cash.open_shift(ctx, user=cashier, counts={10000: 2, 2000: 2, 1000: 5, 500: 4, 100: 20, 50: 10})

    def sell(hour, minute, price, qty, tenders, drain=True, buyer="b-wang"):
        clock.current = at(hour, minute)
        view = client.create_order({"merchant_id": "m-tea", "buyer_id": buyer, "lines": [
            {"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": price, "quantity": qty}]},
            idempotency_key=str(uuid.uuid4()))
        spec = sales.OrderSpec(view["order_no"], "m-tea", view["merchant"]["name"], "CNY", tuple(
            sales.LineSpec(l["line_no"], l["sku"], l["name"], l["unit_price_minor"], l["quantity"],
                           tuple(l["item_codes"])) for l in view["lines"]))
        total = spec.total.minor
        specs, left = [], total
        for kind, share in tenders:
            amount = left if share is None else share
            left -= amount
            specs.append(sales.TenderSpec(kind, amount, approval_code="A1" if kind is TenderKind.BANK_CARD else None,
                                          card_last4="4242" if kind is TenderKind.BANK_CARD else None,
                                          reference="8800001234567890" if kind is TenderKind.PREPAID_CARD else None))
        sales.record_sale(sales.RecordSale(ids.terminal_id, ids.store_id, cashier.user_id, spec, tuple(specs)),
                          terminal.uow(), clock)
        if drain:
            OutboxWorker(terminal.uow, client, clock).drain_once()

    cash_ = [(TenderKind.CASH, None)]
    card = [(TenderKind.BANK_CARD, None)]
    prepaid = [(TenderKind.PREPAID_CARD, None)]
    sell(9, 5, 1250, 2, cash_)
    sell(9, 40, 3380, 1, card)
    sell(10, 15, 1250, 4, cash_)
    sell(11, 20, 899, 3, prepaid)
    sell(11, 50, 5600, 1, [(TenderKind.PREPAID_CARD, 2000), (TenderKind.CASH, None)])
    sell(12, 10, 1990, 2, card)
    sell(12, 35, 1250, 1, cash_)
    sell(13, 5, 4500, 2, card)
    sell(14, 30, 1250, 6, cash_)
    clock.current = at(15, 0)
    cash.cash_drop(ctx, user=cashier, amount_minor=20000, reason="to_safe")
    cash.pay_out(ctx, user=cashier, amount_minor=3500, reason="supplier: 送水 water delivery", approved_by=manager)
    clock.current = at(15, 20)
    cash.no_sale(ctx, user=cashier, reason="give_change")
    sell(16, 10, 2680, 1, cash_)
    sell(16, 45, 1250, 2, card, drain=False)  # still in the outbox at the reconciliation

    clock.current = at(17, 30)
    page.shift_tab.refresh()
    shot("shift-open")
    dialog = CashMovementDialog("drop", ctx.currency, expected_minor=page.shift_tab.summary.expected_cash_minor,
                                parent=window)
    dialog.amount_edit.setText("300")
    dialog_shot("drop-dialog", dialog)
    summary = cash.current_shift(ctx)
    expected = summary.expected_cash_minor
    counts = {}
    left = expected - 3000  # short ¥30: above the ¥10 limit
    for d in ctx.denominations:
        counts[d], left = divmod(left, d)[0], left % d
    dialog = DenominationCountDialog(ctx.denominations, ctx.currency, mode="close", expected_minor=expected,
                                     limit_minor=ctx.over_short_limit_minor, parent=window)
    dialog.set_counts(counts)
    dialog.note_edit.setText("")
    dialog_shot("close-dialog", dialog)

    page.shift_tab.close_with({d: n for d, n in counts.items() if n}, note="¥30 short: change given twice?",
                              manager=manager)
    settle(0.5)
    shot("shift-closed")

    page.show_tab("reports")
    settle(0.5)
    page.reports.show_x()
    settle(0.5)
    shot("reports-x")
    page.reports.close_day(confirm=False)
    settle(0.5)
    shot("reports-z")

    page.show_tab("reconcile")
    settle(0.3)
    page.reconcile.run()
    settle(1.0)
    shot("reconcile")

    terminal.platform.base_url = "http://127.0.0.1:9"  # nothing listens there: the platform is away
    page.reconcile.run()
    settle(1.0)
    shot("reconcile-offline")

    window.stop()
    settle()
    terminal.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
