"""`pos-terminal demo` and `pos-terminal run`: the window (on a virtual display when there is none)."""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from datetime import datetime
from pathlib import Path

from pos_terminal.cli.common import EXIT_BAD_INPUT, CliError, _build, _err, _settings


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
    """The window first (issue 14): the settings are read (a bad file stops here, before any
    window), the window is shown, and only then is the terminal built (database, migrations,
    devices, platform client) on a thread of its own, with the window over it: see
    pos_terminal.app.starting. Once built, on a worker: the sandbox platform, the device stand-ins
    and the background loops, then the devices open. An error of the build (another instance on
    the database, a database that cannot be opened) ends the window with what the command line
    says for it, exit code 2."""
    xvfb = _ensure_display()
    try:
        loaded = _settings(args, demo=demo)
        settings = loaded[0]
        from pos_terminal.app.paths import data_paths

        paths = data_paths(settings, demo)
        screenshot = Path(args.screenshot).resolve() if args.screenshot else None
        if screenshot is None and xvfb is not None:
            stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
            screenshot = paths.screenshots / f"main-window-{stamp}.png"
        if screenshot is not None:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            print(f"Screenshot of the main window: {screenshot}")
        if demo:
            from pos_terminal.app.demo import DEMO_SIGN_IN_LINE

            print(DEMO_SIGN_IN_LINE)
        from pos_terminal.app.facades import App
        from pos_terminal.app.starting import StartingTerminal
        from ui.app import run_gui

        starting = StartingTerminal(settings, paths, demo, lambda: _build(args, demo=demo, loaded=loaded))
        closing = threading.Event()  # the window has closed: start nothing more

        def before_devices() -> int | None:
            """On a worker once the window is shown: the terminal built, its sandbox, stand-ins, loops."""
            try:
                terminal = starting.wait()
            except Exception as exc:
                return _start_failed(exc)
            print(f"Data folder: {terminal.paths.root}  Log: {terminal.log_file}  Stop with Ctrl+C.", flush=True)
            if closing.is_set():
                return None
            _start_platform(terminal)
            _start_simulated_devices(terminal)
            terminal.start_sync()
            return None

        try:
            return run_gui(App.of(starting), screenshot=screenshot, quit_after_screenshot=args.quit_after_screenshot,
                           on_shown=starting.start, before_devices=before_devices)
        finally:
            closing.set()
            if starting.started:  # a build still running finishes first, then everything it started stops
                try:
                    terminal = starting.wait()
                except Exception:
                    terminal = None  # said by before_devices already
                if terminal is not None:
                    terminal.close()
    finally:
        if xvfb is not None:
            xvfb.terminate()
            try:
                xvfb.wait(timeout=5)
            except subprocess.TimeoutExpired:
                xvfb.kill()


def _start_failed(exc: Exception) -> int:
    """What `main` says and returns for an error of the start, which now happens behind the window."""
    import traceback

    from config.loader import SettingsError
    from pos_terminal.domain.errors import DomainError
    from pos_terminal.ports import PlatformError

    if isinstance(exc, SettingsError):
        _err(str(exc))
    elif isinstance(exc, PlatformError):
        _err(exc.message)
    elif isinstance(exc, (DomainError, CliError)):
        _err(getattr(exc, "message", None) or str(exc))
    else:
        traceback.print_exception(exc)
        return 1
    return EXIT_BAD_INPUT


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
