"""The refund screen with a unit whose return the buyer filed on the phone, on a real Terminal
against the sandbox on loopback: the scan shows the banner (the decision, the buyer's reason),
the counter asks for no reason or photo, and the one button takes the unit in on a worker and
pays out (or waits for the seller, or pays nothing for a refund to the buyer's balance)."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from pos_terminal.domain.model import PayoutRoute, RefundStatus
from pos_terminal.ports import ScanEvent
from sync.outbox_worker import OutboxWorker
from tests.online_return_helpers import file_online_return, paid_online, request_row
from tests.platform_helpers import client_for, new_order, open_shift, pay_cash, settings_for, spec_of
from tests.seller_helpers import decide_as_seller
from tests.ui.conftest import settle, sign_in

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


@pytest.fixture
def terminal(terminal_factory, server):
    return terminal_factory(settings_for(server.url))


def sold(terminal, server, buyer, qty=1) -> list[str]:
    client = client_for(server.url)
    view = new_order(client, buyer=buyer, qty=qty)
    pay_cash(terminal, spec_of(view))
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    client.close()
    return [c for line in view["lines"] for c in line["item_codes"]]


def scan(window, text):
    window.bridge.post_scan(ScanEvent(text, text.encode(), "qr", "simulated", window._app.store.now()))
    QApplication.processEvents()


def refunds_page(qtbot, window, terminal):
    sign_in(qtbot, window, "1001", "1357")
    open_shift(terminal)
    window.workspace.show_page("refunds")
    page = window.workspace.pages["refunds"]
    page.poll_timer.setInterval(200)
    settle(qtbot)
    return page


def test_an_approved_online_return_shows_the_banner_and_one_button_takes_it_in_and_pays_cash(qtbot, window, terminal,
                                                                                            server):
    codes = sold(terminal, server, "b-wang", qty=2)
    filed = file_online_return(server, codes, "damaged: the box was crushed")
    page = refunds_page(qtbot, window, terminal)
    scan(window, codes[0])
    banner = page.online_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=15_000)
    assert banner.title_label.text() == "Return authorised online"
    assert "Approved at once by policy" in banner.decision_label.text()
    assert banner.reason_label.text() == "Reason given by the buyer: Damaged: the box was crushed"
    assert "¥25.00" in banner.detail_label.text() and codes[1] in banner.detail_label.text()
    assert "cash from this drawer" in banner.detail_label.text()
    assert banner.take_in_button.text() == "Take in and pay out" and banner.take_in_button.isEnabled()
    assert page.items == [] and not page.submit_button.isVisible()  # not a counter intake
    assert not page.reason_box.isVisible() and not page.files_button.isEnabled()  # no reason, no photo asked
    kicks = terminal.devices.drawer.kicks
    banner.take_in_button.click()
    assert page._busy and not banner.take_in_button.isEnabled()  # the work is on a worker, the GUI goes on
    qtbot.waitUntil(lambda: page.case is not None and page.case.paid_out, timeout=10_000)
    assert not banner.isVisible() and page.case.paid_out_route is PayoutRoute.CASH
    assert terminal.devices.drawer.kicks == kicks + 1
    assert "Refunded ¥25.00" in page.message.text() and page.status_box.isVisible()  # the case, as any other
    page.clear_button.click()
    assert page.reason_box.isVisible()  # an ordinary screen again
    assert request_row(server, filed["request_id"]).store_id == "demo-store"
    settle(qtbot)


def test_filed_online_and_waiting_then_the_seller_approves(qtbot, window, terminal, server):
    codes = sold(terminal, server, "b-li")  # reputation 40: the seller decides
    filed = file_online_return(server, codes, "defective")
    page = refunds_page(qtbot, window, terminal)
    page.code_edit.setText(codes[0])
    page.look_up_typed()
    banner = page.online_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=15_000)
    assert banner.title_label.text() == "Filed online — waiting for the seller"
    assert banner.take_in_button.text() == "Take in" and banner.property("tone") == "waiting"
    banner.take_in_button.click()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.REQUESTED, timeout=10_000)
    assert "the seller decides" in page.message.text() and not page.pay_button.isEnabled()
    assert decide_as_seller(server, filed["request_id"], True).status_code == 303
    qtbot.waitUntil(lambda: page.case.status is RefundStatus.APPROVED, timeout=10_000)  # the page's own polling
    assert page.pay_button.isEnabled()
    page.pay_out()
    qtbot.waitUntil(lambda: page.case.paid_out, timeout=15_000)
    settle(qtbot)


def test_refunded_to_the_buyers_balance_the_counter_only_takes_the_unit_in(qtbot, window, terminal, server):
    client = client_for(server.url)
    view = paid_online(server, client, buyer="b-wang", qty=1)
    client.close()
    codes = [c for line in view["lines"] for c in line["item_codes"]]
    file_online_return(server, codes, "wrong_item")
    page = refunds_page(qtbot, window, terminal)
    scan(window, codes[0])
    banner = page.online_banner
    qtbot.waitUntil(lambda: banner.isVisible(), timeout=15_000)
    assert "The platform refunded the buyer; take the unit in" in banner.detail_label.text()
    assert banner.take_in_button.text() == "Take in" and banner.property("tone") == "platform"
    kicks = terminal.devices.drawer.kicks
    banner.take_in_button.click()
    qtbot.waitUntil(lambda: page.case is not None and page.case.paid_out, timeout=10_000)
    assert page.case.paid_out_route is PayoutRoute.ONLINE and terminal.devices.drawer.kicks == kicks
    assert "nothing is paid at the counter" in page.message.text()
    scan(window, codes[0])  # scanned again: it is this store's now, and done
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=15_000)
    assert page.message.text() == "This unit is already refunded." and not banner.isVisible()
    settle(qtbot)


def test_the_platform_away_at_the_hand_in_keeps_the_case_and_sends_it_when_back(qtbot, window, terminal, server):
    codes = sold(terminal, server, "b-wang")
    filed = file_online_return(server, codes)
    page = refunds_page(qtbot, window, terminal)
    scan(window, codes[0])
    qtbot.waitUntil(lambda: page.online_banner.isVisible(), timeout=15_000)
    up, terminal.platform = terminal.platform, client_for("http://127.0.0.1:9", timeout_s=0.5, retries=0)
    try:
        page.online_banner.take_in_button.click()
        qtbot.waitUntil(lambda: page.case is not None, timeout=10_000)
        assert page.case.status is RefundStatus.DRAFT and not page.pay_button.isEnabled()
        assert not page.override_button.isVisibleTo(page)  # not even a manager pays before the hand-in
        assert "the platform does not answer" in page.message.text()
        assert request_row(server, filed["request_id"]).handed_in_at is None
    finally:
        terminal.platform = up
    qtbot.waitUntil(lambda: page.case.status is RefundStatus.APPROVED, timeout=10_000)  # the page's polling sends it
    assert page.pay_button.isEnabled() and request_row(server, filed["request_id"]).handed_in_at is not None
    settle(qtbot)
