"""The receipt history page (issue 15), by keyboard: search by receipt number, order number,
amount; see a past receipt; print it again as a copy with a reason (audited); a scan while the
reason dialog is open is never the reason, a scan on the page searches."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_terminal.ports import ScanEvent
from pos_terminal.services import audit
from tests.checkout_fakes import FakePrinter
from tests.fakes import FakeClock
from tests.receipt_history_cases import sell_three
from tests.sale_helpers import ensure_shift, terminal_checkout
from tests.ui.conftest import settle, sign_in

K = Qt.Key


@pytest.fixture
def terminal(terminal_factory):
    """The demo terminal on a test clock, with three sales: receipts 1 and 2 printed, 3 pending."""
    clock = FakeClock()
    terminal = terminal_factory(clock=clock)
    from pos_terminal.app.facades import App

    cashier = App.of(terminal).users.sign_in("1001", "1357")
    ensure_shift(terminal, cashier)
    sell_three(lambda p: terminal_checkout(terminal, cashier, printer=p, render_receipt=lambda info: info), clock,
               FakePrinter())
    terminal.devices.printer = FakePrinter()
    return terminal


def _page(qtbot, window):
    sign_in(qtbot, window, "1001", "1357")
    ws = window.workspace
    ws.show_page("receipts")
    page = ws.pages["receipts"]
    settle(qtbot)
    return page


def _scan(window, text):
    window.bridge.post_scan(ScanEvent(text, text.encode(), "qr", "simulated", window._app.store.now()))


def _numbers(page):
    return [r.receipt_no for r in page.rows]


def _search(qtbot, page, field, text):
    field.setFocus()
    field.selectAll()
    qtbot.keyClick(field, K.Key_Delete)
    qtbot.keyClicks(field, text)
    with qtbot.waitSignal(page.searched, timeout=10_000):
        qtbot.keyClick(field, K.Key_Return)
    settle(qtbot)


def test_search_view_and_print_a_copy_by_keyboard(qtbot, window, terminal):
    page = _page(qtbot, window)
    assert _numbers(page) == [3, 2, 1] and page.text_edit.hasFocus()
    assert [page.table.item(i, 4).text() for i in range(3)] == ["Not printed", "Printed", "Printed"]
    _search(qtbot, page, page.text_edit, "2")
    assert _numbers(page) == [2] and page.table.hasFocus()
    qtbot.waitUntil(lambda: page.shown is not None and page.shown.receipt_no == 2)
    assert page.preview_label.pixmap() is not None and not page.preview_label.pixmap().isNull()
    assert page.preview_title.text() == "Receipt 2: prints as a copy"

    qtbot.keyClick(page.table, K.Key_Return)
    dialog = page.reason_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(dialog.reason_combo.hasFocus)
    # a scan now is not typing and not a reason: nothing lands in a field, the dialog says so
    _scan(window, "PO000000000103")
    qtbot.waitUntil(lambda: dialog.message.text().startswith("A scan is not a reason"))
    settle(qtbot)
    assert dialog.note_edit.text() == "" and page.text_edit.text() == "2" and _numbers(page) == [2]
    for _ in range(3):
        qtbot.keyClick(dialog.reason_combo, K.Key_Down)
    assert dialog.reason == "other"
    qtbot.keyClick(dialog.reason_combo, K.Key_Tab)
    assert QApplication.focusWidget() is dialog.note_edit
    qtbot.keyClick(dialog.note_edit, K.Key_Return)  # Other needs a note
    assert dialog.isVisible() and dialog.message.text() == "Type a short note: why is the copy printed?"
    qtbot.keyClicks(dialog.note_edit, "tax office")
    with qtbot.waitSignal(page.reprinted, timeout=10_000):
        qtbot.keyClick(dialog.note_edit, K.Key_Return)
    settle(qtbot)
    assert page.reason_dialog is None and page.message.text() == "Receipt 2 printed."
    assert len(terminal.devices.printer.printed) == 1
    assert page.rows[0].copies_printed == 2 and page.table.item(0, 4).text() == "Printed 2 times"
    [entry] = [e for e in audit.entries(terminal.uow, terminal.settings.terminal.terminal_id)
               if e.action == audit.REPRINT]
    assert entry.username == "1001" and entry.subject == "sale receipt 2"
    assert entry.details["reason"] == "other: tax office"

    # F9 opens the dialog too; Esc closes it and nothing prints
    window.activateWindow()  # the offscreen platform does not give the window back after a dialog
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(page.table, K.Key_F9)
    dialog = page.reason_dialog
    assert dialog is not None
    qtbot.waitUntil(dialog.reason_combo.hasFocus)
    qtbot.keyClick(dialog.reason_combo, K.Key_Escape)
    qtbot.waitUntil(lambda: page.reason_dialog is None)
    settle(qtbot)
    assert len(terminal.devices.printer.printed) == 1


def test_a_receipt_that_never_printed_prints_as_the_original(qtbot, window, terminal):
    page = _page(qtbot, window)
    page.table.setFocus()
    qtbot.waitUntil(lambda: page.shown is not None and page.shown.receipt_no == 3)
    assert page.preview_title.text() == "Receipt 3: never printed, prints as the original"
    qtbot.keyClick(page.table, K.Key_Return)
    dialog = page.reason_dialog
    qtbot.waitUntil(dialog.reason_combo.hasFocus)
    with qtbot.waitSignal(page.reprinted, timeout=10_000):
        qtbot.keyClick(dialog.reason_combo, K.Key_Return)  # the first reason: the buyer asked
    settle(qtbot)
    assert page.table.item(0, 4).text() == "Printed"
    assert not [e for e in audit.entries(terminal.uow, terminal.settings.terminal.terminal_id)
                if e.action == audit.REPRINT]


def test_amount_and_bad_input(qtbot, window):
    page = _page(qtbot, window)
    _search(qtbot, page, page.amount_edit, "12.50")
    assert _numbers(page) == [3, 1]
    page.amount_edit.setFocus()
    page.amount_edit.selectAll()
    qtbot.keyClicks(page.amount_edit, "abc")
    qtbot.keyClick(page.amount_edit, K.Key_Return)
    assert page.message.text() == "Type the amount as digits, for example 25.50." and page.amount_edit.hasFocus()
    page.amount_edit.clear()
    page.text_edit.setFocus()
    qtbot.keyClicks(page.text_edit, "tea")
    qtbot.keyClick(page.text_edit, K.Key_Return)  # refused before any search
    assert page.message.text() == "Type a receipt number, an order number (PO…) or an item code (IC…)."
    assert page.text_edit.hasFocus() and page.text_edit.selectedText() == "tea"
    _search(qtbot, page, page.text_edit, "77")
    assert _numbers(page) == [] and page.message.text() == "No receipt fits this search."


def test_a_scan_on_the_page_searches(qtbot, window):
    page = _page(qtbot, window)
    with qtbot.waitSignal(page.searched, timeout=10_000):
        _scan(window, "IC0000000001030001")
    settle(qtbot)
    assert page.text_edit.text() == "IC0000000001030001" and _numbers(page) == [3]
    _scan(window, "hello there")
    qtbot.waitUntil(lambda: page.message.text() == "Scan an order number or an item code to find its receipt.")
    assert page.text_edit.text() == "IC0000000001030001"
