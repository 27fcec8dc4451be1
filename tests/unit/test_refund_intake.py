"""Refund intake pieces without a platform: the item-code check, the case's life, the receipt."""

from __future__ import annotations

import uuid
from datetime import datetime, timezone

import pytest

from pos_terminal.domain.errors import PaymentError
from pos_terminal.domain.model import PayoutRoute, RefundCase, RefundStatus
from pos_terminal.money import Money
from pos_terminal.services.refunds import RefundReceiptInfo, RefundRefused, item_code_of
from receipts.refund_receipt import build_refund_receipt

NOW = datetime(2026, 5, 1, 10, 0, tzinfo=timezone.utc)


@pytest.mark.parametrize("text, kind", [("PO000000001001", "order_number"), ("8800000000000001", "prepaid_card"),
                                        ("6901234567892", "product_barcode"), ("hello", "unknown"),
                                        ("http://x/o/abcdef", "order_url")])
def test_a_code_of_the_wrong_kind_is_refused(text, kind):
    with pytest.raises(RefundRefused) as e:
        item_code_of(text)
    assert e.value.reason == "wrong_kind" and e.value.params["kind"] == kind


def test_item_codes_scanned_or_keyed():
    assert item_code_of(" ic0000000010010001 ") == "IC0000000010010001"
    assert item_code_of("0000000010010001") == "IC0000000010010001"


def case(**kw):
    return RefundCase("PO1", ["IC1"], "defective", Money(1250), requested_by=uuid.uuid4(), terminal_id="T01",
                      created_at=NOW, payout_route=PayoutRoute.CASH, **kw)


def test_no_payout_without_approval_unless_overridden():
    c = case()
    with pytest.raises(PaymentError):
        c.paid_out(PayoutRoute.CASH, uuid.uuid4(), NOW)
    c.submit("R1")
    c.decide(True, NOW, "policy")
    c.paid_out(PayoutRoute.CASH, uuid.uuid4(), NOW, receipt_no=7)
    assert c.status is RefundStatus.PAID_OUT and c.receipt_no == 7
    with pytest.raises(PaymentError):
        c.paid_out(PayoutRoute.CASH, uuid.uuid4(), NOW)
    draft = case()
    draft.paid_out(PayoutRoute.CASH, uuid.uuid4(), NOW, override_by=uuid.uuid4())
    assert draft.status is RefundStatus.DRAFT and draft.paid_out_at == NOW  # still sent to the platform
    rejected = case()
    rejected.submit("R2")
    rejected.decide(False, NOW)
    with pytest.raises(PaymentError):
        rejected.paid_out(PayoutRoute.CASH, uuid.uuid4(), NOW, override_by=uuid.uuid4())


def test_photo_ids_are_recorded_without_mutating_the_stored_list():
    c = case(photos=[{"sha256": "a" * 64, "size": 3, "content_type": "image/jpeg", "file": "a.jpg",
                      "platform_id": None}])
    before = c.photos
    c.photo_uploaded("a" * 64, "P1")
    assert c.photo_list()[0].platform_id == "P1" and before[0]["platform_id"] is None


@pytest.mark.parametrize("language", ["zh_CN", "en"])
@pytest.mark.parametrize("route", list(PayoutRoute))
def test_refund_receipt(language, route):
    info = RefundReceiptInfo("Demo Store", "T01", "Zhang", 12, NOW, "好物商城", "PO000000001001", "CNY",
                             (("乌龙茶 500ml", "IC0000000010010001", 1250),), 1250, route, "defective", "req-1",
                             card_last4="0002" if route is PayoutRoute.PREPAID_CARD else None)
    doc = build_refund_receipt(info, language=language, paper_width_mm=58)
    text = "\n".join(doc.text_lines())
    assert "000012" in text and "12.50" in text and "IC0000000010010001" in text
    assert ("****0002" in text) == (route is PayoutRoute.PREPAID_CARD)


def test_split_legs_cards_first_cash_last_and_less_what_earlier_refunds_took():
    from pos_terminal.domain.model import PayoutRoute
    from pos_terminal.services.refunds import TenderShare, plan_legs

    shares = (TenderShare("cash", 3000), TenderShare("prepaid_card", 1000, "tx", "0001"),
              TenderShare("bank_card", 2000, "CH-1", "4242"))
    legs = plan_legs(PayoutRoute.SPLIT, 2500, shares, {})
    assert [(leg.route, leg.amount_minor) for leg in legs] == [("bank_card", 2000), ("prepaid_card", 500)]
    assert legs[0].original_reference == "CH-1" and legs[1].expect_last4 == "0001"
    legs = plan_legs(PayoutRoute.SPLIT, 2500, shares, {"bank_card": 2000, "prepaid_card": 500})
    assert [(leg.route, leg.amount_minor) for leg in legs] == [("prepaid_card", 500), ("cash", 2000)]
    assert plan_legs(PayoutRoute.SPLIT, 100, None, {}) is None  # shares unknown: nothing guessed
    assert [leg.route for leg in plan_legs(PayoutRoute.CASH, 100, None, {})] == ["cash"]
    with pytest.raises(RefundRefused) as e:
        plan_legs(PayoutRoute.SPLIT, 7000, shares, {})
    assert e.value.reason == "split_exceeds_payment"


def test_only_a_rejected_or_refused_case_is_acknowledged_and_the_note_is_kept():
    cashier = uuid.uuid4()
    waiting = case()
    waiting.submit("R1")
    with pytest.raises(PaymentError):
        waiting.acknowledge(cashier, NOW)
    waiting.decide(False, NOW, "seller", "worn by use")
    assert waiting.status is RefundStatus.REJECTED and waiting.note == "worn by use"
    assert waiting.acknowledged_at is None
    waiting.acknowledge(cashier, NOW)
    waiting.acknowledge(uuid.uuid4(), NOW.replace(hour=11))  # a repeat changes nothing
    assert waiting.acknowledged_at == NOW and waiting.acknowledged_by == cashier and waiting.note == "worn by use"
    refused = case()
    refused.refuse("outside_return_window: too late", NOW)
    refused.acknowledge(cashier, NOW)
    assert refused.acknowledged_at == NOW
    late = case()
    late.refuse("unknown_item: no such item", NOW)
    with pytest.raises((ValueError, TypeError)):
        late.acknowledge(cashier, datetime(2026, 5, 1))  # a naive time is refused
