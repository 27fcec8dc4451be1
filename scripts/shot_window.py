"""What the screenshot scripts share: the main window on a demo terminal, in English or Chinese,
at a counter's size, and `settle()` / `shot()` to wait for its background work and save it.

    from shot_window import ShotWindow
    win = ShotWindow(facades, settings, out_prefix, zh=args.zh)
    win.settle(0.5); win.shot("order")            # writes OUT_PREFIX-order.png
"""

from __future__ import annotations

import time
from typing import Any


class ShotWindow:
    def __init__(self, facades: Any, settings: Any, out_prefix: str, *, zh: bool = False,
                 size: tuple[int, int] = (1024, 768), shot_settle_s: float = 0.3, extra_qm: str | None = None) -> None:
        from PySide6.QtCore import QTranslator
        from PySide6.QtWidgets import QApplication

        from config.schema import Language
        from ui.i18n import LanguageManager
        from ui.main_window import MainWindow
        from ui.style import apply_look

        self.app = QApplication.instance() or QApplication([])
        apply_look(self.app, settings.ui.font_scale)
        self.languages = LanguageManager(self.app, Language.ZH_CN if zh else Language.EN)
        self.languages.apply(self.languages.choice)  # the committed catalogue
        if extra_qm:  # a catalogue being written, over the committed one
            extra = QTranslator(self.app)
            if extra.load(extra_qm):
                self.app.installTranslator(extra)
        self.window = MainWindow(facades, self.languages)
        self.window.resize(*size)
        self.window.show()
        self.window.start(poll_interval_ms=60_000)
        self.out_prefix = out_prefix
        self.shot_settle_s = shot_settle_s

    def settle(self, extra_s: float = 0.0) -> None:
        """Until the background tasks are done (and at least `extra_s` has passed)."""
        from PySide6.QtCore import QDeadlineTimer, QThreadPool

        from ui.tasks import pending_tasks

        end = time.monotonic() + extra_s
        for _ in range(400):
            QThreadPool.globalInstance().waitForDone(QDeadlineTimer(50))
            self.app.processEvents()
            if pending_tasks() == 0 and time.monotonic() >= end:
                break
        self.app.processEvents()

    def shot(self, name: str, widget: Any = None) -> str:
        """Saves the window (or `widget`) as OUT_PREFIX-name.png once settled; prints the path."""
        self.settle(self.shot_settle_s)
        path = f"{self.out_prefix}-{name}.png"
        (widget or self.window).grab().save(path)
        print(path)
        return path
