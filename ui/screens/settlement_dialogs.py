"""The Settlement page's two questions: accepting a statement (what the net is, the number it will
get, what stands in the way and the manager's note), and the bank's reference of a transfer.

Keys: Enter answers Yes (Accept / Mark sent), Esc closes; the note and the reference are typed in
one field each."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QRegularExpressionValidator
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QVBoxLayout, QWidget

from ui.texts import fill
from ui.widgets import MessageLabel, dialog_buttons

NOTE_MAX = 200
REFERENCE_MAX = 35  # an ISO 20022 reference (pain.001 EndToEndId / the bank's reference) is at most 35


class _Question(QDialog):
    """A heading, a few lines, one field, a message and OK/Cancel; Enter submits."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setModal(True)
        self.setMinimumWidth(520)
        self.heading = QLabel(self)
        self.heading.setObjectName("PageTitle")
        self.heading.setWordWrap(True)
        self.body = QLabel(self)
        self.body.setWordWrap(True)
        self.field_label = QLabel(self)
        self.field_label.setWordWrap(True)
        self.edit = QLineEdit(self)
        self.field_label.setBuddy(self.edit)
        self.message = MessageLabel(self)
        self.ok_button, self.cancel_button, buttons = dialog_buttons(self)
        for button in (self.ok_button, self.cancel_button):  # Enter is keyPressEvent's: it submits
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.body)
        layout.addWidget(self.field_label)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        raise NotImplementedError

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.activateWindow()
        self.edit.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
            return
        super().keyPressEvent(event)

    def submit(self) -> None:
        self.accept()


class AcceptDialog(_Question):
    """Accepting the statement of one day with one platform: names the net and the number the
    statement will get; lists what stands in the way, and then a note is required."""

    def __init__(self, *, platform: str, day: str, net_text: str, number: str | None, blockers: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__("AcceptDialog", parent)
        self.platform, self.day, self.net_text, self.number = platform, day, net_text, number
        self.blockers = list(blockers)
        self.edit.setObjectName("accept_note")
        self.edit.setMaxLength(NOTE_MAX)
        self.retranslate_ui()

    @property
    def note_required(self) -> bool:
        return bool(self.blockers)

    @property
    def note(self) -> str:
        return self.edit.text().strip()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Accept the statement"))
        self.heading.setText(fill(self.tr("Accept the statement of %1 with %2?"), self.day, self.platform))
        lines = [fill(self.tr("%1."), self.net_text)]
        if self.number:
            lines.append(fill(self.tr("It gets the number %1 and never changes after that."), self.number))
        else:
            lines.append(self.tr("It gets the next statement number and never changes after that."))
        if self.blockers:
            lines.append(self.tr("Although:") + "\n• " + "\n• ".join(self.blockers))
        self.body.setText("\n".join(lines))
        self.field_label.setText(self.tr("Manager's &note (required: why accept anyway)") if self.note_required
                                 else self.tr("Manager's &note (optional)"))
        self.ok_button.setText(self.tr("&Accept"))
        self.cancel_button.setText(self.tr("Cancel"))

    def submit(self) -> None:
        if self.note_required and not self.note:
            self.message.show_message(self.tr("Write why the statement is accepted although something stands in "
                                              "the way."))
            self.edit.setFocus()
            return
        self.accept()


class ReferenceDialog(_Question):
    """The bank's reference of the transfer that paid statement `number`."""

    def __init__(self, *, number: str, amount: str, parent: QWidget | None = None) -> None:
        super().__init__("ReferenceDialog", parent)
        self.number, self.amount = number, amount
        self.edit.setObjectName("bank_reference")
        self.edit.setMaxLength(REFERENCE_MAX)
        self.edit.setValidator(QRegularExpressionValidator(r"[A-Za-z0-9/\-?:().,'+ ]{0,35}", self.edit))
        self.retranslate_ui()

    @property
    def reference(self) -> str:
        return self.edit.text().strip()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Transfer sent"))
        self.heading.setText(fill(self.tr("Mark the transfer of %1 as sent"), self.number))
        self.body.setText(fill(self.tr("Do this once the bank has made the transfer of %1. The platform is told "
                                       "and shows it as received when the money arrives."), self.amount))
        self.field_label.setText(self.tr("The bank's &reference of the transfer"))
        self.ok_button.setText(self.tr("&Mark sent"))
        self.cancel_button.setText(self.tr("Cancel"))

    def submit(self) -> None:
        if not self.reference:
            self.message.show_message(self.tr("Type the bank's reference of the transfer."))
            self.edit.setFocus()
            return
        self.accept()
