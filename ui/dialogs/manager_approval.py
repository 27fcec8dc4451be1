"""A manager's approval at the counter (voids, overrides, cash differences).

`ManagerApprovalDialog.request(parent, terminal, action_text)` is modal and returns the approving
manager's SignedIn, or None when cancelled. The PIN check runs through run_in_background while
the dialog shows a busy state; refusals are shown in the dialog, which stays open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtGui import QRegularExpressionValidator
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

from pos_terminal.bootstrap import Terminal
from pos_terminal.domain.model import Permission
from ui.refusals import refusal_text
from ui.tasks import run_in_background
from ui.widgets import MessageLabel


class ManagerApprovalDialog(QDialog):
    def __init__(self, terminal: Terminal, action_text: str, parent: QWidget | None = None,
                 permission: Permission = Permission.APPROVE) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setMinimumWidth(520)
        self._terminal = terminal
        self._permission = permission
        self._busy = False
        self.approver = None

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
        self.approve_button.setDefault(True)
        self.cancel_button = QPushButton(self)

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

        self.user_edit.returnPressed.connect(self._user_entered)
        self.pin_edit.returnPressed.connect(self.submit)
        self.approve_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.retranslate_ui()

    @staticmethod
    def request(parent: QWidget | None, terminal: Terminal, action_text: str,
                permission: Permission = Permission.APPROVE):
        """Modal: returns the approving manager's SignedIn, or None."""
        dialog = ManagerApprovalDialog(terminal, action_text, parent, permission)
        try:
            return dialog.approver if dialog.exec() == QDialog.DialogCode.Accepted else None
        finally:
            dialog.deleteLater()

    @property
    def busy(self) -> bool:
        return self._busy

    def _user_entered(self) -> None:
        if self.pin_edit.text():
            self.submit()
        else:
            self.pin_edit.setFocus()

    def submit(self) -> None:
        if self._busy:
            return
        username = self.user_edit.text().strip()
        pin = self.pin_edit.text()
        if not username or not pin:
            self.message.show_message(self.tr("A manager enters their user number and PIN."), "info")
            return
        self._set_busy(True)
        terminal, permission = self._terminal, self._permission
        run_in_background(lambda: terminal.approve(username, pin, permission), self._approved, self._refused, context=self)

    def _approved(self, approver) -> None:
        self._set_busy(False)
        if not self.isVisible():
            return
        self.approver = approver
        self.accept()

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.pin_edit.clear()
        self.message.show_message(refusal_text(exc, self._terminal), "error")
        self.pin_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        for widget in (self.user_edit, self.pin_edit, self.approve_button):
            widget.setEnabled(not busy)
        self.progress.setVisible(busy)
        if busy:
            self.message.show_message(self.tr("Checking…"), "info")
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
