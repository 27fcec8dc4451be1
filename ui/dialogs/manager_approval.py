"""A manager's approval at the counter (voids, overrides, cash differences).

`ManagerApprovalDialog.approve_and_run(parent, app, action_text, act)` is modal: the manager
types user number and PIN and presses Enter (or Approve); the PIN check and then `act(approver)`
run on ONE worker, back to back, so an approval once recorded is always followed by its act: no
key press, Escape or window close can come between them (the dialog refuses to close while that
worker runs). It returns Approved(approver, result, error) (`error`: what the act raised) or None
when cancelled before any approval. `request(...)` is the same without an act (the approver only).

Keys: Enter approves wherever the focus is (Approve is the default button; Cancel is never an
auto-default, so it is only clicked by mouse, Space on it, or Escape). A refusal (wrong PIN, a
locked or not-allowed user) is shown in the dialog, which stays open with the PIN cleared and the
focus back in the PIN field.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QCloseEvent, QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.app.facades import App
from pos_terminal.domain.model import Permission
from ui.refusals import refusal_text
from ui.tasks import run_in_background
from ui.widgets import MessageLabel


@dataclass(frozen=True)
class Approved:
    """A recorded approval and what its act did: `result` is what the act returned, `error` what
    it raised (the approval stands either way; the caller shows the act's refusal)."""

    approver: Any
    result: Any = None
    error: BaseException | None = None

    def deliver(self, on_result: Callable[[Any], Any], on_error: Callable[[BaseException], Any]) -> None:
        """Hands the act's outcome to the screen's usual result or error slot."""
        if self.error is not None:
            on_error(self.error)
        else:
            on_result(self.result)


class ManagerApprovalDialog(QDialog):
    def __init__(self, app: App, action_text: str, parent: QWidget | None = None,
                 permission: Permission = Permission.APPROVE,
                 act: Callable[[Any], Any] | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setMinimumWidth(520)
        self._app = app
        self._permission = permission
        self._act = act
        self._busy = False
        self.approver = None
        self.outcome: Approved | None = None

        self._heading = QLabel(self)
        self._heading.setObjectName("PageTitle")
        self._action = QLabel(action_text, self)
        self._action.setObjectName("PageLead")
        self._action.setWordWrap(True)
        self._user_label = QLabel(self)
        self._user_label.setObjectName("FieldLabel")
        self.user_edit = QLineEdit(self)
        self._pin_label = QLabel(self)
        self._pin_label.setObjectName("FieldLabel")
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.setValidator(QRegularExpressionValidator(r"\d{0,12}", self.pin_edit))
        self._user_label.setBuddy(self.user_edit)
        self._pin_label.setBuddy(self.pin_edit)
        self.message = MessageLabel(self)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        self.approve_button = QPushButton(self)
        self.approve_button.setObjectName("Primary")
        self.approve_button.setAutoDefault(False)
        self.approve_button.setDefault(True)
        self.cancel_button = QPushButton(self)
        # Never the default, not even with the focus on it: Enter must never mean Cancel
        self.cancel_button.setAutoDefault(False)
        self.cancel_button.setDefault(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.approve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        layout.addWidget(self._heading)
        layout.addWidget(self._action)
        layout.addSpacing(10)
        layout.addWidget(self._user_label)
        layout.addWidget(self.user_edit)
        layout.addWidget(self._pin_label)
        layout.addWidget(self.pin_edit)
        layout.addWidget(self.message)
        layout.addWidget(self.progress)
        layout.addSpacing(10)
        layout.addLayout(buttons)

        # Enter in either field reaches keyPressEvent (QLineEdit passes Return on to its parent):
        # handled there once, not also through returnPressed
        self.approve_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.user_edit.setFocus()
        self.retranslate_ui()

    @staticmethod
    def request(parent: QWidget | None, app: App, action_text: str,
                permission: Permission = Permission.APPROVE):
        """Modal: returns the approving manager's SignedIn, or None. For an act that needs the
        approval, use approve_and_run: it cannot lose the act once the approval is recorded."""
        outcome = ManagerApprovalDialog.approve_and_run(parent, app, action_text, None, permission)
        return outcome.approver if outcome is not None else None

    @staticmethod
    def approve_and_run(parent: QWidget | None, app: App, action_text: str,
                        act: Callable[[Any], Any] | None, permission: Permission = Permission.APPROVE
                        ) -> Approved | None:
        """Modal. `act(approver)` runs on the worker that recorded the approval, right after it
        (it must not touch a widget). Returns Approved, or None when cancelled before approving."""
        dialog = ManagerApprovalDialog(app, action_text, parent, permission, act)
        try:
            dialog.exec()
            return dialog.outcome
        finally:
            dialog.deleteLater()

    @property
    def busy(self) -> bool:
        return self._busy

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Enter approves (the default button's meaning) from any field or button; while the check
        runs, Enter and Escape do nothing."""
        key = event.key()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            if self._busy:
                return
            if self.focusWidget() is self.user_edit and not self.pin_edit.text():
                self.pin_edit.setFocus()
                return
            self.submit()
            return
        if key == Qt.Key.Key_Escape and self._busy:
            event.accept()
            return
        super().keyPressEvent(event)

    def reject(self) -> None:
        """Cancel, Escape and closing the window: refused while the approval (and its act) runs,
        so what the worker records is always what the caller hears about."""
        if self._busy:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._busy:
            event.ignore()
            return
        super().closeEvent(event)

    def submit(self) -> None:
        if self._busy:
            return
        username = self.user_edit.text().strip()
        pin = self.pin_edit.text()
        if not username or not pin:
            self.message.show_message(self.tr("A manager enters their user number and PIN."), "info")
            self._fit_height()
            (self.pin_edit if username else self.user_edit).setFocus()
            return
        self._set_busy(True)
        users, permission, act = self._app.users, self._permission, self._act

        def work():
            approver = users.approve(username, pin, permission)  # a refusal raises: nothing approved
            if act is None:
                return Approved(approver)
            try:  # the approval is recorded: its act runs now, whatever happens on the screen
                return Approved(approver, act(approver))
            except Exception as exc:  # the act's own refusal, for the caller to show
                return Approved(approver, error=exc)

        run_in_background(work, self._approved, self._refused, context=self)

    def _approved(self, outcome: Approved) -> None:
        self._set_busy(False)
        self.outcome = outcome
        self.approver = outcome.approver
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.pin_edit.clear()
        self.message.show_message(refusal_text(exc, self._app), "error")
        self._fit_height()
        self.pin_edit.setFocus()

    def _fit_height(self) -> None:
        """A message of two or three lines gets the height it needs: the dialog grows rather
        than cutting the text at its top and bottom (its layout's minimum ignores wrapping)."""
        layout = self.layout()
        layout.activate()
        if layout.hasHeightForWidth():
            need = layout.totalHeightForWidth(self.width())
        else:
            need = layout.totalSizeHint().height()
        if need > self.height():
            self.resize(self.width(), need)

    def _set_busy(self, busy: bool) -> None:
        """While busy the fields are read-only, not disabled: a disabled field would hand the focus
        (and the rest of the key press) to the next button."""
        self._busy = busy
        for widget in (self.user_edit, self.pin_edit):
            widget.setReadOnly(busy)
        for widget in (self.approve_button, self.cancel_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.message.show_message(self.tr("Checking…") if self._act is None else self.tr("Approving…"), "info")
            self._fit_height()
        elif self.message.property("tone") == "info":
            self.message.clear_message()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Manager approval"))
        self._heading.setText(self.tr("Manager approval"))
        self._user_label.setText(self.tr("Manager's user number"))
        self._pin_label.setText(self.tr("Manager's PIN"))
        self.approve_button.setText(self.tr("Approve"))
        self.cancel_button.setText(self.tr("Cancel"))
