"""Checkout: one payment order from "shown" to "paid, printed, drawer open" (or cancelled).

A `CheckoutSession` holds the resolved PaymentTarget and the tenders taken so far (cash, prepaid
card, bank card, in any mix). The sale is recorded through `sales.record_sale` (sale, tenders,
receipt number, settlement and outbox row in one transaction) only once the tenders cover the
amount; the receipt prints and the drawer kicks after the commit, and neither can undo it.

Rules kept here:
- a prepaid debit carries an Idempotency-Key derived from the session and the tender step, so a
  retry (after a timeout) never debits twice; while a debit's outcome is unknown only the same
  card and amount may be retried. The debit, and the credit that gives it back on a cancel, are
  journalled (card_journal: written before they are sent, no card number kept), and a new debit
  first resolves the entries of checkouts that died (`recover_prepaid`);
- a bank-card charge carries a request_id derived from the session and the step, and is written
  to storage (a CardRequest) before it is sent: an unknown outcome blocks further charges until
  `resolve_card()` learns it, and survives a restart; an approval stays on record until its sale
  is recorded or it is refunded. A new session adopts its order's earlier approvals
  (`adopt_card_requests`), and a charge first asks the card terminal about any earlier request
  still unknown (`open_card_requests`, `resolve_card_request`, `refund_card_request` serve the
  screen at start);
- the receipt of a sale prints once; a printer fault leaves it PENDING (the reprint queue), and
  `print_receipt()` prints a pending original, or a copy (marked, reason logged) once printed;
- cancelling releases the platform's claim; once a tender was taken it needs a manager, and the
  approved card and prepaid tenders are reversed (card refund, prepaid credit);
- an online order's claim is renewed (`renew_claim`) while it is on screen; a renewal refused
  because the order went elsewhere (claimed by another terminal, paid, expired, cancelled) stops
  further tenders (reason claim_lost); cancelling (giving back what was taken) still works;
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
from pos_terminal.domain.model import (
    CardRequest,
    CardRequestKind,
    CardRequestState,
    Permission,
    PrintState,
    ReceiptKind,
    TenderKind,
)
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
from pos_terminal.security import mask_card_numbers
from pos_terminal.services import audit, card_journal, orders
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.printing import print_committed
from pos_terminal.services.sales import RecordSale, SaleRecorded, TenderSpec, record_sale

log = logging.getLogger(__name__)


class CheckoutRefused(PaymentError):
    """A step the session did not take. `reason` is stable for the screens:
    completed, cancelled, not_covered, over_amount, cash_short, no_card_terminal, card_declined,
    card_not_charged, card_cancelled, card_outcome_unknown, invalid_card_number, prepaid_offline,
    prepaid_pending, prepaid_balance_short, prepaid_unknown_card, prepaid_blocked, prepaid_refused,
    prepaid_pin_invalid, prepaid_wrong_pin (attempts_left), prepaid_pin_locked, prepaid_pin_not_set,
    needs_manager, void_failed, nothing_to_print, busy, claim_lost, print_failed."""

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
    request_id: str | None = None  # the CardRequest (journal entry) this approval or prepaid debit belongs to
    # no longer filled: a prepaid debit is given back by its transaction id (card_journal), so the
    # card number is not even held in memory after the debit; kept for callers that clear it
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
    claim_ttl_s: int = orders.DEFAULT_CLAIM_TTL_S


def _money(minor: int, currency: str) -> str:
    return Money(minor, currency).format()


def _claim_params(exc: PaymentError) -> dict:
    """What the screen needs to say why a claim was lost: the cause and who holds the order."""
    params = {k: v for k, v in (exc.params or {}).items() if k in ("store_id", "terminal_id", "where")}
    return {"cause": getattr(exc, "reason", None) or exc.code, **params}


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
        self.claim_lost: PaymentError | None = None  # why the platform's claim was lost (no more tenders)

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
        if self.claim_lost is not None:
            raise CheckoutRefused("claim_lost", f"order {self.target.order.order_no} is no longer held for this "
                                  f"terminal ({self.claim_lost.message}); take no payment, cancel it (Esc)",
                                  **_claim_params(self.claim_lost))

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

    # -- the platform's claim ------------------------------------------------------------------
    @property
    def renews_claim(self) -> bool:
        """True while the order is on screen with an online claim that should be kept alive."""
        return (not self.target.offline and self.target.claimed_until is not None and self.done is None
                and not self.cancelled and self.claim_lost is None and self.ctx.platform is not None)

    def renew_claim(self) -> PaymentTarget:
        """Extends this terminal's claim on the order (a platform call; not serialised with the
        tender steps, which may be waiting for a card meanwhile). Returns the renewed target.
        PlatformUnavailable propagates: the caller retries. A refusal (the order is claimed by
        another terminal, paid, expired or cancelled) sets `claim_lost` and raises
        CheckoutRefused("claim_lost"): no further tender is taken."""
        if not self.renews_claim:
            return self.target
        try:
            target = orders.renew_claim(self.target, self.ctx.platform, self.ctx.claim_ttl_s)
        except PaymentError as exc:  # PaymentCodeRefused or AlreadyPaid: the order went elsewhere
            if self.done is not None:
                return self.target
            self.claim_lost = exc
            log.warning("claim renewal refused; no further tenders",
                        extra={"order_no": self.target.order.order_no, "error": exc.message,
                               "tenders_taken": len(self.tenders)})
            raise CheckoutRefused("claim_lost", f"order {self.target.order.order_no} is no longer held for this "
                                  f"terminal: {exc.message}", **_claim_params(exc)) from None
        self.target = target
        log.info("claim renewed", extra={"order_no": target.order.order_no,
                                         "until": target.claimed_until.isoformat() if target.claimed_until else None})
        return target

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

    def prepaid_ready(self) -> None:
        """Raises prepaid_offline when the platform is away (its status as the client knows it), so
        that no card holder keys in a PIN for nothing. Blocking (at worst one health check)."""
        status = self._cards().status()
        if not status.online:
            raise CheckoutRefused("prepaid_offline", f"prepaid cards need the platform, which is unreachable now "
                                  f"({status.detail}); take another tender")

    @staticmethod
    def card_pin(pin: str) -> str:
        """The holder's PIN as keyed in: 4 to 6 digits. Never logged, kept or put in a message."""
        pin = (pin or "").strip()
        if not (4 <= len(pin) <= 6 and pin.isascii() and pin.isdigit()):
            raise CheckoutRefused("prepaid_pin_invalid", "the card's PIN is 4 to 6 digits: ask the holder to key it "
                                                         "in again")
        return pin

    def prepaid_balance(self, card_text: str, pin: str) -> int:
        """The card's balance in minor units (a platform call; the holder's PIN is needed)."""
        card_no = self.card_number(card_text)
        pin = self.card_pin(pin)
        try:
            view = self._cards().get_card(card_no, pin)
        except PlatformUnavailable as exc:
            raise CheckoutRefused("prepaid_offline", f"prepaid cards need the platform, which is unreachable now "
                                  f"({exc.message}); take another tender") from None
        except PlatformRefused as exc:
            raise self._card_refusal(exc, card_no) from None
        if not view.get("active", True):
            raise CheckoutRefused("prepaid_blocked", f"prepaid card {mask(card_no)} is blocked", card=mask(card_no))
        return int(view["balance_minor"])

    def take_prepaid(self, card_text: str, amount_minor: int, pin: str) -> TakenTender:
        """Debits the card with its holder's PIN. A wrong PIN (prepaid_wrong_pin, attempts_left)
        moves no money and may be retried with the same card; prepaid_pin_locked: no more tries."""
        with self._locked():
            self._check_open()
            card_no = self.card_number(card_text)
            pin = self.card_pin(pin)
            if self._pending_prepaid is not None:
                step, pending_no, pending_amount = self._pending_prepaid
                if (pending_no, pending_amount) != (card_no, amount_minor):
                    raise CheckoutRefused(
                        "prepaid_pending", f"the debit of {_money(pending_amount, self.currency)} from card "
                        f"{mask(pending_no)} has an unknown outcome; retry that same card and amount first",
                        card=mask(pending_no), amount_minor=pending_amount)
            else:
                self._check_amount(amount_minor)
                self._recover_prepaid()
                step = self._step()
            return self._debit(step, card_no, amount_minor, pin)

    def _journal(self) -> card_journal.Journal:
        return card_journal.Journal(self.ctx.uow, self.ctx.clock, self.ctx.terminal_id)

    def _recover_prepaid(self) -> None:
        """Resolves the prepaid entries of checkouts that died (other sessions) before a new debit."""
        try:
            card_journal.recover_prepaid(self._journal(), self._cards(), skip_prefix=f"checkout-{self.id}-",
                                         refunds=False)
        except PlatformUnavailable as exc:
            raise CheckoutRefused("prepaid_offline", f"the platform cannot be reached ({exc.message}): prepaid cards "
                                  "need it. Retry, or take another tender") from None

    def _idempotency_key(self, step: int, what: str = "debit") -> str:
        return f"checkout-{self.id}-{step}-{what}"

    def _debit(self, step: int, card_no: str, amount_minor: int, pin: str) -> TakenTender:
        cards = self._cards()
        key = self._idempotency_key(step)
        reference = f"{self.target.order.order_no}/{self.id[-8:]}-{step}"
        journal = self._journal()
        # committed before the request goes out: a debit is never lost, even to kill -9
        card_journal.before_send(journal, key, CardRequestKind.PREPAID_DEBIT, self.target.order.order_no,
                                 amount_minor, self.currency, reference)
        try:
            answer = cards.debit_card(card_no, amount_minor, self.currency, reference, key, pin)
        except PlatformUnavailable as exc:
            self._pending_prepaid = (step, card_no, amount_minor)
            log.warning("prepaid debit outcome unknown", extra={"order_no": self.target.order.order_no,
                                                                "card": mask(card_no), "step": step})
            raise CheckoutRefused("prepaid_offline", f"the platform cannot be reached ({exc.message}): prepaid cards "
                                  "need it. Retry, or take another tender", card=mask(card_no)) from None
        except PlatformRefused as exc:
            self._pending_prepaid = None
            card_journal.not_moved(journal, key)
            raise self._card_refusal(exc, card_no, amount_minor) from None
        self._pending_prepaid = None
        try:
            card_journal.debited(journal, key, str(answer.get("transaction_id") or ""), card_no[-4:])
        except Exception:  # the entry stays SENT: the sale still settles it, recovery still finds it
            log.exception("prepaid debit outcome not journalled", extra={"key": key})
        tender = TakenTender(TenderKind.PREPAID_CARD, amount_minor, None,
                             str(answer.get("transaction_id") or reference)[:64], None, card_no[-4:], step,
                             answer.get("balance_minor"), request_id=key)
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
        if exc.code == "wrong_pin":
            left = body.get("attempts_left")
            return CheckoutRefused("prepaid_wrong_pin", f"wrong PIN for prepaid card {mask(card_no)}: "
                                   f"{left if left is not None else 'few'} attempts left; nothing was debited",
                                   attempts_left=left, card=mask(card_no))
        if exc.code == "pin_locked":
            return CheckoutRefused("prepaid_pin_locked", f"prepaid card {mask(card_no)} is locked after too many "
                                   "wrong PINs; take another tender", card=mask(card_no),
                                   locked_until=body.get("locked_until"))
        if exc.code == "pin_not_set":
            return CheckoutRefused("prepaid_pin_not_set", f"prepaid card {mask(card_no)} has no PIN yet and cannot "
                                   "be spent; take another tender", card=mask(card_no))
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
        first and never charges again; an earlier request of another session (e.g. before a
        restart) is resolved first too (an approved one for this order is taken instead of
        charging; one for another order is reported: card_earlier_approved)."""
        with self._locked():
            self._check_open()
            terminal = self._terminal()
            if self.unresolved_card is not None:
                return self._resolve(terminal)
            self._check_amount(amount_minor)
            earlier = self._settle_earlier_requests(terminal)
            if earlier is not None:
                return earlier
            step = self._step()
            request_id = self._request_id(step)
            reference = f"{self.target.order.order_no}-{step}"
            _note_request(self.ctx, request_id, self.target.order.order_no, amount_minor, self.currency, reference)
            try:
                result = terminal.charge(amount_minor, self.currency, reference, request_id=request_id)
            except PaymentError as exc:
                if getattr(exc, "code", "") == "card_outcome_unknown":
                    self.unresolved_card = (request_id, amount_minor)
                    raise CheckoutRefused("card_outcome_unknown", exc.message, request_id=request_id) from None
                _record_outcome(self.ctx, request_id, None)  # refused before charging
                raise
            return self._card_result(result, step, amount_minor, request_id)

    def adopt_card_requests(self) -> list[TakenTender]:
        """Takes over this order's card requests left by an earlier session (before a restart,
        say): an approved charge becomes a tender of this session (the buyer paid it already);
        one whose outcome is unknown must be resolved before any new charge. Returns the
        tenders taken over. Blocking (a database read): a worker's job."""
        with self._locked():
            self._check_open()
            with self.ctx.uow() as uow:
                rows = [(r.request_id, r.order_no, r.amount.minor, r.amount.currency, r.state, r.card_reference,
                         r.approval_code, r.card_last4)
                        for r in uow.card_requests.open_for_terminal(self.ctx.terminal_id)]
            adopted = []
            for rid, order_no, amount, currency, state, reference, code, last4 in rows:
                if order_no != self.target.order.order_no or currency != self.currency:
                    continue
                if any(t.request_id == rid for t in self.tenders):
                    continue
                if state is CardRequestState.SENT:
                    if self.unresolved_card is None:
                        self.unresolved_card = (rid, amount)
                elif amount <= self.remaining_minor:
                    tender = TakenTender(TenderKind.BANK_CARD, amount, None, (reference or rid)[:64], code, last4,
                                         self._step(), request_id=rid)
                    self.tenders.append(tender)
                    adopted.append(tender)
                    log.info("earlier approved card payment taken over", extra={
                        "order_no": order_no, "request_id": rid, "amount_minor": amount, "last4": last4})
            return adopted

    def _settle_earlier_requests(self, terminal: CardTerminal) -> TakenTender | None:
        with self.ctx.uow() as uow:
            rows = [(r.request_id, r.order_no, r.amount.minor, r.amount.currency, r.reference)
                    for r in uow.card_requests.open_for_terminal(self.ctx.terminal_id)
                    if r.state is CardRequestState.SENT and not r.request_id.startswith(self.id + "-")]
        for rid, order_no, amount, currency, reference in rows:
            try:
                result = terminal.resolve(rid, amount_minor=amount, currency=currency, reference=reference)
            except Exception as exc:
                raise CheckoutRefused(
                    "card_earlier_unknown", f"an earlier card payment of {_money(amount, currency)} for order "
                    f"{order_no} still has an unknown outcome ({getattr(exc, 'message', None) or exc}); check the "
                    "card terminal and resolve it before charging another card",
                    order_no=order_no, amount_minor=amount, currency=currency, request_id=rid) from None
            _record_outcome(self.ctx, rid, result)
            if not result.approved:
                log.info("earlier card request not charged; cleared", extra={"request_id": rid, "order_no": order_no})
                continue
            if order_no == self.target.order.order_no and currency == self.currency and amount <= self.remaining_minor:
                tender = TakenTender(TenderKind.BANK_CARD, amount, None, (result.reference or rid)[:64],
                                     result.approval_code, result.card_last4, self._step(), request_id=rid)
                self.tenders.append(tender)
                log.info("an earlier charge for this order was approved; not charging again",
                         extra={"order_no": order_no, "request_id": rid})
                return tender
            raise CheckoutRefused(
                "card_earlier_approved", f"an earlier card payment of {_money(amount, currency)} for order {order_no} "
                f"was approved (card ****{result.card_last4}): that buyer was charged. Scan that order to complete "
                "its sale with it, or refund it; then charge this card", order_no=order_no, amount_minor=amount,
                currency=currency, card=f"****{result.card_last4}", request_id=rid)
        return None

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
            result = terminal.resolve(request_id, amount_minor=amount_minor, currency=self.currency)
        except PaymentError as exc:
            raise CheckoutRefused("card_outcome_unknown", exc.message, request_id=request_id) from None
        except KeyError:  # a terminal that cannot ask (a standalone one after a restart)
            raise CheckoutRefused("card_outcome_unknown", "this card terminal cannot be asked about that payment; "
                                  "check its screen or slip", request_id=request_id) from None
        self.unresolved_card = None
        mine = request_id.startswith(self.id + "-c") and request_id.rsplit("-c", 1)[-1].isdigit()
        step = int(request_id.rsplit("-c", 1)[-1]) if mine else self._step()
        return self._card_result(result, step, amount_minor, request_id)

    def _card_result(self, result, step: int, amount_minor: int, request_id: str | None = None) -> TakenTender:
        outcome = getattr(result, "outcome", "") or ("approved" if result.approved else "declined")
        if request_id is not None:
            try:
                _record_outcome(self.ctx, request_id, result)
            except Exception:  # the sale still settles it (record_sale marks it settled)
                log.exception("card outcome not recorded", extra={"request_id": request_id})
        if result.approved:
            tender = TakenTender(TenderKind.BANK_CARD, amount_minor, None,
                                 (result.reference or self._request_id(step))[:64], result.approval_code,
                                 result.card_last4, step, request_id=request_id)
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
                             offline=target.offline,
                             card_requests=tuple(t.request_id for t in self.tenders if t.request_id))
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
        reason = mask_card_numbers(reason) or "cancelled at the counter"
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
            given_back: list[dict] = []  # {kind, amount_minor} of each tender given back: the reports count them
            if self._pending_prepaid is not None:  # learn the unknown debit: the retry is idempotent
                step, card_no, amount = self._pending_prepaid
                self._debit(step, card_no, amount)
            taken_minor = self.paid_minor  # money was taken: giving it back is a void (audited)
            failures = []
            for tender in list(self.tenders):
                try:
                    reversed_.append(self._reverse(tender))
                    given_back.append({"kind": tender.kind.value, "amount_minor": tender.amount_minor})
                    self.tenders.remove(tender)
                except Exception as exc:
                    failures.append(f"{tender.kind.value} {_money(tender.amount_minor, self.currency)}: "
                                    f"{getattr(exc, 'message', None) or exc}")
            if failures:
                if taken_minor:
                    self._audit_void(approved_by, reason, taken_minor, reversed_, audit.FAILED, failures,
                                     given_back=given_back)
                raise CheckoutRefused("void_failed", "could not reverse " + "; ".join(failures) +
                                      ". Nothing else was undone twice; try cancelling again.", reversed=reversed_)
            if taken_minor:
                self._audit_void(approved_by, reason, taken_minor, reversed_, audit.OK, given_back=given_back)
            self.cancelled = True
            if self.ctx.platform is not None:
                orders.release_payment(self.target, self.ctx.platform)
            log.info("checkout cancelled", extra={"order_no": self.target.order.order_no, "reason": reason,
                                                  "approved_by": str(getattr(approved_by, "user_id", "")) or None,
                                                  "reversed": reversed_})
            return reversed_

    def _audit_void(self, approved_by, reason: str, taken_minor: int, reversed_: list[str], outcome: str,
                    failures: list[str] = (), *, given_back: list[dict] = ()) -> None:
        """The void in the audit trail. The reversals happened on devices and the platform, outside
        any transaction, so the entry follows them; if it cannot be written the log keeps it."""
        ctx, order_no = self.ctx, self.target.order.order_no
        details = {"order_no": order_no, "reason": reason, "amount_minor": taken_minor, "currency": self.currency,
                   "manager": getattr(approved_by, "username", None),
                   "manager_id": str(getattr(approved_by, "user_id", "") or "") or None, "reversed": list(reversed_),
                   "given_back": [dict(g) for g in given_back]}  # what the X/Z reports count (services.reports)
        if failures:
            details["failed"] = list(failures)
        try:
            with ctx.uow() as uow:
                cashier = uow.users.get(ctx.cashier_id) or audit.Actor(ctx.cashier_id, ctx.cashier_name)
                audit.record(uow, at=ctx.clock.now(), terminal_id=ctx.terminal_id, action=audit.VOID, user=cashier,
                             subject=order_no, outcome=outcome, details=details)
                uow.commit()
        except Exception:
            log.exception("void not written to the audit trail", extra=details)

    def _reverse(self, tender: TakenTender) -> str:
        amount = _money(tender.amount_minor, self.currency)
        if tender.kind is TenderKind.CASH:
            return f"cash {amount}: hand it back"
        if tender.kind is TenderKind.PREPAID_CARD:
            self._give_back_prepaid(tender)
            return f"prepaid ****{tender.card_last4} {amount}: credited back"
        refund = getattr(self._terminal(), "refund", None)
        if refund is None:
            raise CheckoutRefused("void_failed", "this card terminal cannot refund; refund on the card terminal itself")
        result = refund(tender.amount_minor, self.currency, tender.reference or "",
                        request_id=self._request_id(tender.step, "v"))
        if not result.approved:
            raise CheckoutRefused("void_failed", result.message or "the card terminal did not refund")
        if tender.request_id is not None:
            _mark_refunded(self.ctx, tender.request_id)
        return f"bank card ****{tender.card_last4} {amount}: refunded"

    def _give_back_prepaid(self, tender: TakenTender) -> None:
        """Credits a debit of this checkout back (journalled before it is sent, under its own
        key), by the debit's transaction id: the platform gives one debit back at most once."""
        key = self._idempotency_key(tender.step, "void")
        reference = f"void {self.target.order.order_no}"[:64]
        journal = self._journal()
        card_journal.before_send(journal, key, CardRequestKind.PREPAID_CREDIT, self.target.order.order_no,
                                 tender.amount_minor, self.currency, reference, parent_id=tender.request_id)
        try:
            answer = self._cards().reverse_card_movement(tender.reference or "", reference, key)
        except PlatformRefused as exc:
            if exc.code == "already_reversed":
                card_journal.credited(journal, key, str((exc.body or {}).get("reversal_id") or ""), tender.card_last4)
                return
            card_journal.not_moved(journal, key)
            raise CheckoutRefused("void_failed", f"the platform did not give the prepaid payment back: {exc.message}",
                                  code=exc.code) from None
        card_journal.credited(journal, key, str(answer.get("transaction_id") or ""), tender.card_last4)

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
            document, printed, error = _print(self.ctx, info, reason)
            if info.copy:
                self.done = replace(done, print_error=error if not printed else None)
            else:
                self.done = replace(done, printed=printed, print_error=error, document=document)
            if info.copy and not printed:
                raise CheckoutRefused("print_failed", error or "the copy was not printed", original=False)
            return self.done


class _Release:
    def __init__(self, lock: threading.Lock) -> None:
        self.lock = lock

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.lock.release()


# -- card requests in storage (unknown outcomes, approvals not in a sale) ---------------------


def _note_request(ctx: CheckoutContext, request_id: str, order_no: str, amount_minor: int, currency: str,
                  reference: str) -> None:
    """Written (committed) before the charge is sent: a charge is never lost, even to kill -9."""
    with ctx.uow() as uow:
        uow.card_requests.add(CardRequest(request_id, ctx.terminal_id, order_no, Money(amount_minor, currency),
                                          reference[:64], created_at=ctx.clock.now()))
        uow.commit()


def _record_outcome(ctx: CheckoutContext, request_id: str, result) -> None:
    """What the card terminal said: approved (kept until its sale is recorded or it is
    refunded) or not charged (result None: refused before charging)."""
    with ctx.uow() as uow:
        request = uow.card_requests.get(request_id)
        if request is None or request.state is not CardRequestState.SENT:
            return
        if result is not None and result.approved:
            request.approved(result.approval_code, result.card_last4, (result.reference or "")[:64] or None,
                             ctx.clock.now())
        else:
            request.not_charged(ctx.clock.now())
        uow.commit()


def _mark_refunded(ctx: CheckoutContext, request_id: str) -> None:
    with ctx.uow() as uow:
        request = uow.card_requests.get(request_id)
        if request is not None and request.state is CardRequestState.APPROVED:
            request.refunded(ctx.clock.now())
            uow.commit()


@dataclass(frozen=True)
class OpenCardRequest:
    """A card charge the cashier must hear about: `state` "sent" (outcome unknown: check the
    card terminal) or "approved" (the buyer was charged, and no sale records it)."""

    request_id: str
    order_no: str
    amount_minor: int
    currency: str
    state: str
    created_at: datetime
    approval_code: str | None = None
    card_last4: str | None = None

    @property
    def unknown(self) -> bool:
        return self.state == CardRequestState.SENT.value


def _view(request: CardRequest) -> OpenCardRequest:
    return OpenCardRequest(request.request_id, request.order_no, request.amount.minor, request.amount.currency,
                           request.state.value, request.created_at, request.approval_code, request.card_last4)


def open_card_requests(ctx: CheckoutContext) -> list[OpenCardRequest]:
    """This terminal's card charges with an unknown outcome or an approval no sale records,
    oldest first. Blocking (a database read): a worker's job."""
    with ctx.uow() as uow:
        return [_view(r) for r in uow.card_requests.open_for_terminal(ctx.terminal_id)]


def resolve_card_request(ctx: CheckoutContext, request_id: str) -> OpenCardRequest:
    """Asks the card terminal what became of a charge whose outcome is unknown and records it.
    Returns the request as it stands now: "approved" (the buyer was charged: complete that
    order's sale by scanning it again, or refund) or "not_charged" (cleared). Raises
    CheckoutRefused("card_outcome_unknown") while the card terminal still cannot tell."""
    with ctx.uow() as uow:
        request = uow.card_requests.get(request_id)
        if request is None or request.terminal_id != ctx.terminal_id:
            raise CheckoutRefused("nothing_to_resolve", f"no card payment {request_id} at this terminal")
        view = _view(request)
        reference = request.reference
    if not view.unknown:
        return view
    if ctx.card_terminal is None:
        raise CheckoutRefused("no_card_terminal", "no card terminal is configured at this counter to ask")
    try:
        result = ctx.card_terminal.resolve(request_id, amount_minor=view.amount_minor, currency=view.currency,
                                           reference=reference)
    except (PaymentError, KeyError) as exc:
        raise CheckoutRefused("card_outcome_unknown", f"the card terminal cannot tell yet what became of the card "
                              f"payment of {_money(view.amount_minor, view.currency)} for order {view.order_no} "
                              f"({getattr(exc, 'message', None) or exc}); check its screen and try again",
                              request_id=request_id, order_no=view.order_no) from None
    _record_outcome(ctx, request_id, result)
    log.info("card payment with unknown outcome resolved", extra={
        "request_id": request_id, "order_no": view.order_no, "approved": bool(result.approved),
        "outcome": getattr(result, "outcome", "")})
    with ctx.uow() as uow:
        return _view(uow.card_requests.get(request_id))


def refund_card_request(ctx: CheckoutContext, request_id: str, approved_by) -> OpenCardRequest:
    """Gives an approved charge that no sale records back to the card (a manager approves)."""
    if approved_by is None or not approved_by.can(Permission.APPROVE):
        raise CheckoutRefused("needs_manager", "a manager must approve a card refund")
    with ctx.uow() as uow:
        request = uow.card_requests.get(request_id)
        if request is None or request.state is not CardRequestState.APPROVED:
            raise CheckoutRefused("nothing_to_refund", f"card payment {request_id} is not an approved charge "
                                  "waiting for its sale")
        view, reference = _view(request), request.card_reference or request.reference
    if ctx.card_terminal is None:
        raise CheckoutRefused("no_card_terminal", "no card terminal is configured at this counter to refund with")
    result = ctx.card_terminal.refund(view.amount_minor, view.currency, reference, request_id=f"{request_id}-r"[:64])
    if not result.approved:
        raise CheckoutRefused("void_failed", result.message or "the card terminal did not refund")
    _mark_refunded(ctx, request_id)
    log.info("unrecorded card payment refunded", extra={"request_id": request_id, "order_no": view.order_no,
                                                        "approved_by": str(getattr(approved_by, "user_id", ""))})
    with ctx.uow() as uow:
        return _view(uow.card_requests.get(request_id))


# -- the last receipt, from the database (after a restart) -------------------------------------


@dataclass(frozen=True)
class StoredReceipt:
    """The terminal's last sale receipt rebuilt from what the database holds. `info.copy` says
    how it prints next: the original while it is still pending (never printed), a copy after."""

    info: ReceiptInfo
    state: PrintState
    copies_printed: int

    @property
    def prints_as_copy(self) -> bool:
        return self.info.copy


def last_sale_receipt(ctx: CheckoutContext) -> StoredReceipt | None:
    """Rebuilds the terminal's last sale receipt (sale, order lines, tenders, cashier) from
    storage, skipping refund receipts printed since; None when the terminal has sold nothing.
    Blocking (a database read): a worker's job."""
    with ctx.uow() as uow:
        receipt = uow.receipts.last_for_terminal(ctx.terminal_id, ReceiptKind.SALE)
        if receipt is None or receipt.sale_id is None:
            return None
        sale = uow.sales.get(receipt.sale_id)
        order = uow.orders.get(sale.order_no) if sale is not None else None
        if sale is None or order is None:
            log.error("receipt without its sale or order", extra={"receipt_no": receipt.receipt_no})
            return None
        cashier = uow.users.get(sale.cashier_id)
        cur = sale.total.currency
        lines = tuple((l.name, l.quantity, l.unit_price.minor, tuple(l.item_codes)) for l in order.lines)
        tenders = tuple(
            TakenTender(t.kind, t.amount.minor, t.tendered.minor if t.kind is TenderKind.CASH else None,
                        t.reference, t.approval_code, t.card_last4, step=i + 1)
            for i, t in enumerate(sale.tenders))
        when = (sale.paid_at or sale.created_at).astimezone(ZoneInfo(ctx.timezone))
        state = receipt.print_state
        info = ReceiptInfo(ctx.store_name, ctx.terminal_id, cashier.display_name if cashier else "",
                           receipt.receipt_no, when, order.merchant_name, order.order_no, cur, lines, tenders,
                           sale.change.minor, copy=state is PrintState.PRINTED)
        return StoredReceipt(info, state, receipt.copies_printed or 0)


def reprint_last_receipt(ctx: CheckoutContext, reason: str = "", *,
                         receipt_no: int | None = None) -> tuple[StoredReceipt, object]:
    """Prints the terminal's last sale receipt from storage: the original once while it is
    still pending (a printer fault before, perhaps before a restart), otherwise a copy marked as
    one, with `reason` logged. `receipt_no`: refuse if the last receipt is another one by now.
    Returns what was printed and its document. Blocking: a worker's job."""
    stored = last_sale_receipt(ctx)
    if stored is None:
        raise CheckoutRefused("nothing_to_print", "this terminal has no sale receipt to print yet")
    info = stored.info
    if receipt_no is not None and info.receipt_no != receipt_no:
        raise CheckoutRefused("nothing_to_print", f"receipt {receipt_no} is no longer this terminal's last one "
                              f"({info.receipt_no} is); reprint again")
    if info.copy:
        log.info("receipt reprinted as a copy", extra={"receipt_no": info.receipt_no, "reason": reason,
                                                       "cashier": ctx.cashier_name,
                                                       "copies_before": stored.copies_printed})
    else:
        log.info("pending receipt printed (the original)", extra={"receipt_no": info.receipt_no})
    document, printed, error = _print(ctx, info, reason)
    if not printed:
        raise CheckoutRefused("print_failed", error or "the receipt was not printed", receipt_no=info.receipt_no,
                              original=not info.copy)  # an original stays pending: the screen says so
    return stored, document


def receipt_state(ctx: CheckoutContext, receipt_no: int) -> PrintState | None:
    with ctx.uow() as uow:
        receipt = uow.receipts.last_for_terminal(ctx.terminal_id, ReceiptKind.SALE)
        if receipt is None or receipt.receipt_no != receipt_no:
            return None
        return receipt.print_state


def _print(ctx: CheckoutContext, info: ReceiptInfo, reason: str = "") -> tuple[object, bool, str | None]:
    """Renders and prints; a fault leaves the receipt pending. Returns (document, printed, error).
    A copy is audited as a reprint by the cashier, with `reason`."""
    return print_committed(ctx.render_receipt, ctx.printer, info, uow_factory=ctx.uow, terminal_id=ctx.terminal_id,
                           kind=ReceiptKind.SALE, receipt_no=info.receipt_no, reason=reason, clock=ctx.clock,
                           user=audit.Actor(ctx.cashier_id, ctx.cashier_name))
