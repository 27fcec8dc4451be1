from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.screens.base import ComingSoon, Page


class DevicesPage(Page):
    key = "devices"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card = ComingSoon(self)
        self.content.addWidget(self._card)
        self.content.addStretch(1)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Devices")

    def lead(self) -> str:
        return self.tr("Set up and test the scanner, camera, receipt printer, cash drawer and card terminal.")

    def retranslate_content(self) -> None:
        self._card.set_text(
            self.tr("Coming next: detected devices, their settings, a test scan, a test receipt and a drawer test. The status line below already shows each device's state.")
        )
