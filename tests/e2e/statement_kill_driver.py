"""A child process for the statement-acceptance kill -9 test: a real terminal (SQLite in the data
folder the test names, the platform at the URL it names) whose manager accepts the day's
statement with the digest the test computed. It stops at the stage the test names and prints
READY <stage>, then waits to be killed:

- stored: inside the acceptance's transaction, the number taken and the statement row written;
- audited: inside it still, the audit entry written (the chain locked), not committed;
- committed: after the commit (accept returned).

    python -m tests.e2e.statement_kill_driver URL STAGE YYYY-MM-DD DIGEST
"""

import sys
import time
from datetime import date

from pos_terminal.app.container import build_terminal
from pos_terminal.app.facades import App
from pos_terminal.services import audit, statements
from pos_terminal.storage import statement_reads
from tests.conftest import FAST_HASHER
from tests.platform_helpers import settings_for


def _stop(stage: str) -> None:
    print("READY", stage, flush=True)
    time.sleep(120)
    raise SystemExit(3)  # never reached: the test kills the process


def main() -> None:
    url, stage, day, digest = sys.argv[1:5]
    if stage == "stored":
        add = statement_reads.StatementRepository.add_accepted

        def add_then_stop(self, *args, **kw):
            add(self, *args, **kw)
            self.session.flush()
            _stop(stage)

        statement_reads.StatementRepository.add_accepted = add_then_stop
    elif stage == "audited":
        record = audit.record

        def record_then_stop(uow, **kw):
            entry = record(uow, **kw)
            if kw.get("action") == statements.STATEMENT_ACCEPT:
                _stop(stage)
            return entry

        audit.record = record_then_stop
    terminal = build_terminal(settings_for(url), demo=True, hasher=FAST_HASHER, configure_logs=False)
    app = App.of(terminal)
    manager = app.users.sign_in("8001", "8642")
    accepted = app.settlement.accept(manager, date.fromisoformat(day), None, digest)
    print("ACCEPTED", accepted.number, flush=True)
    if stage == "committed":
        _stop(stage)


if __name__ == "__main__":
    main()
