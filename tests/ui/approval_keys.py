"""Answering the manager-approval dialog from the keyboard only, as a manager at the counter does:
the keys go to whatever widget has the focus (QApplication.focusWidget()), never to a chosen
field, so a focus that moves to the wrong button shows up as the wrong outcome."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from ui.dialogs.manager_approval import ManagerApprovalDialog

ENTER = Qt.Key.Key_Return


def activate(qtbot, dialog: ManagerApprovalDialog) -> None:
    """Makes the dialog the active window (the offscreen platform does not on its own), so the
    keyboard focus is real: Qt moves it away from a disabled widget only in an active window."""
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog, timeout=5000)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None, timeout=5000)


def keys(text: str) -> None:
    QTest.keyClicks(QApplication.focusWidget(), text)


def press(key=ENTER) -> None:
    QTest.keyClick(QApplication.focusWidget(), key)


def type_approval(qtbot, dialog: ManagerApprovalDialog, username: str, pin: str) -> None:
    """User number, Enter (to the PIN), PIN, Enter."""
    activate(qtbot, dialog)
    keys(username)
    press()
    keys(pin)
    press()


def by_keyboard(qtbot, username: str = "8001", pin: str = "8642"):
    """A ModalDriver / QTimer handler that approves by keyboard."""
    def answer(dialog: ManagerApprovalDialog) -> None:
        type_approval(qtbot, dialog, username, pin)
    return answer
