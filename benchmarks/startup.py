"""Cold start to the main window shown: a new process until the window's first screenshot is on
disk (shown, painted, grabbed, saved), median of 5; beside a bare QApplication with one QLabel
doing the same in the same run. Both offscreen; the terminal's data folder exists already (a
counter's everyday start), created by one unmeasured start first."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.stats import median, row

RUNS = 5
ROOT = Path(__file__).resolve().parents[1]

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv)
label = QLabel("Hello, counter")
label.resize(1024, 768)
label.show()
def shot():
    label.grab().save(sys.argv[1])
    app.quit()
QTimer.singleShot(0, shot)
app.exec()
"""


def _time_until_file(cmd: list[str], shot: Path, env: dict) -> float:
    shot.unlink(missing_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    while not (shot.exists() and shot.stat().st_size > 0):
        if proc.poll() is not None and not shot.exists():
            raise RuntimeError(f"{cmd} exited {proc.returncode} without a screenshot: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.002)
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=60)
    return elapsed * 1000


def run(out_dir: Path) -> list[dict]:
    folder = out_dir / "startup"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", POS_TERMINAL_DATA_DIR=str(folder / "data"))
    terminal_cmd = lambda shot: [sys.executable, "-m", "pos_terminal", "demo", "--screenshot", str(shot), "--quit-after-screenshot"]  # noqa: E731
    _time_until_file(terminal_cmd(folder / "warmup.png"), folder / "warmup.png", env)  # creates the database
    app_ms, bare_ms = [], []
    for i in range(RUNS):  # interleaved, so both see the same machine state
        shot = folder / f"terminal-{i}.png"
        app_ms.append(_time_until_file(terminal_cmd(shot), shot, env))
        shot = folder / f"bare-{i}.png"
        bare_ms.append(_time_until_file([sys.executable, "-c", BARE, str(shot)], shot, env))
    return [
        row(f"cold start to main window shown, median of {RUNS}", median(app_ms), median(bare_ms), "ms",
            "bare QApplication + one QLabel, new process, same run", runs_ms=[round(x, 1) for x in app_ms],
            baseline_runs_ms=[round(x, 1) for x in bare_ms]),
    ]
