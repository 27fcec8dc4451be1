"""The refund screen's texts: reasons, states, payout routes and legs, a case as a line of the
list, and why a request was refused (by this terminal's checks or by the platform). A mixin of
RefundsPage (it uses the page's online-return banner for the refusals that banner knows).

Texts keep the translation context "RefundsPage". Call at display time, never at import: the
language can change while the program runs.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_terminal.domain.model import PayoutRoute, RefundStatus
from pos_terminal.money import format_money
from pos_terminal.services import refunds
from ui.online_return_banner import OnlineReturnBanner
from ui.texts import fill

translate = QCoreApplication.translate

NOTE_IN_LIST = 80  # characters of the seller's note shown in the list (the whole note above it)


class RefundTexts:
    online_banner: OnlineReturnBanner  # the page's

    def reason_texts(self) -> dict[str, str]:
        return {"defective": translate("RefundsPage", "Defective"),
                "damaged": translate("RefundsPage", "Damaged"),
                "wrong_item": translate("RefundsPage", "Wrong item"),
                "not_as_described": translate("RefundsPage", "Not as described"),
                "missing_parts": translate("RefundsPage", "Missing parts"),
                "other": translate("RefundsPage", "Other (say what)")}

    def status_text(self, status: RefundStatus) -> str:
        return {RefundStatus.DRAFT: translate("RefundsPage", "Stored here, waiting to be sent"),
                RefundStatus.REQUESTED: translate("RefundsPage", "Waiting for the seller"),
                RefundStatus.APPROVED: translate("RefundsPage", "Approved: pay out"),
                RefundStatus.REJECTED: translate("RefundsPage", "Rejected by the seller"),
                RefundStatus.PAID_OUT: translate("RefundsPage", "Refunded"),
                RefundStatus.REFUSED: translate("RefundsPage", "Refused by the platform")}[status]

    def note_text(self, case: refunds.CaseView, limit: int | None = None) -> str:
        """The seller's note on a rejection ("" for any other case): the whole of it, or its first
        `limit` characters for the list."""
        if case.status is not RefundStatus.REJECTED:
            return ""
        note = " ".join((case.note or "").split())
        if not note:
            return translate("RefundsPage", "The seller gave no reason.")
        if limit is not None and len(note) > limit:
            note = note[:limit - 1].rstrip() + "…"
        return fill(translate("RefundsPage", "Seller's note: %1"), note)

    def row_text(self, case: refunds.CaseView) -> str:
        """A case as a line of the list: order and amount, then its state (and a rejection's note)."""
        status = self.status_text(case.status)
        if case.paid_out and case.receipt_no is not None:
            status = fill(translate("RefundsPage", "Refunded, receipt %1"), f"{case.receipt_no:06d}")
        elif case.status is RefundStatus.REJECTED:
            status += "\n" + self.note_text(case, NOTE_IN_LIST)
        elif case.status is RefundStatus.REFUSED and case.last_error:
            status += "\n" + self.platform_refusal_text(case.last_error)
        return f"{case.order_no}  {format_money(case.amount_minor, case.currency)}\n{status}"

    def route_text(self, route: PayoutRoute | None) -> str:
        return {PayoutRoute.CASH: translate("RefundsPage", "cash from this drawer"),
                PayoutRoute.PREPAID_CARD: translate("RefundsPage", "back to the prepaid card"),
                PayoutRoute.BANK_CARD: translate("RefundsPage", "back to the bank card"),
                PayoutRoute.ONLINE: translate("RefundsPage", "the platform refunds the buyer's account"),
                PayoutRoute.SPLIT: translate("RefundsPage", "back to each tender that paid, cards first"),
                None: ""}[route]

    def leg_text(self, route: str) -> str:
        return {"cash": translate("RefundsPage", "cash"),
                "prepaid_card": translate("RefundsPage", "prepaid card"),
                "bank_card": translate("RefundsPage", "bank card"),
                "online": translate("RefundsPage", "buyer's account")}.get(route, route)

    def legs_text(self, case: refunds.CaseView) -> str:
        """Where the money goes, leg by leg, a done leg ticked: "bank card 7.50 ✓ · cash 5.00"."""
        if case.legs is None:
            return translate("RefundsPage", "each tender's share is not known")
        return " · ".join(f"{self.leg_text(leg.route)} {format_money(leg.amount_minor, case.currency)}"
                          + (" ✓" if leg.done else "") for leg in case.legs)

    def platform_refusal_text(self, error: str) -> str:
        """Why the platform refused a request for good ("code: message", as the case keeps it)."""
        code = error.split(":", 1)[0].strip()
        texts = {
            "foreign_cash_refund_cap": translate(
                "RefundsPage", "Paid in cash at another store: this store may pay back only a small "
                               "amount in cash. Send the buyer to the store that sold it."),
            "foreign_return_count_cap": translate(
                "RefundsPage", "This store has taken as many returns of goods sold elsewhere today as "
                               "the platform allows. Send the buyer to the store that sold it, or "
                               "try again tomorrow."),
            "foreign_return_amount_cap": translate(
                "RefundsPage", "Returns of goods sold elsewhere would exceed this store's daily "
                               "amount. Send the buyer to the store that sold it, or try again "
                               "tomorrow."),
            "outside_return_window": translate("RefundsPage", "Outside the merchant's return window."),
        }
        return (texts.get(code) or self.online_banner.refusal_text(code)
                or fill(translate("RefundsPage", "The platform said: %1"), error))

    def refusal_text(self, exc: BaseException) -> str:
        reason = getattr(exc, "reason", None)
        texts = {
            "wrong_kind": translate(
                "RefundsPage", "That is not an item code. Scan the code of the returned unit (on the receipt or label)."),
            "card_number": translate(
                "RefundsPage", "That is a bank card number, not an item code: it was not sent anywhere. Scan the "
                               "code of the returned unit; an item code keyed by hand starts with IC."),
            "unknown_item": translate("RefundsPage", "No item has this code. Check the code on the receipt."),
            "already_refunded": translate("RefundsPage", "This unit is already refunded."),
            "request_open": translate(
                "RefundsPage", "This unit already has a refund request open; see the list below."),
            "outside_window": translate("RefundsPage", "Outside the merchant's return window."),
            "not_paid": translate("RefundsPage", "This order was never paid; there is nothing to refund."),
            "photo_required": translate("RefundsPage", "This merchant needs at least one photo of the defect."),
            "offline_unknown": translate(
                "RefundsPage", "The platform does not answer and this terminal has no record of the item."),
            "bad_reason": translate("RefundsPage", "Choose a reason; \"Other\" needs a few words."),
            "several_orders": translate("RefundsPage", "One refund covers units of one order."),
            "needs_manager": translate(
                "RefundsPage", "Not approved yet: only a manager may pay cash before the platform approves."),
            "over_limit": translate("RefundsPage", "More than a manager may pay before the platform approves."),
            "not_approved": translate("RefundsPage", "This refund is not approved; nothing is paid out."),
            "no_shift": translate("RefundsPage", "Open a shift first: cash refunds are counted in the shift."),
            "prepaid_card_needed": translate("RefundsPage", "Swipe or scan the buyer's prepaid card first."),
            "paid_out_already": translate("RefundsPage", "This refund is paid out already."),
            "wrong_card": translate(
                "RefundsPage", "That is not the prepaid card the order was paid with: the money goes back to that "
                               "card."),
            "split_unknown": translate(
                "RefundsPage", "Paid with several tenders and their shares are not known: refund at the store "
                               "that took the payment."),
            "split_exceeds_payment": translate(
                "RefundsPage", "The refund is more than the tenders paid less earlier refunds of this "
                               "order; check with the platform."),
            "not_paid_out": translate(
                "RefundsPage", "This refund is not paid out: there is no receipt to print again."),
            "card_declined": translate(
                "RefundsPage", "The card terminal did not refund; try again or refund on the card terminal."),
            "not_final": translate(
                "RefundsPage", "This refund is still open: only a rejected or refused one is put away."),
        }
        return texts.get(reason) or self.online_banner.refusal_text(reason) or getattr(exc, "message", None) or str(exc)
