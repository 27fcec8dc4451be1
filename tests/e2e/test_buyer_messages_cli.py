"""The buyer's messages from the commands a person runs: `pos-terminal sandbox --standins FOLDER`
sends a new order's payment code to its loopback SMTP server and SMS gateway stand-in, which keep
them in FOLDER; the demo says where its e-mails and SMS land."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from email import policy
from email.parser import BytesParser
from pathlib import Path

import requests

from sync.sandbox import seed
from sync.threaded_server import free_port as _free_port

ROOT = Path(__file__).resolve().parents[2]
T01 = {"Authorization": f"Bearer {seed.DEMO_TERMINAL[2]}", "X-Store-Id": seed.DEMO_TERMINAL[0],
       "X-Terminal-Id": seed.DEMO_TERMINAL[1]}


def _until(what, deadline: float, proc):
    while True:
        value = what()
        if value:
            return value
        assert proc.poll() is None, proc.stderr.read()
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.1)


def test_sandbox_command_with_standins_delivers_the_payment_code(tmp_path):
    port = _free_port("127.0.0.1")
    folder = tmp_path / "messages"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    proc = subprocess.Popen([sys.executable, "-m", "pos_terminal", "sandbox", "--port", str(port), "--db",
                             f"sqlite:///{tmp_path / 'p.sqlite3'}", "--standins", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        line = _until(lambda: next((l for l in iter(proc.stdout.readline, "") if "Buyer messages" in l), None),
                      deadline, proc)
        assert str(folder / "mail") in line and str(folder / "sms") in line

        def create():
            try:
                return requests.post(f"http://127.0.0.1:{port}/api/v1/orders", headers=T01, timeout=5, json={
                    "merchant_id": "m-digital", "buyer_id": "b-li", "buyer_phone": "139 0013 9000",
                    "buyer_email": "li.qiang@example.com",
                    "lines": [{"sku": "USBC-1M", "name": "USB-C 数据线 1米", "unit_price_minor": 2990, "quantity": 1}]})
            except requests.ConnectionError:
                return None

        r = _until(create, deadline, proc)
        assert r.status_code == 201, r.text
        order = r.json()

        def mail():
            for p in sorted((folder / "mail").glob("*.eml")):
                msg = BytesParser(policy=policy.default).parsebytes(p.read_bytes())
                if msg["X-Order-No"] == order["order_no"]:
                    return msg
            return None

        msg = _until(mail, deadline, proc)
        assert msg["To"] == "li.qiang@example.com"
        assert order["url"] in msg.get_body(("plain",)).get_content()
        sms = _until(lambda: [m for p in (folder / "sms").glob("*.json")
                              if order["url"] in (m := json.loads(p.read_text("utf-8")))["text"]], deadline, proc)
        assert sms[0]["to"] == "+8613900139000"
    finally:
        proc.send_signal(2)
        proc.wait(timeout=30)


def test_the_demo_says_where_the_buyer_messages_land(tmp_path):
    shot = tmp_path / "w.png"
    data = tmp_path / "data"
    env = dict(os.environ, POS_TERMINAL_DATA_DIR=str(data), QT_QPA_PLATFORM="offscreen")
    r = subprocess.run([sys.executable, "-m", "pos_terminal", "demo", "--screenshot", str(shot), "--quit-after-screenshot"],
                       capture_output=True, text=True, timeout=120, env=env, cwd=ROOT)
    assert r.returncode == 0, r.stderr
    [line] = [l for l in r.stdout.splitlines() if l.startswith("Buyer messages:")]
    assert str(data / "demo" / "buyer-messages" / "mail") in line and str(data / "demo" / "buyer-messages" / "sms") in line
    assert (data / "demo" / "buyer-messages" / "mail").is_dir()
    [hooks] = [l for l in r.stdout.splitlines() if l.startswith("Merchant webhooks:")]
    assert str(data / "demo" / "buyer-messages" / "webhooks" / "webhooks.jsonl") in hooks and "/webhooks/" in hooks
    [pages] = [l for l in r.stdout.splitlines() if l.startswith("Buyer pages")]
    assert pages.count("/my/") == 3 and "b-wang" in pages  # one link a seeded buyer


def _start_sandbox(tmp_path, port: int, folder: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen([sys.executable, "-m", "pos_terminal", "sandbox", "--port", str(port), "--db",
                             f"sqlite:///{tmp_path / 'p.sqlite3'}", "--standins", str(folder)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)


def _order_mails(folder: Path, order_no: str) -> list:
    found = []
    for p in sorted((folder / "mail").glob("*.eml")):
        msg = BytesParser(policy=policy.default).parsebytes(p.read_bytes(), headersonly=True)
        if msg["X-Order-No"] == order_no:
            found.append(msg)
    return found


def test_a_sandbox_killed_after_sending_does_not_send_again_when_it_starts_again(tmp_path):
    port = _free_port("127.0.0.1")
    folder = tmp_path / "messages"
    body = {"merchant_id": "m-tea", "buyer_id": "b-zhang", "buyer_email": "zhang.wei@example.com",
            "lines": [{"sku": "GTEA-250", "name": "西湖龙井绿茶 250g", "unit_price_minor": 1500, "quantity": 1}]}

    def create(proc, deadline):
        def attempt():
            try:
                return requests.post(f"http://127.0.0.1:{port}/api/v1/orders", headers=T01, json=body, timeout=5)
            except requests.ConnectionError:
                return None
        r = _until(attempt, deadline, proc)
        assert r.status_code == 201, r.text
        return r.json()

    proc = _start_sandbox(tmp_path, port, folder)
    try:
        deadline = time.monotonic() + 60
        first = create(proc, deadline)
        _until(lambda: _order_mails(folder, first["order_no"]), deadline, proc)
    finally:
        proc.kill()  # SIGKILL: no shutdown of the sender, the SMTP stand-in or the database
        proc.wait(timeout=30)

    proc = _start_sandbox(tmp_path, port, folder)
    try:
        deadline = time.monotonic() + 60
        second = create(proc, deadline)
        # the outbox goes oldest first: once the new order's e-mail is in, the restart's sender has
        # been past everything queued before it
        _until(lambda: _order_mails(folder, second["order_no"]), deadline, proc)
        assert len(_order_mails(folder, first["order_no"])) == 1
        assert len(_order_mails(folder, second["order_no"])) == 1
    finally:
        proc.send_signal(2)
        proc.wait(timeout=30)
