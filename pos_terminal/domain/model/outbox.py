"""What the platform must learn: settlements, and the outbox they are sent from."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model._common import require_aware as _require_aware
from pos_terminal.domain.model.sales import Sale, SaleStatus
from pos_terminal.ids import uuid7
from pos_terminal.money import Money


def tender_shares(tenders: Iterable[tuple[str, int]]) -> tuple[str, list[dict[str, Any]]]:
    """From (kind, amount_minor) of each tender: the kinds ("bank_card,cash") and what each kind
    paid ([{kind, amount_minor}], by kind), as a settlement carries them."""
    shares: dict[str, int] = {}
    for kind, amount_minor in tenders:
        shares[kind] = shares.get(kind, 0) + amount_minor
    kinds = sorted(shares)
    return ",".join(kinds), [{"kind": k, "amount_minor": shares[k]} for k in kinds]


def settlement_payload(settlement_id: uuid.UUID, order_no: str, merchant_id: str, store_id: str, terminal_id: str,
                       receipt_no: int, amount: Money, tender_kinds: str, tender_amounts: list[dict[str, Any]] | None,
                       offline: bool, paid_at: datetime, voucher_id: str | None,
                       platform_id: str | None = None) -> dict[str, Any]:
    """The body of POST /settlements (the platform contract): what the outbox message carries.
    `platform_id`: the platform the order belongs to (issue 16: the outbox sends it there)."""
    return {
        "settlement_id": str(settlement_id),
        "order_no": order_no,
        "merchant_id": merchant_id,
        "store_id": store_id,
        "terminal_id": terminal_id,
        "receipt_no": receipt_no,
        "amount_minor": amount.minor,
        "currency": amount.currency,
        "tenders": tender_kinds.split(","),
        **({"tender_amounts": tender_amounts} if tender_amounts else {}),
        "offline": offline,
        "paid_at": paid_at.isoformat(),
        **({"voucher_id": voucher_id} if voucher_id else {}),
        **({"platform_id": platform_id} if platform_id else {}),
    }


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
        self.tender_kinds, self.tender_amounts = tender_shares((t.kind.value, t.amount.minor) for t in sale.tenders)
        self.voucher_id = sale.voucher_id  # the platform tells a voucher paid twice offline
        self.offline = sale.offline
        self.paid_at = sale.paid_at

    def payload(self) -> dict[str, Any]:
        return settlement_payload(self.id, self.order_no, self.merchant_id, self.store_id, self.terminal_id,
                                  self.receipt_no, self.amount, self.tender_kinds, self.tender_amounts, self.offline,
                                  self.paid_at, self.voucher_id)


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
