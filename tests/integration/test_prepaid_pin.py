"""A prepaid card is spent only with its holder's PIN: the sandbox platform on loopback, driven
over HTTP (requests) and through the terminal's client. The platform's clock is a FakeClock:
the PIN lock runs out by moving it, not by waiting."""

from __future__ import annotations

import logging
import uuid

import pytest
import requests
from sqlalchemy import select, update

from pos_terminal.clock import SystemClock
from pos_terminal.ports import PlatformRefused
from sync.sandbox import db, seed
from sync.sandbox.cards import PIN_LOCK_TIME, PIN_MAX_FAILURES, pin_hash
from sync.sandbox.server import SandboxServer
from tests.fakes import FakeClock
from tests.platform_helpers import admin_headers, client_for

API = "/api/v1"
CARD, PIN = seed.DEMO_CARD, seed.DEMO_CARD_PIN
store, terminal, secret = seed.DEMO_TERMINAL
T01 = {"Authorization": f"Bearer {secret}", "X-Store-Id": store, "X-Terminal-Id": terminal}
RARE_PIN = "918273"  # a PIN no hash, id or amount of the run contains by chance: searched for in the files


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def backend(request, tmp_path_factory):
    """The sandbox on each storage backend (SQLite file; PostgreSQL: a fresh database on the
    session's throwaway server), its clock a FakeClock."""
    clock = FakeClock(SystemClock().now())
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("sandbox") / "platform.sqlite3"
        with SandboxServer(db_url=f"sqlite:///{path}", clock=clock) as s:
            s.clock, s.db_path = clock, path
            yield s
        return
    import sqlalchemy as sa

    pg = request.getfixturevalue("pg_server")
    admin = sa.create_engine(pg.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql('CREATE DATABASE "sandbox_pin"')
    try:
        with SandboxServer(db_url=pg.url("sandbox_pin"), clock=clock) as s:
            s.clock, s.db_path = clock, None
            yield s
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql('DROP DATABASE IF EXISTS "sandbox_pin" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def server(backend):
    """Each test starts with the demo card unlocked, no wrong PIN counted, its seeded PIN."""
    with backend.app.state.engine.begin() as conn:
        conn.execute(update(db.cards).where(db.cards.c.card_no == CARD).values(
            pin_hash=pin_hash(PIN), pin_failures=0, pin_locked_until=None))
    return backend


def post(server, path, body, key: str | None = "new", headers=T01):
    h = dict(headers)
    if key is not None:
        h["Idempotency-Key"] = str(uuid.uuid4()) if key == "new" else key
    return requests.post(server.url + API + path, json=body, headers=h, timeout=10)


def balance(server, card=CARD) -> int:
    with server.app.state.engine.connect() as conn:
        return conn.execute(select(db.cards.c.balance_minor).where(db.cards.c.card_no == card)).scalar_one()


def debit(server, pin, amount=100, key="new", card=CARD):
    body = {"amount_minor": amount, "currency": "CNY", "reference": "sale"}
    if pin is not None:
        body["pin"] = pin
    return post(server, f"/cards/{card}/debit", body, key=key)


def test_a_debit_without_the_pin_or_with_a_malformed_one_is_refused_and_moves_nothing(server):
    before = balance(server)
    r = debit(server, None)
    assert r.status_code == 422 and r.json()["error"] == "invalid_request" and "pin" in r.json()["message"]
    for bad in ("123", "1234567", "12a4", " 2580"):
        assert debit(server, bad).status_code == 422, bad
    assert balance(server) == before
    # and the balance is no longer readable from the number alone
    assert requests.get(server.url + f"{API}/cards/{CARD}", headers=T01, timeout=10).status_code in (404, 405)
    assert post(server, f"/cards/{CARD}/balance", {}).status_code == 422


def test_the_right_pin_debits_and_reads_the_balance(server):
    before = balance(server)
    r = debit(server, PIN, 250)
    assert r.status_code == 201 and r.json()["balance_minor"] == before - 250
    view = post(server, f"/cards/{CARD}/balance", {"pin": PIN}, key=None)
    assert view.status_code == 200 and view.json()["balance_minor"] == before - 250


def test_wrong_pins_are_counted_and_lock_the_card_until_the_lock_runs_out(server):
    before = balance(server)
    for n in range(1, PIN_MAX_FAILURES):
        r = debit(server, "0000")
        assert (r.status_code, r.json()["error"], r.json()["attempts_left"]) == (403, "wrong_pin",
                                                                               PIN_MAX_FAILURES - n)
    r = post(server, f"/cards/{CARD}/balance", {"pin": "1111"}, key=None)  # the balance counts too
    assert r.status_code == 423 and r.json()["error"] == "pin_locked" and r.json()["locked_until"]
    for pin in ("0000", PIN):  # locked: the right PIN too is refused, nothing moves
        assert debit(server, pin).json()["error"] == "pin_locked"
        assert post(server, f"/cards/{CARD}/balance", {"pin": pin}, key=None).status_code == 423
    assert balance(server) == before
    server.clock.advance(seconds=PIN_LOCK_TIME.total_seconds() - 1)
    assert debit(server, PIN).json()["error"] == "pin_locked"
    server.clock.advance(seconds=2)
    assert debit(server, PIN).status_code == 201
    assert debit(server, "0000").json()["attempts_left"] == PIN_MAX_FAILURES - 1  # a fresh count


def test_a_right_pin_starts_the_count_again(server):
    for _ in range(PIN_MAX_FAILURES - 1):
        debit(server, "0000")
    assert debit(server, PIN).status_code == 201
    assert debit(server, "0000").json()["attempts_left"] == PIN_MAX_FAILURES - 1


def test_the_admin_lifts_a_lock_and_nobody_else_can(server):
    for _ in range(PIN_MAX_FAILURES):
        debit(server, "0000")
    assert debit(server, PIN).json()["error"] == "pin_locked"
    assert post(server, f"/admin/cards/{CARD}/unlock", None, key=None).status_code == 401  # a terminal cannot
    r = requests.post(server.url + f"{API}/admin/cards/{CARD}/unlock", headers=admin_headers(server), timeout=10)
    assert r.status_code == 200 and r.json()["card_last4"] == CARD[-4:]
    assert debit(server, PIN).status_code == 201


def test_credits_and_reversals_put_money_back_without_a_pin(server):
    before = balance(server)
    taken = debit(server, PIN, 700).json()
    for _ in range(PIN_MAX_FAILURES):  # even a locked card takes money back
        debit(server, "0000")
    back = post(server, f"/card-movements/{taken['transaction_id']}/reverse", {"reference": "void"})
    assert back.status_code == 201 and back.json()["reverses"] == taken["transaction_id"]
    credit = post(server, f"/cards/{CARD}/credit", {"amount_minor": 5, "currency": "CNY", "reference": "refund"})
    assert credit.status_code == 201
    assert balance(server) == before + 5
    assert post(server, f"/cards/{CARD}/credit", {"amount_minor": 5, "currency": "CNY", "reference": "r",
                                                  "pin": PIN}).status_code == 422  # a credit takes no PIN


def test_a_wrong_pin_is_not_the_keys_answer_and_the_pin_is_not_part_of_the_key(server):
    """A wrong PIN is refused like a failed sign-in, not kept under the Idempotency-Key: the
    cashier's retry with the right PIN under the same key debits. Once debited, the same key and
    debit replay the first answer whatever PIN comes with them (nothing moves twice; the journal's
    recovery after a crash asks by key and never sends the debit again)."""
    before = balance(server)
    assert debit(server, "0000", key="sale-7-debit").json()["error"] == "wrong_pin"
    first = debit(server, PIN, key="sale-7-debit")
    assert first.status_code == 201 and first.headers.get("Idempotent-Replayed") is None
    again = debit(server, PIN, key="sale-7-debit")
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json() == first.json()
    assert debit(server, "0000", key="sale-7-debit").json() == first.json()  # a replay, not a guess counted
    assert balance(server) == before - 100
    by_key = requests.get(server.url + f"{API}/card-movements/by-key/sale-7-debit", headers=T01, timeout=10)
    assert by_key.json()["transaction_id"] == first.json()["transaction_id"]
    assert debit(server, "0000").json()["attempts_left"] == PIN_MAX_FAILURES - 1  # the replay counted no guess


def test_the_pin_never_reaches_the_sandbox_log_or_database_nor_the_clients_log(server, caplog):
    caplog.set_level(logging.DEBUG)
    with server.app.state.engine.begin() as conn:
        conn.execute(update(db.cards).where(db.cards.c.card_no == CARD).values(pin_hash=pin_hash(RARE_PIN)))
    client = client_for(server.url)
    wrong = "819273"
    with pytest.raises(PlatformRefused) as err:
        client.debit_card(CARD, 100, "CNY", "sale-1", "pin-log-1", wrong)
    assert err.value.code == "wrong_pin" and err.value.body["attempts_left"] == PIN_MAX_FAILURES - 1
    assert wrong not in err.value.message
    assert client.get_card(CARD, RARE_PIN)["balance_minor"] == balance(server)
    client.debit_card(CARD, 100, "CNY", "sale-1", "pin-log-1", RARE_PIN)
    client.debit_card(CARD, 100, "CNY", "sale-1", "pin-log-1", RARE_PIN)  # a replay
    text = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    assert RARE_PIN not in text and wrong not in text
    if server.db_path is not None:  # SQLite: the file and its WAL, byte by byte
        files = [p for p in server.db_path.parent.iterdir() if p.name.startswith(server.db_path.name)]
        data = b"".join(p.read_bytes() for p in files)
    else:  # PostgreSQL: every row of every sandbox table
        with server.app.state.engine.connect() as conn:
            data = "".join(repr(conn.execute(select(t)).all()) for t in db.metadata.sorted_tables).encode()
    assert RARE_PIN.encode() not in data and wrong.encode() not in data
    assert b"scrypt$" in data  # what is kept: the salted slow hash
