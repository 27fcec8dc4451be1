"""The drawer's open/closed switch, where the drawer reports one: polled on the done page (the
page's `drawer_timer`, every second) until it was seen open and then closed, or a few polls
without it opening. A mixin of CheckoutPage; `_show_drawer` writes the done page's drawer line.

What the line says is only what a device confirmed: the printer confirms that it sent the pulse
("signal sent"), only the drawer's switch says "open" or "closed". A drawer without a switch (or
one whose switch does not answer) is said to have none: its state is not known, never "closed".
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication

from ui.screens.checkout.refusal_texts import printer_cause
from ui.tasks import run_in_background
from ui.texts import fill

translate = QCoreApplication.translate

log = logging.getLogger("ui.screens.checkout")


class DrawerWatch:
    def _watch_drawer(self, done) -> None:
        self.drawer_timer.stop()
        self.drawer_open, self._drawer_seen_open, self._drawer_polls = None, False, 0
        self._drawer_reports = self._app is not None and self._app.devices.drawer_reports_state()
        self._drawer_silent = False  # the switch stopped answering
        if done.drawer_kicked and self._drawer_reports:
            self.drawer_timer.start()
            self._poll_drawer()

    def _poll_drawer(self) -> None:
        if self.state != "done":
            self.drawer_timer.stop()
            return
        if self._drawer_asking:
            return
        devices = self._app.devices
        self._drawer_asking = True
        run_in_background(devices.drawer_is_open, self._drawer_state, self._drawer_state_failed, context=self)

    def _drawer_state(self, is_open) -> None:
        self._drawer_asking = False
        self._drawer_polls += 1
        if self.state != "done":
            self.drawer_timer.stop()
            return
        if is_open is None:  # the switch does not answer: say so rather than guess
            self.drawer_timer.stop()
            self._drawer_reports = False
            self._drawer_silent = True
            self._refresh_done()
            return
        self.drawer_open = bool(is_open)
        self._drawer_seen_open = self._drawer_seen_open or self.drawer_open
        # closed: done once it was seen open (or it never opened after a few polls)
        if not self.drawer_open and (self._drawer_seen_open or self._drawer_polls >= 3):
            self.drawer_timer.stop()
        self._refresh_done()

    def _drawer_state_failed(self, exc: BaseException) -> None:
        self._drawer_asking = False
        self._drawer_polls += 1
        log.info("drawer state not read", extra={"error": str(exc)})
        if self._drawer_polls >= 3 and not self._drawer_seen_open:
            self.drawer_timer.stop()
            self._drawer_reports = False
            self._drawer_silent = True
            self._refresh_done()

    def _drawer_text(self, done) -> tuple[str, str]:
        """The done page's drawer line and its style, from what the devices confirmed."""
        if not done.drawer_kicked:
            if done.drawer_error:
                return fill(translate("CheckoutPage", "Drawer did not open (%1): open it with the key."),
                            printer_cause(done.drawer_error)), ""
            return "", ""
        warn = "color: #b26a00; font-weight: bold;"
        if self._drawer_reports and self.drawer_open:
            return translate("CheckoutPage", "Drawer open"), warn
        if self._drawer_reports and self.drawer_open is False and self._drawer_seen_open:
            return translate("CheckoutPage", "Drawer closed"), ""
        if self._drawer_reports and self.drawer_open is False and self._drawer_polls >= 3:
            return translate("CheckoutPage", "The drawer was sent the signal to open but its switch still says "
                                             "closed: check the drawer."), warn
        if self._drawer_reports:  # its switch has not said "open" yet
            return translate("CheckoutPage", "Drawer signal sent; waiting for the drawer's switch…"), ""
        if getattr(self, "_drawer_silent", False):
            return translate("CheckoutPage", "Drawer signal sent. The drawer's switch does not answer: whether it "
                                             "is open or closed is not known."), ""
        return translate("CheckoutPage", "Drawer signal sent. This drawer has no switch to say whether it is open "
                                         "or closed."), ""

    def _show_drawer(self, done) -> None:
        text, style = self._drawer_text(done)
        self.drawer_label.setText(text)
        self.drawer_label.setStyleSheet(style)
