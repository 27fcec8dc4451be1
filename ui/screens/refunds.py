from __future__ import annotations

from ui.screens.base import PlaceholderPage


class RefundsPage(PlaceholderPage):
    key = "refunds"

    def title(self) -> str:
        return self.tr("Refunds")

    def lead(self) -> str:
        return self.tr("Take back a faulty item: scan the item's own code and photograph the defect.")

    def coming_next(self) -> str:
        return self.tr("Coming next: refund intake by item code, a photo of the defect, and the platform's answer (refunded at once, or waiting for the seller).")
