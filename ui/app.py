"""The GUI entry point: `run_gui(app, ...)` (pos_terminal.app.facades.App). The caller owns the terminal and closes it
after run_gui returns; run_gui waits for its background tasks before returning."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QSize, QThreadPool, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from pos_terminal.app.facades import App
from ui.i18n import LanguageManager, initial_choice
from ui.main_window import MainWindow
from ui.style import apply_look

log = logging.getLogger(__name__)

SCREENSHOT_DELAY_MS = 300


def create_window(facades: App, app: QApplication) -> MainWindow:
    """Applies look and language to `app` and builds the window (not shown, not started)."""
    ui_settings = facades.store.settings.ui
    apply_look(app, ui_settings.font_scale)
    languages = LanguageManager(app, initial_choice(facades.settings.preferences, ui_settings.language))
    languages.apply(languages.choice)
    return MainWindow(facades, languages)


def window_mode(ui_settings) -> str:
    """How the window opens (`[ui] window`): "maximized", "fullscreen" or "normal"; the older
    `[ui] fullscreen = true` still means full screen."""
    return "fullscreen" if ui_settings.fullscreen else ui_settings.window


def show_window(window: QWidget, mode: str) -> None:
    """Shows the window maximised (the screen less the taskbar, the title bar included), full
    screen, or as a normal window of 1024x768 at most, within the screen's free area."""
    if mode == "fullscreen":
        window.showFullScreen()
    elif mode == "maximized":
        window.showMaximized()
    else:
        screen = window.screen() or QGuiApplication.primaryScreen()
        size = QSize(1024, 768)
        if screen is not None:
            size = size.boundedTo(screen.availableGeometry().size())
        window.resize(size.expandedTo(window.minimumSize()))
        window.show()


MALLOC_ARENAS = 2


def limit_malloc_arenas(arenas: int = MALLOC_ARENAS) -> bool:
    """glibc gives each thread that allocates concurrently its own malloc arena (up to 8 per core),
    and each keeps its freed pages: with the camera's capture and decode threads, the device
    workers and the pool, that is tens of MB of resident memory nobody uses (issue 14: about 20 MB
    of the demo's). Call before the worker threads start. False where it does not apply (not glibc)."""
    try:
        import ctypes
        import ctypes.util

        name = ctypes.util.find_library("c")
        if name is None:
            return False
        return bool(ctypes.CDLL(name).mallopt(-8, arenas))  # M_ARENA_MAX
    except (OSError, AttributeError):
        return False


def stop_source_caching() -> bool:
    """PySide6 puts its own __import__ in place (shiboken's feature import, PYSIDE-2029): for every
    module imported after it, it asks inspect.getsource() whether the source mentions "PySide6",
    and linecache keeps each whole source: about 30 MB of text in a running demo, and time spent
    splitting every file into lines. Gives that check the same answer without linecache (the
    file's bytes, read and dropped) and empties what was cached so far. False where this PySide6
    has no such check (then nothing is changed)."""
    import linecache

    try:
        import shibokensupport.feature as feature  # PySide6's embedded support package
    except ImportError:
        return False
    if not callable(getattr(feature, "_mod_uses_pyside", None)):
        return False

    def mod_uses_pyside(module) -> bool:
        path = getattr(module, "__file__", None)
        if not isinstance(path, str) or not path.endswith(".py"):
            return False  # a built-in, an extension or a bytecode-only module: getsource() had none either
        try:
            with open(path, "rb") as fh:
                return b"PySide6" in fh.read()
        except OSError:
            return False

    feature._mod_uses_pyside = mod_uses_pyside
    linecache.clearcache()
    return True


def stop_on_signals(app: QApplication) -> QTimer:
    """Ctrl+C and SIGTERM quit the event loop cleanly (so the caller closes devices and the
    database). Python runs signal handlers only between bytecodes, so a short timer wakes it."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    waker = QTimer(app)
    waker.timeout.connect(lambda: None)
    waker.start(250)
    return waker


def run_gui(facades: App, *, screenshot: Path | None = None, quit_after_screenshot: bool = False, argv=None,
            on_shown: Callable[[], None] | None = None,
            before_devices: Callable[[], int | None] | None = None) -> int:
    """Shows the window, then starts it once the event loop runs, behind the window's first paint:
    nothing slow stands between the start and the window on screen. There, on the GUI thread,
    `on_shown` runs first (the command line starts building the terminal on its own thread), then
    the window starts: `before_devices` runs on a worker before the devices open (waiting for the
    terminal, the demo's sandbox and device stand-ins, the background loops); an exit code it
    returns ends the event loop with that code."""
    stop_source_caching()
    app = QApplication.instance() or QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName("pos-terminal")
    window = create_window(facades, app)
    window.start_failed.connect(app.exit)
    if screenshot is not None:  # a picture of the documented size, whatever this screen is
        window.resize(1024, 768)
        window.show()
    else:
        show_window(window, window_mode(facades.store.settings.ui))

    def start() -> None:
        limit_malloc_arenas()  # before the first worker thread (ctypes is not imported before the window)
        if on_shown is not None:
            on_shown()
        window.start(before_devices=before_devices)

    QTimer.singleShot(0, start)
    stop_on_signals(app)

    if screenshot is not None:

        def take() -> None:
            if not window.grab().save(str(screenshot), "PNG"):
                log.error("could not save the screenshot", extra={"path": str(screenshot)})
            if quit_after_screenshot:
                app.quit()

        QTimer.singleShot(SCREENSHOT_DELAY_MS, take)
    try:
        code = app.exec()
    finally:
        window.stop()
        QThreadPool.globalInstance().waitForDone(QDeadlineTimer(10_000))
        window.deleteLater()
    return code
