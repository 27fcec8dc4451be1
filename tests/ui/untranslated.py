"""Finds English words a user sees in the Chinese window.

`visible_texts(root)` walks the widgets a user can see (labels, buttons, check boxes, group-box
titles, tab texts, table headers and cells, combo-box items, placeholders, tool tips, window
titles) and `english_words(text)` picks out the Latin words that are neither a code, a number, a
unit, a path nor a known technical or brand name: what is left was not translated.

As a script it starts the demo terminal in Chinese, visits every page each demo user may open and
prints what it found (exit status 1 when something was found):

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.ui.untranslated [--lang-dir DIR]

`--lang-dir` (or POS_TERMINAL_TRANSLATIONS) loads the .qm files from another folder, for trying a
catalogue compiled elsewhere before `make translations`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressBar,
    QTabBar,
    QTextEdit,
    QWidget,
)
from ui.texts import SYMBOLOGY_NAMES

# --- what counts as an untranslated word -------------------------------------------------------

# Whole stretches that are not words: web addresses, e-mail addresses, host:port, file paths
# (absolute, home-relative or Windows), file names with an extension, setting keys (a.b.c).
_NOT_WORDS = re.compile(
    r"""
      `[^`]+`                                        # a command or a setting in backticks
    | \b(?:Ctrl|Alt|Shift)\+[\w+]+                   # a key combination: Ctrl+Shift+F9
    | [a-z][a-z0-9+.-]*://\S+                        # URL
    | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                   # e-mail address
    | (?<![\w/])~?/[\w.@%+=:~-]+(?:/[\w.@%+=:~-]*)*  # POSIX path  (/dev/ttyUSB0, ~/x)
    | \b[A-Za-z]:\\[^\s]*                            # Windows path (C:\...)
    | \b[\w-]+(?:\.[\w-]+)*\.(?:toml|json|ya?ml|ini|log|db|sqlite3?|qm|ts|png|jpe?g|pdf|txt|csv|py)\b
    | \b[a-z]\w+(?:\.[a-z]\w*)+\b                    # dotted keys and host names: ui.language
    """,
    re.VERBOSE,
)
# A run of ASCII letters, digits and underscores (so "500ml", "COM1" and "card_terminal" are one
# word each) that has at least one letter.
_WORD = re.compile(r"(?<![A-Za-z0-9_])(?=[A-Za-z0-9_]*[A-Za-z])[A-Za-z0-9_]+(?:['’][A-Za-z]+)?")

# Technical and brand names a Chinese UI shows as they are (symbologies, standards, products,
# protocols). Codes, numbers and acronyms need no entry: see `allowed_word`.
TECHNICAL_NAMES = frozenset(
    """
    Code Codabar Aztec Matrix DataMatrix MaxiCode Databar GS1 ITF UPC EAN MicroQR
    ESC POS Epson Zebra Honeywell Datalogic Newland Sunmi Xprinter
    Linux Windows macOS Ubuntu Debian Qt PySide OpenCV ZXing zxing zbar pyzbar evdev udev
    Alipay WeChat UnionPay Visa Mastercard
    pain SEPA IBAN BIC
    """.split()
) | {w for name in SYMBOLOGY_NAMES.values() for w in name.split()}  # "Code 128", "GS1 DataBar Expanded"
# The labels printed on keycaps (a shortcut is named by its key: "Esc 取消").
# (Shift, Space, Home, End are words too: they pass only in a key combination, see _NOT_WORDS.)
KEYCAPS = frozenset("Esc Enter Tab Ctrl Alt Backspace Del Ins PgUp PgDn".split())
# A language offered in the language chooser is named in itself.
ENDONYMS = frozenset({"English"})
# Units and their symbols.
UNITS = frozenset("mm cm m ms s px pt dpi kB KB MB GB Hz kHz fps bps ml g kg".split())


def allowed_word(word: str, names: Iterable[str] = ()) -> bool:
    """A Latin word that may stand in the Chinese UI: it carries a digit (an amount, an id, a
    port: PO000000001005, COM1, ttyUSB0), it is an acronym or a single capital (QR, USB, PIN,
    PDF, EAN, CNY, Z), a unit, a technical or brand name, a keycap, a language's own name, or
    one of `names` (data a person typed in: the store's and the users' names)."""
    return (
        any(c.isdigit() for c in word)
        or (word.isupper() and word.isalpha())
        or word in UNITS
        or word in TECHNICAL_NAMES
        or word in KEYCAPS
        or word in ENDONYMS
        or word in set(names)
    )


def english_words(text: str, names: Iterable[str] = ()) -> list[str]:
    """The Latin words of `text` that are not allowed (see `allowed_word`), in order."""
    names = set(names)
    plain = _NOT_WORDS.sub(" ", _strip_mnemonics(_strip_markup(text)))
    return [w for w in _WORD.findall(plain) if not allowed_word(w, names)]


def name_words(display_names: Iterable[str]) -> set[str]:
    """The Latin words of people's names (data typed in by a manager, shown as it is)."""
    return {w for name in display_names for w in _WORD.findall(name)}


def _strip_mnemonics(text: str) -> str:
    """"PIN a&gain" reads "PIN again" ("&&" is a shown "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


_TAG = re.compile(r"<[^>]*>")
_ENTITY = {"&nbsp;": " ", "&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&#39;": "'"}


def _strip_markup(text: str) -> str:
    if "<" in text and ">" in text:
        text = _TAG.sub(" ", text)
        for entity, char in _ENTITY.items():
            text = text.replace(entity, char)
    return text


# --- what a user sees ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Seen:
    where: str  # the widget path and what of it: "ShiftPage/QLabel#ShiftState text"
    text: str


def _path(widget: QWidget, root: QWidget) -> str:
    parts = []
    w: QWidget | None = widget
    while w is not None:
        name = w.objectName()
        cls = type(w).__name__
        parts.append(f"{cls}#{name}" if name else cls)
        if w is root:
            break
        w = w.parentWidget()
    return "/".join(reversed(parts[:4]))


def _shown(widget: QWidget, root: QWidget) -> bool:
    return widget is root or (widget.isVisibleTo(root) and not widget.isHidden())


def _columns(model, parent) -> int:
    try:
        return model.columnCount(parent)
    except TypeError:  # a list model (its columnCount is private in PySide6): one column
        return 1


def _model_texts(view: QAbstractItemView, max_rows: int) -> Iterator[tuple[str, str]]:
    model = view.model()
    if model is None:
        return
    header = getattr(view, "horizontalHeader", None)
    if header is None or not header().isHidden():
        for col in range(_columns(model, view.rootIndex())):
            for role, what in ((Qt.ItemDataRole.DisplayRole, "header"), (Qt.ItemDataRole.ToolTipRole, "header tip")):
                value = model.headerData(col, Qt.Orientation.Horizontal, role)
                if isinstance(value, str):
                    yield f"{what} {col}", value
    vheader = getattr(view, "verticalHeader", None)
    if vheader is not None and not vheader().isHidden():
        for row in range(min(model.rowCount(), max_rows)):
            value = model.headerData(row, Qt.Orientation.Vertical, Qt.ItemDataRole.DisplayRole)
            if isinstance(value, str):
                yield f"row header {row}", value
    root_index = view.rootIndex()
    for row in range(min(model.rowCount(root_index), max_rows)):
        for col in range(_columns(model, root_index)):
            index = model.index(row, col, root_index)
            for role, what in ((Qt.ItemDataRole.DisplayRole, "cell"), (Qt.ItemDataRole.ToolTipRole, "cell tip")):
                value = model.data(index, role)
                if isinstance(value, str):
                    yield f"{what} {row},{col}", value


def widget_texts(widget: QWidget, max_rows: int = 200) -> Iterator[tuple[str, str]]:
    """(what, text) of one widget: every text of it a user can read."""
    if widget.isWindow() and widget.windowTitle():
        yield "window title", widget.windowTitle()
    if widget.toolTip():
        yield "tooltip", widget.toolTip()
    if isinstance(widget, QLabel):
        yield "text", widget.text()
    elif isinstance(widget, QAbstractButton):
        yield "text", widget.text()
    elif isinstance(widget, QGroupBox):
        yield "title", widget.title()
    elif isinstance(widget, QTabBar):
        for i in range(widget.count()):
            if widget.isTabVisible(i):
                yield f"tab {i}", widget.tabText(i)
                yield f"tab tip {i}", widget.tabToolTip(i)
    elif isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"item {i}", widget.itemText(i)
        if widget.isEditable() and widget.lineEdit() is not None:
            yield "placeholder", widget.lineEdit().placeholderText()
    elif isinstance(widget, QLineEdit):
        yield "placeholder", widget.placeholderText()
        if widget.isReadOnly():
            yield "text", widget.text()
    elif isinstance(widget, (QPlainTextEdit, QTextEdit)):
        yield "placeholder", widget.placeholderText()
        if widget.isReadOnly():
            yield "text", widget.toPlainText()
    elif isinstance(widget, QAbstractSpinBox):
        for attr in ("prefix", "suffix"):
            if hasattr(widget, attr):
                yield attr, getattr(widget, attr)()
        yield "special value", widget.specialValueText()
    elif isinstance(widget, QProgressBar):
        if widget.isTextVisible():
            yield "text", widget.text()
    if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):  # a view reads its headers
        yield from _model_texts(widget, max_rows)


def visible_texts(root: QWidget) -> Iterator[Seen]:
    """Every text of `root` and of its children shown with it (hidden widgets are skipped: a
    page shows them in another state, which the caller visits)."""
    for widget in [root, *root.findChildren(QWidget)]:
        if not _shown(widget, root):
            continue
        if isinstance(widget, QComboBox) and widget.view() is not None:
            pass  # its items are read from the combo box itself
        for what, text in widget_texts(widget):
            if text and text.strip():
                yield Seen(f"{_path(widget, root)} {what}", text)


def offenders(root: QWidget, names: Iterable[str] = ()) -> list[tuple[Seen, list[str]]]:
    names = set(names)
    found = []
    for seen in visible_texts(root):
        words = english_words(seen.text, names)
        if words:
            found.append((seen, words))
    return found


def report(found: Iterable[tuple[str, Seen, list[str]]]) -> str:
    """One line per offending text: the state it was seen in, where, the English words and the text."""
    lines = []
    for state, seen, words in found:
        text = " ".join(seen.text.split())
        lines.append(f"[{state}] {seen.where}: {' '.join(words)!s}  <<{text[:160]}>>")
    return "\n".join(lines)


# --- the tour of the demo window ----------------------------------------------------------------

DEMO_USERS = {"cashier": ("1001", "1357"), "manager": ("8001", "8642"), "technician": ("9001", "9753")}
ORDER_NO = "PO000000009001"


def settle(timeout_s: float = 10.0) -> None:
    """Runs the event loop until every background task has finished and its callbacks have run."""
    import time

    from PySide6.QtWidgets import QApplication

    from ui.tasks import pending_tasks

    end = time.monotonic() + timeout_s
    while True:
        QApplication.processEvents()
        if pending_tasks() == 0:
            QApplication.processEvents()
            if pending_tasks() == 0:
                return
        if time.monotonic() > end:
            raise TimeoutError("background tasks still running")
        time.sleep(0.005)


def _wait(predicate, timeout_s: float = 10.0) -> None:
    import time

    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout_s
    while not predicate():
        if time.monotonic() > end:
            raise TimeoutError("the window did not get there")
        QApplication.processEvents()
        time.sleep(0.005)


class Tour:
    """Walks the demo window through the states a cashier, a manager and a technician see and
    records the English words shown in each. `failed` holds the steps that could not be taken."""

    def __init__(self, window, terminal) -> None:
        from pos_terminal.app.demo import DEMO_USERS as USERS

        self.window, self.terminal = window, terminal
        from config.issuers import issuer_list

        self.names = name_words([*(display for _username, display, _role, _pin in USERS),
                                 terminal.settings.terminal.store_name,
                                 *(issuer.name for issuer in issuer_list(terminal.settings))])  # the platforms' names
        self.found: list[tuple[str, Seen, list[str]]] = []
        self.seen_states: list[str] = []
        self.failed: list[tuple[str, BaseException]] = []
        self._keys: set[tuple[str, str, str]] = set()

    def look(self, state: str, root=None) -> None:
        """Records the offenders shown now in `root` (the window by default)."""
        settle()
        self.seen_states.append(state)
        for seen, words in offenders(root if root is not None else self.window, self.names):
            key = (seen.where, seen.text, "")
            if key not in self._keys:  # the same text at the same place is reported once
                self._keys.add(key)
                self.found.append((state, seen, words))

    def step(self, name: str, action) -> None:
        try:
            action()
        except Exception as exc:  # noqa: BLE001 - a broken step is reported, the tour goes on
            self.failed.append((name, exc))

    # -- the people -----------------------------------------------------------------------------
    def sign_in(self, who: str) -> None:
        username, pin = DEMO_USERS[who]
        if self.window.workspace is not None:
            self.window.sign_out()
            settle()
        page = self.window.sign_in_page
        page.user_edit.setText(username)
        page.pin_edit.setText(pin)
        page.submit()
        settle()
        _wait(lambda: self.window.workspace is not None)

    def page(self, key: str):
        workspace = self.window.workspace
        workspace.show_page(key)
        settle()
        return workspace.pages[key]

    def tabs(self, key: str) -> None:
        page = self.page(key)
        tabs = getattr(page, "tabs", None)
        if tabs is None:
            self.look(key)
            return
        for i in range(tabs.count()):
            if tabs.isTabVisible(i) and tabs.isTabEnabled(i):
                tabs.setCurrentIndex(i)
                settle()
                self.look(f"{key} tab {i}")

    # -- the whole tour -------------------------------------------------------------------------
    def run(self) -> None:
        self.step("sign-in page", lambda: self.look("sign-in"))
        self.step("sign-in refused", self._refused_sign_in)
        self.step("cashier", self._cashier)
        self.step("manager", self._manager)
        self.step("technician", self._technician)
        self.step("dialogs", self._dialogs)
        self.step("sign out", self.window.sign_out)

    def _refused_sign_in(self) -> None:
        page = self.window.sign_in_page
        page.user_edit.setText("1001")
        page.pin_edit.setText("0000")
        page.submit()
        self.look("sign-in refused")

    def _cashier(self) -> None:
        self.sign_in("cashier")
        for key in self.window.workspace.page_keys():
            if key == "checkout":
                self.step("checkout", self._checkout)
            else:
                self.step(key, lambda k=key: self.tabs(k))

    def _checkout(self) -> None:
        page = self.page("checkout")
        self.look(f"checkout {page.state}")
        if page.state == "shift":
            page.float_edit.setText("200")
            page.open_shift()
            settle()
            _wait(lambda: page.state != "shift")
            self.look(f"checkout {page.state}")
        self._scan("6901234567892")  # a product barcode: refused
        self.look("checkout refused scan")
        self._scan(self._voucher(), "qr")
        _wait(lambda: page.state == "order")
        self.look("checkout order")
        page._quick_cash(5000)
        settle()
        _wait(lambda: page.state == "done")
        self.look("checkout done")
        page.new_sale()
        settle()

    def _voucher(self) -> str:
        from datetime import timedelta

        from pos_terminal.vouchers import KeyRing, PublicKey
        from sync.sandbox.signing import mint_voucher, new_private_key

        private, public = new_private_key()
        KeyRing([PublicKey("KTOUR", public)]).save(self.terminal.keys.cache)
        self.terminal.keys._ring = None  # read the cache file again
        now = self.terminal.clock.now()
        return mint_voucher(private, "KTOUR", voucher_id="v-tour", order_no=ORDER_NO, merchant_id="m-tea",
                            merchant_name="好物商城", amount_minor=3380, currency="CNY", summary="乌龙茶×2、饼干",
                            issued_at=now - timedelta(minutes=1), expires_at=now + timedelta(hours=1))

    def _scan(self, text: str, symbology: str = "unknown") -> None:
        from pos_terminal.ports import ScanEvent

        window = self.window
        window.bridge.post_scan(ScanEvent(text, text.encode(), symbology, "simulated", window._app.store.now()))
        settle()

    def _manager(self) -> None:
        self.sign_in("manager")
        for key in self.window.workspace.page_keys():
            if key != "checkout":
                self.step(key, lambda k=key: self.tabs(k))

    def _technician(self) -> None:
        self.sign_in("technician")
        for key in self.window.workspace.page_keys():
            if key == "devices":
                self.step("devices", self._devices)
            else:
                self.step(key, lambda k=key: self.tabs(k))

    def _devices(self) -> None:
        page = self.page("devices")
        self._scan("PAY-0001", "unknown")  # what a keyboard wedge reports
        self._scan("https://shop.example/o/PO000000001005", "qr")
        self._scan("6901234567892", "ean13")
        self.tabs("devices")
        kinds = getattr(page, "kind_combo", None)
        if kinds is not None:
            page.tabs.setCurrentIndex(0)
            for i in range(kinds.count()):
                kinds.setCurrentIndex(i)
                settle()
                self.look(f"devices scanner kind {kinds.itemData(i)}")

    def _dialogs(self) -> None:
        from ui.dialogs.cash_dialogs import REASONS, CashMovementDialog, DenominationCountDialog
        from ui.dialogs.manager_approval import ManagerApprovalDialog
        from ui.dialogs.tender_dialogs import ManualApprovalDialog, PrepaidPinDialog

        denominations = self.terminal.settings.shift.denominations_minor
        dialogs = {
            "count float": lambda: DenominationCountDialog(denominations, mode="float"),
            "count close": lambda: DenominationCountDialog(denominations, mode="close", expected_minor=20000,
                                                           limit_minor=1000),
            **{f"cash {kind}": (lambda k=kind: CashMovementDialog(k, expected_minor=20000)) for kind in REASONS},
            "manager approval": lambda: ManagerApprovalDialog(self.window._app, "", self.window),
            "manual card approval": lambda: ManualApprovalDialog(3380, "CNY"),
            "prepaid PIN": lambda: PrepaidPinDialog("1234"),
        }
        for name, make in dialogs.items():
            def show(name=name, make=make) -> None:
                dialog = make()
                dialog.show()
                try:
                    self.look(f"dialog {name}", dialog)
                finally:
                    dialog.reject()
                    dialog.deleteLater()
            self.step(f"dialog {name}", show)


def run_tour(window, terminal) -> Tour:
    """Switches the window to Chinese (the caller's LanguageManager), starts it and tours it."""
    window.start(poll_interval_ms=60_000)
    settle()
    tour = Tour(window, terminal)
    tour.run()
    return tour


def main(argv: list[str] | None = None) -> int:
    import argparse
    import os
    import tempfile

    parser = argparse.ArgumentParser(description="English words in the Chinese window of the demo")
    parser.add_argument("--lang-dir", help="the folder of the .qm files (default: ui/translations)")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ.setdefault("POS_TERMINAL_DATA_DIR", tempfile.mkdtemp(prefix="pos-untranslated-"))

    from PySide6.QtWidgets import QApplication

    from config import loader
    from config.schema import Language
    from pos_terminal.app.container import build_terminal
    from pos_terminal.app.facades import App
    from pos_terminal.security import ScryptPinHasher
    from ui import i18n
    from ui.main_window import MainWindow
    from ui.style import apply_look

    if args.lang_dir:
        os.environ[i18n.TRANSLATIONS_ENV] = args.lang_dir
    terminal = build_terminal(loader.defaults(), demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)
    qapp = QApplication.instance() or QApplication([])
    apply_look(qapp, terminal.settings.ui.font_scale)
    languages = i18n.LanguageManager(qapp, Language.ZH_CN)
    languages.apply(Language.ZH_CN)
    window = MainWindow(App.of(terminal), languages)
    window.resize(1024, 768)
    window.show()
    try:
        tour = run_tour(window, terminal)
    finally:
        window.stop()
        settle()
        terminal.close()
    print(report(tour.found) or "no English words found")
    for name, exc in tour.failed:
        print(f"tour step failed: {name}: {type(exc).__name__}: {exc}")
    print(f"{len(tour.found)} text(s) with English words in {len(set(tour.seen_states))} state(s)")
    return 1 if tour.found or tour.failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
