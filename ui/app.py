"""The GUI entry point: `run_gui(app, ...)` (pos_terminal.app.facades.App). The caller owns the terminal and closes it
after run_gui returns; run_gui waits for its background tasks before returning."""

from __future__ import annotations

import logging
import signal
import sys
from pathlib import Path

from PySide6.QtCore import QDeadlineTimer, QThreadPool, QTimer
from PySide6.QtWidgets import QApplication

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


def stop_on_signals(app: QApplication) -> QTimer:
    """Ctrl+C and SIGTERM quit the event loop cleanly (so the caller closes devices and the
    database). Python runs signal handlers only between bytecodes, so a short timer wakes it."""
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: app.quit())
    waker = QTimer(app)
    waker.timeout.connect(lambda: None)
    waker.start(250)
    return waker


def run_gui(facades: App, *, screenshot: Path | None = None, quit_after_screenshot: bool = False, argv=None) -> int:
    app = QApplication.instance() or QApplication(list(argv) if argv is not None else sys.argv[:1])
    app.setApplicationName("pos-terminal")
    window = create_window(facades, app)
    if window._app.store.settings.ui.fullscreen:
        window.showFullScreen()
    else:
        window.resize(1024, 768)
        window.show()
    window.start()
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
