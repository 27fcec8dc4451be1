"""A child process for the hand-in kill -9 test: a real terminal (SQLite in the data folder the
test names, the platform at the URL it names) that first sends what a previous run left unsent
(the sync worker's refund round at every start), then scans a unit whose return the buyer filed
online and takes it in (and pays it out) with the refund screen's one button. Prints READY, then
DONE status paid_out; the test SIGKILLs it the moment the platform answers the hand-in.

    python -m tests.e2e.handin_kill_driver URL ITEM_CODE
"""

import sys

from pos_terminal.app.container import build_terminal
from pos_terminal.services import online_returns, refunds
from tests.conftest import FAST_HASHER
from tests.platform_helpers import open_shift, settings_for


def main() -> None:
    url, item_code = sys.argv[1:3]
    terminal = build_terminal(settings_for(url), demo=True, hasher=FAST_HASHER, configure_logs=False)
    terminal.refund_housekeeping()  # what the sync worker does first at every start
    cashier = open_shift(terminal)
    ctx = terminal.refund_context()
    info = refunds.look_up(ctx, item_code)
    print("READY", info.online.request_id, flush=True)
    done = online_returns.hand_in_and_pay(ctx, info, cashier_id=cashier.user_id, cashier_name="Zhang")
    print("DONE", done.case.status.value, done.case.paid_out, flush=True)


if __name__ == "__main__":
    main()
