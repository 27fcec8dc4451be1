"""Issue 15, checkout inputs: a refused prepaid card number leaves its field, so the next card
keyed in is not appended to it (keyboard only, against the sandbox platform on loopback); a scan
while the copy-reason box is open is neither the reason nor a new sale beneath the box."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import settle
from tests.ui.test_checkout import checkout, online, scan, voucher  # noqa: F401 (online, voucher: fixtures)
from tests.ui.test_prepaid_pin import PIN, pin_dialog, type_keys

CARD = "8800000000000001"
BLOCKED = "8800000000000003"  # seeded blocked; its PIN is 2468


def _order_on_prepaid(qtbot, window, online):  # noqa: F811
    view = online()
    page = checkout(qtbot, window)
    scan(window, view["voucher"])
    qtbot.waitUntil(lambda: page.state == "order", timeout=10_000)
    settle(qtbot)
    qtbot.keyClick(page.focusWidget() or page, Qt.Key.Key_F2)
    qtbot.waitUntil(lambda: page.prepaid_card_edit.hasFocus(), timeout=5_000)
    return page


def test_a_malformed_card_number_is_cleared_and_the_next_card_is_read_alone(qtbot, window, online):  # noqa: F811
    page = _order_on_prepaid(qtbot, window, online)
    type_keys(qtbot, page.prepaid_card_edit, "12345")
    settle(qtbot)
    assert page.message.text()  # refused, said why
    assert page.pin_dialog is None
    assert page.prepaid_card_edit.text() == "" and page.prepaid_card_edit.hasFocus()
    type_keys(qtbot, page.prepaid_card_edit, CARD)  # the next card, typed into the same field
    dialog = pin_dialog(qtbot, page)
    assert "****0001" in dialog.lead.text()
    type_keys(qtbot, dialog.pin_edit, PIN)
    settle(qtbot)
    assert page.balance_label.text() == "Card ****0001 · balance ¥500.00"


def test_a_card_the_platform_refuses_is_cleared_from_its_field(qtbot, window, online):  # noqa: F811
    page = _order_on_prepaid(qtbot, window, online)
    type_keys(qtbot, page.prepaid_card_edit, BLOCKED)
    settle(qtbot)
    if page.pin_dialog is not None:  # the platform says "blocked" once it has the PIN
        type_keys(qtbot, pin_dialog(qtbot, page).pin_edit, "2468")
        settle(qtbot)
    assert "blocked" in page.message.text()
    assert page.prepaid_card_edit.text() == ""
    qtbot.waitUntil(lambda: page.prepaid_card_edit.hasFocus(), timeout=5_000)
    type_keys(qtbot, page.prepaid_card_edit, CARD)
    dialog = pin_dialog(qtbot, page)
    assert "****0001" in dialog.lead.text()
    dialog.reject()
    settle(qtbot)


def test_a_wrong_pin_keeps_the_card(qtbot, window, online):  # noqa: F811
    page = _order_on_prepaid(qtbot, window, online)
    type_keys(qtbot, page.prepaid_card_edit, CARD)
    type_keys(qtbot, pin_dialog(qtbot, page).pin_edit, "0000")
    settle(qtbot)
    again = pin_dialog(qtbot, page)
    assert page.prepaid_card_edit.text() == CARD  # asked again for the same card
    again.reject()
    settle(qtbot)


def test_a_scan_while_the_reprint_reason_box_is_open_is_neither_the_reason_nor_a_new_sale(qtbot, window, terminal,
                                                                                           voucher):  # noqa: F811
    """Through the keyboard-wedge filter the window installs for a wedge scanner: a scanner's
    burst into the copy-reason box (F9 on the done page) goes to the scan path, which refuses it
    while the box is open; the reason chosen by the cashier is what the audit trail keeps."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog

    from config.schema import WedgeSettings
    from pos_terminal.services import audit
    from tests.ui.test_wedge import Keyboard
    from ui.wedge import WedgeFilter

    page = checkout(qtbot, window)
    scan(window, voucher())
    qtbot.waitUntil(lambda: page.state == "order", timeout=5000)
    page._quick_cash(None)
    qtbot.waitUntil(lambda: page.state == "done", timeout=10_000)
    settle(qtbot)
    assert page.done.printed
    order_no, receipt_no = page.session.target.order.order_no, page.done.sale.receipt_no

    wedge = WedgeFilter(WedgeSettings())  # as MainWindow._sync_wedge installs it
    wedge.install()
    wedge.scanned.connect(window.bridge.post_scan)
    seen = {}

    def in_the_box():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(20, in_the_box)
            return
        combo = box.findChild(QComboBox)
        seen["before"] = combo.currentText()
        Keyboard(box).scan(voucher(order_no="PO000000009002", vid="v-9002"))  # the next buyer's code, 5 ms a key
        QTimer.singleShot(50, lambda: answer(box, combo))

    def answer(box, combo):
        seen["after"], seen["state"], seen["message"] = combo.currentText(), page.state, page.message.text()
        seen["open"] = box.isVisible()
        qtbot.keyClick(combo, Qt.Key.Key_Return)  # the cashier's own choice

    try:
        QTimer.singleShot(0, in_the_box)
        qtbot.keyClick(page, Qt.Key.Key_F9)
        settle(qtbot)
    finally:
        wedge.uninstall()
    assert seen["open"] and seen["after"] == seen["before"] == "The buyer asked for a copy"
    assert seen["state"] == "done" and seen["message"].startswith("The scan was not used")
    assert page.state == "done" and page.session.target.order.order_no == order_no
    assert page.message.text() == "Copy printed."
    with terminal.uow() as uow:
        entries = [e for e in uow.audit.recent(None) if e["action"] == audit.REPRINT]
    assert [e["details"].get("reason") for e in entries] == ["The buyer asked for a copy"]
    assert entries[0]["subject"] == f"sale receipt {receipt_no}"
