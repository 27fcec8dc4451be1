"""A refund case: intake at the counter, the platform's decision, the payout."""

from __future__ import annotations

import enum
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model._common import require_aware as _require_aware
from pos_terminal.ids import uuid7
from pos_terminal.money import Money


class RefundStatus(str, enum.Enum):
    DRAFT = "draft"  # taken in at the counter and stored whole; not yet accepted by the platform
    REQUESTED = "requested"  # accepted by the platform, waiting for the seller (pending_seller)
    APPROVED = "approved"  # approved (by policy or the seller): pay it out
    REJECTED = "rejected"
    PAID_OUT = "paid_out"  # the money went back (or the platform refunds an online payment)
    REFUSED = "refused"  # the platform refused the request for good (e.g. outside the window by then)


class PayoutRoute(str, enum.Enum):
    CASH = "cash"  # out of this drawer, recorded in the shift
    PREPAID_CARD = "prepaid_card"  # credited to the buyer's prepaid card
    BANK_CARD = "bank_card"  # refunded through the card terminal
    ONLINE = "online"  # the platform refunds the buyer's account; nothing at the counter
    SPLIT = "split"  # paid with several tenders: each leg goes back to its own tender (payout_legs)


@dataclass(frozen=True)
class RefundPhoto:
    """A photo of the defect, kept in the data folder (`file`, relative) until the platform has
    it; `platform_id` once uploaded."""

    sha256: str
    size: int
    content_type: str
    file: str
    platform_id: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"sha256": self.sha256, "size": self.size, "content_type": self.content_type, "file": self.file,
                "platform_id": self.platform_id}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RefundPhoto:
        return cls(d["sha256"], int(d["size"]), d["content_type"], d["file"], d.get("platform_id"))


class RefundCase:
    """A refund intake: units of one order, a reason and photos, stored before anything is sent
    (DRAFT), then the platform's request and decision, then the payout. `photos` is a list of
    RefundPhoto dicts (reassigned, never mutated in place, so storage sees the change)."""

    FINAL = (RefundStatus.REJECTED, RefundStatus.PAID_OUT, RefundStatus.REFUSED)

    def __init__(
        self,
        order_no: str,
        item_codes: list[str],
        reason: str,
        amount: Money,
        *,
        requested_by: uuid.UUID,
        terminal_id: str,
        created_at: datetime,
        id: uuid.UUID | None = None,
        merchant_name: str = "",
        payout_route: PayoutRoute | None = None,
        item_names: list[str] | None = None,
        photos: list[dict[str, Any]] | None = None,
        offline: bool = False,
        payout_legs: list[dict[str, Any]] | None = None,
        platform_id: str | None = None,
    ) -> None:
        if not item_codes:
            raise ValueError("a refund case needs at least one item code")
        if not reason.strip():
            raise ValueError("a refund case needs a reason")
        self.id = id or uuid7()
        self.order_no = order_no
        self.item_codes = list(item_codes)
        self.reason = reason
        self.amount = amount
        self.requested_by = requested_by
        self.terminal_id = terminal_id
        self.created_at = _require_aware(created_at, "created_at")
        self.status = RefundStatus.DRAFT
        self.platform_case_id: str | None = None
        self.platform_id = platform_id  # the platform of its units (None: the order's, else [platform])
        self.decided_at: datetime | None = None
        self.merchant_name = merchant_name
        self.payout_route = PayoutRoute(payout_route) if payout_route else None
        self.item_names = list(item_names or [])
        self.photos = list(photos or [])
        self.offline = offline
        self.attempts = 0
        self.last_error: str | None = None
        self.next_attempt_at: datetime | None = None
        self.decided_by: str | None = None
        self.note: str | None = None
        self.paid_out_at: datetime | None = None
        self.paid_out_by: uuid.UUID | None = None
        self.paid_out_route: PayoutRoute | None = None
        self.payout_reference: str | None = None
        self.override_by: uuid.UUID | None = None
        self.shift_id: uuid.UUID | None = None
        self.receipt_no: int | None = None
        # Where the money goes back, one leg per tender: {route, amount_minor, done, reference,
        # card_last4, approval_code, original_reference, expect_last4}. Reassigned, never mutated.
        self.payout_legs = [dict(leg) for leg in payout_legs] if payout_legs else None
        self.cash_out_minor: int | None = None
        # a rejected or refused case stays in the counter's list until a cashier acknowledges it
        # (the unit given back to the buyer)
        self.acknowledged_at: datetime | None = None
        self.acknowledged_by: uuid.UUID | None = None

    @property
    def idempotency_key(self) -> str:
        return f"refund-{self.id}"

    def leg_done(self, index: int, *, reference: str | None = None, card_last4: str | None = None,
                 approval_code: str | None = None) -> None:
        """One leg of the payout happened (a card refunded, a prepaid card credited): recorded at
        once, so a retry after a later leg failed never pays this one twice."""
        if self.paid_out_at is not None:
            raise PaymentError(f"refund case for order {self.order_no} is paid out already")
        legs = [dict(leg) for leg in self.payout_legs or []]
        legs[index] |= {"done": True, "reference": reference, "card_last4": card_last4,
                        "approval_code": approval_code}
        self.payout_legs = legs

    def photo_list(self) -> list[RefundPhoto]:
        return [RefundPhoto.from_dict(p) for p in self.photos or []]

    def photo_uploaded(self, sha256: str, platform_id: str) -> None:
        self.photos = [p | {"platform_id": platform_id} if p["sha256"] == sha256 else dict(p) for p in self.photos]

    def submit(self, platform_case_id: str | None = None, now: datetime | None = None) -> None:
        if self.status is not RefundStatus.DRAFT:
            raise PaymentError(f"refund case is {self.status.value}; it was submitted already")
        self.status = RefundStatus.REQUESTED
        self.platform_case_id = platform_case_id
        self.last_error = None
        self.next_attempt_at = None

    def decide(self, approved: bool, now: datetime, decided_by: str | None = None, note: str | None = None) -> None:
        if self.status is not RefundStatus.REQUESTED:
            raise PaymentError(f"refund case is {self.status.value}; only a requested case is decided")
        self.status = RefundStatus.APPROVED if approved else RefundStatus.REJECTED
        self.decided_at = now
        self.decided_by = decided_by
        self.note = note

    def acknowledge(self, by: uuid.UUID, now: datetime) -> None:
        """A cashier saw the rejection (or the platform's refusal) and gave the unit back to the
        buyer: the case leaves the counter's list."""
        if self.status not in (RefundStatus.REJECTED, RefundStatus.REFUSED):
            raise PaymentError(f"refund case is {self.status.value}; only a rejected or refused case is acknowledged")
        if self.acknowledged_at is None:
            self.acknowledged_at = _require_aware(now, "now")
            self.acknowledged_by = by

    def refuse(self, error: str, now: datetime) -> None:
        """The platform refused the request for good: nothing is paid out by its approval."""
        if self.status is not RefundStatus.DRAFT:
            raise PaymentError(f"refund case is {self.status.value}; only a draft is refused")
        self.status = RefundStatus.REFUSED
        self.last_error = error[:500]
        self.decided_at = now

    def record_failure(self, now: datetime, error: str, backoff: timedelta) -> None:
        self.attempts += 1
        self.last_error = error[:500]
        self.next_attempt_at = now + backoff

    def paid_out(self, route: PayoutRoute, by: uuid.UUID, now: datetime, *, reference: str | None = None,
                 override_by: uuid.UUID | None = None, shift_id: uuid.UUID | None = None,
                 receipt_no: int | None = None, cash_out_minor: int = 0) -> None:
        if self.paid_out_at is not None:
            raise PaymentError(f"refund case for order {self.order_no} is paid out already")
        if self.status is not RefundStatus.APPROVED and override_by is None:
            raise PaymentError(f"refund case is {self.status.value}; only an approved case is paid out "
                               "(or a manager overrides)")
        if self.status in (RefundStatus.REJECTED, RefundStatus.REFUSED):
            raise PaymentError(f"refund case is {self.status.value}; nothing is paid out")
        if self.status is RefundStatus.APPROVED:
            self.status = RefundStatus.PAID_OUT
        self.paid_out_at = _require_aware(now, "now")
        self.paid_out_by = by
        self.paid_out_route = PayoutRoute(route)
        self.payout_reference = reference
        self.override_by = override_by
        self.shift_id = shift_id
        self.receipt_no = receipt_no
        self.cash_out_minor = cash_out_minor
        if self.payout_legs:
            self.payout_legs = [dict(leg) | {"done": True} for leg in self.payout_legs]
