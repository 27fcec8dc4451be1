"""The prepaid-card tender of a checkout: the card read, its PIN checked for form, the balance
asked, the debit journalled (services.card_journal) before it is sent under an Idempotency-Key
derived from the session and the step, and on a cancel the debit credited back by its
transaction id. CheckoutSession takes these steps from `PrepaidTenders`.

Threading rule: every platform step blocks: a worker's job (the session's lock serialises them)."""

from __future__ import annotations

import logging
from abc import abstractmethod

from pos_terminal.domain.model import CardRequestKind, TenderKind
from pos_terminal.money import format_money
from pos_terminal.ports import PlatformClient, PlatformRefused, PlatformUnavailable
from pos_terminal.scan_codes import ScanKind, classify
from pos_terminal.services import card_journal
from pos_terminal.services.checkout_types import CheckoutContext, CheckoutRefused, Release, TakenTender, mask
from pos_terminal.services.orders import PaymentTarget

log = logging.getLogger("pos_terminal.services.checkout")


class PrepaidTenders:
    """The prepaid steps of CheckoutSession (a mixin: it uses the session's target, context,
    tenders, lock and step counter, declared here and provided by CheckoutSession)."""

    target: PaymentTarget
    ctx: CheckoutContext
    id: str
    tenders: list[TakenTender]
    _pending_prepaid: tuple[int, str, int] | None  # (step, card_no, amount) of a debit whose outcome is unknown

    @property
    @abstractmethod
    def currency(self) -> str: ...

    @abstractmethod
    def _locked(self) -> Release: ...

    @abstractmethod
    def _check_open(self) -> None: ...

    @abstractmethod
    def _check_amount(self, amount_minor: int) -> None: ...

    @abstractmethod
    def _step(self) -> int: ...

    def _cards(self) -> PlatformClient:
        platform = self.ctx.platform
        if platform is None:
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
                        "prepaid_pending", f"the debit of {format_money(pending_amount, self.currency)} from card "
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

    def _learn_pending_prepaid(self, pending: tuple[int, str, int]) -> None:
        """The debit whose answer was lost (`pending`, the session's _pending_prepaid), asked of
        the platform by its Idempotency-Key (the holder's PIN is not kept, so it cannot be sent
        again): one that happened becomes a taken tender (the cancel then gives it back), one that
        did not is closed in the journal. The platform still unreachable: CheckoutRefused, nothing
        changed; cancel again later."""
        step, card_no, amount_minor = pending
        key = self._idempotency_key(step)
        journal = self._journal()
        try:
            move = self._cards().card_movement(key)
        except PlatformRefused as exc:
            if exc.code != "unknown_movement":
                raise CheckoutRefused("prepaid_refused", f"the platform refused to say whether the prepaid debit "
                                      f"happened ({exc.code}); cancel again later", card=mask(card_no)) from None
            move = None
        except PlatformUnavailable as exc:
            raise CheckoutRefused("prepaid_offline", f"the debit of {format_money(amount_minor, self.currency)} from "
                                  f"card {mask(card_no)} has an unknown outcome and the platform cannot be reached "
                                  f"({exc.message}); cancel again when it answers", card=mask(card_no)) from None
        self._pending_prepaid = None
        if move is None:
            card_journal.not_moved(journal, key)
            return
        tx = str(move.get("transaction_id") or "")
        card_journal.debited(journal, key, tx, card_no[-4:])
        reference = f"{self.target.order.order_no}/{self.id[-8:]}-{step}"
        self.tenders.append(TakenTender(TenderKind.PREPAID_CARD, amount_minor, None, (tx or reference)[:64], None,
                                        card_no[-4:], step, None, request_id=key))

    def _card_refusal(self, exc: PlatformRefused, card_no: str, amount_minor: int | None = None) -> CheckoutRefused:
        body = exc.body or {}
        if exc.code == "insufficient_funds":
            balance = body.get("balance_minor")
            shown = format_money(int(balance), self.currency) if balance is not None else "less"
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

