"""A form built from a settings section (a pydantic model of config/schema.py): a choice list for
each Literal, a spin box within the field's bounds for each number, a check box for each flag, a
text field (with suggestions where the caller has some) for each string. The schema stays the one
place that says what is allowed; the form cannot offer a value the loader would refuse."""

from __future__ import annotations

import typing

import annotated_types
from PySide6.QtCore import QEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ui.texts import choice_text


def _bounds(field, default_low: float, default_high: float) -> tuple[float, float]:
    low, high = default_low, default_high
    for meta in field.metadata:
        if isinstance(meta, annotated_types.Ge):
            low = meta.ge
        elif isinstance(meta, annotated_types.Gt):
            low = meta.gt
        elif isinstance(meta, annotated_types.Le):
            high = meta.le
        elif isinstance(meta, annotated_types.Lt):
            high = meta.lt
    return low, high


COMPACT_STYLE = """
QComboBox, QSpinBox, QDoubleSpinBox { font-size: 16px; min-height: 30px; }
QComboBox QAbstractItemView { font-size: 16px; }
QLineEdit { font-size: 16px; min-height: 24px; padding: 2px 6px; }
#FieldLabel { font-size: 14px; }
"""


class SettingsForm(QWidget):
    """`columns`: fields side by side, each label above its field (a wide tab holds a whole section
    without scrolling at 1024x768); show_only() hides the fields that do not apply."""

    def __init__(self, model: type, fields: tuple[str, ...] | None = None, parent: QWidget | None = None,
                 *, columns: int = 1) -> None:
        super().__init__(parent)
        self.setObjectName("SettingsForm")
        self.setStyleSheet(COMPACT_STYLE)  # form-sized fields: a section fits the page, not a touch keypad
        self.model = model
        self.fields = fields or tuple(model.model_fields)
        self.columns = max(1, columns)
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        self.cells: dict[str, QWidget] = {}
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setHorizontalSpacing(14)
        self._grid.setVerticalSpacing(6)
        for name in self.fields:
            cell = QWidget(self)
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            editor = self._editor(model.model_fields[name])
            editor.setParent(cell)
            editor.setObjectName(f"field_{name}")
            label = QLabel(name, cell)
            label.setObjectName("FieldLabel")
            label.setWordWrap(True)
            label.setBuddy(editor)
            box.addWidget(label)
            box.addWidget(editor)
            self.editors[name] = editor
            self.labels[name] = label
            self.cells[name] = cell
        self._shown = list(self.fields)
        self._place()
        self._name_choices()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._name_choices()
        super().changeEvent(event)

    def _name_choices(self) -> None:
        """A fixed choice shows its name in the current language (ui.texts.choice_text); the
        value the settings get is the item's data."""
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox) and not editor.isEditable():
                for i in range(editor.count()):
                    editor.setItemText(i, choice_text(name, editor.itemData(i)))

    def _editor(self, field) -> QWidget:
        annotation = field.annotation
        if typing.get_origin(annotation) is typing.Literal:
            combo = QComboBox(self)
            for value in typing.get_args(annotation):
                combo.addItem(str(value), value)
            return combo
        if annotation is bool:
            return QCheckBox(self)
        if annotation is int:
            spin = QSpinBox(self)
            low, high = _bounds(field, -(2**31), 2**31 - 1)
            spin.setRange(int(low), int(high))
            return spin
        if annotation is float:
            spin = QDoubleSpinBox(self)
            low, high = _bounds(field, -1e9, 1e9)
            spin.setRange(float(low), float(high))
            spin.setDecimals(2)
            return spin
        combo = QComboBox(self)  # a string: free text, with suggestions the caller may add
        combo.setEditable(True)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)  # Enter accepts the text, it adds no item
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

    def _place(self) -> None:
        for cell in self.cells.values():
            self._grid.removeWidget(cell)
        for name, cell in self.cells.items():
            cell.setVisible(name in self._shown)
        for i, name in enumerate(self._shown):
            self._grid.addWidget(self.cells[name], i // self.columns, i % self.columns)
        for column in range(self.columns):
            self._grid.setColumnStretch(column, 1)
        self._grid.setRowStretch(self._grid.rowCount(), 1)

    def show_only(self, names: tuple[str, ...] | list[str]) -> None:
        """Shows these fields (in the form's order) and hides the others; their values stay."""
        shown = [name for name in self.fields if name in names]
        if shown != self._shown:
            self._shown = shown
            self._place()

    def shown(self) -> list[str]:
        return list(self._shown)

    def editor_chain(self) -> list[QWidget]:
        """The shown editors in reading order (for the tab order)."""
        return [self.editors[name] for name in self._shown]

    def set_label(self, name: str, text: str) -> None:
        if name in self.labels:
            self.labels[name].setText(text)

    def set_suggestions(self, name: str, suggestions: list[tuple[str, str]]) -> None:
        """(value, description) pairs offered in a text field's list; the typed text is kept."""
        combo = self.editors[name]
        if not isinstance(combo, QComboBox) or not combo.isEditable():
            return
        current = combo.currentText()
        combo.clear()
        for value, description in suggestions:
            combo.addItem(f"{value}  —  {description}" if description else value, value)
        combo.setEditText(current)

    def load(self, section) -> None:
        for name, editor in self.editors.items():
            value = getattr(section, name)
            if isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                editor.setValue(value)
            elif isinstance(editor, QComboBox) and editor.isEditable():
                editor.setEditText(str(value))
            elif isinstance(editor, QComboBox):
                index = editor.findData(value)
                editor.setCurrentIndex(max(0, index))

    def values(self) -> dict:
        out: dict = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                out[name] = editor.isChecked()
            elif isinstance(editor, (QSpinBox, QDoubleSpinBox)):
                out[name] = editor.value()
            elif isinstance(editor, QComboBox) and editor.isEditable():
                text = editor.currentText()
                index = editor.findText(text)
                out[name] = editor.itemData(index) if index >= 0 and editor.itemData(index) is not None else text.strip()
            elif isinstance(editor, QComboBox):
                out[name] = editor.currentData()
            elif isinstance(editor, QLineEdit):
                out[name] = editor.text()
        return out
