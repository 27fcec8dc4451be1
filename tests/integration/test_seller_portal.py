"""The seller portal and refund photos, from outside: the sandbox as a real HTTP server on
loopback (SandboxServer on SQLite, its clock a FakeClock that the tests move), driven with
requests as a browser would (a cookie jar, the form's CSRF token, the Origin header) and as an
attacker would (no cookie, no token, another site's Origin, another merchant's ids)."""

from __future__ import annotations

import io
import uuid
import zlib
from datetime import timedelta

import pytest
import requests
from PIL import Image

from pos_terminal.clock import SystemClock
from sync.sandbox import seed
from sync.sandbox import seller_auth as auth
from sync.sandbox.server import SandboxServer
from tests.fakes import FakeClock
from tests.platform_helpers import terminal_headers
from tests.seller_helpers import csrf_token, decide_as_seller, seller_session

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)

API = "/api/v1"


creds = terminal_headers


T01, T02, OTHER = creds(seed.DEMO_TERMINAL), creds(seed.SECOND_TERMINAL), creds(seed.OTHER_STORE_TERMINAL)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    clock = FakeClock(SystemClock().now())
    db = tmp_path_factory.mktemp("seller") / "platform.sqlite3"
    with SandboxServer(db_url=f"sqlite:///{db}", clock=clock) as s:
        yield s


def jpeg(size=(64, 48), color=(200, 30, 30), **save) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, color).save(out, "JPEG", **save)
    return out.getvalue()


def png(size=(32, 32)) -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", size, (0, 128, 255, 128)).save(out, "PNG")
    return out.getvalue()


def upload(server, data: bytes, ctype="image/jpeg", headers=T01) -> requests.Response:
    return requests.post(f"{server.url}{API}/refund-photos", files={"file": ("defect.jpg", io.BytesIO(data), ctype)},
                         headers=headers | {"Idempotency-Key": str(uuid.uuid4())}, timeout=10)


def post(server, path, body, headers=T01) -> dict:
    r = requests.post(server.url + path, json=body, headers=headers | {"Idempotency-Key": str(uuid.uuid4())},
                      timeout=10)
    assert r.status_code in (200, 201), r.text
    return r.json()


def pending_request(server, merchant_id: str) -> dict:
    """A refund request waiting for `merchant_id`'s seller (buyer b-li: reputation 40, under both
    thresholds), with one photo taken at demo-store T01."""
    o = post(server, f"{API}/orders", {"merchant_id": merchant_id, "buyer_id": "b-li", "lines": [
        {"sku": "X-1", "name": "保温杯", "unit_price_minor": 4500, "quantity": 1}]})
    post(server, f"{API}/settlements", {
        "settlement_id": str(uuid.uuid4()), "order_no": o["order_no"], "merchant_id": merchant_id,
        "store_id": "demo-store", "terminal_id": "T01", "receipt_no": 1, "amount_minor": o["total_minor"],
        "currency": "CNY", "tenders": ["cash"], "offline": False, "paid_at": server.clock.now().isoformat()})
    r = upload(server, jpeg())
    assert r.status_code == 201, r.text
    req = post(server, f"{API}/refund-requests", {"item_codes": o["lines"][0]["item_codes"], "reason": "漏水",
                                                 "photo_ids": [r.json()["photo_id"]]})
    assert req["status"] == "pending_seller"
    return req


def status_of(server, request_id: str) -> str:
    return requests.get(f"{server.url}{API}/refund-requests/{request_id}", headers=T01, timeout=10).json()["status"]


def login_form(server) -> tuple[requests.Session, str]:
    s = requests.Session()
    s.headers["Origin"] = server.url
    return s, csrf_token(s.get(f"{server.url}/seller/login", timeout=10).text)


# ------------------------------------------------------------------------------ sign-in


def test_the_seeded_sellers_passwords_are_the_sandboxs_own(server, tmp_path):
    """No published default: the passwords are random, kept in the sandbox's credentials file
    (mode 0600, beside its database), and the same after a restart on the same database."""
    logins = server.seller_logins
    assert set(logins) == {"m-tea", "m-digital"} and logins["m-tea"][0] == "m-tea"
    assert len({pw for _, pw in logins.values()}) == 2 and all(len(pw) >= 16 for _, pw in logins.values())
    file = tmp_path / "platform.sqlite3"
    with SandboxServer(db_url=f"sqlite:///{file}", clock=server.clock) as first:
        again = first.seller_logins
    creds_file = tmp_path / "sandbox-credentials.toml"
    assert creds_file.stat().st_mode & 0o777 == 0o600
    assert again["m-tea"][1] in creds_file.read_text() and again != logins
    with SandboxServer(db_url=f"sqlite:///{file}", clock=server.clock) as second:
        assert second.seller_logins == again
        seller_session(second, "m-tea").close()  # the password still opens the kept account


def test_sign_in_good_and_bad_and_the_cookie(server):
    s, token = login_form(server)
    bad = s.post(f"{server.url}/seller/login", data={"username": "m-tea", "password": "sandbox", "csrf_token": token},
                 allow_redirects=False, timeout=30)
    assert bad.status_code == 401 and "wrong username or password" in bad.text
    assert s.get(f"{server.url}/seller", allow_redirects=False, timeout=10).status_code == 303  # still out
    unknown = s.post(f"{server.url}/seller/login", data={"username": "nobody", "password": "x", "csrf_token": token},
                     allow_redirects=False, timeout=30)
    assert unknown.status_code == 401 and unknown.text.count("wrong username or password") == 1
    good = s.post(f"{server.url}/seller/login", data={"username": "m-tea", "password": server.seller_logins["m-tea"][1],
                                                      "csrf_token": token}, allow_redirects=False, timeout=30)
    assert good.status_code == 303 and good.headers["location"] == "/seller"
    cookie = good.headers["set-cookie"]
    assert cookie.startswith(f"{auth.COOKIE}=")
    flags = {f.strip().split("=")[0].lower(): f.strip() for f in cookie.split(";")[1:]}
    assert "httponly" in flags and flags["samesite"].lower() == "samesite=strict" and flags["path"] == "Path=/seller"
    assert "secure" not in flags  # plain http on loopback: a Secure cookie would never come back
    page = s.get(f"{server.url}/seller", timeout=10)
    assert page.status_code == 200 and "好物商城" in page.text and "m-tea" in page.text
    assert page.headers["x-frame-options"] == "DENY" and "frame-ancestors 'none'" in page.headers["content-security-policy"]
    # the id of the sign-in form's session is worth nothing after sign-in (no session fixation)
    assert good.cookies[auth.COOKIE] != bad.request._cookies.get(auth.COOKIE)


def test_the_cookie_is_secure_when_served_over_https(server):
    """Behind a TLS proxy on loopback (uvicorn trusts X-Forwarded-Proto from 127.0.0.1)."""
    r = requests.get(f"{server.url}/seller/login", headers={"X-Forwarded-Proto": "https"}, timeout=10)
    flags = [f.strip().lower() for f in r.headers["set-cookie"].split(";")]
    assert "secure" in flags and "httponly" in flags and "samesite=strict" in flags


def test_lock_out_after_failed_attempts_on_the_platform_clock(server):
    password = server.seller_logins["m-digital"][1]
    s, token = login_form(server)

    def attempt(pw):
        return s.post(f"{server.url}/seller/login", data={"username": "m-digital", "password": pw, "csrf_token": token},
                      allow_redirects=False, timeout=30)

    for _ in range(auth.MAX_FAILED_ATTEMPTS - 1):
        assert attempt("guess").status_code == 401
    last = attempt("guess")  # the one that locks the account says so
    assert last.status_code == 429 and "locked for 15 more minutes" in last.text
    locked = attempt(password)  # the right password does not open a locked account
    assert locked.status_code == 429 and "locked" in locked.text
    assert int(locked.headers["retry-after"]) <= auth.LOCKOUT.total_seconds()
    seller_session(server, "m-tea").close()  # the lock is per account
    server.clock.advance(seconds=auth.LOCKOUT.total_seconds() - 60)
    assert attempt(password).status_code == 429
    server.clock.advance(seconds=61)
    assert attempt(password).status_code == 303


def test_session_expires_on_the_clock_and_at_sign_out(server):
    s = seller_session(server, "m-tea")
    server.clock.advance(seconds=auth.IDLE_TIMEOUT.total_seconds() + 1)
    r = s.get(f"{server.url}/seller", allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["location"] == "/seller/login"

    s = seller_session(server, "m-tea")
    kept = s.cookies.get(auth.COOKIE)
    token = csrf_token(s.get(f"{server.url}/seller", timeout=10).text)
    r = s.post(f"{server.url}/seller/logout", data={"csrf_token": token}, allow_redirects=False, timeout=10)
    assert r.status_code == 303 and r.headers["location"] == "/seller/login"
    replay = requests.get(f"{server.url}/seller", cookies={auth.COOKIE: kept}, allow_redirects=False, timeout=10)
    assert replay.status_code == 303  # the signed-out session's cookie opens nothing

    s = seller_session(server, "m-tea")
    for _ in range(3):  # busy all day: the idle clock restarts, the absolute one does not
        server.clock.advance(seconds=auth.IDLE_TIMEOUT.total_seconds() - 60)
        assert s.get(f"{server.url}/seller", allow_redirects=False, timeout=10).status_code == 200
    server.clock.advance(seconds=auth.SESSION_LIFETIME.total_seconds())
    assert s.get(f"{server.url}/seller", allow_redirects=False, timeout=10).status_code == 303


def test_a_flood_of_sign_in_forms_keeps_a_bounded_number_of_sessions(server, monkeypatch):
    """Each opening of the sign-in form keeps an anonymous session row; past the cap the oldest
    go (their form says "expired"), a signed-in seller's session stays."""
    from sqlalchemy import func, select

    from sync.sandbox import db

    monkeypatch.setattr(auth, "MAX_ANONYMOUS_SESSIONS", 20)  # the server runs in this process
    signed_in = seller_session(server, "m-tea")
    first, first_token = login_form(server)
    server.clock.advance(seconds=1)  # the flood comes after it: `first` is the oldest form
    for _ in range(60):
        assert requests.get(f"{server.url}/seller/login", timeout=10).status_code == 200
    with server.app.state.engine.connect() as conn:
        t = db.seller_sessions
        assert conn.execute(select(func.count()).select_from(t).where(t.c.username.is_(None))).scalar_one() == 20
    stale = first.post(f"{server.url}/seller/login", data={"username": "nobody", "password": "x",
                                                          "csrf_token": first_token}, timeout=10)
    assert stale.status_code in (400, 403)  # its form expired (a live one would say 401: wrong password)
    assert signed_in.get(f"{server.url}/seller", allow_redirects=False, timeout=10).status_code == 200


# ------------------------------------------------------------------- refused requests


def test_anonymous_list_view_and_decision_are_refused(server):
    req = pending_request(server, "m-tea")
    rid = req["request_id"]
    for path in ("/seller", "/seller?status=pending_seller", f"/seller/refund-requests/{rid}"):
        r = requests.get(server.url + path, allow_redirects=False, timeout=10)
        assert r.status_code == 303 and r.headers["location"] == "/seller/login" and rid not in r.text
    r = requests.post(f"{server.url}/seller/refund-requests/{rid}/decision", data={"decision": "approve"},
                      headers={"Origin": server.url}, allow_redirects=False, timeout=10)
    assert r.status_code == 401 and status_of(server, rid) == "pending_seller"


def test_a_post_without_the_csrf_token_is_refused(server):
    rid = pending_request(server, "m-tea")["request_id"]
    s = seller_session(server, "m-tea")
    url = f"{server.url}/seller/refund-requests/{rid}/decision"
    assert s.post(url, data={"decision": "approve"}, allow_redirects=False, timeout=10).status_code == 403
    assert s.post(url, data={"decision": "approve", "csrf_token": "x" * 43}, allow_redirects=False,
                  timeout=10).status_code == 403
    other = seller_session(server, "m-tea")  # a token is bound to its own session
    foreign = csrf_token(other.get(f"{server.url}/seller", timeout=10).text)
    r = s.post(url, data={"decision": "approve", "csrf_token": foreign}, allow_redirects=False, timeout=10)
    assert r.status_code == 403 and "Form expired" in r.text
    assert status_of(server, rid) == "pending_seller"
    # the sign-in form has its token too
    r = requests.post(f"{server.url}/seller/login", data={"username": "m-tea", "password": server.seller_logins["m-tea"][1]},
                      headers={"Origin": server.url}, allow_redirects=False, timeout=10)
    assert r.status_code == 403


def test_a_post_from_another_origin_is_refused(server):
    rid = pending_request(server, "m-tea")["request_id"]
    s = seller_session(server, "m-tea")
    url = f"{server.url}/seller/refund-requests/{rid}/decision"
    token = csrf_token(s.get(f"{server.url}/seller", timeout=10).text)
    data = {"decision": "approve", "csrf_token": token}
    for headers in ({"Origin": "http://evil.example"}, {"Origin": "null"},
                    {"Origin": None, "Referer": "http://evil.example/seller"}, {"Origin": None}):
        r = s.post(url, data=data, headers=headers, allow_redirects=False, timeout=10)
        assert r.status_code == 403 and "Request refused" in r.text, headers
    assert status_of(server, rid) == "pending_seller"
    r = s.post(url, data=data, headers={"Origin": None, "Referer": f"{server.url}/seller"}, allow_redirects=False,
               timeout=10)  # a browser that sends no Origin but this site's Referer
    assert r.status_code == 303 and status_of(server, rid) == "approved"
    r = requests.post(f"{server.url}/seller/login", headers={"Origin": "http://evil.example"},
                      data={"username": "m-tea", "password": "x", "csrf_token": "y"}, allow_redirects=False, timeout=10)
    assert r.status_code == 403


# ---------------------------------------------------------------- one merchant each


def test_a_seller_sees_and_decides_only_its_own_merchants_requests(server):
    theirs = pending_request(server, "m-digital")
    mine = pending_request(server, "m-tea")
    tea = seller_session(server, "m-tea")
    page = tea.get(f"{server.url}/seller", timeout=10).text
    assert f"req-{mine['request_id']}" in page and theirs["request_id"] not in page and "数码优选" not in page
    assert tea.get(f"{server.url}/seller/refund-requests/{theirs['request_id']}", timeout=10).status_code == 404
    assert tea.get(f"{server.url}/seller/refund-requests/{uuid.uuid4()}", timeout=10).status_code == 404  # alike
    token = csrf_token(page)
    r = tea.post(f"{server.url}/seller/refund-requests/{theirs['request_id']}/decision",
                 data={"decision": "approve", "csrf_token": token}, allow_redirects=False, timeout=10)
    assert r.status_code == 404 and status_of(server, theirs["request_id"]) == "pending_seller"
    photo = theirs["photo_ids"][0]
    r = tea.get(f"{server.url}/seller/photos/{photo}", timeout=10)
    assert r.status_code == 404 and r.content != requests.get(
        f"{server.url}{API}/refund-photos/{photo}", headers=T01, timeout=10).content

    digital = seller_session(server, "m-digital")
    assert theirs["request_id"] in digital.get(f"{server.url}/seller", timeout=10).text
    r = digital.get(f"{server.url}/seller/photos/{photo}", timeout=10)
    assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
    assert r.headers["x-content-type-options"] == "nosniff"
    Image.open(io.BytesIO(r.content)).verify()
    assert decide_as_seller(server, theirs["request_id"], False, session=digital).status_code == 303
    assert status_of(server, theirs["request_id"]) == "rejected"


def test_photos_only_to_the_merchant_and_the_store_that_took_them(server):
    req = pending_request(server, "m-tea")
    photo = req["photo_ids"][0]
    anon = requests.get(f"{server.url}/seller/photos/{photo}", timeout=10)
    assert anon.status_code == 401 and not anon.content.startswith(b"\xff\xd8")
    assert requests.get(f"{server.url}{API}/refund-photos/{photo}", timeout=10).status_code == 401
    for same_store in (T01, T02):  # the store that took it, at any of its terminals
        r = requests.get(f"{server.url}{API}/refund-photos/{photo}", headers=same_store, timeout=10)
        assert r.status_code == 200 and r.headers["content-type"] == "image/jpeg"
        assert r.headers["x-content-type-options"] == "nosniff" and r.content.startswith(b"\xff\xd8\xff")
    r = requests.get(f"{server.url}{API}/refund-photos/{photo}", headers=OTHER, timeout=10)
    assert r.status_code == 404 and r.json()["error"] == "unknown_photo"
    # a photo not yet part of a request is the store's alone: no seller sees it
    loose = upload(server, jpeg()).json()["photo_id"]
    tea = seller_session(server, "m-tea")
    assert tea.get(f"{server.url}/seller/photos/{loose}", timeout=10).status_code == 404
    assert tea.get(f"{server.url}/seller/photos/{photo}", timeout=10).status_code == 200


# ------------------------------------------------------------------------ re-encoding


def test_jpeg_with_html_after_it_is_kept_as_the_picture_alone(server):
    polyglot = jpeg() + b"<html><body><script>alert(document.cookie)</script></body></html>"
    r = upload(server, polyglot)
    assert r.status_code == 201, r.text
    assert r.json()["content_type"] == "image/jpeg"
    kept = requests.get(f"{server.url}{API}/refund-photos/{r.json()['photo_id']}", headers=T01, timeout=10).content
    assert kept != polyglot and b"<html" not in kept.lower() and b"<script" not in kept.lower()
    with Image.open(io.BytesIO(kept)) as img:
        assert img.format == "JPEG" and img.size == (64, 48)
        img.load()


def test_jpeg_magic_followed_by_html_is_refused(server):
    r = upload(server, b"\xff\xd8\xff\xe0<html><script>alert(1)</script></html>")
    assert r.status_code == 422 and r.json()["error"] == "not_an_image"
    assert "could not be read as an image of type image/jpeg" in r.json()["message"]
    r = upload(server, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
    assert r.status_code == 422 and r.json()["error"] == "not_an_image"


def test_metadata_is_stripped_and_png_becomes_jpeg(server):
    exif = Image.Exif()
    exif[0x010E] = "<html>secret note</html>"  # ImageDescription
    exif[0x8825] = {2: (39.0, 54.0, 0.0)}  # GPSInfo: where the photo was taken
    r = upload(server, jpeg(exif=exif.tobytes(), comment=b"<script>x</script>"))
    kept = requests.get(f"{server.url}{API}/refund-photos/{r.json()['photo_id']}", headers=T01, timeout=10).content
    with Image.open(io.BytesIO(kept)) as img:
        assert not img.getexif() and "comment" not in img.info and "exif" not in img.info
    assert b"secret note" not in kept and b"<script" not in kept
    r = upload(server, png(), "image/png")
    assert r.status_code == 201 and r.json()["content_type"] == "image/jpeg"


def _png_claiming(width: int, height: int) -> bytes:
    """A real small PNG whose header claims another size (a decompression bomb's shape)."""
    data = bytearray(png((8, 8)))
    ihdr = 8 + 8  # signature, then length and type of IHDR
    data[ihdr:ihdr + 8] = width.to_bytes(4, "big") + height.to_bytes(4, "big")
    crc = zlib.crc32(bytes(data[12:ihdr + 13]))
    data[ihdr + 13:ihdr + 17] = crc.to_bytes(4, "big")
    return bytes(data)


def test_size_and_pixel_limits(server):
    r = upload(server, _png_claiming(50_000, 50_000), "image/png")
    assert r.status_code == 422 and r.json()["error"] == "photo_too_many_pixels"
    assert "megapixels" in r.json()["message"]
    r = upload(server, _png_claiming(20_000, 10), "image/png")
    assert r.status_code == 422 and r.json()["error"] == "photo_too_many_pixels"
    r = upload(server, b"\xff\xd8\xff" + b"\0" * (5 * 1024 * 1024 + 10))
    assert r.status_code == 413 and r.json()["error"] == "photo_too_large"
    assert upload(server, b"GIF89a", "image/gif").status_code == 415
    gif_as_jpeg = io.BytesIO()
    Image.new("RGB", (8, 8)).save(gif_as_jpeg, "GIF")
    assert upload(server, gif_as_jpeg.getvalue()).status_code == 422  # only JPEG, PNG and WebP are decoded


def test_a_long_list_comes_in_pages_of_the_merchants_own(server):
    """230 decided requests of m-digital (written straight into the sandbox's database, dated
    before the others): pages of 100, newest first, every one once, none of m-tea's."""
    from sync.sandbox import db
    from sync.sandbox.seller import PAGE_SIZE

    now = server.clock.now()
    rows = [{"id": str(uuid.uuid4()), "order_no": seed.ONLINE_PAID_ORDER, "merchant_id": "m-digital",
             "store_id": "demo-store", "terminal_id": "T01", "item_codes": [f"IC-OLD-{i}"], "reason": f"旧 {i}",
             "amount_minor": 100 + i, "currency": "CNY", "status": "approved", "decided_by": "seller",
             "buyer_reputation": 40, "threshold": 80, "payout_route": "cash",
             "created_at": now - timedelta(days=30, minutes=i), "decided_at": now - timedelta(days=29)}
            for i in range(230)]
    with server.app.state.engine.begin() as conn:
        conn.execute(db.refund_requests.insert(), rows)
    digital = seller_session(server, "m-digital")
    seen = []
    total = None
    for page in range(3):
        r = digital.get(f"{server.url}/seller", params={"status": "approved", "page": page}, timeout=10)
        assert r.status_code == 200 and r.headers["server-timing"].startswith("app;dur=")
        ids = [part.split('"', 1)[0] for part in r.text.split('id="req-')[1:]]
        assert len(ids) == (PAGE_SIZE if page < 2 else len(ids)) and ids
        total = total or int(r.text.split(" of ", 1)[1].split("<", 1)[0])
        assert ('id="older"' in r.text) == (page < 2)
        seen += ids
    assert len(seen) == len(set(seen)) == total >= 230
    assert [x for x in seen if x in {q["id"] for q in rows}] == [q["id"] for q in rows]  # newest first
    tea = seller_session(server, "m-tea")
    assert rows[0]["id"] not in tea.get(f"{server.url}/seller", params={"status": "approved"}, timeout=10).text
