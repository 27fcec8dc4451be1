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
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from zoneinfo import ZoneInfo

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model import CardRequestState, Permission, PrintState, TenderKind, User
from pos_terminal.ids import uuid7
from pos_terminal.money import format_money
from pos_terminal.ports import CardOutcome, CardResult, CardTerminal, UnitOfWork
from pos_terminal.security import mask_card_numbers
from pos_terminal.services import audit, card_journal, counter_money, orders, printing
from pos_terminal.services.card_requests import (  # re-exported (__all__)
    OpenCardRequest,
    open_card_requests,
    refund_card_request,
    resolve_card_request,
)
from pos_terminal.services.checkout_prepaid import PrepaidTenders
from pos_terminal.services.checkout_types import (  # re-exported (__all__)
    CheckoutContext,
    CheckoutDone,
    CheckoutRefused,
    ReceiptInfo,
    Release,
    TakenTender,
    claim_params,
    mask,
)
from pos_terminal.services.orders import PaymentTarget
from pos_terminal.services.sale_receipt import (  # re-exported (__all__)
    StoredReceipt,
    last_sale_receipt,
    print_sale_receipt,
    receipt_state,
    reprint_last_receipt,
)
from pos_terminal.services.sales import RecordSale, SaleRecorded, record_sale
from pos_terminal.services.users import SignedIn

log = logging.getLogger(__name__)

__all__ = ["CheckoutContext", "CheckoutDone", "CheckoutRefused", "CheckoutSession", "OpenCardRequest", "ReceiptInfo",
           "StoredReceipt", "TakenTender", "last_sale_receipt", "mask", "open_card_requests", "receipt_state",
           "refund_card_request", "reprint_last_receipt", "resolve_card_request"]


# (request_id, order_no, amount_minor, currency, state, card_reference, approval_code, card_last4)
CardRow = tuple[str, str, int, str, CardRequestState, "str | None", "str | None", "str | None"]


def open_card_rows(uow: UnitOfWork, terminal_id: str) -> list[CardRow]:
    """This terminal's open bank-card requests as plain rows, read while `uow` is open: what
    `CheckoutSession.adopt_card_requests` works on (given at construction, it reads none itself)."""
    return list(uow.card_requests.open_rows(terminal_id))  # plain rows, none of them loaded as objects


class CheckoutSession(PrepaidTenders):
    def __init__(self, target: PaymentTarget, ctx: CheckoutContext, *, session_id: str | None = None,
                 card_rows: list[CardRow] | None = None) -> None:
        """`card_rows`: open_card_rows() read with the order's "paid here?" check (one session for
        both); the first adopt_card_requests() uses them instead of reading again."""
        self.target = target
        self._card_rows = card_rows
        self.ctx = ctx
        self.id = session_id or uuid7().hex
        self.tenders: list[TakenTender] = []
        self.done: CheckoutDone | None = None
        self.cancelled = False
        # (request_id, amount, step) of a charge whose outcome is unknown; step None: another session's
        self.unresolved_card: tuple[str, int, int | None] | None = None
        self._pending_prepaid = None  # (step, card_no, amount) of a debit whose outcome is unknown
        self._steps = 0
        self._lock = threading.Lock()
        self.claim_lost: PaymentError | None = None  # why the platform's claim was lost (no more tenders)
        self.void_slip: printing.VoidSlipPrinted | None = None  # after a cancel that gave money back

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
                                  **claim_params(self.claim_lost))

    def _locked(self) -> Release:
        if not self._lock.acquire(blocking=False):
            raise CheckoutRefused("busy", "another step of this checkout is still running; wait for it")
        return Release(self._lock)

    def _check_amount(self, amount_minor: int) -> None:
        if not isinstance(amount_minor, int) or amount_minor <= 0:
            raise CheckoutRefused("over_amount", f"the amount must be positive, got {amount_minor!r}")
        if amount_minor > self.remaining_minor:
            raise CheckoutRefused("over_amount", f"{format_money(amount_minor, self.currency)} is more than the "
                                  f"{format_money(self.remaining_minor, self.currency)} still due",
                                  remaining_minor=self.remaining_minor)

    # -- the platform's claim ------------------------------------------------------------------
    @property
    def renews_claim(self) -> bool:
        """True while the order is on screen with an online claim that should be kept alive."""
        return (not self.target.offline and self.target.claimed_until is not None and self.done is None
                and not self.cancelled and self.claim_lost is None
                and self.ctx.platform_for(self.target.platform_id) is not None)

    def renew_claim(self) -> PaymentTarget:
        """Extends this terminal's claim on the order (a platform call; not serialised with the
        tender steps, which may be waiting for a card meanwhile). Returns the renewed target.
        PlatformUnavailable propagates: the caller retries. A refusal (the order is claimed by
        another terminal, paid, expired or cancelled) sets `claim_lost` and raises
        CheckoutRefused("claim_lost"): no further tender is taken."""
        platform = self.ctx.platform_for(self.target.platform_id)
        if not self.renews_claim or platform is None:
            return self.target
        try:
            target = orders.renew_claim(self.target, platform, self.ctx.claim_ttl_s)
        except PaymentError as exc:  # PaymentCodeRefused or AlreadyPaid: the order went elsewhere
            if self.done is not None:
                return self.target
            self.claim_lost = exc
            log.warning("claim renewal refused; no further tenders",
                        extra={"order_no": self.target.order.order_no, "error": exc.message,
                               "tenders_taken": len(self.tenders)})
            raise CheckoutRefused("claim_lost", f"order {self.target.order.order_no} is no longer held for this "
                                  f"terminal: {exc.message}", **claim_params(exc)) from None
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
                return self._resolve(terminal, self.unresolved_card)
            self._check_amount(amount_minor)
            earlier = self._settle_earlier_requests(terminal)
            if earlier is not None:
                return earlier
            step = self._step()
            request_id = self._request_id(step)
            reference = f"{self.target.order.order_no}-{step}"
            card_journal.note_charge(self.ctx.journal(), request_id, self.target.order.order_no, amount_minor, self.currency, reference)
            try:
                result = terminal.charge(amount_minor, self.currency, reference, request_id=request_id)
            except PaymentError as exc:
                if exc.code == "card_outcome_unknown":
                    self.unresolved_card = (request_id, amount_minor, step)
                    raise CheckoutRefused("card_outcome_unknown", exc.message, request_id=request_id) from None
                card_journal.charge_outcome(self.ctx.journal(), request_id, None)  # refused before charging
                raise
            return self._card_result(result, step, amount_minor, request_id)

    def adopt_card_requests(self) -> list[TakenTender]:
        """Takes over this order's card requests left by an earlier session (before a restart,
        say): an approved charge becomes a tender of this session (the buyer paid it already);
        one whose outcome is unknown must be resolved before any new charge. Returns the
        tenders taken over. Blocking (a database read): a worker's job."""
        with self._locked():
            self._check_open()
            rows, self._card_rows = self._card_rows, None  # read with the "paid here?" check, if at all
            if rows is None:
                with self.ctx.uow() as uow:
                    rows = open_card_rows(uow, self.ctx.terminal_id)
            adopted: list[TakenTender] = []
            for rid, order_no, amount, currency, state, reference, code, last4 in rows:
                if order_no != self.target.order.order_no or currency != self.currency:
                    continue
                if any(t.request_id == rid for t in self.tenders):
                    continue
                if state is CardRequestState.SENT:
                    if self.unresolved_card is None:
                        self.unresolved_card = (rid, amount, None)
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
                    "card_earlier_unknown", f"an earlier card payment of {format_money(amount, currency)} for order "
                    f"{order_no} still has an unknown outcome ({getattr(exc, 'message', None) or exc}); check the "
                    "card terminal and resolve it before charging another card",
                    order_no=order_no, amount_minor=amount, currency=currency, request_id=rid) from None
            card_journal.charge_outcome(self.ctx.journal(), rid, result)
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
                "card_earlier_approved", f"an earlier card payment of {format_money(amount, currency)} for order {order_no} "
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
            return self._resolve(self._terminal(), self.unresolved_card)

    def _resolve(self, terminal: CardTerminal, unresolved: tuple[str, int, int | None]) -> TakenTender:
        """Asks about `unresolved`, the session's unresolved_card."""
        request_id, amount_minor, step = unresolved
        try:
            result = terminal.resolve(request_id, amount_minor=amount_minor, currency=self.currency)
        except PaymentError as exc:
            raise CheckoutRefused("card_outcome_unknown", exc.message, request_id=request_id) from None
        except KeyError:  # a terminal that cannot ask (a standalone one after a restart)
            raise CheckoutRefused("card_outcome_unknown", "this card terminal cannot be asked about that payment; "
                                  "check its screen or slip", request_id=request_id) from None
        self.unresolved_card = None
        return self._card_result(result, step if step is not None else self._step(), amount_minor, request_id)

    def _card_result(self, result: CardResult, step: int, amount_minor: int,
                     request_id: str | None = None) -> TakenTender:
        told = result.outcome if isinstance(result, CardOutcome) else ""
        outcome = told or ("approved" if result.approved else "declined")
        if request_id is not None:
            try:
                card_journal.charge_outcome(self.ctx.journal(), request_id, result)
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
                raise CheckoutRefused("not_covered", f"{format_money(self.remaining_minor, self.currency)} is still due",
                                      remaining_minor=self.remaining_minor)
            ctx, target = self.ctx, self.target
            cmd = RecordSale(ctx.terminal_id, ctx.store_id, ctx.cashier_id, target.order,
                             tuple(t.spec() for t in self.tenders), voucher_id=target.voucher_id,
                             offline=target.offline,
                             card_requests=tuple(t.request_id for t in self.tenders if t.request_id),
                             timezone=ctx.timezone, day_change_hour=ctx.day_change_hour)
            recorded = record_sale(cmd, ctx.uow(), ctx.clock)
            log.info("sale recorded", extra={"order_no": target.order.order_no, "receipt_no": recorded.receipt_no,
                                             "tenders": [t.kind.value for t in self.tenders]})
            if ctx.after_commit is not None:
                try:
                    ctx.after_commit()
                except Exception:
                    log.exception("after-commit hook failed")
            info = self._receipt_info(recorded)
            document, printed, print_error = print_sale_receipt(ctx, info)
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

    def cancel(self, approved_by: SignedIn | None = None, reason: str = "cancelled at the counter") -> list[str]:
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
            # {kind, amount_minor} of each tender given back: the reports count them
            given_back: list[dict[str, object]] = []
            voided: list[TakenTender] = []  # for the void slip
            if self._pending_prepaid is not None:  # a debit of unknown outcome: learn it before giving back
                self._learn_pending_prepaid(self._pending_prepaid)
            taken_minor = self.paid_minor  # money was taken: giving it back is a void (audited)
            failures: list[str] = []
            for tender in list(self.tenders):
                try:
                    reversed_.append(self._reverse(tender))
                    given_back.append({"kind": tender.kind.value, "amount_minor": tender.amount_minor})
                    voided.append(tender)
                    self.tenders.remove(tender)
                except Exception as exc:
                    failures.append(f"{tender.kind.value} {format_money(tender.amount_minor, self.currency)}: "
                                    f"{getattr(exc, 'message', None) or exc}")
            if failures:
                if taken_minor:
                    self._audit_void(approved_by, reason, taken_minor, reversed_, audit.FAILED, failures,
                                     given_back=given_back)
                raise CheckoutRefused("void_failed", "could not reverse " + "; ".join(failures) +
                                      ". Nothing else was undone twice; try cancelling again.", reversed=reversed_)
            if taken_minor:
                self._audit_void(approved_by, reason, taken_minor, reversed_, audit.OK, given_back=given_back)
                self.void_slip = self._print_void_slip(approved_by, reason, voided)
            self.cancelled = True
            owner = self.ctx.platform_for(self.target.platform_id)
            if owner is not None:
                orders.release_payment(self.target, owner)
            approver_id = str(approved_by.user_id) if approved_by is not None else None
            log.info("checkout cancelled", extra={"order_no": self.target.order.order_no, "reason": reason,
                                                  "approved_by": approver_id, "reversed": reversed_})
            return reversed_

    def _print_void_slip(self, approved_by: SignedIn | None, reason: str,
                         voided: Sequence[TakenTender]) -> printing.VoidSlipPrinted:
        """The void slip (services.printing): the money is back already; a printer fault only says so."""
        ctx, order = self.ctx, self.target.order
        info = printing.void_slip_info(
            store_name=ctx.store_name, terminal_id=ctx.terminal_id, cashier_name=ctx.cashier_name,
            manager_name=approved_by.display_name if approved_by is not None else None, at=ctx.clock.now(),
            timezone=ctx.timezone, merchant_name=order.merchant_name, order_no=order.order_no, currency=self.currency,
            given_back=voided, reason="" if reason == "cancelled at the counter" else reason)
        return printing.print_void_slip(ctx.render_void_slip, ctx.printer, info)

    def _audit_void(self, approved_by: SignedIn | None, reason: str, taken_minor: int, reversed_: list[str],
                    outcome: str, failures: Sequence[str] = (), *,
                    given_back: Sequence[dict[str, object]] = ()) -> None:
        """The void in the audit trail. The reversals happened on devices and the platform, outside
        any transaction, so the entry follows them; if it cannot be written the log keeps it."""
        ctx, order_no = self.ctx, self.target.order.order_no
        details: dict[str, object] = {
            "order_no": order_no, "reason": reason, "amount_minor": taken_minor, "currency": self.currency,
            "manager": approved_by.username if approved_by is not None else None,
            "manager_id": str(approved_by.user_id) if approved_by is not None else None, "reversed": list(reversed_),
            "given_back": [dict(g) for g in given_back],  # what the X/Z reports count (services.reports)
            "ref": self.id}  # the void's ref in the day statements (services.counter_money)
        if failures:
            details["failed"] = list(failures)
        try:
            with ctx.uow() as uow:
                cashier: User | audit.Actor = uow.users.get(ctx.cashier_id) or audit.Actor(ctx.cashier_id,
                                                                                          ctx.cashier_name)
                now = ctx.clock.now()
                audit.record(uow, at=now, terminal_id=ctx.terminal_id, action=audit.VOID, user=cashier,
                             subject=order_no, outcome=outcome, details=details)
                if outcome == audit.OK and given_back:  # the money given back: the platform learns it, once
                    self._tell_void(uow, now, given_back)
                uow.commit()
        except Exception:
            log.exception("void not written to the audit trail", extra=details)
            return
        if outcome == audit.OK and given_back and ctx.after_commit is not None:
            try:  # the void's message goes to the platform now, not at the worker's next poll
                ctx.after_commit()
            except Exception:
                log.exception("after-commit hook failed")

    def _tell_void(self, uow: UnitOfWork, now: datetime, given_back: Sequence[dict[str, object]]) -> None:
        """The void's outbox message (services.counter_money), in the audit entry's transaction."""
        ctx = self.ctx
        tenders = [(str(g["kind"]), int(str(g["amount_minor"]))) for g in given_back]
        payload = counter_money.movement_payload(
            kind="void", ref=self.id, order_no=self.target.order.order_no, tenders=tenders, currency=self.currency,
            at=now, business_date=counter_money.business_date_at(uow, ctx.terminal_id, ctx.timezone,
                                                                 ctx.day_change_hour, now),
            store_id=ctx.store_id, terminal_id=ctx.terminal_id,
            platform_id=self.target.platform_id,
            given_back=[dict(g) for g in given_back])
        counter_money.queue(uow, counter_money.VOID_TOPIC, payload, now, ctx.terminal_id)

    def _reverse(self, tender: TakenTender) -> str:
        amount = format_money(tender.amount_minor, self.currency)
        if tender.kind is TenderKind.CASH:
            return f"cash {amount}: hand it back"
        if tender.kind is TenderKind.PREPAID_CARD:
            self._give_back_prepaid(tender)
            return f"prepaid ****{tender.card_last4} {amount}: credited back"
        result = self._terminal().refund(tender.amount_minor, self.currency, tender.reference or "",
                        request_id=self._request_id(tender.step, "v"))
        if not result.approved:
            raise CheckoutRefused("void_failed", result.message or "the card terminal did not refund")
        if tender.request_id is not None:
            card_journal.charge_refunded(self.ctx.journal(), tender.request_id)
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
            document, printed, error = print_sale_receipt(self.ctx, info, reason)
            if info.copy:
                self.done = replace(done, print_error=error if not printed else None)
            else:
                self.done = replace(done, printed=printed, print_error=error, document=document)
            if info.copy and not printed:
                raise CheckoutRefused("print_failed", error or "the copy was not printed", original=False)
            return self.done

