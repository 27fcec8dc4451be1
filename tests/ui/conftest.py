"""UI fixtures: a MainWindow on the real demo Terminal, in English unless a test switches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QDeadlineTimer, QThreadPool

from config.schema import Language
from ui.i18n import LanguageManager
from ui.main_window import MainWindow
from ui.style import apply_look
from ui.tasks import pending_tasks


def settle(qtbot) -> None:
    """Waits until every background task has finished and its callbacks have run."""
    qtbot.waitUntil(lambda: pending_tasks() == 0, timeout=10_000)


@pytest.fixture
def languages(qapp):
    manager = LanguageManager(qapp, Language.EN)
    manager.apply(Language.EN)
    yield manager
    manager.uninstall()


@pytest.fixture
def window(qtbot, qapp, app, languages):
    apply_look(qapp, app.store.settings.ui.font_scale)
    win = MainWindow(app, languages)
    qtbot.addWidget(win)
    win.resize(1024, 768)
    win.show()
    yield win
    win.stop()
    QThreadPool.globalInstance().waitForDone(QDeadlineTimer(10_000))
    settle(qtbot)


def sign_in(qtbot, win: MainWindow, username: str, pin: str) -> None:
    page = win.sign_in_page
    page.user_edit.setText(username)
    page.pin_edit.setText(pin)
    page.submit()
    settle(qtbot)
