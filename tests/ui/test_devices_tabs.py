"""The devices screen by keyboard alone, at 1024x768: one tab per device whose form is seen
whole (no squeezed scroll area), Tab walks the form's fields then the test button, Enter runs
the tab's default action (a test page on a network printer, a drawer pulse, the card terminal's
connection and last transaction, the camera preview), and a saved section shows on the settings
page at once."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from config import loader
from config.schema import PrinterSettings
from drivers.card_simulator import CardSimulator
from drivers.test_page import ruler
from drivers.virtual_printer import VirtualPrinter
from tests.ui.conftest import settle, sign_in


@pytest.fixture
def vp(tmp_path):
    printer = VirtualPrinter(0, tmp_path / "jobs", idle_s=0.2).start()
    yield printer
    printer.stop()


def _devices(qtbot, window, tab: str):
    sign_in(qtbot, window, "9001", "9753")
    window.workspace.show_page("devices")
    page = window.workspace.pages["devices"]
    widget = getattr(page, f"{tab}_tab")
    page.tabs.setCurrentWidget(widget)
    settle(qtbot)
    return page, widget


def _type(qtbot, text: str) -> None:
    widget = QApplication.focusWidget()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(QApplication.focusWidget(), text)


def _tab(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)


def _enter(qtbot) -> None:
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    settle(qtbot)


def _seen_whole(window, widget) -> bool:
    """The widget is on screen in the 1024x768 window: inside every parent (nothing clipped or
    scrolled away) and above the status bar."""
    from PySide6.QtCore import QRect

    if not widget.isVisible():
        return False
    parent = widget.parentWidget()
    while parent is not None:
        mapped = QRect(widget.mapTo(parent, widget.rect().topLeft()), widget.size())
        if not parent.rect().contains(mapped):
            return False
        parent = parent.parentWidget()
    top = widget.mapTo(window, widget.rect().topLeft()).y()
    status_top = window.status.mapTo(window, window.status.rect().topLeft()).y()
    return top >= 0 and top + widget.height() <= status_top


def test_every_device_form_is_seen_whole_at_1024x768(qtbot, window):
    page, _ = _devices(qtbot, window, "printer")
    assert window.size().width() == 1024 and window.size().height() == 768
    for name, kind in (("printer", "network"), ("printer", "serial"), ("drawer", "printer"), ("card", "simulated")):
        tab = getattr(page, f"{name}_tab")
        page.tabs.setCurrentWidget(tab)
        combo = tab.form.editors["kind"]
        combo.setCurrentIndex(combo.findData(kind))
        qtbot.wait(100)  # the layouts settle
        for field in tab.form.shown():
            assert _seen_whole(window, tab.form.editors[field]), (name, field)
        assert _seen_whole(window, tab.test_button) and _seen_whole(window, tab.save_button)
    page.tabs.setCurrentWidget(page.scanner_tab)
    page.kind_combo.setCurrentIndex(page.kind_combo.findData("serial"))  # the scanner's longest form
    qtbot.wait(100)
    form = page.forms["serial"]
    assert "custom_suffix" not in form.shown()  # shown only where the suffix is "custom"
    for field in form.shown():
        assert _seen_whole(window, form.editors[field]), field
    assert _seen_whole(window, page.apply_button) and _seen_whole(window, page.save_button)
    assert window.workspace.scroll.verticalScrollBar().maximum() == 0  # the page itself does not scroll


def test_tab_walks_the_printer_form_then_enter_prints_a_test_page(qtbot, window, terminal, vp):
    page, tab = _devices(qtbot, window, "printer")
    kind = tab.form.editors["kind"]
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Down)  # simulated -> network
    assert kind.currentData() == "network"
    assert tab.form.shown()[:3] == ["kind", "host", "port"]

    order = [QApplication.focusWidget()]
    for _ in range(len(tab.form.shown())):
        _tab(qtbot)
        order.append(QApplication.focusWidget())
    assert order == [tab.form.editors[name] for name in tab.form.shown()] + [tab.test_button]

    tab.form.editors["host"].setFocus()
    _type(qtbot, "127.0.0.1")
    _tab(qtbot)
    _type(qtbot, str(vp.port))
    _tab(qtbot)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # paper width 80 -> 58
    _enter(qtbot)  # the default action: applies the changed form, then prints

    assert terminal.settings.printer.kind == "network" and terminal.settings.printer.paper_width_mm == 58
    assert "test page was printed" in tab.details.text()
    assert ruler(32) in vp.wait_for_jobs(1)[0].text
    assert tab.state.property("tone") == "info"


def test_enter_on_a_printer_that_is_not_there_shows_why_and_the_window_keeps_going(qtbot, window, terminal, tmp_path):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        free = probe.getsockname()[1]
    page, tab = _devices(qtbot, window, "printer")
    tab.form.load(PrinterSettings(kind="network", host="127.0.0.1", port=free, timeout_s=1.0))
    tab.form.editors["port"].setFocus()
    _enter(qtbot)
    assert "was not printed" in tab.details.text()
    assert tab.state.property("tone") == "error"
    assert window.status.items["printer"].tone == "error"
    assert tab.test_button.isEnabled()


def test_drawer_enter_kicks_it_through_the_printer_and_reads_the_switch(qtbot, window, terminal, vp, app):
    app.devices.use_printer(PrinterSettings(kind="network", host="127.0.0.1", port=vp.port, timeout_s=2.0))
    page, tab = _devices(qtbot, window, "drawer")
    kind = tab.form.editors["kind"]
    kind.setFocus()
    qtbot.keyClick(kind, Qt.Key.Key_Up)  # simulated -> printer
    assert kind.currentData() == "printer"
    tab.form.editors["reports_state"].setChecked(True)
    _enter(qtbot)
    assert "pulse was sent" in tab.details.text()
    assert "switch says open" in tab.details.text()
    assert "[DRAWER pin 2]" in vp.wait_for_jobs(1)[0].text


def test_card_terminal_enter_tests_the_connection_and_shows_the_last_transaction(qtbot, window, tmp_path):
    with CardSimulator(state_dir=tmp_path / "sim") as sim:
        page, tab = _devices(qtbot, window, "card")
        tab.form.editors["port"].setFocus()
        _type(qtbot, str(sim.port))
        _enter(qtbot)
        assert "Reached: yes" in tab.details.text()
        assert "Last transaction: none yet" in tab.details.text()

        from config.schema import CardTerminalSettings
        from drivers.card_terminal import TcpCardTerminal

        TcpCardTerminal(CardTerminalSettings(kind="simulated", port=sim.port)).charge(4321, "CNY", "sale-9")
        tab.test_button.setFocus()
        _enter(qtbot)
        assert "43.21" in tab.details.text() and "approved" in tab.details.text()


def test_camera_preview_shows_frames_of_a_video_file_and_stops_when_the_tab_is_left(qtbot, window, tmp_path):
    import cv2
    import numpy as np

    clip = tmp_path / "counter.avi"
    writer = cv2.VideoWriter(str(clip), cv2.VideoWriter_fourcc(*"MJPG"), 20, (320, 240))
    for i in range(40):
        writer.write(np.full((240, 320, 3), i * 5, dtype=np.uint8))
    writer.release()

    page, tab = _devices(qtbot, window, "camera")
    tab.form.editors["photo_camera"].setFocus()
    _type(qtbot, str(clip))
    _enter(qtbot)
    try:
        qtbot.waitUntil(lambda: tab.preview.pixmap() is not None and not tab.preview.pixmap().isNull(), timeout=10_000)
        assert tab.previewing and "ready" in tab.state.text()
    finally:
        page.tabs.setCurrentWidget(page.found_tab)
        settle(qtbot)
    assert not tab.previewing


def test_a_missing_camera_is_a_status(qtbot, window, tmp_path):
    page, tab = _devices(qtbot, window, "camera")
    tab.form.editors["photo_camera"].setFocus()
    _type(qtbot, "/dev/video-none")
    _enter(qtbot)
    assert not tab.previewing
    assert "no camera" in tab.state.text() and tab.state.property("tone") == "error"


def test_saving_the_printer_by_keyboard_shows_on_the_settings_page_at_once(qtbot, window, terminal):
    page, tab = _devices(qtbot, window, "printer")
    settings_page = window.workspace.pages["settings"]  # built before the save
    assert terminal.settings_file is None
    tab.form.editors["paper_width_mm"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Up)  # 80 -> 58
    tab.save_button.setFocus()
    _enter(qtbot)  # Enter on the focused Save button saves (it does not print)
    saved = loader.load(terminal.paths.settings)
    assert saved.printer.paper_width_mm == 58
    assert str(terminal.paths.settings) in tab.message.text()
    window.workspace.show_page("settings")
    settle(qtbot)
    assert settings_page.settings_file.text() == str(terminal.paths.settings)


def test_scanner_tab_by_keyboard_choose_tab_through_and_enter_applies(qtbot, window, terminal, tmp_path):
    page, _ = _devices(qtbot, window, "scanner")
    simulated = terminal.devices.scanner
    page.simulated_text.setFocus()
    qtbot.keyClicks(page.simulated_text, "PAY-1")
    _enter(qtbot)  # Enter in the demo's scan field sends the scan, it does not apply the form
    assert terminal.devices.scanner is simulated and not page.message.isVisible()

    page.kind_combo.setFocus()
    for _ in range(3):
        qtbot.keyClick(page.kind_combo, Qt.Key.Key_Down)  # simulated, wedge, evdev, serial
    assert page.kind_combo.currentData() == "serial"
    form = page.forms["serial"]
    order = [QApplication.focusWidget()]
    for _ in range(len(form.shown()) + 1):
        _tab(qtbot)
        order.append(QApplication.focusWidget())
    assert order == [page.kind_combo, *form.editor_chain(), page.apply_button]

    form.editors["port"].setFocus()
    _type(qtbot, str(tmp_path / "ttyNOPE"))
    _enter(qtbot)
    try:
        assert terminal.settings.scanner.kind == "serial"
        assert "could not be opened" in page.message.text()
    finally:
        terminal.devices.scanner.close()


def test_ctrl_tab_goes_to_the_next_device_and_its_first_field_takes_the_keys(qtbot, window):
    page, tab = _devices(qtbot, window, "printer")
    tab.form.editors["kind"].setFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert page.tabs.currentWidget() is page.drawer_tab
    assert QApplication.focusWidget() is page.drawer_tab.form.editors["kind"]
