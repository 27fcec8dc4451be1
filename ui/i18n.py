"""Languages: which one applies, loading its .qm, switching at run time, remembering the choice.

The effective language is the preferences file's choice if there is one, else the settings'
`ui.language`; "auto" follows the system locale (any Chinese locale: Simplified Chinese, anything
else: English). Switching installs a new QTranslator; Qt then sends every widget a LanguageChange
event and each widget re-reads its texts in `retranslate_ui()`.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from config.loader import read_text_file
from config.schema import Language

log = logging.getLogger(__name__)

TRANSLATIONS_DIR = Path(__file__).resolve().parent / "translations"
CATALOG = "pos_terminal"
# Another folder of .qm files (a catalogue compiled elsewhere, to try before committing it).
TRANSLATIONS_ENV = "POS_TERMINAL_TRANSLATIONS"


def translations_dir() -> Path:
    return Path(os.environ.get(TRANSLATIONS_ENV) or TRANSLATIONS_DIR)


def effective_language(choice: Language, system: QLocale | None = None) -> str:
    """"zh_CN" or "en" for a choice; `system` defaults to QLocale.system()."""
    if choice is Language.AUTO:
        locale = system if system is not None else QLocale.system()
        return "zh_CN" if locale.language() == QLocale.Language.Chinese else "en"
    return choice.value


def load_preference(path: Path) -> Language | None:
    """The language stored in the preferences file, or None (missing file, or a content that is
    not a language choice: ignored with a warning). Something that is not a small regular file (a
    FIFO would block the start forever, a link loop, a folder, a device) raises SettingsError
    naming the file: `pos-terminal` exits 2 with it."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        pass  # read_text_file names it
    text, _ = read_text_file(path, missing="is a link to a file that does not exist; remove the link",
                             max_bytes=64 * 1024)
    try:
        data = json.loads(text)
        return Language(data["language"])
    except (ValueError, KeyError, TypeError, RecursionError):
        log.warning("ignoring unreadable preferences file", extra={"path": str(path)})
        return None


def initial_choice(preferences: Path, configured: Language) -> Language:
    """The preferences file wins over the settings file (the choice is personal to the counter)."""
    stored = load_preference(preferences)
    return stored if stored is not None else configured


def save_preference(path: Path, language: Language) -> None:
    """Writes the choice atomically (tmp file + os.replace), keeping other keys. Blocking file
    I/O: call from a worker."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            data = {}
    except (OSError, ValueError):
        data = {}
    data["language"] = language.value
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)


class LanguageManager:
    """Owns the installed translators. GUI thread only."""

    def __init__(self, app: QCoreApplication, choice: Language) -> None:
        self._app = app
        self._translators: list[QTranslator] = []
        self.choice = choice
        self.language = ""

    def uninstall(self) -> None:
        for translator in self._translators:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._translators = []

    def apply(self, choice: Language) -> str:
        """Installs the translations of `choice` and returns the language code applied."""
        self.choice = choice
        language = effective_language(choice)
        self.uninstall()
        ours = QTranslator(self._app)
        directory = translations_dir()
        if ours.load(f"{CATALOG}_{language}", str(directory)):
            self._translators.append(ours)
        else:
            log.error("translation file missing", extra={"language": language, "dir": str(directory)})
        qt = QTranslator(self._app)
        if language != "en" and qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            self._translators.append(qt)
        else:
            qt.deleteLater()
        for translator in self._translators:
            self._app.installTranslator(translator)
        self.language = language
        QLocale.setDefault(QLocale("zh_CN" if language == "zh_CN" else "en_US"))
        return language

