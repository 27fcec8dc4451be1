"""kill -9 of the clearing house (its own process, `pos-terminal clearing-house` on SQLite) in the
middle of a statement import, and the terminal's retry after the restart.

The terminal (its real journal on a migrated database) sends an accepted statement; the child stops
either inside the import's transaction (the statement row written, not committed) or just after the
commit (the answer not yet sent), and the test SIGKILLs it there. The terminal heard nothing: its
journal row says "sending". After the restart on the same database, sending again goes under the
same Idempotency-Key: the clearing house has the statement exactly once (one row, one kept answer),
and the store's report reconciles to zero with the key the house published before the crash."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import pytest
import requests
from sqlalchemy import create_engine, func, select

from pos_terminal.services.clearing import ClearingRefused, ClearingService
from sync.clearing_client import HttpClearingClient
from sync.clearing_house import db as ch_db
from sync.clearing_house.credentials import ClearingCredentials, default_path
from tests.clearing_helpers import CLEARING_TERMINAL, journal_for, keep_accepted, reports_kept, sent_state, \
    statement
from tests.fakes import FakeClock

REPO = Path(__file__).resolve().parents[2]
DAY = date(2026, 11, 20)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start(port: int, db_url: str, marker: Path, phase: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}
    child = subprocess.Popen([sys.executable, "-m", "tests.e2e.clearing_kill_driver", str(port), db_url, str(marker),
                              phase], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO)
    deadline = time.monotonic() + 60
    while True:
        try:
            if requests.get(f"http://127.0.0.1:{port}/api/v1/keys", timeout=1).ok:
                return child
        except requests.RequestException:
            pass
        if child.poll() is not None or time.monotonic() > deadline:
            child.kill()
            out, err = child.communicate(timeout=10)
            raise AssertionError(f"the clearing house did not start\n{out}\n{err[-3000:]}")
        time.sleep(0.1)


@pytest.fixture
def store_db(tmp_path):
    from pos_terminal.storage import migrate, orm
    from pos_terminal.storage.engine import make_engine

    orm.start_mappers()
    eng = make_engine(f"sqlite:///{tmp_path / 'terminal.sqlite3'}")
    migrate.upgrade(eng)
    yield eng
    eng.dispose()


@pytest.mark.parametrize("phase", ["in-transaction", "after-commit"])
def test_kill_9_mid_import_and_the_retry_is_answered_exactly_once(tmp_path, store_db, phase):
    port, db_url = _free_port(), f"sqlite:///{tmp_path / 'house' / 'clearing.sqlite3'}"
    (tmp_path / "house").mkdir()
    marker = tmp_path / "stopped"
    st = statement("demo-store", "demo-shop", DAY, [12000, 3400], [500], number="ST-20261120-000001")
    keep_accepted(store_db, st)

    child = _start(port, db_url, marker, phase)
    try:
        url = f"http://127.0.0.1:{port}"
        public_key = requests.get(f"{url}/api/v1/keys", timeout=5).json()["keys"][0]["public_key"]
        secret = ClearingCredentials(default_path(db_url)).get("secret_demo-store")
        svc = ClearingService(journal_for(store_db), HttpClearingClient(url, "demo-store", secret, 30),
                              FakeClock(), store_id="demo-store", currency="CNY",
                              platform_routes={"demo-shop": "clearing_house"}, public_key=public_key,
                              terminal_id=CLEARING_TERMINAL)
        outcome: list[BaseException | object] = []
        sender = threading.Thread(target=lambda: outcome.append(_try(svc.send, st.number)))
        sender.start()
        deadline = time.monotonic() + 30
        while not marker.exists():
            assert time.monotonic() < deadline and child.poll() is None, "the import never reached the stop"
            time.sleep(0.02)
        assert sent_state(store_db, st.number)[0] == "sending"  # the journal row, before any answer
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=10)
        sender.join(30)
    finally:
        if child.poll() is None:
            child.kill()
            child.communicate(timeout=10)
    assert child.returncode == -signal.SIGKILL
    assert isinstance(outcome[0], ClearingRefused) and outcome[0].reason == "unavailable", outcome
    assert sent_state(store_db, st.number)[0] == "sending"  # the terminal never heard an answer

    house = create_engine(db_url)
    with house.connect() as conn:
        kept = conn.execute(select(func.count()).select_from(ch_db.statements)).scalar_one()
    assert kept == (1 if phase == "after-commit" else 0)  # the transaction is whole or absent
    house.dispose()

    child = _start(port, db_url, marker, "none")  # the restart, same database and key
    try:
        again = svc.send(st.number)
        assert again.state == ("known" if phase == "after-commit" else "sent")
        assert svc.send(st.number).state == "known"
        assert sent_state(store_db, st.number)[0] == "sent"
        view = svc.fetch_report(DAY, None)
        assert view.state == "reconciled" and view.net_minor == st.net_minor
        assert reports_kept(store_db) == 1
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate(timeout=10)
    house = create_engine(db_url)
    with house.connect() as conn:
        rows = conn.execute(select(ch_db.statements.c.number, ch_db.statements.c.digest)).all()
        answers = conn.execute(select(func.count()).select_from(ch_db.idempotency)).scalar_one()
    house.dispose()
    assert rows == [(st.number, st.digest)]  # exactly once
    assert answers == 1  # one kept answer for the one key


def _try(fn, *args):
    try:
        return fn(*args)
    except BaseException as exc:  # noqa: BLE001 - the test looks at it
        return exc
