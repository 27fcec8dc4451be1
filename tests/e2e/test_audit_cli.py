"""`pos-terminal audit verify|list` as a person runs them, beside a terminal that recorded
sign-ins: real processes, the real database file, real exit codes."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from pos_terminal.app.facades import App
from pos_terminal.domain.errors import SignInRefused
from pos_terminal.services import audit
from tests.e2e.test_cli import run


@pytest.fixture
def recorded(terminal, data_dir):
    """A demo terminal that recorded a failed and two good sign-ins and a sign-out."""
    users = App.of(terminal).users
    with pytest.raises(SignInRefused):
        users.sign_in("1001", "0000")
    users.sign_in("1001", "1357")
    manager = users.sign_in("8001", "8642")
    users.sign_out(manager)
    return terminal


def tamper(data_dir, sql: str) -> None:
    engine = sa.create_engine(f"sqlite:///{data_dir / 'demo' / 'pos-terminal.sqlite3'}")
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_update")
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS audit_log_no_delete")
        conn.exec_driver_sql(sql)
    engine.dispose()


def test_verify_says_whole_and_list_shows_the_entries(recorded, data_dir):
    r = run("audit", "verify", "--demo", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "terminal T01: whole, 4 entries" in r.stdout

    r = run("audit", "list", "--demo", "--json", "--limit", "3", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    listed = json.loads(r.stdout)
    assert [(e["action"], e["username"], e["outcome"]) for e in listed] == [
        ("sign_out", "8001", "ok"), ("sign_in", "8001", "ok"), ("sign_in", "1001", "ok")]
    assert all(e["terminal_id"] == "T01" and len(e["hash"]) == 64 for e in listed)

    r = run("audit", "list", "--demo", data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    assert "T01 1001 sign_in_failed refused" in r.stdout and '"reason": "wrong_pin"' in r.stdout

    anchor = listed[0]["hash"]
    r = run("audit", "verify", "--demo", "--anchor", anchor, data_dir=data_dir)
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_changed_entry_makes_verify_exit_1_and_say_where(recorded, data_dir):
    tamper(data_dir, "UPDATE audit_log SET outcome = 'ok' WHERE action = 'sign_in_failed'")
    r = run("audit", "verify", "--demo", data_dir=data_dir)
    assert r.returncode == 1
    assert "terminal T01: BROKEN at seq 1 (changed)" in r.stdout and "the row was changed" in r.stdout
    assert "not whole" in r.stderr and "Traceback" not in r.stderr

    r = run("audit", "verify", "--demo", "--json", data_dir=data_dir)
    info = json.loads(r.stdout)
    assert r.returncode == 1 and not info["ok"]
    assert (info["terminals"][0]["first_broken_seq"], info["terminals"][0]["problem"]) == (1, "changed")


def test_a_deleted_entry_and_a_cut_off_tail(recorded, data_dir):
    newest = audit.entries(recorded.uow, "T01", limit=1)[0].hash
    tamper(data_dir, "DELETE FROM audit_log WHERE seq = 2")
    r = run("audit", "verify", "--demo", "--terminal", "T01", data_dir=data_dir)
    assert r.returncode == 1 and "BROKEN at seq 3 (deleted/inserted)" in r.stdout

    tamper(data_dir, "DELETE FROM audit_log WHERE seq >= 2")  # what is left is a whole, shorter chain
    r = run("audit", "verify", "--demo", data_dir=data_dir)
    assert r.returncode == 0 and "whole, 1 entries" in r.stdout
    r = run("audit", "verify", "--demo", "--anchor", newest, data_dir=data_dir)  # the Z report's printed hash
    assert r.returncode == 1 and f"anchor {newest} is in no chain" in r.stdout


def test_list_refuses_a_bad_limit_with_exit_2(data_dir):
    r = run("audit", "list", "--demo", "--limit", "0", data_dir=data_dir)
    assert r.returncode == 2 and "--limit must be at least 1" in r.stderr
