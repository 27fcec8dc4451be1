"""The write path of a sale: the statements a cash sale commits, prepared once per engine.

`record_sale` writes a sale as plain values (pos_terminal.domain.model.paid): the order with its
lines and item units when it is new, the sale, its tenders, its receipt, its settlement and the
settlement's outbox message, plus the receipt number taken from the terminal's counter. This is
where those rows are first written; whatever reads or changes them later (printing marks the
receipt, the drain marks the outbox row, a refund reads the order) goes through the ORM mapping
(orm.py) as before. Writing them as prepared statements on the unit of work's own
connection (prepared.py) keeps them in the same transaction, under the same constraints (unique
receipt numbers per terminal, unique item codes, one paid sale per order, the outbox id), on SQLite
and PostgreSQL alike, without the ORM's per-object flush work.

Per sale: the open shift's id (one indexed SELECT), the next receipt number (one upsert with
RETURNING, which also locks the counter row until the transaction ends), the order (INSERT .. ON
CONFLICT DO NOTHING: an order seen before is left to the ORM path), its lines and units (two
executemany), and one INSERT each for the sale, its tenders, receipt, settlement and outbox row.
"""

from __future__ import annotations

import uuid

from sqlalchemy import Connection, bindparam, func, insert, select, text
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import Dialect

from pos_terminal.domain import model as m
from pos_terminal.storage import orm
from pos_terminal.storage.prepared import DriverConnection, Prepared, PreparedSet


def _columns(table, skip: tuple[str, ...] = ()) -> list[str]:
    return [c.key for c in table.c if c.key not in skip]


def _upsert(dialect: Dialect):
    return pg_insert if dialect.name == "postgresql" else sqlite_insert


def _insert(table, skip: tuple[str, ...] = ()):
    return lambda dialect: Prepared(insert(table).inline(), dialect, _columns(table, skip))


def _open_shift_id(dialect: Dialect) -> Prepared:
    s = orm.shifts
    # The partial unique index uq_shifts_one_open_per_terminal answers it (its condition, literally).
    query = select(s.c.id).where(s.c.terminal_id == bindparam("terminal_id"),
                                 s.c.status == text(f"'{m.ShiftStatus.OPEN.value}'"))
    return Prepared(query, dialect, result_type=s.c.id.type)


def _open_shift_id_held(dialect: Dialect) -> Prepared:
    s = orm.shifts
    # The same one-row lookup, kept only when this user holds the shift (opened it, or took it over).
    query = select(s.c.id).where(s.c.terminal_id == bindparam("terminal_id"),
                                 s.c.status == text(f"'{m.ShiftStatus.OPEN.value}'"),
                                 func.coalesce(s.c.held_by, s.c.opened_by) == bindparam("user_id", type_=s.c.held_by.type))
    return Prepared(query, dialect, result_type=s.c.id.type)


def _next_receipt_no(dialect: Dialect) -> Prepared:
    c = orm.receipt_counters
    stmt = (_upsert(dialect)(c).values(terminal_id=bindparam("terminal_id"), last_no=text("1"))
            .on_conflict_do_update(index_elements=[c.c.terminal_id], set_={"last_no": c.c.last_no + text("1")})
            .returning(c.c.last_no))
    return Prepared(stmt, dialect, result_type=c.c.last_no.type)


def _new_order(dialect: Dialect) -> Prepared:
    stmt = _upsert(dialect)(orm.orders).on_conflict_do_nothing(index_elements=[orm.orders.c.order_no])
    return Prepared(stmt, dialect, _columns(orm.orders))


STATEMENTS = PreparedSet({
    "open_shift_id": _open_shift_id,
    "open_shift_id_held": _open_shift_id_held,
    "next_receipt_no": _next_receipt_no,
    "order": _new_order,
    "order_lines": _insert(orm.order_lines),
    "item_units": _insert(orm.item_units),
    "sales": _insert(orm.sales),
    "tenders": _insert(orm.tenders),
    "receipts": _insert(orm.receipts),
    "settlements": _insert(orm.settlements),
    "outbox": _insert(orm.outbox, skip=("seq",)),
})


# Each function takes the unit of work's connection, its transaction begun (SqlAlchemyUnitOfWork._direct).


def open_shift_id(conn: Connection | DriverConnection, terminal_id: str,
                  user_id: uuid.UUID | None = None) -> uuid.UUID | None:
    if user_id is None:
        return STATEMENTS(conn.dialect)["open_shift_id"].scalar(conn, {"terminal_id": terminal_id})
    return STATEMENTS(conn.dialect)["open_shift_id_held"].scalar(conn, {"terminal_id": terminal_id,
                                                                        "user_id": user_id})


def next_receipt_no(conn: Connection | DriverConnection, terminal_id: str) -> int:
    return STATEMENTS(conn.dialect)["next_receipt_no"].scalar(conn, {"terminal_id": terminal_id})


def add_new_order(conn: Connection | DriverConnection, order: m.NewOrder) -> bool:
    sql = STATEMENTS(conn.dialect)
    inserted = sql["order"].execute(conn, {
        "order_no": order.order_no, "merchant_id": order.merchant_id, "merchant_name": order.merchant_name,
        "currency": order.currency, "status": order.status, "expires_at": None, "platform_id": order.platform_id,
    })
    if inserted != 1:
        return False
    currency, order_no = order.currency, order.order_no
    sql["order_lines"].executemany(conn, [
        {"id": line.id, "order_no": order_no, "line_no": line.line_no, "sku": line.sku, "name": line.name,
         "unit_price_minor": line.unit_price_minor, "currency": currency, "quantity": line.quantity}
        for line in order.lines])
    sql["item_units"].executemany(conn, [
        {"item_code": code, "line_id": line.id, "refunded": False} for line in order.lines for code in line.item_codes])
    return True


def add_paid_sale(conn: Connection | DriverConnection, sale: m.PaidSale) -> None:
    sql = STATEMENTS(conn.dialect)
    currency, at, receipt_no = sale.total.currency, sale.paid_at, sale.receipt_no
    sql["sales"].execute(conn, {
        "id": sale.id, "terminal_id": sale.terminal_id, "shift_id": sale.shift_id, "cashier_id": sale.cashier_id,
        "order_no": sale.order_no, "merchant_id": sale.merchant_id, "total_minor": sale.total.minor,
        "currency": currency, "voucher_id": sale.voucher_id, "offline": sale.offline, "status": m.SaleStatus.PAID,
        "receipt_no": receipt_no, "created_at": at, "paid_at": at,
    })
    sql["tenders"].executemany(conn, [
        {"id": t.id, "sale_id": sale.id, "position": i, "kind": t.kind, "amount_minor": t.amount_minor,
         "tendered_minor": t.tendered_minor, "currency": t.currency, "reference": t.reference,
         "approval_code": t.approval_code, "card_last4": t.card_last4}
        for i, t in enumerate(sale.tenders)])
    sql["receipts"].execute(conn, {
        "id": sale.receipt_id, "terminal_id": sale.terminal_id, "receipt_no": receipt_no, "kind": m.ReceiptKind.SALE,
        "sale_id": sale.id, "created_at": at, "print_state": m.PrintState.PENDING, "copies_printed": 0,
    })
    sql["settlements"].execute(conn, {
        "id": sale.settlement_id, "sale_id": sale.id, "order_no": sale.order_no, "merchant_id": sale.merchant_id,
        "store_id": sale.store_id, "terminal_id": sale.terminal_id, "receipt_no": receipt_no,
        "amount_minor": sale.total.minor, "currency": currency, "tender_kinds": sale.tender_kinds,
        "tender_amounts": sale.tender_amounts, "voucher_id": sale.voucher_id, "offline": sale.offline, "paid_at": at,
        "platform_id": sale.platform_id,
    })
    sql["outbox"].execute(conn, {
        "id": sale.outbox_id, "topic": "settlement", "payload": sale.payload, "created_at": at, "attempts": 0,
        "next_attempt_at": None, "last_error": None, "sent_at": None, "dead_at": None, "outcome": None,
        "terminal_id": sale.terminal_id,
    })
