"""Card payments left open (unknown outcome, or approved with no sale), e.g. by a restart: the
banner above the idle page that names the first one, and its two answers (ask the card terminal,
or refund it with a manager's approval). A mixin of CheckoutPage.

Texts keep the translation context "CheckoutPage".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton

from pos_terminal.money import format_money
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.tasks import run_in_background
from ui.texts import fill

translate = QCoreApplication.translate


class CardAlert:
    def _card_alert(self) -> QFrame:
        alert = QFrame(self)
        alert.setObjectName("Banner")
        row = QHBoxLayout(alert)
        row.setContentsMargins(10, 6, 10, 6)
        self.card_alert_label = QLabel(alert)
        self.card_alert_label.setObjectName("card_alert")
        self.card_alert_label.setWordWrap(True)
        self.card_check_button = QPushButton(alert)
        self.card_check_button.setObjectName("check_card_request")
        self.card_check_button.clicked.connect(self.check_card_request)
        self.card_refund_button = QPushButton(alert)
        self.card_refund_button.setObjectName("refund_card_request")
        self.card_refund_button.clicked.connect(self.refund_card_request)
        row.addWidget(self.card_alert_label, 1)
        row.addWidget(self.card_check_button)
        row.addWidget(self.card_refund_button)
        alert.hide()
        return alert

    def load_card_requests(self) -> None:
        if self._app is None:
            return
        ctx, checkout = self._context(), self._app.checkout
        run_in_background(lambda: checkout.open_card_requests(ctx), self._card_requests_loaded, self._failed, context=self)

    def _card_requests_loaded(self, requests) -> None:
        self.card_requests = list(requests)
        self._refresh_card_alert()

    def _refresh_card_alert(self) -> None:
        first = self.card_requests[0] if self.card_requests else None
        if first is None or self.state not in ("idle", "shift"):
            self.card_alert.hide()
            return
        amount = format_money(first.amount_minor, first.currency)
        if first.unknown:
            text = fill(translate("CheckoutPage", "A card payment of %1 for order %2 has an unknown outcome: check "
                                                  "the card terminal, then press Check card payment. Do not charge "
                                                  "that buyer again until it is known."),
                        amount, first.order_no)
        else:
            text = fill(translate("CheckoutPage", "A card payment of %1 for order %2 was approved (card ****%3) but "
                                                  "no sale records it: the buyer was charged. Scan that order again "
                                                  "to complete its sale with this payment, or refund it."),
                        amount, first.order_no, first.card_last4 or "")
        more = len(self.card_requests) - 1
        if more:
            text += " " + fill(translate("CheckoutPage", "(%1 more after this one)"), str(more))
        self.card_alert_label.setText(text)
        self.card_check_button.setVisible(first.unknown)
        self.card_refund_button.setVisible(not first.unknown)
        self.card_alert.show()

    def check_card_request(self) -> None:
        if self.busy or not self.card_requests:
            return
        ctx, request_id, checkout = self._context(), self.card_requests[0].request_id, self._app.checkout
        self._set_busy(True)
        self.show_info(translate("CheckoutPage", "Asking the card terminal…"))
        run_in_background(lambda: checkout.resolve_card_request(ctx, request_id), self._card_request_resolved,
                          self._card_request_failed, context=self)

    def _card_request_resolved(self, view) -> None:
        self._set_busy(False)
        amount = format_money(view.amount_minor, view.currency)
        if view.state == "approved":
            self.show_info(fill(translate("CheckoutPage", "The card terminal approved the card payment of %1 for "
                                                          "order %2 (card ****%3): the buyer was charged. Scan that "
                                                          "order again to complete its sale with this payment, or "
                                                          "refund it."),
                                amount, view.order_no, view.card_last4 or ""))
        else:
            self.show_info(fill(translate("CheckoutPage", "The card payment of %1 for order %2 was not charged. "
                                                          "Cleared."),
                                amount, view.order_no))
        self.load_card_requests()

    def _card_request_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_refusal(self.refusal_text(exc))
        self.load_card_requests()

    def refund_card_request(self) -> None:
        if self.busy or not self.card_requests:
            return
        first = self.card_requests[0]
        ctx, checkout = self._context(), self._app.checkout
        done = ManagerApprovalDialog.approve_and_run(
            self, self._app, fill(translate("CheckoutPage", "Refund the card payment of %1 for order %2 to card "
                                                                 "****%3."),
                                       format_money(first.amount_minor, first.currency), first.order_no,
                                       first.card_last4 or ""),
            lambda approver: checkout.refund_card_request(ctx, first.request_id, approver))
        if done is None:
            return
        done.deliver(self._card_request_refunded, self._card_request_failed)

    def _card_request_refunded(self, view) -> None:
        self._set_busy(False)
        self.show_info(fill(translate("CheckoutPage", "Refunded %1 to card ****%2 (order %3)."),
                            format_money(view.amount_minor, view.currency), view.card_last4 or "", view.order_no))
        self.load_card_requests()
