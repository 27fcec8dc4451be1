from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.screens.base import ComingSoon, Page


class RefundsPage(Page):
    key = "refunds"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card = ComingSoon(self)
        self.content.addWidget(self._card)
        self.content.addStretch(1)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Refunds")

    def lead(self) -> str:
        return self.tr("Take back a faulty item: scan the item's own code and photograph the defect.")

    def retranslate_content(self) -> None:
        self._card.set_text(
            self.tr("Coming next: refund intake by item code, a photo of the defect, and the platform's answer (refunded at once, or waiting for the seller).")
        )
