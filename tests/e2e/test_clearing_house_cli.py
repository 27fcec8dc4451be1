"""`pos-terminal clearing-house --port N --db URL --seed-demo`: its own process, its own database and
secrets file (mode 0600, beside the SQLite file), the key it signs with printed and published; a
database it cannot keep secrets beside is refused with a clear message."""

from __future__ import annotations

import os
import signal
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parents[2]


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env():
    return {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in (str(REPO), os.environ.get("PYTHONPATH")) if p)}


def test_the_clearing_house_command_serves_with_its_own_members_and_key(tmp_path):
    port, db = _port(), tmp_path / "ch" / "clearing.sqlite3"
    db.parent.mkdir()
    child = subprocess.Popen([sys.executable, "-m", "pos_terminal", "clearing-house", "--port", str(port), "--db",
                              f"sqlite:///{db}", "--seed-demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=_env(), cwd=REPO)
    try:
        lines = []
        while len(lines) < 4:
            line = child.stdout.readline()
            assert line, (lines, child.stderr.read()[-2000:] if child.poll() is not None else "")
            lines.append(line.strip())
        deadline = time.monotonic() + 30
        while True:
            try:
                keys = requests.get(f"http://127.0.0.1:{port}/api/v1/keys", timeout=1).json()["keys"]
                break
            except requests.RequestException:
                assert time.monotonic() < deadline and child.poll() is None
                time.sleep(0.1)
        text = "\n".join(lines)
        assert f"http://127.0.0.1:{port}/api/v1" in text
        assert "demo-store (store)" in text and "tea-house (platform)" in text
        creds = db.parent / "clearing-house-credentials.toml"
        assert str(creds) in text
        assert stat.S_IMODE(creds.stat().st_mode) == 0o600
        assert "secret_demo-store" in creds.read_text()
        assert f'public_key = "{keys[0]["public_key"]}"' in text
        unauth = requests.get(f"http://127.0.0.1:{port}/api/v1/stores/demo-store/reports/2026-11-20", timeout=5)
        assert unauth.status_code == 401 and "X-Member-Id" in unauth.json()["message"]
    finally:
        child.send_signal(signal.SIGTERM)
        try:
            child.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            child.kill()
            child.communicate(timeout=10)


def test_a_database_without_a_place_for_secrets_is_refused(tmp_path):
    done = subprocess.run([sys.executable, "-m", "pos_terminal", "clearing-house", "--port", "1", "--db",
                           "postgresql+psycopg://nobody@127.0.0.1:1/x"], capture_output=True, text=True, env=_env(),
                          cwd=REPO, timeout=60)
    assert done.returncode == 2
    assert "--credentials FILE" in done.stderr
