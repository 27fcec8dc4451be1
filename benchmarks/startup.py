"""Cold start to the main window shown: a new process, from spawn until the window has been shown
and its first frame grabbed and saved, median of 5; beside a bare QApplication with one QLabel
doing exactly the same in the same run. Both offscreen. The terminal's data folder exists
already (a counter's everyday start), made by one unmeasured start first."""

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

# Both probes: build, show, and on the first event-loop turn grab + save + quit.
BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
window = QLabel("Hello, counter")
window.resize(1024, 768)
window.show()
def shot():
    window.grab().save(sys.argv[1])
    app.quit()
QTimer.singleShot(0, shot)
app.exec()
"""

TERMINAL = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from config.schema import Settings
from pos_terminal.bootstrap import build_terminal
from pos_terminal.app.facades import App
from ui.app import create_window
terminal = build_terminal(Settings(), demo=True)
app = QApplication(sys.argv[:1])
window = create_window(App.of(terminal), app)
window.resize(1024, 768)
window.show()
window.start()
def shot():
    window.grab().save(sys.argv[1])
    app.quit()
QTimer.singleShot(0, shot)
app.exec()
window.stop()
terminal.close()
"""


def _time_until_file(code: str, shot: Path, env: dict) -> float:
    shot.unlink(missing_ok=True)
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(shot)], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)
    while not (shot.exists() and shot.stat().st_size > 0):
        if proc.poll() is not None and not shot.exists():
            raise RuntimeError(f"probe exited {proc.returncode} without a screenshot: {proc.stderr.read().decode()[-2000:]}")
        time.sleep(0.002)
    elapsed = time.perf_counter() - t0
    proc.wait(timeout=60)
    return elapsed * 1000


def run(out_dir: Path) -> list[dict]:
    folder = out_dir / "startup"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", POS_TERMINAL_DATA_DIR=str(folder / "data"), PYTHONPATH=str(ROOT))
    _time_until_file(TERMINAL, folder / "warmup.png", env)  # creates and migrates the database
    app_ms, bare_ms = [], []
    for i in range(RUNS):  # interleaved, so both see the same machine state
        app_ms.append(_time_until_file(TERMINAL, folder / f"terminal-{i}.png", env))
        bare_ms.append(_time_until_file(BARE, folder / f"bare-{i}.png", env))
    return [
        row(f"cold start to main window shown, median of {RUNS}", median(app_ms), median(bare_ms), "ms",
            "bare QApplication + one QLabel, new process, same run", runs_ms=[round(x, 1) for x in app_ms],
            baseline_runs_ms=[round(x, 1) for x in bare_ms]),
    ]
