"""What the cashier reads when a checkout step is refused: pure functions from an error (its type,
reason code and parameters) to the translated text. No logging, no state, no widget: the page
logs and changes state (ui/screens/checkout/page.py); these only choose the words.

The translation context stays "CheckoutPage" (these texts were the page's), so the catalogues in
ui/translations keep matching.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_terminal.domain.errors import AlreadyPaid, DomainError, NoOpenShift, ShiftOfAnother
from pos_terminal.money import format_money
from pos_terminal.scan_codes import ScanKind
from pos_terminal.services.cash import CashRefused
from pos_terminal.services.checkout import CheckoutRefused
from pos_terminal.services.orders import PaymentCodeRefused
from ui.texts import fill

translate = QCoreApplication.translate


def is_unexpected(exc: BaseException) -> bool:
    """Not a refusal the core explains (a bug or an outage): the page logs it with its traceback."""
    return not isinstance(exc, DomainError)


def scan_kind_text(kind: ScanKind) -> str:
    """What a scanned code that is not a payment code is, and where it belongs."""
    if kind is ScanKind.PRODUCT_BARCODE:
        return translate("CheckoutPage", "That is a product barcode, not an order. Scan the payment code on the "
                                         "buyer's phone.")
    if kind is ScanKind.ITEM_CODE:
        return translate("CheckoutPage", "That is an item code from a receipt: returns are taken on the Refunds "
                                         "page.")
    if kind is ScanKind.PREPAID_CARD:
        return translate("CheckoutPage", "That is a prepaid card. Scan the order first, then choose F2 Prepaid to "
                                         "pay with it.")
    return translate("CheckoutPage", "This code is not one this terminal reads. Scan the payment QR code or the "
                                     "order number.")


def claim_lost_text(params: dict) -> str:
    """The platform no longer holds the order on screen for this counter (CheckoutRefused claim_lost)."""
    cause = params.get("cause")
    if cause == "order_claimed":
        return fill(translate("CheckoutPage", "This order is now being paid at another counter (%1). Take no more "
                                              "payment here: press Esc to cancel; anything taken is given back."),
                    f"{params.get('store_id')}/{params.get('terminal_id')}")
    if cause == "already_paid":
        return translate("CheckoutPage", "This order has been paid elsewhere meanwhile. Take no more payment here: "
                                         "press Esc to cancel; anything taken is given back.")
    if cause == "claim_lifetime_exceeded":
        return translate("CheckoutPage", "This counter has held this order as long as the platform allows. Take no "
                                         "more payment here: press Esc to cancel; anything taken is given back. "
                                         "Another counter can take the order now, this one after a few minutes.")
    return translate("CheckoutPage", "The platform no longer holds this order for this counter (expired or "
                                     "cancelled). Take no more payment here: press Esc to cancel; anything taken is "
                                     "given back.")


def printer_cause(error: str | None) -> str:
    """Why the printer did not print, in the cashier's language where it is a known fault."""
    text = (error or "").strip()
    causes = (("paper end", translate("CheckoutPage", "paper end: load paper")),
              ("cover open", translate("CheckoutPage", "cover open: close the cover")),
              ("offline", translate("CheckoutPage", "the printer is offline: check its error light")),
              ("no answer", translate("CheckoutPage", "no answer from the printer: check that it is on and not "
                                                      "jammed")))
    for prefix, translated in causes:
        if text.startswith(prefix):
            return translated
    return text or translate("CheckoutPage", "the printer did not confirm it")


def still_pending_text(receipt_no, error: str | None) -> str:
    number = f"{receipt_no:06d}" if isinstance(receipt_no, int) else ""
    return fill(translate("CheckoutPage", "Receipt %1 was NOT printed and is still pending: %2. Fix the printer, "
                                          "then press F9 to print the original."), number, printer_cause(error))


def refusal_text(exc: BaseException, currency: str = "CNY") -> str:
    """The cashier's text for `exc`; `currency`: the order's on screen. Logs nothing, changes nothing."""
    params = getattr(exc, "params", {}) or {}
    if isinstance(exc, PaymentCodeRefused):
        reason = exc.reason
        if reason == "not_a_payment_code":
            try:
                return scan_kind_text(ScanKind(params.get("kind", "unknown")))
            except ValueError:
                return scan_kind_text(ScanKind.UNKNOWN)
        texts = {
            "voucher_expired": translate("CheckoutPage", "This payment code has expired. Ask the buyer to open the "
                                                         "order again for a new code."),
            "voucher_bad_signature": translate("CheckoutPage", "This payment code was altered or is not from the "
                                                               "platform. Do not take payment for it."),
            "voucher_unknown_key": translate("CheckoutPage", "This payment code is signed with a key this terminal "
                                                             "does not know yet. Connect to the platform, or ask for "
                                                             "the order number."),
            "voucher_malformed": translate("CheckoutPage", "This payment code is damaged or not a payment code. Scan "
                                                           "it again."),
            "voucher_too_long": translate("CheckoutPage", "This payment code is longer than any real one. Do not "
                                                          "take payment for it."),
            "voucher_not_yet_valid": translate("CheckoutPage", "This payment code is dated in the future: check this "
                                                               "terminal's clock."),
            "voucher_unknown_issuer": fill(translate("CheckoutPage", "This counter does not take payment codes of "
                                                                     "platform %1. Ask the technician to add it."),
                                           str(params.get("issuer") or "?")),
            "order_claimed": fill(translate("CheckoutPage", "This order is being paid at another counter (%1). Wait, "
                                                            "or ask that counter to cancel."),
                                  f"{params.get('store_id')}/{params.get('terminal_id')}"),
            "order_expired": translate("CheckoutPage", "This order has expired. The buyer must order again."),
            "order_cancelled": translate("CheckoutPage", "The shop cancelled this order. It cannot be paid."),
            "unknown_order": translate("CheckoutPage", "The platform does not know this order. Check the code with "
                                                       "the buyer."),
            "needs_platform": translate("CheckoutPage", "An order number or link can only be paid online, and the "
                                                        "platform cannot be reached. Ask the buyer to show the "
                                                        "payment QR code, which works offline."),
            "amount_mismatch": translate("CheckoutPage", "The platform and the payment code disagree on the amount. "
                                                         "Ask the buyer to open the order again."),
            "claim_lifetime_exceeded": translate("CheckoutPage", "This counter has held this order as long as the "
                                                                 "platform allows. Another counter can take it now; "
                                                                 "this one only after a few minutes."),
            "too_many_claims": translate("CheckoutPage", "This counter already holds as many open orders as the "
                                                         "platform allows. Finish or cancel one of them first."),
            "credential_locked": translate("CheckoutPage", "The platform refuses this terminal's credential for now "
                                                           "(too many failed sign-ins). Ask the technician to check "
                                                           "the terminal's secret; it is accepted again after a "
                                                           "while."),
        }
        return texts.get(reason, fill(translate("CheckoutPage", "The platform refused this order: %1"), exc.message))
    if isinstance(exc, AlreadyPaid):
        where = params.get("where")
        if where == "here":
            receipt = params.get("receipt_no")
            if receipt:
                return fill(translate("CheckoutPage", "This order was already paid at this terminal (receipt %1). Do "
                                                      "not take money twice."), f"{receipt:06d}")
            return translate("CheckoutPage", "This order was already paid at this terminal. Do not take money twice.")
        if where == "online":
            return translate("CheckoutPage", "The buyer already paid this order online. Do not take money twice.")
        return translate("CheckoutPage", "This order was already paid elsewhere. Do not take money twice.")
    if isinstance(exc, NoOpenShift):
        return translate("CheckoutPage", "No shift is open: open one with the counted float, then take the payment "
                                         "again.")
    if isinstance(exc, CashRefused):  # opening the shift from this page (the float typed here)
        shift_texts = {
            "shift_open": translate("CheckoutPage", "A shift is already open at this terminal."),
            "day_closed": translate("CheckoutPage", "The business day and the next one are closed already: no shift "
                                                    "opens now."),
            "float_too_large": fill(translate("CheckoutPage", "A float of %1 is more than the %2 a drawer may start "
                                                              "with. Count it again."),
                                    format_money(int(params.get("amount_minor") or 0), currency),
                                    format_money(int(params.get("max_minor") or 0), currency)),
            "float_unusual": fill(translate("CheckoutPage", "A float of %1 is more than the usual %2: open the shift on "
                                                            "the Shift page, where the amount is confirmed."),
                                  format_money(int(params.get("amount_minor") or 0), currency),
                                  format_money(int(params.get("usual_minor") or 0), currency)),
            "bad_amount": translate("CheckoutPage", "Type the counted float as an amount, e.g. 200 or 200.50."),
        }
        if exc.reason in shift_texts:
            return shift_texts[exc.reason]
    if isinstance(exc, ShiftOfAnother):
        return fill(translate("CheckoutPage", "The open shift is %1's: nothing was recorded. Take it over on the Shift "
                                              "page (or close it and open your own), then take the payment again."),
                    str(params.get("holder") or ""))
    if isinstance(exc, CheckoutRefused):
        cur = currency
        reason = exc.reason
        if reason == "claim_lost":
            return claim_lost_text(params)
        if reason == "prepaid_balance_short":
            balance = params.get("balance_minor")
            if balance is not None:
                return fill(translate("CheckoutPage", "Prepaid card %1 holds only %2. Take that amount and the rest "
                                                      "another way."),
                            params.get("card", ""), format_money(int(balance), cur))
            return translate("CheckoutPage", "The prepaid card's balance is too low for this amount.")
        texts = {
            "card_declined": translate("CheckoutPage", "Card declined. The card was not charged; ask for another "
                                                       "card or tender."),
            "card_not_charged": translate("CheckoutPage", "The card terminal did not charge the card (not reachable "
                                                          "or refused). Check it and try again."),
            "card_cancelled": translate("CheckoutPage", "Card payment cancelled. Nothing was charged."),
            "card_outcome_unknown": translate("CheckoutPage", "The card terminal stopped answering during the "
                                                              "payment. Look at its screen and do NOT charge again: "
                                                              "press Check again once it is back."),
            "no_card_terminal": translate("CheckoutPage", "No card terminal is set up at this counter. Take another "
                                                          "tender."),
            "prepaid_offline": translate("CheckoutPage", "Prepaid cards need the platform, which cannot be reached "
                                                         "now. Take another tender, or retry the same card and "
                                                         "amount."),
            "prepaid_pending": fill(translate("CheckoutPage", "The last debit from card %1 has an unknown outcome. "
                                                              "Retry that same card and "
                                                              "amount first."), params.get("card", "")),
            "prepaid_unknown_card": translate("CheckoutPage", "The platform does not know this prepaid card."),
            "prepaid_blocked": translate("CheckoutPage", "This prepaid card is blocked."),
            "prepaid_refused": translate("CheckoutPage", "The platform refused this prepaid card."),
            "prepaid_wrong_pin": fill(translate("CheckoutPage", "Wrong PIN: %1 attempts left. Nothing was taken from "
                                                                "the card."),
                                      str(params.get("attempts_left", "?"))),
            "prepaid_pin_locked": translate("CheckoutPage", "This prepaid card is locked after too many wrong PINs. "
                                                            "Take another tender; the card holder asks the card's "
                                                            "issuer to unlock it."),
            "prepaid_pin_invalid": translate("CheckoutPage", "The PIN is 4 to 6 digits. Ask the card holder to key "
                                                             "it in again."),
            "prepaid_pin_not_set": translate("CheckoutPage", "This prepaid card has no PIN yet and cannot be spent. "
                                                             "Take another tender."),
            "invalid_card_number": translate("CheckoutPage", "That is not a prepaid card number. Scan or swipe the "
                                                             "card, or type its 16 digits starting with 88."),
            "over_amount": translate("CheckoutPage", "That is more than is still due."),
            "not_covered": translate("CheckoutPage", "The payments do not cover the total yet."),
            "needs_manager": translate("CheckoutPage", "Payments were taken: a manager must approve the cancel."),
            "void_failed": fill(translate("CheckoutPage", "Not everything could be given back: %1"), exc.message),
            "busy": translate("CheckoutPage", "Still working on the previous step. Wait a moment."),
            "card_earlier_approved": fill(translate("CheckoutPage", "An earlier card payment of %1 for order %2 was "
                                                                    "approved (card %3): that buyer was charged. "
                                                                    "Scan that order to complete its sale, or refund "
                                                                    "it from the start screen. Then charge this card "
                                                                    "again."),
                                          format_money(int(params.get("amount_minor") or 0), params.get("currency") or cur),
                                          str(params.get("order_no", "")), str(params.get("card", ""))),
            "card_earlier_unknown": fill(translate("CheckoutPage", "An earlier card payment of %1 for order %2 still "
                                                                   "has an unknown outcome. Check the card terminal "
                                                                   "before charging another card."),
                                         format_money(int(params.get("amount_minor") or 0),
                                                params.get("currency") or cur),
                                         str(params.get("order_no", ""))),
            "print_failed": fill(translate("CheckoutPage", "The receipt was not printed: %1"), exc.message),
        }
        return texts.get(reason, exc.message)
    if isinstance(exc, DomainError):
        return exc.message
    return fill(translate("CheckoutPage", "Something went wrong: %1. Try again; if it keeps happening, call the "
                                          "technician."),
                str(exc) or type(exc).__name__)
