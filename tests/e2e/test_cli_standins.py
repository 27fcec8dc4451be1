"""`pos-terminal virtual-printer` and `pos-terminal card-simulator` as a technician starts them."""

from __future__ import annotations

import socket
import subprocess
import time

from tests.e2e.test_cli import EXE, ROOT, run


def test_card_simulator_refuses_an_unknown_mode():
    r = run("card-simulator", "--mode", "explode")
    assert r.returncode == 2 and "--mode 'explode'" in r.stderr and "approve" in r.stderr


def test_virtual_printer_on_a_taken_port_says_so():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        r = run("virtual-printer", "--port", str(busy.getsockname()[1]), timeout=30)
    assert r.returncode == 2 and "cannot listen" in r.stderr and "Traceback" not in r.stderr


def test_virtual_printer_keeps_a_job_as_bytes_and_text(tmp_path):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    proc = subprocess.Popen([*EXE, "virtual-printer", "--port", str(port), "--out", str(tmp_path)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert "listening" in proc.stdout.readline()
        with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
            conn.sendall(b"\x1b@" + "收银测试 OK\n".encode("gb18030"))
        deadline = time.monotonic() + 10
        while not list(tmp_path.glob("job-*.txt")) and time.monotonic() < deadline:
            time.sleep(0.05)
        text = next(tmp_path.glob("job-*.txt")).read_text(encoding="utf-8")
        assert "收银测试 OK" in text
        assert next(tmp_path.glob("job-*.bin")).read_bytes().startswith(b"\x1b@")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
