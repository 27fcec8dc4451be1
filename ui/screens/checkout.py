from __future__ import annotations

from ui.screens.base import PlaceholderPage


class CheckoutPage(PlaceholderPage):
    key = "checkout"

    def title(self) -> str:
        return self.tr("Checkout")

    def lead(self) -> str:
        return self.tr("Scan the buyer's payment code or order number, then take the payment.")

    def coming_next(self) -> str:
        return self.tr("Coming next: the scanned order with its items and total, and cash, prepaid-card and bank-card payment with a printed receipt.")
