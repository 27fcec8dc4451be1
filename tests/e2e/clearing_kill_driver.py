"""A child process for the clearing-house kill -9 test: the real `pos-terminal clearing-house`
command (its own SQLite database, demo members) with one hook: when PHASE is "in-transaction" the
statement import stops after writing its rows and before its commit; when "after-commit" it stops
after the commit, before the answer goes out. There it writes MARKER and waits to be killed.
PHASE "none" runs it plainly (the restart).

    python -m tests.e2e.clearing_kill_driver PORT DB_URL MARKER PHASE
"""

import sys
import time
from pathlib import Path


def main() -> None:
    port, db_url, marker, phase = sys.argv[1], sys.argv[2], Path(sys.argv[3]), sys.argv[4]
    from sync.clearing_house import service

    def stop_here() -> None:
        marker.write_text(phase, encoding="utf-8")
        time.sleep(600)

    if phase == "in-transaction":
        take = service._take_statement

        def take_then_stop(conn, store, body, now):
            answer = take(conn, store, body, now)
            stop_here()
            return answer

        service._take_statement = take_then_stop
    elif phase == "after-commit":
        imported = service.import_statement

        def import_then_stop(*args, **kw):
            answer = imported(*args, **kw)
            stop_here()
            return answer

        service.import_statement = import_then_stop
    from pos_terminal.cli import main as cli

    sys.exit(cli(["clearing-house", "--port", port, "--db", db_url, "--seed-demo"]))


if __name__ == "__main__":
    main()
