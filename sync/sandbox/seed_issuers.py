"""The seed of a sandbox platform other than "demo-shop" (issue 16: more than one platform at one
counter): its own merchants, its own signing key, its own open orders, the same buyers and the
same terminals with the same seeded credentials (sync.sandbox.seed.TERMINALS), so the demo's
counter talks to it with the secret it already has. Prepaid cards stay with the counter's own
platform: none are seeded here.

"tea-house" is the demo's second platform; any other id gets the same shape with its id in the
merchants' names. Order numbers are PO000000002001... (the terminal reads PO and 12 digits as an
order number), distinct from demo-shop's PO000000001001...
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert, select
from sqlalchemy.engine import Connection

from sync.sandbox import db
from sync.sandbox.platform import add_key, create_order, secret_hash
from sync.sandbox.seed import (
    BUYER_CONTACTS,
    BUYERS,
    SEED_ORDER_LIFETIME,
    STORE_NAMES,
    TERMINALS,
    _line,
    renew_seeded_orders,
)

SECOND_PLATFORM_ID = "tea-house"
SECOND_PLATFORM_NAME = "Tea House 茶馆"

# id: (name, refund threshold, return window days, photo required, API secret)
MERCHANTS = {
    "m-leaf": ("一叶茶庄", 60, 7, False, "sandbox-merchant-secret-m-leaf"),
    "m-cup": ("茶具小铺", 70, 15, False, "sandbox-merchant-secret-m-cup"),
}
LEAF_ORDER = "PO000000002001"  # open, m-leaf, b-wang, 2 x 普洱茶饼 68.00 = 136.00
CUP_ORDER = "PO000000002002"  # open, m-cup, b-li, 1 x 盖碗 45.00 + 4 x 品茗杯 6.50 = 71.00
JASMINE_ORDER = "PO000000002003"  # open, m-leaf, b-zhang, 3 x 茉莉花茶 22.00 = 66.00
OPEN_ORDERS = (LEAF_ORDER, CUP_ORDER, JASMINE_ORDER)


def merchants_of(platform_id: str) -> dict[str, tuple[str, int, int, bool, str]]:
    if platform_id == SECOND_PLATFORM_ID:
        return MERCHANTS
    return {f"{mid}-{platform_id}"[:64]: (f"{name} {platform_id}"[:100], threshold, window, photo, f"{secret}-{platform_id}")
            for mid, (name, threshold, window, photo, secret) in MERCHANTS.items()}


def seed(conn: Connection, now: datetime, platform_id: str) -> None:
    """Fills an empty database of platform `platform_id`; on one seeded before, renews the seeded
    orders that expired unpaid (as sync.sandbox.seed.seed does for demo-shop)."""
    if conn.execute(select(db.merchants.c.id).limit(1)).first() is not None:
        renew_seeded_orders(conn, now, OPEN_ORDERS)
        return
    merchants = merchants_of(platform_id)
    for mid, (name, threshold, window, photo, secret) in merchants.items():
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
    add_key(conn, now)
    leaf, cup = list(merchants)
    month = SEED_ORDER_LIFETIME
    create_order(conn, order_no=LEAF_ORDER, merchant_id=leaf, buyer_id="b-wang", currency="CNY", now=now,
                 expires_in=month, lines=[_line("PUER-357", "普洱茶饼 357g", 6800, 2)])
    create_order(conn, order_no=CUP_ORDER, merchant_id=cup, buyer_id="b-li", currency="CNY", now=now,
                 expires_in=month, lines=[_line("GAIWAN-1", "盖碗", 4500, 1), _line("CUP-S", "品茗杯", 650, 4)])
    create_order(conn, order_no=JASMINE_ORDER, merchant_id=leaf, buyer_id="b-zhang", currency="CNY", now=now,
                 expires_in=month, lines=[_line("JASM-100", "茉莉花茶 100g", 2200, 3)])
