"""`pos-terminal sandbox` says how to sign in to its seller portal, and those words work: a real
subprocess on loopback, signed in to over HTTP with the printed password."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from tests.seller_helpers import csrf_token

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sign_in(url: str, user: str, password: str) -> requests.Response:
    s = requests.Session()
    s.headers["Origin"] = url
    token = csrf_token(s.get(f"{url}/seller/login", timeout=10).text)
    return s.post(f"{url}/seller/login", data={"username": user, "password": password, "csrf_token": token},
                  allow_redirects=False, timeout=30)


def test_sandbox_prints_the_seller_sign_in_and_it_works(tmp_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([sys.executable, "-m", "pos_terminal", "sandbox", "--port", str(port), "--db",
                             f"sqlite:///{tmp_path / 'p.sqlite3'}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=dict(os.environ, QT_QPA_PLATFORM="offscreen"), cwd=ROOT)
    try:
        line = ""
        while not line.startswith("Seller portal:"):
            line = proc.stdout.readline()
            assert line or proc.poll() is None, proc.stderr.read()
        found = dict(re.findall(r"(m-tea|m-digital) / (\S+)", line))
        assert set(found) == {"m-tea", "m-digital"} and f"{url}/seller" in line
        assert f"kept in {tmp_path / 'sandbox-credentials.toml'}" in line
        deadline = time.monotonic() + 60
        while True:
            try:
                requests.get(f"{url}/api/v1/health", timeout=1)
                break
            except requests.ConnectionError:
                assert proc.poll() is None and time.monotonic() < deadline, proc.stderr.read()
                time.sleep(0.2)
        assert _sign_in(url, "m-tea", found["m-tea"]).status_code == 303
        assert _sign_in(url, "m-digital", found["m-tea"]).status_code == 401  # each seller its own password
    finally:
        proc.send_signal(2)
        proc.wait(timeout=30)
