"""Driving the buyer's pages of the sandbox (/my/<token>) as the phone's browser does: the page
token from the platform's database, a paid order to return, the return form's token, a defect
photo, and the form POST with the Origin header a browser sends."""

from __future__ import annotations

import io
import re
import uuid

import requests
from PIL import Image, ImageDraw

from sync.sandbox import buyers, seed
from tests.platform_helpers import terminal_headers

API = "/api/v1"
T01 = terminal_headers(seed.DEMO_TERMINAL)
_FORM_TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def page_token(server, buyer_id: str) -> str:
    with server.app.state.engine.begin() as conn:
        return buyers.page_token(conn, buyer_id)


def paid_order(server, merchant_id: str, buyer_id: str, price: int = 4500, qty: int = 1,
               tenders=("cash",)) -> dict:
    """An order created on the platform and paid at demo-store T01 now (platform clock)."""
    o = requests.post(f"{server.url}{API}/orders", json={
        "merchant_id": merchant_id, "buyer_id": buyer_id,
        "lines": [{"sku": "CUP-1", "name": "保温杯 Thermos", "unit_price_minor": price, "quantity": qty}]},
        headers=T01 | {"Idempotency-Key": str(uuid.uuid4())}, timeout=10)
    assert o.status_code == 201, o.text
    o = o.json()
    r = requests.post(f"{server.url}{API}/settlements", json={
        "settlement_id": str(uuid.uuid4()), "order_no": o["order_no"], "merchant_id": merchant_id,
        "store_id": "demo-store", "terminal_id": "T01", "receipt_no": 1, "amount_minor": o["total_minor"],
        "currency": "CNY", "tenders": list(tenders), "offline": False, "paid_at": server.clock.now().isoformat()},
        headers=T01 | {"Idempotency-Key": str(uuid.uuid4())}, timeout=10)
    assert r.status_code in (200, 201), r.text
    return o


def form_token(html: str) -> str:
    m = _FORM_TOKEN.search(html)
    assert m, "no form token in the page"
    return m.group(1)


def defect_jpeg(size=(320, 240)) -> bytes:
    """A real photo-like JPEG: a grey object with a dark crack across it."""
    img = Image.new("RGB", size, (235, 232, 225))
    draw = ImageDraw.Draw(img)
    w, h = size
    draw.ellipse((w // 6, h // 6, w * 5 // 6, h * 5 // 6), fill=(150, 160, 170))
    draw.line((w // 4, h // 3, w // 2, h // 2, w * 3 // 4, h * 2 // 5), fill=(30, 30, 30), width=4)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=90)
    return out.getvalue()


def return_session(server, token: str) -> tuple[requests.Session, str]:
    """A session on the buyer's return page (Origin as a browser sends it) and its form token."""
    s = requests.Session()
    s.headers["Origin"] = server.url
    page = s.get(f"{server.url}/my/{token}/return", timeout=10)
    assert page.status_code == 200, page.text
    return s, form_token(page.text)


def file_return(server, token: str, item_code: str, *, photo: bytes | None = None, reason="defective",
                details="", session: requests.Session | None = None, csrf: str | None = None,
                code_photo: bytes | None = None) -> requests.Response:
    """The return form POSTed as the page does (multipart); the platform's answer, not followed."""
    if session is None or csrf is None:
        session, csrf = return_session(server, token)
    files = {}
    if photo is not None:
        files["photo"] = ("defect.jpg", photo, "image/jpeg")
    if code_photo is not None:
        files["code_photo"] = ("code.png", code_photo, "image/png")
    data = {"csrf_token": csrf, "item_code": item_code, "reason": reason, "details": details}
    if not files:  # still multipart, as the browser sends it
        files["photo"] = ("", b"", "application/octet-stream")
    return session.post(f"{server.url}/my/{token}/return", data=data, files=files, allow_redirects=False, timeout=30)
