"""kill -9 of a real terminal process between the platform's answer to a batch of settlements and
the terminal's one commit of that answer.

The terminal (T01, SQLite in the test's data folder) has sales waiting in its outbox. A child
process (tests/e2e/outbox_kill_driver.py, the real outbox worker, the platform behind a
FaultProxy) sends them in one POST /settlements/batch; the proxy calls back the moment the
platform's answer is in, and the test SIGKILLs the child: in one round while the proxy still holds
the answer (the terminal never learns that the platform recorded the batch), in the other just
after passing it on (the child may or may not have committed). The next start sends what it has
not recorded again under the same keys: the platform answers `duplicate` with its first answers,
and every settlement is recorded once on each side."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from sqlalchemy import func, select

from pos_terminal.app.container import DATA_DIR_ENV
from sync.outbox_worker import OutboxWorker
from sync.sandbox import db as sandbox_db
from tests.platform_helpers import (
    FaultProxy,
    ProxyPlan,
    assert_exactly_once,
    client_for,
    new_order,
    outbox_rows,
    pay_cash,
    platform_settlements,
    settings_for,
    spec_of,
)

REPO = Path(__file__).resolve().parents[2]
BATCH = "/api/v1/settlements/batch"
N = 5


@pytest.mark.parametrize("held", [True, False], ids=["answer-held", "answer-passed-on"])
def test_kill_9_between_the_batch_answer_and_its_commit_records_each_settlement_once(
        server, data_dir, terminal_factory, held):
    api = client_for(server.url)
    views = [new_order(api, price=1100 + i, qty=1) for i in range(N)]
    api.close()
    terminal = terminal_factory(settings_for(server.url))
    for view in views:
        pay_cash(terminal, spec_of(view))
    keys = [r.idempotency_key for r in outbox_rows(terminal)]
    terminal.close()  # the child opens this data folder next

    env = {**os.environ, DATA_DIR_ENV: str(data_dir),
           "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
    answered = threading.Event()

    def on_answer(method, path, status):
        if method == "POST" and path == BATCH and status == "200":
            answered.set()

    with FaultProxy(server.url) as proxy:
        proxy.plan = ProxyPlan(only_path=BATCH, on_answer=on_answer, delay_after_s=60.0 if held else 0.0)
        child = subprocess.Popen([sys.executable, "-m", "tests.e2e.outbox_kill_driver", proxy.url],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
        try:
            if not answered.wait(60):
                child.kill()
                out, err = child.communicate(timeout=10)
                raise AssertionError(f"the batch never reached the platform\n{out}\n{err[-3000:]}")
            child.send_signal(signal.SIGKILL)
            out, _err = child.communicate(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
    assert child.returncode == -signal.SIGKILL or (not held and "DRAINED" in out), (out, child.returncode)
    assert len(platform_settlements(server, [v["order_no"] for v in views])) == N  # the platform has the batch

    restarted = terminal_factory(settings_for(server.url))  # the restart, same data folder
    unsent = [r for r in outbox_rows(restarted) if r.sent_at is None]
    assert len(unsent) == N or not held  # held: the terminal died before it heard the answer
    result = OutboxWorker(restarted.uow, restarted.platform, restarted.clock).drain_once()
    assert (result.sent, result.replayed, result.left) == (len(unsent), len(unsent), 0)  # all answered duplicate
    rows = assert_exactly_once(restarted, server)
    assert [r.outcome for r in rows] == ["paid"] * N  # the first answers, kept on the terminal
    t = sandbox_db.idempotency
    with server.app.state.engine.connect() as conn:
        kept = conn.execute(select(func.count()).select_from(t).where(
            t.c.scope == "t:demo-store/T01", t.c.key.in_(keys))).scalar()
    assert kept == N  # one answer per key: the repeat added none
