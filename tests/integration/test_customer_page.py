"""The customer page in a real browser: headless Chromium (Debian's chromium) screenshots it at a
phone's size, the QR in the screenshot is decoded back to the exact voucher, and the voucher
verifies offline against the keys the sandbox publishes."""

from __future__ import annotations

import shutil
import subprocess

import pytest
import requests

from pos_terminal.clock import SystemClock
from pos_terminal.vouchers import KeyRing, verify_voucher
from sync.sandbox import seed
from sync.sandbox.server import SandboxServer

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (Debian package 'chromium')")

T01 = {"Authorization": f"Bearer {seed.DEMO_TERMINAL[2]}", "X-Store-Id": seed.DEMO_TERMINAL[0],
       "X-Terminal-Id": seed.DEMO_TERMINAL[1]}


def screenshot(url: str, tmp_path) -> "object":
    import cv2

    png = tmp_path / "page.png"
    cmd = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
           "--disable-background-networking", "--disable-component-update", "--disable-sync",
           f"--user-data-dir={tmp_path / 'profile'}", "--window-size=390,844", f"--screenshot={png}", url]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert png.exists(), f"chromium made no screenshot (rc {r.returncode}): {r.stderr[-2000:]}"
    image = cv2.imread(str(png))
    assert image is not None and image.shape[1] == 390
    return image


@pytest.mark.parametrize("order_no", [seed.TEA_ORDER, seed.BIG_ORDER])
def test_qr_on_the_customer_page_reads_back_to_a_valid_voucher(order_no, tmp_path):
    import zxingcpp

    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", clock=SystemClock()) as server:
        order = requests.get(f"{server.url}/api/v1/orders/{order_no}", headers=T01, timeout=10).json()
        page = requests.get(order["url"], timeout=10)
        assert page.headers["content-type"] == "text/html; charset=utf-8"
        assert order["merchant"]["name"] in page.text and "width=device-width" in page.text
        image = screenshot(order["url"], tmp_path)
        keys = KeyRing.from_jwks(requests.get(f"{server.url}/api/v1/voucher-keys", timeout=10).json())
    found = [b.text for b in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    assert found == [order["voucher"]]
    check = verify_voucher(found[0], keys, server.clock.now())
    assert check.valid and check.claims.order_no == order_no and check.claims.amount_minor == order["total_minor"]


def test_unknown_link_is_a_404_page(tmp_path):
    with SandboxServer(db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", clock=SystemClock()) as server:
        r = requests.get(f"{server.url}/o/nope", timeout=10)
    assert r.status_code == 404 and "订单不存在" in r.text
