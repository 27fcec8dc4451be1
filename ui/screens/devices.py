from __future__ import annotations

from ui.screens.base import PlaceholderPage


class DevicesPage(PlaceholderPage):
    key = "devices"

    def title(self) -> str:
        return self.tr("Devices")

    def lead(self) -> str:
        return self.tr("Set up and test the scanner, camera, receipt printer, cash drawer and card terminal.")

    def coming_next(self) -> str:
        return self.tr("Coming next: detected devices, their settings, a test scan, a test receipt and a drawer test. The status line below already shows each device's state.")
