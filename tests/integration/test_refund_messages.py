"""When a refund is decided, the buyer hears it and the merchant gets a webhook: against the
sandbox on loopback with its stand-ins (a real aiosmtpd server, the SMS gateway stand-in, the
merchants' webhook receiver). The e-mail is parsed with email.parser (Mailbox keeps .eml files)."""

from __future__ import annotations

import uuid

import pytest
import requests

from sync.sandbox import seed, webhooks
from sync.sandbox.notify import outbox_rows
from sync.sandbox.server import SandboxServer
from tests.fakes import FakeClock
from tests.platform_helpers import wait_until

T01 = {"Authorization": f"Bearer {seed.DEMO_TERMINAL[2]}", "X-Store-Id": seed.DEMO_TERMINAL[0],
       "X-Terminal-Id": seed.DEMO_TERMINAL[1]}
M_TEA = {"Authorization": f"Bearer {seed.MERCHANTS['m-tea'][4]}", "X-Merchant-Id": "m-tea"}
LINES = [{"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": 2},
         {"sku": "BISC-1", "name": "饼干", "unit_price_minor": 880, "quantity": 1}]




@pytest.fixture
def platform(tmp_path):
    server = SandboxServer(db_url=f"sqlite:///{tmp_path / 'platform.sqlite3'}", clock=FakeClock(),
                           standins=tmp_path / "standins").start()
    yield server
    server.stop()


def sold(server, buyer_id: str, tender: str = "cash", **contacts) -> dict:
    """An order of m-tea paid at demo-store/T01 with `tender`."""
    r = requests.post(f"{server.url}/api/v1/orders", headers=T01, timeout=10,
                      json={"merchant_id": "m-tea", "buyer_id": buyer_id, "lines": LINES, **contacts})
    assert r.status_code == 201, r.text
    order = r.json()
    body = {"settlement_id": str(uuid.uuid4()), "order_no": order["order_no"], "merchant_id": "m-tea",
            "store_id": "demo-store", "terminal_id": "T01", "receipt_no": 1, "amount_minor": order["total_minor"],
            "currency": "CNY", "tenders": [tender], "offline": False, "paid_at": server.clock.now().isoformat()}
    r = requests.post(f"{server.url}/api/v1/settlements", json=body, timeout=10,
                      headers={**T01, "Idempotency-Key": body["settlement_id"]})
    assert r.status_code == 201 and r.json()["outcome"] == "paid", r.text
    return order


def file_refund(server, codes: list[str]) -> dict:
    r = requests.post(f"{server.url}/api/v1/refund-requests", timeout=10, headers={**T01, "Idempotency-Key": str(uuid.uuid4())},
                      json={"item_codes": codes, "reason": "包装破损 damaged"})
    assert r.status_code == 201, r.text
    return r.json()


def decide(server, request_id: str, approve: bool, note: str = "") -> dict:
    r = requests.post(f"{server.url}/api/v1/refund-requests/{request_id}/decision", timeout=10,
                      headers={**M_TEA, "Idempotency-Key": str(uuid.uuid4())}, json={"approve": approve, "note": note})
    assert r.status_code == 200, r.text
    return r.json()


def the_mail(server, request_id: str):
    [msg] = wait_until(server.mailbox.received, lambda: [m for m in server.mailbox.messages()
                                                         if m["X-Refund-Request"] == request_id])
    return msg, msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content()


def the_sms(server, order_no: str, word: str) -> dict:
    [sms] = wait_until(server.sms_gateway.received, lambda: [m for m in server.sms_gateway.messages()
                                                             if order_no in m["text"] and word in m["text"]])
    return sms


def the_webhook(server, request_id: str) -> dict:
    receiver = server.webhook_receiver
    [got] = wait_until(receiver.received, lambda: [d for d in receiver.deliveries() if d["type"] == "refund.decided"
                                                   and d["payload"]["data"]["request_id"] == request_id])
    return got["payload"]["data"]


def test_approved_at_once_at_the_counter(platform):
    order = sold(platform, "b-wang", buyer_email="Wang.Buyer@Example.com", buyer_phone="+86 138 0013 8000")
    codes = order["lines"][0]["item_codes"][:1]
    refund = file_refund(platform, codes)
    assert (refund["status"], refund["decided_by"]) == ("approved", "policy")

    msg, plain, html = the_mail(platform, refund["request_id"])
    assert msg["To"] == "Wang.Buyer@example.com" and msg["X-Order-No"] == order["order_no"]
    assert "退款已批准" in msg["Subject"] and "Refund approved" in msg["Subject"]
    for text in (plain, html):
        assert order["order_no"] in text and "好物商城" in text and "¥12.50" in text
        assert "乌龙茶 500ml" in text and codes[0] in text
        assert "已批准" in text and "approved" in text  # Chinese and English
        assert "现金" in text and "cash" in text  # where the money goes: back the way it was paid
        assert "Demo Store 演示便利店" in text  # the store that took the item back
    sms = the_sms(platform, order["order_no"], "已批准")
    assert sms["to"] == "+8613800138000" and "¥12.50" in sms["text"]

    data = the_webhook(platform, refund["request_id"])
    assert {k: data[k] for k in ("order_no", "status", "decided_by", "amount_minor", "item_codes", "origin")} == {
        "order_no": order["order_no"], "status": "approved", "decided_by": "policy", "amount_minor": 1250,
        "item_codes": codes, "origin": "store"}
    assert data["payout"]["route"] == "cash" and data["payout"]["store_id"] == "demo-store"


def test_an_order_paid_online_is_refunded_to_the_buyers_balance(platform):
    order = requests.get(f"{platform.url}/api/v1/orders/{seed.ONLINE_PAID_ORDER}", headers=T01, timeout=10).json()
    refund = file_refund(platform, order["lines"][0]["item_codes"])
    assert refund["status"] == "approved"
    msg, plain, html = the_mail(platform, refund["request_id"])
    assert msg["To"] == seed.BUYER_CONTACTS["b-wang"][1]  # the order's contacts: the buyer's own
    for text in (plain, html):
        assert "平台上的余额" in text and "balance on the platform" in text
    assert the_webhook(platform, refund["request_id"])["payout"]["route"] == "online"


def test_rejected_by_the_seller_with_a_note(platform):
    order = sold(platform, "b-li")  # reputation 40, below m-tea's 60: the seller decides
    refund = file_refund(platform, order["lines"][1]["item_codes"])
    assert refund["status"] == "pending_seller"
    engine = platform.app.state.engine
    # nothing is said before the decision
    assert [r for r in outbox_rows(engine, order["order_no"]) if r["event"] == "refund_decided"] == []
    assert [d for d in webhooks.deliveries(engine) if d["event"] == "refund.decided"] == []

    note = "包装已拆封，不符合退货条件 / opened, not returnable"
    decided = decide(platform, refund["request_id"], False, note)
    assert decided["status"] == "rejected"
    msg, plain, html = the_mail(platform, refund["request_id"])
    assert msg["To"] == seed.BUYER_CONTACTS["b-li"][1]
    assert "未获批准" in msg["Subject"] and "rejected" in msg["Subject"]
    for text in (plain, html):
        assert "卖家未同意退款" in text and "did not agree" in text
        assert "饼干" in text and "¥8.80" in text
        assert "不予退款" in text and "No refund is made" in text
    assert note in plain and "包装已拆封" in html  # the seller's note (escaped in the HTML)
    sms = the_sms(platform, order["order_no"], "未获批准")
    assert sms["to"] == seed.BUYER_CONTACTS["b-li"][0] and "包装已拆封" in sms["text"]

    data = the_webhook(platform, refund["request_id"])
    assert (data["status"], data["decided_by"], data["note"]) == ("rejected", "seller", note)
    rows = [r for r in outbox_rows(engine, order["order_no"]) if r["event"] == "refund_decided"]
    assert {(r["channel"], r["ref"]) for r in rows} == {("email", refund["request_id"]), ("sms", refund["request_id"])}


def test_approved_by_the_seller_goes_back_to_the_bank_card(platform):
    order = sold(platform, "b-li", tender="bank_card")
    refund = file_refund(platform, order["lines"][0]["item_codes"])
    assert refund["status"] == "pending_seller"
    decide(platform, refund["request_id"], True)
    msg, plain, html = the_mail(platform, refund["request_id"])
    assert "退款已批准" in msg["Subject"]
    for text in (plain, html):
        assert "卖家批准" in text and "approved by the seller" in text
        assert "银行卡" in text and "bank card" in text and "¥25.00" in text
    the_sms(platform, order["order_no"], "已批准")
    data = the_webhook(platform, refund["request_id"])
    assert (data["status"], data["decided_by"], data["payout"]["route"]) == ("approved", "seller", "bank_card")


def test_a_return_filed_on_the_buyers_phone_says_hand_it_in_at_any_store(platform):
    from sync.sandbox import buyer_returns

    order = requests.get(f"{platform.url}/api/v1/orders/{seed.ONLINE_PAID_ORDER}", headers=T01, timeout=10).json()
    code = order["lines"][0]["item_codes"][0]
    with platform.app.state.engine.begin() as conn:  # as the buyer's page files it (b-wang: approved at once)
        view = buyer_returns.file_return(conn, "b-wang", code, next(iter(buyer_returns.REASONS)), "", [],
                                         platform.clock.now())
    assert view["status"] == "approved" and view["origin"] == "buyer"
    platform.notifier.wake()
    platform.webhook_sender.wake()
    msg, plain, html = the_mail(platform, view["request_id"])
    for text in (plain, html):
        assert "任一合作门店" in text and "any partner store" in text and code in text
        assert "平台上的余额" in text and "balance on the platform" in text
    assert the_webhook(platform, view["request_id"])["origin"] == "buyer"
