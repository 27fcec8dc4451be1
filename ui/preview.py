"""The camera preview and the live scan log of the devices screen.

Threading rule: `PreviewFeed.__call__` runs on the camera's thread (it is the camera's frame
listener). It builds a small QImage with the detected codes outlined (QImage and QPainter on an
image are safe off the GUI thread) and hands it to the Bridge; it never touches a widget. After
`stop()` it drops frames, so a closed page receives nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPen, QPolygonF

from ui.texts import scan_source_text, symbology_name

PREVIEW_WIDTH = 400


@dataclass(frozen=True)
class PreviewFrame:
    image: QImage
    fps: float
    codes: tuple[str, ...]


class PreviewFeed:
    def __init__(self, post) -> None:
        self._post = post
        self.active = True

    def stop(self) -> None:
        self.active = False

    def __call__(self, frame, decoded, fps) -> None:
        if not self.active or frame is None or getattr(frame, "ndim", 0) not in (2, 3):
            return
        height, width = frame.shape[:2]
        if frame.ndim == 2:
            image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_Grayscale8)
        else:
            image = QImage(frame.data, width, height, frame.strides[0], QImage.Format.Format_BGR888)
        image = image.convertToFormat(QImage.Format.Format_RGB888)  # a copy: the frame buffer is reused
        painter = QPainter(image)
        painter.setPen(QPen(QColor("#20c040"), max(2, width // 200)))
        for code in decoded or ():
            points = getattr(code, "polygon", None) or ()
            if len(points) >= 3:
                painter.drawPolygon(QPolygonF([QPointF(float(x), float(y)) for x, y in points]))
        painter.end()
        scaled = image.scaledToWidth(PREVIEW_WIDTH, Qt.TransformationMode.SmoothTransformation)
        self._post(PreviewFrame(scaled, float(fps or 0.0), tuple(getattr(c, "text", "") for c in decoded or ())))


class ScanLogModel(QAbstractTableModel):
    """The newest scans first, at most `limit` of them."""

    COLUMNS = ("time", "symbology", "text", "latency")  # the source is in each row's tooltip

    def __init__(self, timezone: str, limit: int = 200, parent=None) -> None:
        super().__init__(parent)
        self._zone = ZoneInfo(timezone)
        self._limit = limit
        self._rows: list = []
        self._headers = list(self.COLUMNS)

    def set_headers(self, headers: list[str]) -> None:
        self._headers = headers
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(headers) - 1)

    def add(self, event) -> None:
        self.beginInsertRows(QModelIndex(), 0, 0)
        self._rows.insert(0, event)
        self.endInsertRows()
        if len(self._rows) > self._limit:
            self.beginRemoveRows(QModelIndex(), self._limit, len(self._rows) - 1)
            del self._rows[self._limit :]
            self.endRemoveRows()

    def clear(self) -> None:
        self.beginResetModel()
        self._rows.clear()
        self.endResetModel()

    def event_at(self, row: int):
        return self._rows[row]

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        event = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{scan_source_text(event.source)}\n{event.text}"
        if column == "time":
            return event.ts.astimezone(self._zone).strftime("%H:%M:%S")
        if column == "symbology":
            return symbology_name(event.symbology)
        if column == "text":
            return event.text if len(event.text) <= 200 else event.text[:200] + "…"
        if column == "latency":
            if event.latency_ms is None:
                return ""
            return f"{event.latency_ms:.1f} ms" if event.latency_ms < 100 else f"{event.latency_ms:.0f} ms"
        return None
