"""The in-app keyboard-wedge filter: scans never reach the focused widget, typing always does.

Keys go the way the window system delivers them: to the window, which hands them to the focus
widget. Their timestamps are crafted (5 ms apart for a scanner, 150 ms for a person), so the
outcome does not depend on how busy the machine is; only the gap timer runs on the real clock.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit, QSpinBox, QTextEdit, QVBoxLayout, QWidget

from config.schema import WedgeSettings
from ui.wedge import WedgeFilter

SCAN_GAP = 5
HUMAN_GAP = 150
_KEYS = {"\n": Qt.Key.Key_Return, "\t": Qt.Key.Key_Tab, " ": Qt.Key.Key_Space}


class Keyboard:
    """Sends key presses and releases with crafted timestamps to the focus widget's window."""

    def __init__(self, window: QWidget) -> None:
        self.window = window
        self.ts = 1_000_000

    def key(self, key, text: str = "", modifiers=Qt.KeyboardModifier.NoModifier, gap_ms: int = SCAN_GAP) -> None:
        self.ts += gap_ms
        handle = self.window.windowHandle()
        for kind, stamp in ((QEvent.Type.KeyPress, self.ts), (QEvent.Type.KeyRelease, self.ts + 1)):
            event = QKeyEvent(kind, key, modifiers, text)
            event.setTimestamp(stamp)
            QApplication.sendEvent(handle, event)

    def type(self, text: str, gap_ms: int) -> None:
        for ch in text:
            key = _KEYS.get(ch, ord(ch.upper()))
            self.key(key, "\r" if ch == "\n" else ch, gap_ms=gap_ms)

    def scan(self, text: str, terminator: str = "\n") -> None:
        self.ts += 1000  # a person's pause before picking up the scanner
        self.type(text + terminator, SCAN_GAP)


class Form(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.line = QLineEdit()
        self.other = QLineEdit()
        self.text = QTextEdit()
        self.spin = QSpinBox()
        self.spin.setRange(0, 1_000_000)
        layout = QVBoxLayout(self)
        for w in (self.line, self.other, self.text, self.spin):
            layout.addWidget(w)


@pytest.fixture
def form(qtbot):
    form = Form()
    qtbot.addWidget(form)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    return form


@pytest.fixture
def wedge(qtbot, qapp):
    """Installs a WedgeFilter with the given WedgeSettings; returns it and the list of its scans."""
    made = []

    def make(**settings):
        w = WedgeFilter(WedgeSettings(**settings))
        w.install()
        scans = []
        w.scanned.connect(scans.append)
        made.append(w)
        return w, scans

    yield make
    for w in made:
        w.uninstall()


def focus(qtbot, widget) -> None:
    widget.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is widget)


def settled(qtbot, wedge_filter) -> None:
    qtbot.waitUntil(lambda: wedge_filter.holding == 0, timeout=2000)


def contents(widget) -> str:
    if isinstance(widget, QTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QSpinBox):
        return widget.lineEdit().text()
    return widget.text()


@pytest.mark.parametrize("which", ["line", "text", "spin"])
def test_scan_is_emitted_and_never_lands_in_the_widget(qtbot, form, wedge, which):
    f, scans = wedge()
    widget = getattr(form, which)
    focus(qtbot, widget)
    before = contents(widget)
    kb = Keyboard(form)
    kb.scan("4006381333931")
    settled(qtbot, f)
    assert [s.text for s in scans] == ["4006381333931"]
    assert scans[0].source == "wedge" and scans[0].symbology == "unknown"
    assert scans[0].raw == b"4006381333931"
    assert scans[0].latency_ms is not None
    assert contents(widget) == before


@pytest.mark.parametrize("which", ["line", "text", "spin"])
def test_human_typing_lands_in_the_widget_unchanged(qtbot, form, wedge, which):
    f, scans = wedge()
    widget = getattr(form, which)
    focus(qtbot, widget)
    if isinstance(widget, QSpinBox):
        widget.lineEdit().selectAll()
    kb = Keyboard(form)
    kb.type("1234", HUMAN_GAP)
    settled(qtbot, f)
    assert scans == []
    assert contents(widget) == "1234"


def test_typing_with_enter_reaches_the_line_edit(qtbot, form, wedge):
    f, scans = wedge()
    focus(qtbot, form.line)
    kb = Keyboard(form)
    with qtbot.waitSignal(form.line.returnPressed, timeout=2000):
        kb.type("Tea 2\n", HUMAN_GAP)
    settled(qtbot, f)
    assert form.line.text() == "Tea 2"
    assert scans == []


def test_scan_right_after_typing(qtbot, form, wedge):
    f, scans = wedge()
    focus(qtbot, form.line)
    kb = Keyboard(form)
    kb.type("12", HUMAN_GAP)
    kb.scan("ORD-20240611-0042")
    kb.type("3", HUMAN_GAP)
    settled(qtbot, f)
    assert [s.text for s in scans] == ["ORD-20240611-0042"]
    assert form.line.text() == "123"


def test_typing_continues_in_order_after_held_keys(qtbot, form, wedge):
    f, _ = wedge(max_key_gap_ms=200)  # every key of this typing is held until the next one
    focus(qtbot, form.line)
    kb = Keyboard(form)
    kb.type("abc", HUMAN_GAP)
    kb.key(Qt.Key.Key_Backspace, "\b", gap_ms=HUMAN_GAP)  # a non-text key: held keys go first
    kb.type("d", HUMAN_GAP)
    settled(qtbot, f)
    assert form.line.text() == "abd"


def test_burst_shorter_than_min_length_is_typed_text(qtbot, form, wedge):
    f, scans = wedge(min_length=4)
    focus(qtbot, form.line)
    kb = Keyboard(form)
    with qtbot.waitSignal(form.line.returnPressed, timeout=2000):
        kb.scan("abc")
    settled(qtbot, f)
    assert scans == []
    assert form.line.text() == "abc"


def test_tab_terminator_keeps_focus_and_text_out(qtbot, form, wedge):
    f, scans = wedge(terminator="tab")
    focus(qtbot, form.line)
    kb = Keyboard(form)
    kb.scan("PREPAID-88001234", terminator="\t")
    settled(qtbot, f)
    assert [s.text for s in scans] == ["PREPAID-88001234"]
    assert form.line.text() == ""
    assert QApplication.focusWidget() is form.line


def test_tab_from_a_person_still_moves_focus(qtbot, form, wedge):
    f, scans = wedge(terminator="tab")
    focus(qtbot, form.line)
    kb = Keyboard(form)
    kb.type("ab\t", HUMAN_GAP)
    settled(qtbot, f)
    assert form.line.text() == "ab"
    assert QApplication.focusWidget() is form.other
    assert scans == []


def test_enter_is_typed_when_terminator_is_tab(qtbot, form, wedge):
    """In a field that takes scans; elsewhere such a burst is a scan (tests/ui/test_wedge_fields.py)."""
    f, scans = wedge(terminator="tab")
    form.line.setProperty("scan_field", True)
    focus(qtbot, form.line)
    kb = Keyboard(form)
    with qtbot.waitSignal(form.line.returnPressed, timeout=2000):
        kb.scan("ABCDEF", terminator="\n")
    settled(qtbot, f)
    assert scans == []
    assert form.line.text() == "ABCDEF"


def test_keypad_enter_terminates(qtbot, form, wedge):
    f, scans = wedge()
    focus(qtbot, form.line)
    kb = Keyboard(form)
    kb.ts += 1000
    kb.type("123456", SCAN_GAP)
    kb.key(Qt.Key.Key_Enter, "\r", Qt.KeyboardModifier.KeypadModifier)
    settled(qtbot, f)
    assert [s.text for s in scans] == ["123456"]
    assert form.line.text() == ""


def test_no_terminator_ends_scan_at_the_gap(qtbot, form, wedge):
    f, scans = wedge(terminator="none")
    focus(qtbot, form.text)
    kb = Keyboard(form)
    with qtbot.waitSignal(f.scanned, timeout=2000):
        kb.scan("6901234567892", terminator="")
    assert [s.text for s in scans] == ["6901234567892"]
    assert form.text.toPlainText() == ""
    kb.type("ok", HUMAN_GAP)
    settled(qtbot, f)
    assert form.text.toPlainText() == "ok"
    assert len(scans) == 1


def test_custom_terminator(qtbot, form, wedge):
    f, scans = wedge(terminator="custom", custom_terminator="#")
    focus(qtbot, form.line)
    kb = Keyboard(form)
    kb.scan("CARD12345", terminator="#")
    settled(qtbot, f)
    assert [s.text for s in scans] == ["CARD12345"]
    assert form.line.text() == ""


def test_ctrl_shortcuts_and_select_all_pass_through(qtbot, form, wedge):
    f, scans = wedge()
    fired = []
    shortcut = QShortcut(QKeySequence("Ctrl+K"), form)
    shortcut.activated.connect(lambda: fired.append(True))
    focus(qtbot, form.line)
    form.line.setText("hello")
    kb = Keyboard(form)
    kb.key(Qt.Key.Key_A, "\x01", Qt.KeyboardModifier.ControlModifier)
    assert form.line.selectedText() == "hello"
    kb.key(Qt.Key.Key_K, "\x0b", Qt.KeyboardModifier.ControlModifier)
    assert fired == [True]
    assert f.holding == 0 and scans == []


def test_ctrl_key_first_delivers_held_typing(qtbot, form, wedge):
    f, _ = wedge(max_key_gap_ms=500)
    focus(qtbot, form.line)
    kb = Keyboard(form)
    kb.type("xy", HUMAN_GAP)  # "y" is held: it might start a scan
    kb.key(Qt.Key.Key_A, "\x01", Qt.KeyboardModifier.ControlModifier, gap_ms=HUMAN_GAP)
    assert form.line.text() == "xy"
    assert form.line.selectedText() == "xy"


def test_modifier_presses_and_releases_pass(qtbot, form, wedge):
    f, _ = wedge()
    seen = []

    class Spy(QLineEdit):
        def keyReleaseEvent(self, event):
            seen.append(("release", event.key()))
            super().keyReleaseEvent(event)

        def keyPressEvent(self, event):
            seen.append(("press", event.key()))
            super().keyPressEvent(event)

    spy = Spy(form)
    spy.show()
    focus(qtbot, spy)
    kb = Keyboard(form)
    kb.key(Qt.Key.Key_Shift, "", Qt.KeyboardModifier.ShiftModifier)
    assert seen == [("press", Qt.Key.Key_Shift), ("release", Qt.Key.Key_Shift)]


def test_qtest_typing_without_timestamps(qtbot, form, wedge):
    """QTest sends timestamp 0: the filter falls back to its own clock."""
    f, scans = wedge(max_key_gap_ms=500)
    focus(qtbot, form.line)
    QTest.keyClicks(form.line, "ABC12345")
    QTest.keyClick(form.line, Qt.Key.Key_Return)
    settled(qtbot, f)
    assert [s.text for s in scans] == ["ABC12345"]
    assert form.line.text() == ""


def test_keys_for_a_closed_widget_are_dropped_not_crashing(qtbot, form, wedge):
    f, scans = wedge(max_key_gap_ms=500)
    extra = QLineEdit(form)
    extra.show()
    focus(qtbot, extra)
    Keyboard(form).type("z", HUMAN_GAP)
    assert f.holding == 1
    extra.deleteLater()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not extra)
    QApplication.processEvents()
    settled(qtbot, f)
    assert scans == []


def test_uninstall_delivers_held_keys(qtbot, form, qapp):
    f = WedgeFilter(WedgeSettings(max_key_gap_ms=500))
    f.install()
    focus(qtbot, form.line)
    Keyboard(form).type("q", HUMAN_GAP)
    assert f.holding == 1 and form.line.text() == ""
    f.uninstall()
    assert form.line.text() == "q"
    Keyboard(form).scan("AAAA1111")
    assert form.line.text() == "qAAAA1111"
