"""The drawer's open/closed switch, where the drawer reports one: polled on the done page (the
page's `drawer_timer`, every second) until it was seen open and then closed, or a few polls
without it opening. A mixin of CheckoutPage; the texts are in views (_refresh_done).
"""

from __future__ import annotations

import logging

from ui.tasks import run_in_background

log = logging.getLogger("ui.screens.checkout")


class DrawerWatch:
    def _watch_drawer(self, done) -> None:
        self.drawer_timer.stop()
        self.drawer_open, self._drawer_seen_open, self._drawer_polls = None, False, 0
        self._drawer_reports = self._app is not None and self._app.devices.drawer_reports_state()
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
        if is_open is None:  # the switch does not answer: say nothing rather than guess
            self.drawer_timer.stop()
            self._drawer_reports = False
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
