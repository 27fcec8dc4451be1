"""The workspace builds each page on its first visit (issue 14): signing in builds the first page
only, the side navigation is labelled without building the others, and a page is built once."""

from __future__ import annotations

from PySide6.QtCore import Qt

from config.schema import Language
from tests.ui.conftest import settle, sign_in


def test_signing_in_builds_the_first_page_only_and_a_visit_builds_the_next(qtbot, window):
    sign_in(qtbot, window, "8001", "8642")  # a manager: all eight pages
    ws = window.workspace
    assert list(ws.pages) == ["checkout", "receipts", "refunds", "shift", "settlement", "users", "devices",
                              "settings"]
    assert list(ws.pages.built()) == ["checkout"]
    assert [ws.nav.buttons[k].text() for k in ws.pages] == ["Checkout", "Receipts", "Refunds", "Shift && reports",
                                                           "Settlement", "Users", "Devices", "Settings"]
    qtbot.mouseClick(ws.nav.buttons["shift"], Qt.MouseButton.LeftButton)
    settle(qtbot)
    shift = ws.pages.built()["shift"]
    assert ws.current_page() == "shift" and ws.stack.currentWidget() is shift
    assert list(ws.pages.built()) == ["checkout", "shift"]
    ws.show_page("checkout")
    ws.show_page("shift")
    assert ws.pages["shift"] is shift and ws.stack.count() == 2  # built once


def test_a_page_the_role_does_not_allow_is_never_built(qtbot, window):
    sign_in(qtbot, window, "1001", "1357")  # a cashier: no devices page
    ws = window.workspace
    assert "devices" not in ws.pages
    try:
        ws.pages["devices"]
    except KeyError:
        pass
    else:
        raise AssertionError("a cashier's workspace built the devices page")
    assert "devices" not in ws.pages.built()


def test_the_labels_follow_the_language_without_building_the_pages(qtbot, window, languages):
    sign_in(qtbot, window, "8001", "8642")
    ws = window.workspace
    languages.apply(Language.ZH_CN)
    try:
        qtbot.waitUntil(lambda: ws.nav.buttons["checkout"].text() == "收银", timeout=5000)
        assert ws.nav.buttons["shift"].text() == "交班与报表"
        assert list(ws.pages.built()) == ["checkout"]
        assert ws.pages["checkout"].nav_title() == ws.nav.buttons["checkout"].text()
    finally:
        languages.apply(Language.EN)


def test_ctrl_and_the_pages_number_changes_page_by_keyboard(qtbot, window):
    """Keyboard alone (issue 15): Ctrl+N shows the N-th page of the side navigation and puts the
    focus in it, so the next keys go to that page."""
    sign_in(qtbot, window, "8001", "8642")
    ws = window.workspace
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.current_page() == "shift", timeout=5000)
    assert ws.nav.buttons["shift"].isChecked() and ws.nav.buttons["shift"].toolTip() == "Ctrl+4"
    qtbot.waitUntil(lambda: ws.pages["shift"].isAncestorOf(window.focusWidget()), timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.current_page() == "refunds", timeout=5000)
    qtbot.keyClick(window, Qt.Key.Key_1, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: ws.current_page() == "checkout", timeout=5000)
    settle(qtbot)
