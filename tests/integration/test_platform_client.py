"""The HTTP client (sync.client) against the sandbox platform on loopback: the contract's calls,
the retry rule (idempotent calls only), typed errors, no secrets or card numbers in logs."""

from __future__ import annotations

import logging
import uuid
from zoneinfo import ZoneInfo

import pytest

from pos_terminal.ports import AuthenticationFailed, PlatformRefused, PlatformUnavailable
from sync.sandbox import seed
from sync.threaded_server import free_port as _free_port
from tests.platform_helpers import FaultProxy, ProxyPlan, client_for, new_order

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


@pytest.fixture
def proxy(server):
    with FaultProxy(server.url) as p:
        yield p


def test_status_is_online_and_cached(server, client):
    first = client.status()
    assert first.online and server.url in first.detail
    assert client.status() is first  # cached briefly


def test_status_never_raises_when_nothing_listens():
    c = client_for(f"http://127.0.0.1:{_free_port('127.0.0.1')}", timeout_s=1)
    status = c.status()
    assert not status.online and status.detail.startswith("platform unreachable:")
    assert "settlements wait in the outbox" in status.detail


def test_orders_by_number_voucher_and_url_claim_and_release(server, client):
    view = new_order(client)
    no = view["order_no"]
    assert client.get_order(no)["total_minor"] == 2500
    assert client.order_by_voucher(view["voucher_id"])["order_no"] == no
    assert client.order_by_url(view["url"])["order_no"] == no
    claim = client.claim_order(no, ttl_s=60)
    assert claim["terminal_id"] == "T01"
    other = client_for(server.url, seed.SECOND_TERMINAL)
    with pytest.raises(PlatformRefused) as err:
        other.claim_order(no)
    assert err.value.code == "order_claimed" and err.value.status == 409 and err.value.body["terminal_id"] == "T01"
    assert client.release_claim(no)["released"] is True
    assert other.claim_order(no)["terminal_id"] == "T02"


def test_settlement_and_a_repeat_with_the_same_key(server, client):
    view = new_order(client)
    payload = {"settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "merchant_id": "m-tea",
               "store_id": "demo-store", "terminal_id": "T01", "receipt_no": 1, "amount_minor": 2500,
               "currency": "CNY", "tenders": ["cash"], "offline": False, "paid_at": server.clock.now().isoformat()}
    first = client.post_settlement(payload, "k-" + payload["settlement_id"])
    again = client.post_settlement(payload, "k-" + payload["settlement_id"])
    assert first == again and first["outcome"] == "paid"
    assert client.get_settlement(payload["settlement_id"])["outcome"] == "paid"
    with pytest.raises(PlatformRefused) as err:
        client.post_settlement({**payload, "receipt_no": 2}, "k-" + payload["settlement_id"])
    assert err.value.code == "idempotency_key_reused" and err.value.status == 422


def test_unknown_order_is_a_refusal_with_the_platforms_code(client):
    with pytest.raises(PlatformRefused) as err:
        client.get_order("PO999999999999")
    assert err.value.code == "unknown_order" and "PO999999999999" in err.value.message


def test_a_wrong_secret_is_authentication_failed(server):
    c = client_for(server.url, ("demo-store", "T01", "s3cr3t-not-this-one"))
    with pytest.raises(AuthenticationFailed) as err:
        c.get_order(seed.TEA_ORDER)
    assert "platform_secret" in err.value.message and "s3cr3t" not in err.value.message


def test_cards_and_card_numbers_never_reach_the_log(client, caplog):
    caplog.set_level(logging.DEBUG)
    card = "8800000000000001"
    before = client.get_card(card, "2580")["balance_minor"]
    key = str(uuid.uuid4())
    debit = client.debit_card(card, 100, "CNY", "sale-1", key, "2580")
    assert debit["balance_minor"] == before - 100
    assert client.debit_card(card, 100, "CNY", "sale-1", key, "2580") == debit  # a repeat takes nothing twice
    client.credit_card(card, 100, "CNY", "refund-1", str(uuid.uuid4()))
    with pytest.raises(PlatformRefused) as err:
        client.debit_card("8800000000000003", 100, "CNY", "sale-2", str(uuid.uuid4()), "2468")
    assert err.value.code == "card_inactive" and "/cards/************0003/debit" in err.value.message
    assert "8800000000000003" not in err.value.message
    text = caplog.text + "".join(str(r.__dict__) for r in caplog.records)
    assert card not in text and "8800000000000003" not in text
    assert seed.DEMO_TERMINAL[2] not in text


def test_items_refunds_and_batches(server, client):
    """Paid just now on the platform's clock: inside m-tea's 7-day return window on any date."""
    view = new_order(client)
    paid_at = server.clock.now()
    payload = {"settlement_id": str(uuid.uuid4()), "order_no": view["order_no"], "store_id": "demo-store",
               "terminal_id": "T01", "receipt_no": 7, "amount_minor": 2500, "currency": "CNY", "tenders": ["cash"],
               "paid_at": paid_at.isoformat()}
    client.post_settlement(payload, str(uuid.uuid4()))
    code = view["lines"][0]["item_codes"][0]
    assert client.get_item(code)["payment"]["status"] == "paid"
    photo = client.upload_refund_photo(bytes.fromhex(  # a real 1x1 PNG: the platform decodes and re-encodes it
        "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c6338c1c000"
        "00025c00c943c812460000000049454e44ae426082"), "image/png", str(uuid.uuid4()), "d.png")
    refund = client.request_refund([code], "broken seal", str(uuid.uuid4()), [photo["photo_id"]])
    assert refund["status"] == "approved"  # b-wang's reputation is over m-tea's threshold
    assert client.get_refund(refund["request_id"])["photo_ids"] == [photo["photo_id"]]
    assert any(r["request_id"] == refund["request_id"] for r in client.list_refunds())
    business_date = paid_at.astimezone(ZoneInfo("Asia/Shanghai")).date()  # the batch's default zone
    batch = client.post_settlement_batch({"business_date": business_date.isoformat(), "settlements": [
        {k: payload[k] for k in ("settlement_id", "order_no", "amount_minor", "currency", "receipt_no", "paid_at")}]},
        str(uuid.uuid4()))
    assert batch["terminal"]["count"] == 1


def test_gets_and_keyed_posts_are_retried_through_503s(server, proxy):
    c = client_for(proxy.url, retries=2)
    proxy.plan = ProxyPlan(fail_503=2)
    assert c.get_order(seed.TEA_ORDER)["order_no"] == seed.TEA_ORDER
    assert [e[2] for e in proxy.requests("GET")] == ["503", "503", "200"]


def test_a_claim_is_never_retried(server, proxy):
    c = client_for(server.url)
    view = new_order(c)
    pc = client_for(proxy.url, retries=3)
    proxy.plan = ProxyPlan(fail_503=1)
    with pytest.raises(PlatformUnavailable) as err:
        pc.claim_order(view["order_no"])
    assert "503" in err.value.message and len(proxy.requests("POST")) == 1


def test_retries_run_out_as_platform_unavailable(server, proxy):
    c = client_for(proxy.url, retries=1)
    proxy.plan = ProxyPlan(fail_503=5)
    with pytest.raises(PlatformUnavailable):
        c.get_order(seed.TEA_ORDER)
    assert len(proxy.requests("GET")) == 2


def test_a_timeout_is_platform_unavailable(server, proxy):
    c = client_for(proxy.url, retries=0, timeout_s=0.3)
    proxy.plan = ProxyPlan(delay_s=1.0)
    with pytest.raises(PlatformUnavailable, match="no answer .* within 0.3 s"):
        c.get_order(seed.TEA_ORDER)
