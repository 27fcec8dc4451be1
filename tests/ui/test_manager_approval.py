from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from pos_terminal.domain.model import Role
from tests.ui.conftest import settle, sign_in
from ui.dialogs.manager_approval import ManagerApprovalDialog


def _dialog(qtbot, terminal):
    dialog = ManagerApprovalDialog(terminal, "Void line 2")
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_a_manager_approves(qtbot, terminal, languages):
    dialog = _dialog(qtbot, terminal)
    dialog.user_edit.setText("8001")
    dialog.pin_edit.setText("8642")
    dialog.submit()
    assert dialog.busy and not dialog.approve_button.isEnabled() and dialog.progress.isVisible()
    settle(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.approver.role is Role.MANAGER and dialog.approver.username == "8001"


def test_a_cashier_cannot_approve(qtbot, terminal, languages):
    dialog = _dialog(qtbot, terminal)
    dialog.user_edit.setText("1001")
    dialog.pin_edit.setText("1357")
    dialog.submit()
    settle(qtbot)
    assert dialog.isVisible() and dialog.approver is None
    assert dialog.message.text() == "User 1001 cannot approve this. A manager must approve."
    assert dialog.pin_edit.text() == "" and dialog.approve_button.isEnabled()


def test_a_wrong_manager_pin_is_shown_in_the_dialog(qtbot, terminal, languages):
    dialog = _dialog(qtbot, terminal)
    dialog.user_edit.setText("8001")
    dialog.pin_edit.setText("1111")
    dialog.submit()
    settle(qtbot)
    assert dialog.isVisible() and dialog.approver is None
    assert dialog.message.text() == "Wrong user or PIN. 4 attempts left before the user is locked."


def test_request_is_modal_and_returns_the_manager(qtbot, window):
    sign_in(qtbot, window, "1001", "1357")

    def answer():
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ManagerApprovalDialog)
        dialog.user_edit.setText("8001")
        dialog.pin_edit.setText("8642")
        dialog.submit()

    QTimer.singleShot(0, answer)
    manager = ManagerApprovalDialog.request(window, window._terminal, "Pay out ¥20.00")  # returns when it closes
    assert manager is not None and manager.username == "8001" and manager.role is Role.MANAGER


def test_cancelling_a_request_returns_none(qtbot, window):
    sign_in(qtbot, window, "8001", "8642")
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().cancel_button.click())
    assert ManagerApprovalDialog.request(window, window._terminal, "Pay out ¥20.00") is None
