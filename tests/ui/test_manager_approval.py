from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from pos_terminal.app.facades import App
from pos_terminal.domain.model import Role
from tests.ui.conftest import settle, sign_in
from ui.dialogs.manager_approval import ManagerApprovalDialog


def _dialog(qtbot, terminal):
    dialog = ManagerApprovalDialog(App.of(terminal), "Void line 2")
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
    manager = ManagerApprovalDialog.request(window, window._app, "Pay out ¥20.00")  # returns when it closes
    assert manager is not None and manager.username == "8001" and manager.role is Role.MANAGER


def test_cancelling_a_request_returns_none(qtbot, window):
    sign_in(qtbot, window, "8001", "8642")
    QTimer.singleShot(0, lambda: QApplication.activeModalWidget().cancel_button.click())
    assert ManagerApprovalDialog.request(window, window._app, "Pay out ¥20.00") is None


# -- the keyboard alone (issue 11): Enter approves, a wrong PIN keeps the dialog open ----------------

from PySide6.QtCore import Qt  # noqa: E402

from pos_terminal.services import audit  # noqa: E402
from tests.ui.approval_keys import activate, keys, press, type_approval  # noqa: E402
from ui.dialogs.manager_approval import Approved  # noqa: E402


def _approvals(terminal) -> list:
    with terminal.uow() as uow:
        return [e for e in uow.audit.page(terminal.settings.terminal.terminal_id) if e["action"] == audit.APPROVAL]


class Act:
    """What asked for the approval: runs on the approving worker; counts its runs."""

    def __init__(self, fail: Exception | None = None) -> None:
        self.runs: list = []
        self.fail = fail

    def __call__(self, approver):
        self.runs.append(approver.username)
        if self.fail is not None:
            raise self.fail
        return f"voided by {approver.username}"


def _acting(qtbot, terminal, act):
    dialog = ManagerApprovalDialog(App.of(terminal), "Void order PO1: ¥12.50 given back", act=act)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


def test_enter_after_the_pin_approves_and_the_act_happens(qtbot, terminal, languages):
    """Today Enter disabled the PIN field, the focus fell on Cancel and the same key press clicked
    it: the approval was audited, the void dropped."""
    act = Act()
    dialog = _acting(qtbot, terminal, act)
    type_approval(qtbot, dialog, "8001", "8642")
    settle(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert act.runs == ["8001"]
    assert dialog.outcome == Approved(dialog.approver, "voided by 8001")
    assert [e["outcome"] for e in _approvals(terminal)] == ["ok"]


def test_enter_from_the_user_field_moves_to_the_pin_and_cancel_is_never_the_default(qtbot, terminal, languages):
    dialog = _acting(qtbot, terminal, Act())
    assert not dialog.cancel_button.autoDefault() and dialog.approve_button.isDefault()
    activate(qtbot, dialog)
    assert QApplication.focusWidget() is dialog.user_edit
    keys("8001")
    press()
    assert QApplication.focusWidget() is dialog.pin_edit and not dialog.busy
    keys("8642")
    dialog.cancel_button.setFocus()  # tabbed onto Cancel: Enter still means the default, Approve
    press()
    settle(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.outcome.result == "voided by 8001"


def test_wrong_pin_and_enter_says_so_and_stays_open_then_the_right_pin_approves(qtbot, terminal, languages):
    act = Act()
    dialog = _acting(qtbot, terminal, act)
    type_approval(qtbot, dialog, "8001", "1111")
    settle(qtbot)
    assert dialog.isVisible() and dialog.result() == 0 and act.runs == []
    assert dialog.message.text() == "Wrong user or PIN. 4 attempts left before the user is locked."
    assert dialog.pin_edit.text() == "" and QApplication.focusWidget() is dialog.pin_edit
    keys("8642")
    press()
    settle(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted and act.runs == ["8001"]
    assert [e["outcome"] for e in _approvals(terminal)] == ["refused", "ok"]


def test_a_locked_manager_is_told_so_and_nothing_happens(qtbot, terminal, languages):
    act = Act()
    dialog = _acting(qtbot, terminal, act)
    activate(qtbot, dialog)
    keys("8001")
    press()
    for _ in range(5):
        keys("1111")
        press()
        settle(qtbot)
    assert dialog.isVisible() and act.runs == []
    assert dialog.message.text() == "Wrong PIN. This user is now locked for 5 minutes."
    keys("8642")  # the right PIN, too late
    press()
    settle(qtbot)
    assert dialog.isVisible() and act.runs == []
    assert dialog.message.text().startswith("This user is locked after too many wrong PINs until ")


def test_keys_pressed_while_the_approval_runs_cannot_drop_it(qtbot, terminal, languages):
    """A second Enter, Escape or closing the window while the PIN is checked: the approval and its
    act go through, exactly once."""
    act = Act()
    dialog = _acting(qtbot, terminal, act)
    activate(qtbot, dialog)
    keys("8001")
    press()
    keys("8642")
    press()
    assert dialog.busy
    press()
    press(Qt.Key.Key_Escape)
    dialog.close()
    dialog.reject()
    assert dialog.isVisible()
    settle(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted and act.runs == ["8001"]
    assert [e["outcome"] for e in _approvals(terminal)] == ["ok"]


def test_an_act_that_fails_after_the_approval_is_reported_to_the_caller(qtbot, terminal, languages):
    act = Act(fail=RuntimeError("card terminal offline"))
    dialog = _acting(qtbot, terminal, act)
    type_approval(qtbot, dialog, "8001", "8642")
    settle(qtbot)
    assert dialog.result() == QDialog.DialogCode.Accepted and act.runs == ["8001"]
    assert str(dialog.outcome.error) == "card terminal offline" and dialog.outcome.approver.username == "8001"


def test_escape_before_approving_cancels_and_nothing_is_recorded(qtbot, window, terminal):
    sign_in(qtbot, window, "1001", "1357")
    act = Act()

    def answer():
        dialog = QApplication.activeModalWidget()
        activate(qtbot, dialog)
        keys("8001")
        press(Qt.Key.Key_Escape)

    QTimer.singleShot(0, answer)
    assert ManagerApprovalDialog.approve_and_run(window, window._app, "Pay out ¥20.00", act) is None
    assert act.runs == [] and _approvals(terminal) == []


def test_approve_and_run_by_keyboard_returns_what_the_act_did(qtbot, window):
    sign_in(qtbot, window, "1001", "1357")
    act = Act()
    QTimer.singleShot(0, lambda: type_approval(qtbot, QApplication.activeModalWidget(), "8001", "8642"))
    done = ManagerApprovalDialog.approve_and_run(window, window._app, "Pay out ¥20.00", act)
    assert done is not None and done.result == "voided by 8001" and act.runs == ["8001"]
