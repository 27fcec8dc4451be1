"""A form built from a settings section (a pydantic model of config/schema.py): a choice list for
each Literal, a spin box within the field's bounds for each number, a check box for each flag, a
text field (with suggestions where the caller has some) for each string. The schema stays the one
place that says what is allowed; the form cannot offer a value the loader would refuse."""

from __future__ import annotations

import typing

import annotated_types
from PySide6.QtWidgets import QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QLineEdit, QSpinBox, QWidget


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


class SettingsForm(QWidget):
    def __init__(self, model: type, fields: tuple[str, ...] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = model
        self.fields = fields or tuple(model.model_fields)
        self.editors: dict[str, QWidget] = {}
        self.labels: dict[str, QLabel] = {}
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(16)
        layout.setVerticalSpacing(4)
        layout.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapAllRows)  # label above its field: fits a narrow column
        for name in self.fields:
            editor = self._editor(model.model_fields[name])
            editor.setObjectName(f"field_{name}")
            label = QLabel(name, self)
            label.setObjectName("FieldLabel")
            label.setWordWrap(True)
            self.editors[name] = editor
            self.labels[name] = label
            layout.addRow(label, editor)

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
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(8)
        return combo

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
