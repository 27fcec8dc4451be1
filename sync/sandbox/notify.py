"""Messages from the platform to the buyer: the payment code by e-mail and by SMS when an order
is created, and a receipt message when a store takes the payment.

Delivery contract:
- The messages are rows of the platform's own outbox (db.notifications), inserted in the same
  transaction as the order (or the settlement): an order that exists has its messages queued,
  a rolled-back order has none.
- Events: order_created (the payment code), order_paid, refund_decided (sync.sandbox.refund_messages).
- One `Notifier` thread per sandbox process drains the outbox: due rows oldest first, each sent
  once and then marked `sent` in its own transaction. A failure is retried with exponential
  backoff on the injected clock (next_attempt_at); a permanent refusal (the SMTP server refuses
  the recipient, the gateway answers 4xx) or MAX_ATTEMPTS failures mark it `failed`. A payment
  code for an order that was paid, cancelled or expired before it went out is `skipped`.
- A crash between the hand-over and the mark sends the row again after the restart: SMTP is
  at-least-once by nature (a server that accepted the DATA cannot be asked to forget it). Every
  attempt of a row carries the same identity, the row id: `Message-ID: <id@...>` on the e-mail,
  `Idempotency-Key: id` (and "id" in the body) to the SMS gateway, so the receiving side can
  recognise a resend. Once marked, a row is never sent again, across restarts.
- One sender per database: two sandbox processes on one PostgreSQL would both send a due row.
"""

from __future__ import annotations

import json
import logging
import smtplib
import ssl
import struct
import uuid
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.utils import formataddr, make_msgid
from html import escape
from zoneinfo import ZoneInfo

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection, Engine

from pos_terminal.backoff import backoff as retry_backoff
from pos_terminal.money import format_money
from pos_terminal.ports import Clock
from sync.sandbox import db
from sync.sandbox.outbox_worker import OutboxWorker

log = logging.getLogger(__name__)

DISPLAY_ZONE = ZoneInfo("Asia/Shanghai")
MAX_ATTEMPTS = 12
FIRST_BACKOFF = timedelta(seconds=5)
MAX_BACKOFF = timedelta(hours=1)
MESSAGE_ID_DOMAIN = "sandbox.pos-terminal"


# ------------------------------------------------------------------------ contacts


class InvalidContact(ValueError):
    """A phone number or e-mail address that cannot be used; the message names what is wrong."""


def normalize_phone(text: str, region: str = "CN") -> str:
    """A mobile number in E.164 (+8613800138000). National numbers are read as `region`'s.
    Raises InvalidContact for a number that is not a valid mobile number (an SMS needs one)."""
    import phonenumbers

    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as exc:
        raise InvalidContact(f"{text!r} is not a phone number ({exc}); give it as +86 138 0013 8000") from None
    if not phonenumbers.is_valid_number(number):
        raise InvalidContact(f"{text!r} is not a valid phone number; give it as +86 138 0013 8000")
    if phonenumbers.number_type(number) not in (phonenumbers.PhoneNumberType.MOBILE,
                                                phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE):
        raise InvalidContact(f"{text!r} is not a mobile number: the payment code is sent by SMS")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalize_email(text: str) -> str:
    """The address normalized (domain lower case, IDNA-checked). Syntax only: no DNS look-up
    at order time (the sandbox runs offline); a mailbox that does not exist bounces later.
    Raises InvalidContact with email-validator's reason."""
    from email_validator import EmailNotValidError, validate_email

    try:
        return validate_email(text, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        raise InvalidContact(f"{text!r} is not an e-mail address: {exc}") from None


# -------------------------------------------------------------------------- outbox


def enqueue(conn: Connection, order_no: str, event: str, *, email: str | None, phone: str | None,
            now: datetime, ref: str | None = None) -> list[str]:
    """Queues the buyer's messages about `event` in the caller's transaction. Returns their ids.
    `ref`: what the event is about besides the order (refund_decided: the refund request's id)."""
    rows = notification_rows(order_no, event, email=email, phone=phone, now=now, ref=ref)
    if rows:
        conn.execute(insert(db.notifications), rows)
    return [row["id"] for row in rows]


def notification_rows(order_no: str, event: str, *, email: str | None, phone: str | None, now: datetime,
                      ref: str | None = None) -> list[dict]:
    """The rows `enqueue` writes, for a caller that writes many at once (sync.sandbox.settlements)."""
    return [{"id": str(uuid.uuid4()), "order_no": order_no, "event": event, "channel": channel,
             "recipient": recipient, "status": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now,
             "ref": ref}
            for channel, recipient in (("email", email), ("sms", phone)) if recipient]


def backoff(attempts: int) -> timedelta:
    """The wait after the `attempts`-th failure: 5 s, 10 s, 20 s, ... up to an hour."""
    return retry_backoff(attempts, first=FIRST_BACKOFF, ceiling=MAX_BACKOFF)


# ----------------------------------------------------------------------- rendering


def qr_png(text: str, scale: int = 6) -> bytes:
    """The text as a QR code PNG (zxing-cpp's writer, error correction M, as on the customer
    page), black on white with the quiet zone, `scale` pixels a module."""
    import numpy as np
    import zxingcpp

    barcode = zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    modules = np.asarray(barcode.to_image(scale=1, add_quiet_zones=True))
    pixels = np.where(modules < 128, 0, 255).astype(np.uint8)
    pixels = np.repeat(np.repeat(pixels, scale, axis=0), scale, axis=1)
    h, w = pixels.shape
    raw = b"".join(b"\x00" + pixels[y].tobytes() for y in range(h))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def _local(iso_ts: str | None) -> str:
    if not iso_ts:
        return ""
    return datetime.fromisoformat(iso_ts.replace("Z", "+00:00")).astimezone(DISPLAY_ZONE).strftime("%Y-%m-%d %H:%M")


def _lines_text(o: dict, limit: int = 30) -> list[tuple[str, str]]:
    rows = [(f"{l['name']} × {l['quantity']}", format_money(l["amount_minor"], o["currency"])) for l in o["lines"][:limit]]
    if len(o["lines"]) > limit:
        rows.append((f"… 共 {len(o['lines'])} 项 ({len(o['lines'])} lines)", ""))
    return rows


def order_created_email(o: dict, *, message_id: str, sender: str, recipient: str, now: datetime) -> EmailMessage:
    """The payment-code e-mail: multipart/alternative of a plain-text part and a
    multipart/related HTML part whose QR (the order's voucher) is an inline PNG by Content-ID.
    Chinese first, English beside it."""
    amount = format_money(o["total_minor"], o["currency"])
    merchant = o["merchant"]["name"]
    expiry = _local(o["expires_at"])
    msg = EmailMessage()
    msg["Subject"] = f"订单 {o['order_no']} 的付款码 · Payment code for order {o['order_no']} ({merchant}, {amount})"
    msg["From"] = sender
    msg["To"] = recipient
    msg["Message-ID"] = message_id
    msg["Date"] = now
    msg["X-Order-No"] = o["order_no"]
    items = _lines_text(o)
    plain = "\n".join([
        f"您在 {merchant} 的订单 {o['order_no']} 已创建，金额 {amount}。",
        "请到任一合作门店向收银员出示付款码，或打开以下链接查看付款码：",
        o["url"],
        f"有效期至 {expiry} (北京时间)。",
        "",
        f"Your order {o['order_no']} at {merchant} is created: {amount}.",
        "Show the payment code at the counter of any partner store, or open this link to see it:",
        o["url"],
        f"Valid until {expiry} (UTC+8).",
        "",
        "商品 Items:",
        *(f"  {name}  {price}" for name, price in items),
        f"合计 Total: {amount}",
    ]) + "\n"
    msg.set_content(plain)
    cid = make_msgid(domain=MESSAGE_ID_DOMAIN)
    rows = "".join(f"<tr><td>{escape(name)}</td><td style='text-align:right'>{escape(price)}</td></tr>"
                   for name, price in items)
    html = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>
<body style="font-family:sans-serif;color:#1d1d1f">
<p lang="zh-CN">您在 <b>{escape(merchant)}</b> 的订单 <b>{escape(o['order_no'])}</b> 已创建。到任一合作门店向收银员出示下面的付款码付款。</p>
<p lang="en">Your order <b>{escape(o['order_no'])}</b> at <b>{escape(merchant)}</b> is created. Show the code below at the counter of any partner store to pay.</p>
<p style="font-size:28px;font-weight:700">{escape(amount)}</p>
<p><img src="cid:{cid[1:-1]}" alt="付款码 payment code" width="280" height="280"></p>
<p><a href="{escape(o['url'])}">打开付款码页面 · Open the payment code page</a></p>
<p>有效期至 Valid until {escape(expiry)} (UTC+8)</p>
<table style="border-collapse:collapse">{rows}
<tr><td><b>合计 Total</b></td><td style='text-align:right'><b>{escape(amount)}</b></td></tr></table>
</body></html>"""
    msg.add_alternative(html, subtype="html")
    msg.get_payload()[1].add_related(qr_png(o["voucher"]), "image", "png", cid=cid, filename="payment-code.png")
    return msg


def order_paid_email(o: dict, *, message_id: str, sender: str, recipient: str, now: datetime) -> EmailMessage:
    amount = format_money(o["total_minor"], o["currency"])
    paid = o.get("paid") or {}
    where = paid.get("store_id") or ""
    msg = EmailMessage()
    msg["Subject"] = f"订单 {o['order_no']} 已付款 · Order {o['order_no']} is paid ({amount})"
    msg["From"] = sender
    msg["To"] = recipient
    msg["Message-ID"] = message_id
    msg["Date"] = now
    msg["X-Order-No"] = o["order_no"]
    plain = (f"您在 {o['merchant']['name']} 的订单 {o['order_no']} 已于 {_local(paid.get('at'))} 在门店 {where} 付款 {amount}。\n"
             f"Your order {o['order_no']} at {o['merchant']['name']} was paid at store {where} on "
             f"{_local(paid.get('at'))} (UTC+8): {amount}.\n{o['url']}\n")
    returns = buyer_page_url(o, email=recipient)
    if returns:
        plain += f"\n如需退回有问题的商品，请从这里开始 · To return a faulty item, start here:\n{returns}\n"
    msg.set_content(plain)
    link = (f'<p><a href="{escape(returns)}">退货从这里开始 · To return a faulty item, start here</a></p>'
            if returns else "")
    msg.add_alternative(f"<!doctype html><html><body><p>{escape(plain).replace(chr(10), '<br>')}</p>{link}"
                        "</body></html>", subtype="html")
    return msg


def buyer_page_url(o: dict, *, email: str | None = None, phone: str | None = None) -> str | None:
    """The buyer's page link (/my/<token>, where returns start) when the message goes to the
    buyer's own e-mail or phone: the link acts as the buyer, so an order sent to another address
    does not carry it. `o["buyer_page"]` is filled by Notifier._order."""
    page = o.get("buyer_page") or {}
    if email and page.get("email") and email.strip().lower() == page["email"].strip().lower():
        return page["url"]
    if phone and page.get("phone") and phone == page["phone"]:
        return page["url"]
    return None


def sms_text(o: dict, event: str, recipient: str | None = None) -> str:
    amount = format_money(o["total_minor"], o["currency"])
    if event == "order_paid":
        returns = buyer_page_url(o, phone=recipient)
        return (f"【{o['merchant']['name']}】订单 {o['order_no']} 已付款 {amount}。Order paid: {o['url']}"
                + (f" 退货请点 To return a faulty item, start here: {returns}" if returns else ""))
    return (f"【{o['merchant']['name']}】订单 {o['order_no']} 金额 {amount}，到店出示付款码：{o['url']} "
            f"Payment code for order {o['order_no']}: {o['url']}")


# ------------------------------------------------------------------------ transports


class PermanentFailure(Exception):
    """Retrying will not help (the recipient is refused, the request is rejected)."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int = 25
    sender: str = formataddr(("演示平台 Sandbox platform", "noreply@example.com"))
    starttls: str = "auto"  # auto: when the server offers it; require: refuse to send without; off
    username: str | None = None
    password: str | None = None
    cafile: str | None = None  # trust for STARTTLS (default: the system's)
    timeout_s: float = 15.0


class SmtpTransport:
    def __init__(self, settings: SmtpSettings) -> None:
        self.settings = settings

    def send(self, msg: EmailMessage) -> None:
        s = self.settings
        try:
            with smtplib.SMTP(s.host, s.port, timeout=s.timeout_s) as smtp:
                smtp.ehlo()
                if s.starttls != "off" and smtp.has_extn("starttls"):
                    smtp.starttls(context=ssl.create_default_context(cafile=s.cafile))
                    smtp.ehlo()
                elif s.starttls == "require":
                    raise PermanentFailure(f"the SMTP server {s.host}:{s.port} does not offer STARTTLS")
                if s.username:
                    smtp.login(s.username, s.password or "")
                smtp.send_message(msg)
        except smtplib.SMTPRecipientsRefused as exc:
            raise PermanentFailure(f"recipient refused: {exc.recipients}") from None
        except smtplib.SMTPResponseException as exc:
            if 500 <= exc.smtp_code < 600:
                raise PermanentFailure(f"SMTP {exc.smtp_code} {exc.smtp_error!r}") from None
            raise


@dataclass(frozen=True)
class SmsSettings:
    url: str  # the gateway's send endpoint: POST JSON {id, to, text}
    token: str | None = None
    timeout_s: float = 15.0


class SmsGateway:
    """The SMS gateway interface: one JSON POST per message, `Authorization: Bearer <token>`,
    `Idempotency-Key: <message id>`. 2xx: accepted; 4xx other than 408/429: refused for good;
    anything else: try again later."""

    def __init__(self, settings: SmsSettings) -> None:
        self.settings = settings

    def send(self, message_id: str, to: str, text: str) -> None:
        import requests

        headers = {"Content-Type": "application/json", "Idempotency-Key": message_id}
        if self.settings.token:
            headers["Authorization"] = f"Bearer {self.settings.token}"
        body = json.dumps({"id": message_id, "to": to, "text": text}, ensure_ascii=False).encode("utf-8")
        r = requests.post(self.settings.url, data=body, headers=headers, timeout=self.settings.timeout_s)
        if 200 <= r.status_code < 300:
            return
        if 400 <= r.status_code < 500 and r.status_code not in (408, 429):
            raise PermanentFailure(f"SMS gateway {r.status_code}: {r.text[:200]}")
        raise RuntimeError(f"SMS gateway {r.status_code}: {r.text[:200]}")


# -------------------------------------------------------------------------- sender


class Notifier(OutboxWorker):
    """Drains the outbox on its own thread. `wake()` after queueing (the order API does) sends
    at once; otherwise it looks every `poll_s` seconds. Due means next_attempt_at <= clock.now():
    a test moves its clock and wakes the notifier to run a retry. `on_attempt(row_id, outcome)`
    is called after every attempt (tests wait on it)."""

    thread_name = "sandbox-notifier"

    def __init__(self, engine: Engine, clock: Clock, base_url: str, *, smtp: SmtpSettings | None = None,
                 sms: SmsSettings | None = None, poll_s: float = 1.0, on_attempt=None) -> None:
        super().__init__()
        self.engine = engine
        self.clock = clock
        self.base_url = base_url
        self.email = SmtpTransport(smtp) if smtp else None
        self.sender = smtp.sender if smtp else ""
        self.sms = SmsGateway(sms) if sms else None
        self.poll_s = poll_s
        self.on_attempt = on_attempt

    def _run(self) -> None:
        while not self._stop.is_set():
            self._wake.clear()
            try:
                self.drain_once()
            except Exception:
                log.exception("the buyer-message outbox could not be drained; trying again")
            self._wake.wait(self.poll_s)

    def _channels(self) -> list[str]:
        return [c for c, t in (("email", self.email), ("sms", self.sms)) if t is not None]

    def drain_once(self, limit: int = 50) -> int:
        """Sends what is due on the configured channels; returns how many were attempted."""
        channels = self._channels()
        if not channels:
            return 0
        with self._draining:
            return self._drain(channels, limit)

    def _drain(self, channels: list[str], limit: int) -> int:
        now = self.clock.now()
        n = db.notifications
        with self.engine.begin() as conn:
            rows = conn.execute(select(n).where(n.c.status == "pending", n.c.next_attempt_at <= now,
                                                n.c.channel.in_(channels))
                                .order_by(n.c.created_at, n.c.id).limit(limit)).all()
        for row in rows:
            if self._stop.is_set():
                break
            self._attempt(row)
        return len(rows)

    def _order(self, order_no: str) -> dict:
        from sync.sandbox.platform import order_view

        with self.engine.begin() as conn:
            o = order_view(conn, order_no, self.base_url, self.clock.now())
            if o["status"] == "paid":  # the paid-order messages carry the buyer's page (buyer_page_url)
                from sync.sandbox.buyers import page_token

                b = conn.execute(select(db.buyers).where(db.buyers.c.id == o["buyer_id"])).one()
                o["buyer_page"] = {"url": f"{self.base_url.rstrip('/')}/my/{page_token(conn, b.id)}",
                                   "email": b.email, "phone": b.phone}
            return o

    def _attempt(self, row) -> None:
        n = db.notifications
        now = self.clock.now()
        o = self._order(row.order_no)
        outcome, error = "sent", None
        if row.event == "order_created" and o["status"] != "open":
            outcome, error = "skipped", f"the order is {o['status']}: no payment code to send"
        else:
            try:
                self._send(row, o, now)
            except PermanentFailure as exc:
                outcome, error = "failed", str(exc)
            except Exception as exc:  # network, server down, 4xx SMTP: try again later
                outcome, error = "retry", f"{type(exc).__name__}: {exc}"
        attempts = row.attempts + (0 if outcome == "skipped" else 1)
        if outcome == "retry" and attempts >= MAX_ATTEMPTS:
            outcome = "failed"
        values: dict = {"attempts": attempts, "last_error": error[:500] if error else None}
        if outcome == "retry":
            values |= {"next_attempt_at": self.clock.now() + backoff(attempts)}
            log.warning("buyer message not delivered; retrying",
                        extra={"id": row.id, "channel": row.channel, "attempts": attempts, "error": error})
        else:
            values |= {"status": outcome, "sent_at": self.clock.now() if outcome == "sent" else None}
        with self.engine.begin() as conn:
            conn.execute(update(n).where(n.c.id == row.id, n.c.status == "pending").values(**values))
        if self.on_attempt is not None:
            self.on_attempt(row.id, outcome)

    def _send(self, row, o: dict, now: datetime) -> None:
        if row.event == "refund_decided":
            from sync.sandbox import refund_messages

            return refund_messages.send(self, row, now)
        if row.channel == "email":
            build = order_paid_email if row.event == "order_paid" else order_created_email
            msg = build(o, message_id=f"<{row.id}@{MESSAGE_ID_DOMAIN}>", sender=self.sender, recipient=row.recipient,
                        now=now)
            self.email.send(msg)
        else:
            self.sms.send(row.id, row.recipient, sms_text(o, row.event, row.recipient))


def outbox_rows(engine: Engine, order_no: str | None = None) -> list[dict]:
    """The outbox as dicts (for tests and the CLI)."""
    n = db.notifications
    q = select(n).order_by(n.c.created_at, n.c.id)
    if order_no:
        q = q.where(n.c.order_no == order_no)
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]
