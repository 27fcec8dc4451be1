"""A child process for the pay-back kill -9 test: a real terminal (SQLite in the data folder the
test names, the platform at the URL it names, signed in as the sandbox's T02) that first sends the
pay-backs the platform has not heard of (what the sync worker does at every start), then pays a
double payment's refund case back in cash. Prints RESENT n, then PAID receipt_no reported; the
test SIGKILLs it the moment the platform answers the pay-back's report.

    python -m tests.e2e.payback_kill_driver URL CASE_ID
"""

import sys

from pos_terminal.app.container import build_terminal
from pos_terminal.app.facades import App
from pos_terminal.services import refund_cases
from sync.sandbox import seed
from tests.conftest import FAST_HASHER
from tests.platform_helpers import settings_for


def main() -> None:
    url, case_id = sys.argv[1:3]
    terminal = build_terminal(settings_for(url, seed.SECOND_TERMINAL), demo=True, hasher=FAST_HASHER,
                              configure_logs=False)
    ctx = terminal.refund_context(render_receipt=lambda info: info)
    print("RESENT", refund_cases.resend_due(ctx, force=True), flush=True)
    users = App.of(terminal).users
    cashier, manager = users.sign_in("1001", "1357"), users.sign_in("8001", "8642")
    print("PAYING", flush=True)
    done = refund_cases.pay_back(ctx, case_id, cashier=cashier, manager=manager)
    print("PAID", done.receipt.receipt_no, done.reported, flush=True)


if __name__ == "__main__":
    main()
