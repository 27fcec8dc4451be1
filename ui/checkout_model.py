"""The order's lines on the checkout screen, as a table model (GUI thread only).

Showing an order changes the rows row by row (rows removed or inserted for the difference in
count, dataChanged for the rest), never a model reset: a reset makes the view and its header
start over (sections, sizes, the scroll position), about a tenth of a millisecond on every scan.
The header's titles are translated once per language (`retranslate`), not on each of the dozen
headerData calls the view makes whenever it is shown.
"""

from __future__ import annotations

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt, Signal

from pos_terminal.money import Money

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_ALIGN = int(Qt.ItemDataRole.TextAlignmentRole)
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_HORIZONTAL = Qt.Orientation.Horizontal


def _titles() -> tuple[str, str, str, str]:
    return (QCoreApplication.translate("OrderLinesModel", "Item"),
            QCoreApplication.translate("OrderLinesModel", "Qty"),
            QCoreApplication.translate("OrderLinesModel", "Price"),
            QCoreApplication.translate("OrderLinesModel", "Amount"))


class OrderLinesModel(QAbstractTableModel):
    COLUMNS = ("item", "quantity", "price", "amount")
    order_changed = Signal()  # after set_order(): the rows now are the order's (the view may fit its columns)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._lines: tuple = ()
        self._currency = "CNY"
        self._titles = _titles()

    def set_order(self, order) -> None:
        """`order`: a services.sales.OrderSpec, or None to empty the table."""
        lines = tuple(order.lines) if order is not None else ()
        if order is not None:
            self._currency = order.currency
        old, new = len(self._lines), len(lines)
        root = QModelIndex()
        if new < old:
            self.beginRemoveRows(root, new, old - 1)
            self._lines = self._lines[:new]
            self.endRemoveRows()
        elif new > old:
            self.beginInsertRows(root, old, new - 1)
            self._lines = self._lines + lines[old:]
            self.endInsertRows()
        kept = min(old, new)
        self._lines = lines
        if kept:
            self.dataChanged.emit(self.index(0, 0), self.index(kept - 1, len(self.COLUMNS) - 1), [_DISPLAY])
        self.order_changed.emit()

    def retranslate(self) -> None:
        """The header's titles in the current language (on a language change)."""
        self._titles = _titles()
        self.headerDataChanged.emit(_HORIZONTAL, 0, len(self.COLUMNS) - 1)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._lines)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: QModelIndex, role: int = _DISPLAY):
        if not index.isValid():
            return None
        column = index.column()
        if role == _DISPLAY:
            line = self._lines[index.row()]
            if column == 0:
                return line.name
            if column == 1:
                return str(line.quantity)
            if column == 2:
                return Money(line.unit_price_minor, self._currency).format()
            return Money(line.unit_price_minor * line.quantity, self._currency).format()
        if role == _ALIGN and column != 0:
            return _RIGHT
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY):
        if role != _DISPLAY or orientation != _HORIZONTAL:
            return None
        return self._titles[section]
