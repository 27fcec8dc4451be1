"""The reads of a scan, prepared once per engine: "has this terminal paid the order?" and the
terminal's open bank-card requests, as plain rows; and a sale's "has the Z closed this day?".

A scanned payment code is refused when this terminal has paid its order, and the order's session
adopts a card charge left open for it (checkout.adopt_card_requests). Through the ORM those two
reads cost a Session transaction (BEGIN IMMEDIATE on SQLite, the write lock for two SELECTs),
two compiled queries and a loaded object each: two to three milliseconds of Python on this
hardware, most of the time between a scan and its order on screen. Here each is one prepared
SELECT (prepared.py) on the unit of work's connection, answered by an index
(uq_sales_one_paid_per_order, ix_card_requests_terminal_state), with no transaction begun for
them: a read alone needs no write lock, and a unit of work that writes after them still begins
its own (SqlAlchemyUnitOfWork._read).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection, bindparam, or_, select, text
from sqlalchemy.engine import Dialect

from pos_terminal.domain import model as m
from pos_terminal.ports.repositories import OpenCardRow, PaidHere
from pos_terminal.storage import orm
from pos_terminal.storage.prepared import DriverConnection, Prepared, PreparedSet


def _paid_receipt(dialect: Dialect) -> Prepared:
    s = orm.sales
    # the partial unique index uq_sales_one_paid_per_order answers it (its condition, literally)
    query = select(s.c.receipt_no).where(s.c.order_no == bindparam("order_no"),
                                         s.c.status == text(f"'{m.SaleStatus.PAID.value}'"))
    return Prepared(query, dialect, result_types=(s.c.receipt_no.type,))


def _open_card_rows(dialect: Dialect) -> Prepared:
    c = orm.card_requests
    query = (select(c.c.request_id, c.c.order_no, c.c.amount_minor, c.c.currency, c.c.state, c.c.card_reference,
                    c.c.approval_code, c.c.card_last4)
             .where(c.c.terminal_id == bindparam("terminal_id"),
                    or_(*(c.c.state == text(f"'{state.value}'") for state in m.CardRequest.OPEN)),
                    c.c.kind == text(f"'{m.CardRequestKind.BANK_CARD.value}'"))
             .order_by(c.c.created_at, c.c.request_id))
    return Prepared(query, dialect, result_types=[col.type for col in query.selected_columns])


def _z_closed_at(dialect: Dialect) -> Prepared:
    b = orm.business_days
    query = select(b.c.closed_at).where(b.c.terminal_id == bindparam("terminal_id", type_=b.c.terminal_id.type),
                                        b.c.business_date == bindparam("business_date", type_=b.c.business_date.type))
    return Prepared(query, dialect, result_types=(b.c.closed_at.type,))


STATEMENTS = PreparedSet({
    "paid_receipt": _paid_receipt,
    "open_card_rows": _open_card_rows,
    "z_closed_at": _z_closed_at,
})


def paid_receipt(conn: Connection | DriverConnection, order_no: str) -> PaidHere | None:
    """The paid sale of `order_no` in this database as its receipt number, None when unpaid."""
    rows = STATEMENTS(conn.dialect)["paid_receipt"].rows(conn, {"order_no": order_no})
    return PaidHere(rows[0][0]) if rows else None


def open_card_rows(conn: Connection | DriverConnection, terminal_id: str) -> list[OpenCardRow]:
    """The terminal's SENT and APPROVED bank-card requests, oldest first."""
    rows = STATEMENTS(conn.dialect)["open_card_rows"].rows(conn, {"terminal_id": terminal_id})
    return [OpenCardRow(*row) for row in rows]


def z_closed_at(conn: Connection | DriverConnection, terminal_id: str, business_date: date) -> datetime | None:
    """When the terminal's Z closed `business_date` (the unique (terminal_id, business_date)
    answers it), None while the day is open: a sale's business date (services.counter_money)."""
    rows = STATEMENTS(conn.dialect)["z_closed_at"].rows(conn, {"terminal_id": terminal_id,
                                                               "business_date": business_date})
    return rows[0][0] if rows else None
