"""Three sales on one terminal for the receipt history's tests (fakes and SQLite): receipt 1
(PO000000000101, 12.50, printed), 2 (PO000000000102, 30.00, printed), 3 (PO000000000103, 12.50,
the printer was out: pending), a day apart each."""

from __future__ import annotations

from pos_terminal.services.sales import LineSpec, OrderSpec
from tests.sale_helpers import sell_cash

ORDERS = (
    ("PO000000000101", 1250, ("IC0000000001010001",)),
    ("PO000000000102", 1500, ("IC0000000001020001", "IC0000000001020002")),
    ("PO000000000103", 1250, ("IC0000000001030001",)),
)


def order(order_no: str, unit_minor: int, codes: tuple[str, ...]) -> OrderSpec:
    return OrderSpec(order_no, "m1", "Good Shop", "CNY",
                     (LineSpec(1, "sku-1", "Green tea 绿茶", unit_minor, len(codes), codes),))


def sell_three(ctx_for, clock, printer) -> None:
    """`ctx_for(printer)`: the checkout context printing on it; the third sale's printer faults."""
    for i, (order_no, unit, codes) in enumerate(ORDERS):
        printer.fault = "out of paper" if i == 2 else None
        sell_cash(ctx_for(printer), order(order_no, unit, codes))
        clock.advance(days=1)
    printer.fault = None
