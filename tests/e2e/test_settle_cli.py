"""`pos-terminal settle statement|accept` as a manager runs it: real processes on the demo database
holding a closed day of sales (the platform: the sandbox on loopback), the readable statement and
its JSON, the exit codes (0 in agreement / accepted, 1 something to look at, 2 refused), the
manager and PIN it needs, a changed digest refused, a second acceptance refused."""

from __future__ import annotations

import json

import pytest

from pos_terminal.app.paths import data_paths
from tests.e2e.test_cli import run
from tests.integration.test_reconcile import Day
from tests.platform_helpers import settings_for

pytestmark = pytest.mark.clock_sensitive

MANAGER_PIN = "8642\n"


def test_settle_statement_and_accept(server, data_dir, terminal_factory, client):
    d = Day(terminal_factory, server)
    d.sell(client, 2)
    saved = data_paths(settings_for(server.url), demo=True).settings
    saved.parent.mkdir(parents=True, exist_ok=True)
    saved.write_text(f'[terminal]\nstore_id = "demo-store"\nterminal_id = "T01"\n\n'
                     f'[platform]\nmode = "sandbox"\nbase_url = "{server.url}"\n', encoding="utf-8")
    day = d.date.isoformat()
    d.t.close()

    r = run("settle", "statement", "--demo", "--date", day, data_dir=data_dir)
    assert r.returncode == 2 and "--user" in r.stderr and "Traceback" not in r.stderr
    r = run("settle", "statement", "--demo", "--date", day, "--user", "1001", "--pin-stdin", input="1357\n",
            data_dir=data_dir)
    assert r.returncode == 2 and "manager" in r.stderr
    r = run("settle", "statement", "--demo", "--date", "03/01/2026", "--user", "8001", "--pin-stdin",
            input=MANAGER_PIN, data_dir=data_dir)
    assert r.returncode == 2 and "YYYY-MM-DD" in r.stderr

    # not closed, the sales not sent: something to look at (exit 1), and accepting is refused
    r = run("settle", "statement", "--demo", "--date", day, "--user", "8001", "--pin-stdin", input=MANAGER_PIN,
            data_dir=data_dir)
    assert r.returncode == 1, r.stderr
    assert "not closed (Z)" in r.stdout and "wait in the outbox" in r.stdout
    assert "missing_on_terminal" not in r.stdout
    r = run("settle", "accept", "--demo", "--date", day, "--user", "8001", "--pin-stdin", "--note", "x",
            input=MANAGER_PIN, data_dir=data_dir)
    assert r.returncode == 2 and "not closed (Z)" in r.stderr

    d = Day(terminal_factory, server, clock=d.clock)
    assert d.drain().sent == 2
    d.close()
    d.t.close()
    r = run("settle", "statement", "--demo", "--date", day, "--user", "8001", "--pin-stdin", "--json",
            input=MANAGER_PIN, data_dir=data_dir)
    assert r.returncode == 0, (r.stdout, r.stderr)
    shown = json.loads(r.stdout)
    assert shown["accepted"] is False and shown["differences"] == [] and shown["blockers"] == []
    assert shown["platform"]["digest"] == shown["digest"] and shown["statement"]["net_minor"] == shown["net_minor"]
    assert {ln["code"] for ln in shown["statement"]["lines"]} == {"collected", "commission"}

    r = run("settle", "accept", "--demo", "--date", day, "--user", "8001", "--pin-stdin", "--digest", "0" * 64,
            input=MANAGER_PIN, data_dir=data_dir)
    assert r.returncode == 2 and "the figures changed since you looked: look again" in r.stderr
    r = run("settle", "accept", "--demo", "--date", day, "--user", "8001", "--pin-stdin", "--digest",
            shown["digest"], "--json", input=MANAGER_PIN, data_dir=data_dir)
    assert r.returncode == 0, r.stderr
    accepted = json.loads(r.stdout)
    assert accepted["number"] == f"ST-{d.date:%Y%m%d}-000001" and accepted["digest"] == shown["digest"]
    r = run("settle", "accept", "--demo", "--date", day, "--user", "8001", "--pin-stdin", input=MANAGER_PIN,
            data_dir=data_dir)
    assert r.returncode == 2 and "accepted already" in r.stderr

    r = run("settle", "statement", "--demo", "--date", day, "--user", "8001", "--pin-stdin", input=MANAGER_PIN,
            data_dir=data_dir)
    assert r.returncode == 0 and accepted["number"] in r.stdout and "accepted" in r.stdout
    assert "net " in r.stdout and shown["digest"] in r.stdout
