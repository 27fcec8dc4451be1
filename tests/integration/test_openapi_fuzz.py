"""Fuzzing the sandbox platform from its own OpenAPI document with schemathesis (its command
line, against the server on loopback): whatever the generated request, never a 5xx."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import requests

from pos_terminal.clock import SystemClock
from sync.sandbox import seed
from sync.sandbox.server import SandboxServer

ST = shutil.which("schemathesis", path=str(Path(sys.executable).parent))
pytestmark = pytest.mark.skipif(ST is None, reason="schemathesis is not installed (the dev extra has it)")


def test_no_server_errors(tmp_path):
    store, terminal, secret = seed.DEMO_TERMINAL
    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'platform.sqlite3'}", clock=SystemClock()) as server:
        r = subprocess.run(
            [ST, "run", f"{server.url}/openapi.json", "--checks", "not_a_server_error", "--max-examples", "25",
             "--seed", "1", "--no-color", "--request-timeout", "10",
             "-H", f"Authorization: Bearer {secret}", "-H", f"X-Store-Id: {store}", "-H", f"X-Terminal-Id: {terminal}"],
            capture_output=True, text=True, timeout=400, cwd=tmp_path)
        doc = requests.get(f"{server.url}/openapi.json", timeout=10).json()
    operations = sum(m in ("get", "put", "post", "delete", "patch") for ops in doc["paths"].values() for m in ops)
    assert operations >= 24  # the API only grows
    assert r.returncode == 0, r.stdout[-6000:] + r.stderr[-2000:]
    assert f"{operations} selected" in r.stdout, r.stdout[-3000:]  # every operation of the document was exercised
