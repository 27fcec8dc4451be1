"""A refund at the Chinese counter against the sandbox on loopback: the refunds page shows no
untranslated text from the scan to the payout, and the refund receipt prints the reason's label
(质量问题), never its stored code (`原因 defective`)."""

from __future__ import annotations

import cv2
import numpy as np
import pytest
from PySide6.QtWidgets import QApplication

from config.schema import Language
from pos_terminal.domain.model import RefundStatus
from pos_terminal.ports import ScanEvent
from receipts.escpos_render import render_escpos
from sync.outbox_worker import OutboxWorker
from tests.platform_helpers import client_for, new_order, open_shift, pay_cash, settings_for, spec_of
from tests.ui import untranslated
from tests.ui.conftest import settle, sign_in

pytestmark = pytest.mark.clock_sensitive


@pytest.fixture
def terminal(terminal_factory, server):
    return terminal_factory(settings_for(server.url))


def _sold(terminal, server) -> str:
    client = client_for(server.url)
    view = new_order(client, buyer="b-wang", qty=1)  # a buyer whose refunds are approved at once
    pay_cash(terminal, spec_of(view))
    OutboxWorker(terminal.uow, terminal.platform, terminal.clock).drain_once()
    client.close()
    return view["lines"][0]["item_codes"][0]


def test_a_refund_in_chinese_shows_and_prints_no_english(qtbot, window, terminal, server, languages, tmp_path):
    code = _sold(terminal, server)
    languages.apply(Language.ZH_CN)
    QApplication.processEvents()
    sign_in(qtbot, window, "1001", "1357")
    open_shift(terminal)
    window.workspace.show_page("refunds")
    page = window.workspace.pages["refunds"]
    settle(qtbot)
    tour = untranslated.Tour(window, terminal)

    window.bridge.post_scan(ScanEvent(code, code.encode(), "qr", "simulated", window._app.store.now()))
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    tour.look("refunds item")
    page.reason_box.setCurrentIndex(page.reason_box.findData("defective"))
    image = tmp_path / "defect.png"
    cv2.imwrite(str(image), np.zeros((100, 200, 3), np.uint8))
    page.add_file_paths([str(image)])
    qtbot.waitUntil(lambda: len(page.photos) == 1, timeout=5000)
    tour.look("refunds photo")
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.APPROVED, timeout=10_000)
    tour.look("refunds approved")
    page.pay_out()
    qtbot.waitUntil(lambda: page.case.paid_out, timeout=5000)
    tour.look("refunds paid out")
    settle(qtbot)

    printed = render_escpos(terminal.devices.printer.printed[-1]).decode("gb18030", errors="replace")
    reason_line = next(line for line in printed.splitlines() if "原因" in line)
    assert "质量问题" in reason_line and "defective" not in printed
    assert tour.found == [], "English in the Chinese refunds page:\n" + untranslated.report(tour.found)
