"""kill -9 of a real terminal process while it tells the platform of a double payment it paid back.

Each round: a terminal (T02, SQLite in the test's data folder) took an order that another store
had been paid for already, so the platform holds a refund case for its payment. A child process
(tests/e2e/payback_kill_driver.py, the real service, the platform behind a FaultProxy) pays the
case back in cash and tells the platform; the proxy calls back the moment the platform's answer to
that report is in, and the test SIGKILLs the child: in one round while the proxy still holds the
answer (the terminal never learns that the platform closed the case), in the other just after
passing it on. The next start sends the report again under the same Idempotency-Key: one pay-back
in the drawer, one on the platform, and a second pay-back of the case is refused."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import uuid
from pathlib import Path

import pytest
from sqlalchemy import select

from pos_terminal.app.container import DATA_DIR_ENV
from pos_terminal.app.facades import App
from pos_terminal.services import cash, refund_cases
from pos_terminal.storage import orm
from sync.outbox_worker import OutboxWorker
from sync.sandbox import db as sandbox_db
from sync.sandbox import seed
from tests.platform_helpers import FaultProxy, ProxyPlan, client_for, new_order, pay_cash, settings_for, spec_of

REPO = Path(__file__).resolve().parents[2]


def a_double_payment(server, terminal_factory, data_dir) -> tuple[str, int]:
    """An order paid at the other store, then at T02 in `data_dir`: (T02's refund case, amount)."""
    api = client_for(server.url)
    view = new_order(api)
    api.close()
    other = client_for(server.url, seed.OTHER_STORE_TERMINAL)
    store, term, _ = seed.OTHER_STORE_TERMINAL
    other.post_settlement({"settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "store_id": store,
                           "terminal_id": term, "receipt_no": 1, "amount_minor": view["total_minor"],
                           "currency": "CNY", "tenders": ["cash"], "offline": True,
                           "paid_at": server.clock.now().isoformat()}, str(uuid.uuid4()))
    other.close()
    terminal = terminal_factory(settings_for(server.url, seed.SECOND_TERMINAL))
    pay_cash(terminal, spec_of(view), offline=True)
    assert OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once().outcomes == {"refund_case": 1}
    [case] = [c for c in refund_cases.list_cases(terminal.refund_context()) if c.order_no == view["order_no"]]
    terminal.close()  # the child opens this data folder next
    return case.case_id, view["total_minor"]


@pytest.mark.parametrize("held", [True, False], ids=["answer-held", "answer-passed-on"])
def test_kill_9_while_the_platform_answers_a_payback_pays_once(server, data_dir, terminal_factory, held):
    case_id, amount = a_double_payment(server, terminal_factory, data_dir)
    env = {**os.environ, DATA_DIR_ENV: str(data_dir),
           "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
    answered = threading.Event()

    def on_answer(method, path, status):
        if method == "POST" and path.endswith("/paid-back"):
            answered.set()

    with FaultProxy(server.url) as proxy:
        # only the report is held (the look-up of the case before paying goes through at once)
        proxy.plan = ProxyPlan(only_path=f"/api/v1/refund-cases/{case_id}/paid-back", on_answer=on_answer,
                               delay_after_s=60.0 if held else 0.0)
        child = subprocess.Popen([sys.executable, "-m", "tests.e2e.payback_kill_driver", proxy.url, case_id],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
        try:
            if not answered.wait(60):
                child.kill()
                out, err = child.communicate(timeout=10)
                raise AssertionError(f"the pay-back never reached the platform\n{out}\n{err[-3000:]}")
            child.send_signal(signal.SIGKILL)
            out, _err = child.communicate(timeout=10)
        finally:
            if child.poll() is None:
                child.kill()
    assert child.returncode == -signal.SIGKILL or (not held and "PAID" in out), (out, child.returncode)
    with sandbox_engine(server).connect() as conn:
        platform = conn.execute(select(sandbox_db.refund_cases).where(sandbox_db.refund_cases.c.id == case_id)).one()
    assert (platform.status, platform.resolution) == ("refunded", "paid_back_at_counter")

    terminal = terminal_factory(settings_for(server.url, seed.SECOND_TERMINAL))  # the restart
    ctx = terminal.refund_context(render_receipt=lambda info: info)
    with terminal.uow() as uow:
        [row] = uow.session.execute(select(orm.refund_case_paybacks)).all()
    assert row.platform_case_id == case_id and row.amount_minor == amount
    assert row.state == "paid_out" or not held  # held: the terminal died before it heard the answer
    assert refund_cases.resend_due(ctx, force=True) == (1 if row.state == "paid_out" else 0)
    with terminal.uow() as uow:
        [row] = uow.session.execute(select(orm.refund_case_paybacks)).all()
    assert row.state == "reported"
    assert platform.paid_back_receipt_no == row.receipt_no  # the platform has this counter's one pay-back
    with sandbox_engine(server).connect() as conn:  # one report, under the key made of the local record
        keys = conn.execute(select(sandbox_db.idempotency.c.key).where(
            sandbox_db.idempotency.c.scope == "t:demo-store/T02",
            sandbox_db.idempotency.c.key == refund_cases.idempotency_key(row.id))).scalars().all()
    assert len(keys) == 1
    with pytest.raises(refund_cases.PaybackRefused) as again:
        refund_cases.pay_back(ctx, case_id, cashier=App.of(terminal).users.sign_in("1001", "1357"),
                              manager=App.of(terminal).users.sign_in("8001", "8642"))
    assert again.value.reason == "paid_back_already"
    assert cash.current_shift(terminal.day_context()).cash_refunds_minor == amount  # out of the drawer once


def sandbox_engine(server):
    return server.app.state.engine
