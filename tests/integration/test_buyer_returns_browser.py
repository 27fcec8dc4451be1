"""Returns started on the buyer's phone, in a real browser: headless Chromium (Debian's chromium
driven by Debian's chromedriver through Selenium; Selenium Manager never runs) at a phone's size,
with Chromium's fake camera playing a Y4M file that shows the real QR of a sold unit's item code.
The return page reads the code from the camera (getUserMedia, frames POSTed to the platform and
decoded there; a code that is not one of the buyer's units is said so, and the camera keeps
looking), the defect photo goes in through the file input, the reason is chosen, and the
platform files the request: approved at once for a high-reputation buyer (an order paid online:
refunded to the buyer's balance, shown on the buyer's page), pending for a low one (the code
read from an uploaded photo of it), which the seller then sees in the portal with the buyer's
photo. Screenshots are saved, and one of each page copied to /tmp/shots/buyer_*.png."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import numpy as np
import pytest
import requests
from sqlalchemy import select

from pos_terminal.clock import SystemClock
from sync.sandbox import db, seed
from sync.sandbox.notify import qr_png
from sync.sandbox.server import SandboxServer
from tests.buyer_helpers import T01, defect_jpeg, page_token, paid_order
from tests.fakes import FakeClock

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
pytestmark = pytest.mark.skipif(
    not (Path(CHROMIUM).exists() and Path(CHROMEDRIVER).exists() and importlib.util.find_spec("selenium")),
    reason="needs Debian's chromium and chromium-driver (scripts/apt-packages.txt) and selenium (the dev extra)")
SHOTS = Path("/tmp/shots")
WIDTH = 390


def gray_of_png(png: bytes) -> np.ndarray:
    import cv2

    return cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)


def write_y4m(path: Path, gray_code: np.ndarray, frames: int = 10, w: int = 640, h: int = 480) -> Path:
    """A YUV4MPEG2 file (4:2:0, 10 frames a second) that Chromium's fake camera loops: the code
    black on white in the middle of a grey scene, a little further right in each frame."""
    header = f"YUV4MPEG2 W{w} H{h} F10:1 Ip A1:1 C420jpeg\n".encode()
    ch, cw = gray_code.shape
    chroma = np.full((h // 2) * (w // 2), 128, np.uint8).tobytes()
    with open(path, "wb") as f:
        f.write(header)
        for i in range(frames):
            y = np.full((h, w), 170, np.uint8)
            top, left = (h - ch) // 2, (w - cw) // 2 - frames + 2 * i
            y[top:top + ch, left:left + cw] = gray_code
            f.write(b"FRAME\n" + y.tobytes() + chroma + chroma)
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("buyer-browser")
    with SandboxServer(db_url=f"sqlite:///{folder / 'platform.sqlite3'}", clock=FakeClock(SystemClock().now())) as s:
        yield s


@pytest.fixture(scope="module")
def camera_code(server) -> str:
    """The unit the fake camera shows: the seeded order paid online (b-wang, reputation 90)."""
    order = requests.get(f"{server.url}/api/v1/orders/{seed.ONLINE_PAID_ORDER}", headers=T01, timeout=10).json()
    return order["lines"][0]["item_codes"][0]


@pytest.fixture(scope="module")
def browser(server, camera_code, tmp_path_factory):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    folder = tmp_path_factory.mktemp("chromium")
    video = write_y4m(folder / "camera.y4m", gray_of_png(qr_png(camera_code, scale=8)))
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
                f"--use-file-for-fake-video-capture={video}", f"--user-data-dir={folder / 'profile'}",
                f"--window-size={WIDTH},844", "--hide-scrollbars", "--lang=zh-CN"):
        opts.add_argument(arg)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def shot(driver, tmp_path: Path, name: str) -> Path:
    """The page's screenshot (its whole height) in the test's folder, copied to /tmp/shots."""
    height = driver.execute_script("return Math.max(document.body.scrollHeight, 844)")
    driver.set_window_size(WIDTH, min(height + 120, 4000))
    path = tmp_path / f"{name}.png"
    assert driver.save_screenshot(str(path))
    driver.set_window_size(WIDTH, 844)
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(path, SHOTS / f"buyer_{name}.png")
    return path


def check_layout(driver, path: Path) -> None:
    """Nothing runs off the side (no clipped text), the screenshot is a phone's width and not
    blank, and the browser reported no refused resource or script error (CSP)."""
    import cv2

    assert driver.execute_script("return document.documentElement.scrollWidth") <= WIDTH
    image = cv2.imread(str(path))
    assert image is not None and image.shape[1] == WIDTH and image.std() > 5
    problems = [e["message"] for e in driver.get_log("browser")
                if e["level"] == "SEVERE" and "favicon" not in e["message"]]
    assert not problems, problems


def wait_for(driver, condition, timeout: float = 30.0):
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout, poll_frequency=0.1).until(condition)


def test_return_by_camera_is_approved_and_refunded_to_the_balance(server, browser, camera_code, tmp_path):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    token = page_token(server, "b-wang")
    browser.get(f"{server.url}/my/{token}")
    order = browser.find_element(By.ID, f"order-{seed.ONLINE_PAID_ORDER}")
    assert camera_code in order.text and "可退货" in order.text
    assert browser.find_element(By.CSS_SELECTOR, "#balance .bal").text == "¥0.00"
    check_layout(browser, shot(browser, tmp_path, "page"))

    browser.find_element(By.ID, "start-return").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, "return-form"))
    browser.find_element(By.ID, "scan").click()
    field = browser.find_element(By.ID, "item_code")
    wait_for(browser, lambda d: field.get_attribute("value") == camera_code)
    assert field.get_attribute("data-filled-by") == "scan"
    assert camera_code in browser.find_element(By.ID, "scan-status").text
    assert not browser.find_element(By.ID, "camera").is_displayed()  # the camera stopped
    assert browser.execute_script("return document.getElementById('camera').srcObject") is None

    photo = tmp_path / "defect.jpg"
    photo.write_bytes(defect_jpeg())
    browser.find_element(By.ID, "photo").send_keys(str(photo))
    wait_for(browser, lambda d: d.find_element(By.ID, "photo-preview").is_displayed())
    Select(browser.find_element(By.ID, "reason")).select_by_value("damaged_in_transport")
    browser.find_element(By.ID, "details").send_keys("瓶盖裂了 the cap is cracked")
    check_layout(browser, shot(browser, tmp_path, "return"))
    browser.find_element(By.ID, "submit").click()
    wait_for(browser, lambda d: "filed=" in d.current_url)

    banner = browser.find_element(By.ID, "filed").text
    assert "Refunded to your balance" in banner
    assert browser.find_element(By.CSS_SELECTOR, "#balance .bal").text == "¥12.50"
    assert "+¥12.50" in browser.find_element(By.ID, "ledger").text
    req = browser.find_element(By.CSS_SELECTOR, "#requests .req")
    assert req.get_attribute("data-status") == "approved" and "damaged in transport" in req.text
    check_layout(browser, shot(browser, tmp_path, "page_after"))

    with server.app.state.engine.begin() as conn:
        t = db.refund_requests
        r = conn.execute(select(t).where(t.c.order_no == seed.ONLINE_PAID_ORDER)).one()
        photos = conn.execute(select(db.photos).where(db.photos.c.refund_request_id == r.id)).all()
    assert (r.origin, r.status, r.decided_by, r.store_id, r.terminal_id) == ("buyer", "approved", "policy", "", "")
    assert (r.payout_route, r.refunded_to, list(r.item_codes)) == ("online", "buyer_balance", [camera_code])
    assert len(photos) == 1 and photos[0].buyer_id == "b-wang" and photos[0].data[:3] == b"\xff\xd8\xff"


def test_low_reputation_return_from_a_photo_of_the_code_waits_for_the_seller(server, browser, tmp_path):
    from selenium.webdriver.common.by import By

    order = paid_order(server, "m-digital", "b-li")  # reputation 40 < 80; m-digital wants a photo
    code = order["lines"][0]["item_codes"][0]
    token = page_token(server, "b-li")
    browser.get(f"{server.url}/my/{token}/return")
    # the camera still shows b-wang's unit: read, but not one of b-li's; the camera keeps looking
    browser.find_element(By.ID, "scan").click()
    wait_for(browser, lambda d: "not one of your items" in d.find_element(By.ID, "scan-status").text)
    assert browser.find_element(By.ID, "camera").is_displayed()
    assert browser.find_element(By.ID, "item_code").get_attribute("value") == ""
    check_layout(browser, shot(browser, tmp_path, "camera_not_yours"))
    browser.find_element(By.ID, "stop-scan").click()
    assert not browser.find_element(By.ID, "camera").is_displayed()
    code_png = tmp_path / "code.png"
    code_png.write_bytes(qr_png(code, scale=6))
    browser.find_element(By.ID, "code_photo").send_keys(str(code_png))
    wait_for(browser, lambda d: d.find_element(By.ID, "item_code").get_attribute("value") == code)
    photo = tmp_path / "defect.jpg"
    photo.write_bytes(defect_jpeg((640, 480)))
    browser.find_element(By.ID, "photo").send_keys(str(photo))
    browser.find_element(By.ID, "submit").click()
    wait_for(browser, lambda d: "filed=" in d.current_url)
    req = browser.find_element(By.CSS_SELECTOR, "#requests .req")
    assert req.get_attribute("data-status") == "pending_seller"
    assert "Waiting for the seller" in req.text
    check_layout(browser, shot(browser, tmp_path, "page_pending"))
    request_id = req.get_attribute("id").removeprefix("req-")

    # the seller signs in to the portal in the same browser and sees it, filed online, with the photo
    username, (_, password) = "m-digital", server.seller_logins["m-digital"]
    browser.get(f"{server.url}/seller/login")
    browser.find_element(By.NAME, "username").send_keys(username)
    browser.find_element(By.NAME, "password").send_keys(password)
    browser.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    wait_for(browser, lambda d: d.find_elements(By.ID, f"req-{request_id}"))
    entry = browser.find_element(By.ID, f"req-{request_id}")
    assert "filed online by the buyer" in entry.text and "not handed in at a store yet" in entry.text
    img = entry.find_element(By.TAG_NAME, "img")
    wait_for(browser, lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth", img))
    assert browser.execute_script("return arguments[0].naturalWidth", img) == 640
    check_layout(browser, shot(browser, tmp_path, "seller_portal"))
    photo_id = img.get_attribute("src").rsplit("/", 1)[-1]
    # a store's terminal credential does not get the buyer's photo
    r = requests.get(f"{server.url}/api/v1/refund-photos/{photo_id}", headers=T01, timeout=10)
    assert r.status_code == 404
