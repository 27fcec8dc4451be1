"""The refund screen's payout: pay the shown case out once the platform approved it (or before,
with a manager's approval, in cash), and print its receipt again. A mixin of RefundsPage (it uses
the page's case, busy flag, context, user, card field and message); the payout runs on a worker
(pos_terminal.services.refunds.pay_out).

Texts keep the translation context "RefundsPage".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QInputDialog

from pos_terminal.domain.model import PayoutRoute
from pos_terminal.money import format_money
from pos_terminal.services import refunds
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.tasks import run_in_background
from ui.texts import fill

translate = QCoreApplication.translate


class RefundPayout:
    def _payout_work(self):
        """The payout of the shown case as a function of the approving manager (or None), read
        from the widgets here on the GUI thread, to run on a worker."""
        facade, case, user, card = self._app.refunds, self.case, self._user, self.card_edit.text()
        return lambda manager: facade.pay_out(case.case_id, user, card_text=card, manager=manager)

    def pay_out(self, manager=None) -> None:
        if self._busy or self.case is None:
            return
        work = self._payout_work()
        self._set_busy(True)
        run_in_background(lambda: work(manager), self._paid, self._failed, context=self)

    def override(self) -> None:
        if self._busy or self.case is None:
            return
        # the payout runs on the worker that records the manager's approval, right after it; the
        # page is busy meanwhile, so a poll answering during the dialog leaves the case alone
        self._set_busy(True)
        done = ManagerApprovalDialog.approve_and_run(
            self, self._app, fill(translate("RefundsPage", "Pay %1 in cash for order %2 before the platform "
                                                                "approves."),
                                       format_money(self.case.amount_minor, self.case.currency), self.case.order_no),
            self._payout_work())
        if done is None:
            self._set_busy(False)
            return
        done.deliver(self._paid, self._failed)

    def ask_reprint(self) -> None:
        reason, ok = QInputDialog.getText(self, translate("RefundsPage", "Reprint receipt"),
                                          translate("RefundsPage", "Why is it printed again?"))
        if ok:
            self.reprint(reason.strip())

    def reprint(self, reason: str = "") -> None:
        """Prints the shown refund's receipt again (a copy once the original printed), on a worker."""
        if self._busy or self.case is None or not self.case.paid_out:
            return
        facade, case, user = self._app.refunds, self.case, self._user
        self._set_busy(True)
        run_in_background(lambda: facade.reprint_receipt(case.case_id, user, reason),
                          self._reprinted, self._failed, context=self)

    def _reprinted(self, done: refunds.PayoutDone) -> None:
        self._set_busy(False)
        if done.printed:
            self.message.show_message(fill(translate("RefundsPage", "Receipt %1 printed again."),
                                           f"{done.receipt.receipt_no:06d}"), "info")
        else:
            self.message.show_message(fill(translate("RefundsPage", "Not printed: %1"), done.print_error or ""),
                                      "error")

    def _paid(self, done: refunds.PayoutDone) -> None:
        self._set_busy(False)
        self.case = done.case
        self.card_edit.clear()
        if done.route is PayoutRoute.ONLINE:
            self.message.show_message(translate("RefundsPage", "The platform refunds the buyer's account; nothing is "
                                                               "paid at the counter."), "info")
        else:
            where = self.legs_text(done.case) if done.route is PayoutRoute.SPLIT else self.route_text(done.route)
            self.message.show_message(fill(translate("RefundsPage", "Refunded %1: %2."),
                                           format_money(done.amount_minor, self.case.currency), where), "info")
        if not done.printed and done.print_error:
            self.message.show_message(fill(translate("RefundsPage", "Refunded, but the receipt did not print: %1. "
                                                                    "Use Reprint receipt."),
                                           done.print_error), "error")
        self.poll()
        self._update()
