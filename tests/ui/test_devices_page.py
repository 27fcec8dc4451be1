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
    assert page.scan_log.data(page.scan_log.index(0, 2)) == "PAY-0001"
    assert page.simulated_text.text() == ""


def test_a_bad_value_is_refused_with_its_key(qtbot, window, terminal):
    page = _devices(qtbot, window)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("serial"))
    page.forms["serial"].editors["port"].setEditText("")
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    assert page.message.isVisible()
    assert "serial.port" in page.message.text()
    assert terminal.devices.scanner.__class__.__name__ == "SimulatedScanner"


def test_apply_puts_a_missing_serial_scanner_at_the_counter_as_a_status(qtbot, window, terminal, tmp_path):
    page = _devices(qtbot, window)
    statuses = []
    window.bridge.device_status.connect(statuses.append)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("serial"))
    page.forms["serial"].editors["port"].setEditText(str(tmp_path / "ttyNOPE"))
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    try:
        assert terminal.settings.scanner.kind == "serial"
        assert "could not be opened" in page.message.text()
        assert any(s.device == "scanner" and not s.usable for s in statuses)
        assert window.status.items["scanner"].tone == "error"
    finally:
        terminal.devices.scanner.close()


def test_save_writes_the_scanner_section_the_next_start_reads(qtbot, window, terminal):
    page = _devices(qtbot, window)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("wedge"))
    page.forms["wedge"].editors["max_key_gap_ms"].setValue(25)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    saved = loader.load(terminal.paths.settings)
    assert (saved.scanner.kind, saved.scanner.wedge.max_key_gap_ms) == ("wedge", 25)
    assert terminal.settings_file == terminal.paths.settings
    assert str(terminal.paths.settings) in page.message.text()
    settings = window.workspace.pages["settings"]  # built before the save: says "none" until shown again
    window.workspace.show_page("settings")
    settle(qtbot)
    assert settings.settings_file.text() == str(terminal.paths.settings)


def test_camera_from_a_video_file_shows_preview_fps_and_scans(qtbot, window, terminal, tmp_path):
    import cv2

    from tests.integration.test_camera import FPS, SIZE, code_image, frame_with

    clip = tmp_path / "counter.avi"
    writer = cv2.VideoWriter(str(clip), cv2.VideoWriter_fourcc(*"MJPG"), FPS, SIZE)
    qr, blank = frame_with(code_image("PAY-ORDER-77", "QRCode", 6)), frame_with(None)
    for frame, count in ((blank, 5), (qr, 40), (blank, 5)):
        for _ in range(count):
            writer.write(frame)
    writer.release()

    page = _devices(qtbot, window)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("camera"))
    page.forms["camera"].editors["source"].setEditText(str(clip))
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    try:
        qtbot.waitUntil(lambda: page.scan_log.rowCount() >= 1, timeout=15_000)
        qtbot.waitUntil(lambda: page.preview.pixmap() is not None and not page.preview.pixmap().isNull(), timeout=15_000)
        assert page.preview.isVisible()
        assert page.scan_log.event_at(0).text == "PAY-ORDER-77"
        assert page.scan_log.event_at(0).source == f"video:{clip}"
        assert "frames per second" in page.fps_label.text()
    finally:
        terminal.devices.scanner.close()
        settle(qtbot)


def test_choosing_the_wedge_installs_the_key_filter_and_scans_never_reach_the_focused_field(qtbot, window):
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    window.start(poll_interval_ms=60_000)
    page = _devices(qtbot, window)
    assert window.wedge is None  # the demo's scanner is the simulated one
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("wedge"))
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: window.wedge is not None, timeout=5000)

    page.simulated_text.setFocus()  # any focused text field
    stamp = 10_000
    for ch in "PAY-123456\r":
        stamp += 4
        key = Qt.Key.Key_Return if ch == "\r" else ord(ch.upper())
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
            event.setTimestamp(stamp)
            QApplication.sendEvent(page.simulated_text, event)
    qtbot.waitUntil(lambda: page.scan_log.rowCount() == 1, timeout=5000)
    assert page.scan_log.event_at(0).text == "PAY-123456"
    assert page.scan_log.event_at(0).source == "wedge"
    assert page.simulated_text.text() == ""

    page.kind_combo.setCurrentIndex(page.kind_combo.findData("simulated"))
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    settle(qtbot)
    qtbot.waitUntil(lambda: window.wedge is None, timeout=5000)
