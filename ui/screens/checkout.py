from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.screens.base import ComingSoon, Page


class CheckoutPage(Page):
    key = "checkout"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._card = ComingSoon(self)
        self.content.addWidget(self._card)
        self.content.addStretch(1)
        self.retranslate_ui()

    def title(self) -> str:
        return self.tr("Checkout")

    def lead(self) -> str:
        return self.tr("Scan the buyer's payment code or order number, then take the payment.")

    def retranslate_content(self) -> None:
        self._card.set_text(
            self.tr("Coming next: the scanned order with its items and total, and cash, prepaid-card and bank-card payment with a printed receipt.")
        )
