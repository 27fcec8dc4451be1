"""The Shift & cash tab on a real demo Terminal (SQLite, simulated drawer): the float counted in
the denomination dialog, a drop, a pay-out that needs a manager, a no-sale whose reason is
required, and a close that is short above the limit (a note and a manager's approval), driven
through the real modal dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog

from pos_terminal.services import cash
from pos_terminal.services import sales
from tests.sale_helpers import sell_cash, terminal_checkout
from tests.ui.conftest import settle, sign_in
from ui.dialogs.cash_dialogs import CashMovementDialog, DenominationCountDialog, reason_text
from ui.dialogs.manager_approval import ManagerApprovalDialog

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


class ModalDriver:
    """Answers the modal dialogs that open, in order: each step is (dialog class, handler)."""

    def __init__(self, *steps) -> None:
        self.steps = list(steps)
        self.seen: list = []
        self.timer = QTimer()
        self.timer.setInterval(20)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or dialog in self.seen or not self.steps:
            return
        kind, handler = self.steps[0]
        if isinstance(dialog, kind):
            self.steps.pop(0)
            self.seen.append(dialog)
            handler(dialog)

    def done(self) -> bool:
        self.timer.stop()
        return not self.steps


def manager_answers(username="8001", pin="8642"):
    def answer(dialog: ManagerApprovalDialog) -> None:
        dialog.user_edit.setText(username)
        dialog.pin_edit.setText(pin)
        dialog.submit()
    return answer


def shift_tab(qtbot, window, username="1001", pin="1357"):
    sign_in(qtbot, window, username, pin)
    window.workspace.show_page("shift")
    page = window.workspace.pages["shift"]
    settle(qtbot)
    return page, page.shift_tab


def opened(qtbot, tab, counts):
    def count(dialog: DenominationCountDialog) -> None:
        dialog.set_counts(counts)
        dialog.ok_button.click()

    driver = ModalDriver((DenominationCountDialog, count))
    tab.open_button.click()
    assert driver.done()
    settle(qtbot)
    settle(qtbot)


def test_open_shift_counting_the_float_by_denomination(qtbot, window):
    page, tab = shift_tab(qtbot, window)
    assert tab.summary is None and "No shift is open" in tab.state_label.text()
    assert tab.open_button.isEnabled() and not tab.close_button.isEnabled() and not tab.drop_button.isEnabled()

    def count(dialog: DenominationCountDialog) -> None:
        assert dialog.expected_minor is None and not dialog.over_short_label.isVisible()
        dialog.set_counts({10000: 2, 2000: 1, 100: 5, 50: 2})
        assert dialog.counted_label.text() == "¥226.00"
        dialog.ok_button.click()

    driver = ModalDriver((DenominationCountDialog, count))
    tab.open_button.click()
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    assert tab.summary is not None and tab.summary.opening_float_minor == 22600
    assert tab.summary.opened_by == "1001"
    assert tab.values["float"].text() == "¥226.00" and tab.expected_label.text() == "¥226.00"
    assert "Shift open with a float of ¥226.00." in tab.message.text()
    assert not tab.open_button.isEnabled() and tab.close_button.isEnabled()
    ctx = window._app.shifts.context()
    assert cash.current_shift(ctx).opening_float_minor == 22600


def test_cash_drop_and_no_sale_with_a_reason(qtbot, window, terminal, app):
    page, tab = shift_tab(qtbot, window)
    opened(qtbot, tab, {10000: 3})
    cashier = app.users.sign_in("1001", "1357")
    spec = sales.OrderSpec("PO000000000777", "m-tea", "Tea", "CNY",
                           (sales.LineSpec(1, "TEA", "Tea", 1250, 4, ("I1", "I2", "I3", "I4")),))
    sell_cash(terminal_checkout(terminal, cashier), spec, 5000)
    tab.refresh()
    settle(qtbot)
    assert tab.values["cash_sales"].text() == "¥50.00" and tab.expected_label.text() == "¥350.00"
    kicks = terminal.devices.drawer.kicks

    def drop(dialog: CashMovementDialog) -> None:
        assert dialog.kind == "drop"
        dialog.amount_edit.setText("400")
        dialog.ok_button.click()  # more than the drawer holds: refused in the dialog
        assert dialog.isVisible() and dialog.message.text() == "The drawer should hold only ¥350.00."
        dialog.amount_edit.setText("200")
        dialog.set_reason("to_safe")
        dialog.ok_button.click()

    driver = ModalDriver((CashMovementDialog, drop))
    tab.drop_button.click()
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    assert "Cash drop of ¥200.00 recorded. The drawer should now hold ¥150.00." in tab.message.text()
    assert tab.values["drops"].text() == "¥200.00" and tab.expected_label.text() == "¥150.00"
    assert terminal.devices.drawer.kicks == kicks + 1

    def no_sale(dialog: CashMovementDialog) -> None:
        assert not dialog.amount_edit.isVisible()
        dialog.set_reason("other")
        dialog.ok_button.click()  # "Other" needs words
        assert dialog.isVisible() and dialog.message.text() == "Say in a few words why."
        dialog.details_edit.setText("customer counted change")
        dialog.ok_button.click()

    driver = ModalDriver((CashMovementDialog, no_sale))
    tab.no_sale_button.click()
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    assert terminal.devices.drawer.kicks == kicks + 2
    assert "Drawer opened for no sale; recorded." in tab.message.text()
    assert tab.expected_label.text() == "¥150.00"  # no money moved
    rows = [[tab.movement_list.item(r, c).text() for c in range(4)] for r in range(tab.movement_list.rowCount())]
    assert rows[0][1:] == ["No sale", "", "customer counted change · 1001"]
    assert rows[1][1:] == ["Cash drop", "¥200.00", "Excess cash to the safe · 1001"]
    stored = cash.movements(terminal.day_context())
    assert [(m.kind, m.amount_minor, m.reason) for m in stored] == [
        ("drop", 20000, "to_safe"), ("no_sale", 0, "other: customer counted change")]


def test_a_cashier_pay_out_needs_a_manager(qtbot, window, terminal):
    page, tab = shift_tab(qtbot, window)
    opened(qtbot, tab, {10000: 1})

    def pay_out(dialog: CashMovementDialog) -> None:
        dialog.amount_edit.setText("35")
        dialog.set_reason("supplier", "water")
        dialog.ok_button.click()

    cancelled = ModalDriver((CashMovementDialog, pay_out), (ManagerApprovalDialog, lambda d: d.cancel_button.click()))
    tab.pay_out_button.click()
    assert cancelled.done()
    settle(qtbot)
    assert cash.movements(terminal.day_context()) == []  # nothing recorded without a manager

    driver = ModalDriver((CashMovementDialog, pay_out), (ManagerApprovalDialog, manager_answers()))
    tab.pay_out_button.click()
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    [m] = cash.movements(terminal.day_context())
    assert (m.kind, m.amount_minor, m.approved_by) == ("pay_out", 3500, "8001")
    assert tab.expected_label.text() == "¥65.00"
    assert tab.movement_list.item(0, 3).text() == "Pay a supplier or a delivery: water · 1001, approved by 8001"
    assert reason_text(m.reason) == "Pay a supplier or a delivery: water"


def test_closing_short_above_the_limit_needs_a_note_and_a_manager(qtbot, window, terminal):
    page, tab = shift_tab(qtbot, window)
    opened(qtbot, tab, {10000: 1, 5000: 1})  # ¥150 float; limit ¥10

    def count(dialog: DenominationCountDialog) -> None:
        assert dialog.expected_minor == 15000
        dialog.set_counts({10000: 1, 2000: 1})  # ¥120: short ¥30
        assert dialog.over_short_caption.text() == "Short" and dialog.over_short_label.text() == "-¥30.00"
        assert dialog.above_limit() and dialog.note_edit.isVisible()
        dialog.ok_button.click()  # no note yet
        assert dialog.isVisible() and dialog.message.text() == "Write a note on the difference before closing."
        dialog.note_edit.setText("change given twice")
        dialog.ok_button.click()

    refusals = []

    def cashier_then_cancel(dialog: ManagerApprovalDialog) -> None:
        manager_answers("1001", "1357")(dialog)  # a cashier cannot approve: the dialog stays open

        def later():
            if dialog.busy:
                QTimer.singleShot(20, later)
                return
            refusals.append(dialog.message.text())
            dialog.cancel_button.click()

        QTimer.singleShot(20, later)

    refused = ModalDriver((DenominationCountDialog, count), (ManagerApprovalDialog, cashier_then_cancel))
    tab.close_button.click()
    settle(qtbot)
    assert refused.done()
    settle(qtbot)
    assert refusals == ["User 1001 cannot approve this. A manager must approve."]
    assert tab.summary is not None  # still open
    assert tab.message.text() == "Not closed: a manager must approve a difference above the limit."

    driver = ModalDriver((DenominationCountDialog, count), (ManagerApprovalDialog, manager_answers()))
    tab.close_button.click()
    settle(qtbot)
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    assert tab.summary is None and tab.last_closed is not None
    closed = tab.last_closed
    assert (closed.counted_cash_minor, closed.expected_cash_minor, closed.over_short_minor) == (12000, 15000, -3000)
    assert closed.close_approved_by == "8001" and closed.close_note == "change given twice"
    assert "Counted ¥120.00, expected ¥150.00: ¥30.00 short." in tab.last_label.text()
    assert tab.print_x_button.isVisible()

    printed = len(terminal.devices.printer.printed)
    tab.print_x_button.click()  # the X report for the day, printed and shown on the Reports tab
    settle(qtbot)
    settle(qtbot)
    assert page.tabs.currentWidget() is page.reports
    assert page.reports.report is not None and page.reports.report.kind == "X"
    assert page.reports.report.over_short_minor == -3000
    assert len(terminal.devices.printer.printed) == printed + 1
    assert page.reports.message.text() == "Report printed."


def test_close_refused_for_want_of_a_manager_is_a_message(qtbot, window):
    page, tab = shift_tab(qtbot, window)
    opened(qtbot, tab, {10000: 1})
    tab.close_with({5000: 1})  # ¥50 counted, ¥100 expected, and no note: nobody is asked
    settle(qtbot)
    assert tab.summary is not None
    assert tab.message.text() == "The difference is above the limit: a manager must approve the close."


def test_a_manager_closes_within_the_limit_without_approval(qtbot, window):
    page, tab = shift_tab(qtbot, window, "8001", "8642")
    opened(qtbot, tab, {10000: 1})

    def count(dialog: DenominationCountDialog) -> None:
        dialog.set_counts({5000: 1, 2000: 2, 500: 1, 100: 4})  # ¥99: short ¥1, within the limit
        assert not dialog.above_limit() and not dialog.note_edit.isVisible()
        dialog.ok_button.click()

    driver = ModalDriver((DenominationCountDialog, count))
    tab.close_button.click()
    settle(qtbot)
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    assert tab.last_closed.over_short_minor == -100 and tab.last_closed.close_approved_by is None


def test_the_count_dialog_totals_and_colours(qtbot):
    dialog = DenominationCountDialog((10000, 5000, 10), "CNY", mode="close", expected_minor=10010, limit_minor=1000)
    qtbot.addWidget(dialog)
    dialog.set_counts({10000: 1, 10: 1})
    assert dialog.total_minor() == 10010 and dialog.over_short_minor() == 0
    assert dialog.over_short_caption.text() == "Over / short" and dialog.over_short_label.text() == "¥0.00"
    dialog.set_counts({10000: 1, 5000: 1})
    assert dialog.over_short_label.text() == "+¥49.90" and dialog.over_short_caption.text() == "Over"
    assert "#c62828" in dialog.over_short_label.styleSheet()  # above the limit: red
    dialog.set_counts({10000: 1, 10: 101})
    assert dialog.over_short_minor() == 1000 and not dialog.above_limit()  # at the limit: no manager
    assert "#ef8f00" in dialog.over_short_label.styleSheet()
    assert dialog.counts() == {10000: 1, 10: 101}
    dialog.spins[10].setValue(0)
    assert dialog.counts() == {10000: 1}
    assert dialog.result() != QDialog.DialogCode.Accepted


def test_the_last_closed_shift_shows_when_the_page_opens_after_a_restart(qtbot, window, terminal, app):
    ctx = terminal.day_context()
    cashier = app.users.sign_in("1001", "1357")
    cash.open_shift(ctx, user=cashier, opening_float_minor=10_000)
    cash.close_shift(ctx, user=cashier, counts={10000: 1})  # closed before this window's page ever read it
    page, tab = shift_tab(qtbot, window)
    qtbot.waitUntil(lambda: tab.loaded and tab.last_closed is not None, timeout=5000)
    assert tab.last_label.isVisibleTo(tab) and tab.print_x_button.isVisibleTo(tab)
    assert tab.last_closed.counted_cash_minor == 10_000
