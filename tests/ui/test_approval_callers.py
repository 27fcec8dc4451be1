"""The manager's approval through the real screens that ask for it, answered by keyboard only
(issue 11): the checkout's cancel after money was taken (the void is recorded and counted by the
X report), and the shift close short above the limit. Both first get a wrong PIN: the dialog
says so and stays open, and the right PIN then approves, and the act happens exactly once."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pos_terminal.services import audit, reports
from tests.ui.approval_keys import activate, keys, press, type_approval
from tests.ui.conftest import settle
from tests.ui.test_checkout import checkout, scan, voucher  # noqa: F401  (the fixture)
from tests.ui.test_shift_screen import ModalDriver, opened, shift_tab
from ui.dialogs.cash_dialogs import DenominationCountDialog
from ui.dialogs.manager_approval import ManagerApprovalDialog


def wrong_then_right(qtbot, seen: list):
    """Handler of the approval dialog: a wrong PIN and Enter, look, then the right PIN and Enter."""
    def answer(dialog: ManagerApprovalDialog) -> None:
        assert isinstance(dialog, ManagerApprovalDialog)
        seen.append(dialog._action.text())
        type_approval(qtbot, dialog, "8001", "1111")
        gone = lambda: not shiboken6.isValid(dialog) or not dialog.isVisible()  # noqa: E731
        qtbot.waitUntil(lambda: gone() or not dialog.busy, timeout=10_000)
        if gone():  # what happened before issue 11: Enter clicked Cancel
            seen.append("the dialog vanished")
            return
        seen.append((dialog.isVisible(), dialog.message.text(), dialog.pin_edit.text(),
                     QApplication.focusWidget() is dialog.pin_edit))
        keys("8642")
        press()
    return answer


def audit_log(terminal) -> list[tuple[str, str]]:
    return [(e.action, e.outcome) for e in reversed(audit.entries(terminal.uow, "T01"))
            if e.action in (audit.APPROVAL, audit.VOID)]


def test_cancel_after_cash_was_taken_is_approved_by_keyboard_and_the_void_is_recorded(qtbot, window, terminal, voucher):
    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page.choose_tender("cash")
    page.cash_edit.setText("10")
    page.take_cash()
    settle(qtbot)
    assert page.state == "order" and page.due_label.text() == "¥23.80"

    seen: list = []
    QTimer.singleShot(0, lambda: wrong_then_right(qtbot, seen)(QApplication.activeModalWidget()))
    page.cancel()  # Esc / the cancel button: modal until approved and cancelled
    settle(qtbot)
    assert "PO000000009001" in seen[0] and "¥10.00" in seen[0]
    assert seen[1] == (True, "Wrong user or PIN. 4 attempts left before the user is locked.", "", True)
    assert page.state == "idle"
    assert page.message.text() == "Order cancelled. Given back: cash ¥10.00: hand it back Void slip printed."
    assert audit_log(terminal) == [("approval", "refused"), ("approval", "ok"), ("void", "ok")]
    [void] = [e for e in audit.entries(terminal.uow, "T01") if e.action == audit.VOID]
    assert void.details["manager"] == "8001" and void.details["given_back"] == [{"kind": "cash", "amount_minor": 1000}]

    x = reports.x_report(terminal.day_context(), user=page._user)
    assert (x.voids_count, x.voids_minor) == (1, 1000)
    rows = [r[:3] for r in window.workspace.pages["shift"].reports.report_rows(x)]  # the Reports screen
    at = rows.index(("Voids", "1", "¥10.00"))
    assert rows[at + 1:at + 4] == [("    Cash", "1", "¥10.00"), ("    Prepaid card", "0", "¥0.00"),
                                   ("    Bank card", "0", "¥0.00")]


def test_cancel_dialog_dismissed_with_escape_keeps_the_order_and_records_nothing(qtbot, window, terminal, voucher):
    from PySide6.QtCore import Qt

    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page.choose_tender("cash")
    page.cash_edit.setText("10")
    page.take_cash()
    settle(qtbot)

    def escape():
        dialog = QApplication.activeModalWidget()
        activate(qtbot, dialog)
        press(Qt.Key.Key_Escape)

    QTimer.singleShot(0, escape)
    page.cancel()
    settle(qtbot)
    assert page.state == "order" and page.session is not None and page.session.paid_minor == 1000
    assert audit_log(terminal) == []


def test_closing_short_above_the_limit_is_approved_by_keyboard(qtbot, window, terminal):
    page, tab = shift_tab(qtbot, window)
    opened(qtbot, tab, {10000: 1, 5000: 1})  # ¥150 float; limit ¥10

    def count(dialog: DenominationCountDialog) -> None:
        dialog.set_counts({10000: 1, 2000: 1})  # ¥120: short ¥30
        dialog.note_edit.setText("change given twice")
        dialog.ok_button.click()

    seen: list = []
    driver = ModalDriver((DenominationCountDialog, count), (ManagerApprovalDialog, wrong_then_right(qtbot, seen)))
    tab.close_button.click()
    settle(qtbot)
    assert driver.done()
    settle(qtbot)
    assert seen[0] == "Close the shift ¥30.00 short."
    assert seen[1] == (True, "Wrong user or PIN. 4 attempts left before the user is locked.", "", True)
    assert tab.summary is None and tab.last_closed is not None
    closed = tab.last_closed
    assert (closed.over_short_minor, closed.close_approved_by, closed.close_note) == (-3000, "8001",
                                                                                      "change given twice")
    entries = [(e.action, e.outcome) for e in reversed(audit.entries(terminal.uow, "T01"))
               if e.action in (audit.APPROVAL, audit.SHIFT_CLOSE)]
    assert entries == [("approval", "refused"), ("approval", "ok"), ("shift_close", "ok")]
