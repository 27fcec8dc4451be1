"""Dialogs of cash control: counting the drawer by denomination (the opening float and the close),
and a cash movement (drop, pay-out, pay-in) or a no-sale opening with its reason.

Both are plain input dialogs (GUI thread, no I/O): the page reads the answer and runs the service
on a worker. Counts are integers per denomination (minor units); no float ever holds money.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QFrame,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.money import Money, MoneyError
from ui.style import COLORS
from ui.texts import fill
from ui.widgets import MessageLabel, dialog_buttons

MAX_PIECES = 99_999


def money_text(minor: int, currency: str = "CNY") -> str:
    return Money(minor, currency).format()


def denomination_text(minor: int, currency: str = "CNY") -> str:
    """¥100, ¥0.50 -> ¥0.5: how a note or coin is named."""
    text = Money(minor, currency).format()
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def over_short_color(over_short: int, limit: int) -> str:
    if over_short == 0:
        return COLORS["ok"]
    return COLORS["error"] if abs(over_short) > limit else COLORS["warn"]


class _SelectOnFocus(QObject):
    """Selects a spin box's text when it takes the focus, so typing replaces the count."""

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.FocusIn and isinstance(obj, QAbstractSpinBox):
            QTimer.singleShot(0, obj.selectAll)
        return False


class DenominationCountDialog(QDialog):
    """Counts the drawer: one field per note or coin, a running total and, when `expected_minor` is
    given (closing), expected vs counted and the over/short in colour; above `limit_minor` a note
    is required (the page then asks a manager). `mode`: "float" (opening) or "close"."""

    def __init__(self, denominations, currency: str = "CNY", *, mode: str = "float", expected_minor: int | None = None,
                 limit_minor: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.setObjectName("DenominationCountDialog")
        self.mode = mode
        self.currency = currency
        self.denominations = tuple(sorted((int(d) for d in denominations), reverse=True))
        self.expected_minor = expected_minor
        self.limit_minor = int(limit_minor)
        self._focus_filter = _SelectOnFocus(self)

        self.heading = QLabel(self)
        self.heading.setObjectName("PageTitle")
        self.lead = QLabel(self)
        self.lead.setObjectName("PageLead")
        self.lead.setWordWrap(True)

        self.spins: dict[int, QSpinBox] = {}
        self.subtotals: dict[int, QLabel] = {}
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(6)
        rows = (len(self.denominations) + 1) // 2
        for i, denomination in enumerate(self.denominations):
            row, group = i % rows, i // rows
            label = QLabel(denomination_text(denomination, currency), self)
            label.setObjectName("Denomination")
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            spin = QSpinBox(self)
            spin.setObjectName(f"count_{denomination}")
            spin.setRange(0, MAX_PIECES)
            spin.setMinimumWidth(110)
            spin.setAlignment(Qt.AlignmentFlag.AlignRight)
            spin.installEventFilter(self._focus_filter)
            spin.valueChanged.connect(self._recount)
            spin.lineEdit().returnPressed.connect(lambda i=i: self._next(i))
            sub = QLabel(self)
            sub.setObjectName("FieldLabel")
            sub.setMinimumWidth(100)
            sub.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            grid.addWidget(label, row, group * 4)
            grid.addWidget(spin, row, group * 4 + 1)
            grid.addWidget(sub, row, group * 4 + 2)
            self.spins[denomination] = spin
            self.subtotals[denomination] = sub
        grid.setColumnMinimumWidth(3, 24)

        summary = QFrame(self)
        summary.setObjectName("Card")
        sbox = QGridLayout(summary)
        sbox.setContentsMargins(16, 10, 16, 10)
        self.counted_caption = QLabel(summary)
        self.counted_label = QLabel(summary)
        self.counted_label.setObjectName("CountTotal")
        self.expected_caption = QLabel(summary)
        self.expected_label = QLabel(summary)
        self.over_short_caption = QLabel(summary)
        self.over_short_label = QLabel(summary)
        self.over_short_label.setObjectName("OverShort")
        for r, (caption, value) in enumerate(((self.counted_caption, self.counted_label),
                                             (self.expected_caption, self.expected_label),
                                             (self.over_short_caption, self.over_short_label))):
            caption.setObjectName("FieldLabel")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            sbox.addWidget(caption, r, 0)
            sbox.addWidget(value, r, 1)
        closing = expected_minor is not None
        for w in (self.expected_caption, self.expected_label, self.over_short_caption, self.over_short_label):
            w.setVisible(closing)

        self.limit_label = QLabel(self)
        self.limit_label.setWordWrap(True)
        self.limit_label.setObjectName("LimitNote")
        self.note_edit = QLineEdit(self)
        self.note_edit.setObjectName("close_note")
        self.note_edit.setMaxLength(300)
        self.note_edit.returnPressed.connect(self.submit)  # Enter in the note closes (issue 15)
        self.message = MessageLabel(self)
        self.ok_button, self.cancel_button, buttons = dialog_buttons(self, enter_accepts=False)  # Enter: next field

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 18, 24, 18)
        layout.setSpacing(8)
        layout.addWidget(self.heading)
        layout.addWidget(self.lead)
        layout.addSpacing(6)
        layout.addLayout(grid)
        layout.addSpacing(6)
        layout.addWidget(summary)
        layout.addWidget(self.limit_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.message)
        layout.addLayout(buttons)

        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.setStyleSheet("#CountTotal { font-size: 24px; font-weight: bold; } "
                           "#OverShort { font-size: 22px; font-weight: bold; } "
                           "#Denomination { font-size: 19px; font-weight: bold; }")
        self.retranslate_ui()
        self._recount()
        if self.denominations:
            QTimer.singleShot(0, self.spins[self.denominations[0]].setFocus)

    # -- values ------------------------------------------------------------------------------
    def counts(self) -> dict[int, int]:
        """denomination (minor units) -> pieces counted, the zero counts left out."""
        return {d: s.value() for d, s in self.spins.items() if s.value()}

    def set_counts(self, counts: dict[int, int]) -> None:
        for denomination, spin in self.spins.items():
            spin.setValue(int(counts.get(denomination, 0)))

    def total_minor(self) -> int:
        return sum(d * s.value() for d, s in self.spins.items())

    def over_short_minor(self) -> int | None:
        return None if self.expected_minor is None else self.total_minor() - self.expected_minor

    def above_limit(self) -> bool:
        over_short = self.over_short_minor()
        return over_short is not None and abs(over_short) > self.limit_minor

    def note(self) -> str:
        return self.note_edit.text().strip()

    # -- behaviour -------------------------------------------------------------------------------
    def _next(self, index: int) -> None:
        if index + 1 < len(self.denominations):
            self.spins[self.denominations[index + 1]].setFocus()
        elif self.note_edit.isVisibleTo(self):  # above the limit: the note comes next
            self.note_edit.setFocus()
        else:
            self.ok_button.setFocus()

    def _recount(self) -> None:
        cur = self.currency
        for denomination, spin in self.spins.items():
            self.subtotals[denomination].setText(money_text(denomination * spin.value(), cur) if spin.value() else "")
        self.counted_label.setText(money_text(self.total_minor(), cur))
        over_short = self.over_short_minor()
        if over_short is not None:
            self.expected_label.setText(money_text(self.expected_minor, cur))
            sign = "+" if over_short > 0 else ""
            self.over_short_label.setText(sign + money_text(over_short, cur))
            self.over_short_label.setStyleSheet(f"color: {over_short_color(over_short, self.limit_minor)};")
            self.over_short_caption.setText(self.tr("Over") if over_short > 0 else
                                            self.tr("Short") if over_short < 0 else self.tr("Over / short"))
        above = self.above_limit()
        self.limit_label.setVisible(above)
        self.note_edit.setVisible(above)
        if above:
            self.limit_label.setText(fill(self.tr("The difference is above the limit of %1: a manager must approve "
                                                  "the close. Say what happened:"),
                                          money_text(self.limit_minor, cur)))
            self.limit_label.setStyleSheet(f"color: {COLORS['error']};")
        self.adjustSize()

    def submit(self) -> None:
        if self.mode == "close" and self.above_limit() and not self.note():
            self.message.show_message(self.tr("Write a note on the difference before closing."), "error")
            self.note_edit.setFocus()
            return
        self.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        closing = self.mode == "close"
        self.setWindowTitle(self.tr("Count the drawer") if closing else self.tr("Opening float"))
        self.heading.setText(self.tr("Count the drawer") if closing else self.tr("Count the opening float"))
        self.lead.setText(self.tr("Type how many of each note and coin are in the drawer (Enter moves to the next).")
                          if closing else
                          self.tr("Type how many of each note and coin you put in the drawer (Enter moves to the next)."))
        self.counted_caption.setText(self.tr("Counted"))
        self.expected_caption.setText(self.tr("Expected in the drawer"))
        self.note_edit.setPlaceholderText(self.tr("Note on the difference"))
        self.ok_button.setText(self.tr("Close shift") if closing else self.tr("Open shift"))
        self.cancel_button.setText(self.tr("Cancel"))
        self._recount()


# kind -> reason codes offered (the last is always "other", which needs a few words)
REASONS = {
    "drop": ("to_safe", "bank_deposit", "other"),
    "pay_out": ("supplier", "petty_cash", "other"),
    "pay_in": ("change_top_up", "float_top_up", "other"),
    "no_sale": ("give_change", "check_float", "drawer_stuck", "other"),
}


def reason_texts() -> dict[str, str]:
    """The translated names of the reason codes (call at display time)."""
    return {
        "to_safe": QCoreApplication.translate("CashReasons", "Excess cash to the safe"),
        "bank_deposit": QCoreApplication.translate("CashReasons", "Bank deposit"),
        "supplier": QCoreApplication.translate("CashReasons", "Pay a supplier or a delivery"),
        "petty_cash": QCoreApplication.translate("CashReasons", "Petty cash purchase"),
        "change_top_up": QCoreApplication.translate("CashReasons", "More change for the drawer"),
        "float_top_up": QCoreApplication.translate("CashReasons", "Float brought back from the safe"),
        "give_change": QCoreApplication.translate("CashReasons", "Change for a customer"),
        "check_float": QCoreApplication.translate("CashReasons", "Check the float"),
        "drawer_stuck": QCoreApplication.translate("CashReasons", "Drawer stuck or jammed"),
        "other": QCoreApplication.translate("CashReasons", "Other (say what)"),
    }


def reason_text(reason: str) -> str:
    """A stored reason ("code" or "code: details") as the person reads it."""
    code, _, details = reason.partition(":")
    name = reason_texts().get(code.strip())
    if name is None:
        return reason
    details = details.strip()
    if code.strip() == "other" and details:
        return details
    return f"{name}: {details}" if details else name


class CashMovementDialog(QDialog):
    """A cash drop, pay-out or pay-in (amount and reason) or a no-sale opening (reason only).
    After accept: `amount_minor()` and `reason()` ("code" or "code: details")."""

    def __init__(self, kind: str, currency: str = "CNY", *, expected_minor: int | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if kind not in REASONS:
            raise ValueError(f"unknown cash movement kind {kind!r}; one of {', '.join(REASONS)}")
        self.setModal(True)
        self.setMinimumWidth(520)
        self.setObjectName("CashMovementDialog")
        self.kind = kind
        self.currency = currency
        self.expected_minor = expected_minor
        self._amount: int = 0
        self.heading = QLabel(self)
        self.heading.setObjectName("PageTitle")
        self.lead = QLabel(self)
        self.lead.setObjectName("PageLead")
        self.lead.setWordWrap(True)
        self.amount_label = QLabel(self)
        self.amount_label.setObjectName("FieldLabel")
        self.amount_edit = QLineEdit(self)
        self.amount_edit.setObjectName("movement_amount")
        self.amount_label.setBuddy(self.amount_edit)
        self.reason_label = QLabel(self)
        self.reason_label.setObjectName("FieldLabel")
        self.reason_box = QComboBox(self)
        self.reason_box.setObjectName("movement_reason")
        self.reason_label.setBuddy(self.reason_box)
        self.details_edit = QLineEdit(self)
        self.details_edit.setObjectName("movement_details")
        self.details_edit.setMaxLength(200)
        self.message = MessageLabel(self)
        self.ok_button, self.cancel_button, buttons = dialog_buttons(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(8)
        for w in (self.heading, self.lead, self.amount_label, self.amount_edit, self.reason_label, self.reason_box,
                  self.details_edit, self.message):
            layout.addWidget(w)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        has_amount = kind != "no_sale"
        self.amount_label.setVisible(has_amount)
        self.amount_edit.setVisible(has_amount)
        self.amount_edit.returnPressed.connect(self.reason_box.setFocus)
        self.details_edit.returnPressed.connect(self.submit)
        self.ok_button.clicked.connect(self.submit)
        self.cancel_button.clicked.connect(self.reject)
        self.retranslate_ui()
        QTimer.singleShot(0, (self.amount_edit if has_amount else self.reason_box).setFocus)

    def reason_texts(self) -> dict[str, str]:
        return reason_texts()

    def amount_minor(self) -> int:
        return self._amount

    def reason(self) -> str:
        code = self.reason_box.currentData() or "other"
        details = self.details_edit.text().strip()
        return f"{code}: {details}" if details else code

    def set_reason(self, code: str, details: str = "") -> None:
        self.reason_box.setCurrentIndex(max(0, self.reason_box.findData(code)))
        self.details_edit.setText(details)

    def submit(self) -> None:
        if self.kind != "no_sale":
            try:
                amount = Money.parse(self.amount_edit.text(), self.currency)
            except MoneyError:
                self.message.show_message(self.tr("Type the amount, e.g. 500 or 12.50."), "error")
                self.amount_edit.setFocus()
                return
            if amount.minor <= 0:
                self.message.show_message(self.tr("The amount must be more than zero."), "error")
                self.amount_edit.setFocus()
                return
            if self.kind in ("drop", "pay_out") and self.expected_minor is not None and amount.minor > self.expected_minor:
                self.message.show_message(fill(self.tr("The drawer should hold only %1."),
                                               money_text(self.expected_minor, self.currency)), "error")
                self.amount_edit.setFocus()
                return
            self._amount = amount.minor
        if (self.reason_box.currentData() or "other") == "other" and not self.details_edit.text().strip():
            self.message.show_message(self.tr("Say in a few words why."), "error")
            self.details_edit.setFocus()
            return
        self.accept()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        titles = {"drop": self.tr("Cash drop"), "pay_out": self.tr("Pay-out"), "pay_in": self.tr("Pay-in"),
                  "no_sale": self.tr("No sale")}
        leads = {
            "drop": self.tr("Take cash out of the drawer to the safe. Count it, then type the amount."),
            "pay_out": self.tr("Pay cash out of the drawer for the store (keep the receipt)."),
            "pay_in": self.tr("Put cash into the drawer that does not come from a sale."),
            "no_sale": self.tr("Open the drawer without a sale. The opening is recorded with your name and reason."),
        }
        self.setWindowTitle(titles[self.kind])
        self.heading.setText(titles[self.kind])
        self.lead.setText(leads[self.kind])
        self.amount_label.setText(self.tr("Amount"))
        self.amount_edit.setPlaceholderText(self.tr("e.g. 500"))
        self.reason_label.setText(self.tr("Reason"))
        current = self.reason_box.currentData()
        texts = self.reason_texts()
        self.reason_box.clear()
        for code in REASONS[self.kind]:
            self.reason_box.addItem(texts[code], code)
        if current:
            self.reason_box.setCurrentIndex(max(0, self.reason_box.findData(current)))
        self.details_edit.setPlaceholderText(self.tr("Details (needed for Other)"))
        self.ok_button.setText(self.tr("Open drawer") if self.kind == "no_sale" else self.tr("Record"))
        self.cancel_button.setText(self.tr("Cancel"))
