"""A child process for the outbox kill -9 test: a real terminal (SQLite in the data folder the test
names, the platform at the URL it names, signed in as the sandbox's T01) that drains its outbox
once, as the sync worker does: POST /settlements/batch, then the one commit of the answers. Prints
DRAINING, then DRAINED sent replayed; the test SIGKILLs it the moment the platform has answered.

    python -m tests.e2e.outbox_kill_driver URL
"""

import sys

from pos_terminal.app.container import build_terminal
from sync.outbox_worker import OutboxWorker
from tests.conftest import FAST_HASHER
from tests.platform_helpers import settings_for


def main() -> None:
    terminal = build_terminal(settings_for(sys.argv[1]), demo=True, hasher=FAST_HASHER, configure_logs=False)
    print("DRAINING", flush=True)
    result = OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    print("DRAINED", result.sent, result.replayed, flush=True)


if __name__ == "__main__":
    main()
