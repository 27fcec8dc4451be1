"""What moved money at the counter besides a sale, for the platform (issue 16): a refund paid out
(one message per payout leg and tender), a void (a payment cancelled after money was taken, the
money given back) and a double payment paid back. Each is an outbox message written in the SAME
transaction as the fact it reports (the leg marked done, the case paid out, the pay-back row, the
void's audit entry), drained by sync.outbox_worker exactly once under the message's own
Idempotency-Key (from its row id), like a settlement: a crash between the commit and the send
only delays it.

The payload is the body of the platform's POST /counter-movements. `ref` is the movement's
reference on both sides' day statements (domain.model.statements), so the two statements'
movements match one by one:
- refund: f"{refund case id}/{leg index}" (the index in the case's payout_legs; an online leg
  moves nothing at the counter and is not sent);
- double_payment_payback: the pay-back's id (refund_case_paybacks.id);
- void: the checkout session's id (a void cancels a payment before the sale is recorded, so there
  is no sale row; the void's audit entry carries the same ref in its details).
`business_date` is the terminal's business day of the movement (`business_date_at`)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pos_terminal.clock import business_day
from pos_terminal.domain.model import OutboxMessage
from pos_terminal.ports import JsonObject, UnitOfWork

REFUND_TOPIC = "counter_refund"
VOID_TOPIC = "void"
PAYBACK_TOPIC = "double_payment_payback"
TOPICS = (REFUND_TOPIC, VOID_TOPIC, PAYBACK_TOPIC)
KIND_OF_TOPIC = {REFUND_TOPIC: "refund", VOID_TOPIC: "void", PAYBACK_TOPIC: "double_payment_payback"}

# a payout leg's route or a tender kind -> the statement's tender
TENDER_OF = {"cash": "cash", "bank_card": "bank_card", "prepaid_card": "prepaid", "prepaid": "prepaid"}
COUNTER_LEG_ROUTES = ("cash", "bank_card", "prepaid_card")  # an "online" leg pays nothing at the counter


def tender_of(route_or_kind: str) -> str:
    try:
        return TENDER_OF[route_or_kind]
    except KeyError:
        raise ValueError(f"{route_or_kind!r} is not a tender paid at the counter") from None


def business_date_at(uow: UnitOfWork, terminal_id: str, timezone: str, day_change_hour: int, at: datetime) -> date:
    """The terminal's business day of the instant `at` (services.day_context's rule): its calendar
    business date, or the next one when the Z had closed that date at or before `at`."""
    day = business_day(at, ZoneInfo(timezone), day_change_hour)
    closed_at = uow.days.closed_at(terminal_id, day)
    if closed_at is not None and closed_at <= at:
        return day + timedelta(days=1)
    return day


def movement_payload(*, kind: str, ref: str, order_no: str, tenders: Iterable[tuple[str, int]], currency: str,
                     at: datetime, business_date: date, store_id: str, terminal_id: str,
                     platform_id: str | None = None, **facts: object) -> JsonObject:
    """The body of POST /counter-movements. `tenders`: (route or tender kind, amount_minor > 0);
    the same tender twice is summed. `facts`: the kind's own members (refund_case_id, leg_index,
    receipt_no ...), None values left out."""
    shares: dict[str, int] = {}
    for tender, amount in tenders:
        if amount <= 0:
            continue
        key = tender_of(tender)
        shares[key] = shares.get(key, 0) + int(amount)
    if not shares:
        raise ValueError(f"{kind} {ref} moved no money")
    body: JsonObject = {
        "kind": kind, "ref": ref, "order_no": order_no, "store_id": store_id, "terminal_id": terminal_id,
        "platform_id": platform_id,
        "tenders": [{"tender": t, "amount_minor": a} for t, a in sorted(shares.items())],
        "amount_minor": sum(shares.values()), "currency": currency, "at": at.isoformat(),
        "business_date": business_date.isoformat(),
    }
    body.update({k: v for k, v in facts.items() if v is not None})
    return body


def queue(uow: UnitOfWork, topic: str, payload: JsonObject, now: datetime, terminal_id: str) -> OutboxMessage:
    """The outbox message of one movement, added to the caller's unit of work (its transaction)."""
    if topic not in TOPICS:
        raise ValueError(f"{topic!r} is not a counter-movement topic")
    message = OutboxMessage(topic, payload, created_at=now, terminal_id=terminal_id)
    uow.outbox.add(message)
    return message


def refund_leg_ref(case_id: object, index: int) -> str:
    return f"{case_id}/{index}"
