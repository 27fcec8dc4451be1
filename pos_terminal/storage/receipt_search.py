"""The receipt history's query (ReceiptRepository.search): a terminal's sale receipts with their
sale's order, total, state and cashier, by number, order, item code, amount and time."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

from sqlalchemy import select
from sqlalchemy.orm import Session

from pos_terminal.domain import model as m
from pos_terminal.ports import ReceiptFound
from pos_terminal.storage.orm import item_units, order_lines, receipts, sales, users


def _plain(value: object) -> str:
    return value.value if isinstance(value, Enum) else str(value)


def search(session: Session, terminal_id: str, *, receipt_no: int | None = None, order_no: str | None = None,
           item_code: str | None = None, amount_minor: int | None = None, start: datetime | None = None,
           end: datetime | None = None, limit: int = 100) -> list[ReceiptFound]:
    query = (
        select(receipts.c.receipt_no, receipts.c.created_at, sales.c.order_no, sales.c.total_minor, sales.c.currency,
               sales.c.status, receipts.c.print_state, receipts.c.copies_printed, users.c.display_name)
        .select_from(receipts)
        .join(sales, sales.c.id == receipts.c.sale_id)
        .outerjoin(users, users.c.id == sales.c.cashier_id)
        .where(receipts.c.terminal_id == terminal_id, receipts.c.kind == m.ReceiptKind.SALE)
    )
    if receipt_no is not None:
        query = query.where(receipts.c.receipt_no == receipt_no)
    if order_no is not None:
        query = query.where(sales.c.order_no == order_no)
    if item_code is not None:
        orders_of_unit = (select(order_lines.c.order_no).join(item_units, item_units.c.line_id == order_lines.c.id)
                          .where(item_units.c.item_code == item_code))
        query = query.where(sales.c.order_no.in_(orders_of_unit))
    if amount_minor is not None:
        query = query.where(sales.c.total_minor == amount_minor)
    if start is not None:
        query = query.where(receipts.c.created_at >= start)
    if end is not None:
        query = query.where(receipts.c.created_at < end)
    rows = session.execute(query.order_by(receipts.c.receipt_no.desc()).limit(limit)).all()
    return [ReceiptFound(r.receipt_no, r.created_at, r.order_no, r.total_minor, r.currency, _plain(r.status),
                         _plain(r.print_state), r.copies_printed or 0, r.display_name or "") for r in rows]
