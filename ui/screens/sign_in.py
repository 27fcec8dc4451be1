"""Sign-in: user number and PIN, with a numeric keypad for touch screens.

The PIN check (scrypt, tens of milliseconds) runs through run_in_background; `signed_in` is
emitted on the GUI thread with the pos_terminal.services.users.SignedIn value.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.app.facades import App
from ui.refusals import refusal_text
from ui.tasks import run_in_background
from ui.texts import fill, role_name
from ui.widgets import MessageLabel


class Keypad(QWidget):
    """Digits, backspace and Enter; keys never take the focus from the field being typed in."""

    key = Signal(str)  # "0".."9", "back", "enter"

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        grid = QGridLayout(self)
        grid.setSpacing(8)
        grid.setContentsMargins(0, 0, 0, 0)
        self._back = self._button("⌫", "back")
        self._enter = self._button("", "enter")
        self._enter.setObjectName("Primary")
        for i, digit in enumerate("123456789"):
            grid.addWidget(self._button(digit, digit), i // 3, i % 3)
        grid.addWidget(self._back, 3, 0)
        grid.addWidget(self._button("0", "0"), 3, 1)
        grid.addWidget(self._enter, 3, 2)
        self.retranslate_ui()

    def _button(self, text: str, value: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName("KeypadKey")
        button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        button.clicked.connect(lambda: self.key.emit(value))
        return button

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._enter.setText(self.tr("OK"))
        self._back.setToolTip(self.tr("Delete the last digit"))


class SignInPage(QWidget):
    signed_in = Signal(object)  # SignedIn

    def __init__(self, app: App, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SignInPage")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._app = app
        self._busy = False
        self._target: QLineEdit | None = None

        self._title = QLabel(self)
        self._title.setObjectName("PageTitle")
        self._store = QLabel(self)
        self._store.setObjectName("PageLead")
        self._user_label = QLabel(self)
        self._user_label.setObjectName("FieldLabel")
        self.user_edit = QLineEdit(self)
        self.user_edit.setMaxLength(64)
        self._pin_label = QLabel(self)
        self._pin_label.setObjectName("FieldLabel")
        self.pin_edit = QLineEdit(self)
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_edit.setValidator(QRegularExpressionValidator(r"\d{0,12}", self.pin_edit))
        self.pin_edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly | Qt.InputMethodHint.ImhSensitiveData)
        self._user_label.setBuddy(self.user_edit)
        self._pin_label.setBuddy(self.pin_edit)
        self.message = MessageLabel(self)
        self.sign_in_button = QPushButton(self)
        self.sign_in_button.setObjectName("Primary")
        self.sign_in_button.setMinimumHeight(56)
        self.keypad = Keypad(self)
        self.keypad.setMinimumSize(250, 270)
        self.demo_hint = QLabel(self)
        self.demo_hint.setObjectName("DemoHint")
        self.demo_hint.setWordWrap(True)
        self.demo_hint.setVisible(app.store.demo)

        form = QVBoxLayout()
        form.setSpacing(6)
        form.addWidget(self._title)
        form.addWidget(self._store)
        form.addSpacing(14)
        form.addWidget(self._user_label)
        form.addWidget(self.user_edit)
        form.addSpacing(8)
        form.addWidget(self._pin_label)
        form.addWidget(self.pin_edit)
        form.addSpacing(8)
        form.addWidget(self.message)
        form.addStretch(1)
        form.addWidget(self.sign_in_button)

        card = QFrame(self)
        card.setObjectName("Card")
        inner = QHBoxLayout(card)
        inner.setContentsMargins(28, 24, 28, 24)
        inner.setSpacing(28)
        inner.addLayout(form, 3)
        inner.addWidget(self.keypad, 2)
        card.setMaximumWidth(820)
        card.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(card)
        column.addSpacing(12)
        column.addWidget(self.demo_hint)
        column.addStretch(1)
        outer = QHBoxLayout(self)
        outer.setContentsMargins(24, 16, 24, 16)
        outer.addStretch(1)
        outer.addLayout(column, 10)
        outer.addStretch(1)
        self.demo_hint.setMaximumWidth(820)

        self.user_edit.returnPressed.connect(self._user_entered)
        self.pin_edit.returnPressed.connect(self.submit)
        self.sign_in_button.clicked.connect(self.submit)
        self.keypad.key.connect(self._keypad_key)
        self.user_edit.installEventFilter(self)
        self.pin_edit.installEventFilter(self)
        self.user_edit.textEdited.connect(lambda _: self.message.clear_message())
        self.pin_edit.textEdited.connect(lambda _: self.message.clear_message())
        self.retranslate_ui()

    # -- input ---------------------------------------------------------------------------
    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.FocusIn and watched in (self.user_edit, self.pin_edit):
            self._target = watched
        return super().eventFilter(watched, event)

    def _user_entered(self) -> None:
        if self.pin_edit.text():
            self.submit()
        else:
            self.pin_edit.setFocus()

    def _keypad_key(self, value: str) -> None:
        target = self._target or self.user_edit
        if value == "enter":
            self._user_entered() if target is self.user_edit else self.submit()
        elif value == "back":
            target.backspace()
        else:
            target.insert(value)
        self.message.clear_message()

    def reset(self) -> None:
        """Back to an empty form, ready for the next person."""
        self.user_edit.clear()
        self.pin_edit.clear()
        self.message.clear_message()
        self._set_busy(False)
        self.user_edit.setFocus()

    # -- signing in ----------------------------------------------------------------------
    def submit(self) -> None:
        if self._busy:
            return
        username = self.user_edit.text().strip()
        pin = self.pin_edit.text()
        if not username or not pin:
            self.message.show_message(self.tr("Enter your user number and PIN."), "info")
            (self.user_edit if not username else self.pin_edit).setFocus()
            return
        self._set_busy(True)
        users = self._app.users
        run_in_background(lambda: users.sign_in(username, pin), self._succeeded, self._refused, context=self)

    def _succeeded(self, user) -> None:
        self._set_busy(False)
        self.user_edit.clear()
        self.pin_edit.clear()
        self.message.clear_message()
        self.signed_in.emit(user)

    def _refused(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.pin_edit.clear()
        self.message.show_message(refusal_text(exc, self._app), "error")
        self.pin_edit.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self._busy = busy
        self.user_edit.setEnabled(not busy)
        self.pin_edit.setEnabled(not busy)
        self.keypad.setEnabled(not busy)
        self.sign_in_button.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Checking…") if busy else self.tr("Sign in"))

    @property
    def busy(self) -> bool:
        return self._busy

    # -- texts ---------------------------------------------------------------------------
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        settings = self._app.store.settings.terminal
        self._title.setText(self.tr("Sign in"))
        self._store.setText(fill(self.tr("%1 · terminal %2"), settings.store_name, settings.terminal_id))
        self._user_label.setText(self.tr("User number"))
        self._pin_label.setText(self.tr("PIN"))
        self.user_edit.setPlaceholderText(self.tr("e.g. 1001"))
        self.pin_edit.setPlaceholderText(self.tr("4 to 12 digits"))
        self.sign_in_button.setText(self.tr("Checking…") if self._busy else self.tr("Sign in"))
        users = "\n".join(
            fill(self.tr("%1: user %2, PIN %3 (%4)"), role_name(role), username, pin, name)
            for username, name, role, pin in self._app.users.demo_users()
        )
        self.demo_hint.setText(self.tr("Demo mode. Sign in as one of the demo users:") + "\n" + users)
