"""The devices screen: a scan from the counter's scanner shows in the live log with its timing,
the form is the settings schema (a bad value is refused with the key named), Apply swaps the
scanner on a worker, Save writes the settings file that the next start reads."""

from __future__ import annotations

from PySide6.QtCore import Qt

from config import loader
from tests.ui.conftest import settle, sign_in


def _devices(qtbot, window):
    sign_in(qtbot, window, "9001", "9753")
    page = window.workspace.pages["devices"]
    window.workspace.show_page("devices")
    settle(qtbot)
    return page


def test_simulated_scan_reaches_the_live_log_through_the_bridge(qtbot, window):
    window.start(poll_interval_ms=60_000)
    page = _devices(qtbot, window)
    page.simulated_text.setText("PAY-0001")
    qtbot.mouseClick(page.simulated_send, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: page.scan_log.rowCount() == 1, timeout=5000)
    event = page.scan_log.event_at(0)
    assert (event.text, event.source) == ("PAY-0001", "simulated")
    assert page.scan_log.data(page.scan_log.index(0, 3)) == "PAY-0001"
    assert page.simulated_text.text() == ""


def test_a_bad_value_is_refused_with_its_key(qtbot, window):
    page = _devices(qtbot, window)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("serial"))
    page.forms["serial"].editors["port"].setEditText("")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert page.message.isVisible()
    assert "serial.port" in page.message.text()
    assert window._terminal.devices.scanner.__class__.__name__ == "SimulatedScanner"


def test_apply_puts_a_missing_serial_scanner_at_the_counter_as_a_status(qtbot, window, tmp_path):
    page = _devices(qtbot, window)
    statuses = []
    window.bridge.device_status.connect(statuses.append)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("serial"))
    page.forms["serial"].editors["port"].setEditText(str(tmp_path / "ttyNOPE"))
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    terminal = window._terminal
    try:
        assert terminal.settings.scanner.kind == "serial"
        assert "could not be opened" in page.message.text()
        assert any(s.device == "scanner" and not s.usable for s in statuses)
        assert window.status.items["scanner"].tone == "error"
    finally:
        terminal.devices.scanner.close()


def test_save_writes_the_scanner_section_the_next_start_reads(qtbot, window):
    page = _devices(qtbot, window)
    terminal = window._terminal
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("wedge"))
    page.forms["wedge"].editors["max_key_gap_ms"].setValue(25)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    saved = loader.load(terminal.paths.settings)
    assert (saved.scanner.kind, saved.scanner.wedge.max_key_gap_ms) == ("wedge", 25)
    assert terminal.settings_file == terminal.paths.settings
    assert str(terminal.paths.settings) in page.message.text()
