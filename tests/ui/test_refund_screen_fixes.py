"""Issue 15, the refund screen: the seller's rejection note shown and the rejected request kept in
the list until put away; thumbnails of the photos (larger on a click, a wrong one removed before
sending); Enter in the prepaid-card field pays out. A real Terminal against the sandbox on
loopback, driven by mouse and keyboard (pytest-qt)."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import cv2
import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_terminal.domain.model import PayoutRoute, RefundStatus
from pos_terminal.ports import ScanEvent
from tests.platform_helpers import client_for, new_order, settings_for
from tests.seller_helpers import decide_as_seller
from tests.ui.conftest import settle
from tests.ui.test_refunds import refunds_page, sold

pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def terminal(terminal_factory, server):
    return terminal_factory(settings_for(server.url))


def scan(window, text):
    window.bridge.post_scan(ScanEvent(text, text.encode(), "qr", "simulated", window._app.store.now()))
    QApplication.processEvents()


def rows(page) -> list[str]:
    return [page.open_list.item(i).text() for i in range(page.open_list.count())]


def test_a_rejection_shows_the_sellers_note_and_stays_listed_until_put_away(qtbot, window, terminal, server):
    code = sold(terminal, server, "b-li")  # reputation 40: the seller decides
    page = refunds_page(qtbot, window, terminal)
    scan(window, code)
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.REQUESTED, timeout=10_000)
    note = "The scratch was there when it was sold"
    assert decide_as_seller(server, page.case.platform_id, False, note=note).status_code == 303
    qtbot.waitUntil(lambda: page.case.status is RefundStatus.REJECTED, timeout=10_000)  # the page's own polling
    assert "Rejected by the seller" in page.status_label.text()
    assert f"Seller's note: {note}" in page.status_label.text()
    assert page.ack_button.isVisible() and not page.pay_button.isVisible()
    qtbot.mouseClick(page.clear_button, Qt.MouseButton.LeftButton)  # the next buyer
    qtbot.waitUntil(lambda: any(note in r for r in rows(page)), timeout=5000)
    qtbot.wait(600)  # more polls: the rejected request stays
    listed = [i for i, r in enumerate(rows(page)) if note in r]
    assert len(listed) == 1 and "Rejected by the seller" in rows(page)[listed[0]]
    page.open_list.setFocus()
    page.open_list.setCurrentRow(listed[0])
    assert page.case is not None and page.case.status is RefundStatus.REJECTED and note in page.status_label.text()
    page.ack_button.setFocus()
    qtbot.keyClick(page.ack_button, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: page.case is None and not any(note in r for r in rows(page)), timeout=5000)
    assert "put away" in page.message.text()
    settle(qtbot)


def test_photos_show_as_thumbnails_open_larger_and_a_wrong_one_is_removed(qtbot, window, terminal, server, tmp_path):
    code = sold(terminal, server, "b-wang")
    page = refunds_page(qtbot, window, terminal)
    scan(window, code)
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    paths = []
    for i, color in enumerate(((0, 0, 255), (0, 255, 0))):
        path = tmp_path / f"photo{i}.png"
        cv2.imwrite(str(path), np.full((480, 640, 3), color, np.uint8))
        paths.append(str(path))
    page.add_file_paths(paths)
    strip = page.photo_strip
    qtbot.waitUntil(lambda: strip.count() == 2, timeout=5000)
    assert strip.isVisible() and page.photos_label.text() == "Photos: 2"
    icon = strip.item(0).icon().pixmap(strip.iconSize()).toImage()
    assert not icon.isNull() and icon.width() > 20
    wrong = page.photos[0].sha256
    rect = strip.visualItemRect(strip.item(0))
    qtbot.mouseClick(strip.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: strip.dialog is not None and strip.dialog.isVisible(), timeout=3000)
    larger = strip.dialog.picture.pixmap()
    assert larger.width() > strip.iconSize().width() * 4
    qtbot.mouseClick(strip.dialog.remove_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: strip.dialog is None, timeout=3000)
    assert [p.sha256 for p in page.photos] != [] and wrong not in [p.sha256 for p in page.photos]
    assert strip.count() == 1 and page.photos_label.text() == "Photos: 1"
    strip.setFocus()
    strip.setCurrentRow(0)
    qtbot.keyClick(strip, Qt.Key.Key_Delete)  # by keyboard
    assert page.photos == [] and strip.count() == 0 and not strip.isVisible()
    page.add_file_paths(paths[1:])
    qtbot.waitUntil(lambda: len(page.photos) == 1, timeout=5000)
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.APPROVED, timeout=10_000)
    assert page.case.photos == 1  # only the photo kept was sent
    settle(qtbot)


def test_enter_in_the_prepaid_card_field_pays_out(qtbot, window, terminal, server):
    client = client_for(server.url)
    view = new_order(client, buyer="b-wang", qty=1)  # reputation 90: approved at once
    client.post_settlement({
        "settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "merchant_id": view["merchant"]["id"],
        "store_id": client.store_id, "terminal_id": client.terminal_id, "receipt_no": 1,
        "amount_minor": view["total_minor"], "currency": view["currency"], "tenders": ["prepaid_card"],
        "offline": False, "paid_at": datetime.now(timezone.utc).isoformat()}, str(uuid.uuid4()))
    before = client.get_card("8800000000000002", "1357")["balance_minor"]
    page = refunds_page(qtbot, window, terminal)
    scan(window, view["lines"][0]["item_codes"][0])
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.APPROVED, timeout=10_000)
    assert page.card_edit.isVisible()
    page.card_edit.setFocus()
    qtbot.keyClicks(page.card_edit, "hello")
    qtbot.keyClick(page.card_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "prepaid card first" in page.message.text(), timeout=5000)
    assert page.card_edit.text() == ""  # the refused text is not left for the next number to join
    qtbot.keyClicks(page.card_edit, "8800000000000002")
    qtbot.keyClick(page.card_edit, Qt.Key.Key_Enter)  # the keypad's Enter
    qtbot.waitUntil(lambda: page.case.paid_out, timeout=5000)
    assert page.case.paid_out_route is PayoutRoute.PREPAID_CARD
    assert client.get_card("8800000000000002", "1357")["balance_minor"] == before + view["total_minor"]
    client.close()
    settle(qtbot)


def visible_parts(page):
    names = ("code_edit", "look_up_button", "online_banner", "purchase_label", "item_list", "reason_box", "reason_note",
             "submit_button", "clear_button", "status_box", "card_edit", "pay_button", "override_button",
             "reprint_button", "ack_button", "preview", "capture_button", "retake_button", "files_button",
             "photos_label", "photo_strip", "camera_label", "open_label", "open_list", "message")
    parts = {}
    for name in names:
        w = getattr(page, name)
        if w.isVisibleTo(page):
            parts[name] = w.geometry().translated(w.parentWidget().mapTo(page, w.parentWidget().rect().topLeft())
                                                  if w.parentWidget() is not page else w.geometry().topLeft() * 0)
    return parts


def assert_fits(page, scroll):
    """Nothing scrolls, nothing overlaps, no wrapped text is cut."""
    assert page.height() <= scroll.viewport().height(), (page.height(), scroll.viewport().height())
    parts = visible_parts(page)
    names = sorted(parts)
    for i, a in enumerate(names):
        assert page.rect().contains(parts[a]), (a, parts[a], page.rect())
        for b in names[i + 1:]:
            assert not parts[a].intersects(parts[b]), (a, parts[a], b, parts[b])
    for label in (page.purchase_label, page.status_label):
        if label.isVisibleTo(page):
            assert label.height() >= label.heightForWidth(label.width()), label.text()


@pytest.mark.parametrize("size", [(1024, 768), (1024, 680)])
def test_the_page_fits_1024_wide_without_scrolling_or_overlaps(qtbot, window, terminal, server, tmp_path, size):
    from PySide6.QtWidgets import QScrollArea

    code = sold(terminal, server, "b-li")
    page = refunds_page(qtbot, window, terminal)
    window.showNormal()
    window.setMinimumSize(0, 0)
    window.resize(*size)
    scroll = window.workspace.findChild(QScrollArea, "PageScroll")
    scan(window, code)
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    path = tmp_path / "photo.png"
    cv2.imwrite(str(path), np.full((480, 640, 3), (0, 0, 255), np.uint8))
    page.add_file_paths([str(path)])
    qtbot.waitUntil(lambda: page.photo_strip.count() == 1, timeout=5000)
    page.message.show_message("A message is shown as well, as after a refusal.")
    qtbot.wait(50)
    assert_fits(page, scroll)  # taking a return in: purchase, units, reason, camera, photos
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.REQUESTED, timeout=10_000)
    assert decide_as_seller(server, page.case.platform_id, False, note="Not a defect: " + "worn by use. " * 12
                            ).status_code == 303
    qtbot.waitUntil(lambda: page.case.status is RefundStatus.REJECTED, timeout=10_000)
    page.message.show_message("A message is shown as well.")
    qtbot.wait(50)
    assert_fits(page, scroll)  # a rejection with a long note
    settle(qtbot)
