from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt

from pos_terminal.domain.model import Role
from tests.ui.conftest import settle, sign_in

ALL = ["checkout", "receipts", "refunds", "shift", "settlement", "users", "devices", "settings"]


@pytest.mark.parametrize(
    ("username", "pin", "role", "pages"),
    [
        ("1001", "1357", Role.CASHIER, ["checkout", "receipts", "refunds", "shift", "settings"]),
        ("8001", "8642", Role.MANAGER, ALL),
        ("9001", "9753", Role.TECHNICIAN, ["devices", "settings"]),
    ],
)
def test_each_role_sees_its_pages(qtbot, window, username, pin, role, pages):
    sign_in(qtbot, window, username, pin)
    assert window.workspace is not None
    assert window.stack.currentWidget() is window.workspace
    assert window.user.role is role
    assert window.workspace.page_keys() == pages
    assert list(window.workspace.nav.buttons) == pages
    assert window.workspace.current_page() == pages[0]
    assert window.workspace.header.user_label.text() == window.user.display_name
    assert window.workspace.header.sign_out_button.text() == "Sign out"


def test_sign_out_returns_to_an_empty_sign_in(qtbot, window):
    sign_in(qtbot, window, "1001", "1357")
    qtbot.mouseClick(window.workspace.header.sign_out_button, Qt.MouseButton.LeftButton)
    assert window.workspace is None
    assert window.stack.currentWidget() is window.sign_in_page
    assert window.sign_in_page.user_edit.text() == "" and window.sign_in_page.pin_edit.text() == ""


def test_enter_in_the_pin_field_signs_in(qtbot, window):
    page = window.sign_in_page
    qtbot.keyClicks(page.user_edit, "8001")
    qtbot.keyClick(page.user_edit, Qt.Key.Key_Return)
    qtbot.keyClicks(page.pin_edit, "8642")
    assert page.pin_edit.echoMode() == page.pin_edit.EchoMode.Password
    qtbot.keyClick(page.pin_edit, Qt.Key.Key_Return)
    settle(qtbot)
    assert window.user is not None and window.user.role is Role.MANAGER


def test_keypad_types_into_the_pin(qtbot, window):
    page = window.sign_in_page
    page.user_edit.setText("1001")
    page.pin_edit.setFocus()
    page._target = page.pin_edit
    for digit in "1357":
        page.keypad.key.emit(digit)
    assert page.pin_edit.text() == "1357"
    page.keypad.key.emit("enter")
    settle(qtbot)
    assert window.user is not None and window.user.username == "1001"


def test_a_wrong_pin_shows_a_message_keeps_sign_in_and_clears_the_pin(qtbot, window):
    sign_in(qtbot, window, "1001", "0000")
    page = window.sign_in_page
    assert window.workspace is None
    assert window.stack.currentWidget() is page
    assert page.pin_edit.text() == ""
    assert page.user_edit.text() == "1001"
    assert page.message.isVisible()
    assert page.message.text() == "Wrong user or PIN. 4 attempts left before the user is locked."
    assert "Traceback" not in page.message.text()


def test_an_unknown_user_is_refused_without_saying_so(qtbot, window):
    sign_in(qtbot, window, "4242", "1357")
    assert window.workspace is None
    assert window.sign_in_page.message.text() == "Unknown user or wrong PIN."


def test_a_disabled_user_is_told_to_ask_a_manager(qtbot, window, terminal):
    with terminal.uow() as uow:
        uow.users.by_username("1001").active = False
        uow.commit()
    sign_in(qtbot, window, "1001", "1357")
    assert window.workspace is None
    assert window.sign_in_page.message.text() == "This user cannot sign in. Ask a manager."


def test_empty_fields_ask_for_user_and_pin_without_a_call(qtbot, window, app, monkeypatch):
    calls = []
    monkeypatch.setattr(app.users, "sign_in", lambda *a: calls.append(a))
    window.sign_in_page.submit()
    settle(qtbot)
    assert calls == []
    assert window.sign_in_page.message.text() == "Enter your user number and PIN."


def test_repeated_wrong_pins_lock_the_user(qtbot, window, terminal):
    attempts = terminal.settings.security.max_failed_attempts
    for _ in range(attempts - 1):
        sign_in(qtbot, window, "1001", "0000")
    sign_in(qtbot, window, "1001", "0000")
    minutes = terminal.settings.security.lockout_minutes
    assert window.sign_in_page.message.text() == f"Wrong PIN. This user is now locked for {minutes} minutes."
    sign_in(qtbot, window, "1001", "1357")  # the right PIN does not help now
    assert window.workspace is None
    text = window.sign_in_page.message.text()
    assert text.startswith("This user is locked after too many wrong PINs until ")
    assert window.sign_in_page.pin_edit.text() == ""


def test_sign_in_runs_off_the_gui_thread_and_the_window_stays_responsive(qtbot, window, app, monkeypatch):
    real = app.users.sign_in
    seen: list[threading.Thread] = []
    entered, release = threading.Event(), threading.Event()

    def slow_sign_in(username, pin):
        seen.append(threading.current_thread())
        entered.set()
        release.wait(timeout=10)
        return real(username, pin)

    monkeypatch.setattr(app.users, "sign_in", slow_sign_in)
    page = window.sign_in_page
    page.user_edit.setText("1001")
    page.pin_edit.setText("1357")
    page.submit()  # returns while the check is still running
    try:
        assert entered.wait(timeout=10)
        assert seen and seen[0] is not threading.main_thread()
        assert page.busy and not page.sign_in_button.isEnabled()
        assert page.sign_in_button.text() == "Checking…"
        page.submit()  # a second press while busy starts nothing
        qtbot.wait(10)  # the event loop runs while the worker is blocked
        assert window.workspace is None
    finally:
        release.set()
    settle(qtbot)
    assert len(seen) == 1
    assert window.user is not None and window.user.username == "1001"
