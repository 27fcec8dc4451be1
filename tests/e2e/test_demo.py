"""`pos-terminal demo` as `make run` starts it: a window, a screenshot, one instance at a time."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]


def _env(data_dir: Path, **extra) -> dict:
    env = dict(os.environ, POS_TERMINAL_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    env.update(extra)
    return env


def test_demo_starts_and_saves_a_screenshot_of_the_main_window(tmp_path):
    shot = tmp_path / "window.png"
    r = subprocess.run(
        [sys.executable, "-m", "pos_terminal", "demo", "--screenshot", str(shot), "--quit-after-screenshot"],
        capture_output=True, text=True, timeout=120, env=_env(tmp_path / "data"), cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    assert f"Screenshot of the main window: {shot}" in r.stdout
    assert "Demo sign-in: cashier 1001" in r.stdout
    image = QImage(str(shot))
    assert not image.isNull() and image.width() >= 1024 and image.height() >= 768
    assert (tmp_path / "data" / "demo" / "pos-terminal.sqlite3").exists()
    # how to sign in as a seller: the demo sandbox's own passwords, kept in its credentials file
    seller = next(line for line in r.stdout.splitlines() if line.startswith("Seller portal: http://127.0.0.1:"))
    secrets_file = tmp_path / "data" / "demo" / "sandbox-credentials.toml"
    assert f"(kept in {secrets_file})" in seller and secrets_file.stat().st_mode & 0o777 == 0o600
    for user in ("m-tea", "m-digital"):
        password = seller.split(f"{user} / ", 1)[1].split(" ", 1)[0]
        assert f'seller_password_{user} = "{password}"' in secrets_file.read_text()


def test_no_display_means_a_virtual_one(tmp_path):
    """Without DISPLAY and without a forced platform, demo starts Xvfb and says so in one line."""
    env = _env(tmp_path / "data")
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        env.pop(key, None)
    shot = tmp_path / "xvfb.png"
    r = subprocess.run(
        [sys.executable, "-m", "pos_terminal", "demo", "--screenshot", str(shot), "--quit-after-screenshot"],
        capture_output=True, text=True, timeout=120, env=env, cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    first = r.stdout.splitlines()[0]
    assert first.startswith("No display found: running on a virtual display (Xvfb :"), r.stdout
    assert not QImage(str(shot)).isNull()


def test_a_second_instance_on_the_same_database_is_refused(tmp_path):
    data = tmp_path / "data"
    first = subprocess.Popen([sys.executable, "-m", "pos_terminal", "demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=_env(data), cwd=ROOT)
    try:
        deadline = time.monotonic() + 60
        while "Stop with Ctrl+C" not in (line := first.stdout.readline()):
            assert line and time.monotonic() < deadline, first.stderr.read()
        r = subprocess.run([sys.executable, "-m", "pos_terminal", "demo"], capture_output=True, text=True, timeout=60,
                           env=_env(data), cwd=ROOT)
        assert r.returncode == 2
        assert f"pos-terminal: another pos-terminal (pid {first.pid}) is already running on" in r.stderr
        assert "Traceback" not in r.stderr
    finally:
        first.terminate()
        first.wait(timeout=30)


def test_ctrl_c_stops_the_terminal_cleanly(tmp_path):
    data = tmp_path / "data"
    proc = subprocess.Popen([sys.executable, "-m", "pos_terminal", "demo"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, env=_env(data), cwd=ROOT)
    deadline = time.monotonic() + 60
    while "Stop with Ctrl+C" not in (line := proc.stdout.readline()):
        assert line and time.monotonic() < deadline, proc.stderr.read()
    time.sleep(1.0)  # let the window come up
    proc.send_signal(2)  # SIGINT, what Ctrl+C sends
    assert proc.wait(timeout=30) == 0, proc.stderr.read()
    # the instance lock was released: the next start gets past it
    shot = tmp_path / "again.png"
    r = subprocess.run([sys.executable, "-m", "pos_terminal", "demo", "--screenshot", str(shot), "--quit-after-screenshot"],
                       capture_output=True, text=True, timeout=60, env=_env(data), cwd=ROOT)
    assert r.returncode == 0, r.stderr
