"""`pos-terminal demo` and `pos-terminal run`: the window (on a virtual display when there is none)."""

from __future__ import annotations

import os
import shutil
import subprocess
from datetime import datetime
from pathlib import Path

from pos_terminal.cli.common import _build, _err


def _ensure_display() -> subprocess.Popen | None:
    """Where there is no display, starts Xvfb on a free display number and says so in one line.
    Falls back to Qt's offscreen platform when Xvfb is not installed."""
    if os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    xvfb = shutil.which("Xvfb")
    if xvfb is None:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        print("No display found and Xvfb is not installed: running offscreen (install xvfb for a virtual display).")
        return None
    read_fd, write_fd = os.pipe()
    proc = subprocess.Popen(
        [xvfb, "-displayfd", str(write_fd), "-screen", "0", "1280x1024x24", "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        number = fh.readline().strip()
    if not number:
        proc.kill()
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        print("No display found and Xvfb would not start: running offscreen.")
        return None
    os.environ["DISPLAY"] = f":{number}"
    print(f"No display found: running on a virtual display (Xvfb :{number}).")
    return proc


def _run_gui(args, *, demo: bool) -> int:
    xvfb = _ensure_display()
    try:
        terminal = _build(args, demo=demo)
        try:
            screenshot = Path(args.screenshot).resolve() if args.screenshot else None
            if screenshot is None and xvfb is not None:
                stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
                screenshot = terminal.paths.screenshots / f"main-window-{stamp}.png"
            if screenshot is not None:
                screenshot.parent.mkdir(parents=True, exist_ok=True)
                print(f"Screenshot of the main window: {screenshot}")
            if demo:
                from pos_terminal.app.demo import DEMO_SIGN_IN_LINE

                print(DEMO_SIGN_IN_LINE)
            _start_platform(terminal)
            _start_simulated_devices(terminal)
            terminal.start_sync()
            print(f"Data folder: {terminal.paths.root}  Log: {terminal.log_file}  Stop with Ctrl+C.", flush=True)
            from ui.app import run_gui

            from pos_terminal.app.facades import App

            return run_gui(App.of(terminal), screenshot=screenshot, quit_after_screenshot=args.quit_after_screenshot)
        finally:
            terminal.close()
    finally:
        if xvfb is not None:
            xvfb.terminate()
            try:
                xvfb.wait(timeout=5)
            except subprocess.TimeoutExpired:
                xvfb.kill()


def _start_platform(terminal) -> None:
    """Starts the in-process sandbox platform when the settings ask for one (mode "sandbox", no
    base_url). A sandbox that will not start leaves the terminal offline, not stopped."""
    from pos_terminal.app.demo import demo_platform_lines, start_demo_platform

    try:
        url = start_demo_platform(terminal)
    except Exception as exc:
        _err(f"the sandbox platform did not start ({exc}); the terminal runs offline")
        return
    if url:
        for line in demo_platform_lines(terminal, url):
            print(line)


def _start_simulated_devices(terminal) -> None:
    """Stand-ins for a printer and a card terminal set to "simulated"; one that will not start
    leaves that device as a status, never stops the terminal."""
    from pos_terminal.app.demo import start_simulated_devices

    try:
        for line in start_simulated_devices(terminal):
            print(line)
    except Exception as exc:
        _err(f"a simulated device did not start ({exc}); see the status line")


def cmd_demo(args) -> int:
    return _run_gui(args, demo=True)


def cmd_run(args) -> int:
    return _run_gui(args, demo=False)
