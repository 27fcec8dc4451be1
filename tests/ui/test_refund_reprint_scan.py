"""Issue 15: a scan while the refund's reprint-reason box is open is never the audited reason
(the wedge filter takes the burst off the field) and does not clear the refund beneath the box
(the page refuses it while the box is open); the reason the cashier types is what is audited."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QLineEdit

from config.schema import WedgeSettings
from pos_terminal.domain.model import RefundStatus
from pos_terminal.services import audit
from tests.ui.conftest import settle
from tests.ui.test_refunds import refunds_page, scan, sold, terminal, video  # noqa: F401 (fixtures)
from tests.ui.test_wedge import HUMAN_GAP, Keyboard
from ui.wedge import WedgeFilter


def test_a_scan_in_the_reprint_reason_box_is_not_the_reason(qtbot, window, terminal, server):  # noqa: F811
    code = sold(terminal, server, "b-wang")
    other = sold(terminal, server, "b-wang")  # the next returned unit, scanned too early
    page = refunds_page(qtbot, window, terminal)
    scan(window, code)
    qtbot.waitUntil(lambda: len(page.items) == 1, timeout=5000)
    page.submit()
    qtbot.waitUntil(lambda: page.case is not None and page.case.status is RefundStatus.APPROVED, timeout=10_000)
    page.pay_out()
    qtbot.waitUntil(lambda: page.case.paid_out, timeout=5000)
    settle(qtbot)
    case_id = page.case.case_id

    wedge = WedgeFilter(WedgeSettings())  # as MainWindow._sync_wedge installs it for a wedge scanner
    wedge.install()
    wedge.scanned.connect(window.bridge.post_scan)
    seen = {}

    def in_the_box():
        box = QApplication.activeModalWidget()
        if not isinstance(box, QInputDialog):
            QTimer.singleShot(20, in_the_box)
            return
        kb = Keyboard(box)
        kb.scan(other)  # 5 ms a key, Enter at the end
        QTimer.singleShot(50, lambda: type_reason(box, kb))

    def type_reason(box, kb):
        seen["field"], seen["open"] = box.findChild(QLineEdit).text(), box.isVisible()
        seen["message"], seen["case"] = page.message.text(), page.case.case_id if page.case else None
        kb.type("torn\n", HUMAN_GAP)  # the cashier's own reason, typed

    try:
        QTimer.singleShot(0, in_the_box)
        qtbot.mouseClick(page.reprint_button, Qt.MouseButton.LeftButton)
        settle(qtbot)
    finally:
        wedge.uninstall()
    assert seen["field"] == "" and seen["open"]  # the scan never reached the reason field
    assert seen["case"] == case_id and seen["message"].startswith("The scan was not used")
    assert page.case is not None and page.case.case_id == case_id
    qtbot.waitUntil(lambda: "printed again" in page.message.text(), timeout=5000)
    with terminal.uow() as uow:
        reprints = [e for e in uow.audit.recent(None) if e["action"] == audit.REPRINT]
    assert [e["details"].get("reason") for e in reprints] == ["torn"]
