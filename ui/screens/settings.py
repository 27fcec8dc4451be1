"""Settings: the personal language choice (applied at once, remembered in the preferences file)
and where this terminal keeps its files (read-only)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QComboBox, QFormLayout, QFrame, QLabel, QWidget

from config.schema import Language
from pos_terminal.app.facades import App
from ui.i18n import LanguageManager, save_preference
from ui.screens.base import Page
from ui.tasks import run_in_background

log = logging.getLogger(__name__)

_CHOICES = (Language.AUTO, Language.ZH_CN, Language.EN)


class SettingsPage(Page):
    key = "settings"

    def __init__(self, app: App, languages: LanguageManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        where = app.settings
        self._languages = languages
        self.language_combo = QComboBox(self)
        self.language_combo.setObjectName("language")
        for choice in _CHOICES:
            self.language_combo.addItem("", choice.value)
        self.language_combo.setCurrentIndex(_CHOICES.index(languages.choice))
        self.language_combo.activated.connect(self._language_chosen)
        self.language_combo.setMinimumWidth(300)
        self.language_combo.setMaximumWidth(420)

        self._labels = [QLabel(self) for _ in range(4)]
        for label in self._labels:
            label.setObjectName("FieldLabel")
        self.settings_file = self._value(str(where.settings_file) if where.settings_file else None)
        self.data_folder = self._value(str(where.data_folder))
        self.log_file = self._value(str(where.log_file) if where.log_file else None)

        card = QFrame(self)
        card.setObjectName("Card")
        form = QFormLayout(card)
        form.setContentsMargins(24, 20, 24, 20)
        form.setHorizontalSpacing(24)
        form.setVerticalSpacing(16)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self._labels[0], self.language_combo)
        form.addRow(self._labels[1], self.settings_file)
        form.addRow(self._labels[2], self.data_folder)
        form.addRow(self._labels[3], self.log_file)
        self.content.addWidget(card)
        self.content.addStretch(1)
        self.retranslate_ui()

    def showEvent(self, event: QShowEvent) -> None:
        """The files may have changed since the page was built (the devices screen saves a
        settings file where there was none): shown again, the page says what is true now."""
        self.refresh_files()
        super().showEvent(event)

    def refresh_files(self) -> None:
        """Reads where the files are now (settings reads: no I/O) and shows it."""
        where = self._app.settings
        self.settings_file.setProperty("raw", str(where.settings_file) if where.settings_file else None)
        self.data_folder.setProperty("raw", str(where.data_folder))
        self.log_file.setProperty("raw", str(where.log_file) if where.log_file else None)
        self._show_files()

    def _value(self, text: str | None) -> QLabel:
        label = QLabel(self)
        label.setObjectName("ReadOnlyValue")
        label.setProperty("raw", text)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        return label

    def title(self) -> str:
        return self.tr("Settings")

    def lead(self) -> str:
        return self.tr("Your language, and where this terminal keeps its settings, data and log.")

    def _language_chosen(self, index: int) -> None:
        choice = Language(self.language_combo.itemData(index))
        self._languages.apply(choice)
        path = self._app.settings.preferences
        run_in_background(
            lambda: save_preference(path, choice),
            on_error=lambda exc: log.error("could not save the language choice", exc_info=exc),
        )

    def retranslate_content(self) -> None:
        self._labels[0].setText(self.tr("Language"))
        self._labels[1].setText(self.tr("Settings file"))
        self._labels[2].setText(self.tr("Data folder"))
        self._labels[3].setText(self.tr("Log file"))
        names = {Language.AUTO: self.tr("Automatic (system language)"), Language.ZH_CN: "简体中文", Language.EN: "English"}
        for i, choice in enumerate(_CHOICES):
            self.language_combo.setItemText(i, names[choice])
        if self.isVisible():
            self.refresh_files()  # a language change on this page: the files as they are now
        else:
            self._show_files()

    def _show_files(self) -> None:
        self.settings_file.setText(self.settings_file.property("raw") or self.tr("none: embedded defaults"))
        self.data_folder.setText(self.data_folder.property("raw"))
        self.log_file.setText(self.log_file.property("raw") or self.tr("none: logging to the console"))
