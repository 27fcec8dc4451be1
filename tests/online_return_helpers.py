"""Short-cuts for the tests of returns filed on the buyer's phone: the request is filed through the
platform's own code path for it (sync.sandbox.refunds.request_refund with the buyer's id, as
the buyer's page files it), in the sandbox's database, on the sandbox's clock."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from sync.sandbox import db as sandbox_db
from sync.sandbox import refunds as sandbox_refunds
from sync.sandbox.platform import Caller
from tests.platform_helpers import new_order


def file_online_return(server, item_codes: list[str], reason: str = "defective: the cap leaks") -> dict:
    """The buyer files a return of `item_codes` on the phone; the platform's request view."""
    now = server.app.state.clock.now()
    with server.app.state.engine.begin() as conn:
        order_no = conn.execute(select(sandbox_db.item_units.c.order_no)
                                .where(sandbox_db.item_units.c.item_code == item_codes[0])).scalar_one()
        buyer_id = conn.execute(select(sandbox_db.orders.c.buyer_id)
                                .where(sandbox_db.orders.c.order_no == order_no)).scalar_one()
        _, view = sandbox_refunds.request_refund(conn, {"item_codes": list(item_codes), "reason": reason},
                                                 Caller("buyer"), now, buyer_id=buyer_id)
    assert view["origin"] == "buyer" and view["payout"]["store_id"] == "", view
    return view


def paid_online(server, client, **kw) -> dict:
    """An order paid online (not at a store) an hour ago; the platform's order view."""
    view = new_order(client, **kw)
    with server.app.state.engine.begin() as conn:
        conn.execute(update(sandbox_db.orders).where(sandbox_db.orders.c.order_no == view["order_no"]).values(
            status="paid", paid_via="online", paid_at=server.app.state.clock.now() - timedelta(hours=1)))
    return client.get_order(view["order_no"])


def request_row(server, request_id: str):
    with server.app.state.engine.connect() as conn:
        return conn.execute(select(sandbox_db.refund_requests)
                            .where(sandbox_db.refund_requests.c.id == request_id)).one()


def idempotency_rows(server, key: str) -> list:
    with server.app.state.engine.connect() as conn:
        return conn.execute(select(sandbox_db.idempotency).where(sandbox_db.idempotency.c.key == key)).all()


def buyer_balance(server, buyer_id: str) -> dict[str, int]:
    from sync.sandbox import buyers

    with server.app.state.engine.connect() as conn:
        return buyers.balances(conn, buyer_id)
