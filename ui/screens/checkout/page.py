"""Checkout: scan the buyer's payment code, take cash, prepaid card or bank card (in any mix),
record the sale, print the receipt and open the drawer.

Keyboard-first: F1 cash, F2 prepaid card, F3 bank card, Esc cancel, F9 reprint (on the idle page:
the terminal's last receipt from the database); Enter confirms the field in focus. While an online
order is on screen its platform claim is renewed by a timer; at start the page shows card
payments left open (unknown outcome, or approved with no sale) and resolves or refunds them; on
the done page a drawer that reports its switch is shown open or closed. A scan arrives through the
Bridge and does the obvious thing for the state the page is in. Every device, platform and
database call runs in run_in_background; the checkout rules live in pos_terminal.services.checkout.

The page is composed of its parts (this package): views (the four views and the order and tender
summaries), tender_panels, card_alert, claim_keeper, drawer_watch (mixins on this class, sharing its
state), and refusal_texts (pure functions: an error to the cashier's text).
"""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QInputDialog, QProgressBar, QWidget

from pos_terminal.domain.errors import NoOpenShift
from pos_terminal.money import Money, MoneyError, format_money
from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.services.checkout import (
    CheckoutContext,
    CheckoutSession,
)
from ui.dialogs.manager_approval import ManagerApprovalDialog
from ui.dialogs.tender_dialogs import PrepaidPinDialog, QtManualApprovalHandler
from ui.receipt_preview import preview_image
from ui.screens.base import Page
from ui.screens.checkout import refusal_texts
from ui.screens.checkout.card_alert import CardAlert
from ui.screens.checkout.claim_keeper import ClaimKeeper
from ui.screens.checkout.drawer_watch import DrawerWatch
from ui.screens.checkout.refusal_texts import printer_cause, scan_kind_text, still_pending_text
from ui.screens.checkout.tender_panels import TenderPanels
from ui.screens.checkout.views import CheckoutViews, ViewStack
from ui.tasks import run_in_background
from ui.texts import fill
from ui.widgets import MessageLabel

log = logging.getLogger("ui.screens.checkout")

STATES = ("shift", "idle", "order", "done")

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


class _BusyStrip(QWidget):
    """A strip of fixed height holding the busy bar outside any layout, so showing or hiding the
    bar lays out nothing else on the page. The bar shows once a step has run for SHOW_AFTER_MS: a
    scan resolved in a few milliseconds neither flashes it nor pays for drawing and animating it
    (about a millisecond each time). `went_long` is emitted as the bar shows."""

    SHOW_AFTER_MS = 150
    went_long = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setFixedHeight(6)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setTextVisible(False)
        self.bar.hide()
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(self.SHOW_AFTER_MS)
        self._delay.timeout.connect(self.bar.show)
        self._delay.timeout.connect(self.went_long)

    def set_busy(self, busy: bool) -> None:
        if busy:  # isHidden(): the bar's own state, whether or not the page is on screen
            if self.bar.isHidden() and not self._delay.isActive():
                self._delay.start()
        else:
            self._delay.stop()
            if not self.bar.isHidden():
                self.bar.hide()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.bar.setGeometry(self.rect())


class CheckoutPage(CardAlert, ClaimKeeper, DrawerWatch, TenderPanels, CheckoutViews, Page):
    key = "checkout"
    order_shown = Signal(object)  # the CheckoutSession, once its order is on screen
    sale_completed = Signal(object)  # the CheckoutDone
    refusal_shown = Signal(str)  # the text, once on screen

    def __init__(self, app=None, bridge=None, user=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._user = user
        self.session: CheckoutSession | None = None
        self.done = None
        self.busy = False
        self.state = "idle"
        self.balance_minor: int | None = None
        self._prepaid_pin: str | None = None  # the holder's PIN, from the balance check to the debit only
        self.pin_dialog: PrepaidPinDialog | None = None  # the open PIN dialog (tests drive it)
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
        self.busy_strip = _BusyStrip(self)
        self._buttons_grey = False
        self.busy_strip.went_long.connect(self._grey_buttons)
        self.progress = self.busy_strip.bar
        self.stack = ViewStack(self)
        self.stack.addWidget(self._shift_view())
        self.stack.addWidget(self._idle_view())
        self.stack.addWidget(self._order_view())
        self.stack.addWidget(self._done_view())
        self.card_requests: list = []  # open card requests (unknown outcome, or approved in no sale)
        self.card_alert = self._card_alert()
        self.content.addWidget(self.busy_strip)
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
        self.lines.retranslate()
        self._fit_line_columns()  # the header's titles may be longer in this language
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
        """While a step runs every action is refused (each slot checks `busy`). Its buttons grey
        out with the busy bar, once the step has run SHOW_AFTER_MS (`_grey_buttons`): a scan
        resolved in a few milliseconds does not flash them, nor repaint them while its worker runs
        (the repaint took the GIL from that worker)."""
        self.busy = busy
        self.busy_strip.set_busy(busy)
        if not busy:
            self._grey_buttons(False)

    def _grey_buttons(self, grey: bool = True) -> None:
        if grey == self._buttons_grey or (grey and not self.busy):
            return
        self._buttons_grey = grey
        for w in (self.take_cash_button, self.take_prepaid_button, self.take_card_button, self.find_button,
                  self.cancel_button, self.open_shift_button, self.reprint_button, self.resolve_button,
                  self.reprint_last_button, self.card_check_button, self.card_refund_button):
            w.setEnabled(not grey)

    def show_refusal(self, text: str) -> None:
        self.message.show_message(text, "error")
        self.refusal_shown.emit(text)

    def show_info(self, text: str) -> None:
        self.message.show_message(text, "info")

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._app is not None and self.state in ("idle", "shift") and not self.busy:
            self.check_shift()

    # -- shift -----------------------------------------------------------------------------
    def check_shift(self) -> None:
        checkout = self._app.checkout
        run_in_background(checkout.current_shift,
                          self._shift_checked, self._failed, context=self)
        self.load_card_requests()

    def _shift_checked(self, shift) -> None:
        if self.state in ("idle", "shift"):
            self._set_state("idle" if shift is not None else "shift")

    def open_shift(self) -> None:
        if self.busy:
            return
        shifts = self._app.shifts
        currency = self._app.store.currency
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
        run_in_background(lambda: shifts.open_shift(user, amount.minor),
                          self._shift_opened, self._failed, context=self)

    def _shift_opened(self, info) -> None:
        self._set_busy(False)
        self.float_edit.clear()
        self.show_info(fill(self.tr("Shift open with a float of %1."),
                            Money(info.opening_float_minor, self._app.store.currency).format()))
        if self.session is not None and self.done is None and not self.session.cancelled:
            self._set_state("order")  # a sale refused for want of a shift goes on
            if self.session.covered:
                self.complete()
        else:
            self._set_state("idle")

    # -- scanning and finding the order --------------------------------------------------------
    def _scanned(self, event) -> None:
        if not self.isVisible() or self._app is None:
            return
        if self.pin_dialog is None and QApplication.activeModalWidget() is not None:
            # a box is open (a reprint reason, an approval): the scan is not typed into it and does
            # not start anything beneath it
            self.show_refusal(self.tr("The scan was not used: finish the open window first, then scan again."))
            return
        if self.state == "order":
            code = classify(event.text)  # the idle page's scan is classified once, by the worker resolving it
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
                self.show_refusal(scan_kind_text(code.kind))
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
        checkout, ctx = self._app.checkout, self._context()

        def work():
            session = checkout.start(text, ctx)
            return session, session.adopt_card_requests()  # card payments for it left by a restart

        # the worker first: the page's own changes below run while it wakes up (its result is
        # delivered through this thread's event loop, so never before them)
        run_in_background(work, self._resolved, self._resolve_failed, context=self)
        self._set_busy(True)
        self.message.clear_message()

    def _resolved(self, result) -> None:
        session, adopted = result
        target = session.target
        self._set_busy(False)
        self.session = session
        self.done = None
        order = target.order
        # Everything the order view shows is set before it is raised (views.ViewStack: it stays laid
        # out under the idle view), so the changes are laid out and painted once, together.
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
        self.banner.setVisible(target.offline)
        self.lines.set_order(order)
        self._refresh_amounts()
        self.resolve_button.setVisible(session.unresolved_card is not None)
        self._set_state("order")
        self.order_edit.clear()  # hidden now: clearing it repaints nothing
        self.choose_tender("cash")
        self._schedule_claim_renewal()
        if adopted:
            self.show_info(fill(self.tr("A card payment approved earlier for this order is applied: %1."),
                                "; ".join(f"****{t.card_last4} {format_money(t.amount_minor, session.currency)}"
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

    # -- completing ----------------------------------------------------------------------------
    def complete(self) -> None:
        session = self.session
        self.claim_timer.stop()

        checkout = self._app.checkout

        def work():
            done = session.complete()
            image = preview_image(checkout.receipt_preview(done.document)) if done.document is not None else None
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

    def _complete_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_refusal(self.refusal_text(exc))
        self._schedule_claim_renewal()  # still on the order (e.g. no shift): keep it held

    # -- receipts: reprint, and the last receipt from storage (e.g. after a restart) -------------
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
            self.show_refusal(still_pending_text(done.sale.receipt_no, done.print_error))
            return
        self.show_info(self.tr("Copy printed.") if copy else self.tr("Receipt printed."))

    def _reprint_failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        params = getattr(exc, "params", {}) or {}
        if getattr(exc, "reason", None) == "print_failed" and params.get("original"):
            self.show_refusal(still_pending_text(params.get("receipt_no"), getattr(exc, "message", str(exc))))
            return
        if getattr(exc, "reason", None) == "print_failed":
            self.show_refusal(fill(self.tr("The copy was not printed: %1"),
                                   printer_cause(getattr(exc, "message", str(exc)))))
            return
        self.show_refusal(fill(self.tr("The receipt was not printed: %1"), str(exc)))

    def reprint_last(self) -> None:
        """F9 on the idle page: the terminal's last sale receipt, rebuilt from the database; a
        pending one prints as the original, a printed one as a copy (a reason is asked and logged)."""
        if self.busy or self._app is None or self.state != "idle":
            return
        ctx = self._context()
        self._set_busy(True)
        self.message.clear_message()
        checkout = self._app.checkout
        run_in_background(lambda: checkout.last_sale_receipt(ctx), lambda stored: self._last_receipt_found(ctx, stored),
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
        checkout = self._app.checkout
        run_in_background(lambda: checkout.reprint_last_receipt(ctx, reason, receipt_no=receipt_no), self._last_reprinted,
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
                self, self._app,
                fill(self.tr("Cancel order %1: the payments taken (%2) are given back."),
                     session.target.order.order_no, format_money(session.paid_minor, session.currency)),
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
        slip = self.session.void_slip if self.session is not None else None  # money given back: its slip
        self.new_sale()
        if reversed_:
            text = fill(self.tr("Order cancelled. Given back: %1"), "; ".join(reversed_))
            if slip is not None and slip.printed:
                text += " " + self.tr("Void slip printed.")
            elif slip is not None:
                self.show_refusal(text + " " + fill(self.tr("The void slip was not printed: %1"),
                                                    printer_cause(slip.error)))
                return
            self.show_info(text)
        else:
            self.show_info(self.tr("Order cancelled."))

    # -- plumbing --------------------------------------------------------------------------------------
    def _zone(self):
        return self._app.store.zone

    def _context(self) -> CheckoutContext:
        """The checkout context the composition root builds; a standalone card terminal asks the
        cashier through this page's dialog."""
        return self._app.checkout.context(self._user, self.manual_handler)

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        self.show_refusal(self.refusal_text(exc))

    def refusal_text(self, exc: BaseException) -> str:
        """The translated text for a refusal (refusal_texts); the English message goes to the log.
        No open shift also turns the page to the shift view."""
        log.info("checkout refusal", extra={"error": getattr(exc, "message", str(exc)),
                                            "code": getattr(exc, "code", type(exc).__name__)})
        if isinstance(exc, NoOpenShift):
            self._set_state("shift")
        elif refusal_texts.is_unexpected(exc):
            log.error("checkout step failed", exc_info=exc)
        return refusal_texts.refusal_text(exc, self.session.currency if self.session is not None else "CNY")
