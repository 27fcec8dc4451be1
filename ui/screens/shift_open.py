"""Opening a shift on the Shift & cash tab (ui.screens.shift.ShiftTab): the float counted by
denomination (an amount above the usual one is confirmed, above the maximum refused), a float
corrected by a manager before the first sale, and taking over another user's open shift.

`ShiftOpenMixin` is mixed into ShiftTab and uses its state and helpers (`_app`, `_user`, `summary`,
`message`, `_set_busy`, `_failed`, `refresh`...). Its texts keep the "ShiftTab" translation context.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QMessageBox

from pos_terminal.domain.model import Permission
from pos_terminal.services.report_model import ShiftSummary
from ui.dialogs.cash_dialogs import DenominationCountDialog, money_text
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.tasks import run_in_background
from ui.texts import fill, translate


class ShiftOpenMixin:
    """Open shift, Correct float and Take over shift of ShiftTab."""

    # -- open ----------------------------------------------------------------------------------
    def open_shift(self, counts: dict[int, int] | None = None) -> None:
        """Without `counts`, asks for the float count in a dialog."""
        if self.busy or self._app is None or self.summary is not None:
            return
        shifts = self._app.shifts
        if counts is None:
            counts = self._count_float()
            if counts is None:
                return
        confirmed = self._float_confirmed(counts)
        if confirmed is None:
            return
        user = self._user
        self._set_busy(True)
        self.message.clear_message()
        self.print_x_button.hide()
        run_in_background(lambda: shifts.open_shift(user, counts=counts, confirmed=confirmed), self._opened,
                          self._failed, context=self)

    def _count_float(self) -> dict[int, int] | None:
        shifts = self._app.shifts
        dialog = DenominationCountDialog(shifts.denominations, shifts.currency, mode="float", parent=self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return None
            return dialog.counts()
        finally:
            dialog.deleteLater()

    def _float_confirmed(self, counts: dict[int, int]) -> bool | None:
        """False for a usual float; above the usual amount, True once the cashier confirms it (None:
        not confirmed); above the maximum, None with the refusal shown (nothing is sent)."""
        shifts, cur = self._app.shifts, self._currency()
        total = sum(int(d) * int(n) for d, n in counts.items())
        if total > shifts.max_float_minor:
            self.message.show_message(fill(translate("ShiftTab", "A float of %1 is more than the %2 a drawer may start "
                                                                 "with. Count it again."),
                                           money_text(total, cur), money_text(shifts.max_float_minor, cur)), "error")
            return None
        if total <= shifts.usual_float_minor:
            return False
        box = QMessageBox(QMessageBox.Icon.Question, translate("ShiftTab", "Unusual float"),
                          fill(translate("ShiftTab", "A float of %1 is more than the usual %2. Is %1 really in the "
                                                     "drawer?"),
                               money_text(total, cur), money_text(shifts.usual_float_minor, cur)),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setObjectName("unusual_float")
        box.button(QMessageBox.StandardButton.Yes).setText(fill(translate("ShiftTab", "Yes, %1"),
                                                                money_text(total, cur)))
        box.button(QMessageBox.StandardButton.No).setText(translate("ShiftTab", "No, count again"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        try:
            if box.exec() != QMessageBox.StandardButton.Yes:
                self.message.show_message(translate("ShiftTab", "Not opened: count the float again."), "info")
                return None
            return True
        finally:
            box.deleteLater()

    def _opened(self, summary: ShiftSummary) -> None:
        self._set_busy(False)
        text = fill(translate("ShiftTab", "Shift open with a float of %1."),
                    money_text(summary.opening_float_minor, self._currency()))
        day = self.day
        if day is not None and day.after_close and not day.next_closed:
            text += " " + fill(translate("ShiftTab", "The business day %1 is closed: this shift counts to %2."),
                               day.closed_day.isoformat(), day.date.isoformat())
        self.message.show_message(text, "info")
        self.refresh()

    # -- taking over another user's shift ---------------------------------------------------------
    def take_over(self, confirmed: bool = False) -> None:
        """After a confirmation, the signed-in user's sales go into the open shift (audited)."""
        if self.busy or self._app is None or self.summary is None or not self.held_by_another():
            return
        if not confirmed:
            box = QMessageBox(QMessageBox.Icon.Question, translate("ShiftTab", "Take over the shift"),
                              fill(translate("ShiftTab", "Take over %1's shift? Your sales go into it from now on, "
                                                         "with its drawer and float; this is recorded."),
                                   self.holder_name),
                              QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setObjectName("take_over_confirm")
            box.button(QMessageBox.StandardButton.Yes).setText(translate("ShiftTab", "Take over"))
            box.button(QMessageBox.StandardButton.No).setText(translate("ShiftTab", "Cancel"))
            box.setDefaultButton(QMessageBox.StandardButton.No)
            try:
                if box.exec() != QMessageBox.StandardButton.Yes:
                    return
            finally:
                box.deleteLater()
        shifts, user, before = self._app.shifts, self._user, self.holder_name
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(lambda: shifts.take_over(user), lambda _summary: self._taken_over(before), self._failed,
                          context=self)

    def _taken_over(self, before: str) -> None:
        self._set_busy(False)
        self.message.show_message(fill(translate("ShiftTab", "You took over %1's shift: your sales go into it."),
                                       before), "info")
        self.refresh()

    # -- correcting the float --------------------------------------------------------------------
    def correct_float(self, counts: dict[int, int] | None = None, manager=None) -> None:
        """Counts the float again; a manager approves the correction (before the first sale)."""
        if self.busy or self._app is None or self.summary is None:
            return
        if counts is None:
            counts = self._count_float()
            if counts is None:
                return
        confirmed = self._float_confirmed(counts)
        if confirmed is None:
            return
        shifts, user, cur = self._app.shifts, self._user, self._currency()
        old = self.summary.opening_float_minor
        new = sum(int(d) * int(n) for d, n in counts.items())

        def work(approver):
            return shifts.correct_float(user, counts, manager=approver, confirmed=bool(confirmed))

        if manager is None and not self._can(Permission.APPROVE):
            done = ManagerApprovalDialog.approve_and_run(
                self, self._app, fill(translate("ShiftTab", "Correct the opening float from %1 to %2."),
                                      money_text(old, cur), money_text(new, cur)), work)
            if done is None:
                return
            self.message.clear_message()
            done.deliver(lambda summary: self._corrected(summary, old), self._failed)
            return
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(lambda: work(manager or user), lambda summary: self._corrected(summary, old), self._failed,
                          context=self)

    def _corrected(self, summary: ShiftSummary, old: int) -> None:
        self._set_busy(False)
        cur = self._currency()
        self.message.show_message(fill(translate("ShiftTab", "Opening float corrected from %1 to %2."),
                                       money_text(old, cur), money_text(summary.opening_float_minor, cur)), "info")
        self.refresh()

