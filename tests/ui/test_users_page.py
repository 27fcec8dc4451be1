"""The users page (issue 15), driven by keyboard: a manager adds a user, unlocks a locked one,
resets a PIN and disables a user; each change is in the audit trail with the manager's name.
A cashier has no users page."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_terminal.domain.errors import AccountLocked, SignInRefused, UserDisabled
from pos_terminal.services import audit, users
from tests.ui.conftest import settle, sign_in

K = Qt.Key


def _page(qtbot, window):
    sign_in(qtbot, window, "8001", "8642")
    ws = window.workspace
    ws.show_page("users")
    page = ws.pages["users"]
    settle(qtbot)
    return page


def _audit(terminal, action):
    return [e for e in audit.entries(terminal.uow, terminal.settings.terminal.terminal_id) if e.action == action]


def _select(qtbot, page, username):
    page.table.setFocus()
    qtbot.keyClick(page.table, K.Key_Home)
    while page.selected_username() != username:
        before = page.selected_username()
        qtbot.keyClick(page.table, K.Key_Down)
        assert page.selected_username() != before, f"{username} is not in the list"


def test_a_manager_adds_a_user_by_keyboard(qtbot, window, app, terminal):
    page = _page(qtbot, window)
    assert [r.username for r in page.rows] == ["1001", "8001", "9001"]
    page.username_edit.setFocus()
    qtbot.keyClicks(page.username_edit, "1002")
    qtbot.keyClick(QApplication.focusWidget(), K.Key_Tab)
    assert QApplication.focusWidget() is page.name_edit
    qtbot.keyClicks(page.name_edit, "Liu Yang")
    qtbot.keyClick(page.name_edit, K.Key_Tab)
    assert QApplication.focusWidget() is page.role_combo
    qtbot.keyClick(page.role_combo, K.Key_Tab)  # the cashier role is first
    assert QApplication.focusWidget() is page.pin_edit
    qtbot.keyClicks(page.pin_edit, "2468")
    qtbot.keyClick(page.pin_edit, K.Key_Tab)
    qtbot.keyClicks(page.again_edit, "2469")
    qtbot.keyClick(page.again_edit, K.Key_Return)
    assert "differ" in page.message.text() and page.pin_edit.text() == "" and page.pin_edit.hasFocus()
    qtbot.keyClicks(page.pin_edit, "2468")
    qtbot.keyClick(page.pin_edit, K.Key_Tab)
    qtbot.keyClicks(page.again_edit, "2468")
    with qtbot.waitSignal(page.listed, timeout=10_000):
        qtbot.keyClick(page.again_edit, K.Key_Return)
    assert page.message.text() == "User 1002 added."
    assert page.selected_username() == "1002" and page.username_edit.text() == ""
    assert app.users.sign_in("1002", "2468").display_name == "Liu Yang"
    [entry] = _audit(terminal, users.USER_ADD)
    assert entry.username == "8001" and entry.subject == "user 1002" and "2468" not in str(entry.to_dict())


def test_adding_an_existing_user_is_refused_in_words(qtbot, window):
    page = _page(qtbot, window)
    page.username_edit.setFocus()
    qtbot.keyClicks(page.username_edit, "1001")
    for field in (page.pin_edit, page.again_edit):
        field.setFocus()
        qtbot.keyClicks(field, "2468")
    qtbot.keyClick(page.again_edit, K.Key_Return)
    settle(qtbot)
    assert page.message.text() == "User 1001 exists already. Choose another user number."


def test_unlock_reset_pin_and_disable_by_keyboard(qtbot, window, app, terminal):
    for _ in range(terminal.lockout.max_failed_attempts):
        with pytest.raises(SignInRefused):
            app.users.sign_in("1001", "9999")
    with pytest.raises(AccountLocked):
        app.users.sign_in("1001", "1357")
    page = _page(qtbot, window)
    _select(qtbot, page, "1001")
    assert page.table.item(0, 3).text().startswith("Locked until") and page.unlock_button.isEnabled()
    qtbot.keyClick(page.table, K.Key_Tab)
    qtbot.keyClick(QApplication.focusWidget(), K.Key_Tab)
    assert QApplication.focusWidget() is page.unlock_button
    with qtbot.waitSignal(page.listed, timeout=10_000):
        qtbot.keyClick(page.unlock_button, K.Key_Space)
    assert app.users.sign_in("1001", "1357").username == "1001"
    [entry] = _audit(terminal, users.USER_UNLOCK)
    assert entry.username == "8001" and entry.details["was_locked_until"]

    # Reset PIN: a dialog; Esc closes it, Enter sets the PIN
    _select(qtbot, page, "1001")
    page.reset_button.setFocus()
    qtbot.keyClick(page.reset_button, K.Key_Space)
    dialog = page.pin_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.pin_edit.hasFocus)
    qtbot.keyClick(dialog.pin_edit, K.Key_Escape)
    qtbot.waitUntil(lambda: page.pin_dialog is None)
    page.reset_button.setFocus()
    qtbot.keyClick(page.reset_button, K.Key_Space)
    dialog = page.pin_dialog
    qtbot.waitUntil(dialog.pin_edit.hasFocus)
    qtbot.keyClicks(dialog.pin_edit, "3579")
    qtbot.keyClick(dialog.pin_edit, K.Key_Tab)
    qtbot.keyClicks(dialog.again_edit, "3579")
    with qtbot.waitSignal(page.listed, timeout=10_000):
        qtbot.keyClick(dialog.again_edit, K.Key_Return)
    assert page.message.text() == "The PIN of 1001 is set."
    assert app.users.sign_in("1001", "3579").username == "1001"
    assert len(_audit(terminal, users.PIN_RESET)) == 1

    # Disable, then the cashier cannot sign in
    _select(qtbot, page, "1001")
    assert page.active_button.text() == "&Disable"
    page.active_button.setFocus()
    with qtbot.waitSignal(page.listed, timeout=10_000):
        qtbot.keyClick(page.active_button, K.Key_Space)
    with pytest.raises(UserDisabled):
        app.users.sign_in("1001", "3579")
    assert page.rows[0].active is False and page.table.item(0, 3).text() == "Disabled"
    assert page.active_button.text() == "&Enable"


def test_a_manager_cannot_disable_themselves(qtbot, window):
    page = _page(qtbot, window)
    _select(qtbot, page, "8001")
    page.active_button.setFocus()
    qtbot.keyClick(page.active_button, K.Key_Space)
    settle(qtbot)
    assert page.message.text() == "You cannot disable your own account; another manager can."


def test_a_cashier_has_no_users_page(qtbot, window):
    sign_in(qtbot, window, "1001", "1357")
    assert "users" not in window.workspace.pages and "receipts" in window.workspace.pages
