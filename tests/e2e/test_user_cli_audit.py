"""`pos-terminal user add` and `user unlock` are in the audit trail (issue 15), as "cli:<OS user>",
through the same service function as the users page."""

from __future__ import annotations

import json

from tests.e2e.test_cli import run


def test_cli_add_and_unlock_are_audited(tmp_path):
    data = tmp_path / "data"
    r = run("user", "add", "2001", "--role", "cashier", "--pin-stdin", input="4826\n", data_dir=data)
    assert r.returncode == 0, r.stderr
    r = run("user", "unlock", "2001", data_dir=data)
    assert r.returncode == 0 and "unlocked 2001" in r.stdout, r.stderr
    r = run("user", "unlock", "2999", data_dir=data)
    assert r.returncode == 2 and "no user '2999'" in r.stderr
    r = run("audit", "list", "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    entries = {e["action"]: e for e in json.loads(r.stdout)}
    assert entries["user_add"]["subject"] == "user 2001" and entries["user_add"]["username"].startswith("cli")
    assert entries["user_unlock"]["subject"] == "user 2001" and entries["user_unlock"]["user_id"] is None
    assert entries["user_unlock"]["details"]["was_locked_until"] is None
    r = run("audit", "verify", data_dir=data)
    assert r.returncode == 0, r.stdout + r.stderr
