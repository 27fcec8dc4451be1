"""Saves a screenshot of one page as a signed-in user sees it, for looking at layouts:
    .venv/bin/python scripts/screenshot_page.py devices OUT.png [--user 9001 --pin 9753] [--zh] [--platforms]
Runs on the demo terminal in a temporary data folder (set QT_QPA_PLATFORM=offscreen or DISPLAY)."""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("page")
    parser.add_argument("out")
    parser.add_argument("--user", default="9001")
    parser.add_argument("--pin", default="9753")
    parser.add_argument("--zh", action="store_true")
    parser.add_argument("--config")
    parser.add_argument("--tab", type=int, default=0)
    parser.add_argument("--wait-ms", type=int, default=1500)
    parser.add_argument("--platforms", action="store_true", help="start the demo's sandbox platforms first")
    args = parser.parse_args()
    os.environ.setdefault("POS_TERMINAL_DATA_DIR", tempfile.mkdtemp(prefix="pos-shot-"))

    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from config import loader
    from config.schema import Language
    from pos_terminal.app.container import build_terminal
    from pos_terminal.app.facades import App
    from pos_terminal.security import ScryptPinHasher
    from ui.i18n import LanguageManager
    from ui.main_window import MainWindow
    from ui.style import apply_look

    settings = loader.load(args.config) if args.config else loader.defaults()
    terminal = build_terminal(settings, demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)
    if args.platforms:  # as `pos-terminal demo` does: the status line shows them online
        from pos_terminal.app.demo import start_demo_platform

        start_demo_platform(terminal)
    facades = App.of(terminal)
    app = QApplication.instance() or QApplication([])
    apply_look(app, settings.ui.font_scale)
    languages = LanguageManager(app, Language.ZH_CN if args.zh else Language.EN)
    languages.apply(languages.choice)
    window = MainWindow(facades, languages)
    window.resize(1024, 768)
    window.show()
    window.start()
    window.enter(facades.users.sign_in(args.user, args.pin))
    window.workspace.show_page(args.page)
    page = window.workspace.pages[args.page]
    if hasattr(page, "tabs"):
        page.tabs.setCurrentIndex(args.tab)

    def shoot():
        window.grab().save(args.out)
        app.quit()

    QTimer.singleShot(args.wait_ms, shoot)
    app.exec()
    window.stop()
    terminal.close()
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
