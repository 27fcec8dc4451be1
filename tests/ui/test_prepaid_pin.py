"""F2 prepaid with the holder's PIN, keyboard only, against the sandbox platform on loopback: the
card is typed, the PIN dialog asks, a wrong PIN says how many attempts are left and asks again for
the same card (no new swipe), the right one shows the balance and Enter debits. And the wedge
filter never takes a PIN typed fast for a scan."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialog

from config.schema import WedgeSettings
from pos_terminal.domain.model import TenderKind
from tests.ui.conftest import settle
from tests.ui.test_checkout import checkout, online, scan  # noqa: F401 (online: a fixture)
from tests.ui.test_wedge import SCAN_GAP, Keyboard
from ui.dialogs.tender_dialogs import PrepaidPinDialog
from ui.wedge import WedgeFilter

CARD, PIN = "8800000000000001", "2580"


def type_keys(qtbot, widget, text):
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def pin_dialog(qtbot, page) -> PrepaidPinDialog:
    qtbot.waitUntil(lambda: page.pin_dialog is not None and page.pin_dialog.isVisible(), timeout=10_000)
    # keyboard first: the PIN field has the focus
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.pin_dialog.pin_edit, timeout=5_000)
    return page.pin_dialog


def test_f2_wrong_pin_then_right_pin_debits_the_card(qtbot, window, terminal, online, caplog):  # noqa: F811
    caplog.set_level(logging.DEBUG)
    view = online()  # 2 x ¥12.50
    page = checkout(qtbot, window)
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: page.state == "order", timeout=10_000)
    settle(qtbot)
    qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.prepaid_card_edit.hasFocus(), timeout=5_000)
    type_keys(qtbot, page.prepaid_card_edit, CARD)

    dialog = pin_dialog(qtbot, page)
    assert dialog.pin_edit.echoMode() == dialog.pin_edit.EchoMode.Password and "****0001" in dialog.lead.text()
    type_keys(qtbot, dialog.pin_edit, "0000")
    settle(qtbot)
    again = pin_dialog(qtbot, page)  # asked again for the same card: no new swipe
    assert again is not dialog
    assert again.message.text() == "Wrong PIN: 4 attempts left. Nothing was taken from the card."
    assert page.message.text() == again.message.text()
    assert page.prepaid_card_edit.text() == CARD
    type_keys(qtbot, again.pin_edit, PIN)
    settle(qtbot)
    assert page.pin_dialog is None
    assert page.balance_label.text() == "Card ****0001 · balance ¥500.00"
    assert page.prepaid_amount_edit.text() == "25.00"
    qtbot.waitUntil(lambda: QApplication.focusWidget() is page.prepaid_amount_edit, timeout=5_000)
    qtbot.keyClick(page.prepaid_amount_edit, Qt.Key.Key_Return)  # the PIN keyed in above goes with the debit
    settle(qtbot)
    assert page.pin_dialog is None and page._prepaid_pin is None  # used once, then dropped
    qtbot.waitUntil(lambda: page.state == "done", timeout=10_000)
    assert terminal.platform.get_card(CARD, PIN)["balance_minor"] == 50_000 - 2500
    with terminal.uow() as uow:
        sale = uow.sales.paid_for_order(view["order_no"])
        assert [(t.kind, t.amount.minor, t.card_last4) for t in sale.tenders] == [
            (TenderKind.PREPAID_CARD, 2500, "0001")]
    text = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    assert CARD not in text and f"'{PIN}'" not in text and '"0000"' not in text


def test_a_locked_card_says_so_and_no_pin_is_asked_again(qtbot, window, online):  # noqa: F811
    view = online()
    page = checkout(qtbot, window)
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: page.state == "order", timeout=10_000)
    settle(qtbot)
    page.choose_tender("prepaid")
    type_keys(qtbot, page.prepaid_card_edit, CARD)
    for _ in range(5):
        type_keys(qtbot, pin_dialog(qtbot, page).pin_edit, "0000")
        settle(qtbot)
    assert page.pin_dialog is None
    assert page.message.text().startswith("This prepaid card is locked after too many wrong PINs.")


def test_escape_in_the_pin_dialog_takes_nothing(qtbot, window, online):  # noqa: F811
    view = online()
    page = checkout(qtbot, window)
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: page.state == "order", timeout=10_000)
    settle(qtbot)
    page.choose_tender("prepaid")
    page.prepaid_amount_edit.setText("5")
    page.prepaid_card_edit.setText(CARD)
    page.take_prepaid()
    dialog = pin_dialog(qtbot, page)
    qtbot.keyClicks(dialog.pin_edit, "25")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: page.pin_dialog is None)
    assert page.state == "order" and page.session.tenders == []
    assert page.message.text() == "No PIN keyed in: nothing was taken from the card."


def test_a_pin_typed_fast_is_never_a_scan_and_a_card_swiped_in_the_pin_field_never_lands_there(qtbot, qapp):
    """The wedge filter holds a fast burst as a possible scan; in the PIN field a burst that fits
    it (6 digits at most) is the holder's typing, replayed into it; a longer one is a scan."""
    wedge = WedgeFilter(WedgeSettings(min_length=4))
    wedge.install()
    scans = []
    wedge.scanned.connect(scans.append)
    try:
        dialog = PrepaidPinDialog("0001")
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        dialog.pin_edit.setFocus()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.pin_edit)
        keys = Keyboard(dialog)
        keys.scan(CARD)  # a card swiped while the PIN is asked: a scan, not 6 digits of PIN
        qtbot.waitUntil(lambda: wedge.holding == 0, timeout=2000)
        assert [s.text for s in scans] == [CARD] and dialog.pin_edit.text() == ""
        assert dialog.result() != QDialog.DialogCode.Accepted
        keys.type("2580\n", SCAN_GAP)  # a PIN pad or a fast typist: 5 ms between keys
        qtbot.waitUntil(lambda: wedge.holding == 0, timeout=2000)
        assert len(scans) == 1
        assert dialog.result() == QDialog.DialogCode.Accepted and dialog.take_pin() == "2580"
        assert dialog.take_pin() is None and dialog.pin_edit.text() == ""  # handed over once, kept nowhere
    finally:
        wedge.uninstall()


def test_the_on_screen_keypad_keys_in_the_pin(qtbot):
    dialog = PrepaidPinDialog("0001")
    qtbot.addWidget(dialog)
    dialog.show()
    for key in ("2", "5", "8", "9", "back", "0", "enter"):
        dialog.keypad.key.emit(key)
    assert dialog.result() == QDialog.DialogCode.Accepted and dialog.take_pin() == "2580"
    short = PrepaidPinDialog("0001")
    qtbot.addWidget(short)
    short.show()
    for key in ("1", "2", "enter"):
        short.keypad.key.emit(key)
    assert short.result() != QDialog.DialogCode.Accepted and short.message.text() == "The PIN is 4 to 6 digits."
    assert short.take_pin() is None and short.pin_edit.text() == ""
