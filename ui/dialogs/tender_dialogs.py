"""Dialogs of the tenders that ask the cashier something while a worker waits.

`PrepaidPinDialog` asks the prepaid card holder's PIN after the card was swiped or scanned
(masked, digits only, Enter submits, an on-screen keypad as on the sign-in page). `take_pin()`
hands the PIN over once and empties the field: the dialog keeps no copy.

`QtManualApprovalHandler` implements drivers.card_terminal.ManualApprovalHandler for the
standalone card terminal. Threading rule: create it on the GUI thread; `ask_manual_approval` is
called on the worker running the charge: it posts the question through the Bridge (the dialog
opens on the GUI thread, non-blocking) and the worker waits for the cashier's answer on a future
that the dialog's `finished` completes. The GUI thread never waits; the worker touches no widget.
"""

from __future__ import annotations

from concurrent.futures import Future, TimeoutError as FutureTimeout
from dataclasses import dataclass, field

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QThread
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from pos_terminal.money import Money
from ui.bridge import application_bridge
from ui.texts import fill
from ui.widgets import MessageLabel, dialog_buttons


@dataclass
class _Question:
    amount_minor: int
    currency: str
    kind: str
    problem: str
    answer: Future = field(default_factory=Future)  # the ManualApproval, or None: cancelled


class ManualApprovalDialog(QDialog):
    def __init__(self, amount_minor: int, currency: str, kind: str = "sale", problem: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setMinimumWidth(520)
        self._amount = Money(amount_minor, currency).format()
        self._kind = kind
        self.heading = QLabel(self)
        self.heading.setObjectName("PageTitle")
        self.lead = QLabel(self)
        self.lead.setObjectName("PageLead")
        self.lead.setWordWrap(True)
        self.code_label = QLabel(self)
        self.code_label.setObjectName("FieldLabel")
        self.code_edit = QLineEdit(self)
        self.code_edit.setObjectName("approval_code")
        self.code_edit.setMaxLength(16)
        self.last4_label = QLabel(self)
        self.last4_label.setObjectName("FieldLabel")
        self.last4_edit = QLineEdit(self)
        self.last4_edit.setObjectName("card_last4")
        self.last4_edit.setMaxLength(4)  # never room for more than the last four digits
        self.last4_edit.setValidator(QRegularExpressionValidator(r"\d{0,4}", self.last4_edit))
        self.message = MessageLabel(self)
        if problem:
            self.message.show_message(problem, "error")
        self.ok_button, self.cancel_button, buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        for w in (self.heading, self.lead, self.code_label, self.code_edit, self.last4_label, self.last4_edit,
                  self.message):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.code_edit.returnPressed.connect(self.last4_edit.setFocus)
        self.last4_edit.returnPressed.connect(self.submit)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.answer = None
        self.retranslate_ui()

    def submit(self) -> None:
        from pos_terminal.app.facades import Checkout

        try:
            self.answer = Checkout.parse_manual_approval(self.code_edit.text(), self.last4_edit.text())
        except Checkout.invalid_manual_approval() as exc:
            self.message.show_message(self._problem_text(exc.field), "error")
            return
        self.accept()

    def _problem_text(self, field: str) -> str:
        if field == "card_last4":
            return self.tr("Type exactly the last four digits of the card.")
        return self.tr("Type the approval code from the card terminal's slip (letters and digits).")

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        refund = self._kind == "refund"
        self.setWindowTitle(self.tr("Standalone card terminal"))
        self.heading.setText(self.tr("Refund on the card terminal") if refund else self.tr("Charge on the card terminal"))
        self.lead.setText(fill(self.tr("Enter %1 on the standalone card terminal. When it approves, type its approval "
                                       "code and the card's last four digits."), self._amount))
        self.code_label.setText(self.tr("Approval code"))
        self.last4_label.setText(self.tr("Card's last four digits"))
        self.ok_button.setText(self.tr("Record approval"))
        self.cancel_button.setText(self.tr("Not approved"))


class PrepaidPinDialog(QDialog):
    """The card holder keys in the PIN (4 to 6 digits). `problem`: why it is asked again (a wrong
    PIN and the attempts left). The field carries the property "secret_field": the wedge filter
    never takes what is typed there for a scan, and nothing logs it."""

    MIN_DIGITS, MAX_DIGITS = 4, 6

    def __init__(self, card_last4: str, problem: str = "", parent: QWidget | None = None) -> None:
        from ui.screens.sign_in import Keypad

        super().__init__(parent)
        self.setModal(True)
        self.setMinimumWidth(420)
        self._last4 = card_last4
        self._pin: str | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("PageTitle")
        self.lead = QLabel(self)
        self.lead.setObjectName("PageLead")
        self.lead.setWordWrap(True)
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setObjectName("prepaid_pin")
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(self.MAX_DIGITS)
        self.pin_edit.setValidator(QRegularExpressionValidator(r"\d{0,6}", self.pin_edit))
        self.pin_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData
                                          | Qt.InputMethodHint.ImhNoPredictiveText)
        self.pin_edit.setProperty("secret_field", True)
        self.pin_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)  # no copying it out
        self.keypad = Keypad(self)
        self.keypad.setMinimumSize(220, 220)
        self.message = MessageLabel(self)
        if problem:
            self.message.show_message(problem, "error")
        self.ok_button, self.cancel_button, buttons = dialog_buttons(self, enter_accepts=False)  # Enter: submit()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        for w in (self.heading, self.lead, self.pin_edit, self.keypad, self.message):
            layout.addWidget(w)
        layout.addLayout(buttons)
        self.pin_edit.returnPressed.connect(self.submit)
        self.keypad.key.connect(self._keypad_key)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.retranslate_ui()
        self.pin_edit.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.activateWindow()  # keyboard first: the holder types at once
        self.pin_edit.setFocus()

    def _keypad_key(self, value: str) -> None:
        if value == "enter":
            self.submit()
        elif value == "back":
            self.pin_edit.backspace()
        elif len(self.pin_edit.text()) < self.MAX_DIGITS:
            self.pin_edit.insert(value)
        self.pin_edit.setFocus()

    def submit(self) -> None:
        pin = self.pin_edit.text()
        if not (self.MIN_DIGITS <= len(pin) <= self.MAX_DIGITS and pin.isdigit()):
            self.message.show_message(self.tr("The PIN is 4 to 6 digits."), "error")
            self.pin_edit.clear()
            return
        self._pin = pin
        self.pin_edit.clear()
        self.accept()

    def take_pin(self) -> str | None:
        """The PIN keyed in, once: the dialog forgets it."""
        pin, self._pin = self._pin, None
        return pin

    def reject(self) -> None:
        self._pin = None
        self.pin_edit.clear()
        super().reject()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Prepaid card PIN"))
        self.heading.setText(self.tr("Card holder's PIN"))
        self.lead.setText(fill(self.tr("Card ****%1: let the card holder key in the PIN (4 to 6 digits), then "
                                       "press Enter."), self._last4))
        self.ok_button.setText(self.tr("OK (Enter)"))
        self.cancel_button.setText(self.tr("Cancel (Esc)"))


class QtManualApprovalHandler(QObject):
    def __init__(self, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._parent_widget = parent_widget
        self._bridge = application_bridge()
        self.dialog: ManualApprovalDialog | None = None  # the open dialog, for tests

    def ask_manual_approval(self, amount_minor: int, currency: str, *, kind: str = "sale", problem: str = ""):
        if QThread.currentThread() is self.thread():
            raise RuntimeError("ask_manual_approval blocks: call it from a worker, never the GUI thread")
        question = _Question(amount_minor, currency, kind, problem)
        self._bridge.post_call(lambda: self._ask_on_gui(question))
        while True:
            try:
                return question.answer.result(timeout=0.5)
            except FutureTimeout:
                if not shiboken6.isValid(self):  # the screen went away: nobody will answer
                    return None

    def _ask_on_gui(self, question: _Question) -> None:
        if not shiboken6.isValid(self):  # the screen closed before the question arrived
            question.answer.set_result(None)
            return
        dialog = ManualApprovalDialog(question.amount_minor, question.currency, question.kind, question.problem,
                                      self._parent_widget)
        self.dialog = dialog

        def finished(result: int) -> None:
            answer = dialog.answer if result == QDialog.DialogCode.Accepted else None
            self.dialog = None
            dialog.deleteLater()
            question.answer.set_result(answer)

        dialog.finished.connect(finished)
        dialog.open()  # modal without a nested event loop; the worker waits on the future
