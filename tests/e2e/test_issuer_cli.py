"""Several platforms from the command line (issue 16): `pos-terminal sandbox --platform-id ID` runs a
sandbox as another platform (its vouchers name it in "iss", its own merchants and orders), a
database of one platform is not served as another's, and `voucher inspect` checks a voucher with
its own platform's keys, refusing a platform the counter does not know."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import requests

from pos_terminal.vouchers import b64url_decode
from sync.sandbox.seed_issuers import LEAF_ORDER
from sync.threaded_server import free_port as _free_port
from tests.e2e.test_cli import run

ROOT = Path(__file__).resolve().parents[2]


def _start(db: Path, *extra: str):
    port = _free_port("127.0.0.1")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-m", "pos_terminal", "sandbox", "--port", str(port), "--db",
                             f"sqlite:///{db}", *extra], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env=env, cwd=ROOT)
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
            return proc, port
        except requests.ConnectionError:
            if proc.poll() is not None:
                return proc, None
            assert time.monotonic() < deadline
            time.sleep(0.2)


def _stop(proc) -> str:
    if proc.poll() is None:
        proc.send_signal(2)
        proc.wait(timeout=30)
    return proc.stdout.read() + proc.stderr.read()


def test_a_sandbox_runs_as_another_platform_and_inspect_checks_its_issuer(tmp_path):
    db = tmp_path / "tea.sqlite3"
    proc, port = _start(db, "--platform-id", "tea-house")
    try:
        assert port is not None, _stop(proc)
        keys = requests.get(f"http://127.0.0.1:{port}/api/v1/voucher-keys", timeout=5).json()["keys"]
        assert len(keys) == 1
    finally:
        out = _stop(proc)
    assert "Sandbox platform 'tea-house'" in out
    with sqlite3.connect(db) as conn:
        voucher = conn.execute("SELECT voucher FROM sb_orders WHERE order_no = ?", (LEAF_ORDER,)).fetchone()[0]
        merchants = {row[0] for row in conn.execute("SELECT id FROM sb_merchants")}
    assert merchants == {"m-leaf", "m-cup"}
    assert json.loads(b64url_decode(voucher.split(".")[1]))["iss"] == "tea-house"

    # the same database started as another platform is refused, naming both
    proc, port = _start(db)
    out = _stop(proc)
    assert port is None and "belongs to platform 'tea-house', not 'demo-shop'" in out

    # a counter whose settings do not name tea-house refuses its code; the demo's knows it
    settings = tmp_path / "settings.toml"
    settings.write_text('[platform]\nmode = "none"\n', encoding="utf-8")
    r = run("voucher", "inspect", voucher, "--config", str(settings), "--json", "--offline", data_dir=tmp_path / "d")
    info = json.loads(r.stdout)
    assert r.returncode == 1 and info["reason"] == "unknown_issuer" and "platform tea-house" in info["detail"]
    r = run("voucher", "inspect", voucher, "--demo", "--json", "--offline", data_dir=tmp_path / "d")
    assert r.returncode == 1 and json.loads(r.stdout)["reason"] == "unknown_key"  # known, its keys not cached yet


def test_a_platform_id_that_is_not_one_is_refused(tmp_path):
    r = run("sandbox", "--platform-id", "tea house!", "--db", f"sqlite:///{tmp_path / 'x.sqlite3'}")
    assert r.returncode != 0 and "platform id 'tea house!'" in r.stderr
