"""The sandbox platform as a real HTTP server on loopback (SandboxServer), driven with requests."""

from __future__ import annotations

import io
import uuid
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import requests

from pos_terminal.clock import SystemClock
from pos_terminal.vouchers import KeyRing, verify_voucher
from sync.sandbox import seed
from sync.sandbox.export_openapi import CONTRACT, render
from sync.sandbox.server import SandboxServer
from tests.fakes import FakeClock
from tests.seller_helpers import csrf_token, seller_session
from tests.platform_helpers import admin_headers, terminal_headers

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)

API = "/api/v1"
PNG = bytes.fromhex(  # a real 1x1 PNG: uploads are decoded and kept re-encoded as JPEG
    "89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c49444154789c6338c1c000"
    "00025c00c943c812460000000049454e44ae426082")


creds = terminal_headers


T01, T02, OTHER = creds(seed.DEMO_TERMINAL), creds(seed.SECOND_TERMINAL), creds(seed.OTHER_STORE_TERMINAL)


def merchant(mid: str) -> dict:
    return {"Authorization": f"Bearer {seed.MERCHANTS[mid][4]}", "X-Merchant-Id": mid}


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def server(request, tmp_path_factory):
    """The sandbox on each of its storage backends: the SQLite default, and PostgreSQL by URL (the
    throwaway server of tests/postgres.py, a fresh database). Its clock is the module's FakeClock,
    placed at today's time: tests read "now" from it and move it instead of sleeping."""
    clock = FakeClock(SystemClock().now())
    if request.param == "sqlite":
        db = tmp_path_factory.mktemp("sandbox") / "platform.sqlite3"
        with SandboxServer(db_url=f"sqlite:///{db}", clock=clock) as s:
            yield s
        return
    import sqlalchemy as sa

    pg = request.getfixturevalue("pg_server")
    admin = sa.create_engine(pg.url("postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql('CREATE DATABASE "sandbox_api"')
    try:
        with SandboxServer(db_url=pg.url("sandbox_api"), clock=clock) as s:
            yield s
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql('DROP DATABASE IF EXISTS "sandbox_api" WITH (FORCE)')
        admin.dispose()


@pytest.fixture
def http(server):
    session = requests.Session()

    class Client:
        url = server.url
        clock = server.clock

        def get(self, path, headers=T01, **kw):
            return session.get(server.url + path, headers=headers, timeout=10, **kw)

        def post(self, path, body=None, headers=T01, key="new", **kw):
            h = dict(headers)
            if key is not None:
                h["Idempotency-Key"] = str(uuid.uuid4()) if key == "new" else key
            return session.post(server.url + path, json=body, headers=h, timeout=10, **kw)

        def delete(self, path, headers=T01):
            return session.delete(server.url + path, headers=headers, timeout=10)

    yield Client()
    session.close()


def new_order(http, merchant_id="m-tea", buyer_id="b-wang", lines=None, **kw) -> dict:
    lines = lines or [{"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": 2},
                      {"sku": "BISC-1", "name": "饼干", "unit_price_minor": 880, "quantity": 1}]
    r = http.post(f"{API}/orders", {"merchant_id": merchant_id, "buyer_id": buyer_id, "lines": lines, **kw})
    assert r.status_code == 201, r.text
    return r.json()


def settlement(order: dict, terminal=seed.DEMO_TERMINAL, *, paid_at: datetime, amount=None, tenders=("cash",)) -> dict:
    return {
        "settlement_id": str(uuid.uuid4()), "order_no": order["order_no"], "merchant_id": order["merchant"]["id"],
        "store_id": terminal[0], "terminal_id": terminal[1], "receipt_no": 1,
        "amount_minor": order["total_minor"] if amount is None else amount, "currency": "CNY",
        "tenders": list(tenders), "offline": False,
        "paid_at": paid_at.isoformat(),
    }


def pay(http, order, terminal=seed.DEMO_TERMINAL, **kw) -> dict:
    kw.setdefault("paid_at", http.clock.now())
    r = http.post(f"{API}/settlements", settlement(order, terminal, **kw), headers=creds(terminal))
    assert r.status_code == 201, r.text
    return r.json()


def keyring(http) -> KeyRing:
    return KeyRing.from_jwks(http.get(f"{API}/voucher-keys", headers={}).json())


# ---------------------------------------------------------------------- auth and errors


def test_auth_failures_are_401_with_a_json_error(http):
    for headers in [{}, {**T01, "Authorization": "Bearer wrong"}, {**T01, "X-Terminal-Id": "T99"},
                    {k: v for k, v in T01.items() if k != "X-Store-Id"}]:
        r = http.get(f"{API}/orders/{seed.TEA_ORDER}", headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["content-type"].startswith("application/json")
        assert set(r.json()) == {"error", "message"} and r.json()["error"] in ("unauthenticated", "bad_credentials")
    assert http.post(f"{API}/settlements", {}, headers={}).status_code == 401
    # a terminal credential does not make a seller decision
    assert http.post(f"{API}/refund-requests/x/decision", {"approve": True}).status_code == 401


def test_errors_are_json(http):
    r = http.get(f"{API}/orders/PO999999999999")
    assert (r.status_code, r.json()["error"]) == (404, "unknown_order")
    r = http.get("/no/such/page")
    assert r.status_code == 404 and r.json()["error"] == "not_found"
    r = http.post(f"{API}/orders", {"merchant_id": "m-tea"})
    assert r.status_code == 422 and r.json()["error"] == "invalid_request" and r.json()["message"]


def test_health_and_keys_are_public_and_cacheable(http):
    assert http.get(f"{API}/health", headers={}).json()["status"] == "ok"
    r = http.get(f"{API}/voucher-keys", headers={})
    assert "max-age" in r.headers["cache-control"]
    assert all(k["kty"] == "OKP" and k["crv"] == "Ed25519" and k["kid"] for k in r.json()["keys"])


# ------------------------------------------------------------------------------ orders


def test_seeded_orders_and_lookups(http):
    ring = keyring(http)
    for no in seed.OPEN_ORDERS:
        o = http.get(f"{API}/orders/{no}").json()
        assert o["status"] == "open" and len(o["voucher"]) <= 400
        check = verify_voucher(o["voucher"], ring, http.clock.now())
        assert check.valid and check.claims.order_no == no and check.claims.amount_minor == o["total_minor"]
    tea = http.get(f"{API}/orders/{seed.TEA_ORDER}").json()
    assert tea["total_minor"] == 3380 and tea["merchant"] == {"id": "m-tea", "name": "好物商城"}
    assert [len(l["item_codes"]) for l in tea["lines"]] == [2, 1]
    assert http.get(f"{API}/orders/by-voucher/{tea['voucher_id']}").json()["order_no"] == seed.TEA_ORDER
    assert http.get(f"{API}/orders/by-url", params={"url": tea["url"]}).json()["order_no"] == seed.TEA_ORDER
    assert http.get(f"{API}/orders/by-url", params={"url": "http://x/o/nope"}).json()["error"] == "unknown_url"
    assert http.get(f"{API}/orders/by-voucher/nope").status_code == 404
    big = http.get(f"{API}/orders/{seed.BIG_ORDER}").json()
    assert verify_voucher(big["voucher"], ring, http.clock.now()).claims.summary.endswith("…")


def test_the_demos_sandbox_started_again_a_month_later_has_its_seeded_orders_open(tmp_path):
    """The demo keeps its sandbox file: started again after the seeded vouchers expired, the
    seeded orders that nobody paid get new vouchers (same order, item codes and link)."""
    clock = FakeClock(SystemClock().now())
    url = f"sqlite:///{tmp_path / 'p.sqlite3'}"

    def get(s, path):
        return requests.get(s.url + API + path, headers=T01, timeout=10).json()

    with SandboxServer(db_url=url, clock=clock) as s:
        first = get(s, f"/orders/{seed.TEA_ORDER}")
    clock.advance(days=31)
    with SandboxServer(db_url=url, clock=clock) as s:
        again = get(s, f"/orders/{seed.TEA_ORDER}")
        paid = get(s, f"/orders/{seed.ONLINE_PAID_ORDER}")
        ring = KeyRing.from_jwks(requests.get(s.url + f"{API}/voucher-keys", timeout=10).json())
    assert first["status"] == "open" and again["status"] == "open", again["status"]
    assert again["voucher_id"] != first["voucher_id"] and again["lines"] == first["lines"]
    assert again["url"].rsplit("/o/", 1)[1] == first["url"].rsplit("/o/", 1)[1]
    check = verify_voucher(again["voucher"], ring, clock.now())
    assert check.valid and check.claims.order_no == seed.TEA_ORDER and check.claims.amount_minor == 3380
    assert paid["status"] == "paid"  # a paid order is left as it is


def test_create_order_gives_unit_codes_voucher_and_page(http):
    lines = [{"sku": f"S{i}", "name": f"特级铁观音乌龙茶礼盒装第{i}号（限量版）", "unit_price_minor": 100 + i, "quantity": 1 + i % 3}
             for i in range(200)]
    o = new_order(http, lines=lines)
    codes = [c for l in o["lines"] for c in l["item_codes"]]
    assert len(codes) == len(set(codes)) == sum(1 + i % 3 for i in range(200))
    assert o["total_minor"] == sum((100 + i) * (1 + i % 3) for i in range(200))
    assert len(o["voucher"]) <= 400 and o["url"].startswith(http.url + "/o/")
    assert verify_voucher(o["voucher"], keyring(http), http.clock.now()).valid
    assert requests.get(o["url"], timeout=10).status_code == 200
    r = http.post(f"{API}/orders", {"merchant_id": "m-nope", "buyer_id": "b-wang", "lines": lines[:1]})
    assert r.json()["error"] == "unknown_merchant"


# ------------------------------------------------------------------------- idempotency


def test_idempotent_retry_returns_the_first_answer(http):
    o = new_order(http)
    body = settlement(o, paid_at=http.clock.now())
    first = http.post(f"{API}/settlements", body, key="retry-1")
    again = http.post(f"{API}/settlements", body, key="retry-1")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json() and again.headers.get("Idempotent-Replayed") == "true"
    other = http.post(f"{API}/settlements", {**body, "amount_minor": 1}, key="retry-1")
    assert other.status_code == 422 and other.json()["error"] == "idempotency_key_reused"
    # the same settlement under a new key is still recorded once
    third = http.post(f"{API}/settlements", body)
    assert third.status_code == 200 and third.json()["outcome"] == "paid"


def test_keys_are_kept_a_day_at_least_on_the_platforms_clock(http):
    """The contract keeps keys 24 hours at least; the sandbox keeps them IDEMPOTENCY_TTL on its
    own clock (moved here, no waiting), then answers the key afresh."""
    from sync.sandbox.platform import IDEMPOTENCY_TTL

    body = {"amount_minor": 1, "currency": "CNY", "reference": "kept-a-day", "pin": "2580"}
    first = http.post(f"{API}/cards/8800000000000001/debit", body, key="kept-1")
    http.clock.advance(hours=24)
    again = http.post(f"{API}/cards/8800000000000001/debit", body, key="kept-1")
    assert again.headers.get("Idempotent-Replayed") == "true" and again.json() == first.json()
    http.clock.advance(seconds=(IDEMPOTENCY_TTL - timedelta(hours=24)).total_seconds() + 1)
    later = http.post(f"{API}/cards/8800000000000001/debit", body, key="kept-1")
    assert later.status_code == 201 and later.headers.get("Idempotent-Replayed") is None
    assert later.json()["transaction_id"] != first.json()["transaction_id"]


def test_idempotency_key_is_required_for_money(http):
    r = http.post(f"{API}/cards/8800000000000001/debit", {"amount_minor": 100, "reference": "x", "pin": "2580"},
                  key=None)
    assert r.status_code == 422 and r.json()["error"] == "idempotency_key_required"


def test_refusals_are_replayed_too(http):
    body = {"amount_minor": 10**9, "currency": "CNY", "reference": "too-much", "pin": "1357"}
    a = http.post(f"{API}/cards/8800000000000002/debit", body, key="refusal-1")
    b = http.post(f"{API}/cards/8800000000000002/debit", body, key="refusal-1")
    assert a.status_code == b.status_code == 409 and a.json() == b.json()
    assert a.json()["error"] == "insufficient_funds"


def test_keys_are_scoped_to_the_caller(http):
    body = {"amount_minor": 1, "currency": "CNY", "reference": "scoped"}
    assert http.post(f"{API}/cards/8800000000000001/credit", body, key="shared-key").status_code == 201
    r = http.post(f"{API}/cards/8800000000000001/credit", {**body, "amount_minor": 2}, headers=OTHER, key="shared-key")
    assert r.status_code == 201


# ------------------------------------------------------------------------------- cards


def test_prepaid_cards(http):
    card, pin = "8800000000000001", {"pin": "2580"}
    before = http.post(f"{API}/cards/{card}/balance", pin).json()["balance_minor"]
    credit = {"amount_minor": 1234, "currency": "CNY", "reference": "sale-1"}  # money back: no PIN
    body = {**credit, **pin}
    r = http.post(f"{API}/cards/{card}/debit", body, key="card-debit-1")
    assert r.status_code == 201 and r.json()["balance_minor"] == before - 1234
    assert http.post(f"{API}/cards/{card}/debit", body, key="card-debit-1").json()["balance_minor"] == before - 1234
    assert http.post(f"{API}/cards/{card}/balance", pin).json()["balance_minor"] == before - 1234  # debited once
    assert http.post(f"{API}/cards/{card}/credit", credit).json()["balance_minor"] == before
    assert http.post(f"{API}/cards/8800000000000003/debit", {**credit, "pin": "2468"}).json()["error"] == "card_inactive"
    assert http.post(f"{API}/cards/0000/balance", pin).status_code == 404
    assert http.post(f"{API}/cards/{card}/debit", {**body, "currency": "USD"}).json()["error"] == "currency_mismatch"
    assert http.post(f"{API}/cards/{card}/debit", {**body, "amount_minor": 0}).status_code == 422


# ------------------------------------------------------------------------------ claims


def test_claim_lock_release_and_expiry(http):
    o = new_order(http)
    path = f"{API}/orders/{o['order_no']}/claim"
    r = http.post(path, {"ttl_s": 60})
    assert r.status_code == 200 and r.json()["terminal_id"] == "T01"
    assert http.get(f"{API}/orders/{o['order_no']}").json()["claim"]["terminal_id"] == "T01"
    r = http.post(path, {"ttl_s": 60}, headers=T02)
    assert r.status_code == 409 and r.json()["error"] == "order_claimed" and r.json()["terminal_id"] == "T01"
    assert http.delete(path, headers=T02).json()["released"] is False  # not its lock
    assert http.delete(path).json()["released"] is True  # cancelled at T01
    assert http.post(path, {"ttl_s": 1}, headers=T02).status_code == 200
    assert http.post(path, {"ttl_s": 60}).status_code == 409
    http.clock.advance(seconds=1, microseconds=1)  # T02's lock runs out
    assert http.post(path, {"ttl_s": 60}).status_code == 200
    pay(http, o)
    r = http.post(path, {"ttl_s": 60}, headers=T02)
    assert r.status_code == 409 and r.json()["error"] == "order_paid"
    assert http.get(f"{API}/orders/{o['order_no']}").json()["claim"] is None


# ------------------------------------------------------------------------- settlements


def test_double_payment_becomes_a_refund_case(http):
    o = new_order(http, buyer_id="b-li")
    first = pay(http, o)
    assert first["outcome"] == "paid" and first["refund_case"] is None
    second = pay(http, o, seed.OTHER_STORE_TERMINAL, tenders=("prepaid_card",))
    assert second["outcome"] == "refund_case"
    case = second["refund_case"]
    assert case["reason"] == "double_payment" and case["amount_minor"] == o["total_minor"] and case["store_id"] == "other-store"
    order = http.get(f"{API}/orders/{o['order_no']}").json()
    assert order["status"] == "paid" and order["paid"]["settlement_id"] == first["settlement_id"]
    assert http.get(f"{API}/settlements/{second['settlement_id']}", headers=OTHER).json()["outcome"] == "refund_case"


def test_settlement_checks(http):
    o = new_order(http)
    now = http.clock.now()
    r = http.post(f"{API}/settlements", settlement(o, seed.SECOND_TERMINAL, paid_at=now))  # T01's credential, T02's name
    assert r.status_code == 403 and r.json()["error"] == "credential_mismatch"
    assert pay(http, o, amount=1)["outcome"] == "amount_differs"
    assert http.get(f"{API}/orders/{o['order_no']}").json()["status"] == "open"
    r = http.post(f"{API}/settlements", {**settlement(o, paid_at=now), "order_no": "PO999999999999"})
    assert r.status_code == 404
    naive = now.replace(tzinfo=None).isoformat()
    r = http.post(f"{API}/settlements", {**settlement(o, paid_at=now), "paid_at": naive})
    assert r.status_code == 422
    assert http.get(f"{API}/settlements/nope").status_code == 404


def test_day_batch_lists_every_difference(http):
    shanghai = ZoneInfo("Asia/Shanghai")
    business_date = http.clock.now().astimezone(shanghai).date() - timedelta(days=30)  # nobody else paid then
    day = datetime.combine(business_date, time(11), shanghai)
    t = seed.SECOND_TERMINAL
    a, b, c, d = (new_order(http) for _ in range(4))
    sa = pay(http, a, t, paid_at=day)
    pay(http, b, t, paid_at=day)  # the terminal "forgets" b
    sc = pay(http, c, t, paid_at=day)
    pay(http, d, seed.DEMO_TERMINAL, paid_at=day)
    sd = pay(http, d, t, paid_at=day)  # a double payment
    lost = settlement(new_order(http), t, paid_at=day)  # never reached the platform
    lines = [{"settlement_id": sa["settlement_id"], "order_no": a["order_no"], "amount_minor": a["total_minor"]},
             {"settlement_id": sc["settlement_id"], "order_no": c["order_no"], "amount_minor": c["total_minor"] + 100},
             {"settlement_id": sd["settlement_id"], "order_no": d["order_no"], "amount_minor": d["total_minor"]},
             {"settlement_id": lost["settlement_id"], "order_no": lost["order_no"], "amount_minor": lost["amount_minor"]}]
    body = {"business_date": business_date.isoformat(), "timezone": "Asia/Shanghai", "currency": "CNY",
            "settlements": lines}
    r = http.post(f"{API}/settlement-batches", body, headers=T02, key=f"batch-{business_date}")
    assert r.status_code == 201, r.text
    res = r.json()
    kinds = sorted((x["kind"], x["order_no"]) for x in res["differences"])
    assert kinds == sorted([("missing_at_terminal", b["order_no"]), ("amount_differs", c["order_no"]),
                            ("double_payment_refund_case", d["order_no"]), ("missing_at_platform", lost["order_no"])])
    assert all(x["action"] for x in res["differences"])
    assert res["platform"]["count"] == 4 and res["platform"]["refund_case_count"] == 1
    assert res["platform"]["total_minor"] == sum(o["total_minor"] for o in (a, b, c, d))
    assert res["terminal"] == {"count": 4, "total_minor": sum(x["amount_minor"] for x in lines)}
    assert res["reconciled"] is False
    again = http.post(f"{API}/settlement-batches", body, headers=T02, key=f"batch-{business_date}")
    assert again.json() == res
    empty = {"business_date": (business_date - timedelta(days=1)).isoformat(), "settlements": []}
    assert http.post(f"{API}/settlement-batches", empty, headers=T02).json()["reconciled"] is True
    assert http.post(f"{API}/settlement-batches", {**empty, "timezone": "Mars/Base"}, headers=T02).status_code == 422


def test_a_batch_day_ends_at_midnight_in_the_stores_zone(http):
    """23:59:59 and 00:00:00 in Shanghai: two business days (and the same UTC date)."""
    shanghai = ZoneInfo("Asia/Shanghai")
    day = http.clock.now().astimezone(shanghai).date() - timedelta(days=60)  # nobody else paid then
    midnight = datetime.combine(day + timedelta(days=1), time(0), shanghai)
    t = seed.OTHER_STORE_TERMINAL
    late, early = new_order(http), new_order(http)
    pay(http, late, t, paid_at=midnight - timedelta(seconds=1))
    pay(http, early, t, paid_at=midnight)
    for business_date, order in ((day, late), (day + timedelta(days=1), early)):
        body = {"business_date": business_date.isoformat(), "timezone": "Asia/Shanghai", "settlements": []}
        res = http.post(f"{API}/settlement-batches", body, headers=OTHER).json()
        assert res["platform"]["count"] == 1, res
        assert [(d["kind"], d["order_no"]) for d in res["differences"]] == [("missing_at_terminal", order["order_no"])]


# ----------------------------------------------------------------------------- refunds


def upload(http, data=PNG, ctype="image/png", headers=T01, key="new"):
    h = dict(headers)
    h["Idempotency-Key"] = str(uuid.uuid4()) if key == "new" else key
    return requests.post(http.url + f"{API}/refund-photos", files={"file": ("defect.png", io.BytesIO(data), ctype)},
                         headers=h, timeout=10)


def test_item_lookup(http):
    o = new_order(http)
    code = o["lines"][0]["item_codes"][0]
    item = http.get(f"{API}/items/{code}").json()
    assert item["payment"]["status"] == "unpaid" and item["return_window"]["inside"] is False
    pay(http, o, tenders=("prepaid_card",))
    item = http.get(f"{API}/items/{code}").json()
    assert (item["name"], item["unit_price_minor"], item["order_no"]) == ("乌龙茶 500ml", 1250, o["order_no"])
    assert item["seller"]["merchant_id"] == "m-tea" and item["buyer"]["reputation"] == 90
    assert item["payment"] | {} == item["payment"] and item["payment"]["route"] == "prepaid_card"
    assert item["payment"]["store_id"] == "demo-store" and item["payment"]["terminal_id"] == "T01"
    assert item["refund"] == {"state": "none", "request_id": None}
    assert item["return_window"]["days"] == 7 and item["return_window"]["inside"] is True
    assert http.get(f"{API}/items/IC-nope").json()["error"] == "unknown_item"
    online = http.get(f"{API}/orders/{seed.ONLINE_PAID_ORDER}").json()
    assert http.get(f"{API}/items/{online['lines'][0]['item_codes'][0]}").json()["payment"]["route"] == "online"


def test_photo_upload(http):
    r = upload(http, key="photo-1")
    assert r.status_code == 201 and r.json()["content_type"] == "image/jpeg"  # re-encoded (test_seller_portal.py)
    assert upload(http, key="photo-1").json() == r.json()
    assert upload(http, PNG + b"x", key="photo-1").json()["error"] == "idempotency_key_reused"
    assert upload(http, b"GIF89a", "image/gif").status_code == 415
    assert upload(http, b"not a png").json()["error"] == "not_an_image"
    kept = http.get(f"{API}/refund-photos/{r.json()['photo_id']}")  # the store that took it
    assert kept.status_code == 200 and kept.content.startswith(b"\xff\xd8\xff") and len(kept.content) == r.json()["size"]
    assert requests.get(http.url + f"/seller/photos/{r.json()['photo_id']}", timeout=10).status_code == 401


def test_refund_approved_at_once_for_a_trusted_buyer(http):
    o = new_order(http, buyer_id="b-wang")  # reputation 90 >= m-tea's 60
    pay(http, o)
    codes = o["lines"][0]["item_codes"]  # both units of the tea line
    photo = upload(http).json()["photo_id"]
    r = http.post(f"{API}/refund-requests", {"item_codes": codes, "reason": "瓶盖破损", "photo_ids": [photo]})
    assert r.status_code == 201, r.text
    req = r.json()
    assert req["status"] == "approved" and req["decided_by"] == "policy" and req["amount_minor"] == 2500
    assert req["payout"] == {"route": "cash", "store_id": "demo-store", "terminal_id": "T01"}
    assert req["photo_ids"] == [photo]
    assert http.get(f"{API}/items/{codes[0]}").json()["refund"]["state"] == "refunded"
    r = http.post(f"{API}/refund-requests", {"item_codes": codes[:1], "reason": "again"})
    assert r.status_code == 409 and r.json()["error"] == "already_refunded"
    assert http.get(f"{API}/refund-requests/{req['request_id']}").json()["status"] == "approved"


def test_refund_waits_for_the_seller_then_confirmed_or_rejected(http):
    results = {}
    for decision in (True, False):
        o = new_order(http, merchant_id="m-digital", buyer_id="b-zhang",  # reputation 70 < 80
                      lines=[{"sku": "USBC", "name": "USB-C 数据线", "unit_price_minor": 2990, "quantity": 2}])
        pay(http, o, tenders=("bank_card",))
        codes = o["lines"][0]["item_codes"]
        r = http.post(f"{API}/refund-requests", {"item_codes": codes, "reason": "不充电"})
        assert r.status_code == 422 and r.json()["error"] == "photo_required"  # m-digital wants a photo
        photo = upload(http).json()["photo_id"]
        r = http.post(f"{API}/refund-requests", {"item_codes": codes, "reason": "不充电", "photo_ids": [photo]})
        req = r.json()
        assert req["status"] == "pending_seller" and req["payout"]["route"] == "bank_card"
        assert http.get(f"{API}/items/{codes[0]}").json()["refund"]["state"] == "open"
        r = http.post(f"{API}/refund-requests", {"item_codes": codes[:1], "reason": "x", "photo_ids": [upload(http).json()["photo_id"]]})
        assert r.json()["error"] == "request_open"
        pending = http.get(f"{API}/refund-requests", params={"status": "pending_seller"}).json()["requests"]
        assert req["request_id"] in [x["request_id"] for x in pending]
        path = f"{API}/refund-requests/{req['request_id']}/decision"
        other = http.post(path, {"approve": True}, headers=merchant("m-tea"))  # not m-tea's: as if unknown
        assert other.status_code == 404 and other.json()["error"] == "unknown_refund_request"
        r = http.post(path, {"approve": decision, "note": "ok"}, headers=merchant("m-digital"), key=f"dec-{decision}-{req['request_id']}")
        assert r.status_code == 200 and r.json()["decided_by"] == "seller"
        assert http.post(path, {"approve": not decision}, headers=merchant("m-digital")).json()["error"] == "already_decided"
        results[decision] = (http.get(f"{API}/refund-requests/{req['request_id']}").json()["status"],
                             http.get(f"{API}/items/{codes[0]}").json()["refund"]["state"])
    assert results == {True: ("approved", "refunded"), False: ("rejected", "none")}


def test_seller_page_decides(http, server):
    o = new_order(http, buyer_id="b-li")  # 40 < 60
    pay(http, o)
    req = http.post(f"{API}/refund-requests", {"item_codes": o["lines"][1]["item_codes"], "reason": "受潮",
                                               "photo_ids": [upload(http).json()["photo_id"]]}).json()
    assert req["status"] == "pending_seller"
    seller = seller_session(server, "m-tea")  # signed in (tests/integration/test_seller_portal.py)
    page = seller.get(http.url + "/seller?status=pending_seller", timeout=10)
    assert f"req-{req['request_id']}" in page.text and "/seller/photos/" in page.text and "受潮" in page.text
    r = seller.post(http.url + f"/seller/refund-requests/{req['request_id']}/decision",
                    data={"decision": "approve", "note": "同意", "csrf_token": csrf_token(page.text)}, timeout=10)
    assert r.status_code == 200  # after the redirect back to the list
    assert http.get(f"{API}/refund-requests/{req['request_id']}").json()["status"] == "approved"


def test_refund_refusals(http):
    o = new_order(http)
    codes = o["lines"][0]["item_codes"]
    assert http.post(f"{API}/refund-requests", {"item_codes": codes, "reason": "x"}).json()["error"] == "order_not_paid"
    other = new_order(http)
    pay(http, o), pay(http, other)
    r = http.post(f"{API}/refund-requests", {"item_codes": [codes[0], other["lines"][0]["item_codes"][0]], "reason": "x"})
    assert r.json()["error"] == "items_from_several_orders"
    r = http.post(f"{API}/refund-requests", {"item_codes": ["IC0"], "reason": "x"})
    assert r.status_code == 404 and r.json()["item_code"] == "IC0"
    r = http.post(f"{API}/refund-requests", {"item_codes": codes, "reason": "x", "photo_ids": [str(uuid.uuid4())]})
    assert r.json()["error"] == "unknown_photo"


def test_outside_the_return_window(tmp_path):
    clock = FakeClock(SystemClock().now())
    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", clock=clock) as s:
        o = requests.get(s.url + f"{API}/orders/{seed.TEA_ORDER}", headers=T01, timeout=10).json()
        body = settlement(o, paid_at=clock.now())
        assert requests.post(s.url + f"{API}/settlements", json=body, headers={**T01, "Idempotency-Key": "k"}).status_code == 201
        clock.advance(days=8)  # m-tea takes returns within 7 days
        item = requests.get(s.url + f"{API}/items/{o['lines'][0]['item_codes'][0]}", headers=T01, timeout=10).json()
        assert item["return_window"]["inside"] is False
        r = requests.post(s.url + f"{API}/refund-requests", json={"item_codes": o["lines"][0]["item_codes"], "reason": "x"},
                          headers={**T01, "Idempotency-Key": "k2"}, timeout=10)
        assert r.json()["error"] == "outside_return_window"


# ---------------------------------------------------------------------- key rotation


def test_key_rotation_keeps_old_vouchers_verifying(http, server):
    old = new_order(http)
    before = keyring(http)
    r = requests.post(http.url + f"{API}/admin/voucher-keys/rotate", timeout=10)
    assert r.status_code == 401
    r = requests.post(http.url + f"{API}/admin/voucher-keys/rotate", headers=admin_headers(server), timeout=10)
    assert r.status_code == 200
    rotated = r.json()
    assert rotated["retired_kid"] == old["kid"] and rotated["active_kid"] != old["kid"]
    new = new_order(http)
    assert new["kid"] == rotated["active_kid"]
    now = http.clock.now()
    assert verify_voucher(new["voucher"], before, now).reason == "unknown_key"  # the stale cache
    after = keyring(http)
    assert {old["kid"], new["kid"]} <= set(after.kids)
    status = {k["kid"]: k["status"] for k in http.get(f"{API}/voucher-keys", headers={}).json()["keys"]}
    assert status[old["kid"]] == "retiring" and status[new["kid"]] == "active"
    assert verify_voucher(old["voucher"], after, now).valid and verify_voucher(new["voucher"], after, now).valid


# ----------------------------------------------------------------------------- contract


def test_openapi_file_equals_the_served_document(http):
    served = http.get("/openapi.json", headers={}).json()
    assert render(served) == CONTRACT.read_text(encoding="utf-8"), (
        "sync/contract/openapi.json is stale: run python -m sync.sandbox.export_openapi")
    ops = served["paths"]
    for path, method in [("/api/v1/settlements", "post"), ("/api/v1/cards/{card_no}/debit", "post"),
                         ("/api/v1/cards/{card_no}/credit", "post"), ("/api/v1/settlement-batches", "post"),
                         ("/api/v1/refund-photos", "post"), ("/api/v1/refund-requests", "post"),
                         ("/api/v1/refund-requests/{request_id}/decision", "post")]:
        header = [p for p in ops[path][method]["parameters"] if p["in"] == "header" and p["name"] == "Idempotency-Key"]
        assert header and header[0]["required"] is True, path
    assert ops["/api/v1/settlements"]["post"]["security"] == [{"Secret": [], "StoreId": [], "TerminalId": []}]
