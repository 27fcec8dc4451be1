"""What a terminal credential can do, store by store (issue 12), over HTTP against the sandbox on
loopback: another store's settlements and refund requests are not there for it; it claims any
order but not many at once nor one without end; a return at another store is held to the
platform's rules; failed sign-ins lock the credential (and the address) for a while; the admin
endpoints want the token from the sandbox's own credentials file. The sandbox runs on the test's
FakeClock: lock-outs, claim lifetimes and 24-hour windows pass by moving it."""

from __future__ import annotations

import os
import stat
import uuid

import pytest
import requests

from pos_terminal.clock import SystemClock
from pos_terminal.ports import AuthenticationFailed
from pos_terminal.services import orders, sales
from sync.sandbox import seed
from sync.sandbox.credentials import FILE_NAME
from sync.sandbox.platform import Policy
from sync.sandbox.server import SandboxServer
from tests.fakes import FakeClock
from tests.platform_helpers import admin_headers, client_for, terminal_headers

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)

API = "/api/v1"


creds = terminal_headers


T01, T02, OTHER = creds(seed.DEMO_TERMINAL), creds(seed.SECOND_TERMINAL), creds(seed.OTHER_STORE_TERMINAL)


@pytest.fixture
def sandbox(tmp_path):
    """A sandbox of its own per test (lock-outs and claim counts must not leak between tests)."""
    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'platform.sqlite3'}", clock=FakeClock(SystemClock().now())) as s:
        yield s


class Http:
    def __init__(self, server):
        self.server = server
        self.clock = server.clock
        self.s = requests.Session()

    def get(self, path, headers=T01, **kw):
        return self.s.get(self.server.url + API + path, headers=headers, timeout=10, **kw)

    def post(self, path, body=None, headers=T01, **kw):
        return self.s.post(self.server.url + API + path, json=body,
                           headers={**headers, "Idempotency-Key": str(uuid.uuid4())}, timeout=10, **kw)

    def delete(self, path, headers=T01):
        return self.s.delete(self.server.url + API + path, headers=headers, timeout=10)


@pytest.fixture
def http(sandbox):
    h = Http(sandbox)
    yield h
    h.s.close()


def order(http, price=1250, qty=2, buyer="b-wang") -> dict:
    r = http.post("/orders", {"merchant_id": "m-tea", "buyer_id": buyer,
                              "lines": [{"sku": "TEA-500", "name": "乌龙茶", "unit_price_minor": price, "quantity": qty}]})
    assert r.status_code == 201, r.text
    return r.json()


def pay(http, o, terminal=seed.DEMO_TERMINAL, tenders=("cash",)) -> dict:
    body = {"settlement_id": str(uuid.uuid4()), "order_no": o["order_no"], "store_id": terminal[0],
            "terminal_id": terminal[1], "receipt_no": 1, "amount_minor": o["total_minor"], "currency": "CNY",
            "tenders": list(tenders), "paid_at": http.clock.now().isoformat()}
    r = http.post("/settlements", body, headers=creds(terminal))
    assert r.status_code == 201, r.text
    return r.json()


def refund(http, o, headers, n=1):
    codes = [c for line in o["lines"] for c in line["item_codes"]][:n]
    return http.post("/refund-requests", {"item_codes": codes, "reason": "defective"}, headers=headers)


# ------------------------------------------------------------------------------ cross-store reads


def test_another_stores_settlements_and_refund_requests_are_not_there(http):
    o = order(http)
    s = pay(http, o)
    r = refund(http, o, T01)
    assert r.status_code == 201, r.text
    rid = r.json()["request_id"]

    # the store that took them reads them, from any of its terminals
    for headers in (T01, T02):
        assert http.get(f"/settlements/{s['settlement_id']}", headers=headers).status_code == 200
        assert http.get(f"/refund-requests/{rid}", headers=headers).status_code == 200
    assert rid in [x["request_id"] for x in http.get("/refund-requests", headers=T02).json()["requests"]]

    # another store: unknown, exactly as an id that does not exist (nothing to probe)
    r = http.get(f"/settlements/{s['settlement_id']}", headers=OTHER)
    assert (r.status_code, r.json()["error"]) == (404, "unknown_settlement")
    r = http.get(f"/refund-requests/{rid}", headers=OTHER)
    assert (r.status_code, r.json()["error"]) == (404, "unknown_refund_request")
    assert rid not in [x["request_id"] for x in http.get("/refund-requests", headers=OTHER).json()["requests"]]
    # its day's batch and its card movements never show the other store's
    r = http.post("/settlement-batches", {"business_date": http.clock.now().date().isoformat(), "timezone": "UTC",
                                          "settlements": []}, headers=OTHER)
    assert r.status_code == 201 and r.json()["platform"]["count"] == 0, r.text
    # a settlement id another store used cannot be read back by posting it again
    body = {"settlement_id": s["settlement_id"], "order_no": o["order_no"], "store_id": "other-store",
            "terminal_id": "T01", "receipt_no": 1, "amount_minor": o["total_minor"], "currency": "CNY",
            "tenders": ["cash"], "paid_at": http.clock.now().isoformat()}
    r = http.post("/settlements", body, headers=OTHER)
    assert r.status_code == 409 and "store_id" not in r.json(), r.text


def test_an_item_is_found_by_any_store_but_shows_it_only_what_a_return_needs(http):
    o = order(http)
    pay(http, o)
    code = o["lines"][0]["item_codes"][0]
    mine = http.get(f"/items/{code}", headers=T02).json()
    theirs = http.get(f"/items/{code}", headers=OTHER).json()
    assert mine["buyer"]["name"] == seed.BUYERS["b-wang"][0] and mine["payment"]["terminal_id"] == "T01"
    assert theirs["buyer"]["name"] != seed.BUYERS["b-wang"][0] and theirs["buyer"]["name"].startswith("王")
    assert theirs["payment"]["terminal_id"] is None
    # what a return needs is all there
    assert theirs["payment"]["store_id"] == "demo-store" and theirs["payment"]["route"] == "cash"
    assert theirs["return_window"]["inside"] and theirs["buyer"]["reputation"] == mine["buyer"]["reputation"]


# ------------------------------------------------------------------------------------- claims


def test_a_terminal_holds_at_most_a_few_orders_at_once(http):
    limit = Policy().max_live_claims
    held = [order(http) for _ in range(limit)]
    for o in held:
        assert http.post(f"/orders/{o['order_no']}/claim", {"ttl_s": 120}).status_code == 200
    extra = order(http)
    r = http.post(f"/orders/{extra['order_no']}/claim", {"ttl_s": 120})
    assert (r.status_code, r.json()["error"], r.json()["limit"]) == (409, "too_many_claims", limit), r.text
    # renewing one it holds is not a new one
    assert http.post(f"/orders/{held[0]['order_no']}/claim", {"ttl_s": 120}).status_code == 200
    # another terminal of the same store has its own count
    assert http.post(f"/orders/{extra['order_no']}/claim", {"ttl_s": 120}, headers=T02).status_code == 200
    assert http.delete(f"/orders/{extra['order_no']}/claim", headers=T02).json()["released"]
    # a release, a lapse or a payment frees a place
    assert http.delete(f"/orders/{held[0]['order_no']}/claim").json()["released"]
    assert http.post(f"/orders/{extra['order_no']}/claim", {"ttl_s": 120}).status_code == 200
    http.clock.advance(seconds=121)
    more = [order(http) for _ in range(limit)]
    for o in more:
        assert http.post(f"/orders/{o['order_no']}/claim", {"ttl_s": 120}).status_code == 200, o


def test_a_claim_is_not_renewed_without_end_nor_reset_by_release_and_claim(http):
    policy = Policy()
    o = order(http)
    path = f"/orders/{o['order_no']}/claim"
    first = http.post(path, {"ttl_s": 120}).json()
    start = http.clock.now()
    assert first["lifetime_ends_at"] is not None
    # renewed every minute: fine until the lifetime; the lock never reaches past it
    for _ in range(int(policy.max_claim_lifetime.total_seconds() // 60) - 1):
        http.clock.advance(seconds=60)
        r = http.post(path, {"ttl_s": 120})
        assert r.status_code == 200, r.text
        assert r.json()["claimed_since"] == first["claimed_since"]
    # released and claimed again at once: the same run, not a fresh lifetime
    assert http.delete(path).json()["released"]
    r = http.post(path, {"ttl_s": 900})
    assert r.status_code == 200 and r.json()["claimed_since"] == first["claimed_since"], r.text
    until = r.json()["expires_at"]
    assert until == first["lifetime_ends_at"]  # capped at the lifetime, not now + 900 s
    http.clock.current = start + policy.max_claim_lifetime
    r = http.post(path, {"ttl_s": 120})
    body = r.json()
    assert (r.status_code, body["error"]) == (409, "claim_lifetime_exceeded"), r.text
    assert body["retry_after_s"] == int(policy.claim_cooldown.total_seconds())
    assert http.delete(path).status_code == 200
    r = http.post(path, {"ttl_s": 120})
    assert r.json()["error"] == "claim_lifetime_exceeded"  # release + claim does not reset it
    # any other store may take the order at once
    assert http.post(path, {"ttl_s": 60}, headers=OTHER).status_code == 200
    assert http.delete(path, headers=OTHER).json()["released"]
    # this terminal again once it has left the order alone for the cool-down (the other store's
    # claim broke the run, so the cool-down is not even needed here) ...
    assert http.post(path, {"ttl_s": 60}).status_code == 200


def test_after_the_cool_down_the_same_terminal_starts_a_new_run(http):
    policy = Policy()
    o = order(http)
    path = f"/orders/{o['order_no']}/claim"
    assert http.post(path, {"ttl_s": 900}).status_code == 200
    http.clock.advance(seconds=policy.max_claim_lifetime.total_seconds())
    assert http.post(path, {"ttl_s": 60}).json()["error"] == "claim_lifetime_exceeded"
    http.clock.advance(seconds=policy.claim_cooldown.total_seconds() - 1)
    assert http.post(path, {"ttl_s": 60}).json()["error"] == "claim_lifetime_exceeded"
    http.clock.advance(seconds=1)
    r = http.post(path, {"ttl_s": 60})
    assert r.status_code == 200, r.text
    assert r.json()["claimed_since"] == http.clock.now().isoformat().replace("+00:00", "Z")


def test_the_counter_says_why_a_renewal_was_refused(sandbox, http):
    """The terminal's own renewal path (pos_terminal.services.orders) on the real client: a
    refused renewal is a stable reason the checkout screen translates, not a traceback."""
    o = order(http)
    client = client_for(sandbox.url)
    try:
        view = client.get_order(o["order_no"])
        claim = client.claim_order(o["order_no"], 900)
        target = orders.PaymentTarget(orders._order_spec(view), orders.ScanKind.ORDER_NUMBER, view["voucher_id"],
                                      False, orders._ts(claim["expires_at"]), orders._ts(view["expires_at"]))
        http.clock.advance(seconds=Policy().max_claim_lifetime.total_seconds())
        with pytest.raises(orders.PaymentCodeRefused) as refused:
            orders.renew_claim(target, client, 120)
        assert refused.value.reason == "claim_lifetime_exceeded"
        assert not client.known_down
    finally:
        client.close()


# ------------------------------------------------------------------------- returns elsewhere


def test_returns_at_another_store_within_the_platforms_rules(http):
    policy = Policy()
    # paid in cash at demo-store, more than another store may pay back in cash
    big = order(http, price=policy.foreign_cash_refund_minor + 100, qty=1)
    pay(http, big)
    r = refund(http, big, OTHER)
    assert (r.status_code, r.json()["error"]) == (409, "foreign_cash_refund_cap"), r.text
    assert r.json()["selling_store_id"] == "demo-store"
    # the store that sold it takes it back as before
    assert refund(http, big, T02).status_code == 201

    # paid by bank card elsewhere: the amount a store takes back for others in 24 hours is capped
    half = policy.foreign_return_minor_per_day // 2 + 1
    a, b = order(http, price=half, qty=1), order(http, price=half, qty=1)
    pay(http, a, tenders=("bank_card",))
    pay(http, b, tenders=("bank_card",))
    assert refund(http, a, OTHER).status_code == 201
    r = refund(http, b, OTHER)
    assert (r.status_code, r.json()["error"]) == (409, "foreign_return_amount_cap"), r.text

    # and the count of such returns
    http.clock.advance(hours=24, seconds=1)
    small = []
    for _ in range(policy.foreign_returns_per_day + 1):
        o = order(http, price=100, qty=1)
        pay(http, o)
        small.append(o)
    for o in small[:-1]:
        assert refund(http, o, OTHER).status_code == 201
    r = refund(http, small[-1], OTHER)
    assert (r.status_code, r.json()["error"]) == (409, "foreign_return_count_cap"), r.text
    # the selling store is not held to them
    assert refund(http, small[-1], T01).status_code == 201
    # a day later the other store may take returns again
    http.clock.advance(hours=24, seconds=1)
    r = refund(http, b, OTHER)
    assert r.status_code == 201, r.text


# -------------------------------------------------------------------------------- password guessing


def test_200_wrong_secrets_lock_the_credential_until_the_window_passes(http):
    policy = Policy()
    wrong = {**T01, "Authorization": "Bearer not-the-secret"}
    codes = [http.get("/refund-requests", headers=wrong) for _ in range(200)]
    assert [r.status_code for r in codes[:policy.auth_max_failures]] == [401] * policy.auth_max_failures
    assert {r.status_code for r in codes[policy.auth_max_failures:]} == {429}
    locked = codes[-1]
    assert locked.json()["error"] == "auth_locked"
    assert 0 < int(locked.headers["Retry-After"]) <= policy.auth_window.total_seconds()
    # the right secret is refused too while the lock lasts
    r = http.get("/refund-requests", headers=T01)
    assert r.status_code == 429 and r.json()["error"] == "auth_locked"
    # another terminal from the same address is not locked by this credential's failures
    assert http.get("/refund-requests", headers=T02).status_code == 200
    http.clock.advance(seconds=policy.auth_window.total_seconds() - 1)
    assert http.get("/refund-requests", headers=T01).status_code == 429
    http.clock.advance(seconds=1)
    assert http.get("/refund-requests", headers=T01).status_code == 200


def test_guessing_across_many_credentials_locks_the_address(http):
    policy = Policy()
    for i in range(policy.auth_max_failures_per_address):
        r = http.get("/refund-requests", headers={**T01, "X-Terminal-Id": f"G{i}", "Authorization": "Bearer x"})
        assert r.status_code == 401
    r = http.get("/refund-requests", headers=T02)  # a good credential, from the locked address
    assert r.status_code == 429 and "Retry-After" in r.headers
    http.clock.advance(seconds=policy.auth_window.total_seconds())
    assert http.get("/refund-requests", headers=T02).status_code == 200


def test_the_client_takes_a_lock_out_as_a_refused_credential_not_an_outage(sandbox, http):
    for _ in range(Policy().auth_max_failures):
        http.get("/refund-requests", headers={**T01, "Authorization": "Bearer wrong"})
    client = client_for(sandbox.url)
    try:
        with pytest.raises(AuthenticationFailed) as failed:
            client.list_refunds()
        assert failed.value.code == "auth_locked" and failed.value.status == 429
        assert "refuses this terminal's credential for now" in failed.value.message
        assert not client.known_down  # the platform answered: no circuit opened
        # a counter call too: refused at once, the breaker stays closed
        with pytest.raises(orders.PaymentCodeRefused) as refused:
            orders.renew_claim(orders.PaymentTarget(sales.OrderSpec("PO1", "m-tea", "x", "CNY", ()),
                                                    orders.ScanKind.ORDER_NUMBER, None, False, None, None),
                               client, 60)
        assert refused.value.reason == "credential_locked"
        assert not client.known_down
    finally:
        client.close()


# ------------------------------------------------------------------------------------ admin token


def test_admin_endpoints_want_the_token_from_the_sandboxs_credentials_file(sandbox, http, tmp_path):
    rotate = sandbox.url + API + "/admin/voucher-keys/rotate"
    assert requests.post(rotate, timeout=10).status_code == 401
    for token in ("sandbox-admin-token", "wrong", ""):
        r = requests.post(rotate, headers={"X-Admin-Token": token}, timeout=10)
        assert r.status_code == 401 and r.json()["error"] == "unauthenticated"
    # a terminal's credential is not an admin's
    assert requests.post(rotate, headers=T01, timeout=10).status_code == 401
    path = tmp_path / FILE_NAME
    assert path.exists() and stat.S_IMODE(os.stat(path).st_mode) == 0o600
    assert "admin_token" in path.read_text()
    r = requests.post(rotate, headers=admin_headers(sandbox), timeout=10)
    assert r.status_code == 200, r.text
    assert not hasattr(seed, "DEMO_ADMIN_TOKEN")


def test_the_admin_token_survives_a_restart_and_can_be_given_by_the_operator(tmp_path, monkeypatch):
    db = f"sqlite:///{tmp_path / 'p.sqlite3'}"
    with SandboxServer(db_url=db, clock=SystemClock()) as s:
        first = admin_headers(s)
    with SandboxServer(db_url=db, clock=SystemClock()) as s:
        assert admin_headers(s) == first
        assert requests.post(s.url + API + "/admin/voucher-keys/rotate", headers=first, timeout=10).status_code == 200
    monkeypatch.setenv("POS_SANDBOX_ADMIN_TOKEN", "the-operators-own-token-0123456789")
    with SandboxServer(db_url=db, clock=SystemClock()) as s:
        rotate = s.url + API + "/admin/voucher-keys/rotate"
        assert requests.post(rotate, headers=first, timeout=10).status_code == 401
        assert requests.post(rotate, headers={"X-Admin-Token": "the-operators-own-token-0123456789"},
                             timeout=10).status_code == 200
