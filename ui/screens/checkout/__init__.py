"""The checkout screen (see page.py). Old import paths keep working: `from ui.screens.checkout
import CheckoutPage`."""

from ui.screens.checkout.page import LOCAL_STYLE, STATES, CheckoutPage
from ui.screens.checkout.refusal_texts import refusal_text
from ui.screens.checkout.tender_panels import NOTES_MINOR, TENDER_PANELS

__all__ = ["CheckoutPage", "LOCAL_STYLE", "NOTES_MINOR", "STATES", "TENDER_PANELS", "refusal_text"]
