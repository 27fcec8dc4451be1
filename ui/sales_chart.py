"""A bar chart of a day's sales by local hour, each bar stacked by tender, painted with QPainter
(PySide6-Essentials has no QtCharts). Fed with DayReport.by_hour; GUI thread only."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from pos_terminal.money import Money

KINDS = ("cash", "prepaid_card", "bank_card")
KIND_COLORS = {"cash": "#2e7d32", "prepaid_card": "#ef8f00", "bank_card": "#1e6fb8"}
OTHER_COLOR = "#8a9199"
MIN_HOURS = 8  # the axis shows at least this many hours, around the sales


def _nice_step(top: int) -> int:
    """A round axis step (1, 2 or 5 times a power of ten) giving about four gridlines up to `top`."""
    raw = max(1, top // 4)
    power = 1
    while power * 10 <= raw:
        power *= 10
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return factor * power
    return 10 * power


class SalesChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SalesChart")
        self.setMinimumSize(260, 180)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.currency = "CNY"
        self.bars: dict[int, dict[str, int]] = {}  # hour -> tender kind -> amount (minor units)
        self.hours: list[int] = []

    def sizeHint(self) -> QSize:
        return QSize(360, 260)

    # -- data --------------------------------------------------------------------------------
    def set_hours(self, by_hour, currency: str = "CNY") -> None:
        """`by_hour`: HourTotal rows (hour, kind, count, amount_minor)."""
        self.currency = currency
        bars: dict[int, dict[str, int]] = {}
        for row in by_hour:
            if row.amount_minor:
                kinds = bars.setdefault(int(row.hour), {})
                kinds[row.kind] = kinds.get(row.kind, 0) + int(row.amount_minor)
        self.bars = bars
        self.hours = self._axis_hours(bars)
        self.update()

    def clear(self) -> None:
        self.set_hours(())

    @staticmethod
    def _axis_hours(bars: dict[int, dict[str, int]]) -> list[int]:
        if not bars:
            return []
        first, last = min(bars), max(bars)
        while last - first + 1 < MIN_HOURS:
            if first > 0 and (last >= 23 or (last - first) % 2):
                first -= 1
            elif last < 23:
                last += 1
            else:
                break
        return list(range(first, last + 1))

    def total(self, hour: int) -> int:
        return sum(self.bars.get(hour, {}).values())

    def kind_names(self) -> dict[str, str]:
        return {"cash": self.tr("Cash"), "prepaid_card": self.tr("Prepaid card"), "bank_card": self.tr("Bank card")}

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.update()
        super().changeEvent(event)

    # -- painting ------------------------------------------------------------------------------
    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("#ffffff"))
        font = painter.font()
        font.setPixelSize(13)
        painter.setFont(font)
        metrics = QFontMetrics(font)
        line = metrics.height()
        width, height = self.width(), self.height()

        # the legend along the top
        names = self.kind_names()
        kinds = [k for k in KINDS] + sorted({k for b in self.bars.values() for k in b} - set(KINDS))
        x = 8
        for kind in kinds:
            painter.fillRect(QRectF(x, 6 + (line - 10) / 2, 10, 10), QColor(KIND_COLORS.get(kind, OTHER_COLOR)))
            painter.setPen(QColor("#1f2933"))
            text = names.get(kind, kind)
            painter.drawText(QRectF(x + 14, 6, metrics.horizontalAdvance(text) + 2, line), Qt.AlignmentFlag.AlignLeft, text)
            x += 14 + metrics.horizontalAdvance(text) + 14

        if not self.hours:
            painter.setPen(QColor("#52606d"))
            painter.drawText(QRectF(0, 0, width, height), Qt.AlignmentFlag.AlignCenter, self.tr("No sales in this period"))
            painter.end()
            return

        top_value = max(self.total(h) for h in self.hours) or 1
        step = _nice_step(top_value)
        top_axis = ((top_value + step - 1) // step) * step
        labels = [Money(v, self.currency).format().replace(".00", "") for v in range(0, top_axis + 1, step)]
        left = max(metrics.horizontalAdvance(t) for t in labels) + 12
        plot = QRectF(left, 6 + line + 10, width - left - 8, height - (6 + line + 10) - line - 8)

        # gridlines and amounts
        for i, text in enumerate(labels):
            y = plot.bottom() - plot.height() * (i * step) / top_axis
            painter.setPen(QPen(QColor("#e4e8ec"), 1))
            painter.drawLine(int(plot.left()), int(y), int(plot.right()), int(y))
            painter.setPen(QColor("#52606d"))
            painter.drawText(QRectF(0, y - line / 2, left - 6, line), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, text)

        # bars, stacked by tender
        slot = plot.width() / len(self.hours)
        bar = max(4.0, slot * 0.62)
        label_every = 1 if metrics.horizontalAdvance("00") + 4 <= slot else (2 if metrics.horizontalAdvance("00") + 4 <= 2 * slot else 3)
        for i, hour in enumerate(self.hours):
            x0 = plot.left() + i * slot + (slot - bar) / 2
            y = plot.bottom()
            for kind in kinds:
                amount = self.bars.get(hour, {}).get(kind, 0)
                if not amount:
                    continue
                h = plot.height() * amount / top_axis
                painter.fillRect(QRectF(x0, y - h, bar, h), QColor(KIND_COLORS.get(kind, OTHER_COLOR)))
                y -= h
            if i % label_every == 0:
                painter.setPen(QColor("#52606d"))
                painter.drawText(QRectF(plot.left() + i * slot - slot, plot.bottom() + 4, 3 * slot, line),
                                 Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, f"{hour:02d}")
        painter.setPen(QPen(QColor("#8a9199"), 1))
        painter.drawLine(int(plot.left()), int(plot.bottom()), int(plot.right()), int(plot.bottom()))
        painter.end()
