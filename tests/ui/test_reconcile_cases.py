"""The Reconciliation tab with a double payment (ui.screens.reconcile_cases) on a real demo Terminal
against the sandbox platform on loopback: the open case with its Pay back button, the manager's
approval, the pay-back on the approval's worker, the day compared again with the case closed, and
the shift's expected cash down by the amount paid back."""

from __future__ import annotations

import uuid

import pytest

from pos_terminal.services import cash
from sync.outbox_worker import OutboxWorker
from sync.sandbox import seed
from tests.platform_helpers import client_for, new_order, pay_cash, settings_for, spec_of
from tests.ui.conftest import settle, sign_in
from tests.ui.test_shift_screen import ModalDriver, manager_answers
from ui.dialogs.manager_approval import ManagerApprovalDialog

pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def terminal(terminal_factory, server):
    return terminal_factory(settings_for(server.url))


def paid_elsewhere_first(server, terminal, price=1250) -> dict:
    """An order paid at another store, then at this terminal: this payment becomes a refund case."""
    api = client_for(server.url)
    view = new_order(api, price=price, qty=2)
    api.close()
    other = client_for(server.url, seed.OTHER_STORE_TERMINAL)
    store, term, _secret = seed.OTHER_STORE_TERMINAL
    other.post_settlement({"settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "store_id": store,
                           "terminal_id": term, "receipt_no": 1, "amount_minor": view["total_minor"],
                           "currency": "CNY", "tenders": ["cash"], "offline": True,
                           "paid_at": terminal.clock.now().isoformat()}, str(uuid.uuid4()))
    other.close()
    pay_cash(terminal, spec_of(view), offline=True)
    assert OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once().outcomes == {"refund_case": 1}
    return view


def row_of(tab, order_no: str) -> int:
    return next(i for i in range(tab.differences.rowCount()) if order_no in tab.differences.item(i, 1).text())


def test_an_open_case_is_paid_back_from_the_reconciliation(qtbot, window, terminal, server):
    view = paid_elsewhere_first(server, terminal)
    ctx = terminal.day_context()
    assert cash.current_shift(ctx).expected_cash_minor == view["total_minor"]

    sign_in(qtbot, window, "1001", "1357")  # a cashier: the pay-back needs a manager's approval
    window.workspace.show_page("shift")
    page = window.workspace.pages["shift"]
    page.show_tab("reconcile")
    settle(qtbot)
    tab = page.reconcile
    tab.run()
    settle(qtbot)
    row = row_of(tab, view["order_no"])
    assert tab.differences.item(row, 0).text() == "Paid twice: refund case"
    [button] = tab.cases.buttons()
    assert button.property("case_id") and button.isEnabled() and button.text() == "Pay back…"
    assert tab.differences.cellWidget(row, 0).findChild(type(button), "pay_back") is button
    assert tab.differences.item(row, 3).text().startswith(
        "Open: pay the buyer back here (a manager approves), or wait for the platform")
    assert tab.differences_label.text() == "Differences: 1"

    driver = ModalDriver((ManagerApprovalDialog, manager_answers()))
    button.click()
    assert driver.done()
    settle(qtbot)
    settle(qtbot)
    paid = tab.cases.last
    assert paid is not None and paid.reported and paid.receipt.receipt_no == 2
    assert tab.message.text().startswith(f"Paid back ¥25.00 for order {view['order_no']} (receipt 000002).")
    row = row_of(tab, view["order_no"])
    assert tab.differences.item(row, 0).text() == "Paid twice: closed"
    assert tab.differences.item(row, 3).text() == "Closed: paid back at this counter (receipt 000002)."
    assert tab.differences.cellWidget(row, 0) is None and tab.cases.buttons() == []
    assert tab.differences_label.text() == "Differences: 0 open, 1 settled (closed refund cases)."
    assert cash.current_shift(ctx).expected_cash_minor == 0  # the float was 0: the sale's cash went back
    assert cash.current_shift(ctx).cash_refunds_minor == view["total_minor"]


def test_pay_back_refused_without_a_manager_approval(qtbot, window, terminal, server):
    view = paid_elsewhere_first(server, terminal, price=990)
    sign_in(qtbot, window, "1001", "1357")
    window.workspace.show_page("shift")
    page = window.workspace.pages["shift"]
    page.show_tab("reconcile")
    settle(qtbot)
    tab = page.reconcile
    tab.run()
    settle(qtbot)
    button = next(b for b in tab.cases.buttons())

    def cancel(dialog: ManagerApprovalDialog) -> None:
        dialog.reject()

    driver = ModalDriver((ManagerApprovalDialog, cancel))
    button.click()
    assert driver.done()
    settle(qtbot)
    assert tab.cases.last is None
    row = row_of(tab, view["order_no"])
    assert tab.differences.item(row, 0).text() == "Paid twice: refund case"
    assert cash.current_shift(terminal.day_context()).cash_refunds_minor == 0
