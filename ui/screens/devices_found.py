"""The devices screen's "Found on this machine" tab: serial ports, cameras, input devices and
printers attached, listed on a worker (drivers.discovery through DeviceControl.discover). The
page offers what was found as suggestions in the device forms (`discovered` signal)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QHeaderView, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from pos_terminal.app.facades import App
from ui.screens.devices_tabs import message_for
from ui.tasks import run_in_background
from ui.texts import fill


def describe(entry: dict[str, Any]) -> tuple[str, str]:
    name = str(entry.get("device") or entry.get("path") or entry.get("name") or entry.get("address") or "?")
    details = []
    for key in ("name", "description", "manufacturer", "vid_pid", "usb", "phys", "reachable", "error", "note"):
        value = entry.get(key)
        if value not in (None, "", name):
            details.append(f"{key}: {value}" if key in ("reachable", "error") else str(value))
    return name, "  ·  ".join(details)


class FoundTab(QWidget):
    discovered = Signal(object)  # the discovery dict, once listed

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self.found_dict: dict[str, Any] | None = None
        self.refresh_button = QPushButton(self)
        self.refresh_button.setObjectName("refresh_devices")
        self.refresh_button.setAutoDefault(True)
        self.refresh_button.clicked.connect(self.refresh)
        self.note = QLabel(self)
        self.note.setObjectName("FieldLabel")
        self.note.setWordWrap(True)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("found_devices")
        self.tree.setColumnCount(2)
        self.tree.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 8, 0, 0)
        top = QHBoxLayout()
        top.addWidget(self.note, 1)
        top.addWidget(self.refresh_button)
        box.addLayout(top)
        box.addWidget(self.tree, 1)

    @property
    def busy(self) -> bool:
        return not self.refresh_button.isEnabled()

    def refresh(self) -> None:
        if self.busy:
            return
        settings, devices = self._app.store.settings, self._app.devices
        self.refresh_button.setEnabled(False)
        self.note.setText(self.tr("Looking for devices…"))

        def failed(exc: BaseException) -> None:
            self.refresh_button.setEnabled(True)
            self.note.setText(fill(self.tr("Could not list the devices: %1"), message_for(exc)))

        run_in_background(lambda: devices.discover(settings), self._listed, failed, context=self)

    def _listed(self, found: dict[str, Any]) -> None:
        self.refresh_button.setEnabled(True)
        self.found_dict = found
        self.fill()
        self.discovered.emit(found)

    def fill(self) -> None:
        self.tree.clear()
        found = self.found_dict or {}
        groups = (
            ("serial_ports", self.tr("Serial ports")),
            ("cameras", self.tr("Cameras")),
            ("input_devices", self.tr("Input devices")),
            ("usb_printers", self.tr("USB printers")),
            ("network_printer", self.tr("Network printer")),
        )
        total = 0
        for key, title in groups:
            entries = found.get(key)
            if entries is None:
                continue
            if isinstance(entries, dict):
                entries = [entries]
            group = QTreeWidgetItem(self.tree, [title, self.tr("%n found", "", len(entries))])
            for entry in entries:
                total += 1
                QTreeWidgetItem(group, list(describe(entry)))
            group.setExpanded(True)
        for section, error in (found.get("errors") or {}).items():
            QTreeWidgetItem(self.tree, [str(section), fill(self.tr("could not be listed: %1"), error)])
        self.note.setText(self.tr("%n device(s) found. Choose one on the device's tab.", "", total))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.refresh()
            return
        super().keyPressEvent(event)

    def retranslate(self) -> None:
        self.refresh_button.setText(self.tr("Look again"))
        self.tree.setHeaderLabels([self.tr("Device"), self.tr("Details")])
        if self.found_dict is not None:
            self.fill()
        elif not self.busy:
            self.note.setText(self.tr("Serial ports, cameras, input devices and printers attached to this machine."))
