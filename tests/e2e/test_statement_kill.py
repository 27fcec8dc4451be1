"""kill -9 of a real terminal process in the middle of a manager's acceptance of the day's
settlement statement (tests/e2e/statement_kill_driver.py): killed inside the transaction (the
number taken and the row written; or the audit entry written too) nothing is accepted, no number
is used up (the next acceptance gets number 1), the audit chain is whole; killed after the commit
the statement is accepted with its number, its audit entry and the platform's notice in the outbox."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from pos_terminal.app.container import DATA_DIR_ENV
from pos_terminal.app.facades import App
from pos_terminal.services import audit
from pos_terminal.services.statements import STATEMENT_ACCEPT
from pos_terminal.storage import orm
from tests.integration.test_reconcile import Day
from tests.platform_helpers import outbox_rows, settings_for

REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("stage", ["stored", "audited", "committed"])
def test_kill_9_mid_accept_accepts_whole_or_not_at_all(server, data_dir, terminal_factory, client, stage):
    d = Day(terminal_factory, server)
    d.sell(client, 2)
    assert d.drain().sent == 2
    d.close()
    shown = App.of(d.t).settlement.statement(d.manager, d.date)
    assert shown.blockers == []
    d.t.close()  # the child opens this data folder next

    env = {**os.environ, DATA_DIR_ENV: str(data_dir),
           "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
    child = subprocess.Popen([sys.executable, "-m", "tests.e2e.statement_kill_driver", server.url, stage,
                              d.date.isoformat(), shown.digest],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    try:
        line = ""
        while not line.startswith("READY"):
            line = child.stdout.readline()
            if not line:
                raise AssertionError(f"the child ended before {stage}: {child.stderr.read()[-3000:]}")
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=10)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == -signal.SIGKILL

    t = terminal_factory(settings_for(server.url), clock=d.clock)  # the restart
    number = f"ST-{d.date:%Y%m%d}-000001"
    with t.uow() as uow:
        rows = uow.session.execute(select(orm.settlement_statements)).all()
        entries = [r for r in uow.audit.recent("T01", limit=100) if r["action"] == STATEMENT_ACCEPT]
    notices = [r for r in outbox_rows(t) if r.topic == "statement_accepted"]
    assert audit.verify(t.uow).ok
    if stage == "committed":
        assert [(r.number, r.digest) for r in rows] == [(number, shown.digest)]
        assert [e["subject"] for e in entries] == [number]
        assert [n.payload["number"] for n in notices] == [number]
    else:
        assert rows == [] and entries == [] and notices == []
        app = App.of(t)
        manager = app.users.sign_in("8001", "8642")
        assert app.settlement.accept(manager, d.date, None, shown.digest).number == number  # no gap
