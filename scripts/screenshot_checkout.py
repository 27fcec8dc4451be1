"""Screenshots of the checkout page in each state, driven through a real flow on the demo
terminal: a voucher verified offline (a key made for the shot), then cash with change.
    .venv/bin/python scripts/screenshot_checkout.py OUT_PREFIX [--zh] [--printer-fault]
Writes OUT_PREFIX-shift.png, -idle.png, -order.png, -refusal.png, -done.png."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from shot_window import ShotWindow  # noqa: E402 (scripts/ is on the path)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--zh", action="store_true")
    parser.add_argument("--printer-fault", action="store_true")
    args = parser.parse_args()
    os.environ.setdefault("POS_TERMINAL_DATA_DIR", tempfile.mkdtemp(prefix="pos-shot-"))


    from config import loader
    from pos_terminal.app.container import build_terminal
    from pos_terminal.app.facades import App
    from pos_terminal.ports import ScanEvent
    from pos_terminal.security import ScryptPinHasher
    from pos_terminal.vouchers import KeyRing, PublicKey
    from sync.sandbox.signing import mint_voucher, new_private_key

    settings = loader.defaults()
    terminal = build_terminal(settings, demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)
    facades = App.of(terminal)
    private, public = new_private_key()
    KeyRing([PublicKey("KSHOT", public)]).save(terminal.keys.cache)
    now = terminal.clock.now()
    voucher = mint_voucher(private, "KSHOT", voucher_id="v-shot", order_no="PO000000007001", merchant_id="m-tea",
                           merchant_name="好物商城 Good Things", amount_minor=3380, currency="CNY",
                           summary="乌龙茶×2、饼干", issued_at=now - timedelta(minutes=1),
                           expires_at=now + timedelta(hours=2))
    if args.printer_fault:  # the real path: the demo's virtual printer, out of paper
        from pos_terminal.app.demo import start_simulated_devices

        start_simulated_devices(terminal)
        (terminal.paths.root / "virtual-printer" / "control").write_text("paper_end\n", encoding="utf-8")

    win = ShotWindow(facades, settings, args.out, zh=args.zh, size=(1024, 768), shot_settle_s=0.0)
    window, settle, shot = win.window, win.settle, win.shot
    window.enter(facades.users.sign_in("1001", "1357"))
    window.workspace.show_page("checkout")
    page = window.workspace.pages["checkout"]

    settle()
    shot("shift")
    page.float_edit.setText("200")
    page.open_shift()
    settle()
    window.bridge.post_scan(ScanEvent("6901234567892", b"", "ean13", "simulated", now))
    settle()
    shot("refusal")
    window.bridge.post_scan(ScanEvent(voucher, b"", "qr", "simulated", now))
    settle()
    shot("order")
    page.choose_tender("prepaid")
    shot("prepaid")
    page.choose_tender("cash")
    page.cash_edit.setText("50")
    page.take_cash()
    settle()
    shot("done")
    page.new_sale()
    shot("idle")
    window.stop()
    terminal.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
