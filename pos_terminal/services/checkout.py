"""Checkout: one payment order from "shown" to "paid, printed, drawer open" (or cancelled).

A `CheckoutSession` holds the resolved PaymentTarget and the tenders taken so far (cash, prepaid
card, bank card, in any mix). The sale is recorded through `sales.record_sale` (sale, tenders,
receipt number, settlement and outbox row in one transaction) only once the tenders cover the
amount; the receipt prints and the drawer kicks after the commit, and neither can undo it.

Rules kept here:
- a prepaid debit carries an Idempotency-Key derived from the session and the tender step, so a
  retry (after a timeout) never debits twice; while a debit's outcome is unknown only the same
  card and amount may be retried;
- a bank-card charge carries a request_id derived from the session and the step; an unknown
  outcome blocks further charges until `resolve_card()` learns it;
- the receipt of a sale prints once; a printer fault leaves it PENDING (the reprint queue), and
  `print_receipt()` prints a pending original, or a copy (marked, reason logged) once printed;
- cancelling releases the platform's claim; once a tender was taken it needs a manager, and the
  approved card and prepaid tenders are reversed (card refund, prepaid credit);
- nothing beyond a card's last four digits is kept, logged or shown.

Threading rule: every method that talks to a device, the platform or the database blocks; call it
on a worker. One session is driven by one caller at a time (a lock serialises the steps).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model import Permission, PrintState, TenderKind
from pos_terminal.ids import uuid7
from pos_terminal.money import Money
from pos_terminal.ports import (
    CardTerminal,
    CashDrawer,
    Clock,
    PlatformClient,
    PlatformRefused,
    PlatformUnavailable,
    ReceiptPrinter,
    UnitOfWork,
)
from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.services import orders
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.sales import RecordSale, SaleRecorded, TenderSpec, record_sale

log = logging.getLogger(__name__)


class CheckoutRefused(PaymentError):
    """A step the session did not take. `reason` is stable for the screens:
    completed, cancelled, not_covered, over_amount, cash_short, no_card_terminal, card_declined,
    card_not_charged, card_cancelled, card_outcome_unknown, invalid_card_number, prepaid_offline,
    prepaid_pending, prepaid_balance_short, prepaid_unknown_card, prepaid_blocked, prepaid_refused,
    needs_manager, void_failed, nothing_to_print, busy."""

    code = "checkout_refused"

    def __init__(self, reason: str, message: str, **params: object) -> None:
        super().__init__(message, reason=reason, **params)
        self.reason = reason


def mask(card_no: str) -> str:
    return "****" + card_no[-4:]


@dataclass(frozen=True)
class TakenTender:
    kind: TenderKind
    amount_minor: int
    tendered_minor: int | None = None  # cash handed over
    reference: str | None = None
    approval_code: str | None = None
    card_last4: str | None = None
    step: int = 0
    balance_after_minor: int | None = None  # prepaid: the card's balance after the debit
    # what a reversal needs (never a card number): the prepaid card number is held only in
    # memory, for the credit back, and never stored or logged
    _card_no: str | None = field(default=None, repr=False, compare=False)

    @property
    def change_minor(self) -> int:
        return (self.tendered_minor or self.amount_minor) - self.amount_minor

    def spec(self) -> TenderSpec:
        return TenderSpec(self.kind, self.amount_minor, self.tendered_minor, self.reference, self.approval_code,
                          self.card_last4)


@dataclass(frozen=True)
class ReceiptInfo:
    """Everything a sale receipt shows, as plain data (the ui turns it into a receipts document)."""

    store_name: str
    terminal_id: str
    cashier_name: str
    receipt_no: int
    local_time: datetime
    merchant_name: str
    order_no: str
    currency: str
    lines: tuple  # of (name, quantity, unit_price_minor, item_codes)
    tenders: tuple[TakenTender, ...]
    change_minor: int
    copy: bool = False


@dataclass(frozen=True)
class CheckoutDone:
    sale: SaleRecorded
    receipt: ReceiptInfo
    printed: bool
    print_error: str | None = None
    drawer_kicked: bool = False
    drawer_error: str | None = None
    document: object = None  # the rendered receipts document (for the preview)


@dataclass
class CheckoutContext:
    """What a session needs from the terminal. `render_receipt(info)` returns the document the
    printer takes (receipts.build_sale_receipt in production); None prints nothing."""

    uow: Callable[[], UnitOfWork]
    clock: Clock
    terminal_id: str
    store_id: str
    store_name: str
    timezone: str
    cashier_id: uuid.UUID
    cashier_name: str
    platform: PlatformClient | None = None
    card_terminal: CardTerminal | None = None
    printer: ReceiptPrinter | None = None
    drawer: CashDrawer | None = None
    render_receipt: Callable[[ReceiptInfo], object] | None = None
    after_commit: Callable[[], None] | None = None  # e.g. wake the sync worker


def _money(minor: int, currency: str) -> str:
    return Money(minor, currency).format()


class CheckoutSession:
    def __init__(self, target: PaymentTarget, ctx: CheckoutContext, *, session_id: str | None = None) -> None:
        self.target = target
        self.ctx = ctx
        self.id = session_id or uuid7().hex
        self.tenders: list[TakenTender] = []
        self.done: CheckoutDone | None = None
        self.cancelled = False
        self.unresolved_card: tuple[str, int] | None = None  # (request_id, amount) of an unknown charge
        self._pending_prepaid: tuple[int, str, int] | None = None  # (step, card_no, amount) outcome unknown
        self._steps = 0
        self._lock = threading.Lock()

    # -- what the screen shows -----------------------------------------------------------
    @property
    def currency(self) -> str:
        return self.target.order.currency

    @property
    def total_minor(self) -> int:
        return self.target.total_minor

    @property
    def paid_minor(self) -> int:
        return sum(t.amount_minor for t in self.tenders)

    @property
    def remaining_minor(self) -> int:
        return self.total_minor - self.paid_minor

    @property
    def change_minor(self) -> int:
        return sum(t.change_minor for t in self.tenders)

    @property
    def covered(self) -> bool:
        return self.remaining_minor == 0

    @property
    def approved_reversible(self) -> list[TakenTender]:
        return [t for t in self.tenders if t.kind is not TenderKind.CASH]

    def _step(self) -> int:
        self._steps += 1
        return self._steps

    def _check_open(self) -> None:
        if self.done is not None:
            raise CheckoutRefused("completed", f"order {self.target.order.order_no} is paid already (receipt "
                                               f"{self.done.sale.receipt_no}); start a new sale")
        if self.cancelled:
            raise CheckoutRefused("cancelled", "this checkout was cancelled; scan the order again")

    def _locked(self):
        if not self._lock.acquire(blocking=False):
            raise CheckoutRefused("busy", "another step of this checkout is still running; wait for it")
        return _Release(self._lock)

    def _check_amount(self, amount_minor: int) -> None:
        if not isinstance(amount_minor, int) or amount_minor <= 0:
            raise CheckoutRefused("over_amount", f"the amount must be positive, got {amount_minor!r}")
        if amount_minor > self.remaining_minor:
            raise CheckoutRefused("over_amount", f"{_money(amount_minor, self.currency)} is more than the "
                                  f"{_money(self.remaining_minor, self.currency)} still due",
                                  remaining_minor=self.remaining_minor)

    # -- cash ------------------------------------------------------------------------------
    def take_cash(self, tendered_minor: int) -> TakenTender:
        """Cash handed over: applies up to what is still due; the rest is change. Pure (no I/O)."""
        with self._locked():
            self._check_open()
            if not isinstance(tendered_minor, int) or tendered_minor <= 0:
                raise CheckoutRefused("cash_short", "type the cash handed over")
            applied = min(tendered_minor, self.remaining_minor)
            if applied <= 0:
                raise CheckoutRefused("over_amount", "nothing is due any more")
            tender = TakenTender(TenderKind.CASH, applied, tendered_minor, step=self._step())
            self.tenders.append(tender)
            return tender

    # -- prepaid card ------------------------------------------------------------------------
    def _cards(self) -> PlatformClient:
        platform = self.ctx.platform
        if platform is None or not hasattr(platform, "debit_card"):
            raise CheckoutRefused("prepaid_offline", "this terminal has no platform connection for prepaid cards")
        return platform

    @staticmethod
    def card_number(text: str) -> str:
        code = classify(text)
        if code.kind is not ScanKind.PREPAID_CARD:
            raise CheckoutRefused("invalid_card_number", "not a prepaid card number: scan or swipe the card, or type "
                                                         "its 16 digits starting with 88")
        return code.value

    def prepaid_balance(self, card_text: str) -> int:
        """The card's balance in minor units (a platform call)."""
        card_no = self.card_number(card_text)
        try:
            view = self._cards().get_card(card_no)
        except PlatformUnavailable as exc:
            raise CheckoutRefused("prepaid_offline", f"prepaid cards need the platform, which is unreachable now "
                                  f"({exc.message}); take another tender") from None
        except PlatformRefused as exc:
            raise self._card_refusal(exc, card_no) from None
        if not view.get("active", True):
            raise CheckoutRefused("prepaid_blocked", f"prepaid card {mask(card_no)} is blocked", card=mask(card_no))
        return int(view["balance_minor"])

    def take_prepaid(self, card_text: str, amount_minor: int) -> TakenTender:
        with self._locked():
            self._check_open()
            card_no = self.card_number(card_text)
            if self._pending_prepaid is not None:
                step, pending_no, pending_amount = self._pending_prepaid
                if (pending_no, pending_amount) != (card_no, amount_minor):
                    raise CheckoutRefused(
                        "prepaid_pending", f"the debit of {_money(pending_amount, self.currency)} from card "
                        f"{mask(pending_no)} has an unknown outcome; retry that same card and amount first",
                        card=mask(pending_no), amount_minor=pending_amount)
            else:
                self._check_amount(amount_minor)
                step = self._step()
            return self._debit(step, card_no, amount_minor)

    def _idempotency_key(self, step: int, what: str = "debit") -> str:
        return f"checkout-{self.id}-{step}-{what}"

    def _debit(self, step: int, card_no: str, amount_minor: int) -> TakenTender:
        cards = self._cards()
        key = self._idempotency_key(step)
        reference = f"{self.target.order.order_no}/{self.id[-8:]}-{step}"
        try:
            answer = cards.debit_card(card_no, amount_minor, self.currency, reference, key)
        except PlatformUnavailable as exc:
            self._pending_prepaid = (step, card_no, amount_minor)
            log.warning("prepaid debit outcome unknown", extra={"order_no": self.target.order.order_no,
                                                                "card": mask(card_no), "step": step})
            raise CheckoutRefused("prepaid_offline", f"the platform cannot be reached ({exc.message}): prepaid cards "
                                  "need it. Retry, or take another tender", card=mask(card_no)) from None
        except PlatformRefused as exc:
            self._pending_prepaid = None
            raise self._card_refusal(exc, card_no, amount_minor) from None
        self._pending_prepaid = None
        tender = TakenTender(TenderKind.PREPAID_CARD, amount_minor, None,
                             str(answer.get("transaction_id") or reference)[:64], None, card_no[-4:], step,
                             answer.get("balance_minor"), _card_no=card_no)
        self.tenders.append(tender)
        log.info("prepaid card debited", extra={"order_no": self.target.order.order_no, "card": mask(card_no),
                                                "amount_minor": amount_minor, "step": step})
        return tender

    def _card_refusal(self, exc: PlatformRefused, card_no: str, amount_minor: int | None = None) -> CheckoutRefused:
        body = exc.body or {}
        if exc.code == "insufficient_funds":
            balance = body.get("balance_minor")
            shown = _money(int(balance), self.currency) if balance is not None else "less"
            return CheckoutRefused("prepaid_balance_short", f"prepaid card {mask(card_no)} holds {shown}, not enough "
                                   "for this amount; take the balance and pay the rest another way",
                                   balance_minor=balance, card=mask(card_no))
        if exc.code == "unknown_card":
            return CheckoutRefused("prepaid_unknown_card", f"the platform does not know prepaid card {mask(card_no)}",
                                   card=mask(card_no))
        if exc.code == "card_inactive":
            return CheckoutRefused("prepaid_blocked", f"prepaid card {mask(card_no)} is blocked", card=mask(card_no))
        return CheckoutRefused("prepaid_refused", f"the platform refused the prepaid card ({exc.code})",
                               card=mask(card_no))

    # -- bank card ---------------------------------------------------------------------------
    def _terminal(self) -> CardTerminal:
        if self.ctx.card_terminal is None:
            raise CheckoutRefused("no_card_terminal", "no card terminal is configured at this counter; take another "
                                                      "tender or ask the technician")
        return self.ctx.card_terminal

    def _request_id(self, step: int, what: str = "c") -> str:
        return f"{self.id}-{what}{step}"

    def take_card(self, amount_minor: int) -> TakenTender:
        """Charges the bank card. While an earlier charge's outcome is unknown, this resolves it
        first and never charges again."""
        with self._locked():
            self._check_open()
            terminal = self._terminal()
            if self.unresolved_card is not None:
                return self._resolve(terminal)
            self._check_amount(amount_minor)
            step = self._step()
            request_id = self._request_id(step)
            reference = f"{self.target.order.order_no}-{step}"
            try:
                result = terminal.charge(amount_minor, self.currency, reference, request_id=request_id)
            except PaymentError as exc:
                if getattr(exc, "code", "") == "card_outcome_unknown":
                    self.unresolved_card = (request_id, amount_minor)
                    raise CheckoutRefused("card_outcome_unknown", exc.message, request_id=request_id) from None
                raise
            return self._card_result(result, step, amount_minor)

    def resolve_card(self) -> TakenTender | None:
        """Asks the card terminal what became of the charge whose outcome was unknown. Returns the
        tender when it was approved, None when nothing is pending; refuses when declined."""
        with self._locked():
            if self.unresolved_card is None:
                return None
            return self._resolve(self._terminal())

    def _resolve(self, terminal: CardTerminal) -> TakenTender:
        request_id, amount_minor = self.unresolved_card
        try:
            result = terminal.resolve(request_id)
        except PaymentError as exc:
            raise CheckoutRefused("card_outcome_unknown", exc.message, request_id=request_id) from None
        self.unresolved_card = None
        step = int(request_id.rsplit("-c", 1)[-1]) if "-c" in request_id else self._step()
        return self._card_result(result, step, amount_minor)

    def _card_result(self, result, step: int, amount_minor: int) -> TakenTender:
        outcome = getattr(result, "outcome", "") or ("approved" if result.approved else "declined")
        if result.approved:
            tender = TakenTender(TenderKind.BANK_CARD, amount_minor, None,
                                 (result.reference or self._request_id(step))[:64], result.approval_code,
                                 result.card_last4, step)
            self.tenders.append(tender)
            log.info("bank card approved", extra={"order_no": self.target.order.order_no, "step": step,
                                                  "approval_code": result.approval_code, "last4": result.card_last4})
            return tender
        reason = {"declined": "card_declined", "not_charged": "card_not_charged",
                  "cancelled": "card_cancelled"}.get(outcome, "card_declined")
        raise CheckoutRefused(reason, result.message or f"the card was {outcome}", outcome=outcome)

    # -- completing ------------------------------------------------------------------------
    def complete(self) -> CheckoutDone:
        """Records the sale (only when the tenders cover the amount), then prints and kicks the
        drawer. A second call returns the first result: the sale is never recorded twice."""
        with self._locked():
            if self.done is not None:
                return self.done
            if self.cancelled:
                raise CheckoutRefused("cancelled", "this checkout was cancelled; scan the order again")
            if not self.covered:
                raise CheckoutRefused("not_covered", f"{_money(self.remaining_minor, self.currency)} is still due",
                                      remaining_minor=self.remaining_minor)
            ctx, target = self.ctx, self.target
            cmd = RecordSale(ctx.terminal_id, ctx.store_id, ctx.cashier_id, target.order,
                             tuple(t.spec() for t in self.tenders), voucher_id=target.voucher_id,
                             offline=target.offline)
            recorded = record_sale(cmd, ctx.uow(), ctx.clock)
            log.info("sale recorded", extra={"order_no": target.order.order_no, "receipt_no": recorded.receipt_no,
                                             "tenders": [t.kind.value for t in self.tenders]})
            if ctx.after_commit is not None:
                try:
                    ctx.after_commit()
                except Exception:
                    log.exception("after-commit hook failed")
            info = self._receipt_info(recorded)
            document, printed, print_error = _print(ctx, info)
            kicked, drawer_error = False, None
            if any(t.kind is TenderKind.CASH for t in self.tenders) and ctx.drawer is not None:
                try:
                    ctx.drawer.kick()
                    kicked = True
                except Exception as exc:  # the sale stands; the drawer opens by key
                    drawer_error = str(exc) or exc.__class__.__name__
                    log.warning("drawer kick failed after sale", extra={"receipt_no": recorded.receipt_no,
                                                                        "error": drawer_error})
            self.done = CheckoutDone(recorded, info, printed, print_error, kicked, drawer_error, document)
            return self.done

    def _receipt_info(self, recorded: SaleRecorded) -> ReceiptInfo:
        ctx, order = self.ctx, self.target.order
        local = ctx.clock.now().astimezone(ZoneInfo(ctx.timezone))
        lines = tuple((l.name, l.quantity, l.unit_price_minor, l.item_codes) for l in order.lines)
        tenders = tuple(replace(t, _card_no=None) for t in self.tenders)
        return ReceiptInfo(ctx.store_name, ctx.terminal_id, ctx.cashier_name, recorded.receipt_no, local,
                           order.merchant_name, order.order_no, order.currency, lines, tenders, self.change_minor)

    # -- cancelling --------------------------------------------------------------------------
    @property
    def needs_manager_to_cancel(self) -> bool:
        return bool(self.tenders) or self._pending_prepaid is not None or self.unresolved_card is not None

    def cancel(self, approved_by=None, reason: str = "cancelled at the counter") -> list[str]:
        """Cancels before the sale is recorded: reverses approved card and prepaid tenders
        (manager approval needed once any tender was taken) and releases the platform's claim.
        Returns what was reversed (for the screen). A reversal that fails leaves that tender in
        the session and raises void_failed: cancel again once the cause is fixed."""
        with self._locked():
            if self.done is not None:
                raise CheckoutRefused("completed", "the sale is recorded; a recorded sale is refunded, not cancelled")
            if self.cancelled:
                return []
            if self.unresolved_card is not None:
                raise CheckoutRefused("card_outcome_unknown", "a card charge has an unknown outcome; check it on the "
                                      "card terminal (check again) before cancelling",
                                      request_id=self.unresolved_card[0])
            if self.needs_manager_to_cancel:
                if approved_by is None or not approved_by.can(Permission.APPROVE):
                    raise CheckoutRefused("needs_manager", "tenders were taken: a manager must approve the cancel")
            reversed_: list[str] = []
            if self._pending_prepaid is not None:  # learn the unknown debit: the retry is idempotent
                step, card_no, amount = self._pending_prepaid
                self._debit(step, card_no, amount)
            failures = []
            for tender in list(self.tenders):
                try:
                    reversed_.append(self._reverse(tender))
                    self.tenders.remove(tender)
                except Exception as exc:
                    failures.append(f"{tender.kind.value} {_money(tender.amount_minor, self.currency)}: "
                                    f"{getattr(exc, 'message', None) or exc}")
            if failures:
                raise CheckoutRefused("void_failed", "could not reverse " + "; ".join(failures) +
                                      ". Nothing else was undone twice; try cancelling again.", reversed=reversed_)
            self.cancelled = True
            if self.ctx.platform is not None:
                orders.release_payment(self.target, self.ctx.platform)
            log.info("checkout cancelled", extra={"order_no": self.target.order.order_no, "reason": reason,
                                                  "approved_by": str(getattr(approved_by, "user_id", "")) or None,
                                                  "reversed": reversed_})
            return reversed_

    def _reverse(self, tender: TakenTender) -> str:
        amount = _money(tender.amount_minor, self.currency)
        if tender.kind is TenderKind.CASH:
            return f"cash {amount}: hand it back"
        if tender.kind is TenderKind.PREPAID_CARD:
            self._cards().credit_card(tender._card_no, tender.amount_minor, self.currency,
                                      f"void {tender.reference}"[:64], self._idempotency_key(tender.step, "void"))
            return f"prepaid ****{tender.card_last4} {amount}: credited back"
        refund = getattr(self._terminal(), "refund", None)
        if refund is None:
            raise CheckoutRefused("void_failed", "this card terminal cannot refund; refund on the card terminal itself")
        result = refund(tender.amount_minor, self.currency, tender.reference or "",
                        request_id=self._request_id(tender.step, "v"))
        if not result.approved:
            raise CheckoutRefused("void_failed", result.message or "the card terminal did not refund")
        return f"bank card ****{tender.card_last4} {amount}: refunded"

    # -- the receipt again -------------------------------------------------------------------
    def print_receipt(self, reason: str = "") -> CheckoutDone:
        """Prints the receipt of the completed sale: the original while it is still pending (a
        printer fault before), otherwise a copy, marked as one, with `reason` logged."""
        with self._locked():
            if self.done is None:
                raise CheckoutRefused("nothing_to_print", "no sale to print a receipt for yet")
            done = self.done
            state = receipt_state(self.ctx, done.sale.receipt_no)
            if state is PrintState.PRINTED or done.printed:
                info = replace(done.receipt, copy=True)
                log.info("receipt reprinted as a copy", extra={"receipt_no": info.receipt_no, "reason": reason})
            else:
                info = done.receipt
            document, printed, error = _print(self.ctx, info)
            if info.copy:
                self.done = replace(done, print_error=error if not printed else None)
            else:
                self.done = replace(done, printed=printed, print_error=error, document=document)
            if info.copy and not printed:
                raise CheckoutRefused("print_failed", error or "the copy was not printed")
            return self.done


class _Release:
    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.lock.release()


def receipt_state(ctx: CheckoutContext, receipt_no: int) -> PrintState | None:
    with ctx.uow() as uow:
        receipt = uow.receipts.last_for_terminal(ctx.terminal_id)
        if receipt is None or receipt.receipt_no != receipt_no:
            return None
        return receipt.print_state


def _mark(ctx: CheckoutContext, receipt_no: int, printed: bool) -> None:
    with ctx.uow() as uow:
        receipt = uow.receipts.last_for_terminal(ctx.terminal_id)
        if receipt is None or receipt.receipt_no != receipt_no:
            return
        if printed:
            receipt.print_state = PrintState.PRINTED
            receipt.copies_printed = (receipt.copies_printed or 0) + 1
        uow.commit()


def _print(ctx: CheckoutContext, info: ReceiptInfo) -> tuple[object, bool, str | None]:
    """Renders and prints; a fault leaves the receipt pending. Returns (document, printed, error)."""
    if ctx.render_receipt is None:
        return None, False, "no receipt layout configured"
    try:
        document = ctx.render_receipt(info)
    except Exception as exc:
        log.exception("receipt render failed")
        return None, False, f"cannot lay out the receipt: {exc}"
    if ctx.printer is None:
        return document, False, "no printer configured"
    try:
        ctx.printer.print_document(document)
    except Exception as exc:  # PrinterFault and friends: the sale stands, the receipt waits
        error = str(exc) or exc.__class__.__name__
        log.warning("receipt not printed; kept for reprint", extra={"receipt_no": info.receipt_no, "error": error})
        return document, False, error
    try:
        _mark(ctx, info.receipt_no, True)
    except Exception:
        log.exception("printed receipt could not be marked printed")
    return document, True, None
