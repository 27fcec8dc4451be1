"""When a refund request is decided (approved by the merchant's policy at filing, approved or
rejected by the seller), the buyer hears it by e-mail and SMS and the merchant gets a signed
`refund.decided` webhook. `refund_decided` queues all of them in the caller's transaction (the
decision's): the buyer's messages in the platform's outbox to buyers (notify.enqueue, event
"refund_decided", ref = the request id), the webhook in the outbox to merchants (webhooks).
The messages are written when they are sent (by notify.Notifier), from the request as decided."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from html import escape

from sqlalchemy import select
from sqlalchemy.engine import Connection

from pos_terminal.money import format_money
from sync.sandbox import db, notify, webhooks

EVENT = "refund_decided"


def refund_decided(conn: Connection, request_id: str, now: datetime) -> None:
    """Queues the buyer's e-mail and SMS and the merchant's webhook about this decision. The
    buyer's contacts are the order's (buyer_email, buyer_phone), else the buyer's own."""
    r = conn.execute(select(db.refund_requests).where(db.refund_requests.c.id == request_id)).one()
    o = conn.execute(select(db.orders).where(db.orders.c.order_no == r.order_no)).one()
    b = conn.execute(select(db.buyers).where(db.buyers.c.id == o.buyer_id)).one()
    notify.enqueue(conn, r.order_no, EVENT, email=o.buyer_email or b.email, phone=o.buyer_phone or b.phone, now=now,
                   ref=request_id)
    webhooks.refund_decided(conn, request_id, now)


# ----------------------------------------------------------------------- rendering

_ROUTES = {  # where the money goes back: (Chinese, English)
    "online": ("退款 {amount} 由平台退回您在平台上的余额", "the platform refunds {amount} to your balance on the platform"),
    "cash": ("{amount} 在门店以现金退还", "{amount} is paid back in cash at the store"),
    "prepaid_card": ("{amount} 退回您付款时用的储值卡", "{amount} goes back to the prepaid card you paid with"),
    "bank_card": ("{amount} 退回您付款时用的银行卡", "{amount} goes back to the bank card you paid with"),
}
_ANY_ROUTE = ("{amount} 按您的原付款方式退还", "{amount} goes back the way you paid")


def context(conn: Connection, request_id: str, base_url: str) -> dict:
    """What the messages say about the request: the decision, the units, where the money goes."""
    r = conn.execute(select(db.refund_requests).where(db.refund_requests.c.id == request_id)).one()
    m = conn.execute(select(db.merchants.c.name).where(db.merchants.c.id == r.merchant_id)).one()
    b = conn.execute(select(db.buyers).join(db.orders, db.orders.c.buyer_id == db.buyers.c.id)
                     .where(db.orders.c.order_no == r.order_no)).one()
    names = dict(conn.execute(select(db.item_units.c.item_code, db.order_lines.c.name)
                              .join(db.order_lines, db.order_lines.c.id == db.item_units.c.line_id)
                              .where(db.item_units.c.item_code.in_(list(r.item_codes)))).all())
    store = None
    if r.store_id:
        store = conn.execute(select(db.terminals.c.store_name).where(db.terminals.c.store_id == r.store_id)
                             .limit(1)).scalar() or r.store_id
    token = getattr(b, "page_token", None)
    return {
        "request_id": r.id, "order_no": r.order_no, "merchant": m.name, "status": r.status,
        "decided_by": r.decided_by, "note": r.note, "reason": r.reason,
        "amount": format_money(r.amount_minor, r.currency), "route": r.payout_route,
        "items": [(code, names.get(code, code)) for code in r.item_codes],
        "origin": r.origin or "store", "handed_in": r.handed_in_at is not None, "store": store,
        "buyer_page": f"{base_url.rstrip('/')}/my/{token}" if token else None,
    }


def next_steps(c: dict) -> tuple[list[str], list[str]]:
    """What happens now, in Chinese and in English (lines of each)."""
    if c["status"] != "approved":
        return ([f"不予退款。商品如已交到门店，请到该门店取回；如有疑问请联系 {c['merchant']}。"],
                [f"No refund is made. If you handed the item in, collect it from that store; "
                 f"contact {c['merchant']} with any question."])
    zh_route, en_route = (t.format(amount=c["amount"]) for t in _ROUTES.get(c["route"], _ANY_ROUTE))
    if c["origin"] == "buyer" and not c["handed_in"]:
        codes = "、".join(code for code, _ in c["items"])
        zh = [f"请将商品交到任一合作门店，收银员扫描商品码 {codes} 即可办理。", f"交回后，{zh_route}。"]
        en = [f"Hand the item in at any partner store: the cashier scans its item code {', '.join(x for x, _ in c['items'])}.",
              f"Once it is handed in, {en_route}."]
    elif c["decided_by"] == "policy":
        zh, en = [f"门店 {c['store']} 已收下商品，{zh_route}。"], [f"Store {c['store']} took the item back; {en_route}."]
    else:
        zh = [f"门店 {c['store']} 将为您办理退款：{zh_route}。"]
        en = [f"Store {c['store']} completes the refund: {en_route}."]
    if c["route"] == "online" and c["buyer_page"]:
        zh.append(f"您的余额：{c['buyer_page']}")
        en.append(f"Your balance: {c['buyer_page']}")
    return zh, en


def _decision(c: dict) -> tuple[str, str]:
    if c["status"] == "approved":
        return (("退款已批准（符合商家的自动退款规则）", "Refund approved (under the seller's rules, at once)")
                if c["decided_by"] == "policy" else ("退款已由卖家批准", "Refund approved by the seller"))
    return "卖家未同意退款", "The seller did not agree to the refund"


def email(c: dict, *, message_id: str, sender: str, recipient: str, now: datetime) -> EmailMessage:
    """The decision e-mail: plain text and HTML, Chinese first and English beside it."""
    zh_decision, en_decision = _decision(c)
    zh_next, en_next = next_steps(c)
    word = ("已批准", "approved") if c["status"] == "approved" else ("未获批准", "rejected")
    msg = EmailMessage()
    msg["Subject"] = (f"订单 {c['order_no']} 的退款{word[0]} · Refund {word[1]} for order {c['order_no']} "
                      f"({c['merchant']}, {c['amount']})")
    msg["From"] = sender
    msg["To"] = recipient
    msg["Message-ID"] = message_id
    msg["Date"] = now
    msg["X-Order-No"] = c["order_no"]
    msg["X-Refund-Request"] = c["request_id"]
    note = c["note"] if c["status"] != "approved" and c["note"] else None
    plain = [f"{zh_decision}：{c['merchant']} 订单 {c['order_no']}，退款金额 {c['amount']}。",
             *([f"卖家说明：{note}"] if note else []), *zh_next, "",
             f"{en_decision}: order {c['order_no']} at {c['merchant']}, refund amount {c['amount']}.",
             *([f"The seller's note: {note}"] if note else []), *en_next, "",
             "退货商品 Items returned:", *(f"  {name}  ({code})" for code, name in c["items"]),
             f"退款金额 Refund amount: {c['amount']}", f"申请编号 Request: {c['request_id']}"]
    msg.set_content("\n".join(plain) + "\n")
    rows = "".join(f"<tr><td>{escape(name)}</td><td><code>{escape(code)}</code></td></tr>" for code, name in c["items"])
    note_html = (f"<p lang='zh-CN'>卖家说明：{escape(note)}</p><p lang='en'>The seller's note: {escape(note)}</p>"
                 if note else "")
    html = f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"></head>
<body style="font-family:sans-serif;color:#1d1d1f">
<h2 lang="zh-CN">{escape(zh_decision)}</h2><p lang="en"><b>{escape(en_decision)}</b></p>
<p>{escape(c['merchant'])} · 订单 Order <b>{escape(c['order_no'])}</b></p>
<p style="font-size:24px;font-weight:700">{escape(c['amount'])}</p>
{note_html}
<p lang="zh-CN">{'<br>'.join(escape(x) for x in zh_next)}</p>
<p lang="en">{'<br>'.join(escape(x) for x in en_next)}</p>
<table style="border-collapse:collapse"><tr><th>商品 Item</th><th>商品码 Item code</th></tr>{rows}</table>
<p style="color:#666">申请编号 Request: {escape(c['request_id'])}</p>
</body></html>"""
    msg.add_alternative(html, subtype="html")
    return msg


def sms_text(c: dict) -> str:
    """Short: the decision and what happens next in Chinese, the decision in English (the e-mail
    has the rest)."""
    zh_next, _ = next_steps(c)
    if c["status"] == "approved":
        head = f"【{c['merchant']}】订单 {c['order_no']} 退款 {c['amount']} 已批准。"
        tail = f"Refund {c['amount']} approved for order {c['order_no']}."
    else:
        head = f"【{c['merchant']}】订单 {c['order_no']} 的退款未获批准。" + (f"卖家说明：{c['note']}。" if c["note"] else "")
        tail = f"Refund rejected for order {c['order_no']}."
    return f"{head}{zh_next[0]} {tail}"


def send(notifier, row, now: datetime) -> None:
    """notify.Notifier's sending of a refund_decided row (its transports and sender address)."""
    with notifier.engine.begin() as conn:
        c = context(conn, row.ref, notifier.base_url)
    if row.channel == "email":
        notifier.email.send(email(c, message_id=f"<{row.id}@{notify.MESSAGE_ID_DOMAIN}>", sender=notifier.sender,
                                  recipient=row.recipient, now=now))
    else:
        notifier.sms.send(row.id, row.recipient, sms_text(c))
