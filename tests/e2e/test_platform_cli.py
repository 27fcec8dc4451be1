"""The platform commands as a person runs them: `sandbox`, `sync status|run|retry`, `voucher
inspect`, and the demo starting its own sandbox."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import requests

from sync.sandbox import seed
from sync.threaded_server import free_port as _free_port
from tests.e2e.test_cli import run

ROOT = Path(__file__).resolve().parents[2]
SALE = r"""
import sys
from config.schema import Settings
from pos_terminal.app.container import build_terminal
from pos_terminal.app.facades import App
from pos_terminal.services import sales
from tests.sale_helpers import ensure_shift, sell_cash, terminal_checkout
t = build_terminal(Settings(), demo=True, configure_logs=False)
try:
    cashier = App.of(t).users.sign_in("1001", "1357")
    ensure_shift(t, cashier)
    spec = sales.OrderSpec(sys.argv[1], "m-tea", "好物商城", "CNY", (sales.LineSpec(1, "TEA", "tea", int(sys.argv[2]), 1, (sys.argv[1] + "-1",)),))
    sell_cash(terminal_checkout(t, cashier), spec)
finally:
    t.close()
"""


def _sell(data: Path, order_no: str, amount: int) -> None:
    env = dict(os.environ, POS_TERMINAL_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-c", SALE, order_no, str(amount)], capture_output=True, text=True, env=env,
                       cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr


def test_sync_status_and_run_against_the_demo_sandbox(tmp_path):
    data = tmp_path / "data"
    r = run("sync", "status", "--demo", "--json", data_dir=data)
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    assert (info["pending"], info["attention"], info["last_success_at"]) == (0, 0, None)
    assert info["platform"]["online"] is False and "pos-terminal demo" in info["platform"]["detail"]

    _sell(data, seed.TEA_ORDER, 3380)  # a seeded open order, paid at the counter
    _sell(data, "PO999999999999", 100)  # an order the platform never issued: refused for good
    r = run("sync", "status", "--demo", data_dir=data)
    assert r.returncode == 1 and "pending         2" in r.stdout

    r = run("sync", "run", "--demo", data_dir=data)
    assert r.returncode == 1
    assert "sent 1 (paid 1); pending 0; needs attention 1" in r.stdout
    assert "refused by the platform need attention" in r.stderr and "Traceback" not in r.stderr

    r = run("sync", "status", "--demo", "--json", data_dir=data)
    info = json.loads(r.stdout)
    assert r.returncode == 1 and info["pending"] == 0 and info["attention"] == 1 and info["last_success_at"]
    assert info["needs_attention"][0]["order_no"] == "PO999999999999"
    assert "unknown_order" in info["needs_attention"][0]["error"]
    # the demo's platform keeps its data: the seeded order is paid there now
    with sqlite3.connect(data / "demo" / "sandbox-platform.sqlite3") as conn:
        assert conn.execute("SELECT status FROM sb_orders WHERE order_no = ?", (seed.TEA_ORDER,)).fetchone()[0] == "paid"

    r = run("sync", "retry", "--all", "--demo", data_dir=data)
    assert r.returncode == 0 and "1 settlement(s) back in the queue" in r.stdout
    r = run("sync", "run", "--demo", data_dir=data)
    assert r.returncode == 1 and "needs attention 1" in r.stdout  # refused again: the platform's answer stands


def test_sync_run_offline_exits_1_with_the_reason(tmp_path):
    data = tmp_path / "data"
    _sell(data, seed.TEA_ORDER, 3380)
    settings = tmp_path / "s.toml"
    settings.write_text(f'[platform]\nmode = "sandbox"\nbase_url = "http://127.0.0.1:{_free_port("127.0.0.1")}"\n'
                        'timeout_s = 1.0\n')
    data_live = data / "demo"  # the sale was made in the demo folder; point the settings' data there
    settings.write_text(settings.read_text() + f'[data]\ndir = "{data_live}"\n')
    env = {"POS_TERMINAL_DATA_DIR": ""}
    r = run("sync", "run", "--config", str(settings), env_extra=env)
    assert r.returncode == 1, r.stderr
    assert "sent 0; pending 1" in r.stdout and "platform unreachable" in r.stderr and "connection refused" in r.stderr


def test_remote_mode_without_a_secret_names_the_credentials_file(tmp_path):
    settings = tmp_path / "s.toml"
    settings.write_text('[platform]\nmode = "remote"\nbase_url = "https://platform.example/api/v1"\n')
    r = run("sync", "status", "--config", str(settings), data_dir=tmp_path / "data")
    assert r.returncode == 2
    assert str(tmp_path / "data" / "credentials.toml") in r.stderr and "platform_secret" in r.stderr


def _demo_voucher(data: Path) -> str:
    with sqlite3.connect(data / "demo" / "sandbox-platform.sqlite3") as conn:
        return conn.execute("SELECT voucher FROM sb_orders WHERE order_no = ?", (seed.GREEN_TEA_ORDER,)).fetchone()[0]


def test_voucher_inspect(tmp_path):
    data = tmp_path / "data"
    assert run("sync", "run", "--demo", data_dir=data).returncode == 0  # creates the demo sandbox's data
    voucher = _demo_voucher(data)

    r = run("voucher", "inspect", voucher, "--demo", "--json", "--offline", data_dir=data)
    assert r.returncode == 1 and json.loads(r.stdout)["reason"] == "unknown_key"  # nothing cached yet

    r = run("voucher", "inspect", voucher, "--demo", "--json", data_dir=data)  # fetches the keys once
    assert r.returncode == 0, r.stderr
    info = json.loads(r.stdout)
    for key in ("valid", "reason", "order_no", "merchant", "amount_minor", "currency", "expires_at", "kid"):
        assert key in info
    assert (info["valid"], info["order_no"], info["amount_minor"], info["currency"]) == (True, seed.GREEN_TEA_ORDER, 4500, "CNY")
    assert (data / "demo" / "keys.json").exists()

    r = run("voucher", "inspect", voucher, "--demo", "--offline", data_dir=data)  # cached now
    assert r.returncode == 0 and f"valid voucher for order {seed.GREEN_TEA_ORDER}" in r.stdout

    head, body, sig = voucher.split(".")
    forged = f"{head}.{body}.{'A' if sig[0] != 'A' else 'B'}{sig[1:]}"
    r = run("voucher", "inspect", forged, "--demo", "--json", data_dir=data)
    assert r.returncode == 1 and json.loads(r.stdout)["reason"] == "bad_signature"


def test_sandbox_command_serves_the_contract(tmp_path):
    port = _free_port("127.0.0.1")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-m", "pos_terminal", "sandbox", "--port", str(port), "--db",
                             f"sqlite:///{tmp_path / 'p.sqlite3'}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                r = requests.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
                time.sleep(0.2)
        assert r.json()["status"] == "ok"
        assert "/api/v1/settlements" in requests.get(f"http://127.0.0.1:{port}/openapi.json", timeout=5).json()["paths"]
        # a prepaid card's number is in the path of its calls: the access log keeps its last four digits only
        requests.post(f"http://127.0.0.1:{port}/api/v1/cards/8800000000004321/balance", json={"pin": "0000"}, timeout=5)
    finally:
        proc.send_signal(2)
        proc.wait(timeout=30)
    log = proc.stdout.read() + proc.stderr.read()
    assert "/cards/****4321/balance" in log, log[-2000:]
    assert "8800000000004321" not in log


def test_demo_starts_its_sandbox(tmp_path):
    shot = tmp_path / "w.png"
    env = dict(os.environ, POS_TERMINAL_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "pos_terminal", "demo", "--screenshot", str(shot), "--quit-after-screenshot"],
                       capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    assert "Sandbox platform: http://127.0.0.1:" in r.stdout
    assert (tmp_path / "data" / "demo" / "sandbox-platform.sqlite3").exists()
