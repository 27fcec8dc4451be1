"""The checkout's busy bar shows only once a step has run a while, and never moves the page."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.screens.checkout.page import _BusyStrip


def test_the_bar_shows_after_the_delay_and_hides_when_done(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    strip = _BusyStrip(parent)
    parent.show()
    height = strip.height()
    strip.set_busy(True)
    assert strip.bar.isHidden()  # a step done in a few milliseconds never shows it
    strip.set_busy(False)
    qtbot.wait(_BusyStrip.SHOW_AFTER_MS + 100)
    assert strip.bar.isHidden()
    strip.set_busy(True)
    qtbot.waitUntil(lambda: strip.bar.isVisible(), timeout=2000)
    assert strip.bar.width() == strip.width() and strip.height() == height
    strip.set_busy(False)
    assert strip.bar.isHidden()


def test_done_while_the_page_is_hidden_leaves_no_bar_behind(qtbot):
    parent = QWidget()
    qtbot.addWidget(parent)
    strip = _BusyStrip(parent)
    parent.show()
    strip.set_busy(True)
    qtbot.waitUntil(lambda: strip.bar.isVisible(), timeout=2000)
    parent.hide()
    strip.set_busy(False)
    parent.show()
    assert not strip.bar.isVisible()
