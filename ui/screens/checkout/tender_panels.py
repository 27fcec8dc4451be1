"""The tender panels of the order view (cash, prepaid card, bank card) and what their keys do:
amounts typed or quick-cash notes, the prepaid card holder's PIN then balance then debit, the
card terminal's charge and its "check again". A mixin of CheckoutPage; every platform, card
terminal and database call runs in run_in_background, the rules in pos_terminal.services.checkout.

Texts keep the translation context "CheckoutPage".
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QLabel, QLineEdit, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from pos_terminal.domain.errors import DomainError
from pos_terminal.money import Money, MoneyError, format_money
from pos_terminal.services.checkout import CheckoutRefused, CheckoutSession
from ui.dialogs.tender_dialogs import PrepaidPinDialog
from ui.tasks import run_in_background
from ui.texts import fill

translate = QCoreApplication.translate

NOTES_MINOR = (1000, 2000, 5000, 10000)  # the usual CNY notes
TENDER_PANELS = ("cash", "prepaid", "card")
# refusals of the card itself: the number is taken out of its (masked) field, so the next card
# keyed or swiped is not appended to it; a wrong PIN keeps the card (the PIN is asked again), and
# an unreachable platform refuses nothing about the card
CARD_REFUSALS = frozenset({"invalid_card_number", "prepaid_unknown_card", "prepaid_blocked", "prepaid_pin_locked",
                           "prepaid_pin_not_set", "prepaid_refused"})


class TenderPanels:
    def _cash_panel(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 4, 0, 0)
        self.cash_edit = QLineEdit(panel)
        self.cash_edit.setObjectName("cash_tendered")
        self.cash_edit.returnPressed.connect(self.take_cash)
        quick = QHBoxLayout()
        quick.setSpacing(4)
        self.exact_button = QPushButton(panel)
        self.exact_button.setObjectName("QuickCash")
        self.exact_button.clicked.connect(lambda: self._quick_cash(None))
        quick.addWidget(self.exact_button)
        self.note_buttons = []
        for note in NOTES_MINOR:
            button = QPushButton(format_money(note).replace(".00", ""), panel)
            button.setObjectName("QuickCash")
            button.clicked.connect(lambda _=False, n=note: self._quick_cash(n))
            quick.addWidget(button)
            self.note_buttons.append(button)
        self.change_preview = QLabel(panel)
        self.change_preview.setObjectName("FieldLabel")
        self.cash_edit.textChanged.connect(self._update_change_preview)
        self.take_cash_button = QPushButton(panel)
        self.take_cash_button.setObjectName("Primary")
        self.take_cash_button.clicked.connect(self.take_cash)
        box.addWidget(self.cash_edit)
        box.addLayout(quick)
        box.addWidget(self.change_preview)
        box.addWidget(self.take_cash_button)
        return panel

    def _prepaid_panel(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 4, 0, 0)
        self.prepaid_card_edit = QLineEdit(panel)
        self.prepaid_card_edit.setObjectName("prepaid_card")
        self.prepaid_card_edit.setEchoMode(QLineEdit.EchoMode.Password)  # the number is never shown
        self.prepaid_card_edit.setProperty("scan_field", True)  # a swipe that stalls is typed here (ui/wedge.py)
        self.prepaid_card_edit.returnPressed.connect(self.check_balance)
        self.prepaid_card_edit.textChanged.connect(self._forget_pin)  # another card: another PIN
        self.balance_label = QLabel(panel)
        self.balance_label.setObjectName("FieldLabel")
        self.prepaid_amount_edit = QLineEdit(panel)
        self.prepaid_amount_edit.setObjectName("prepaid_amount")
        self.prepaid_amount_edit.returnPressed.connect(self.take_prepaid)
        self.take_prepaid_button = QPushButton(panel)
        self.take_prepaid_button.setObjectName("Primary")
        self.take_prepaid_button.clicked.connect(self.take_prepaid)
        box.addWidget(self.prepaid_card_edit)
        box.addWidget(self.balance_label)
        box.addWidget(self.prepaid_amount_edit)
        box.addWidget(self.take_prepaid_button)
        return panel

    def _card_panel(self, parent: QWidget) -> QWidget:
        panel = QWidget(parent)
        box = QVBoxLayout(panel)
        box.setContentsMargins(0, 4, 0, 0)
        self.card_note = QLabel(panel)
        self.card_note.setObjectName("FieldLabel")
        self.card_note.setWordWrap(True)
        self.card_amount_edit = QLineEdit(panel)
        self.card_amount_edit.setObjectName("card_amount")
        self.card_amount_edit.returnPressed.connect(self.take_card)
        self.take_card_button = QPushButton(panel)
        self.take_card_button.setObjectName("Primary")
        self.take_card_button.clicked.connect(self.take_card)
        self.resolve_button = QPushButton(panel)
        self.resolve_button.clicked.connect(self.resolve_card)
        self.resolve_button.hide()
        box.addWidget(self.card_note)
        box.addWidget(self.card_amount_edit)
        box.addWidget(self.take_card_button)
        box.addWidget(self.resolve_button)
        return panel

    # -- choosing a tender and its amount -------------------------------------------------------
    def choose_tender(self, kind: str) -> None:
        if self.state != "order" or self.session is None:
            return
        self.panels.setCurrentIndex(TENDER_PANELS.index(kind))
        for k, button in self.tender_buttons.items():
            button.setChecked(k == kind)
        remaining = format_money(self.session.remaining_minor, self.session.currency).lstrip("¥").replace(",", "")
        if kind == "cash":
            self.cash_edit.setText(remaining)
            self.cash_edit.selectAll()
            self.cash_edit.setFocus()
        elif kind == "prepaid":
            if not self.prepaid_amount_edit.text():
                self.prepaid_amount_edit.setText(remaining)
            self.prepaid_card_edit.setFocus()
        else:
            self.card_amount_edit.setText(remaining)
            self.card_amount_edit.selectAll()
            self.card_amount_edit.setFocus()

    def _amount(self, edit: QLineEdit) -> int | None:
        try:
            amount = Money.parse(edit.text(), self.session.currency)
        except MoneyError:
            amount = None
        if amount is None or amount.minor <= 0:
            self.show_refusal(translate("CheckoutPage", "Type an amount, e.g. 50 or 12.50."))
            edit.selectAll()
            edit.setFocus()
            return None
        return amount.minor

    def _quick_cash(self, note_minor: int | None) -> None:
        if self.session is None:
            return
        minor = self.session.remaining_minor if note_minor is None else note_minor
        self.cash_edit.setText(Money(minor, self.session.currency).format(symbol=False).replace(",", ""))
        self.take_cash()

    def _update_change_preview(self) -> None:
        if self.session is None:
            return
        try:
            minor = Money.parse(self.cash_edit.text(), self.session.currency).minor
        except MoneyError:
            self.change_preview.setText("")
            return
        change = minor - self.session.remaining_minor
        if change >= 0:
            self.change_preview.setText(fill(translate("CheckoutPage", "Change: %1"),
                                             format_money(change, self.session.currency)))
        else:
            self.change_preview.setText(fill(translate("CheckoutPage", "Still due after this: %1"),
                                             format_money(-change, self.session.currency)))

    # -- cash ------------------------------------------------------------------------------------
    def take_cash(self) -> None:
        if self.busy or self.session is None:
            return
        if self.session.covered:  # paid in full but not recorded (e.g. no shift then): record it now
            self.complete()
            return
        amount = self._amount(self.cash_edit)
        if amount is None:
            return
        try:
            self.session.take_cash(amount)  # pure: no I/O
        except DomainError as exc:
            self.show_refusal(self.refusal_text(exc))
            return
        self._tender_taken(None)

    # -- prepaid card: the holder's PIN, the balance, the debit ------------------------------------
    def _forget_pin(self, *_args) -> None:
        self._prepaid_pin = None

    def _card_last4(self) -> str | None:
        """The typed or swiped card's last four digits, or None (the refusal shown)."""
        try:
            return CheckoutSession.card_number(self.prepaid_card_edit.text())[-4:]
        except DomainError as exc:
            self.show_refusal(self.refusal_text(exc))
            self._clear_refused_card()
            return None

    def _clear_refused_card(self) -> None:
        """A refused card number leaves its field (it is masked: the cashier could not see what
        the next keys would be appended to); the field keeps the focus for the next card."""
        self.prepaid_card_edit.clear()
        self.balance_label.clear()
        self.balance_minor = None
        if self.panels.currentIndex() == TENDER_PANELS.index("prepaid"):
            self.prepaid_card_edit.setFocus()

    def _ask_pin_when_ready(self, then) -> None:
        """The PIN is asked only where the platform is there to check it (offline: said at once)."""
        if self.busy or self.session is None or self._card_last4() is None:
            return
        session = self.session
        self._set_busy(True)

        def ready(_result) -> None:
            self._set_busy(False)
            self._ask_pin(then)

        run_in_background(session.prepaid_ready, ready, self._tender_failed, context=self)

    def _ask_pin(self, then, problem: str = "") -> None:
        """Opens the PIN dialog for the card on screen; `then(pin)` runs once it is keyed in."""
        last4 = self._card_last4()
        if last4 is None or self.pin_dialog is not None:
            return
        dialog = PrepaidPinDialog(last4, problem, self)
        self.pin_dialog = dialog

        def finished(result: int) -> None:
            pin = dialog.take_pin() if result == QDialog.DialogCode.Accepted else None
            self.pin_dialog = None
            dialog.deleteLater()
            self.activateWindow()  # the keyboard comes back to the counter's window
            if pin is None:
                self.show_info(translate("CheckoutPage", "No PIN keyed in: nothing was taken from the card."))
                self.prepaid_card_edit.setFocus()
                return
            then(pin)

        dialog.finished.connect(finished)
        dialog.open()

    def check_balance(self) -> None:
        """Enter on the card field (or a card scanned): the holder's PIN, then the balance."""
        if self.busy or self.session is None:
            return
        self._prepaid_pin = None
        self._ask_pin_when_ready(self._run_balance)

    def _run_balance(self, pin: str) -> None:
        if self.busy or self.session is None:
            return
        session, text = self.session, self.prepaid_card_edit.text()
        self._set_busy(True)
        run_in_background(lambda: session.prepaid_balance(text, pin), lambda balance: self._balance_shown(balance, pin),
                          lambda exc: self._prepaid_failed(exc, self._run_balance), context=self)

    def _prepaid_failed(self, exc: BaseException, retry) -> None:
        """A wrong PIN asks again (the card stays on screen); anything else is a refusal as usual."""
        self._prepaid_pin = None
        if isinstance(exc, CheckoutRefused) and exc.reason == "prepaid_wrong_pin" and self.session is not None:
            self._set_busy(False)
            text = self.refusal_text(exc)
            self.show_refusal(text)
            self._ask_pin(retry, text)
            return
        if isinstance(exc, CheckoutRefused) and exc.reason in CARD_REFUSALS:
            self._clear_refused_card()
        self._tender_failed(exc)

    def _balance_shown(self, balance: int, pin: str | None = None) -> None:
        self._set_busy(False)
        self._prepaid_pin = pin  # for the debit that follows; dropped then, or when the card changes
        self.balance_minor = balance
        last4 = CheckoutSession.card_number(self.prepaid_card_edit.text())[-4:]
        self.balance_label.setText(fill(translate("CheckoutPage", "Card ****%1 · balance %2"), last4,
                                        format_money(balance, self.session.currency)))
        amount = min(balance, self.session.remaining_minor)
        self.prepaid_amount_edit.setText(Money(amount, self.session.currency).format(symbol=False).replace(",", ""))
        self.prepaid_amount_edit.selectAll()
        self.prepaid_amount_edit.setFocus()

    def take_prepaid(self) -> None:
        if self.busy or self.session is None:
            return
        if self.session.covered:  # paid in full but not recorded (e.g. no shift then): record it now
            self.complete()
            return
        amount = self._amount(self.prepaid_amount_edit)
        if amount is None:
            return
        pin, self._prepaid_pin = self._prepaid_pin, None  # used once
        if pin is None:
            self._ask_pin_when_ready(lambda keyed: self._run_debit(amount, keyed))
            return
        self._run_debit(amount, pin)

    def _run_debit(self, amount: int, pin: str) -> None:
        if self.busy or self.session is None:
            return
        session, text = self.session, self.prepaid_card_edit.text()
        self._set_busy(True)
        self.show_info(translate("CheckoutPage", "Debiting the prepaid card…"))
        run_in_background(lambda: session.take_prepaid(text, amount, pin), self._tender_taken,
                          lambda exc: self._prepaid_failed(exc, lambda keyed: self._run_debit(amount, keyed)),
                          context=self)

    # -- bank card ---------------------------------------------------------------------------------
    def take_card(self) -> None:
        if self.busy or self.session is None:
            return
        if self.session.covered:  # paid in full but not recorded (e.g. no shift then): record it now
            self.complete()
            return
        amount = self._amount(self.card_amount_edit)
        if amount is None:
            return
        session = self.session
        self._set_busy(True)
        self.show_info(translate("CheckoutPage", "Waiting for the card terminal… the buyer presents the card."))
        run_in_background(lambda: session.take_card(amount), self._tender_taken, self._tender_failed, context=self)

    def resolve_card(self) -> None:
        if self.busy or self.session is None:
            return
        session = self.session
        self._set_busy(True)
        self.show_info(translate("CheckoutPage", "Asking the card terminal…"))
        run_in_background(session.resolve_card, self._tender_taken, self._tender_failed, context=self)

    # -- after a tender ----------------------------------------------------------------------------
    def _tender_taken(self, tender) -> None:
        self._set_busy(False)
        self.message.clear_message()
        self.resolve_button.setVisible(self.session.unresolved_card is not None)
        self.prepaid_card_edit.clear()
        self.prepaid_amount_edit.clear()
        self.balance_label.clear()
        self._refresh_amounts()
        if self.session.covered:
            self.complete()
        else:
            self.choose_tender("cash")

    def _tender_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if self.session is not None:
            self.resolve_button.setVisible(self.session.unresolved_card is not None)
        self.show_refusal(self.refusal_text(exc))
        self._refresh_amounts()
