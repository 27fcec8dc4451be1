"""kill -9 of a real terminal process the moment the platform answers the hand-in of a return the
buyer filed online, several times.

Each round starts tests/e2e/handin_kill_driver.py (the real services, SQLite, the sandbox on
loopback behind a FaultProxy): it first sends what the previous round's corpse left unsent, then
scans a unit whose return was filed online and presses "Take in and pay out". The proxy calls
back when the platform's answer to that hand-in is in and the test SIGKILLs the child: in half
the rounds while the proxy still holds the answer (the terminal never learns that the platform
took the hand-in), in the others just after passing it on. After a last restart: every return is
handed in once, to this terminal, under its case's key; one live case per return; and every
return is paid out once, in cash, in the shift."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
import uuid
from datetime import datetime, timezone
from pathlib import Path

from sqlalchemy import select

from pos_terminal.app.container import DATA_DIR_ENV
from pos_terminal.domain.model import RefundCase, RefundStatus
from pos_terminal.services import online_returns, refunds
from tests.online_return_helpers import file_online_return, idempotency_rows, request_row
from tests.platform_helpers import FaultProxy, ProxyPlan, client_for, new_order, open_shift, settings_for

ROUNDS = 6
REPO = Path(__file__).resolve().parents[2]


def settled_in_cash(client, view: dict) -> None:
    """The order paid in cash at this store (T01) as the platform records it."""
    client.post_settlement({
        "settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "merchant_id": view["merchant"]["id"],
        "store_id": client.store_id, "terminal_id": client.terminal_id, "receipt_no": 1,
        "amount_minor": view["total_minor"], "currency": view["currency"], "tenders": ["cash"],
        "offline": False, "paid_at": datetime.now(timezone.utc).isoformat()}, str(uuid.uuid4()))


def test_kill_9_when_the_platform_answers_a_hand_in_never_hands_in_or_pays_twice(server, data_dir,
                                                                                terminal_factory):
    api = client_for(server.url)
    returns = []
    for i in range(ROUNDS):
        view = new_order(api, buyer="b-wang", price=300 + i, qty=1)
        settled_in_cash(api, view)
        code = view["lines"][0]["item_codes"][0]
        returns.append((code, file_online_return(server, [code])["request_id"]))
    api.close()
    env = {**os.environ, DATA_DIR_ENV: str(data_dir),
           "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
    answered = threading.Event()
    current = {"request_id": None}

    def on_answer(method, path, status):  # this round's hand-in only (not the corpse's, resent at start)
        if method == "POST" and path.endswith(f"/{current['request_id']}/hand-in"):
            answered.set()

    rng = random.Random(12)
    with FaultProxy(server.url) as proxy:
        proxy.plan = ProxyPlan(only_path="/api/v1/refund-requests/", on_answer=on_answer)
        for i, (code, request_id) in enumerate(returns):
            held = i % 2 == 0
            proxy.plan.delay_after_s = 60.0 if held else 0.0
            current["request_id"] = request_id
            answered.clear()
            child = subprocess.Popen([sys.executable, "-m", "tests.e2e.handin_kill_driver", proxy.url, code],
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
            try:
                if not answered.wait(60):
                    child.kill()
                    out, err = child.communicate(timeout=10)
                    raise AssertionError(f"round {i}: the hand-in never reached the platform\n{out}\n{err[-3000:]}")
                if not held:
                    time.sleep(rng.uniform(0, 0.15))  # vary where the kill lands after the answer went on
                child.send_signal(signal.SIGKILL)
                out, _err = child.communicate(timeout=10)
            finally:
                if child.poll() is None:
                    child.kill()
            assert child.returncode == -signal.SIGKILL or (not held and "DONE" in out), (i, out, child.returncode)

    terminal = terminal_factory(settings_for(server.url))  # the last restart
    terminal.refund_housekeeping()
    ctx = terminal.refund_context()
    cashier = open_shift(terminal)
    with terminal.uow() as uow:
        cases = list(uow.session.scalars(select(RefundCase)))
        by_request = {}
        for case in cases:
            by_request.setdefault(case.platform_case_id, []).append((case.id, case.status))
    for code, request_id in returns:
        live = [(cid, st) for cid, st in by_request.get(request_id, []) if st not in (RefundStatus.REFUSED,
                                                                                     RefundStatus.REJECTED)]
        assert len(live) == 1, (request_id, by_request.get(request_id))
        case_id, status = live[0]
        assert status in (RefundStatus.APPROVED, RefundStatus.PAID_OUT), (request_id, status)
        row = request_row(server, request_id)
        assert (row.store_id, row.terminal_id) == ("demo-store", "T01") and row.handed_in_at is not None
        assert len(idempotency_rows(server, online_returns.hand_in_key(case_id))) == 1
        if status is RefundStatus.APPROVED:
            refunds.pay_out(ctx, case_id, cashier_id=cashier.user_id)
    with terminal.uow() as uow:
        paid = [c for c in uow.session.scalars(select(RefundCase)) if c.paid_out_at is not None]
        assert sorted(c.platform_case_id for c in paid) == sorted(r for _, r in returns)  # each once
        assert sum(c.cash_out_minor or 0 for c in paid) == sum(300 + i for i in range(ROUNDS))
    terminal.close()
