"""A child process for the prepaid kill -9 test: a real terminal (SQLite in the data folder the
test names, the platform at the URL it names) that first lets its prepaid recovery run, then sells
one order paid with a prepaid card through the real checkout service. Prints RECOVERED, then SOLD
after the sale committed; the test SIGKILLs it the moment the platform answers the debit.

    python -m tests.e2e.prepaid_kill_driver URL ORDER_NO CARD_NO
"""

import sys

from pos_terminal.app.container import build_terminal
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services.checkout import CheckoutContext, CheckoutSession
from pos_terminal.services.orders import PaymentTarget
from tests.conftest import FAST_HASHER
from tests.platform_helpers import open_shift, settings_for, spec_of
from sync.sandbox.seed import CARD_PINS


def main() -> None:
    url, order_no, card_no = sys.argv[1:4]
    terminal = build_terminal(settings_for(url), demo=True, hasher=FAST_HASHER, configure_logs=False)
    done = terminal.recover_prepaid()  # what the sync worker does first at every start
    print("RECOVERED", "none" if done is None else len(done.given_back), flush=True)
    cashier = open_shift(terminal)
    ids = terminal.settings.terminal
    ctx = CheckoutContext(terminal.uow, terminal.clock, ids.terminal_id, ids.store_id, "Test store", "Asia/Shanghai",
                          cashier.user_id, "Zhang", platform=terminal.platform)
    target = PaymentTarget(spec_of(terminal.platform.get_order(order_no)), ScanKind.ORDER_NUMBER, None, False)
    session = CheckoutSession(target, ctx)
    print("DEBITING", flush=True)
    session.take_prepaid(card_no, session.total_minor, CARD_PINS[card_no])  # the holder keys in the PIN
    done = session.complete()
    print("SOLD", order_no, done.sale.receipt_no, flush=True)


if __name__ == "__main__":
    main()
