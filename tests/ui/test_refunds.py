"""The refund screen on a real Terminal against the sandbox on loopback: a scan through the
Bridge to the purchase shown, photos (a video file as the camera, image files), submit, the
seller's later decision arriving by the page's own polling, and the payout."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from config.schema import RefundSettings
from pos_terminal.domain.model import PayoutRoute, RefundStatus
from pos_terminal.ports import ScanEvent
from sync.outbox_worker import OutboxWorker
from tests.platform_helpers import client_for, new_order, open_shift, pay_cash, settings_for, spec_of
from tests.seller_helpers import decide_as_seller
from tests.ui.conftest import settle, sign_in

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


@pytest.fixture(scope="module")
def video(tmp_path_factory):
    path = tmp_path_factory.mktemp("video") / "cam.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), 15, (1280, 720))
    for i in range(10):
        frame = np.full((720, 1280, 3), 90 + i, np.uint8)
        cv2.putText(frame, "scratch", (300, 360), cv2.FONT_HERSHEY_SIMPLEX, 4, (0, 0, 255), 8)
        writer.write(frame)
    writer.release()
    return path


@pytest.fixture
def terminal(terminal_factory, server, video):
    settings = settings_for(server.url).model_copy(update={"refunds": RefundSettings(photo_camera=str(video))})
    return terminal_factory(settings)


def sold(terminal, server, buyer):
    client = client_for(server.url)
    view = new_order(client, buyer=buyer, qty=1)
    pay_cash(terminal, spec_of(view))
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    client.close()
    return view["lines"][0]["item_codes"][0]


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


def test_scan_photo_submit_approved_at_once_and_cash_paid_out(qtbot, window, terminal, server, tmp_path):
    code = sold(terminal, server, "b-wang")
    page = refunds_page(qtbot, window, terminal)
    scan(window, "PO000000001001")  # an order number in refund mode
    qtbot.waitUntil(lambda: page.message.isVisible(), timeout=5000)
    assert "not an item code" in page.message.text()
    scan(window, code)
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    assert page.item_list.count() == 1 and "¥12.50" in page.item_list.item(0).text()
    qtbot.waitUntil(lambda: page.camera_ok, timeout=5000)  # the video file plays as the camera
    page.capture()
    qtbot.waitUntil(lambda: len(page.photos) == 1, timeout=5000)
    image = tmp_path / "defect.png"
    cv2.imwrite(str(image), np.zeros((100, 200, 3), np.uint8))
    page.add_file_paths([str(image)])
    qtbot.waitUntil(lambda: len(page.photos) == 2, timeout=5000)
    assert page.photos_label.text() == "Photos: 2"
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.APPROVED, timeout=10_000)
    assert page.case.photos_uploaded == 2 and page.pay_button.isEnabled()
    kicks = terminal.devices.drawer.kicks
    page.pay_out()
    qtbot.waitUntil(lambda: page.case.paid_out, timeout=5000)
    assert terminal.devices.drawer.kicks == kicks + 1 and page.case.paid_out_route is PayoutRoute.CASH
    assert page.message.isVisible() and "Refunded" in page.message.text()
    settle(qtbot)


def test_a_seller_decision_shows_up_without_anyone_pressing_anything(qtbot, window, terminal, server):
    code = sold(terminal, server, "b-li")
    page = refunds_page(qtbot, window, terminal)
    page.code_edit.setText(code)
    page.look_up_typed()
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    assert "reputation 40" in page.purchase_label.text()
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.REQUESTED, timeout=10_000)
    assert "Waiting for the seller" in page.status_label.text() and not page.pay_button.isEnabled()
    qtbot.waitUntil(lambda: page.open_list.count() >= 1, timeout=5000)
    r = decide_as_seller(server, page.case.platform_id, True)  # the seller, signed in to the portal
    assert r.status_code == 303
    qtbot.waitUntil(lambda: page.case.status is RefundStatus.APPROVED, timeout=10_000)
    assert "Approved" in page.status_label.text() and page.pay_button.isEnabled()
    settle(qtbot)


def test_a_manager_overrides_a_waiting_cash_refund_from_the_screen(qtbot, window, terminal, server, monkeypatch):
    from ui.dialogs.manager_approval import ManagerApprovalDialog

    code = sold(terminal, server, "b-li")  # reputation 40: waits for the seller
    page = refunds_page(qtbot, window, terminal)
    scan(window, code)
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.REQUESTED, timeout=10_000)
    assert not page.pay_button.isEnabled() and page.override_button.isVisibleTo(page)
    from PySide6.QtCore import QTimer

    from tests.ui.approval_keys import type_approval

    asked = []

    def answer():  # the manager types user number and PIN, Enter (keyboard only)
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ManagerApprovalDialog)
        asked.append(dialog._action.text())
        type_approval(qtbot, dialog, "8001", "8642")

    kicks = terminal.devices.drawer.kicks
    QTimer.singleShot(0, answer)
    page.override_button.click()  # modal: returns once approved and paid out
    qtbot.waitUntil(lambda: page.case.paid_out, timeout=5000)
    assert asked and "¥12.50" in asked[0]
    assert page.case.override and terminal.devices.drawer.kicks == kicks + 1
    assert page.reprint_button.isVisibleTo(page) and not page.override_button.isVisibleTo(page)
    settle(qtbot)


def test_a_mixed_payment_is_refunded_to_the_prepaid_card_then_cash_and_reprinted(qtbot, window, terminal, server):
    from pos_terminal.domain.model import TenderKind
    from pos_terminal.services import sales

    client = client_for(server.url)
    view = new_order(client, buyer="b-wang", qty=1)  # 12.50: 5.00 from prepaid card ****0001, 7.50 cash
    cashier = open_shift(terminal)
    ids = terminal.settings.terminal
    sales.record_sale(sales.RecordSale(ids.terminal_id, ids.store_id, cashier.user_id, spec_of(view), (
        sales.TenderSpec(TenderKind.PREPAID_CARD, 500, reference="tx", card_last4="0001"),
        sales.TenderSpec(TenderKind.CASH, 750, 1000))), terminal.uow(), terminal.clock)
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    before = client.get_card("8800000000000001", "2580")["balance_minor"]
    page = refunds_page(qtbot, window, terminal)
    scan(window, view["lines"][0]["item_codes"][0])
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    assert "each tender that paid" in page.purchase_label.text()
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.APPROVED, timeout=10_000)
    assert "prepaid card ¥5.00 · cash ¥7.50" in page.status_label.text()
    assert page.card_edit.isVisibleTo(page) and not page.override_button.isVisibleTo(page)
    page.card_edit.setText("8800000000000002")  # not the card that paid
    page.pay_out()
    qtbot.waitUntil(lambda: "not the prepaid card" in page.message.text(), timeout=5000)
    assert not page.case.paid_out
    page.card_edit.setText(";8800000000000001=4912?")
    kicks = terminal.devices.drawer.kicks
    page.pay_out()
    qtbot.waitUntil(lambda: page.case.paid_out, timeout=5000)
    assert client.get_card("8800000000000001", "2580")["balance_minor"] == before + 500
    assert terminal.devices.drawer.kicks == kicks + 1 and "Refunded ¥12.50" in page.message.text()
    page.reprint("buyer asked")
    qtbot.waitUntil(lambda: "printed again" in page.message.text(), timeout=5000)
    client.close()
    settle(qtbot)


def test_a_poll_read_before_the_payout_does_not_show_the_paid_case_as_unpaid(qtbot, window, terminal, server,
                                                                             monkeypatch):
    """The page polls the case on a worker; a poll that read the case before the payout committed
    and answers after it must not put the unpaid case (and its Pay button) back on the screen."""
    import threading

    code = sold(terminal, server, "b-wang")
    page = refunds_page(qtbot, window, terminal)
    page.poll_timer.stop()
    scan(window, code)
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.APPROVED, timeout=10_000)
    qtbot.waitUntil(lambda: not page._polling, timeout=5000)
    facade, read, calls = window._app.refunds, threading.Event(), []
    answer_first, answer_later = threading.Event(), threading.Event()
    overview = facade.overview

    def slow_overview(case_id):  # the first poll reads the case now and answers when let go
        calls.append(case_id)
        answer = overview(case_id)
        if len(calls) == 1:
            read.set()
        (answer_first if len(calls) == 1 else answer_later).wait(10)
        return answer

    monkeypatch.setattr(facade, "overview", slow_overview)
    page.poll()
    assert read.wait(5) and not page.case.paid_out
    page.pay_out()
    qtbot.waitUntil(lambda: page.case.paid_out and "Refunded" in page.message.text(), timeout=5000)
    assert len(calls) == 1  # the payout's own poll waits for the one in flight
    answer_first.set()  # the stale poll answers; the poll asked for meanwhile reads again, and waits
    qtbot.waitUntil(lambda: len(calls) == 2, timeout=5000)
    QApplication.processEvents()
    assert page.case.paid_out and not page.pay_button.isVisibleTo(page)
    answer_later.set()
    qtbot.waitUntil(lambda: not page._polling, timeout=5000)
    settle(qtbot)
