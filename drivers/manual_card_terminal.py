"""The manual card terminal: a standalone card terminal the cashier charges on, keying the
approval code and the card's last four digits into the POS through a handler that ui/
implements (ManualApprovalHandler). Split from drivers.card_terminal (which re-exports these
names); the same rules: nothing more of a card than its last four digits, one transaction at a
time, every call but status() may block (a cashier at a dialog): call it on a worker."""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from typing import Protocol

from drivers.card_common import (
    CardRequest,
    CardTransaction,
    check_amount,
    log_fields,
    result_fields,
)
from drivers.card_protocol import DayReport
from pos_terminal.domain.errors import CardOutcomeUnknown
from pos_terminal.ids import uuid7
from pos_terminal.ports import DeviceState, DeviceStatus

log = logging.getLogger(__name__)


# ----------------------------------------------------------------------------- manual mode


class InvalidManualApproval(ValueError):
    """What the cashier keyed in is not an approval; the message says what to type (and never
    repeats what was typed, which could be a whole card number)."""

    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.message = message
        self.field = field  # "approval_code" or "card_last4"


@dataclass(frozen=True)
class ManualApproval:
    approval_code: str
    card_last4: str = field(repr=False)

    def __repr__(self) -> str:  # a mistyped whole card number must not reach a log by repr
        last4 = self.card_last4 if re.fullmatch(r"[0-9]{4}", self.card_last4 or "") else "(not 4 digits)"
        return f"ManualApproval(approval_code={self.approval_code!r}, card_last4={last4!r})"


class ManualApprovalHandler(Protocol):
    def ask_manual_approval(self, amount_minor: int, currency: str, *, kind: str = "sale",
                            problem: str = "") -> ManualApproval | None:
        """Asks the cashier for the approval code and last four digits that the standalone card
        terminal showed for this `kind` ("sale" or "refund") of `amount_minor`. Called on the
        worker running charge()/refund() and blocks until the cashier answers (ui/: emit a
        signal, wait on an event). `problem` (when not empty) says why the previous answer was
        refused. None: the cashier cancelled."""
        ...


_APPROVAL_CODE = re.compile(r"^[A-Z0-9]{1,12}$")


def parse_manual_approval(approval_code: str, card_last4: str) -> ManualApproval:
    """Normalises and checks what the cashier typed (also usable by the dialog as they type).
    Liberal: spaces, dashes and case are ignored in the code; "**** 1234" is read as 1234."""
    code = re.sub(r"[\s-]", "", approval_code or "").upper()
    if not code:
        raise InvalidManualApproval("Type the approval code printed on the card terminal's slip "
                                    "(usually 6 letters or digits).", "approval_code")
    if not _APPROVAL_CODE.match(code):
        raise InvalidManualApproval("The approval code holds letters and digits only, at most 12 "
                                    "(usually 6), as printed on the card terminal's slip.", "approval_code")
    digits = re.sub(r"[\s*xX•-]", "", card_last4 or "")
    if digits.isdigit() and len(digits) > 4:
        raise InvalidManualApproval("Type only the last four digits of the card, never the whole number.",
                                    "card_last4")
    if not re.fullmatch(r"[0-9]{4}", digits):
        raise InvalidManualApproval("The card's last four digits must be exactly 4 digits (0-9).", "card_last4")
    return ManualApproval(code, digits)


class ManualCardTerminal:
    """The standalone card terminal: the cashier charges on it, then keys in its approval."""

    kind = "card_terminal"
    MAX_ASKS = 5

    def __init__(self, handler: ManualApprovalHandler | None = None, *, clock=None) -> None:
        self.handler = handler  # set by the screen that asks the cashier (ui/); None: nobody can answer
        self._clock = clock
        self._lock = threading.Lock()
        self._last: CardTransaction | None = None
        self._unresolved: dict[str, CardRequest] = {}
        self._status = DeviceStatus(self.kind, DeviceState.CLOSED, "manual")

    def open(self) -> DeviceStatus:
        self._status = DeviceStatus(self.kind, DeviceState.READY, "manual",
                                    "standalone card terminal: charge on it, then key in its approval code and "
                                    "the card's last four digits")
        return self._status

    def close(self) -> None:
        self._status = DeviceStatus(self.kind, DeviceState.CLOSED, "manual")

    def status(self) -> DeviceStatus:
        return self._status

    def charge(self, amount_minor: int, currency: str, reference: str, *, request_id: str | None = None) -> CardTransaction:
        check_amount(amount_minor, currency)
        return self._ask(CardRequest("sale", request_id or uuid7().hex, amount_minor, currency, reference, self._now()))

    def refund(self, amount_minor: int, currency: str, original_reference: str, *,
               request_id: str | None = None) -> CardTransaction:
        check_amount(amount_minor, currency)
        return self._ask(CardRequest("refund", request_id or uuid7().hex, amount_minor, currency, original_reference,
                                  self._now()))

    def resolve(self, request_id: str, *, amount_minor: int | None = None, currency: str | None = None,
                reference: str | None = None) -> CardTransaction:
        """Asks the cashier again for an approval that could not be recorded. After a restart this
        object has forgotten the request: with the amount recorded before it was sent, the cashier
        is asked all the same (key in the approval from the terminal's slip, or cancel: not charged)."""
        req = self._unresolved.get(request_id)
        if req is not None:
            return self._ask(req)
        if amount_minor is None:
            raise KeyError(f"no card payment with unknown outcome has request id {request_id}")
        check_amount(amount_minor, currency or "CNY")
        req = CardRequest("sale", request_id, amount_minor, currency or "CNY", reference or request_id, self._now())
        return self._ask(req, problem="The terminal restarted before this card payment was recorded. If the standalone "
                                      "card terminal approved it (see its slip), key in its approval; if not, cancel.")

    def unresolved(self) -> list[str]:
        return list(self._unresolved)

    def last_transaction(self) -> CardTransaction | None:
        return self._last

    def day_report(self, day: date | None = None, currency: str = "CNY") -> DayReport | None:
        """None: a standalone terminal prints its own day report; compare with that slip."""
        return None

    def _ask(self, req: CardRequest, problem: str = "") -> CardTransaction:
        with self._lock:
            for _ in range(self.MAX_ASKS):
                if self.handler is None:
                    self._unresolved.pop(req.request_id, None)
                    return CardTransaction(False, None, req.reference, None,
                                           "no screen is attached to key in the standalone terminal's approval",
                                           request_id=req.request_id, kind=req.kind, outcome="not_charged",
                                           amount_minor=req.amount_minor, currency=req.currency)
                answer = self.handler.ask_manual_approval(req.amount_minor, req.currency, kind=req.kind,
                                                           problem=problem)
                if answer is None:
                    self._unresolved.pop(req.request_id, None)
                    log.info("manual card request cancelled by the cashier", extra=log_fields(req))
                    return CardTransaction(False, None, req.reference, None, "cancelled by the cashier",
                                           request_id=req.request_id, kind=req.kind, outcome="cancelled",
                                           amount_minor=req.amount_minor, currency=req.currency)
                try:
                    approval = parse_manual_approval(answer.approval_code, answer.card_last4)
                except InvalidManualApproval as exc:
                    problem = exc.message
                    log.info("manual approval refused", extra={**log_fields(req), "problem": exc.field})
                    continue
                result = CardTransaction(True, approval.approval_code, req.reference, approval.card_last4,
                                         "approved on the standalone card terminal (keyed in)",
                                         request_id=req.request_id, kind=req.kind, outcome="approved",
                                         amount_minor=req.amount_minor, currency=req.currency,
                                         at=self._now().isoformat())
                self._unresolved.pop(req.request_id, None)
                self._last = result
                log.info("manual card request approved", extra={**log_fields(req), **result_fields(result)})
                return result
            self._unresolved[req.request_id] = req
        raise CardOutcomeUnknown(
            f"The approval of the {req.describe()} was not keyed in correctly ({problem}). If the standalone card "
            "terminal approved it, key its approval in again; do NOT charge the card again.",
            request_id=req.request_id, amount_minor=req.amount_minor, currency=req.currency, reference=req.reference)

    def _now(self) -> datetime:
        return self._clock.now() if self._clock is not None else datetime.now(timezone.utc)
