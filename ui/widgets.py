"""Small widgets shared by the screens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTableWidget,
    QWidget,
)

from ui.style import COLORS


def dialog_buttons(dialog: QWidget, *, enter_accepts: bool = True) -> tuple[QPushButton, QPushButton, QHBoxLayout]:
    """A dialog's (OK, Cancel, row): OK styled primary, both right-aligned, Cancel first. With
    `enter_accepts` False, Enter never presses a button (dialogs whose fields use Enter to move on)."""
    ok, cancel = QPushButton(dialog), QPushButton(dialog)
    ok.setObjectName("Primary")
    if enter_accepts:
        ok.setDefault(True)
    else:
        ok.setAutoDefault(False)
        cancel.setAutoDefault(False)
    row = QHBoxLayout()
    row.addStretch(1)
    row.addWidget(cancel)
    row.addWidget(ok)
    return ok, cancel, row


class StatusItem(QWidget):
    """A colored dot and a short text; the tooltip carries the detail."""

    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"status_{key}")
        self.tone = "idle"
        self._dot = QLabel(self)
        self._dot.setFixedSize(12, 12)
        self._text = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.setSpacing(6)
        layout.addWidget(self._dot, 0, Qt.AlignmentFlag.AlignVCenter)
        layout.addWidget(self._text)
        self._paint_dot()

    def set_state(self, tone: str, text: str, detail: str = "") -> None:
        self.tone = tone
        self._text.setText(text)
        self.setToolTip(detail or text)
        self._paint_dot()

    def text(self) -> str:
        return self._text.text()

    def _paint_dot(self) -> None:
        self._dot.setStyleSheet(f"background: {COLORS[self.tone]}; border-radius: 6px;")


class MessageLabel(QLabel):
    """A word-wrapped message line with a tone ("error" or "info"); hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Message")
        self.setWordWrap(True)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.hide()

    def show_message(self, text: str, tone: str = "error") -> None:
        self.setProperty("tone", tone)
        self.style().unpolish(self)
        self.style().polish(self)
        self.setText(text)
        self.setVisible(bool(text))

    def clear_message(self) -> None:
        self.setText("")
        self.hide()


def row_table(parent: QWidget, columns: int, name: str, stretch: int) -> QTableWidget:
    """A read-only table of whole rows, one selected at a time, rows 28 px, columns sized to their
    contents but `stretch`, which takes the rest; Tab leaves the table (arrows move in it)."""
    table = QTableWidget(0, columns, parent)
    table.setObjectName(name)
    table.verticalHeader().hide()
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setTabKeyNavigation(False)
    table.verticalHeader().setDefaultSectionSize(28)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    return table
