"""The Shift & cash tab after the day's Z, with the float's limits, a manager's float correction, the
blind close and Enter in the close note (issue 15). A demo Terminal whose settings make the close
blind ([shift] blind_close) and the float limits small: usual ¥500, at most ¥1,000."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from config.schema import Settings, ShiftSettings
from pos_terminal.services import audit, cash
from tests.ui.conftest import settle
from tests.ui.test_shift_screen import ModalDriver, manager_answers, opened, shift_tab
from ui.dialogs.cash_dialogs import DenominationCountDialog
from ui.dialogs.manager_approval import ManagerApprovalDialog

pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def terminal(terminal_factory):
    return terminal_factory(Settings(shift=ShiftSettings(blind_close=True, usual_float_minor=50_000,
                                                         max_float_minor=100_000)))


def answer_box(button: QMessageBox.StandardButton):
    def answer(box: QMessageBox) -> None:
        box.button(button).click()
    return answer


def test_after_the_z_the_page_opens_a_shift_on_the_next_business_day(qtbot, window, terminal, app):
    manager = app.users.sign_in("8001", "8642")
    ctx = terminal.day_context()
    cash.open_shift(ctx, user=manager, opening_float_minor=0)
    cash.close_shift(ctx, user=manager, counts={})
    z = app.reports.z_report(manager)
    page, tab = shift_tab(qtbot, window)
    qtbot.waitUntil(lambda: tab.loaded and tab.day is not None, timeout=5000)
    nxt = tab.day.date
    assert tab.day.closed_day == z.business_date and nxt > z.business_date
    assert tab.detail_label.text() == (f"The business day {z.business_date.isoformat()} is closed (Z {z.z_no}). A shift "
                                       f"opened now counts to the next business day, {nxt.isoformat()}.")
    assert tab.open_button.isEnabled()
    opened(qtbot, tab, {10000: 2})
    assert tab.summary is not None and tab.shift_date == nxt
    assert f"Business day {nxt.isoformat()}." in tab.detail_label.text()
    # a refusal of this kind is worded by the page, never the service's English text
    refused = cash.CashRefused("day_closed", "english only", closed_day="2026-11-20", next_day="2026-11-21",
                               opens_at="2026-11-21T16:00:00+00:00")
    assert tab.refusal_text(refused).startswith("The business days 2026-11-20 and 2026-11-21 are closed already.")
    assert "english only" not in tab.refusal_text(refused)


def test_an_unusual_float_is_confirmed_and_a_float_above_the_maximum_refused(qtbot, window):
    page, tab = shift_tab(qtbot, window)
    tab.open_shift({10000: 11})  # ¥1,100: above the ¥1,000 maximum, nothing is sent
    settle(qtbot)
    assert tab.summary is None
    assert tab.message.text() == "A float of ¥1,100.00 is more than the ¥1,000.00 a drawer may start with. Count it again."
    seen = []

    def no(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    driver = ModalDriver((QMessageBox, no))
    tab.open_shift({10000: 6})  # ¥600: above the usual ¥500
    assert driver.done()
    settle(qtbot)
    assert seen == ["A float of ¥600.00 is more than the usual ¥500.00. Is ¥600.00 really in the drawer?"]
    assert tab.summary is None and tab.message.text() == "Not opened: count the float again."
    driver = ModalDriver((QMessageBox, answer_box(QMessageBox.StandardButton.Yes)))
    tab.open_shift({10000: 6})
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    assert tab.summary is not None and tab.summary.opening_float_minor == 60_000


def test_a_cashier_has_the_float_corrected_by_a_manager_before_the_first_sale(qtbot, window, terminal):
    page, tab = shift_tab(qtbot, window)
    opened(qtbot, tab, {10000: 3})  # ¥300 typed where ¥30 was meant
    assert tab.correct_button.isEnabled()

    def count(dialog: DenominationCountDialog) -> None:
        dialog.set_counts({1000: 3})
        dialog.ok_button.click()

    driver = ModalDriver((DenominationCountDialog, count), (ManagerApprovalDialog, manager_answers()))
    tab.correct_button.click()
    settle(qtbot)
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    assert tab.summary.opening_float_minor == 3000
    assert tab.message.text() == "Opening float corrected from ¥300.00 to ¥30.00."
    entry = next(e for e in audit.entries(terminal.uow, "T01") if e.action == "float_corrected")
    assert (entry.username, entry.details["old_minor"], entry.details["new_minor"],
            entry.details["approved_by"]) == ("1001", 30_000, 3000, "8001")


def test_the_blind_close_hides_the_expected_cash_until_the_count(qtbot, window):
    page, tab = shift_tab(qtbot, window)
    opened(qtbot, tab, {10000: 1})  # ¥100
    assert not tab.expected_label.isVisibleTo(tab) and not tab.values["cash_sales"].isVisibleTo(tab)
    assert tab.expected_caption.text() == "Blind close: the expected cash shows after your count."
    seen = {}

    def blind(dialog: DenominationCountDialog) -> None:
        seen["expected"] = dialog.expected_minor
        seen["shown"] = dialog.expected_label.isVisible() or dialog.over_short_label.isVisible()
        dialog.set_counts({5000: 1})  # ¥50: short ¥50, above the ¥10 limit
        dialog.ok_button.click()

    def result(dialog: DenominationCountDialog) -> None:
        seen["result"] = (dialog.expected_minor, dialog.over_short_label.text(), dialog.spins[5000].isReadOnly())
        QTimer.singleShot(50, lambda: (qtbot.keyClicks(dialog.note_edit, "till miscounted"),
                                       qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)))

    driver = ModalDriver((DenominationCountDialog, blind), (DenominationCountDialog, result),
                         (ManagerApprovalDialog, manager_answers()))
    tab.close_button.click()
    qtbot.waitUntil(lambda: not driver.steps, timeout=10_000)
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    assert (seen["expected"], seen["shown"]) == (None, False)
    assert seen["result"] == (10_000, "-¥50.00", True)
    assert tab.summary is None and tab.last_closed.over_short_minor == -5000
    assert tab.last_closed.close_note == "till miscounted" and tab.last_closed.close_approved_by == "8001"
    assert "Counted ¥50.00, expected ¥100.00: ¥50.00 short." in tab.last_label.text()


def test_enter_in_the_close_note_closes(qtbot):
    dialog = DenominationCountDialog((10000, 1000), "CNY", mode="close", expected_minor=10000, limit_minor=100)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.spins[10000].setFocus()
    qtbot.keyClicks(dialog.spins[10000].lineEdit(), "0")
    qtbot.keyClick(dialog.spins[10000].lineEdit(), Qt.Key.Key_Return)  # to the next count
    qtbot.keyClicks(dialog.spins[1000].lineEdit(), "9")  # ¥90: short ¥10, above ¥1
    qtbot.keyClick(dialog.spins[1000].lineEdit(), Qt.Key.Key_Return)  # the note comes next
    assert dialog.focusWidget() is dialog.note_edit
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)  # no note yet: said, not closed
    assert dialog.result() != dialog.DialogCode.Accepted
    assert dialog.message.text() == "Write a note on the difference before closing."
    qtbot.keyClicks(dialog.note_edit, "coins dropped")
    qtbot.keyClick(dialog.note_edit, Qt.Key.Key_Return)
    assert dialog.result() == dialog.DialogCode.Accepted and dialog.note() == "coins dropped"


def test_a_manager_takes_over_the_cashiers_shift_only_after_confirming(qtbot, window, terminal, app):
    cashier = app.users.sign_in("1001", "1357")
    cash.open_shift(terminal.day_context(), user=cashier, opening_float_minor=10_000)
    page, tab = shift_tab(qtbot, window, "8001", "8642")
    qtbot.waitUntil(lambda: tab.loaded and tab.summary is not None, timeout=5000)
    assert tab.held_by_another() and tab.take_over_button.isVisibleTo(tab)
    assert "Sales go into this shift for 1001 only" in tab.detail_label.text()
    driver = ModalDriver((QMessageBox, answer_box(QMessageBox.StandardButton.No)))
    tab.take_over_button.click()
    assert driver.done()
    settle(qtbot)
    assert tab.held_by_another()  # not confirmed: nothing changed
    driver = ModalDriver((QMessageBox, answer_box(QMessageBox.StandardButton.Yes)))
    tab.take_over_button.click()
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    assert not tab.held_by_another() and not tab.take_over_button.isVisibleTo(tab)
    assert tab.message.text() == "You took over 1001's shift: your sales go into it."
    assert "Taken over by 8001." in tab.detail_label.text()
    entry = next(e for e in audit.entries(terminal.uow, "T01") if e.action == "shift_take_over")
    assert (entry.username, entry.details["from_user"]) == ("8001", "1001")


def test_the_checkout_words_shift_refusals_itself(qapp):
    from pos_terminal.domain.errors import ShiftOfAnother
    from ui.screens.checkout import refusal_texts

    unusual = cash.CashRefused("float_unusual", "english only", amount_minor=300_000, usual_minor=200_000)
    assert refusal_texts.refusal_text(unusual) == ("A float of ¥3,000.00 is more than the usual ¥2,000.00: open the "
                                                   "shift on the Shift page, where the amount is confirmed.")
    other = ShiftOfAnother("english only", holder="1001")
    assert refusal_texts.refusal_text(other).startswith("The open shift is 1001's: nothing was recorded.")
