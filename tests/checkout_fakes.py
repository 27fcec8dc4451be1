"""Fakes for the checkout service: a printer that can fault, a card terminal with the
CardOutcomeUnknown behaviour, and prepaid cards on the FakePlatform (idempotent by key, as the
real platform is)."""

from __future__ import annotations

from dataclasses import dataclass

from pos_terminal.domain.errors import PaymentError
from pos_terminal.ports import DeviceState, DeviceStatus, PlatformRefused, PlatformUnavailable
from tests.fakes import FakePlatform


class FakePrinter:
    kind = "printer"

    def __init__(self, fault: str | None = None) -> None:
        self.fault = fault
        self.printed: list = []

    def open(self):
        return DeviceStatus("printer", DeviceState.READY, "fake")

    def close(self):
        pass

    def status(self):
        return DeviceStatus("printer", DeviceState.READY, "fake")

    def print_document(self, document):
        if self.fault:
            raise RuntimeError(self.fault)
        self.printed.append(document)


@dataclass(frozen=True)
class FakeCardResult:
    approved: bool
    approval_code: str | None
    reference: str | None
    card_last4: str | None
    message: str = ""
    outcome: str = ""
    request_id: str = ""


class FakeOutcomeUnknown(PaymentError):
    code = "card_outcome_unknown"


class FakeCardTerminal:
    """mode: approve | decline | unknown (the charge happens but the answer is lost: raises
    like CardOutcomeUnknown; resolve() then tells the truth)."""

    kind = "card_terminal"

    def __init__(self, mode: str = "approve") -> None:
        self.mode = mode
        self.charges: dict[str, tuple] = {}  # request_id -> (amount, approved)
        self.refunds: list[tuple] = []
        self.calls: list[tuple] = []

    def open(self):
        return DeviceStatus("card_terminal", DeviceState.READY, "fake")

    def close(self):
        pass

    def status(self):
        return DeviceStatus("card_terminal", DeviceState.READY, "fake")

    def _result(self, request_id, approved):
        if approved:
            return FakeCardResult(True, "A1B2C3", f"REF-{request_id}", "4242", "approved", "approved", request_id)
        return FakeCardResult(False, None, f"REF-{request_id}", None, "Declined: insufficient funds", "declined",
                              request_id)

    def charge(self, amount_minor, currency, reference, *, request_id=None):
        self.calls.append(("charge", request_id, amount_minor))
        if request_id in self.charges:  # idempotent per request_id, like the real terminal
            return self._result(request_id, self.charges[request_id][1])
        approved = self.mode != "decline"
        self.charges[request_id] = (amount_minor, approved)
        if self.mode == "unknown":
            raise FakeOutcomeUnknown("no answer from the card terminal", request_id=request_id)
        return self._result(request_id, approved)

    def resolve(self, request_id, **_recorded):
        self.calls.append(("resolve", request_id))
        if request_id not in self.charges:
            return FakeCardResult(False, None, None, None, "not charged", "not_charged", request_id)
        return self._result(request_id, self.charges[request_id][1])

    def refund(self, amount_minor, currency, original_reference, *, request_id=None):
        self.refunds.append((amount_minor, original_reference, request_id))
        return FakeCardResult(True, "R00001", original_reference, "4242", "refunded", "approved", request_id)

    def last_transaction(self):
        return None


class FakeCardsPlatform(FakePlatform):
    """FakePlatform with prepaid cards. `lose_next_answer`: the next debit happens on the
    'platform' but the terminal sees PlatformUnavailable (a timeout after the fact)."""

    def __init__(self, *a, **kw) -> None:
        super().__init__(*a, **kw)
        self.cards: dict[str, int] = {"8800000000000001": 50_000, "8800000000000002": 1_000}
        self.blocked: set[str] = set()
        self.card_answers: dict[str, tuple] = {}  # key -> (body, answer)
        self.moves: list[tuple] = []
        self.movements: dict[str, dict] = {}  # transaction id -> movement (as the platform lists it)
        self.lose_next_answer = False
        # the holders' PINs, checked as the sandbox does: 5 wrong in a row lock the card
        self.pins: dict[str, str] = {"8800000000000001": "2580", "8800000000000002": "1357"}
        self.pin_failures: dict[str, int] = {}
        self.pins_seen: list[str] = []  # every PIN the terminal sent (tests check it is the one typed)

    def _check_pin(self, card_no, pin):
        self.pins_seen.append(pin)
        if card_no not in self.cards:
            raise PlatformRefused("unknown_card", "no card", status=404)
        failures = self.pin_failures.get(card_no, 0)
        if failures >= 5:
            raise PlatformRefused("pin_locked", "locked", status=423, body={"error": "pin_locked"})
        if pin != self.pins.get(card_no):
            self.pin_failures[card_no] = failures + 1
            if failures + 1 >= 5:
                raise PlatformRefused("pin_locked", "locked", status=423, body={"error": "pin_locked"})
            raise PlatformRefused("wrong_pin", "wrong PIN", status=403,
                                  body={"error": "wrong_pin", "attempts_left": 5 - failures - 1})
        self.pin_failures[card_no] = 0

    def get_card(self, card_no, pin):
        self._enter("get_card", card_no[-4:])
        self._check_pin(card_no, pin)
        return {"card_no": card_no, "balance_minor": self.cards[card_no], "currency": "CNY",
                "active": card_no not in self.blocked}

    def _move(self, kind, card_no, amount, currency, reference, key, reverses=None):
        self._enter(kind, card_no[-4:], amount, key)
        body = (kind, card_no, amount, currency)
        if key in self.card_answers:
            first_body, answer = self.card_answers[key]
            if first_body != body:
                raise PlatformRefused("idempotency_key_reused", "same key, other body", status=422)
            return answer
        if card_no not in self.cards:
            raise PlatformRefused("unknown_card", "no card", status=404)
        if card_no in self.blocked:
            raise PlatformRefused("card_inactive", "blocked", status=409)
        balance = self.cards[card_no] + (amount if kind == "credit" else -amount)
        if balance < 0:
            raise PlatformRefused("insufficient_funds", "short", status=409,
                                  body={"error": "insufficient_funds", "balance_minor": self.cards[card_no]})
        self.cards[card_no] = balance
        self.moves.append((kind, card_no[-4:], amount))
        answer = {"transaction_id": f"tx-{len(self.moves)}", "balance_minor": balance, "amount_minor": amount}
        self.movements[answer["transaction_id"]] = {
            "transaction_id": answer["transaction_id"], "kind": kind, "amount_minor": amount, "currency": currency,
            "card_last4": card_no[-4:], "reference": reference, "idempotency_key": key, "reverses": reverses,
            "_card_no": card_no}
        self.card_answers[key] = (body, answer)
        if self.lose_next_answer:
            self.lose_next_answer = False
            raise PlatformUnavailable("platform unreachable: read timed out")
        return answer

    def debit_card(self, card_no, amount_minor, currency, reference, idempotency_key, pin):
        if idempotency_key not in self.card_answers:  # a replay answers before the PIN, as the sandbox does
            self._check_pin(card_no, pin)
        return self._move("debit", card_no, amount_minor, currency, reference, idempotency_key)

    def credit_card(self, card_no, amount_minor, currency, reference, idempotency_key):
        return self._move("credit", card_no, amount_minor, currency, reference, idempotency_key)

    def _public(self, move):
        return {k: v for k, v in move.items() if not k.startswith("_")}

    def card_movement(self, idempotency_key):
        self._enter("card_movement", idempotency_key)
        for move in self.movements.values():
            if move["idempotency_key"] == idempotency_key:
                return self._public(move)
        raise PlatformRefused("unknown_movement", "no movement under this key", status=404)

    def reverse_card_movement(self, transaction_id, reference, idempotency_key):
        self._enter("reverse_card_movement", transaction_id, idempotency_key)
        if idempotency_key in self.card_answers:
            return self.card_answers[idempotency_key][1]
        debit = self.movements.get(transaction_id)
        if debit is None or debit["kind"] != "debit":
            raise PlatformRefused("unknown_movement", "no such debit", status=404)
        earlier = next((m for m in self.movements.values() if m["reverses"] == transaction_id), None)
        if earlier is not None:
            raise PlatformRefused("already_reversed", "given back already", status=409,
                                  body={"error": "already_reversed", "reversal_id": earlier["transaction_id"]})
        answer = self._move("credit", debit["_card_no"], debit["amount_minor"], debit["currency"], reference,
                            idempotency_key, reverses=transaction_id)
        return answer | {"card_last4": debit["card_last4"]}

    def card_movements(self, business_date, timezone):
        self._enter("card_movements", business_date)
        return {"business_date": business_date, "timezone": timezone,
                "movements": [self._public(m) for m in self.movements.values()]}

