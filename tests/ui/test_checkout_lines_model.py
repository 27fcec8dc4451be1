"""The checkout's order lines model (ui/checkout_model.py): showing one order after another
changes the rows row by row (inserted, removed, changed) and never resets the model, the view
keeps every row's figures right, and Qt's model checker finds nothing wrong meanwhile."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QAbstractItemModelTester

from pos_terminal.services.sales import LineSpec, OrderSpec
from ui.checkout_model import OrderLinesModel


def _order(no: str, *lines: tuple[str, int, int], currency: str = "CNY") -> OrderSpec:
    return OrderSpec(no, "m-tea", "好物商城", currency, tuple(LineSpec(i + 1, f"SKU-{i}", name, price, qty, ())
                                                           for i, (name, price, qty) in enumerate(lines)))


def _rows(model: OrderLinesModel) -> list[list[str]]:
    return [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_orders_shown_one_after_another_change_rows_without_a_reset(qtbot, qtlog):
    model = OrderLinesModel()
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Warning)
    resets, changed, inserted, removed, orders = [], [], [], [], []
    model.modelReset.connect(lambda: resets.append(1))
    model.dataChanged.connect(lambda first, last, roles: changed.append((first.row(), last.row())))
    model.rowsInserted.connect(lambda parent, first, last: inserted.append((first, last)))
    model.rowsRemoved.connect(lambda parent, first, last: removed.append((first, last)))
    model.order_changed.connect(lambda: orders.append(model.rowCount()))

    model.set_order(_order("PO1", ("乌龙茶 500ml", 1250, 2), ("饼干", 880, 1)))
    assert _rows(model) == [["乌龙茶 500ml", "2", "¥12.50", "¥25.00"], ["饼干", "1", "¥8.80", "¥8.80"]]
    model.set_order(_order("PO2", ("绿茶", 300, 3)))  # fewer rows: one removed, the first changed
    assert _rows(model) == [["绿茶", "3", "¥3.00", "¥9.00"]]
    model.set_order(_order("PO3", ("A", 100, 1), ("B", 200, 1), ("C", 300, 2)))  # more rows
    assert _rows(model) == [["A", "1", "¥1.00", "¥1.00"], ["B", "1", "¥2.00", "¥2.00"],
                            ["C", "2", "¥3.00", "¥6.00"]]
    model.set_order(None)  # the next sale: empty
    assert model.rowCount() == 0

    assert resets == []
    assert inserted == [(0, 1), (1, 2)] and removed == [(1, 1), (0, 2)]
    assert changed == [(0, 0), (0, 0)]
    assert orders == [2, 1, 3, 0]
    assert model.index(0, 0, QModelIndex()).isValid() is False
    assert [r.message for r in qtlog.records if "QAbstractItemModelTester" in r.message or "FAIL" in r.message] == []


def test_the_header_titles_follow_the_language(qtbot):
    model = OrderLinesModel()
    titles = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(4)]
    assert titles == ["Item", "Qty", "Price", "Amount"]
    assert model.headerData(0, Qt.Orientation.Vertical) is None
    seen = []
    model.headerDataChanged.connect(lambda orientation, first, last: seen.append((orientation, first, last)))
    model.retranslate()
    assert seen == [(Qt.Orientation.Horizontal, 0, 3)]
