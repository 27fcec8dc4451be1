"""Keyboard-wedge scans inside the app: an application-wide event filter that tells a scanner's
burst of keys from a person typing, by key timing.

A key that may start or continue a scan is held back (not delivered) while the burst lasts. A
burst becomes a scan when it has at least `min_length` characters, no gap between keys longer than
`max_key_gap_ms`, and ends with the terminator (Enter, Tab, a custom string, or, for terminator
"none", a pause longer than the gap). Its keys never reach the focused widget; `scanned` carries a
ScanEvent instead. Anything else (a slow key, a short fast burst, a burst a non-text key
interrupts) is replayed, in order, to the widget each key was meant for, so typing works as if
the filter were not there, only up to `max_key_gap_ms` later.

Text fields that do not take scans (a reason, a note, a quantity: any widget without the property
"scan_field"; a "secret_field" keeps its own rule, below) never receive a scanner's keys: there a
burst that has reached `min_length` at scanner speed is a scan however it ends: with the
terminator, with another end key (Enter or Tab from a scanner set up for the other one: the key is
swallowed with it), at a pause, or broken by a hiccup of up to GUARD_GAP_FACTOR x the gap (USB
scanners stall now and then); a person does not type four keys that fast. In a "scan_field" (the
prepaid card field) such an unfinished burst is replayed as typing, visible where the cashier can
see it and press Enter.

Untouched: key releases, modifier keys, keys with Ctrl, Alt or Meta (shortcuts; they first
replay what is held, so order is kept), keys without text (arrows, F-keys, Backspace, Escape),
autorepeat, events for non-widget objects. Shortcut-override events for a key that continues a
burst are accepted, so a scanned character cannot fire a single-key shortcut; the first key of a
burst cannot be told from typing yet and follows the normal shortcut rules.

Limits: timing uses QKeyEvent.timestamp() (the window system's clock) and falls back to the
monotonic clock for events without one (timestamp 0, e.g. QTest). The text is what Qt maps
through the host's keyboard layout (QKeyEvent.text()): the scanner must be programmed for the
host's layout (`[scanner.wedge] layout` applies to evdev scanners; drivers/keymap.py). An active
input method (Chinese IME) consumes keys before any Qt filter sees them: on such counters use an
evdev or serial scanner. Scanners that send Ctrl sequences (GS1 separators as Ctrl+]) break a
burst here; evdev reads them.

Threading rule: GUI thread only; create, install and use it there. Never blocks: the gap timeout
is a QTimer. The window connects `scanned` to Bridge.post_scan: a wedge scan reaches the screens
the way every scanner's does (queued, after the key event that ended it has been handled).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from datetime import datetime, timezone

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLineEdit, QWidget

from config.schema import WedgeSettings
from pos_terminal.ports import ScanEvent

log = logging.getLogger(__name__)

_MODIFIER_KEYS = frozenset({
    Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Alt, Qt.Key.Key_AltGr, Qt.Key.Key_Meta,
    Qt.Key.Key_Super_L, Qt.Key.Key_Super_R, Qt.Key.Key_Hyper_L, Qt.Key.Key_Hyper_R,
    Qt.Key.Key_CapsLock, Qt.Key.Key_NumLock, Qt.Key.Key_ScrollLock, Qt.Key.Key_Mode_switch,
})
_CTRL = Qt.KeyboardModifier.ControlModifier
_ALT = Qt.KeyboardModifier.AltModifier
_META = Qt.KeyboardModifier.MetaModifier
_END_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab})
GUARD_GAP_FACTOR = 4  # in a field that takes no scans, a burst may stall this many gaps and go on
SCAN_FIELD = "scan_field"  # widget property: this field takes scans as typing (see the module text)
SECRET_FIELD = "secret_field"
_KEY_PRESS = QEvent.Type.KeyPress
_SHORTCUT_OVERRIDE = QEvent.Type.ShortcutOverride


@dataclass
class _Held:
    receiver: QObject
    event: QKeyEvent  # our own copy; the original is gone once the filter returns
    text: str
    ts: float  # ms, in the domain of `clock`
    clock: str  # "event" (QKeyEvent.timestamp) or "mono" (our monotonic fallback)


class WedgeFilter(QObject):
    scanned = Signal(object)  # pos_terminal.ports.ScanEvent

    def __init__(self, settings: WedgeSettings | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        settings = settings or WedgeSettings()
        self.settings = settings
        self.max_key_gap_ms = settings.max_key_gap_ms
        self.min_length = settings.min_length
        self.terminator = settings.terminator
        self.custom_terminator = settings.custom_terminator
        if self.terminator == "custom" and not self.custom_terminator:
            log.warning("wedge terminator 'custom' without custom_terminator; ending scans by the key gap instead")
            self.terminator = "none"
        self._held: list[_Held] = []
        self._replaying: set[int] = set()  # C++ addresses of our replays in flight
        self._passed: tuple | None = None  # the key press last let through, to skip its propagation
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._gap_elapsed)
        self._installed_on: QCoreApplication | None = None

    # -- installation ----------------------------------------------------------------------------
    def install(self, app: QCoreApplication | None = None) -> None:
        app = app or QCoreApplication.instance()
        if app is None:
            raise RuntimeError("WedgeFilter.install needs a QApplication")
        if self._installed_on is None:
            app.installEventFilter(self)
            self._installed_on = app

    def uninstall(self) -> None:
        """Stops filtering; keys held at that moment are delivered, not lost."""
        self.flush()
        if self._installed_on is not None:
            self._installed_on.removeEventFilter(self)
            self._installed_on = None

    @property
    def holding(self) -> int:
        """How many key presses are held back now (0 once the burst is decided)."""
        return len(self._held)

    # -- the filter ------------------------------------------------------------------------------
    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        kind = event.type()
        if kind != _KEY_PRESS and kind != _SHORTCUT_OVERRIDE:
            return False
        if not isinstance(obj, QWidget):
            return False  # the QWindow forwards the same event to the focus widget next
        if shiboken6.getCppPointer(event)[0] in self._replaying:
            return False
        if kind == _SHORTCUT_OVERRIDE:
            return self._shortcut_override(event)
        signature = (shiboken6.getCppPointer(event)[0], event.key(), event.timestamp(), event.text())
        if self._passed is not None and self._passed[0] == signature and _is_ancestor(obj, self._passed[1]):
            self._passed = (signature, obj)  # Qt propagating an ignored key to the parents
            return False
        self._passed = None
        if self._key_press(obj, event):
            event.accept()
            return True
        self._passed = (signature, obj)
        return False

    def _shortcut_override(self, event: QKeyEvent) -> bool:
        if not self._held or not self._continues_burst(event):
            return False
        event.accept()
        return True

    def _continues_burst(self, event: QKeyEvent) -> bool:
        if event.modifiers() & (_CTRL | _ALT | _META) and not _is_altgr(event):
            return False
        ts, clock = self._timestamp(event)
        if not self._within_gap(ts, clock):
            return False
        return self._is_terminator(event) or _typed_text(event) != ""

    def _key_press(self, receiver: QObject, event: QKeyEvent) -> bool:
        """True when the key is held or swallowed; False lets it through (after any replay)."""
        if event.key() in _MODIFIER_KEYS:
            return False
        if event.modifiers() & (_CTRL | _ALT | _META) and not _is_altgr(event):
            self._settle()
            return False
        ts, clock = self._timestamp(event)
        if self._is_terminator(event):
            if self._held and self._within_gap(ts, clock) and self._is_scan(self._text()):
                self._emit(ts)
                return True
            self._settle()
            return False
        text = _typed_text(event)
        if not text or event.isAutoRepeat():
            if self._guarded() and self._within_gap(ts, clock):
                # the scanner's own end key (Enter or Tab, not the configured terminator) goes with it
                self._emit(ts)
                return event.key() in _END_KEYS
            self._settle()
            return False
        if self._held and not self._within_gap(ts, clock):
            self._settle()
        self._held.append(_Held(receiver, QKeyEvent(event), text, ts, clock))
        if self.terminator == "custom":
            burst = self._text()
            if burst.endswith(self.custom_terminator) and self._is_scan(burst[: -len(self.custom_terminator) or None]):
                self._emit(ts, strip=len(self.custom_terminator))
                return True
        self._timer.start(self._gap_limit())
        return True

    def _guarded(self) -> bool:
        """The keys held are a scanner's burst in a field that takes no scans: never typed there."""
        if not self._held or len(self._text()) < self.min_length:
            return False
        target = self._held[0].receiver
        return shiboken6.isValid(target) and not _marked(target, SCAN_FIELD) and not _marked(target, SECRET_FIELD)

    def _gap_limit(self) -> float:
        return self.max_key_gap_ms * (GUARD_GAP_FACTOR if self._guarded() else 1)

    def _settle(self) -> None:
        """The burst ended without its terminator: a scan where the field takes no scans, else typing."""
        if self._guarded():
            self._emit(self._held[-1].ts)
        else:
            self.flush()

    def _is_scan(self, burst: str) -> bool:
        """Long enough for a scan, and not a secret typed fast: in a field with the property
        "secret_field" (a prepaid card's PIN), a burst that fits the field is the holder's typing
        (replayed into it, never a ScanEvent); a longer one (a card swiped meanwhile) is a scan."""
        if len(burst) < self.min_length:
            return False
        target = self._held[0].receiver if self._held else None
        if isinstance(target, QLineEdit) and shiboken6.isValid(target) and target.property(SECRET_FIELD):
            return len(burst) > target.maxLength()
        return True

    def _gap_elapsed(self) -> None:
        if self.terminator == "none" and self._held and self._is_scan(self._text()):
            self._emit(self._held[-1].ts)
        else:
            self._settle()

    # -- outcomes --------------------------------------------------------------------------------
    def flush(self) -> None:
        """Delivers every held key to the widget it was meant for, in order: it was typing."""
        self._timer.stop()
        held, self._held = self._held, []
        lost = 0
        for item in held:
            if not shiboken6.isValid(item.receiver):
                lost += 1
                continue
            address = shiboken6.getCppPointer(item.event)[0]
            self._replaying.add(address)
            try:
                QCoreApplication.sendEvent(item.receiver, item.event)
            finally:
                self._replaying.discard(address)
        if lost:
            log.info("typed keys dropped: their widget was closed", extra={"count": lost})

    def _emit(self, end_ts: float, *, strip: int = 0) -> None:
        self._timer.stop()
        held, self._held = self._held, []
        text = "".join(item.text for item in held)
        if strip:
            text = text[:-strip]
        latency = max(0.0, end_ts - held[0].ts)
        log.debug("wedge scan", extra={"length": len(text)})
        self.scanned.emit(ScanEvent(text, text.encode("utf-8"), "unknown", "wedge", datetime.now(timezone.utc),
                                    latency_ms=latency))

    # -- helpers ---------------------------------------------------------------------------------
    def _text(self) -> str:
        return "".join(item.text for item in self._held)

    def _is_terminator(self, event: QKeyEvent) -> bool:
        key = event.key()
        if self.terminator == "enter":
            return key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if self.terminator == "tab":
            return key == Qt.Key.Key_Tab
        return False

    def _timestamp(self, event: QKeyEvent) -> tuple[float, str]:
        stamp = event.timestamp()
        if stamp:
            return float(stamp), "event"
        return time.monotonic() * 1000.0, "mono"

    def _within_gap(self, ts: float, clock: str) -> bool:
        if not self._held:
            return False
        last = self._held[-1]
        return last.clock == clock and 0 <= ts - last.ts <= self._gap_limit()


def _typed_text(event: QKeyEvent) -> str:
    """The printable text of a key press, or "" for keys that do not type (controls, arrows)."""
    text = event.text()
    if not text or any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in text):
        return ""
    return text


def _marked(widget: QObject, name: str) -> bool:
    """The widget, or the widget it is part of (a spin box's line edit), has property `name`."""
    if widget.property(name):
        return True
    parent = widget.parent() if isinstance(widget, QWidget) else None
    return bool(parent is not None and parent.property(name))


def _is_altgr(event: QKeyEvent) -> bool:
    """Windows reports AltGr as Ctrl+Alt; such a key still types a character."""
    mods = event.modifiers()
    return bool(mods & _CTRL and mods & _ALT and not mods & _META and _typed_text(event))


def _is_ancestor(obj: QObject, child: QObject) -> bool:
    if not (shiboken6.isValid(obj) and shiboken6.isValid(child)) or not isinstance(child, QWidget):
        return False
    parent = child.parentWidget()
    while parent is not None:
        if parent is obj:
            return True
        parent = parent.parentWidget()
    return False
