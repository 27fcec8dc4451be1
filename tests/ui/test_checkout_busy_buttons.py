"""The checkout's buttons grey out with the busy bar, once a step has run a while: a scan
resolved at once neither flashes them nor repaints them while its worker runs; a long step
greys them as the bar shows, and they come back when it ends."""

from __future__ import annotations

from PySide6.QtCore import Qt

from ui.screens.checkout import CheckoutPage


def _buttons(page: CheckoutPage) -> list:
    return [page.find_button, page.reprint_last_button, page.take_cash_button, page.cancel_button,
            page.open_shift_button, page.card_check_button]


def _greyed(button) -> bool:
    """Greyed by the page itself (setEnabled(False)), not merely inside a view covered by the
    current one (ui.screens.checkout.views.ViewStack disables those whole)."""
    return button.testAttribute(Qt.WidgetAttribute.WA_ForceDisabled)


def test_a_short_step_leaves_the_buttons_alone(qtbot):
    page = CheckoutPage()
    qtbot.addWidget(page)
    page._set_busy(True)
    assert page.busy and not any(_greyed(b) for b in _buttons(page))
    page._set_busy(False)
    qtbot.wait(2 * page.busy_strip.SHOW_AFTER_MS)  # the bar's delay has passed: nothing greys late
    assert not any(_greyed(b) for b in _buttons(page)) and page.progress.isHidden()


def test_a_long_step_greys_the_buttons_with_the_bar_until_it_ends(qtbot):
    page = CheckoutPage()
    qtbot.addWidget(page)
    page.show()
    page._set_busy(True)
    qtbot.waitUntil(lambda: not page.progress.isHidden(), timeout=5000)
    assert all(_greyed(b) for b in _buttons(page))
    page._set_busy(False)
    assert not any(_greyed(b) for b in _buttons(page)) and page.progress.isHidden()
