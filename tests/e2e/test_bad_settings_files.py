"""Issue 11, section 6: whatever sits where a settings file is expected, `pos-terminal` answers
with exit 2, the file's name and what to do; it never hangs and never shows a traceback.

Real processes on real files: a FIFO, a symbolic-link loop, a device, a folder, a name longer
than the file system allows, a file nested thousands of levels deep, a huge one, non-UTF-8.
Every run has a timeout: before the fix a FIFO made `config check` wait forever."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXE = [sys.executable, "-m", "pos_terminal"]
TIMEOUT_S = 90  # a hang is a failure (TimeoutExpired), not a wait


def run(*args, data_dir: Path):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", POS_TERMINAL_DATA_DIR=str(data_dir))
    return subprocess.run([*EXE, *args], capture_output=True, text=True, timeout=TIMEOUT_S, env=env, cwd=ROOT,
                          stdin=subprocess.DEVNULL)


def _deep(p: Path) -> Path:
    p.write_text("[terminal]\nstore_name = " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")
    return p


def _deep_table(p: Path) -> Path:
    p.write_text("x = " + "{a = " * 3000 + "1" + "}" * 3000 + "\n", encoding="utf-8")
    return p


def _loop(p: Path) -> Path:
    os.symlink(p.name, p)  # settings.toml -> settings.toml
    return p


def _two_link_loop(p: Path) -> Path:
    other = p.with_name("other.toml")
    os.symlink(other.name, p)
    os.symlink(p.name, other)
    return p


def _long_name(p: Path) -> Path:
    return p.with_name("s" * 300 + ".toml")  # NAME_MAX is 255 on Linux file systems


def _folder(p: Path) -> Path:
    p.mkdir()
    return p


def _fifo(p: Path) -> Path:
    os.mkfifo(p)
    return p


def _device(p: Path) -> Path:
    return Path("/dev/zero")  # endless bytes: reading it would never end either


def _huge(p: Path) -> Path:
    with open(p, "w", encoding="utf-8") as fh:
        fh.write("[terminal]\n")
        for _ in range(40_000):
            fh.write("# " + "x" * 60 + "\n")
    return p


def _not_utf8(p: Path) -> Path:
    p.write_bytes('[terminal]\nstore_name = "'.encode() + "好物".encode("gb18030") + b'"\n')
    return p


CASES = {
    "deeply_nested_array": (_deep, "nested too deeply"),
    "deeply_nested_table": (_deep_table, "nested too deeply"),
    "symlink_loop": (_loop, "symbolic link that leads back to itself"),
    "two_link_loop": (_two_link_loop, "symbolic link that leads back to itself"),
    "name_too_long": (_long_name, "name is longer than this system allows"),
    "folder": (_folder, "is a folder"),
    "fifo": (_fifo, "named pipe (FIFO)"),
    "device": (_device, "is a device"),
    "huge": (_huge, "a settings file is at most"),
    "not_utf8": (_not_utf8, "not UTF-8"),
}


def _refused(r, path: Path, phrase: str) -> None:
    assert r.returncode == 2, (r.returncode, r.stdout, r.stderr)
    assert "Traceback" not in r.stderr and "Error:" not in r.stderr.replace("SettingsError", ""), r.stderr
    assert f"pos-terminal: {path}: " in r.stderr, r.stderr
    assert phrase in r.stderr, r.stderr


@pytest.mark.parametrize("case", list(CASES))
def test_config_check_refuses(tmp_path, case):
    make, phrase = CASES[case]
    path = make(tmp_path / "settings.toml")
    r = run("config", "check", str(path), data_dir=tmp_path / "data")
    _refused(r, path, phrase)
    assert r.stdout == ""


@pytest.mark.parametrize("case", ["deeply_nested_array", "symlink_loop", "name_too_long", "fifo", "device", "huge"])
def test_run_refuses_before_anything_starts(tmp_path, case):
    make, phrase = CASES[case]
    path = make(tmp_path / "settings.toml")
    r = run("run", "--config", str(path), data_dir=tmp_path / "data")
    _refused(r, path, phrase)


@pytest.mark.parametrize("case", ["fifo", "symlink_loop"])
def test_demo_refuses_a_saved_settings_file_that_is_not_a_file(tmp_path, case):
    """What the devices screen saved in demo mode (data folder/demo/settings.toml)."""
    make, phrase = CASES[case]
    demo_dir = tmp_path / "data" / "demo"
    demo_dir.mkdir(parents=True)
    path = make(demo_dir / "settings.toml")
    r = run("demo", "--quit-after-screenshot", "--screenshot", str(tmp_path / "shot.png"), data_dir=tmp_path / "data")
    _refused(r, path, phrase)


@pytest.mark.parametrize("case", ["fifo", "symlink_loop", "deeply_nested_table"])
def test_a_start_refuses_a_credentials_file_that_is_not_a_file(tmp_path, case):
    make, phrase = CASES[case]
    data = tmp_path / "data"
    data.mkdir()
    path = make(data / "credentials.toml")
    if path.is_file() and not path.is_symlink():
        path.chmod(0o600)
    settings = tmp_path / "settings.toml"
    settings.write_text("", encoding="utf-8")
    r = run("run", "--config", str(settings), data_dir=data)
    _refused(r, path, phrase)


def test_demo_refuses_a_preferences_file_that_is_a_fifo(tmp_path):
    """preferences.json is read when the window is built; a FIFO there blocked the start."""
    demo_dir = tmp_path / "data" / "demo"
    demo_dir.mkdir(parents=True)
    path = _fifo(demo_dir / "preferences.json")
    r = run("demo", "--quit-after-screenshot", "--screenshot", str(tmp_path / "shot.png"), data_dir=tmp_path / "data")
    _refused(r, path, "named pipe (FIFO)")
