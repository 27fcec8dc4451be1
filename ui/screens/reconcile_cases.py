"""The double payments on the Reconciliation tab (ui.screens.reconcile): each refund case's state in
words (open: pay back here or wait for the platform; closed: paid back at this counter, receipt N,
or refunded by the platform), and the Pay back action on an open case of this store. A manager
approves the pay-back; it runs on the approval's worker (services.refund_cases.pay_back: the cash
out of this drawer, the slip, the drawer, then the platform told), and the day is compared again.
Texts are in the "ReconcileCases" translation context."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from pos_terminal.money import Money
from pos_terminal.services import reconcile, refund_cases
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.style import COLORS
from ui.texts import fill

log = logging.getLogger(__name__)

def is_case(d: reconcile.Difference) -> bool:
    return d.kind == refund_cases.DOUBLE_PAYMENT


def can_pay_back(d: reconcile.Difference) -> bool:
    """An open case that this counter has not paid back (the case is its store's: the platform
    lists only the terminal's own settlements in its reconciliation)."""
    return is_case(d) and bool(d.refund_case_id) and not d.resolved and d.payback_state is None


def kind_text(d: reconcile.Difference) -> str | None:
    """The difference's name for a closed case (None: the tab's own name of the kind)."""
    if is_case(d) and d.resolved:
        return QCoreApplication.translate("ReconcileCases", "Paid twice: closed")
    return None


def action_text(d: reconcile.Difference) -> str:
    receipt = f"{d.paid_back_receipt_no:06d}" if d.paid_back_receipt_no is not None else "—"
    if d.payback_state == "conflict":
        return fill(QCoreApplication.translate(
            "ReconcileCases", "Paid back at this counter (receipt %1), but the platform refused it: the buyer may have "
                              "been paid twice. Have it checked with the platform."), receipt)
    if d.payback_state is not None and not d.resolved:
        return fill(QCoreApplication.translate(
            "ReconcileCases", "Paid back at this counter (receipt %1); the platform is told as soon as it answers. "
                              "Reconcile again then."), receipt)
    if not d.resolved:
        return QCoreApplication.translate(
            "ReconcileCases", "Open: pay the buyer back here (a manager approves), or wait for the platform to refund "
                              "the buyer.")
    if d.resolution == "platform_refund":
        return QCoreApplication.translate("ReconcileCases", "Closed: refunded by the platform to the buyer.")
    if d.payback_state is not None:
        return fill(QCoreApplication.translate("ReconcileCases", "Closed: paid back at this counter (receipt %1)."),
                    receipt)
    return fill(QCoreApplication.translate(
        "ReconcileCases", "Closed: paid back at another counter of this store (receipt %1)."), receipt)


def open_differences(r: reconcile.Reconciliation) -> int:
    return sum(not d.resolved for d in r.differences)


def differences_text(r: reconcile.Reconciliation) -> str | None:
    """The heading when some differences are closed refund cases (None: the tab's own heading)."""
    closed = len(r.differences) - open_differences(r)
    if not closed:
        return None
    return fill(QCoreApplication.translate("ReconcileCases", "Differences: %1 open, %2 settled (closed refund cases)."),
                str(open_differences(r)), str(closed))


def refusal_text(exc: BaseException) -> str | None:
    """The text for a pay-back's refusal (None: not one of these)."""
    texts = {
        "needs_manager": QCoreApplication.translate("ReconcileCases", "A manager approves every pay-back."),
        "platform_unavailable": QCoreApplication.translate(
            "ReconcileCases", "The platform cannot be reached, and only it can tell whether it refunded the buyer "
                              "already: nothing was paid. Try again when it answers."),
        "no_platform": QCoreApplication.translate("ReconcileCases", "No platform is set up for this terminal."),
        "refunded_by_platform": QCoreApplication.translate(
            "ReconcileCases", "The platform refunded this payment to the buyer already: do not pay it back here."),
        "paid_back_elsewhere": QCoreApplication.translate(
            "ReconcileCases", "This payment was paid back at another counter already: do not pay it again."),
        "paid_back_already": QCoreApplication.translate(
            "ReconcileCases", "This payment was paid back at this counter already."),
        "no_shift": QCoreApplication.translate(
            "ReconcileCases", "Open a shift first: the cash paid back is counted in the shift."),
        "not_enough_cash": QCoreApplication.translate(
            "ReconcileCases", "The drawer does not hold enough cash for this pay-back: put cash in first."),
        "unknown_case": QCoreApplication.translate("ReconcileCases", "The platform does not know this case for this "
                                                                     "store."),
    }
    return texts.get(getattr(exc, "reason", None) or "")


class PaybackAction(QObject):
    """The Pay back buttons of one ReconcileTab."""

    def __init__(self, tab) -> None:
        super().__init__(tab)
        self.tab = tab
        self.last: refund_cases.PaidBack | None = None

    def decorate(self, row: int, d: reconcile.Difference) -> None:
        """Puts a Pay back button under the difference's name (first cell) of a case that can be
        paid back here; the cell's own text stays for the table's model, covered by the button's
        opaque cell."""
        table = self.tab.differences
        if not can_pay_back(d) or self.tab._app is None:
            return
        cell = QWidget(table)
        cell.setAutoFillBackground(True)
        layout = QVBoxLayout(cell)
        layout.setContentsMargins(6, 2, 6, 4)
        layout.setSpacing(2)
        item = table.item(row, 0)
        label = QLabel(item.text() if item is not None else "", cell)
        label.setWordWrap(True)
        label.setStyleSheet(f"color: {COLORS['error']}; font-weight: bold;")
        button = QPushButton(QCoreApplication.translate("ReconcileCases", "Pay back…"), cell)
        button.setObjectName("pay_back")
        button.setProperty("case_id", d.refund_case_id)
        button.setEnabled(not self.tab.busy)
        button.clicked.connect(lambda _checked=False, diff=d: self.start(diff))
        layout.addWidget(label)
        layout.addWidget(button)
        table.setCellWidget(row, 0, cell)

    def buttons(self) -> list[QPushButton]:
        """The Pay back buttons of the rows shown (a removed row's cell may await deletion)."""
        table = self.tab.differences
        cells = (table.cellWidget(row, 0) for row in range(table.rowCount()))
        return [b for cell in cells if cell is not None for b in cell.findChildren(QPushButton, "pay_back")]

    def start(self, d: reconcile.Difference) -> None:
        tab = self.tab
        if tab.busy or tab._app is None or not can_pay_back(d):
            return
        app, user = tab._app, tab._user
        r = tab.result
        amount = Money(d.platform_amount_minor or d.terminal_amount_minor or 0, r.currency if r else "CNY").format()
        text = fill(QCoreApplication.translate(
            "ReconcileCases", "Pay %1 back in cash for order %2 (paid twice) out of this drawer. The buyer gets the "
                              "second payment back; the platform is told."), amount, d.order_no or "")
        case_id = d.refund_case_id

        def act(approver):
            return app.reconcile.pay_back(case_id, cashier=user if user is not None else approver, manager=approver)

        done = ManagerApprovalDialog.approve_and_run(tab, app, text, act)
        if done is None:
            return
        tab.message.clear_message()
        done.deliver(self._done, self._failed)

    def _done(self, paid: refund_cases.PaidBack) -> None:
        self.last = paid
        text = fill(QCoreApplication.translate("ReconcileCases", "Paid back %1 for order %2 (receipt %3)."),
                    Money(paid.receipt.amount_minor, paid.receipt.currency).format(), paid.receipt.order_no,
                    f"{paid.receipt.receipt_no:06d}")
        if paid.drawer_kicked:
            text += " " + QCoreApplication.translate("ReconcileCases", "The drawer is open.")
        if not paid.printed:
            text += " " + QCoreApplication.translate("ReconcileCases", "The slip did not print: check the printer.")
        if not paid.reported:
            text += " " + QCoreApplication.translate("ReconcileCases", "The platform is told as soon as it answers.")
        self.tab.message.show_message(text, "info")
        self.tab.run()  # compare again: the case shows closed
        self.tab.message.show_message(text, "info")

    def _failed(self, exc: BaseException) -> None:
        text = refusal_text(exc)
        if text is None:
            self.tab._failed(exc)
            return
        self.tab.message.show_message(text, "error")
