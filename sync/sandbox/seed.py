"""The sandbox's seed: who and what exists on a fresh sandbox. The demo credentials here are
for the sandbox only (a real platform issues its own); the terminal's default settings are
store "demo-store", terminal "T01"."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlalchemy import insert, select, update
from sqlalchemy.engine import Connection

from sync.sandbox import db
from sync.sandbox.cards import pin_hash
from sync.sandbox.platform import active_key, add_key, create_order, secret_hash
from sync.sandbox.signing import mint_voucher

# (store_id, terminal_id, secret)
DEMO_TERMINAL = ("demo-store", "T01", "sandbox-secret-demo-store-T01")
SECOND_TERMINAL = ("demo-store", "T02", "sandbox-secret-demo-store-T02")
OTHER_STORE_TERMINAL = ("other-store", "T01", "sandbox-secret-other-store-T01")
TERMINALS = (DEMO_TERMINAL, SECOND_TERMINAL, OTHER_STORE_TERMINAL)
STORE_NAMES = {"demo-store": "Demo Store 演示便利店", "other-store": "Other Store 二号店"}

# No admin token here: each sandbox makes its own (sync.sandbox.credentials, server.create_app).

# id: (name, refund threshold, return window days, photo required, API secret)
MERCHANTS = {
    "m-tea": ("好物商城", 60, 7, False, "sandbox-merchant-secret-m-tea"),
    "m-digital": ("数码优选", 80, 15, True, "sandbox-merchant-secret-m-digital"),
}
# id: (name, reputation 0..100)
BUYERS = {
    "b-wang": ("王芳", 90),  # at or above both thresholds: refunds approved at once
    "b-li": ("李强", 40),  # below both: the seller decides
    "b-zhang": ("张伟", 70),  # approved at m-tea (60), waits at m-digital (80)
}
# id: (mobile number in E.164, e-mail): where the payment codes of their orders go
BUYER_CONTACTS = {
    "b-wang": ("+8613800138000", "wang.fang@example.com"),
    "b-li": ("+8613900139000", "li.qiang@example.com"),
    "b-zhang": ("+8613700137000", "zhang.wei@example.com"),
}
# card number: (holder, balance in fen)
CARDS = {
    "8800000000000001": ("王芳", 50_000),
    "8800000000000002": ("李强", 1_000),
    "8800000000000003": ("张伟", 20_000),  # blocked
}
BLOCKED_CARDS = {"8800000000000003"}
# each card's holder PIN (stored hashed): spending or reading a balance needs it
DEMO_CARD = "8800000000000001"
DEMO_CARD_PIN = "2580"
CARD_PINS = {DEMO_CARD: DEMO_CARD_PIN, "8800000000000002": "1357", "8800000000000003": "2468"}

TEA_ORDER = "PO000000001001"  # open, m-tea, b-wang, 2 x 乌龙茶 12.50 + 1 x 饼干 8.80 = 33.80
DIGITAL_ORDER = "PO000000001002"  # open, m-digital, b-li, 29.90 + 89.00 = 118.90
GREEN_TEA_ORDER = "PO000000001003"  # open, m-tea, b-zhang, 3 x 15.00 = 45.00
ONLINE_PAID_ORDER = "PO000000001004"  # paid online two days before seeding, m-tea, b-wang
BIG_ORDER = "PO000000001005"  # open, m-digital, b-zhang, 40 lines: its voucher summary is cut short
OPEN_ORDERS = (TEA_ORDER, DIGITAL_ORDER, GREEN_TEA_ORDER, BIG_ORDER)


def _line(sku: str, name: str, price: int, qty: int) -> dict:
    return {"sku": sku, "name": name, "unit_price_minor": price, "quantity": qty}


SEED_ORDER_LIFETIME = timedelta(days=30)


def seed(conn: Connection, now: datetime) -> None:
    """Fills an empty sandbox database. On a database seeded before (the demo keeps its file),
    renews the seeded orders that expired unpaid since, so that PO000000001001..1005 can be paid
    on whatever date the demo starts again."""
    if conn.execute(select(db.merchants.c.id).limit(1)).first() is not None:
        renew_seeded_orders(conn, now)
        give_seeded_buyers_contacts(conn)
        give_seeded_cards_pins(conn)
        return
    for mid, (name, threshold, window, photo, secret) in MERCHANTS.items():
        conn.execute(insert(db.merchants).values(id=mid, name=name, refund_threshold=threshold,
                                                 return_window_days=window, photo_required=photo,
                                                 secret_sha256=secret_hash(secret)))
    for bid, (name, rep) in BUYERS.items():
        phone, email = BUYER_CONTACTS[bid]
        conn.execute(insert(db.buyers).values(id=bid, name=name, reputation=rep, phone=phone, email=email))
    for store_id, terminal_id, secret in TERMINALS:
        conn.execute(insert(db.terminals).values(store_id=store_id, terminal_id=terminal_id,
                                                 store_name=STORE_NAMES[store_id], secret_sha256=secret_hash(secret),
                                                 active=True))
    for card_no, (holder, balance) in CARDS.items():
        conn.execute(insert(db.cards).values(card_no=card_no, holder=holder, balance_minor=balance, currency="CNY",
                                             active=card_no not in BLOCKED_CARDS, pin_hash=pin_hash(CARD_PINS[card_no]),
                                             pin_failures=0))
    add_key(conn, now)
    month = SEED_ORDER_LIFETIME
    create_order(conn, order_no=TEA_ORDER, merchant_id="m-tea", buyer_id="b-wang", currency="CNY", now=now,
                 expires_in=month, lines=[_line("TEA-500", "乌龙茶 500ml", 1250, 2), _line("BISC-1", "饼干", 880, 1)])
    create_order(conn, order_no=DIGITAL_ORDER, merchant_id="m-digital", buyer_id="b-li", currency="CNY", now=now,
                 expires_in=month, lines=[_line("USBC-1M", "USB-C 数据线 1米", 2990, 1),
                                          _line("CHG-65W", "65W 氮化镓充电器", 8900, 1)])
    create_order(conn, order_no=GREEN_TEA_ORDER, merchant_id="m-tea", buyer_id="b-zhang", currency="CNY", now=now,
                 expires_in=month, lines=[_line("GTEA-250", "西湖龙井绿茶 250g", 1500, 3)])
    create_order(conn, order_no=ONLINE_PAID_ORDER, merchant_id="m-tea", buyer_id="b-wang", currency="CNY", now=now,
                 expires_in=month, lines=[_line("TEA-500", "乌龙茶 500ml", 1250, 1)])
    conn.execute(update(db.orders).where(db.orders.c.order_no == ONLINE_PAID_ORDER).values(
        status="paid", paid_via="online", paid_at=now - timedelta(days=2)))
    create_order(conn, order_no=BIG_ORDER, merchant_id="m-digital", buyer_id="b-zhang", currency="CNY", now=now,
                 expires_in=month, lines=[_line(f"ACC-{i:03d}", f"手机保护壳 第{i}款 磨砂防摔", 1990 + i, 1 + i % 2)
                                          for i in range(1, 41)])


def renew_seeded_orders(conn: Connection, now: datetime, open_orders: tuple[str, ...] = OPEN_ORDERS) -> list[str]:
    """A new voucher (new voucher id, signed by the active key, valid SEED_ORDER_LIFETIME from
    `now`) for each seeded order that is still open but expired; the order, its item codes and
    its customer link stay. Returns the renewed order numbers."""
    key = active_key(conn)
    if key is None:
        return []
    renewed = []
    from sync.sandbox.issuer import platform_id

    issuer = platform_id(conn)
    rows = conn.execute(select(db.orders).where(db.orders.c.order_no.in_(open_orders), db.orders.c.status == "open",
                                                db.orders.c.expires_at <= now)).all()
    for o in rows:
        merchant = conn.execute(select(db.merchants.c.name).where(db.merchants.c.id == o.merchant_id)).scalar_one()
        voucher_id = secrets.token_urlsafe(9)  # as create_order makes them
        issued_at = now.replace(microsecond=0)
        expires_at = issued_at + SEED_ORDER_LIFETIME
        voucher = mint_voucher(key.private_raw, key.kid, voucher_id=voucher_id, order_no=o.order_no,
                               merchant_id=o.merchant_id, merchant_name=merchant, amount_minor=o.total_minor,
                               currency=o.currency, summary=o.summary, issued_at=issued_at, expires_at=expires_at,
                               issuer=issuer)
        conn.execute(update(db.orders).where(db.orders.c.order_no == o.order_no).values(
            voucher=voucher, voucher_id=voucher_id, kid=key.kid, expires_at=expires_at, claim_store_id=None,
            claim_terminal_id=None, claim_expires_at=None))
        renewed.append(o.order_no)
    return renewed


def give_seeded_cards_pins(conn: Connection) -> None:
    """A demo database made before cards had PINs: the seeded cards get theirs (CARD_PINS)."""
    rows = conn.execute(select(db.cards.c.card_no).where(db.cards.c.card_no.in_(CARD_PINS),
                                                         db.cards.c.pin_hash.is_(None))).all()
    for (card_no,) in rows:
        conn.execute(update(db.cards).where(db.cards.c.card_no == card_no).values(
            pin_hash=pin_hash(CARD_PINS[card_no]), pin_failures=0))


def give_seeded_buyers_contacts(conn: Connection) -> None:
    """A demo database made before orders carried the buyer's phone and e-mail: the seeded
    buyers get theirs (BUYER_CONTACTS), for the orders created from now on."""
    for bid, (phone, email) in BUYER_CONTACTS.items():
        conn.execute(update(db.buyers).where(db.buyers.c.id == bid, db.buyers.c.email.is_(None)).values(
            phone=phone, email=email))


# seller portal accounts: username -> merchant id. Their passwords are not here: each sandbox
# makes its own in its credentials file (seller_password_<username>), shown by `pos-terminal demo`
# and `pos-terminal sandbox`.
SELLERS = {"m-tea": "m-tea", "m-digital": "m-digital"}


def seed_sellers(engine, credentials, now: datetime) -> dict[str, tuple[str, str]]:
    """The seeded merchants' seller accounts exist and take the passwords of the sandbox's
    credentials file (made there on first start). Returns username: (merchant id, password)."""
    from sync.sandbox.seller_auth import ensure_seller

    logins = {}
    for username, merchant_id in SELLERS.items():
        password = credentials.get_or_create(f"seller_password_{username}")
        with engine.begin() as conn:
            if conn.execute(select(db.merchants.c.id).where(db.merchants.c.id == merchant_id)).first() is None:
                continue
            ensure_seller(conn, username, merchant_id, password, now)
        logins[username] = (merchant_id, password)
    return logins
