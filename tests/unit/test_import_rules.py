"""No work at import time: importing every module starts no thread, opens no database file and
creates no Qt application; the command line does not load Qt until it shows a window."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = r"""
import importlib, pkgutil, sys, threading, os
before = set(os.listdir(sys.argv[1]))
for pkg in ("pos_terminal", "drivers", "sync", "receipts", "config", "ui"):
    mod = importlib.import_module(pkg)
    for info in pkgutil.walk_packages(mod.__path__, pkg + "."):
        if info.name.endswith("__main__") or ".migrations." in info.name:
            continue
        importlib.import_module(info.name)
assert threading.active_count() == 1, threading.enumerate()
assert set(os.listdir(sys.argv[1])) == before, "a module wrote a file at import"
if "PySide6.QtWidgets" in sys.modules:
    from PySide6.QtWidgets import QApplication
    assert QApplication.instance() is None, "a module created the QApplication"
print("ok")
"""


def test_importing_every_module_does_no_work(tmp_path):
    r = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path)], cwd=tmp_path, capture_output=True, text=True,
                       env={"PYTHONPATH": str(ROOT), "HOME": str(tmp_path), "QT_QPA_PLATFORM": "offscreen"})
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "ok"


def test_cli_does_not_load_qt_or_sqlalchemy_for_simple_commands():
    code = "import sys; from pos_terminal import cli; cli.main(['version']); print('PySide6' in sys.modules, 'sqlalchemy' in sys.modules)"
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines()[-1] == "False False"
