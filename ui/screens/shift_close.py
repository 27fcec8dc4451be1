"""Closing a shift on the Shift & cash tab (ui.screens.shift.ShiftTab): the drawer counted by
denomination against the expected cash (over/short in colour; above the limit a manager approves
and a note is written), or, with [shift] blind_close, typed without the expected cash, which
shows after the count. The close runs on a worker, or on the manager approval's worker.

`ShiftCloseMixin` is mixed into ShiftTab and uses its state and helpers (`_app`, `_user`, `summary`,
`message`, `_blind`, `_set_busy`, `_failed`, `refusal_text`, `refresh`...). Its texts keep the
"ShiftTab" translation context.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QDialog

from pos_terminal.domain.model import Permission
from pos_terminal.services.report_model import ShiftSummary
from ui.dialogs.cash_dialogs import DenominationCountDialog, money_text
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.tasks import run_in_background
from ui.texts import fill, translate


class ShiftCloseMixin:
    """Close shift of ShiftTab, with the blind count."""

    # -- close ---------------------------------------------------------------------------------
    def close_shift(self) -> None:
        """Re-reads the expected cash, then asks for the count by denomination."""
        if self.busy or self._app is None or self.summary is None:
            return
        self._set_busy(True)
        run_in_background(self._app.shifts.current, self._count_for_close, self._failed, context=self)

    def _count_for_close(self, summary: ShiftSummary | None) -> None:
        self._set_busy(False)
        self.summary = summary
        self._show_summary()
        if summary is None:
            self.refresh()
            return
        shifts = self._app.shifts
        if self._blind():
            self._blind_count()
            return
        dialog = DenominationCountDialog(shifts.denominations, shifts.currency, mode="close",
                                         expected_minor=summary.expected_cash_minor,
                                         limit_minor=shifts.over_short_limit_minor, parent=self)
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            counts, note, above = dialog.counts(), dialog.note(), dialog.above_limit()
            over_short = dialog.over_short_minor() or 0
        finally:
            dialog.deleteLater()
        self._close_counted(counts, note, above, over_short)

    def _blind_count(self) -> None:
        """Blind close: the count is typed without the expected cash; then the figures are read."""
        shifts = self._app.shifts
        dialog = DenominationCountDialog(shifts.denominations, shifts.currency, mode="close", parent=self)
        dialog.lead.setText(translate("ShiftTab", "Blind count: type how many of each note and coin are in the drawer. "
                                                  "The expected cash shows after the count."))
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return
            counts = dialog.counts()
        finally:
            dialog.deleteLater()
        self._set_busy(True)
        run_in_background(lambda: shifts.preview_close(counts), lambda preview: self._blind_counted(counts, preview),
                          self._failed, context=self)

    def _blind_counted(self, counts: dict[int, int], preview) -> None:
        """Within the limit the shift closes at once (the over/short shows with it); above it the
        count is shown against the expected cash, unchangeable, with the note a manager approves."""
        self._set_busy(False)
        if not preview.needs_manager:
            self.close_with(counts)
            return
        shifts = self._app.shifts
        dialog = DenominationCountDialog(shifts.denominations, shifts.currency, mode="close",
                                         expected_minor=preview.expected_cash_minor,
                                         limit_minor=preview.limit_minor, parent=self)
        dialog.setObjectName("BlindCountResult")
        dialog.set_counts(counts)
        for spin in dialog.spins.values():
            spin.setReadOnly(True)
            spin.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        dialog.lead.setText(translate("ShiftTab", "Your count against the expected cash. The count stays as typed."))
        QTimer.singleShot(0, dialog.note_edit.setFocus)  # after the dialog's own first focus
        try:
            if dialog.exec() != QDialog.DialogCode.Accepted:
                self.message.show_message(translate("ShiftTab", "Not closed: a manager must approve a difference "
                                                                "above the limit."), "error")
                return
            note = dialog.note()
        finally:
            dialog.deleteLater()
        self._close_counted(counts, note, True, preview.over_short_minor)

    def _close_counted(self, counts: dict[int, int], note: str, above: bool, over_short: int) -> None:
        if above and not self._can(Permission.APPROVE):
            if not self._close_with_manager(counts, note or None, over_short):
                self.message.show_message(translate("ShiftTab", "Not closed: a manager must approve a difference "
                                                                "above the limit."), "error")
            return
        self.close_with(counts, note=note or None)

    def _close_with_manager(self, counts: dict[int, int], note: str | None, over_short: int) -> bool:
        """Asks a manager to approve the difference; the close runs on the worker that records the
        approval, right after it. False when the manager cancelled (nothing approved, not closed)."""
        if self._app is None:
            return False
        cur, shifts, user = self._currency(), self._app.shifts, self._user
        if over_short > 0:
            what = fill(translate("ShiftTab", "Close the shift %1 over."), money_text(over_short, cur))
        else:
            what = fill(translate("ShiftTab", "Close the shift %1 short."), money_text(-over_short, cur))
        done = ManagerApprovalDialog.approve_and_run(
            self, self._app, what,
            lambda approver: shifts.close_shift(user, counts, manager=approver, note=note))
        if done is None:
            return False
        self.message.clear_message()
        if done.error is not None:
            self._close_failed(done.error, counts, note, done.approver)
        else:
            self._closed(done.result)
        return True

    def close_with(self, counts: dict[int, int], *, note: str | None = None, manager=None) -> None:
        """Closes the shift with this count on a worker. A refusal for want of a manager asks for one
        (when a note is given) and tries again."""
        if self.busy or self._app is None:
            return
        shifts, user = self._app.shifts, self._user
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(lambda: shifts.close_shift(user, counts, manager=manager, note=note),
                          self._closed, lambda exc: self._close_failed(exc, counts, note, manager), context=self)

    def _close_failed(self, exc: BaseException, counts, note, manager) -> None:
        self._set_busy(False)
        if getattr(exc, "reason", None) == "needs_manager" and manager is None and note:
            params = getattr(exc, "params", {}) or {}
            if self._close_with_manager(counts, note, int(params.get("over_short_minor") or 0)):
                return
        self.message.show_message(self.refusal_text(exc), "error")

    def _closed(self, summary: ShiftSummary) -> None:
        self._set_busy(False)
        self.last_closed = summary
        self.message.show_message(translate("ShiftTab", "Shift closed. Print the X report for the day now?"), "info")
        self.refresh()

