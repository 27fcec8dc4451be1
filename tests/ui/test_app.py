"""run_gui in a child process: app.exec() and quit() leave the test process's QApplication unable
to run event loops again, so the shared pytest-qt application must not see them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import sys
from pathlib import Path
from config.schema import Settings
from pos_terminal.app.container import build_terminal
from pos_terminal.app.facades import App
from tests.conftest import FAST_HASHER
from ui.app import run_gui

terminal = build_terminal(Settings(), demo=True, hasher=FAST_HASHER, configure_logs=False)
try:
    code = run_gui(App.of(terminal), screenshot=Path(sys.argv[1]), quit_after_screenshot=True)
finally:
    terminal.close()
sys.exit(code)
"""


def test_run_gui_saves_a_screenshot_and_quits(tmp_path):
    shot = tmp_path / "window.png"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", POS_TERMINAL_DATA_DIR=str(tmp_path / "data"))
    r = subprocess.run([sys.executable, "-c", SCRIPT, str(shot)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout == ""
    image = QImage(str(shot))
    assert not image.isNull()
    assert image.width() >= 1024 and image.height() >= 768
