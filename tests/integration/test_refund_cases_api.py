"""Refund cases on the sandbox platform (sync.sandbox.refund_cases) over real HTTP on loopback: who
sees a case, the counter's pay-back (same store only, the case's amount, idempotent), the
platform's refund to the buyer's balance (admin API, seller portal with its CSRF token), the two
resolutions excluding each other, and the day's batch showing a closed case as settled."""

from __future__ import annotations

import uuid

import pytest
import requests

from pos_terminal.clock import SystemClock
from sync.sandbox import buyers, seed
from sync.sandbox.server import SandboxServer
from tests.fakes import FakeClock
from tests.platform_helpers import admin_headers, terminal_headers
from tests.seller_helpers import csrf_token, seller_session

pytestmark = pytest.mark.clock_sensitive

API = "/api/v1"
T01, T02, OTHER = (terminal_headers(t) for t in (seed.DEMO_TERMINAL, seed.SECOND_TERMINAL, seed.OTHER_STORE_TERMINAL))


def merchant(mid: str) -> dict:
    return {"Authorization": f"Bearer {seed.MERCHANTS[mid][4]}", "X-Merchant-Id": mid}


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("sandbox") / "platform.sqlite3"
    with SandboxServer(db_url=f"sqlite:///{db}", clock=FakeClock(SystemClock().now())) as s:
        yield s


@pytest.fixture
def http(server):
    session = requests.Session()

    class Client:
        clock = server.clock

        def get(self, path, headers=T01, **kw):
            return session.get(server.url + path, headers=headers, timeout=10, **kw)

        def post(self, path, body=None, headers=T01, key="new"):
            h = dict(headers)
            if key is not None:
                h["Idempotency-Key"] = str(uuid.uuid4()) if key == "new" else key
            return session.post(server.url + path, json=body, headers=h, timeout=10)

    yield Client()
    session.close()


def paid_twice(http, first=T01, second=OTHER, merchant_id="m-tea", buyer_id="b-li") -> dict:
    """An order paid at `first`, then again at `second`: the second payment's refund case."""
    r = http.post(f"{API}/orders", {"merchant_id": merchant_id, "buyer_id": buyer_id, "lines": [
        {"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": 2}]})
    assert r.status_code == 201, r.text
    order = r.json()
    answers = []
    for n, who in enumerate((first, second), 1):
        body = {"settlement_id": str(uuid.uuid4()), "order_no": order["order_no"], "store_id": who["X-Store-Id"],
                "terminal_id": who["X-Terminal-Id"], "receipt_no": n, "amount_minor": order["total_minor"],
                "currency": "CNY", "tenders": ["cash"], "offline": True, "paid_at": http.clock.now().isoformat()}
        r = http.post(f"{API}/settlements", body, headers=who)
        assert r.status_code == 201, r.text
        answers.append(r.json())
    assert [a["outcome"] for a in answers] == ["paid", "refund_case"]
    return answers[1]["refund_case"] | {"order": order, "settlement": answers[1]}


def paid_back_body(case, **kw) -> dict:
    return {"amount_minor": case["amount_minor"], "route": "cash", "receipt_no": 7,
            "paid_back_at": "2026-11-22T03:00:00+00:00"} | kw


def balance(server, buyer_id: str) -> int:
    with server.app.state.engine.connect() as conn:
        return buyers.balances(conn, buyer_id).get("CNY", 0)


def test_a_case_is_seen_by_its_store_and_its_merchant_only(http):
    case = paid_twice(http)
    cid = case["refund_case_id"]
    assert case["status"] == "open" and case["resolution"] is None and case["store_id"] == "other-store"
    listed = http.get(f"{API}/refund-cases", headers=OTHER, params={"status": "open"}).json()["cases"]
    mine = next(c for c in listed if c["refund_case_id"] == cid)
    assert (mine["order_no"], mine["amount_minor"], mine["receipt_no"], mine["merchant_id"], mine["paid_back"]) == (
        case["order"]["order_no"], case["amount_minor"], 2, "m-tea", None)
    assert cid not in {c["refund_case_id"] for c in http.get(f"{API}/refund-cases", headers=T01).json()["cases"]}
    r = http.get(f"{API}/refund-cases/{cid}", headers=T01)  # another store's: unknown, not forbidden
    assert (r.status_code, r.json()["error"]) == (404, "unknown_refund_case")
    assert http.get(f"{API}/refund-cases/{cid}", headers=OTHER).json()["status"] == "open"
    day = http.clock.now().astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai")).date().isoformat()
    by_day = http.get(f"{API}/refund-cases", headers=OTHER, params={"business_date": day}).json()["cases"]
    assert cid in {c["refund_case_id"] for c in by_day}
    assert http.get(f"{API}/refund-cases/{cid}", headers=merchant("m-tea")).json()["order_no"] == case["order"]["order_no"]
    assert http.get(f"{API}/refund-cases/{cid}", headers=merchant("m-digital")).status_code == 404
    assert cid not in {c["refund_case_id"] for c in
                       http.get(f"{API}/refund-cases", headers=merchant("m-digital")).json()["cases"]}
    assert http.get(f"{API}/refund-cases", headers={}).status_code == 401


def test_paid_back_at_the_counter_once(server, http):
    case = paid_twice(http)
    cid, path = case["refund_case_id"], f"{API}/refund-cases/{case['refund_case_id']}/paid-back"
    r = http.post(path, paid_back_body(case), headers=OTHER, key=None)
    assert (r.status_code, r.json()["error"]) == (422, "idempotency_key_required")
    r = http.post(path, paid_back_body(case, amount_minor=case["amount_minor"] - 1), headers=OTHER)
    assert (r.status_code, r.json()["error"], r.json()["amount_minor"]) == (422, "amount_mismatch", case["amount_minor"])
    assert http.post(path, paid_back_body(case), headers=T01).status_code == 404  # not the store that took it
    assert http.get(f"{API}/refund-cases/{cid}", headers=OTHER).json()["status"] == "open"

    key = f"payback-{uuid.uuid4()}"
    first = http.post(path, paid_back_body(case), headers=OTHER, key=key)
    assert first.status_code == 200, first.text
    view = first.json()
    assert (view["status"], view["resolution"], view["resolved_by"]) == ("refunded", "paid_back_at_counter",
                                                                        "other-store/T01")
    assert view["paid_back"] == {"route": "cash", "receipt_no": 7, "paid_back_at": "2026-11-22T03:00:00Z",
                                 "store_id": "other-store", "terminal_id": "T01"} and view["resolved_at"]
    again = http.post(path, paid_back_body(case), headers=OTHER, key=key)  # a retry after a lost answer
    assert again.status_code == 200 and again.json() == view and again.headers["Idempotent-Replayed"] == "true"
    r = http.post(path, paid_back_body(case), headers=OTHER)  # a second pay-back under another key
    assert (r.status_code, r.json()["error"], r.json()["receipt_no"]) == (409, "paid_back_at_counter", 7)
    before = balance(server, "b-li")
    r = http.post(f"{API}/admin/refund-cases/{cid}/platform-refund", {}, headers=admin_headers(server))
    assert (r.status_code, r.json()["error"]) == (409, "paid_back_at_counter")
    assert balance(server, "b-li") == before
    settled = http.get(f"{API}/settlements/{case['settlement']['settlement_id']}", headers=OTHER).json()
    assert (settled["refund_case"]["status"], settled["refund_case"]["resolution"]) == ("refunded",
                                                                                      "paid_back_at_counter")


def test_any_terminal_of_the_store_that_took_it_may_pay_back(http):
    case = paid_twice(http, first=OTHER, second=T02)
    r = http.post(f"{API}/refund-cases/{case['refund_case_id']}/paid-back", paid_back_body(case), headers=T01)
    assert r.status_code == 200 and r.json()["resolved_by"] == "demo-store/T01" and r.json()["terminal_id"] == "T02"


def test_refunded_by_the_platform_then_the_counter_is_refused(server, http):
    case = paid_twice(http)
    cid = case["refund_case_id"]
    before = balance(server, "b-li")
    assert http.post(f"{API}/admin/refund-cases/{cid}/platform-refund", {}, headers={}).status_code == 401
    r = http.post(f"{API}/admin/refund-cases/{cid}/platform-refund", {"note": "paid twice"},
                  headers=admin_headers(server))
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["resolution"], r.json()["resolved_by"]) == ("refunded", "platform_refund",
                                                                                   "admin")
    assert balance(server, "b-li") == before + case["amount_minor"]
    again = http.post(f"{API}/admin/refund-cases/{cid}/platform-refund", {}, headers=admin_headers(server))
    assert again.status_code == 200 and balance(server, "b-li") == before + case["amount_minor"]  # credited once
    r = http.post(f"{API}/refund-cases/{cid}/paid-back", paid_back_body(case), headers=OTHER)
    assert (r.status_code, r.json()["error"]) == (409, "refunded_by_platform")
    assert "do not pay it back" in r.json()["message"]


def test_the_seller_refunds_from_the_portal_with_its_csrf_token(server, http):
    case = paid_twice(http)
    cid = case["refund_case_id"]
    tea = seller_session(server, "m-tea")
    page = tea.get(f"{server.url}/seller/paid-twice", timeout=10)
    assert page.status_code == 200 and f'id="case-{cid}"' in page.text and "platform-refund" in page.text
    url = f"{server.url}/seller/refund-cases/{cid}/platform-refund"
    assert tea.post(url, data={}, allow_redirects=False, timeout=10).status_code == 403  # no token
    assert tea.post(url, data={"csrf_token": csrf_token(page.text)}, headers={"Origin": "http://evil.example"},
                    allow_redirects=False, timeout=10).status_code == 403
    digital = seller_session(server, "m-digital")
    other_page = digital.get(f"{server.url}/seller/paid-twice", timeout=10)
    assert f'id="case-{cid}"' not in other_page.text
    r = digital.post(url, data={"csrf_token": csrf_token(other_page.text)}, allow_redirects=False, timeout=10)
    assert r.status_code == 404
    assert http.get(f"{API}/refund-cases/{cid}", headers=OTHER).json()["status"] == "open"
    anonymous = requests.post(url, data={"csrf_token": "x"}, headers={"Origin": server.url}, allow_redirects=False,
                              timeout=10)
    assert anonymous.status_code == 401

    r = tea.post(url, data={"csrf_token": csrf_token(page.text)}, allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["location"] == "/seller/paid-twice?done=refunded"
    view = http.get(f"{API}/refund-cases/{cid}", headers=OTHER).json()
    assert (view["status"], view["resolution"], view["resolved_by"]) == ("refunded", "platform_refund", "seller:m-tea")
    after = tea.get(f"{server.url}/seller/paid-twice", timeout=10).text
    assert "Refunded to the buyer" not in after  # no notice without ?done
    assert "refunded to the buyer&#x27;s balance" in after or "refunded to the buyer's balance" in after
    r = http.post(f"{API}/refund-cases/{cid}/paid-back", paid_back_body(case), headers=OTHER)
    assert (r.status_code, r.json()["error"]) == (409, "refunded_by_platform")


def test_the_days_batch_shows_the_case_closed(server, http):
    case = paid_twice(http)
    day = http.clock.now().astimezone(__import__("zoneinfo").ZoneInfo("Asia/Shanghai")).date().isoformat()
    s = case["settlement"]
    batch = {"business_date": day, "timezone": "Asia/Shanghai", "currency": "CNY", "settlements": [
        {"settlement_id": s["settlement_id"], "order_no": s["order_no"], "amount_minor": s["amount_minor"]}]}

    def the_diff():
        answer = http.post(f"{API}/settlement-batches", batch, headers=OTHER).json()
        return answer, next(d for d in answer["differences"] if d.get("refund_case_id") == case["refund_case_id"])

    _, d = the_diff()
    assert (d["kind"], d["refund_case_status"], d["resolution"], d["resolved"]) == (
        "double_payment_refund_case", "open", None, False)
    assert http.post(f"{API}/refund-cases/{case['refund_case_id']}/paid-back", paid_back_body(case),
                     headers=OTHER).status_code == 200
    answer, d = the_diff()
    assert (d["refund_case_status"], d["resolution"], d["resolved"], d["paid_back_receipt_no"]) == (
        "refunded", "paid_back_at_counter", True, 7)
    assert d["action"].startswith("closed:")
    assert all(x.get("resolved") for x in answer["differences"] if x["settlement_id"] == s["settlement_id"])
