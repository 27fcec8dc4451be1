"""What the platform must learn: settlements, and the outbox they are sent from."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model._common import require_aware as _require_aware
from pos_terminal.domain.model.sales import Sale, SaleStatus
from pos_terminal.ids import uuid7


class Settlement:
    """What the platform must learn exactly once: this order was paid at this terminal."""

    def __init__(self, sale: Sale, store_id: str) -> None:
        if sale.status is not SaleStatus.PAID or sale.receipt_no is None or sale.paid_at is None:
            raise PaymentError("only a paid sale is settled")
        self.id = uuid7()
        self.sale_id = sale.id
        self.order_no = sale.order_no
        self.merchant_id = sale.merchant_id
        self.store_id = store_id
        self.terminal_id = sale.terminal_id
        self.receipt_no = sale.receipt_no
        self.amount = sale.total
        self.tender_kinds = ",".join(sorted({t.kind.value for t in sale.tenders}))
        shares: dict[str, int] = {}
        for t in sale.tenders:
            shares[t.kind.value] = shares.get(t.kind.value, 0) + t.amount.minor
        self.tender_amounts = [{"kind": k, "amount_minor": shares[k]} for k in sorted(shares)]
        self.voucher_id = sale.voucher_id  # the platform tells a voucher paid twice offline
        self.offline = sale.offline
        self.paid_at = sale.paid_at

    def payload(self) -> dict[str, Any]:
        return {
            "settlement_id": str(self.id),
            "order_no": self.order_no,
            "merchant_id": self.merchant_id,
            "store_id": self.store_id,
            "terminal_id": self.terminal_id,
            "receipt_no": self.receipt_no,
            "amount_minor": self.amount.minor,
            "currency": self.amount.currency,
            "tenders": self.tender_kinds.split(","),
            **({"tender_amounts": self.tender_amounts} if self.tender_amounts else {}),
            "offline": self.offline,
            "paid_at": self.paid_at.isoformat(),
            **({"voucher_id": self.voucher_id} if self.voucher_id else {}),
        }


class OutboxMessage:
    """A message for the platform, written in the same transaction as the fact it reports and
    drained in `seq` order by the sync worker. The Idempotency-Key derives from the row id, so
    every retry of this message carries the same key."""

    def __init__(self, topic: str, payload: dict[str, Any], *, created_at: datetime, id: uuid.UUID | None = None,
                 terminal_id: str | None = None) -> None:
        self.id = id or uuid7()
        self.seq: int | None = None  # assigned by storage, in commit order per database
        self.topic = topic
        self.terminal_id = terminal_id  # whose: each terminal of a shared database drains its own
        self.payload = payload
        self.created_at = _require_aware(created_at, "created_at")
        self.attempts = 0
        self.next_attempt_at: datetime | None = None
        self.last_error: str | None = None
        self.sent_at: datetime | None = None
        self.dead_at: datetime | None = None  # refused for good by the platform: needs a person
        self.outcome: str | None = None  # the platform's answer, e.g. paid | refund_case | amount_differs

    @property
    def idempotency_key(self) -> str:
        return f"outbox-{self.id}"

    def record_failure(self, now: datetime, error: str, backoff: timedelta) -> None:
        self.attempts += 1
        self.last_error = error[:500]
        self.next_attempt_at = now + backoff

    def record_sent(self, now: datetime, outcome: str | None = None) -> None:
        self.sent_at = now
        self.last_error = None
        self.outcome = outcome

    def record_dead(self, now: datetime, error: str) -> None:
        """The platform refused this message in a way no retry changes: it stops blocking the
        messages after it and waits for a person (see sync.outbox_worker)."""
        self.attempts += 1
        self.last_error = error[:500]
        self.dead_at = now

    def requeue(self) -> None:
        self.dead_at = None
        self.next_attempt_at = None
