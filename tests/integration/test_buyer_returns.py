"""Returns started on the buyer's phone, over HTTP: the sandbox as a real server on loopback
(SandboxServer on SQLite, its clock a FakeClock the tests move), its buyer pages driven with
requests as the phone's browser does (the form token, the Origin header, multipart uploads) and
as an attacker would (a guessed link, another buyer's unit, no token, another site's Origin, HTML
dressed as a JPEG). The rules are the counter's; an approved return of an order paid online is
refunded to the buyer's balance on the platform, whoever decided it."""

from __future__ import annotations

import io
import re
import uuid

import pytest
import requests
from PIL import Image
from sqlalchemy import select, update

from pos_terminal.clock import SystemClock
from sync.sandbox import buyer_pages, buyers, db, seed
from sync.sandbox.notify import qr_png
from sync.sandbox.server import SandboxServer
from tests.buyer_helpers import T01, defect_jpeg, file_return, page_token, paid_order, return_session
from tests.fakes import FakeClock
from tests.platform_helpers import wait_until
from tests.seller_helpers import decide_as_seller, seller_session

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("buyer-returns")
    with SandboxServer(db_url=f"sqlite:///{folder / 'platform.sqlite3'}", clock=FakeClock(SystemClock().now())) as s:
        yield s




def requests_for(server, order_no: str) -> list:
    with server.app.state.engine.begin() as conn:
        return conn.execute(select(db.refund_requests).where(db.refund_requests.c.order_no == order_no)).all()


def balance(server, buyer_id: str) -> dict:
    with server.app.state.engine.begin() as conn:
        return buyers.balances(conn, buyer_id)


def online_paid_order(server, merchant_id: str, buyer_id: str, price: int = 3000) -> dict:
    """An order paid online (as the seeded PO000000001004): no store, payout route "online"."""
    o = paid_order(server, merchant_id, buyer_id, price)
    with server.app.state.engine.begin() as conn:
        conn.execute(update(db.orders).where(db.orders.c.order_no == o["order_no"]).values(
            paid_via="online", paid_settlement_id=None))
    return o


def decode(server, token: str, image: bytes, ctype="image/png", csrf: str | None = "from-page",
           origin: str | None = "here") -> requests.Response:
    if csrf == "from-page":
        csrf = return_session(server, token)[1]
    headers = {"Content-Type": ctype}
    if csrf:
        headers["X-CSRF-Token"] = csrf
    if origin:
        headers["Origin"] = server.url if origin == "here" else origin
    return requests.post(f"{server.url}/my/{token}/decode", data=image, headers=headers, timeout=30)


# --------------------------------------------------------------------------- the pages


def test_a_wrong_link_is_a_404_page_and_the_pages_headers_are_strict(server):
    for path in ("/my/not-a-token", "/my/not-a-token/return"):
        r = requests.get(server.url + path, timeout=10)
        assert r.status_code == 404 and "页面不存在" in r.text and "Page not found" in r.text
    r = requests.post(f"{server.url}/my/not-a-token/decode", data=b"x", headers={"Origin": server.url}, timeout=10)
    assert r.status_code == 404 and r.json()["error"] == "unknown_page"
    token = page_token(server, "b-wang")
    for path in (f"/my/{token}", f"/my/{token}/return"):
        r = requests.get(server.url + path, timeout=10)
        assert r.status_code == 200 and r.headers["content-type"] == "text/html; charset=utf-8"
        csp = r.headers["content-security-policy"]
        assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff" and r.headers["cache-control"] == "no-store"
        assert r.headers["referrer-policy"] in ("same-origin", "no-referrer")
        assert not re.search(r"<script(?![^>]*\bsrc=)", r.text), "no inline script: the CSP allows none"
        assert not re.search(r"(src|href)=\"(https?:)?//", r.text), "no external resource"
        assert 'name="viewport"' in r.text
    js = requests.get(server.url + buyer_pages.SCRIPT_PATH, timeout=10)
    assert js.status_code == 200 and js.headers["content-type"].startswith("text/javascript")
    assert "getUserMedia" in js.text and "facingMode" in js.text


def test_the_buyer_page_shows_the_paid_orders_with_their_units(server):
    page = requests.get(f"{server.url}/my/{page_token(server, 'b-wang')}", timeout=10).text
    assert seed.ONLINE_PAID_ORDER in page and "在线支付 Paid online" in page
    assert seed.TEA_ORDER not in page  # open, not paid: nothing to return
    assert "¥0.00" in page
    assert seed.ONLINE_PAID_ORDER not in requests.get(f"{server.url}/my/{page_token(server, 'b-li')}", timeout=10).text


# -------------------------------------------------------------------------- refusals


def test_another_buyers_unit_is_refused_as_unknown(server):
    o = paid_order(server, "m-tea", "b-wang")
    code = o["lines"][0]["item_codes"][0]
    r = file_return(server, page_token(server, "b-li"), code, photo=defect_jpeg())
    assert r.status_code == 404 and 'data-error="unknown_item"' in r.text
    nobodys = file_return(server, page_token(server, "b-li"), "IC999999999999999", photo=defect_jpeg())
    assert nobodys.status_code == 404  # the same answer as for a code that is nobody's:
    def said(page):
        return re.sub(r"IC\d+", "IC…", re.search(r'id="error"[^>]*>(.*?)</p>', page.text).group(1))

    assert said(nobodys) == said(r)
    assert requests_for(server, o["order_no"]) == []
    # nor does the decode endpoint tell b-li that the code is someone's
    found = decode(server, page_token(server, "b-li"), qr_png(code)).json()
    assert found == {"codes_read": 1, "matches": [], "other_codes": 1}


def test_a_post_without_the_form_token_or_from_another_site_is_refused(server):
    token = page_token(server, "b-zhang")
    o = paid_order(server, "m-tea", "b-zhang")
    code = o["lines"][0]["item_codes"][0]
    s, csrf = return_session(server, token)
    no_token = file_return(server, token, code, photo=defect_jpeg(), session=s, csrf="")
    assert no_token.status_code == 403 and "页面已过期" in no_token.text
    others = return_session(server, page_token(server, "b-wang"))[1]  # another buyer's page's token
    assert file_return(server, token, code, session=s, csrf=others).status_code == 403
    evil = requests.Session()
    evil.headers["Origin"] = "https://evil.example"
    assert file_return(server, token, code, session=evil, csrf=csrf).status_code == 403
    bare = requests.Session()  # neither Origin nor Referer
    assert file_return(server, token, code, session=bare, csrf=csrf).status_code == 403
    assert decode(server, token, qr_png(code), csrf=None).status_code == 403
    assert decode(server, token, qr_png(code), origin="https://evil.example").status_code == 403
    # the form token expires on the platform's clock
    server.clock.advance(hours=3)
    assert file_return(server, token, code, session=s, csrf=csrf).status_code == 403
    assert requests_for(server, o["order_no"]) == []


def test_html_dressed_as_a_jpeg_is_re_encoded_or_refused(server):
    token = page_token(server, "b-zhang")
    o = paid_order(server, "m-tea", "b-zhang", qty=2)
    first, second = o["lines"][0]["item_codes"]
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    refused = file_return(server, token, first, photo=b"\xff\xd8\xff\xe0" + html)
    assert refused.status_code == 422 and 'data-error="not_an_image"' in refused.text
    assert requests_for(server, o["order_no"]) == []  # refused: no request, and no photo kept
    r = file_return(server, token, second, photo=defect_jpeg() + html)
    assert r.status_code == 303, r.text
    rid = r.headers["location"].split("filed=")[1]
    with server.app.state.engine.begin() as conn:
        (photo,) = conn.execute(select(db.photos).where(db.photos.c.refund_request_id == rid)).all()
        orphans = conn.execute(select(db.photos).where(db.photos.c.buyer_id == "b-zhang",
                                                       db.photos.c.refund_request_id.is_(None))).all()
    assert photo.data.startswith(b"\xff\xd8\xff") and b"<script" not in photo.data and b"<html" not in photo.data
    assert (photo.store_id, photo.terminal_id, photo.buyer_id) == ("", "", "b-zhang") and orphans == []
    with Image.open(io.BytesIO(photo.data)) as img:
        assert img.format == "JPEG" and img.size == (320, 240)


def test_outside_the_return_window_or_without_the_photo_the_merchant_wants_is_refused(server):
    token = page_token(server, "b-wang")
    tea = paid_order(server, "m-tea", "b-wang")  # 7 days
    digital = paid_order(server, "m-digital", "b-wang")  # 15 days, photo required
    r = file_return(server, token, digital["lines"][0]["item_codes"][0])
    assert r.status_code == 422 and 'data-error="photo_required"' in r.text and "该商家需要缺陷照片" in r.text
    server.clock.advance(days=7, seconds=1)
    r = file_return(server, token, tea["lines"][0]["item_codes"][0], photo=defect_jpeg())
    assert r.status_code == 409 and 'data-error="outside_return_window"' in r.text
    assert requests_for(server, tea["order_no"]) == [] and requests_for(server, digital["order_no"]) == []
    page = requests.get(f"{server.url}/my/{token}", timeout=10).text
    assert re.search(rf'id="order-{tea["order_no"]}".*?退货期已过', page, re.S)


def test_a_unit_with_a_request_open_or_refunded_is_refused(server):
    token = page_token(server, "b-li")
    o = paid_order(server, "m-tea", "b-li")
    code = o["lines"][0]["item_codes"][0]
    assert file_return(server, token, code).status_code == 303
    again = file_return(server, token, code)
    assert again.status_code == 409 and 'data-error="request_open"' in again.text


def test_submissions_are_rate_limited_per_page(server):
    with server.app.state.engine.begin() as conn:  # a buyer of its own: no other test's submissions count
        conn.execute(db.buyers.insert().values(id="b-rate", name="赵六", reputation=50))
    token = page_token(server, "b-rate")
    s, _ = return_session(server, token)
    codes = [file_return(server, token, "IC0", session=s, csrf="wrong").status_code
             for _ in range(buyer_pages.RETURNS_PER_HOUR + 1)]
    assert set(codes[:-1]) <= {403} and codes[-1] == 429
    server.clock.advance(hours=1, seconds=1)
    assert file_return(server, token, "IC0", session=s, csrf="wrong").status_code == 403


# ----------------------------------------------------------------------------- decode


def test_the_decode_endpoint_finds_the_code_in_an_uploaded_photo(server):
    token = page_token(server, "b-zhang")
    o = paid_order(server, "m-tea", "b-zhang")
    code = o["lines"][0]["item_codes"][0]
    # a photo of the code: the QR on a grey table, as a JPEG the phone takes
    photo = Image.new("RGB", (1200, 900), (120, 120, 110))
    photo.paste(Image.open(io.BytesIO(qr_png(code, scale=10))).convert("RGB"), (380, 230))
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=85)
    r = decode(server, token, out.getvalue(), ctype="image/jpeg")
    assert r.status_code == 200 and r.headers["x-content-type-options"] == "nosniff"
    assert r.json() == {"codes_read": 1, "other_codes": 0, "matches": [
        {"item_code": code, "name": "保温杯 Thermos", "order_no": o["order_no"], "refund_state": "none"}]}
    assert decode(server, token, defect_jpeg(), ctype="image/jpeg").json() == {
        "codes_read": 0, "matches": [], "other_codes": 0}
    bad = decode(server, token, b"<html>not a picture</html>", ctype="image/jpeg")
    assert bad.status_code == 422 and bad.json()["error"] == "not_an_image"
    assert decode(server, token, b"GIF89a", ctype="image/gif").status_code == 415
    assert decode(server, token, b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024), ctype="image/jpeg").status_code == 413
    # and the form takes a photo of the code in place of the typed code
    r = file_return(server, token, "", code_photo=qr_png(code))
    assert r.status_code == 303, r.text
    assert [list(q.item_codes) for q in requests_for(server, o["order_no"])] == [[code]]


# -------------------------------------------------------------- decisions and balance


def test_policy_approval_at_once_and_the_seller_sees_buyer_filed_requests(server):
    high = paid_order(server, "m-tea", "b-wang")  # 90 >= 60, paid in cash at demo-store
    r = file_return(server, page_token(server, "b-wang"), high["lines"][0]["item_codes"][0], reason="wrong_item",
                    details="发成了绿茶")
    assert r.status_code == 303
    (q,) = requests_for(server, high["order_no"])
    assert (q.status, q.decided_by, q.origin, q.store_id, q.terminal_id, q.payout_route, q.refunded_to) == (
        "approved", "policy", "buyer", "", "", "cash", None)
    assert q.reason == "发错商品 wrong item: 发成了绿茶"
    page = requests.get(f"{server.url}{r.headers['location']}", timeout=10).text
    assert "Approved: hand the item in at any store" in page and 'id="filed"' in page

    low = paid_order(server, "m-digital", "b-li")  # 40 < 80
    r = file_return(server, page_token(server, "b-li"), low["lines"][0]["item_codes"][0], photo=defect_jpeg())
    (q,) = requests_for(server, low["order_no"])
    assert (q.status, q.decided_by, q.origin) == ("pending_seller", None, "buyer")
    seller = seller_session(server, "m-digital")
    listing = seller.get(f"{server.url}/seller?status=pending_seller", timeout=10).text
    entry = listing[listing.index(f'id="req-{q.id}"'):]
    assert "filed online by the buyer" in entry[:3000]
    photo_id = re.search(r'/seller/photos/([0-9a-f-]{36})', entry).group(1)
    assert seller.get(f"{server.url}/seller/photos/{photo_id}", timeout=10).status_code == 200
    assert seller_session(server, "m-tea").get(f"{server.url}/seller/photos/{photo_id}", timeout=10).status_code == 404
    for terminal in (T01, {**T01, "X-Store-Id": ""}):  # no store's credential gets a buyer's photo
        assert requests.get(f"{server.url}/api/v1/refund-photos/{photo_id}", headers=terminal,
                            timeout=10).status_code in (401, 404)
    assert decide_as_seller(server, q.id, approve=False, note="划痕是使用造成的", session=seller).status_code == 303
    page = requests.get(f"{server.url}/my/{page_token(server, 'b-li')}", timeout=10).text
    assert "Rejected: 划痕是使用造成的" in page


def test_an_online_paid_order_is_refunded_to_the_buyers_balance_by_the_seller_or_by_policy(server):
    token = page_token(server, "b-li")
    before = balance(server, "b-li").get("CNY", 0)
    o = online_paid_order(server, "m-tea", "b-li", price=3000)  # 40 < 60: the seller decides
    assert file_return(server, token, o["lines"][0]["item_codes"][0]).status_code == 303
    (q,) = requests_for(server, o["order_no"])
    assert (q.status, q.payout_route, q.refunded_to) == ("pending_seller", "online", None)
    assert balance(server, "b-li").get("CNY", 0) == before
    assert decide_as_seller(server, q.id, approve=True).status_code == 303
    (q,) = requests_for(server, o["order_no"])
    assert (q.status, q.refunded_to) == ("approved", "buyer_balance")
    assert balance(server, "b-li")["CNY"] == before + 3000
    page = requests.get(f"{server.url}/my/{token}", timeout=10).text
    assert "Refunded to your balance" in page and f"¥{(before + 3000) / 100:,.2f}" in page

    # at a counter, approved by policy (b-wang 90 >= 60): the same credit, origin "store"
    mine = online_paid_order(server, "m-tea", "b-wang", price=1990)
    wang = balance(server, "b-wang").get("CNY", 0)
    r = requests.post(f"{server.url}/api/v1/refund-requests", json={
        "item_codes": mine["lines"][0]["item_codes"], "reason": "漏水"},
        headers=T01 | {"Idempotency-Key": str(uuid.uuid4())}, timeout=10)
    assert r.status_code == 201 and r.json()["origin"] == "store" and r.json()["refunded_to"] == "buyer_balance"
    assert balance(server, "b-wang")["CNY"] == wang + 1990
    with server.app.state.engine.begin() as conn:
        from sync.sandbox.refunds import refund_to_balance

        assert refund_to_balance(conn, r.json()["request_id"], server.clock.now()) is False  # once only
    assert balance(server, "b-wang")["CNY"] == wang + 1990


def test_guessing_page_links_is_stopped_per_address(server):
    """MISSES_PER_MINUTE unknown links from one address: then every link gets 429 from there,
    the right one too (nothing tells a guess that it hit), until the minute has passed."""
    token = page_token(server, "b-wang")
    server.clock.advance(minutes=2)  # earlier tests' misses are past
    answers = [requests.get(f"{server.url}/my/guess{i}", timeout=10).status_code
               for i in range(buyer_pages.MISSES_PER_MINUTE + 1)]
    assert set(answers[:-1]) == {404} and answers[-1] == 429
    right = requests.get(f"{server.url}/my/{token}", timeout=10)
    assert right.status_code == 429 and int(right.headers["retry-after"]) <= 60 and "王芳" not in right.text
    server.clock.advance(minutes=1, seconds=1)
    assert requests.get(f"{server.url}/my/{token}", timeout=10).status_code == 200


# ---------------------------------------------------------------------------- messages


def test_the_paid_order_email_and_sms_carry_the_buyers_page_link(tmp_path):
    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", clock=FakeClock(SystemClock().now()),
                       standins=tmp_path / "outbox") as server:
        mine = paid_order(server, "m-tea", "b-zhang")  # to the buyer's own e-mail and phone
        elsewhere = requests.post(f"{server.url}/api/v1/orders", json={
            "merchant_id": "m-tea", "buyer_id": "b-zhang", "buyer_email": "gift@example.com",
            "lines": [{"sku": "X", "name": "礼物", "unit_price_minor": 100, "quantity": 1}]},
            headers=T01 | {"Idempotency-Key": str(uuid.uuid4())}, timeout=10).json()
        requests.post(f"{server.url}/api/v1/settlements", json={
            "settlement_id": str(uuid.uuid4()), "order_no": elsewhere["order_no"], "merchant_id": "m-tea",
            "store_id": "demo-store", "terminal_id": "T01", "receipt_no": 2, "amount_minor": 100, "currency": "CNY",
            "tenders": ["cash"], "offline": False, "paid_at": server.clock.now().isoformat()},
            headers=T01 | {"Idempotency-Key": str(uuid.uuid4())}, timeout=10).raise_for_status()
        link = f"{server.url}/my/{page_token(server, 'b-zhang')}"

        def paid_mail(order_no):
            return [m for m in server.mailbox.messages() if m["X-Order-No"] == order_no and "已付款" in m["Subject"]]

        wait_until(server.mailbox.received, lambda: paid_mail(mine["order_no"]) and paid_mail(elsewhere["order_no"]))
        wait_until(server.sms_gateway.received, lambda: [m for m in server.sms_gateway.messages()
                                                         if mine["order_no"] in m["text"] and "已付款" in m["text"]])
        (mail,) = paid_mail(mine["order_no"])
        assert link in mail.get_body(("plain",)).get_content()
        html = mail.get_body(("html",)).get_content()
        assert f'href="{link}"' in html and "To return a faulty item, start here" in html
        (sms,) = [m for m in server.sms_gateway.messages() if mine["order_no"] in m["text"] and "已付款" in m["text"]]
        assert link in sms["text"] and sms["to"] == seed.BUYER_CONTACTS["b-zhang"][0]
        (gift,) = paid_mail(elsewhere["order_no"])  # another address: the link acts as the buyer, not sent
        assert "/my/" not in gift.get_body(("plain",)).get_content()
