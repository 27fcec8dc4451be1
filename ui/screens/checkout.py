"""Checkout: scan the buyer's payment code, take cash, prepaid card or bank card (in any mix),
record the sale, print the receipt and open the drawer.

Keyboard-first: F1 cash, F2 prepaid card, F3 bank card, Esc cancel, F9 reprint (on the idle page:
the terminal's last receipt from the database); Enter confirms the field in focus. While an online
order is on screen its platform claim is renewed by a timer; at start the page shows card
payments left open (unknown outcome, or approved with no sale) and resolves or refunds them; on
the done page a drawer that reports its switch is shown open or closed. A scan arrives through the Bridge and does the obvious thing for the state
the page is in. Every device, platform and database call runs in run_in_background; the
checkout rules live in pos_terminal.services.checkout.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.domain.errors import AlreadyPaid, DomainError, NoOpenShift
from pos_terminal.domain.model import TenderKind
from pos_terminal.money import Money, MoneyError
from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.services import cash, shifts
from pos_terminal.services.checkout import (
    CheckoutContext,
    CheckoutRefused,
    CheckoutSession,
    last_sale_receipt,
    open_card_requests,
    refund_card_request,
    reprint_last_receipt,
    resolve_card_request,
)
from pos_terminal.services.orders import PaymentCodeRefused
from ui.checkout_model import OrderLinesModel
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.dialogs.tender_dialogs import PrepaidPinDialog, QtManualApprovalHandler
from ui.receipt_preview import preview_image, sale_receipt_document
from ui.screens.base import Page
from ui.tasks import run_in_background
from ui.texts import fill
from ui.widgets import MessageLabel

log = logging.getLogger(__name__)

NOTES_MINOR = (1000, 2000, 5000, 10000)  # the usual CNY notes
STATES = ("shift", "idle", "order", "done")
TENDER_PANELS = ("cash", "prepaid", "card")

LOCAL_STYLE = """
#CheckoutPrompt { font-size: 34px; font-weight: bold; color: #1e6fb8; }
#Merchant { font-size: 22px; font-weight: bold; }
#OrderNo { font-size: 18px; font-family: "DejaVu Sans Mono", monospace; }
#BigAmount { font-size: 34px; font-weight: bold; }
#DueAmount { font-size: 30px; font-weight: bold; color: #1e6fb8; }
#ChangeAmount { font-size: 44px; font-weight: bold; color: #2e7d32; }
#Banner { background: #fff4e0; color: #6b4200; border: 1px solid #f0c36d; border-radius: 6px; padding: 6px; }
#Refusal { font-size: 19px; font-weight: bold; padding: 12px; border-radius: 8px; }
#Refusal[tone="error"] { background: #fdecea; color: #8e1c1c; border: 1px solid #f1b0aa; }
#Refusal[tone="info"] { background: #e8f1fa; color: #174a7a; font-weight: normal; }
QPushButton#TenderKey { padding: 4px 2px; font-size: 15px; font-weight: bold; }
QPushButton#TenderKey:checked { background: #1e6fb8; color: #ffffff; border: none; }
QPushButton#QuickCash { padding: 4px 6px; min-width: 0px; }
"""


def _money(minor: int, currency: str = "CNY") -> str:
    return Money(minor, currency).format()


class CheckoutPage(Page):
    key = "checkout"
    order_shown = Signal(object)  # the CheckoutSession, once its order is on screen
    sale_completed = Signal(object)  # the CheckoutDone
    refusal_shown = Signal(str)  # the text, once on screen

    def __init__(self, terminal=None, bridge=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._terminal = terminal
        self._user = user
        self.session: CheckoutSession | None = None
        self.done = None
        self.busy = False
        self.state = "idle"
        self.balance_minor: int | None = None
        self._prepaid_pin: str | None = None  # the holder's PIN, from the balance check to the debit only
        self.pin_dialog: PrepaidPinDialog | None = None  # the open PIN dialog (tests drive it)
        self._manual_terminal = None
        self.manual_handler = QtManualApprovalHandler(self)
        self.setStyleSheet(LOCAL_STYLE)
        # keeps the platform's claim on an online order alive while it is on screen
        self.claim_timer = QTimer(self)
        self.claim_timer.setSingleShot(True)
        self.claim_timer.timeout.connect(self.renew_claim)
        self.claim_retry_s = 5.0
        # the drawer's open/closed switch, where it reports one, polled on the done page until closed
        self.drawer_timer = QTimer(self)
        self.drawer_timer.setInterval(1000)
        self.drawer_timer.timeout.connect(self._poll_drawer)
        self.drawer_open: bool | None = None
        self._drawer_seen_open = False
        self._drawer_polls = 0
        self._drawer_asking = False
        self._drawer_reports = False

        self.message = MessageLabel(self)
        self.message.setObjectName("Refusal")
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 0)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(6)
        self.progress.hide()
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self._shift_view())
        self.stack.addWidget(self._idle_view())
        self.stack.addWidget(self._order_view())
        self.stack.addWidget(self._done_view())
        self.card_requests: list = []  # open card requests (unknown outcome, or approved in no sale)
        self.card_alert = self._card_alert()
        self.content.addWidget(self.progress)
        self.content.addWidget(self.message)
        self.content.addWidget(self.card_alert)
        self.content.addWidget(self.stack, 1)

        for key, slot in ((Qt.Key.Key_F1, lambda: self.choose_tender("cash")),
                          (Qt.Key.Key_F2, lambda: self.choose_tender("prepaid")),
                          (Qt.Key.Key_F3, lambda: self.choose_tender("card")),
                          (Qt.Key.Key_Escape, self.cancel),
                          (Qt.Key.Key_F9, self.reprint)):
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
            shortcut.activated.connect(lambda s=slot: self.isVisible() and s())
        if bridge is not None:
            bridge.scan.connect(self._scanned)
        self._set_state("idle")
        self.retranslate_ui()

    # -- building ------------------------------------------------------------------------
    def _card(self, parent: QWidget) -> tuple[QFrame, QVBoxLayout]:
        card = QFrame(parent)
        card.setObjectName("Card")
        box = QVBoxLayout(card)
        box.setContentsMargins(20, 16, 20, 16)
        box.setSpacing(8)
        return card, box

    def _card_alert(self) -> QFrame:
        alert = QFrame(self)
        alert.setObjectName("Banner")
        row = QHBoxLayout(alert)
        row.setContentsMargins(10, 6, 10, 6)
        self.card_alert_label = QLabel(alert)
        self.card_alert_label.setObjectName("card_alert")
        self.card_alert_label.setWordWrap(True)
        self.card_check_button = QPushButton(alert)
        self.card_check_button.setObjectName("check_card_request")
        self.card_check_button.clicked.connect(self.check_card_request)
        self.card_refund_button = QPushButton(alert)
        self.card_refund_button.setObjectName("refund_card_request")
        self.card_refund_button.clicked.connect(self.refund_card_request)
        row.addWidget(self.card_alert_label, 1)
        row.addWidget(self.card_check_button)
        row.addWidget(self.card_refund_button)
        alert.hide()
        return alert

    def _shift_view(self) -> QWidget:
        view = QWidget(self)
        card, box = self._card(view)
        self.shift_note = QLabel(card)
        self.shift_note.setWordWrap(True)
        self.shift_note.setObjectName("PageLead")
        self.float_label = QLabel(card)
        self.float_label.setObjectName("FieldLabel")
        self.float_edit = QLineEdit(card)
        self.float_edit.setObjectName("opening_float")
        self.float_edit.returnPressed.connect(self.open_shift)
        self.open_shift_button = QPushButton(card)
        self.open_shift_button.setObjectName("Primary")
        self.open_shift_button.clicked.connect(self.open_shift)
        row = QHBoxLayout()
        row.addWidget(self.float_edit, 1)
        row.addWidget(self.open_shift_button)
        box.addWidget(self.shift_note)
        box.addWidget(self.float_label)
        box.addLayout(row)
        outer = QVBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        outer.addStretch(1)
        return view

    def _idle_view(self) -> QWidget:
        view = QWidget(self)
        card, box = self._card(view)
        self.prompt = QLabel(card)
        self.prompt.setObjectName("CheckoutPrompt")
        self.prompt.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.prompt.setWordWrap(True)
        self.order_hint = QLabel(card)
        self.order_hint.setObjectName("FieldLabel")
        self.order_edit = QLineEdit(card)
        self.order_edit.setObjectName("order_number")
        self.order_edit.returnPressed.connect(self.find_order)
        self.find_button = QPushButton(card)
        self.find_button.clicked.connect(self.find_order)
        row = QHBoxLayout()
        row.addWidget(self.order_edit, 1)
        row.addWidget(self.find_button)
        box.addSpacing(24)
        box.addWidget(self.prompt)
        box.addSpacing(24)
        box.addWidget(self.order_hint)
        box.addLayout(row)
        self.reprint_last_button = QPushButton(card)
        self.reprint_last_button.setObjectName("reprint_last")
        self.reprint_last_button.clicked.connect(self.reprint_last)
        last = QHBoxLayout()
        last.addStretch(1)
        last.addWidget(self.reprint_last_button)
        box.addSpacing(12)
        box.addLayout(last)
        outer = QVBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        outer.addStretch(1)
        return view

    def _order_view(self) -> QWidget:
        view = QWidget(self)
        left, lbox = self._card(view)
        self.merchant_label = QLabel(left)
        self.merchant_label.setObjectName("Merchant")
        self.merchant_label.setWordWrap(True)
        self.order_no_label = QLabel(left)
        self.order_no_label.setObjectName("OrderNo")
        self.expiry_label = QLabel(left)
        self.expiry_label.setObjectName("FieldLabel")
        self.expiry_label.setWordWrap(True)
        self.banner = QLabel(left)
        self.banner.setObjectName("Banner")
        self.banner.setWordWrap(True)
        self.banner.hide()
        self.lines = OrderLinesModel(self)
        self.lines_view = QTableView(left)
        self.lines_view.setModel(self.lines)
        self.lines_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines_view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.lines_view.verticalHeader().hide()
        header = self.lines_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        for w in (self.merchant_label, self.order_no_label, self.expiry_label, self.banner):
            lbox.addWidget(w)
        lbox.addWidget(self.lines_view, 1)

        right, rbox = self._card(view)
        right.setFixedWidth(340)
        grid = QGridLayout()
        self.total_caption = QLabel(right)
        self.total_caption.setObjectName("FieldLabel")
        self.total_label = QLabel(right)
        self.total_label.setObjectName("BigAmount")
        self.due_caption = QLabel(right)
        self.due_caption.setObjectName("FieldLabel")
        self.due_label = QLabel(right)
        self.due_label.setObjectName("DueAmount")
        for label in (self.total_label, self.due_label):
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        grid.addWidget(self.total_caption, 0, 0)
        grid.addWidget(self.total_label, 0, 1)
        grid.addWidget(self.due_caption, 1, 0)
        grid.addWidget(self.due_label, 1, 1)
        self.taken_label = QLabel(right)
        self.taken_label.setObjectName("FieldLabel")
        self.taken_label.setWordWrap(True)
        keys = QHBoxLayout()
        keys.setSpacing(6)
        self.tender_buttons: dict[str, QPushButton] = {}
        for kind in TENDER_PANELS:
            button = QPushButton(right)
            button.setObjectName("TenderKey")
            button.setCheckable(True)
            button.clicked.connect(lambda _=False, k=kind: self.choose_tender(k))
            keys.addWidget(button)
            self.tender_buttons[kind] = button
        self.panels = QStackedWidget(right)
        self.panels.addWidget(self._cash_panel(right))
        self.panels.addWidget(self._prepaid_panel(right))
        self.panels.addWidget(self._card_panel(right))
        self.cancel_button = QPushButton(right)
        self.cancel_button.setObjectName("cancel_checkout")
        self.cancel_button.clicked.connect(self.cancel)
        rbox.addLayout(grid)
        rbox.addWidget(self.taken_label)
        rbox.addLayout(keys)
        rbox.addWidget(self.panels)
        rbox.addStretch(1)
        rbox.addWidget(self.cancel_button)

        outer = QHBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        outer.addWidget(left, 1)
        outer.addWidget(right)
        return view

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
            button = QPushButton(_money(note).replace(".00", ""), panel)
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

    def _done_view(self) -> QWidget:
        view = QWidget(self)
        left, lbox = self._card(view)
        self.done_heading = QLabel(left)
        self.done_heading.setObjectName("Merchant")
        self.receipt_label = QLabel(left)
        self.receipt_label.setObjectName("OrderNo")
        self.change_caption = QLabel(left)
        self.change_caption.setObjectName("FieldLabel")
        self.change_label = QLabel(left)
        self.change_label.setObjectName("ChangeAmount")
        self.print_label = QLabel(left)
        self.print_label.setWordWrap(True)
        self.drawer_label = QLabel(left)
        self.drawer_label.setWordWrap(True)
        self.drawer_label.setObjectName("FieldLabel")
        self.reprint_button = QPushButton(left)
        self.reprint_button.clicked.connect(self.reprint)
        self.new_sale_button = QPushButton(left)
        self.new_sale_button.setObjectName("Primary")
        self.new_sale_button.setAutoDefault(True)
        self.new_sale_button.clicked.connect(self.new_sale)
        for w in (self.done_heading, self.receipt_label, self.change_caption, self.change_label, self.print_label,
                  self.drawer_label):
            lbox.addWidget(w)
        lbox.addStretch(1)
        buttons = QHBoxLayout()
        buttons.addWidget(self.reprint_button)
        buttons.addWidget(self.new_sale_button, 1)
        lbox.addLayout(buttons)
        self.preview_label = QLabel()
        self.preview_label.setObjectName("receipt_preview")
        self.preview_label.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.preview = QScrollArea(view)
        self.preview.setWidget(self.preview_label)
        self.preview.setWidgetResizable(True)
        self.preview.setFixedWidth(330)
        outer = QHBoxLayout(view)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(12)
        outer.addWidget(left, 1)
        outer.addWidget(self.preview)
        return view

    # -- texts ---------------------------------------------------------------------------
    def title(self) -> str:
        return self.tr("Checkout")

    def lead(self) -> str:
        return self.tr("Scan the buyer's payment code or order number, then take the payment.")

    def retranslate_content(self) -> None:
        self.shift_note.setText(self.tr("No shift is open at this terminal. Count the cash in the drawer and open a "
                                        "shift with that float to take payments."))
        self.float_label.setText(self.tr("Opening float (counted cash)"))
        self.open_shift_button.setText(self.tr("Open shift"))
        self.prompt.setText(self.tr("Scan the payment code"))
        self.order_hint.setText(self.tr("Or type the order number and press Enter"))
        self.order_edit.setPlaceholderText("PO000000000000")
        self.find_button.setText(self.tr("Find order"))
        self.reprint_last_button.setText(self.tr("F9 Reprint last receipt"))
        self.card_check_button.setText(self.tr("Check card payment"))
        self.card_refund_button.setText(self.tr("Refund it"))
        self._refresh_card_alert()
        self.total_caption.setText(self.tr("Total"))
        self.due_caption.setText(self.tr("Due"))
        self.tender_buttons["cash"].setText(self.tr("F1 Cash"))
        self.tender_buttons["prepaid"].setText(self.tr("F2 Prepaid"))
        self.tender_buttons["card"].setText(self.tr("F3 Card"))
        self.cash_edit.setPlaceholderText(self.tr("Cash handed over"))
        self.exact_button.setText(self.tr("Exact"))
        self.take_cash_button.setText(self.tr("Take cash (Enter)"))
        self.prepaid_card_edit.setPlaceholderText(self.tr("Scan or swipe the card"))
        self.prepaid_amount_edit.setPlaceholderText(self.tr("Amount from the card"))
        self.take_prepaid_button.setText(self.tr("Debit card (Enter)"))
        self.card_note.setText(self.tr("The buyer pays on the card terminal."))
        self.card_amount_edit.setPlaceholderText(self.tr("Amount to charge"))
        self.take_card_button.setText(self.tr("Charge card (Enter)"))
        self.resolve_button.setText(self.tr("Check again"))
        self.cancel_button.setText(self.tr("Esc Cancel order"))
        self.reprint_button.setText(self.tr("F9 Reprint"))
        self.new_sale_button.setText(self.tr("Next sale"))
        self.done_heading.setText(self.tr("Paid"))
        self.change_caption.setText(self.tr("Change due"))
        self._refresh_amounts()
        self._refresh_done()

    # -- state ---------------------------------------------------------------------------
    def _set_state(self, state: str) -> None:
        self.state = state
        self.stack.setCurrentIndex(STATES.index(state))
        self._refresh_card_alert()
        focus = {"shift": self.float_edit, "idle": self.order_edit, "done": self.new_sale_button}.get(state)
        if focus is not None and self.isVisible():
            focus.setFocus()

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        for w in (self.take_cash_button, self.take_prepaid_button, self.take_card_button, self.find_button,
                  self.cancel_button, self.open_shift_button, self.reprint_button, self.resolve_button,
                  self.reprint_last_button, self.card_check_button, self.card_refund_button):
            w.setEnabled(not busy)

    def show_refusal(self, text: str) -> None:
        self.message.show_message(text, "error")
        self.refusal_shown.emit(text)

    def show_info(self, text: str) -> None:
        self.message.show_message(text, "info")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._terminal is not None and self.state in ("idle", "shift") and not self.busy:
            self.check_shift()

    # -- shift -----------------------------------------------------------------------------
    def check_shift(self) -> None:
        terminal = self._terminal
        terminal_id = terminal.settings.terminal.terminal_id
        run_in_background(lambda: shifts.current_shift(terminal.uow(), terminal_id=terminal_id),
                          self._shift_checked, self._failed, context=self)
        self.load_card_requests()

    # -- card payments left open (unknown outcome, or approved with no sale), e.g. by a restart -----
    def load_card_requests(self) -> None:
        if self._terminal is None:
            return
        ctx = self._context()
        run_in_background(lambda: open_card_requests(ctx), self._card_requests_loaded, self._failed, context=self)

    def _card_requests_loaded(self, requests) -> None:
        self.card_requests = list(requests)
        self._refresh_card_alert()

    def _refresh_card_alert(self) -> None:
        first = self.card_requests[0] if self.card_requests else None
        if first is None or self.state not in ("idle", "shift"):
            self.card_alert.hide()
            return
        amount = _money(first.amount_minor, first.currency)
        if first.unknown:
            text = fill(self.tr("A card payment of %1 for order %2 has an unknown outcome: check the card terminal, "
                                "then press Check card payment. Do not charge that buyer again until it is known."),
                        amount, first.order_no)
        else:
            text = fill(self.tr("A card payment of %1 for order %2 was approved (card ****%3) but no sale records "
                                "it: the buyer was charged. Scan that order again to complete its sale with this "
                                "payment, or refund it."), amount, first.order_no, first.card_last4 or "")
        more = len(self.card_requests) - 1
        if more:
            text += " " + fill(self.tr("(%1 more after this one)"), str(more))
        self.card_alert_label.setText(text)
        self.card_check_button.setVisible(first.unknown)
        self.card_refund_button.setVisible(not first.unknown)
        self.card_alert.show()

    def check_card_request(self) -> None:
        if self.busy or not self.card_requests:
            return
        ctx, request_id = self._context(), self.card_requests[0].request_id
        self._set_busy(True)
        self.show_info(self.tr("Asking the card terminal…"))
        run_in_background(lambda: resolve_card_request(ctx, request_id), self._card_request_resolved,
                          self._card_request_failed, context=self)

    def _card_request_resolved(self, view) -> None:
        self._set_busy(False)
        amount = _money(view.amount_minor, view.currency)
        if view.state == "approved":
            self.show_info(fill(self.tr("The card terminal approved the card payment of %1 for order %2 (card ****%3): "
                                        "the buyer was charged. Scan that order again to complete its sale with "
                                        "this payment, or refund it."), amount, view.order_no, view.card_last4 or ""))
        else:
            self.show_info(fill(self.tr("The card payment of %1 for order %2 was not charged. Cleared."),
                                amount, view.order_no))
        self.load_card_requests()

    def _card_request_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_refusal(self.refusal_text(exc))
        self.load_card_requests()

    def refund_card_request(self) -> None:
        if self.busy or not self.card_requests:
            return
        first = self.card_requests[0]
        ctx = self._context()
        done = ManagerApprovalDialog.approve_and_run(
            self, self._terminal, fill(self.tr("Refund the card payment of %1 for order %2 to card ****%3."),
                                       _money(first.amount_minor, first.currency), first.order_no,
                                       first.card_last4 or ""),
            lambda approver: refund_card_request(ctx, first.request_id, approver))
        if done is None:
            return
        done.deliver(self._card_request_refunded, self._card_request_failed)

    def _card_request_refunded(self, view) -> None:
        self._set_busy(False)
        self.show_info(fill(self.tr("Refunded %1 to card ****%2 (order %3)."), _money(view.amount_minor, view.currency),
                            view.card_last4 or "", view.order_no))
        self.load_card_requests()

    def _shift_checked(self, shift) -> None:
        if self.state in ("idle", "shift"):
            self._set_state("idle" if shift is not None else "shift")

    def open_shift(self) -> None:
        if self.busy:
            return
        terminal = self._terminal
        currency = terminal.settings.terminal.currency
        try:
            amount = Money.parse(self.float_edit.text() or "0", currency)
        except MoneyError:
            self.show_refusal(self.tr("Type the counted float as an amount, e.g. 200 or 200.50."))
            return
        if amount.is_negative:
            self.show_refusal(self.tr("The float cannot be negative."))
            return
        user = self._user
        self._set_busy(True)
        # the shift gets its business date, the day-closed check and its audit entry (services.cash)
        run_in_background(lambda: cash.open_shift(terminal.day_context(), user=user, opening_float_minor=amount.minor),
                          self._shift_opened, self._failed, context=self)

    def _shift_opened(self, info) -> None:
        self._set_busy(False)
        self.float_edit.clear()
        self.show_info(fill(self.tr("Shift open with a float of %1."),
                            Money(info.opening_float_minor, self._terminal.settings.terminal.currency).format()))
        if self.session is not None and self.done is None and not self.session.cancelled:
            self._set_state("order")  # a sale refused for want of a shift goes on
            if self.session.covered:
                self.complete()
        else:
            self._set_state("idle")

    # -- scanning and finding the order --------------------------------------------------------
    def _scanned(self, event) -> None:
        if not self.isVisible() or self._terminal is None:
            return
        code = classify(event.text)
        if self.state == "order":
            if code.kind is ScanKind.PREPAID_CARD:
                if self.pin_dialog is not None:  # the holder is keying in the PIN of the card on screen
                    return
                self.choose_tender("prepaid")
                self.prepaid_card_edit.setText(code.value)
                self.check_balance()
            elif code.is_payment_code:
                self.show_refusal(self.tr("Another payment code was scanned. Finish or cancel the current order "
                                          "first (Esc)."))
            else:
                self.show_refusal(self._scan_kind_text(code.kind))
            return
        if self.state == "shift":
            self.show_refusal(self.tr("Open a shift first: type the counted float and press Enter."))
            return
        if self.busy:
            return
        self.resolve(event.text)

    def find_order(self) -> None:
        text = self.order_edit.text().strip()
        if text and not self.busy:
            self.resolve(text)

    def resolve(self, text: str) -> None:
        if self.state == "done":
            self.new_sale()
        self._set_busy(True)
        self.message.clear_message()
        terminal, ctx = self._terminal, self._context()

        def work():
            session = CheckoutSession(terminal.resolve_payment_code(text), ctx)
            return session, session.adopt_card_requests()  # card payments for it left by a restart

        run_in_background(work, self._resolved, self._resolve_failed, context=self)

    def _resolved(self, result) -> None:
        session, adopted = result
        target = session.target
        self._set_busy(False)
        self.order_edit.clear()
        self.session = session
        self.done = None
        order = target.order
        self.merchant_label.setText(order.merchant_name)
        self.order_no_label.setText(order.order_no)
        if target.expires_at is not None:
            local = target.expires_at.astimezone(self._zone())
            self.expiry_label.setText(fill(self.tr("Payment code valid until %1"), local.strftime("%Y-%m-%d %H:%M")))
        else:
            self.expiry_label.setText("")
        if target.offline:
            self.banner.setText(self.tr("Offline payment: the platform cannot be reached. The signed code is valid; "
                                        "the payment is sent when the connection is back."))
            self.banner.setToolTip(self.tr("If the order was paid elsewhere meanwhile, the platform refunds the "
                                           "buyer."))
            self.banner.show()
        else:
            self.banner.hide()
        self.lines.set_order(order)
        self._set_state("order")
        self._refresh_amounts()
        self.choose_tender("cash")
        self._schedule_claim_renewal()
        self.resolve_button.setVisible(session.unresolved_card is not None)
        if adopted:
            self.show_info(fill(self.tr("A card payment approved earlier for this order is applied: %1."),
                                "; ".join(f"****{t.card_last4} {_money(t.amount_minor, session.currency)}"
                                          for t in adopted)))
        elif session.unresolved_card is not None:
            self.choose_tender("card")
            self.show_refusal(self.tr("A card payment for this order has an unknown outcome. Do NOT charge again: "
                                      "press Check again to ask the card terminal."))
        self.order_shown.emit(self.session)
        if session.covered:
            self.complete()

    def _resolve_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_refusal(self.refusal_text(exc))
        if self.state == "idle":
            self.order_edit.selectAll()
            self.order_edit.setFocus()

    # -- tenders -----------------------------------------------------------------------------
    def choose_tender(self, kind: str) -> None:
        if self.state != "order" or self.session is None:
            return
        self.panels.setCurrentIndex(TENDER_PANELS.index(kind))
        for k, button in self.tender_buttons.items():
            button.setChecked(k == kind)
        remaining = _money(self.session.remaining_minor, self.session.currency).lstrip("¥").replace(",", "")
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
            self.show_refusal(self.tr("Type an amount, e.g. 50 or 12.50."))
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
            self.change_preview.setText(fill(self.tr("Change: %1"), _money(change, self.session.currency)))
        else:
            self.change_preview.setText(fill(self.tr("Still due after this: %1"),
                                             _money(-change, self.session.currency)))

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

    def _forget_pin(self, *_args) -> None:
        self._prepaid_pin = None

    def _card_last4(self) -> str | None:
        """The typed or swiped card's last four digits, or None (the refusal shown)."""
        try:
            return CheckoutSession.card_number(self.prepaid_card_edit.text())[-4:]
        except DomainError as exc:
            self.show_refusal(self.refusal_text(exc))
            return None

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
                self.show_info(self.tr("No PIN keyed in: nothing was taken from the card."))
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
        self._tender_failed(exc)

    def _balance_shown(self, balance: int, pin: str | None = None) -> None:
        self._set_busy(False)
        self._prepaid_pin = pin  # for the debit that follows; dropped then, or when the card changes
        self.balance_minor = balance
        last4 = CheckoutSession.card_number(self.prepaid_card_edit.text())[-4:]
        self.balance_label.setText(fill(self.tr("Card ****%1 · balance %2"), last4,
                                        _money(balance, self.session.currency)))
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
        self.show_info(self.tr("Debiting the prepaid card…"))
        run_in_background(lambda: session.take_prepaid(text, amount, pin), self._tender_taken,
                          lambda exc: self._prepaid_failed(exc, lambda keyed: self._run_debit(amount, keyed)),
                          context=self)

    def _card_terminal(self):
        devices = self._terminal.devices
        terminal = getattr(devices, "card_terminal", None) or getattr(devices, "extra", {}).get("card_terminal")
        if terminal is None and getattr(self._terminal.settings, "card_terminal", None) is not None \
                and self._terminal.settings.card_terminal.kind == "manual":
            if self._manual_terminal is None:
                from drivers.card_terminal import ManualCardTerminal

                self._manual_terminal = ManualCardTerminal(self.manual_handler, clock=self._terminal.clock)
                self._manual_terminal.open()
            terminal = self._manual_terminal
        if terminal is not None and hasattr(terminal, "handler") and terminal.handler is not self.manual_handler:
            terminal.handler = self.manual_handler  # a standalone terminal asks the cashier through this screen
        return terminal

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
        session.ctx.card_terminal = self._card_terminal()
        self._set_busy(True)
        self.show_info(self.tr("Waiting for the card terminal… the buyer presents the card."))
        run_in_background(lambda: session.take_card(amount), self._tender_taken, self._tender_failed, context=self)

    def resolve_card(self) -> None:
        if self.busy or self.session is None:
            return
        session = self.session
        self._set_busy(True)
        self.show_info(self.tr("Asking the card terminal…"))
        run_in_background(session.resolve_card, self._tender_taken, self._tender_failed, context=self)

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

    # -- completing ----------------------------------------------------------------------------
    def complete(self) -> None:
        session = self.session
        self.claim_timer.stop()

        def work():
            done = session.complete()
            image = preview_image(done.document) if done.document is not None else None
            return done, image

        self._set_busy(True)
        self.show_info(self.tr("Recording the sale…"))
        run_in_background(work, self._completed, self._complete_failed, context=self)

    def _completed(self, result) -> None:
        done, image = result
        self._set_busy(False)
        self.message.clear_message()
        self.done = done
        if image is not None:
            self._show_preview(image)
        self._set_state("done")
        self._watch_drawer(done)
        self._refresh_done()
        self.sale_completed.emit(done)

    # -- the drawer's state (where the drawer reports it) ---------------------------------------------
    def _watch_drawer(self, done) -> None:
        self.drawer_timer.stop()
        self.drawer_open, self._drawer_seen_open, self._drawer_polls = None, False, 0
        drawer = self._terminal.devices.drawer if self._terminal is not None else None
        self._drawer_reports = bool(drawer is not None and getattr(drawer, "reports_state", False))
        if done.drawer_kicked and self._drawer_reports:
            self.drawer_timer.start()
            self._poll_drawer()

    def _poll_drawer(self) -> None:
        if self.state != "done":
            self.drawer_timer.stop()
            return
        if self._drawer_asking:
            return
        drawer = self._terminal.devices.drawer
        self._drawer_asking = True
        run_in_background(drawer.is_open, self._drawer_state, self._drawer_state_failed, context=self)

    def _drawer_state(self, is_open) -> None:
        self._drawer_asking = False
        self._drawer_polls += 1
        if self.state != "done":
            self.drawer_timer.stop()
            return
        if is_open is None:  # the switch does not answer: say nothing rather than guess
            self.drawer_timer.stop()
            self._drawer_reports = False
            self._refresh_done()
            return
        self.drawer_open = bool(is_open)
        self._drawer_seen_open = self._drawer_seen_open or self.drawer_open
        # closed: done once it was seen open (or it never opened after a few polls)
        if not self.drawer_open and (self._drawer_seen_open or self._drawer_polls >= 3):
            self.drawer_timer.stop()
        self._refresh_done()

    def _drawer_state_failed(self, exc: BaseException) -> None:
        self._drawer_asking = False
        self._drawer_polls += 1
        log.info("drawer state not read", extra={"error": str(exc)})
        if self._drawer_polls >= 3 and not self._drawer_seen_open:
            self.drawer_timer.stop()

    def _complete_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_refusal(self.refusal_text(exc))
        self._schedule_claim_renewal()  # still on the order (e.g. no shift): keep it held

    # -- the platform's claim on the order --------------------------------------------------------
    def _schedule_claim_renewal(self, retry: bool = False) -> None:
        """Renews at about half the claim's time; a failed renewal retries sooner."""
        session = self.session
        if session is None or not session.renews_claim or self.state != "order":
            self.claim_timer.stop()
            return
        ttl = float(session.ctx.claim_ttl_s)
        remaining = (session.target.claimed_until - self._terminal.clock.now()).total_seconds()
        delay = min(ttl / 2, remaining / 2)
        if retry:
            delay = min(delay, self.claim_retry_s)
        self.claim_timer.start(int(max(delay, 1.0) * 1000))

    def renew_claim(self) -> None:
        session = self.session
        if session is None or not session.renews_claim:
            return
        run_in_background(session.renew_claim, lambda _t, s=session: self._claim_renewed(s),
                          lambda exc, s=session: self._claim_renewal_failed(s, exc), context=self)

    def _claim_renewed(self, session) -> None:
        if session is self.session:
            self._schedule_claim_renewal()

    def _claim_renewal_failed(self, session, exc: BaseException) -> None:
        if session is not self.session:
            return
        if isinstance(exc, CheckoutRefused) and exc.reason == "claim_lost":
            self.claim_timer.stop()
            text = self.refusal_text(exc)
            self.banner.setText(text)
            self.banner.setToolTip("")
            self.banner.show()
            self.show_refusal(text)
            return
        log.info("claim renewal failed; retrying", extra={"error": getattr(exc, "message", str(exc))})
        self._schedule_claim_renewal(retry=True)

    def _show_preview(self, image) -> None:
        pixmap = QPixmap.fromImage(image)
        width = self.preview.width() - 24
        if pixmap.width() > width > 0:
            pixmap = pixmap.scaledToWidth(width, Qt.TransformationMode.SmoothTransformation)
        self.preview_label.setPixmap(pixmap)

    def _ask_copy_reason(self) -> str | None:
        reasons = [self.tr("The buyer asked for a copy"), self.tr("The receipt was damaged"), self.tr("Other")]
        reason, ok = QInputDialog.getItem(self, self.tr("Reprint a copy"), self.tr("Why is a copy printed?"),
                                          reasons, 0, False)
        return reason if ok else None

    def reprint(self) -> None:
        if self.state == "idle" and not self.busy:
            self.reprint_last()
            return
        if self.state != "done" or self.session is None or self.busy:
            return
        reason = ""
        if self.done is not None and self.done.printed:
            reason = self._ask_copy_reason()
            if reason is None:
                return
        session = self.session
        self._set_busy(True)
        run_in_background(lambda: session.print_receipt(reason), self._reprinted, self._reprint_failed, context=self)

    def _reprinted(self, done) -> None:
        self._set_busy(False)
        copy = self.done is not None and self.done.printed
        self.done = done
        self._refresh_done()
        if not copy and not done.printed:  # the original: printed only when the printer confirmed it
            self.show_refusal(self._still_pending_text(done.sale.receipt_no, done.print_error))
            return
        self.show_info(self.tr("Copy printed.") if copy else self.tr("Receipt printed."))

    def _reprint_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        params = getattr(exc, "params", {}) or {}
        if getattr(exc, "reason", None) == "print_failed" and params.get("original"):
            self.show_refusal(self._still_pending_text(params.get("receipt_no"), getattr(exc, "message", str(exc))))
            return
        if getattr(exc, "reason", None) == "print_failed":
            self.show_refusal(fill(self.tr("The copy was not printed: %1"),
                                   self._printer_cause(getattr(exc, "message", str(exc)))))
            return
        self.show_refusal(fill(self.tr("The receipt was not printed: %1"), str(exc)))

    def _still_pending_text(self, receipt_no, error: str | None) -> str:
        number = f"{receipt_no:06d}" if isinstance(receipt_no, int) else ""
        return fill(self.tr("Receipt %1 was NOT printed and is still pending: %2. Fix the printer, then press F9 to "
                            "print the original."), number, self._printer_cause(error))

    def _printer_cause(self, error: str | None) -> str:
        """Why the printer did not print, in the cashier's language where it is a known fault."""
        text = (error or "").strip()
        causes = (("paper end", self.tr("paper end: load paper")),
                  ("cover open", self.tr("cover open: close the cover")),
                  ("offline", self.tr("the printer is offline: check its error light")),
                  ("no answer", self.tr("no answer from the printer: check that it is on and not jammed")))
        for prefix, translated in causes:
            if text.startswith(prefix):
                return translated
        return text or self.tr("the printer did not confirm it")

    # -- the last receipt from storage (e.g. after a restart) ------------------------------------
    def reprint_last(self) -> None:
        """F9 on the idle page: the terminal's last sale receipt, rebuilt from the database; a
        pending one prints as the original, a printed one as a copy (a reason is asked and logged)."""
        if self.busy or self._terminal is None or self.state != "idle":
            return
        ctx = self._context()
        self._set_busy(True)
        self.message.clear_message()
        run_in_background(lambda: last_sale_receipt(ctx), lambda stored: self._last_receipt_found(ctx, stored),
                          self._reprint_failed, context=self)

    def _last_receipt_found(self, ctx, stored) -> None:
        self._set_busy(False)
        if stored is None:
            self.show_refusal(self.tr("This terminal has no sale receipt to print yet."))
            return
        reason = ""
        if stored.prints_as_copy:
            reason = self._ask_copy_reason()
            if reason is None:
                return
        receipt_no = stored.info.receipt_no
        self._set_busy(True)
        run_in_background(lambda: reprint_last_receipt(ctx, reason, receipt_no=receipt_no), self._last_reprinted,
                          self._reprint_failed, context=self)

    def _last_reprinted(self, result) -> None:
        stored, _document = result
        self._set_busy(False)
        number = f"{stored.info.receipt_no:06d}"
        if stored.prints_as_copy:
            self.show_info(fill(self.tr("Copy of receipt %1 printed."), number))
        else:
            self.show_info(fill(self.tr("Receipt %1 printed (it had not been printed before)."), number))

    def new_sale(self) -> None:
        self.claim_timer.stop()
        self.drawer_timer.stop()  # the next sale starts whatever the drawer does
        self.drawer_open = None
        if self.session is not None:
            self.load_card_requests()
        self.session = None
        self.done = None
        self.balance_minor = None
        self._prepaid_pin = None
        self.lines.set_order(None)
        self.preview_label.clear()
        self.message.clear_message()
        self._set_state("idle")

    # -- cancelling ------------------------------------------------------------------------------
    def cancel(self) -> None:
        if self.busy:
            return
        if self.state == "done":
            self.new_sale()
            return
        if self.state != "order" or self.session is None:
            self.order_edit.clear()
            self.message.clear_message()
            return
        session = self.session
        if session.needs_manager_to_cancel:
            # the void runs on the worker that records the manager's approval, right after it
            done = ManagerApprovalDialog.approve_and_run(
                self, self._terminal,
                fill(self.tr("Cancel order %1: the payments taken (%2) are given back."),
                     session.target.order.order_no, _money(session.paid_minor, session.currency)),
                lambda approver: session.cancel(approver))
            if done is None:
                return
            done.deliver(self._cancelled, self._tender_failed)
            return
        self._set_busy(True)
        run_in_background(lambda: session.cancel(None), self._cancelled, self._tender_failed, context=self)

    def _cancelled(self, reversed_) -> None:
        self._set_busy(False)
        self.claim_timer.stop()
        self.new_sale()
        if reversed_:
            self.show_info(fill(self.tr("Order cancelled. Given back: %1"), "; ".join(reversed_)))
        else:
            self.show_info(self.tr("Order cancelled."))

    # -- showing amounts -----------------------------------------------------------------------------
    def _refresh_amounts(self) -> None:
        s = self.session
        if s is None:
            return
        self.total_label.setText(_money(s.total_minor, s.currency))
        self.due_label.setText(_money(s.remaining_minor, s.currency))
        names = {TenderKind.CASH: self.tr("Cash"), TenderKind.PREPAID_CARD: self.tr("Prepaid card"),
                 TenderKind.BANK_CARD: self.tr("Bank card")}
        lines = []
        for t in s.tenders:
            name = names[t.kind] + (f" ****{t.card_last4}" if t.card_last4 else "")
            lines.append(f"{name}  {_money(t.amount_minor, s.currency)}")
        self.taken_label.setText("\n".join(lines))
        self.taken_label.setVisible(bool(lines))

    def _refresh_done(self) -> None:
        done = self.done
        if done is None:
            return
        self.receipt_label.setText(fill(self.tr("Receipt %1"), f"{done.sale.receipt_no:06d}"))
        if done.sale.cash.minor == 0:  # no cash: nothing to give back, say what was paid
            self.change_caption.setText(self.tr("Amount paid"))
            self.change_label.setText(done.sale.total.format())
        else:
            self.change_caption.setText(self.tr("Change due"))
            self.change_label.setText(done.sale.change.format())
        if done.printed:
            self.print_label.setText(self.tr("Receipt printed."))
            self.print_label.setStyleSheet("color: #2e7d32;")
        else:
            self.print_label.setText(fill(self.tr("Printer: %1 — the receipt is kept for reprint (F9)."),
                                          self._printer_cause(done.print_error)))
            self.print_label.setStyleSheet("color: #c62828; font-weight: bold;")
        # drawer_kicked: the printer confirmed the pulse (a refused or unconfirmed one is drawer_error)
        if done.drawer_kicked and self.drawer_open:
            self.drawer_label.setText(self.tr("Drawer open"))
            self.drawer_label.setStyleSheet("color: #b26a00; font-weight: bold;")
        elif done.drawer_kicked and self.drawer_open is False and self._drawer_seen_open:
            self.drawer_label.setText(self.tr("Drawer closed"))
            self.drawer_label.setStyleSheet("")
        elif done.drawer_kicked and self.drawer_open is False and self._drawer_polls >= 3:
            self.drawer_label.setText(self.tr("The drawer was sent the signal to open but its switch still says "
                                              "closed: check the drawer."))
            self.drawer_label.setStyleSheet("color: #b26a00; font-weight: bold;")
        elif done.drawer_kicked and self._drawer_reports:
            self.drawer_label.setText(self.tr("Drawer opened."))
            self.drawer_label.setStyleSheet("")
        elif done.drawer_kicked:
            self.drawer_label.setText(self.tr("Drawer opened (this drawer does not report when it is closed)."))
            self.drawer_label.setStyleSheet("")
        elif done.drawer_error:
            self.drawer_label.setText(fill(self.tr("Drawer did not open (%1): open it with the key."),
                                           self._printer_cause(done.drawer_error)))
        else:
            self.drawer_label.setText("")

    # -- plumbing --------------------------------------------------------------------------------------
    def _zone(self):
        from zoneinfo import ZoneInfo

        return ZoneInfo(self._terminal.settings.terminal.timezone)

    def _context(self) -> CheckoutContext:
        t = self._terminal
        ids = t.settings.terminal
        paper = t.settings.printer.paper_width_mm
        return CheckoutContext(
            t.uow, t.clock, ids.terminal_id, ids.store_id, ids.store_name, ids.timezone,
            self._user.user_id, self._user.display_name, t.platform, self._card_terminal(),
            t.devices.printer, t.devices.drawer,
            render_receipt=lambda info: sale_receipt_document(info, language="zh_CN", paper_width_mm=paper),
            after_commit=t.wake_sync, claim_ttl_s=t.settings.platform.claim_ttl_s)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_refusal(self.refusal_text(exc))

    def _scan_kind_text(self, kind: ScanKind) -> str:
        if kind is ScanKind.PRODUCT_BARCODE:
            return self.tr("That is a product barcode, not an order. Scan the payment code on the buyer's phone.")
        if kind is ScanKind.ITEM_CODE:
            return self.tr("That is an item code from a receipt: returns are taken on the Refunds page.")
        if kind is ScanKind.PREPAID_CARD:
            return self.tr("That is a prepaid card. Scan the order first, then choose F2 Prepaid to pay with it.")
        return self.tr("This code is not one this terminal reads. Scan the payment QR code or the order number.")

    def _claim_lost_text(self, params: dict) -> str:
        cause = params.get("cause")
        if cause == "order_claimed":
            return fill(self.tr("This order is now being paid at another counter (%1). Take no more payment here: "
                                "press Esc to cancel; anything taken is given back."),
                        f"{params.get('store_id')}/{params.get('terminal_id')}")
        if cause == "already_paid":
            return self.tr("This order has been paid elsewhere meanwhile. Take no more payment here: press Esc to "
                           "cancel; anything taken is given back.")
        if cause == "claim_lifetime_exceeded":
            return self.tr("This counter has held this order as long as the platform allows. Take no more payment "
                           "here: press Esc to cancel; anything taken is given back. Another counter can take the "
                           "order now, this one after a few minutes.")
        return self.tr("The platform no longer holds this order for this counter (expired or cancelled). Take no "
                       "more payment here: press Esc to cancel; anything taken is given back.")

    def refusal_text(self, exc: BaseException) -> str:
        """The translated text for a refusal; the English message goes to the log."""
        params = getattr(exc, "params", {}) or {}
        log.info("checkout refusal", extra={"error": getattr(exc, "message", str(exc)),
                                            "code": getattr(exc, "code", type(exc).__name__)})
        if isinstance(exc, PaymentCodeRefused):
            reason = exc.reason
            if reason == "not_a_payment_code":
                try:
                    return self._scan_kind_text(ScanKind(params.get("kind", "unknown")))
                except ValueError:
                    return self._scan_kind_text(ScanKind.UNKNOWN)
            texts = {
                "voucher_expired": self.tr("This payment code has expired. Ask the buyer to open the order again "
                                           "for a new code."),
                "voucher_bad_signature": self.tr("This payment code was altered or is not from the platform. Do not "
                                                 "take payment for it."),
                "voucher_unknown_key": self.tr("This payment code is signed with a key this terminal does not know "
                                               "yet. Connect to the platform, or ask for the order number."),
                "voucher_malformed": self.tr("This payment code is damaged or not a payment code. Scan it again."),
                "voucher_too_long": self.tr("This payment code is longer than any real one. Do not take payment "
                                            "for it."),
                "voucher_not_yet_valid": self.tr("This payment code is dated in the future: check this terminal's "
                                                 "clock."),
                "order_claimed": fill(self.tr("This order is being paid at another counter (%1). Wait, or ask that "
                                              "counter to cancel."),
                                      f"{params.get('store_id')}/{params.get('terminal_id')}"),
                "order_expired": self.tr("This order has expired. The buyer must order again."),
                "order_cancelled": self.tr("The shop cancelled this order. It cannot be paid."),
                "unknown_order": self.tr("The platform does not know this order. Check the code with the buyer."),
                "needs_platform": self.tr("An order number or link can only be paid online, and the platform cannot "
                                          "be reached. Ask the buyer to show the payment QR code, which works "
                                          "offline."),
                "amount_mismatch": self.tr("The platform and the payment code disagree on the amount. Ask the buyer "
                                           "to open the order again."),
                "claim_lifetime_exceeded": self.tr("This counter has held this order as long as the platform allows. "
                                                   "Another counter can take it now; this one only after a few "
                                                   "minutes."),
                "too_many_claims": self.tr("This counter already holds as many open orders as the platform allows. "
                                           "Finish or cancel one of them first."),
                "credential_locked": self.tr("The platform refuses this terminal's credential for now (too many "
                                             "failed sign-ins). Ask the technician to check the terminal's secret; "
                                             "it is accepted again after a while."),
            }
            return texts.get(reason, fill(self.tr("The platform refused this order: %1"), exc.message))
        if isinstance(exc, AlreadyPaid):
            where = params.get("where")
            if where == "here":
                receipt = params.get("receipt_no")
                if receipt:
                    return fill(self.tr("This order was already paid at this terminal (receipt %1). Do not take "
                                        "money twice."), f"{receipt:06d}")
                return self.tr("This order was already paid at this terminal. Do not take money twice.")
            if where == "online":
                return self.tr("The buyer already paid this order online. Do not take money twice.")
            return self.tr("This order was already paid elsewhere. Do not take money twice.")
        if isinstance(exc, NoOpenShift):
            self._set_state("shift")
            return self.tr("No shift is open: open one with the counted float, then take the payment again.")
        if isinstance(exc, CheckoutRefused):
            cur = self.session.currency if self.session is not None else "CNY"
            reason = exc.reason
            if reason == "claim_lost":
                return self._claim_lost_text(params)
            if reason == "prepaid_balance_short":
                balance = params.get("balance_minor")
                if balance is not None:
                    return fill(self.tr("Prepaid card %1 holds only %2. Take that amount and the rest another way."),
                                params.get("card", ""), _money(int(balance), cur))
                return self.tr("The prepaid card's balance is too low for this amount.")
            texts = {
                "card_declined": self.tr("Card declined. The card was not charged; ask for another card or tender."),
                "card_not_charged": self.tr("The card terminal did not charge the card (not reachable or refused). "
                                            "Check it and try again."),
                "card_cancelled": self.tr("Card payment cancelled. Nothing was charged."),
                "card_outcome_unknown": self.tr("The card terminal stopped answering during the payment. Look at its "
                                                "screen and do NOT charge again: press Check again once it is back."),
                "no_card_terminal": self.tr("No card terminal is set up at this counter. Take another tender."),
                "prepaid_offline": self.tr("Prepaid cards need the platform, which cannot be reached now. Take "
                                           "another tender, or retry the same card and amount."),
                "prepaid_pending": fill(self.tr("The last debit from card %1 has an unknown outcome. Retry that same "
                                                "card and amount first."), params.get("card", "")),
                "prepaid_unknown_card": self.tr("The platform does not know this prepaid card."),
                "prepaid_blocked": self.tr("This prepaid card is blocked."),
                "prepaid_refused": self.tr("The platform refused this prepaid card."),
                "prepaid_wrong_pin": fill(self.tr("Wrong PIN: %1 attempts left. Nothing was taken from the card."),
                                          str(params.get("attempts_left", "?"))),
                "prepaid_pin_locked": self.tr("This prepaid card is locked after too many wrong PINs. Take another "
                                              "tender; the card holder asks the card's issuer to unlock it."),
                "prepaid_pin_invalid": self.tr("The PIN is 4 to 6 digits. Ask the card holder to key it in again."),
                "prepaid_pin_not_set": self.tr("This prepaid card has no PIN yet and cannot be spent. Take another "
                                               "tender."),
                "invalid_card_number": self.tr("That is not a prepaid card number. Scan or swipe the card, or type its "
                                               "16 digits starting with 88."),
                "over_amount": self.tr("That is more than is still due."),
                "not_covered": self.tr("The payments do not cover the total yet."),
                "needs_manager": self.tr("Payments were taken: a manager must approve the cancel."),
                "void_failed": fill(self.tr("Not everything could be given back: %1"), exc.message),
                "busy": self.tr("Still working on the previous step. Wait a moment."),
                "card_earlier_approved": fill(self.tr("An earlier card payment of %1 for order %2 was approved (card "
                                                      "%3): that buyer was charged. Scan that order to complete its "
                                                      "sale, or refund it from the start screen. Then charge this "
                                                      "card again."),
                                              _money(int(params.get("amount_minor") or 0), params.get("currency") or cur),
                                              str(params.get("order_no", "")), str(params.get("card", ""))),
                "card_earlier_unknown": fill(self.tr("An earlier card payment of %1 for order %2 still has an unknown "
                                                     "outcome. Check the card terminal before charging another card."),
                                             _money(int(params.get("amount_minor") or 0),
                                                    params.get("currency") or cur),
                                             str(params.get("order_no", ""))),
                "print_failed": fill(self.tr("The receipt was not printed: %1"), exc.message),
            }
            return texts.get(reason, exc.message)
        if isinstance(exc, DomainError):
            return exc.message
        log.error("checkout step failed", exc_info=exc)
        return fill(self.tr("Something went wrong: %1. Try again; if it keeps happening, call the technician."),
                    str(exc) or type(exc).__name__)
