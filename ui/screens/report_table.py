"""The table of the Reports tab (ui.screens.reports.ReportsTab): a DayReport's figures as rows of
label, count and amount, section rows in bold on grey, long labels wrapped rather than cut; and the
two text helpers its rows are made with (an amount as money, a time in the store's zone).

The rows themselves (their labels, translated in the ReportsTab context) are made by
ReportsTab.report_rows; this widget only shows them.
"""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyle, QTableWidget, QTableWidgetItem, QWidget

from pos_terminal.money import Money
from ui.style import COLORS


def money_text(minor: int | None, currency: str, *, signed: bool = False) -> str:
    if minor is None:
        return ""
    text = Money(minor, currency).format()
    return f"+{text}" if signed and minor > 0 else text


def local_time(ts: datetime | None, zone: str, fmt: str = "%H:%M") -> str:
    return "" if ts is None else ts.astimezone(ZoneInfo(zone)).strftime(fmt)


class ReportTable(QTableWidget):
    """A DayReport as rows of figures: label, count, amount; section rows in bold on grey."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("ReportTable")
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setShowGrid(False)
        self.setAlternatingRowColors(False)
        self.setWordWrap(True)  # a long label wraps (its row grows: fit_labels) rather than being cut
        header = self.horizontalHeader()
        header.sectionResized.connect(lambda col, _old, _new: col == 0 and self.fit_labels())
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.verticalHeader().setDefaultSectionSize(26)
        self.rows: list[tuple[str, str, str]] = []  # what is shown, for tests and copies

    def set_headers(self, label: str, count: str, amount: str) -> None:
        self.setHorizontalHeaderLabels([label, count, amount])

    def set_rows(self, rows) -> None:
        """`rows`: (label, count, amount, style) with style "section", "total", "bad", "good" or ""."""
        self.clearSpans()
        self.setRowCount(0)
        self.rows = []
        bold = QFont(self.font())
        bold.setBold(True)
        for label, count, amount, style in rows:
            r = self.rowCount()
            self.insertRow(r)
            self.rows.append((label, count, amount))
            for c, text in enumerate((label, count, amount)):
                item = QTableWidgetItem(text)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                if style in ("section", "total"):
                    item.setFont(bold)
                if style == "section":
                    item.setBackground(QBrush(QColor("#e4e8ec")))
                if c == 2 and style in ("bad", "good", "warn"):
                    item.setForeground(QBrush(QColor(COLORS["error" if style == "bad" else
                                                           "ok" if style == "good" else "warn"])))
                    item.setFont(bold)
                self.setItem(r, c, item)
            if style == "section":
                self.setSpan(r, 0, 1, 3)
        self.fit_labels()

    def label_room(self) -> int:
        """The width a label has in the first column (less the cell's text margins)."""
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, self) + 1
        return self.columnWidth(0) - 2 * margin

    def label_height(self, row: int) -> int:
        """The height the row's label needs, wrapped at word boundaries in its column."""
        item = self.item(row, 0)
        if item is None:
            return 0
        metrics = QFontMetrics(item.font())
        flags = int(Qt.TextFlag.TextWordWrap) | int(Qt.AlignmentFlag.AlignLeft)
        return metrics.boundingRect(QRect(0, 0, max(1, self.label_room()), 10_000), flags, item.text()).height()

    def fit_labels(self) -> None:
        """No label is cut ("Settlements not…"): a label longer than its column wraps, and only
        its row grows. Each label is also its tooltip."""
        one = self.verticalHeader().defaultSectionSize()
        for r in range(self.rowCount()):
            item = self.item(r, 0)
            if item is None:
                continue
            item.setToolTip(item.text().strip())
            need = one if self.columnSpan(r, 0) > 1 else max(one, self.label_height(r) + 6)
            if self.rowHeight(r) != need:
                self.setRowHeight(r, need)

    def value(self, label: str) -> tuple[str, str] | None:
        """(count, amount) of the first row with this label."""
        return next(((c, a) for l, c, a in self.rows if l.strip() == label), None)
