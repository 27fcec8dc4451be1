"""Devices (technicians): choose the counter's scanner and its settings, try it at once with a
live readout of scans and their timing (and the camera preview with the codes outlined and the
frame rate), save it to the settings file, and see what this machine has attached.

Everything that touches a device or the disk runs in the background: discovery, swapping the
scanner, saving. Scans and frames arrive through the Bridge.
"""

from __future__ import annotations

import logging

from pydantic import ValidationError
from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QKeyEvent, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from config.schema import CameraSettings, ScannerSettings, SerialScannerSettings, WedgeSettings
from pos_terminal.app.facades import App
from ui.bridge import Bridge
from ui.preview import PreviewFeed, PreviewFrame, ScanLogModel
from ui.screens.base import Page
from ui.screens.devices_camera import CameraTab
from ui.screens.devices_found import FoundTab, describe
from ui.screens.devices_tabs import CardTab, DrawerTab, PrinterTab, message_for
from ui.settings_form import SettingsForm
from ui.tasks import run_in_background
from ui.texts import device_detail_text, fill

log = logging.getLogger(__name__)

KINDS = ("simulated", "wedge", "evdev", "serial", "camera")


class DeviceTabs(QTabWidget):
    """The device tabs want no more height than their tallest form needs: the page below the
    header scrolls when its preferred height is more than the window has (ui/workspace.py), and
    the scan log and previews take whatever height is left anyway."""

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint().expandedTo(QSize(super().sizeHint().width(), 0))

    def hasHeightForWidth(self) -> bool:
        return False


class DevicesPage(Page):
    key = "devices"

    def __init__(self, app: App, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._bridge = bridge
        self._feed: PreviewFeed | None = None
        self._busy = False

        self.tabs = DeviceTabs(self)
        self.tabs.setObjectName("device_tabs")
        self.scanner_tab = self._scanner_tab()
        self.printer_tab = PrinterTab(app, bridge, self)
        self.drawer_tab = DrawerTab(app, bridge, self)
        self.card_tab = CardTab(app, bridge, self)
        self.camera_tab = CameraTab(app, bridge, self)
        self.found_tab = FoundTab(app, self)
        self.found_tab.discovered.connect(self._offer_suggestions)
        for tab in (self.scanner_tab, self.printer_tab, self.drawer_tab, self.card_tab, self.camera_tab, self.found_tab):
            self.tabs.addTab(tab, "")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.content.addWidget(self.tabs, 1)

        bridge.scan.connect(self._scanned)
        bridge.camera_frame.connect(self._show_frame)
        bridge.device_status.connect(self._device_status)
        self.destroyed.connect(lambda *_: self._stop_preview())
        self._load(app.store.settings.scanner)
        self._watch_camera()
        self.retranslate_ui()

    # -- building ---------------------------------------------------------------------------
    def _scanner_tab(self) -> QWidget:
        tab = QWidget(self)
        left = QFrame(tab)
        left.setObjectName("Card")
        self.kind_combo = QComboBox(left)
        self.kind_combo.setObjectName("scanner_kind")
        for kind in KINDS:
            self.kind_combo.addItem(kind, kind)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.kind_label = QLabel(left)
        self.kind_label.setObjectName("FieldLabel")

        self.evdev_device = QComboBox(left)  # before the forms: it comes first in the evdev page's tab order
        self.evdev_device.setEditable(True)
        self.evdev_device.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.evdev_device.setObjectName("field_evdev_device")
        self.forms = {
            "serial": SettingsForm(SerialScannerSettings, parent=left, columns=2),
            "camera": SettingsForm(CameraSettings, ("source", "decoder", "width", "height", "repeat_window_ms"), left,
                                   columns=2),
            "wedge": SettingsForm(WedgeSettings, parent=left, columns=2),
            "evdev": SettingsForm(WedgeSettings, ("layout", "terminator", "custom_terminator"), left, columns=2),
        }
        for key, choice in (("serial", "suffix"), ("wedge", "terminator"), ("evdev", "terminator")):
            self.forms[key].editors[choice].currentIndexChanged.connect(self._custom_fields)
        self.kind_combo.setStyleSheet("QComboBox { font-size: 17px; min-height: 32px; }")
        self.evdev_label = QLabel(left)
        self.evdev_label.setObjectName("FieldLabel")

        # the demo's open orders on each of its platforms: choosing one puts its payment code in the field
        self.demo_codes = QComboBox(left)
        self.demo_codes.setObjectName("demo_codes")
        self.demo_codes.setVisible(False)
        # its longest entry must not widen the column: the list opens as wide as it needs
        self.demo_codes.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.demo_codes.setMinimumContentsLength(16)
        self.demo_codes.activated.connect(self._demo_code_chosen)
        self.simulated_text = QLineEdit(left)
        self.simulated_text.setObjectName("simulated_text")
        self.simulated_send = QPushButton(left)
        self.simulated_send.setObjectName("simulated_send")
        self.simulated_send.clicked.connect(self._send_simulated)
        self.simulated_text.returnPressed.connect(self._send_simulated)
        self.simulated_note = QLabel(left)
        self.simulated_note.setWordWrap(True)
        self.simulated_note.setObjectName("FieldLabel")

        self.pages = QWidget(left)  # one page shown at a time; hidden pages take no room
        self.pages.setObjectName("ScannerPages")
        pages_box = QVBoxLayout(self.pages)
        pages_box.setContentsMargins(0, 0, 0, 0)
        simulated_page = QWidget(left)
        sim = QVBoxLayout(simulated_page)
        sim.setContentsMargins(0, 0, 0, 0)
        sim.addWidget(self.simulated_note)
        sim.addWidget(self.demo_codes)
        sim.addWidget(self.simulated_text)
        sim.addWidget(self.simulated_send)
        sim.addStretch(1)
        self.wedge_note = QLabel(left)
        self.wedge_note.setWordWrap(True)
        self.wedge_note.setObjectName("FieldLabel")
        wedge_page = QWidget(left)
        wedge_box = QVBoxLayout(wedge_page)
        wedge_box.setContentsMargins(0, 0, 0, 0)
        wedge_box.addWidget(self.forms["wedge"])
        wedge_box.addWidget(self.wedge_note)
        wedge_box.addStretch(1)
        evdev_page = QWidget(left)
        evdev_box = QVBoxLayout(evdev_page)
        evdev_box.setContentsMargins(0, 0, 0, 0)
        evdev_box.addWidget(self.evdev_label)
        evdev_box.addWidget(self.evdev_device)
        evdev_box.addWidget(self.forms["evdev"])
        evdev_box.addStretch(1)
        self._page_of = {
            "simulated": simulated_page,
            "wedge": wedge_page,
            "evdev": evdev_page,
            "serial": self.forms["serial"],
            "camera": self.forms["camera"],
        }
        for kind in KINDS:
            pages_box.addWidget(self._page_of[kind])
        scroll = QScrollArea(left)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.pages)
        scroll.setObjectName("ScannerForm")
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes from the last field to the buttons
        scroll.setStyleSheet("#ScannerForm, #ScannerForm > QWidget, #ScannerPages { background: transparent; }")

        self.apply_button = QPushButton(left)
        self.apply_button.setObjectName("Primary")
        self.apply_button.clicked.connect(self.apply)
        self.save_button = QPushButton(left)
        self.save_button.setObjectName("save_scanner")
        self.save_button.clicked.connect(self.save)
        for button in (self.apply_button, self.save_button, self.simulated_send):
            button.setAutoDefault(True)  # Enter on a focused button presses it
        buttons = QHBoxLayout()
        buttons.setSpacing(10)
        buttons.addWidget(self.apply_button, 3)
        buttons.addWidget(self.save_button, 2)
        self.message = QLabel(left)
        self.message.setObjectName("Message")
        self.message.setWordWrap(True)
        self.message.hide()

        left_box = QVBoxLayout(left)
        left_box.setContentsMargins(14, 10, 14, 10)
        left_box.setSpacing(8)
        left_box.addWidget(self.kind_label)
        left_box.addWidget(self.kind_combo)
        left_box.addWidget(scroll, 1)
        left_box.addLayout(buttons)
        left_box.addWidget(self.message)

        right = QWidget(tab)
        self.preview = QLabel(right)
        self.preview.setObjectName("CameraPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFixedHeight(225)
        self.preview.setMinimumWidth(280)
        self.preview.setStyleSheet("background: #1f2933; color: #d5dbe1; border-radius: 8px;")
        self.fps_label = QLabel(right)
        self.fps_label.setObjectName("FieldLabel")
        self.scans_label = QLabel(right)
        self.scans_label.setObjectName("FieldLabel")
        self.scan_log = ScanLogModel(self._app.store.timezone, parent=self)
        self.scan_table = QTableView(right)
        self.scan_table.setObjectName("scan_log")
        self.scan_table.setModel(self.scan_log)
        self.scan_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.scan_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.scan_table.verticalHeader().hide()
        header = self.scan_table.horizontalHeader()
        metrics = self.scan_table.fontMetrics()
        for column, sample in ((0, "00:00:00"), (1, "code128"), (3, "9999 ms")):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(column, metrics.horizontalAdvance(sample) + 16)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.scanner_state = QLabel(right)
        self.scanner_state.setObjectName("Message")
        self.scanner_state.setWordWrap(True)
        right_box = QVBoxLayout(right)
        right_box.setContentsMargins(0, 0, 0, 0)
        right_box.addWidget(self.scanner_state)
        right_box.addWidget(self.preview)
        right_box.addWidget(self.fps_label)
        right_box.addWidget(self.scans_label)
        right_box.addWidget(self.scan_table, 1)

        row = QHBoxLayout(tab)
        row.setContentsMargins(0, 8, 0, 0)
        row.setSpacing(14)
        left.setMinimumWidth(400)  # two columns of fields: a whole section without scrolling at 1024x768
        left.setMaximumWidth(430)
        row.addWidget(left, 3)
        row.addWidget(right, 2)
        return tab

    # -- the form ---------------------------------------------------------------------------
    def _load(self, scanner: ScannerSettings) -> None:
        self.kind_combo.setCurrentIndex(KINDS.index(scanner.kind))
        self.forms["serial"].load(scanner.serial)
        self.forms["camera"].load(scanner.camera)
        self.forms["wedge"].load(scanner.wedge)
        self.forms["evdev"].load(scanner.wedge)
        self.evdev_device.setEditText(scanner.evdev_device)
        self._kind_changed()

    def _kind_changed(self, *_):
        kind = self.kind_combo.currentData()
        for other, widget in self._page_of.items():
            widget.setVisible(other == kind)
        self._custom_fields()

    def _custom_fields(self, *_):
        """A custom suffix or terminator field shows only where "custom" is chosen."""
        for key, choice, custom in (("serial", "suffix", "custom_suffix"), ("wedge", "terminator", "custom_terminator"),
                                    ("evdev", "terminator", "custom_terminator")):
            form = self.forms[key]
            chosen = form.editors[choice].currentData()
            form.show_only(tuple(name for name in form.fields if name != custom or chosen == "custom"))

    def scanner_settings(self) -> ScannerSettings:
        """What the form says, validated by the schema (raises ValidationError)."""
        data = self._app.store.settings.scanner.model_dump()
        kind = self.kind_combo.currentData()
        data["kind"] = kind
        if kind in ("serial", "camera", "wedge"):
            data[kind] = {**data[kind], **self.forms[kind].values()}
        elif kind == "evdev":
            data["wedge"] = {**data["wedge"], **self.forms["evdev"].values()}
            index = self.evdev_device.findText(self.evdev_device.currentText())
            chosen = self.evdev_device.itemData(index) if index >= 0 else None
            data["evdev_device"] = chosen or self.evdev_device.currentText().strip()
        return ScannerSettings.model_validate(data)

    # -- actions ------------------------------------------------------------------------------
    def apply(self) -> None:
        """Puts the scanner in the form at the counter now (not saved), on a worker."""
        try:
            chosen = self.scanner_settings()
        except ValidationError as exc:
            self._say(fill(self.tr("Check the settings: %1"), message_for(exc)), "error")
            return
        if self._busy:
            return
        self._busy = True
        self._stop_preview()
        self.apply_button.setEnabled(False)
        self._say(self.tr("Opening the scanner…"), "info")
        devices, bridge = self._app.devices, self._bridge
        run_in_background(
            lambda: devices.use_scanner(chosen, bridge.post_device_status, bridge.post_scan),
            self._applied,
            self._apply_failed,
            context=self,
        )

    def _applied(self, status) -> None:
        self._busy = False
        self.apply_button.setEnabled(True)
        self._watch_camera()
        if status.usable:
            self._say(self.tr("The scanner is working. Scan a code to see it below; save to keep this setting."), "info")
        else:
            self._say(fill(self.tr("The scanner could not be opened: %1. It keeps trying in the background."),
                           device_detail_text(status.detail)), "error")

    def _apply_failed(self, exc: BaseException) -> None:
        self._busy = False
        self.apply_button.setEnabled(True)
        log.error("scanner swap failed", exc_info=exc)
        self._say(fill(self.tr("The scanner could not be started: %1"), message_for(exc)), "error")

    def save(self) -> None:
        try:
            chosen = self.scanner_settings()
        except ValidationError as exc:
            self._say(fill(self.tr("Check the settings: %1"), message_for(exc)), "error")
            return
        settings = self._app.settings
        user = getattr(self.window(), "user", None)  # who is signed in (the audit trail records it)
        path = settings.save_target()
        values = chosen.model_dump(mode="json")
        self.save_button.setEnabled(False)

        def saved(_settings) -> None:
            self.save_button.setEnabled(True)
            in_use = self._app.store.settings.scanner == chosen  # Apply was pressed for this form already
            self._say(lambda: fill(self.tr("Saved to %1. The scanner at the counter uses it.") if in_use
                                   else self.tr("Saved to %1. Press Apply and test to use it now."), str(path)), "info")

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self._say(fill(self.tr("Not saved: %1"), message_for(exc)), "error")

        run_in_background(lambda: settings.save_section("scanner", values, user=user), saved, failed,
                          context=self)

    def _send_simulated(self) -> None:
        text = self.simulated_text.text().strip()
        emit = self._app.devices.simulated_scanner()
        if not text:
            return
        if emit is None:
            self._say(self.tr("The scanner at the counter is not the simulated one: press Apply first."), "error")
            return
        self.simulated_text.clear()
        run_in_background(lambda: emit(text), context=self)

    # -- what comes back ----------------------------------------------------------------------
    def _scanned(self, event) -> None:
        self.scan_log.add(event)

    def _show_frame(self, frame: PreviewFrame) -> None:
        self.preview.setPixmap(QPixmap.fromImage(frame.image))
        self.fps_label.setText(fill(self.tr("Camera: %1 frames per second"), f"{frame.fps:.1f}"))

    def _device_status(self, status) -> None:
        if status.device != "scanner":
            return
        self._show_scanner_state(status)
        if not status.usable and self._feed is not None:
            self.fps_label.setText(fill(self.tr("Camera: %1"), device_detail_text(status.detail)))

    def _show_scanner_state(self, status) -> None:
        from ui.texts import device_state_text

        text = fill(self.tr("Scanner at the counter: %1"), device_state_text(status.state))
        if status.detail:
            text += f" — {device_detail_text(status.detail)}"
        self.scanner_state.setText(text)
        self.scanner_state.setProperty("tone", "info" if status.usable else "error")
        self.scanner_state.style().unpolish(self.scanner_state)
        self.scanner_state.style().polish(self.scanner_state)

    def _watch_camera(self) -> None:
        self._stop_preview()
        listening = self._app.devices.has_frames()
        self.preview.setVisible(listening)
        self.fps_label.setVisible(listening)
        if listening:
            self._feed = PreviewFeed(self._bridge.post_camera_frame)
            self._app.devices.add_frame_listener(self._feed)

    def _stop_preview(self) -> None:
        if self._feed is not None:
            self._feed.stop()
            self._feed = None

    def _say(self, text, tone: str) -> None:
        """`text` may be a function giving the text: the message then follows a language change."""
        self._said = (text, tone) if callable(text) else None
        self.message.setProperty("tone", tone)
        self.message.setText(text() if callable(text) else text)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def _tab_changed(self, index: int) -> None:
        # the first field of the tab gets the focus: the keyboard goes on from there (Tab, Enter)
        tab = self.tabs.widget(index)
        if tab is self.scanner_tab:
            self.kind_combo.setFocus()
        elif tab is self.found_tab:
            self.found_tab.refresh_button.setFocus()
        elif tab is self.camera_tab:
            self.camera_tab.form.editors["photo_camera"].setFocus()
        else:
            editors = tab.form.editor_chain()
            if editors:
                editors[0].setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter on the scanner tab applies and tests the form (its default action); the other
        tabs handle their own Enter. Enter in the demo's scan field sends the scan only."""
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.tabs.currentWidget() is self.scanner_tab
                and self.focusWidget() is not self.simulated_text):
            event.accept()
            self.apply()
            return
        super().keyPressEvent(event)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.found_tab.found_dict is None and not self.found_tab.busy:
            self.found_tab.refresh()  # on a worker: the forms get what is attached as suggestions
        if self._app.store.demo:  # the demo's payment codes of every platform, read on a worker
            run_in_background(self._app.store.demo_payment_codes, self._show_demo_codes, lambda exc: None,
                              context=self)

    def _show_demo_codes(self, codes: list) -> None:
        self._demo_code_list = list(codes)
        self.demo_codes.clear()
        self.demo_codes.addItem(self.tr("Demo payment codes (all platforms)"), None)
        for platform, order_no, total_minor, currency, code in self._demo_code_list:
            self.demo_codes.addItem(f"{platform} · {order_no} · {total_minor / 100:.2f} {currency}", code)
        self.demo_codes.setVisible(bool(self._demo_code_list))

    def _demo_code_chosen(self, index: int) -> None:
        code = self.demo_codes.itemData(index)
        if code:
            self.simulated_text.setText(code)
            self.simulated_text.setFocus()

    # -- discovery results --------------------------------------------------------------------
    def _offer_suggestions(self, found: dict) -> None:
        ports = [(p.get("device", ""), describe(p)[1]) for p in found.get("serial_ports") or []]
        self.forms["serial"].set_suggestions("port", ports)
        self.printer_tab.form.set_suggestions("serial_port", ports)
        cameras = [(c.get("path") or str(c.get("index", "")), c.get("name", "")) for c in found.get("cameras") or []]
        self.forms["camera"].set_suggestions("source", cameras or [("0", "")])
        self.camera_tab.set_suggestions(cameras or [("0", "")])
        current = self.evdev_device.currentText()
        self.evdev_device.clear()
        for device in found.get("input_devices") or []:
            value = device.get("path", "")
            self.evdev_device.addItem(f"{value}  —  {device.get('name', '')}", value)
        self.evdev_device.setEditText(current)

    # -- texts --------------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Devices")

    def lead(self) -> str:
        return self.tr("Set up and test the counter's scanner, printer, drawer, card terminal and camera, and save them to the settings.")

    def retranslate_content(self) -> None:
        self._show_scanner_state(self._app.devices.scanner_status())
        if getattr(self, "_said", None) is not None and self.message.isVisibleTo(self):
            self._say(*self._said)
        for i, text in enumerate((self.tr("Scanner"), self.tr("Printer"), self.tr("Drawer"), self.tr("Card terminal"),
                                  self.tr("Camera"), self.tr("Found on this machine"))):
            self.tabs.setTabText(i, text)
        self.kind_label.setText(self.tr("Scanner type"))
        names = {
            "simulated": self.tr("Simulated (demo)"),
            "wedge": self.tr("Keyboard wedge, in this window"),
            "evdev": self.tr("Keyboard wedge, grabbed (evdev)"),
            "serial": self.tr("Serial scanner"),
            "camera": self.tr("Webcam"),
        }
        for i, kind in enumerate(KINDS):
            self.kind_combo.setItemText(i, names[kind])
        labels = {
            "port": self.tr("Port"),
            "baud": self.tr("Baud rate"),
            "data_bits": self.tr("Data bits"),
            "parity": self.tr("Parity"),
            "stop_bits": self.tr("Stop bits"),
            "flow_control": self.tr("Flow control"),
            "suffix": self.tr("Suffix (end of a scan)"),
            "custom_suffix": self.tr("Custom suffix"),
            "idle_gap_ms": self.tr("Gap ending a scan (ms)"),
            "prefix": self.tr("Prefix to strip"),
            "aim_ids": self.tr("AIM symbology identifiers"),
            "source": self.tr("Camera (index, device or video file)"),
            "decoder": self.tr("Decoder"),
            "width": self.tr("Width"),
            "height": self.tr("Height"),
            "repeat_window_ms": self.tr("Same code again counts after (ms)"),
            "max_key_gap_ms": self.tr("Longest gap between scanner keys (ms)"),
            "min_length": self.tr("Shortest scan (characters)"),
            "terminator": self.tr("Terminator"),
            "custom_terminator": self.tr("Custom terminator"),
            "layout": self.tr("Scanner keyboard layout"),
        }
        for form in self.forms.values():
            for name in form.fields:
                form.set_label(name, labels.get(name, name))
        self.evdev_label.setText(self.tr("Input device (name, vendor:product or path)"))
        self.simulated_note.setText(self.tr("The demo scanner: type a code and send it, as if it had been scanned."))
        self.simulated_text.setPlaceholderText(self.tr("Code to scan"))
        if self.demo_codes.count():
            self.demo_codes.setItemText(0, self.tr("Demo payment codes (all platforms)"))
        self.simulated_send.setText(self.tr("Send as a scan"))
        self.wedge_note.setText(self.tr("Scans typed faster than the gap above never reach the field that has focus; people typing are not affected."))
        self.apply_button.setText(self.tr("Apply and test"))
        self.save_button.setText(self.tr("Save to settings"))
        self.scans_label.setText(self.tr("Scans"))
        self.scan_log.set_headers([self.tr("Time"), self.tr("Type"), self.tr("Text"), self.tr("Latency")])
        if self.preview.pixmap() is None or self.preview.pixmap().isNull():
            self.preview.setText(self.tr("Camera preview"))
        for tab in (self.printer_tab, self.drawer_tab, self.card_tab, self.camera_tab, self.found_tab):
            tab.retranslate()

