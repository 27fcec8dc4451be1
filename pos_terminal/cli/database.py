"""`pos-terminal db status`: schema revision and outbox backlog."""

from __future__ import annotations

import json

from pos_terminal.cli.common import EXIT_OK, _maintenance_terminal


def cmd_db_status(args) -> int:
    from pos_terminal.app.facades import App
    from pos_terminal.storage import migrate

    with _maintenance_terminal(args) as terminal:
        current = migrate.current_revision(terminal.engine)
        state = App.of(terminal).status.sync()
        url = terminal.engine.url.render_as_string(hide_password=True)
    info = {"database": url, "schema": current, "head": migrate.head_revision(), "outbox_pending": state.pending}
    if args.json:
        print(json.dumps(info))
    else:
        for key, value in info.items():
            print(f"{key:<15} {value}")
    return EXIT_OK
