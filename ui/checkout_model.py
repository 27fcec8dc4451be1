"""The order's lines on the checkout screen, as a table model (GUI thread only)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from pos_terminal.money import Money


class OrderLinesModel(QAbstractTableModel):
    COLUMNS = ("item", "quantity", "price", "amount")

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: tuple = ()
        self._currency = "CNY"

    def set_order(self, order) -> None:
        """`order`: a services.sales.OrderSpec, or None to empty the table."""
        self.beginResetModel()
        self._lines = tuple(order.lines) if order is not None else ()
        self._currency = order.currency if order is not None else "CNY"
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        line = self._lines[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            if column == "item":
                return line.name
            if column == "quantity":
                return str(line.quantity)
            if column == "price":
                return Money(line.unit_price_minor, self._currency).format()
            return Money(line.unit_price_minor * line.quantity, self._currency).format()
        if role == Qt.ItemDataRole.TextAlignmentRole and column != "item":
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            "item": QCoreApplication.translate("OrderLinesModel", "Item"),
            "quantity": QCoreApplication.translate("OrderLinesModel", "Qty"),
            "price": QCoreApplication.translate("OrderLinesModel", "Price"),
            "amount": QCoreApplication.translate("OrderLinesModel", "Amount"),
        }[self.COLUMNS[section]]
