"""A child process for the power-cut test: records cash sales as fast as it can and prints
"ACK <receipt_no> <order_no>" only after each commit returned, i.e. what the cashier would see."""

import sys

from config.schema import Settings
from pos_terminal.app.container import build_terminal
from pos_terminal.services import sales, users
from tests.conftest import FAST_HASHER
from tests.sale_helpers import ensure_shift, sell_cash, terminal_checkout


def main() -> None:
    terminal = build_terminal(Settings(), demo=True, hasher=FAST_HASHER, configure_logs=False)
    cashier = users.sign_in(terminal.uow(), terminal.hasher, terminal.clock, terminal.lockout, username="1001", pin="1357")
    ensure_shift(terminal, cashier)
    ctx = terminal_checkout(terminal, cashier)  # through CheckoutSession, as the checkout screen sells
    print("READY", flush=True)
    i = 0
    while True:
        no = f"{sys.argv[1]}-{i}"
        spec = sales.OrderSpec(no, "m1", "Shop", "CNY", (sales.LineSpec(1, "s", "Tea", 300, 1, (f"{no}-U",)),))
        r = sell_cash(ctx, spec, 500).sale
        sys.stdout.write(f"ACK {r.receipt_no} {no}\n")
        sys.stdout.flush()
        i += 1


if __name__ == "__main__":
    main()
