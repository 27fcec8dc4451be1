"""The buyer receives the payment code: an order created over HTTP against the sandbox on
loopback sends an e-mail over SMTP to a real aiosmtpd server (sync.sandbox.mailbox) and an SMS
to the loopback gateway stand-in (sync.sandbox.sms), both from the platform's own outbox.
Nothing is mocked: the retry waits on the injected clock and the notifier's attempt callback."""

from __future__ import annotations

import re
import socket
import threading

import pytest
import requests

from sync.sandbox import seed
from sync.sandbox.mailbox import Mailbox
from sync.sandbox.notify import Notifier, SmsSettings, SmtpSettings, outbox_rows
from sync.sandbox.server import SandboxServer
from sync.sandbox.sms import SmsStandIn
from tests.fakes import FakeClock
from tests.platform_helpers import wait_until

T01 = {"Authorization": f"Bearer {seed.DEMO_TERMINAL[2]}", "X-Store-Id": seed.DEMO_TERMINAL[0],
       "X-Terminal-Id": seed.DEMO_TERMINAL[1]}
LINES = [{"sku": "TEA-500", "name": "乌龙茶 500ml", "unit_price_minor": 1250, "quantity": 2},
         {"sku": "BISC-1", "name": "饼干", "unit_price_minor": 880, "quantity": 1}]


def create(url: str, **extra) -> requests.Response:
    return requests.post(f"{url}/api/v1/orders", headers=T01, timeout=10,
                         json={"merchant_id": "m-tea", "buyer_id": "b-wang", "lines": LINES, **extra})




def mails_for(box: Mailbox, order_no: str) -> list:
    return [m for m in box.messages() if m["X-Order-No"] == order_no]


def decode_qr(png: bytes) -> list[str]:
    import cv2
    import numpy as np
    import zxingcpp

    image = cv2.imdecode(np.frombuffer(png, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert image is not None, "the inline image is not a PNG that OpenCV reads"
    return [r.text for r in zxingcpp.read_barcodes(image)]


@pytest.fixture
def platform(tmp_path):
    server = SandboxServer(db_url=f"sqlite:///{tmp_path / 'platform.sqlite3'}", clock=FakeClock(),
                           standins=tmp_path / "outbox").start()
    yield server
    server.stop()


def test_order_sends_the_payment_code_by_email_and_sms(platform):
    r = create(platform.url, buyer_phone="+86 138 0013 8000", buyer_email="Buyer.One@Example.com")
    assert r.status_code == 201, r.text
    order = r.json()

    mails = wait_until(platform.mailbox.received, lambda: mails_for(platform.mailbox, order["order_no"]))
    assert len(mails) == 1
    msg = mails[0]  # parsed by email.parser.BytesParser(policy=policy.default) from the .eml file
    assert msg["To"] == "Buyer.One@example.com"
    assert re.fullmatch(r"<[0-9a-f-]{36}@sandbox\.pos-terminal>", msg["Message-ID"])
    assert msg.get_content_type() == "multipart/alternative"
    plain = msg.get_body(("plain",)).get_content()
    html_part = msg.get_body(("html",))
    html = html_part.get_content()
    for text in (plain, html):
        assert order["url"] in text
        assert "¥33.80" in text or "33.80" in text
        assert "好物商城" in text and order["order_no"] in text
        assert "乌龙茶 500ml" in text and "饼干" in text
        assert "付款码" in text  # Chinese
        assert "payment code" in text.lower()  # and English
        assert "UTC+8" in text  # the expiry, in the store's zone
    # the QR is an inline image of the HTML part (multipart/related, by Content-ID)
    related = next(p for p in msg.walk() if p.get_content_type() == "multipart/related")
    images = [p for p in related.iter_parts() if p.get_content_type() == "image/png"]
    assert len(images) == 1
    cid = images[0]["Content-ID"].strip("<>")
    assert f'src="cid:{cid}"' in html
    assert decode_qr(images[0].get_content()) == [order["voucher"]]

    sms = wait_until(platform.sms_gateway.received,
                     lambda: [m for m in platform.sms_gateway.messages() if order["url"] in m["text"]])
    assert len(sms) == 1 and sms[0]["to"] == "+8613800138000"
    assert "付款码" in sms[0]["text"] and order["order_no"] in sms[0]["text"]

    rows = outbox_rows(platform.app.state.engine, order["order_no"])
    assert {(r["channel"], r["status"], r["attempts"]) for r in rows} == {("email", "sent", 1), ("sms", "sent", 1)}
    assert {r["id"] for r in rows if r["channel"] == "sms"} == {sms[0]["id"]}


def test_an_order_without_contacts_goes_to_the_buyer_on_file(platform):
    order = create(platform.url).json()
    mails = wait_until(platform.mailbox.received, lambda: mails_for(platform.mailbox, order["order_no"]))
    assert mails[0]["To"] == seed.BUYER_CONTACTS["b-wang"][1]
    sms = wait_until(platform.sms_gateway.received,
                     lambda: [m for m in platform.sms_gateway.messages() if order["url"] in m["text"]])
    assert sms[0]["to"] == seed.BUYER_CONTACTS["b-wang"][0]


@pytest.mark.parametrize("field, value, says", [
    ("buyer_phone", "12345", "not a valid phone number"),
    ("buyer_phone", "tel:abc", "not a phone number"),
    ("buyer_phone", "+86 10 6552 9988", "not a mobile number"),  # a Beijing landline: no SMS
    ("buyer_email", "wang.fang", "not an e-mail address"),
    ("buyer_email", "wang@@example.com", "not an e-mail address"),
])
def test_a_bad_phone_or_email_is_refused_naming_the_field(platform, field, value, says):
    before = outbox_rows(platform.app.state.engine)
    r = create(platform.url, **{field: value})
    assert r.status_code == 422, r.text
    body = r.json()
    assert body["error"] == "invalid_request"
    assert body["message"].startswith(f"body.{field}:") and says in body["message"], body["message"]
    assert len(outbox_rows(platform.app.state.engine)) == len(before)  # nothing queued for a refused order


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_an_smtp_server_down_at_first_gets_the_message_once_and_a_restart_sends_nothing_again(tmp_path):
    clock = FakeClock()
    port = _free_port()  # nothing listens here yet: the SMTP server is down
    db_url = f"sqlite:///{tmp_path / 'platform.sqlite3'}"
    smtp = SmtpSettings("127.0.0.1", port)
    attempted = threading.Event()
    outcomes: list[tuple[str, str]] = []

    def on_attempt(row_id, outcome):
        outcomes.append((row_id, outcome))
        attempted.set()

    server = SandboxServer(db_url=db_url, clock=clock, smtp=smtp).start()
    box = Mailbox(tmp_path / "mail", port=port)
    try:
        server.notifier.on_attempt = on_attempt
        order = create(server.url, buyer_email="buyer@example.com").json()
        engine = server.app.state.engine
        [row] = [r for r in outbox_rows(engine, order["order_no"]) if r["channel"] == "email"]
        wait_until(attempted, lambda: (row["id"], "retry") in outcomes)
        [failed] = [r for r in outbox_rows(engine, order["order_no"]) if r["channel"] == "email"]
        assert failed["status"] == "pending" and failed["attempts"] == 1
        assert "Connection" in failed["last_error"] or "refused" in failed["last_error"].lower()
        assert failed["next_attempt_at"] > clock.now()  # backoff on the injected clock

        box.start()  # the server comes up; the retry is due only once the platform's clock says so
        clock.advance(minutes=5)
        server.notifier.wake()
        wait_until(box.received, lambda: mails_for(box, order["order_no"]))
        wait_until(attempted, lambda: (row["id"], "sent") in outcomes)
        [sent] = [r for r in outbox_rows(engine, order["order_no"]) if r["channel"] == "email"]
        assert sent["status"] == "sent" and sent["attempts"] == 2
    finally:
        server.stop()

    # the sandbox process starts again on the same database: the sent message stays sent
    again = SandboxServer(db_url=db_url, clock=clock, smtp=smtp).start()
    try:
        clock.advance(hours=2)  # every backoff is over
        again.notifier.drain_once()  # a full drain, in this thread, after the restart
        [after] = [r for r in outbox_rows(again.app.state.engine, order["order_no"]) if r["channel"] == "email"]
        assert after["status"] == "sent" and after["attempts"] == 2
        assert len(mails_for(box, order["order_no"])) == 1
    finally:
        again.stop()
        box.stop()


class _LostReply:
    """A transport that delivers and then loses the server's answer (the crash or network cut
    between the hand-over and the mark): the notifier cannot know the message arrived."""

    def __init__(self, inner, times: int = 1) -> None:
        self.inner = inner
        self.times = times

    def send(self, *args) -> None:
        self.inner.send(*args)
        if self.times:
            self.times -= 1
            raise ConnectionResetError("connection lost after the message was handed over")


def test_a_resend_after_a_lost_answer_carries_the_same_message_id_and_the_gateway_keeps_one_sms(tmp_path):
    clock = FakeClock()
    with Mailbox(tmp_path / "mail") as box, SmsStandIn(tmp_path / "sms") as gateway:
        server = SandboxServer(db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", clock=clock).start()
        try:
            # this test drives the drains itself: a notifier without its thread
            notifier = Notifier(server.app.state.engine, clock, server.url,
                                smtp=SmtpSettings("127.0.0.1", box.port), sms=SmsSettings(gateway.url))
            notifier.drain_once()  # the seed's messages out of the way
            notifier.email, notifier.sms = _LostReply(notifier.email), _LostReply(notifier.sms)
            order = create(server.url, buyer_email="buyer@example.com", buyer_phone="13800138000").json()
            notifier.drain_once()  # both handed over, both answers lost: both stay pending
            rows = outbox_rows(server.app.state.engine, order["order_no"])
            assert {r["status"] for r in rows} == {"pending"}
            clock.advance(minutes=5)
            notifier.drain_once()  # sent again, this time marked
            rows = outbox_rows(server.app.state.engine, order["order_no"])
            assert {(r["status"], r["attempts"]) for r in rows} == {("sent", 2)}
        finally:
            server.stop()
        mails = mails_for(box, order["order_no"])
        assert len(mails) == 2  # SMTP is at-least-once: the server got it twice ...
        assert mails[0]["Message-ID"] == mails[1]["Message-ID"]  # ... recognisably the same message
        sms = [m for m in gateway.messages() if order["url"] in m["text"]]
        assert len(sms) == 1  # the gateway answered the resend by its Idempotency-Key, kept one


def test_a_payment_code_for_an_order_paid_before_it_went_out_is_skipped(tmp_path):
    clock = FakeClock()
    port = _free_port()
    server = SandboxServer(db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", clock=clock).start()
    try:
        engine = server.app.state.engine
        row = next(r for r in outbox_rows(engine, seed.ONLINE_PAID_ORDER) if r["channel"] == "email")
        assert row["status"] == "pending"
        Notifier(engine, clock, server.url, smtp=SmtpSettings("127.0.0.1", port)).drain_once()
        after = next(r for r in outbox_rows(engine) if r["id"] == row["id"])
        assert after["status"] == "skipped" and "paid" in after["last_error"]
    finally:
        server.stop()


def test_the_buyer_hears_when_the_order_is_paid_at_a_store(platform):
    import uuid

    order = create(platform.url, buyer_phone="+86 138 0013 8000", buyer_email="buyer@example.com").json()
    wait_until(platform.mailbox.received, lambda: mails_for(platform.mailbox, order["order_no"]))
    settlement = {"settlement_id": str(uuid.uuid4()), "order_no": order["order_no"], "merchant_id": "m-tea",
                  "store_id": seed.DEMO_TERMINAL[0], "terminal_id": seed.DEMO_TERMINAL[1], "receipt_no": 1,
                  "amount_minor": order["total_minor"], "currency": "CNY", "tenders": ["cash"], "offline": False,
                  "paid_at": platform.clock.now().isoformat()}
    r = requests.post(f"{platform.url}/api/v1/settlements", json=settlement, timeout=10,
                      headers={**T01, "Idempotency-Key": settlement["settlement_id"]})
    assert r.status_code == 201 and r.json()["outcome"] == "paid", r.text
    mails = wait_until(platform.mailbox.received, lambda: [m for m in mails_for(platform.mailbox, order["order_no"])
                                                           if "已付款" in m["Subject"]])
    assert len(mails) == 1 and "is paid" in mails[0]["Subject"]
    body = mails[0].get_body(("plain",)).get_content()
    assert seed.DEMO_TERMINAL[0] in body and order["url"] in body
    sms = wait_until(platform.sms_gateway.received,
                     lambda: [m for m in platform.sms_gateway.messages() if "已付款" in m["text"]
                              and order["order_no"] in m["text"]])
    assert len(sms) == 1 and sms[0]["to"] == "+8613800138000"
    # a retry of the same settlement (same Idempotency-Key) queues nothing more
    again = requests.post(f"{platform.url}/api/v1/settlements", json=settlement, timeout=10,
                          headers={**T01, "Idempotency-Key": settlement["settlement_id"]})
    assert again.status_code == 201
    assert len([r for r in outbox_rows(platform.app.state.engine, order["order_no"]) if r["event"] == "order_paid"]) == 2


def _self_signed(tmp_path):
    """A certificate for 127.0.0.1 (cryptography), written as PEM files; returns (cert, key)."""
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    start = dt.datetime(2020, 1, 1, tzinfo=dt.timezone.utc)  # valid on any date the suite runs on
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(x509.random_serial_number()).not_valid_before(start)
            .not_valid_after(start + dt.timedelta(days=365 * 60))
            .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
            .sign(key, hashes.SHA256()))
    cert_pem, key_pem = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_pem.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_pem.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))
    return cert_pem, key_pem


def test_the_email_goes_over_starttls_when_the_server_offers_it(tmp_path):
    import ssl

    cert, key = _self_signed(tmp_path)
    server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_tls.load_cert_chain(cert, key)
    clock = FakeClock()
    with Mailbox(tmp_path / "mail", tls_context=server_tls) as box:  # refuses mail before STARTTLS
        server = SandboxServer(db_url=f"sqlite:///{tmp_path / 'p.sqlite3'}", clock=clock).start()
        try:
            order = create(server.url, buyer_email="buyer@example.com").json()
            trusted = Notifier(server.app.state.engine, clock, server.url,
                               smtp=SmtpSettings("127.0.0.1", box.port, cafile=str(cert)))
            trusted.drain_once()
            [msg] = mails_for(box, order["order_no"])
            assert msg["X-Received-Over-TLS"] == "yes"
            # a client that does not trust the certificate sends nothing (and tries again later)
            order2 = create(server.url, buyer_email="buyer@example.com").json()
            Notifier(server.app.state.engine, clock, server.url, smtp=SmtpSettings("127.0.0.1", box.port)).drain_once()
            [row] = [r for r in outbox_rows(server.app.state.engine, order2["order_no"]) if r["channel"] == "email"]
            assert row["status"] == "pending" and "CERTIFICATE_VERIFY_FAILED" in row["last_error"]
            assert mails_for(box, order2["order_no"]) == []
        finally:
            server.stop()
