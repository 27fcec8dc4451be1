"""The demo's devices page offers the payment codes of both of its platforms (issue 16: one counter
takes codes of several platforms): chosen by keyboard, the code lands in the simulated scanner's
field and Enter sends it as a scan."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.ui.conftest import settle, sign_in


def test_the_demo_offers_codes_of_both_platforms_and_sends_one_by_keyboard(qtbot, window, terminal):
    from pos_terminal.app.demo import start_demo_platform

    start_demo_platform(terminal)
    window.start(poll_interval_ms=60_000)
    sign_in(qtbot, window, "9001", "9753")
    window.workspace.show_page("devices")
    page = window.workspace.pages["devices"]
    settle(qtbot)
    qtbot.waitUntil(lambda: page.demo_codes.isVisible() and page.demo_codes.count() > 1, timeout=10_000)
    labels = [page.demo_codes.itemText(i) for i in range(page.demo_codes.count())]
    assert any(label.startswith("Demo Shop · PO000000001") for label in labels)
    assert any(label.startswith("Tea House 茶馆 · PO000000002001") for label in labels)
    tea = next(i for i, label in enumerate(labels) if label.startswith("Tea House"))
    page.demo_codes.setFocus()
    for _ in range(tea):
        qtbot.keyClick(page.demo_codes, Qt.Key.Key_Down)
    code = page.demo_codes.itemData(tea)
    assert page.simulated_text.text() == code and page.simulated_text.hasFocus()
    qtbot.keyClick(page.simulated_text, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: page.scan_log.rowCount() == 1, timeout=5000)
    assert page.scan_log.event_at(0).text == code
