"""The window: the sign-in page or a signed-in Workspace, above the status line.

`start()` opens the devices on a worker (statuses arrive through the Bridge) and starts polling
platform and sync state; call it once the window exists (run_gui calls it once the window has
been shown and painted). `stop()` ends the polling.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QSize, Signal
from PySide6.QtWidgets import QMainWindow, QStackedWidget, QVBoxLayout, QWidget

from pos_terminal.app.facades import App
from pos_terminal.services.users import SignedIn
from ui.bridge import Bridge
from ui.i18n import LanguageManager
from ui.screens.sign_in import SignInPage
from ui.status_bar import StatusBar
from ui.tasks import run_in_background
from ui.wedge import WedgeFilter
from ui.texts import fill

if TYPE_CHECKING:
    from ui.workspace import Workspace

log = logging.getLogger(__name__)

MINIMUM_SIZE = QSize(960, 600)


class MainWindow(QMainWindow):
    start_failed = Signal(int)  # the exit code start()'s before_devices asked for

    def __init__(self, app: App, languages: LanguageManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # fits a 1024x768 screen with a title bar and a taskbar (about 1024x700 inside the frame):
        # the pages lay themselves out in what is left, scrolling where one is taller (ui/workspace)
        self.setMinimumSize(MINIMUM_SIZE)
        self._app = app
        self._languages = languages
        self.bridge = Bridge(self)
        self.workspace: Workspace | None = None
        self.sign_in_page = SignInPage(app, self)
        self.sign_in_page.signed_in.connect(self.enter)
        self.stack = QStackedWidget(self)
        self.stack.addWidget(self.sign_in_page)
        self.status = StatusBar(app, self.bridge, self)
        central = QWidget(self)
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.status)
        self.setCentralWidget(central)
        self._devices_opening = False
        self.wedge: WedgeFilter | None = None
        self.bridge.device_status.connect(self._scanner_changed)
        self.retranslate_ui()

    def start(self, poll_interval_ms: int = 5000, before_devices: Callable[[], int | None] | None = None) -> None:
        """Opens the devices on a worker and starts the status polling. `before_devices` (the
        command line's: the terminal being built, its platform and device stand-ins) runs first on
        that same worker; the status bar asks again once it is done. When it returns an exit code
        instead of None, the devices stay closed and `start_failed` carries the code."""
        self._sync_wedge()
        if not self._devices_opening:
            self._devices_opening = True
            devices, bridge = self._app.devices, self.bridge

            def open_devices() -> int | None:
                if before_devices is not None:
                    code = before_devices()
                    if code is not None:
                        return code
                devices.open_devices(bridge.post_device_status, bridge.post_scan)
                return None

            run_in_background(open_devices, self._devices_opened if before_devices is not None else None,
                              lambda exc: log.error("the devices did not open", exc_info=exc), context=self)
        self.status.start_polling(poll_interval_ms)
        self.sign_in_page.reset()

    def _devices_opened(self, code: int | None) -> None:
        if code is not None:
            self.start_failed.emit(code)
            return
        self._sync_wedge()  # the settings may have been read from the terminal just built
        self.status.poll()

    def stop(self) -> None:
        self.status.stop_polling()
        if self.wedge is not None:
            self.wedge.uninstall()
            self.wedge = None

    def _scanner_changed(self, status) -> None:
        if status.device == "scanner":
            self._sync_wedge()

    def _sync_wedge(self) -> None:
        """A keyboard-wedge scanner is read by a key filter on the whole application, installed
        while the counter's scanner is of kind "wedge" (the devices screen can change it)."""
        scanner = self._app.store.settings.scanner
        wanted = scanner.wedge if scanner.kind == "wedge" else None
        if self.wedge is not None and (wanted is None or self.wedge.settings != wanted):
            self.wedge.uninstall()
            self.wedge.deleteLater()
            self.wedge = None
        if wanted is not None and self.wedge is None:
            self.wedge = WedgeFilter(wanted, self)
            # a wedge scan takes the same path as any scanner's: posted, delivered after the key event
            self.wedge.scanned.connect(self.bridge.post_scan)
            self.wedge.install()

    @property
    def user(self) -> SignedIn | None:
        return self.workspace.user if self.workspace is not None else None

    def enter(self, user: SignedIn) -> None:
        from ui.workspace import Workspace  # the screens are imported at the first sign-in, not at start

        self._drop_workspace()
        self.workspace = Workspace(self._app, user, self._languages, self.bridge, self)
        self.workspace.sign_out_requested.connect(self.sign_out)
        self.stack.addWidget(self.workspace)
        self.stack.setCurrentWidget(self.workspace)
        self.retranslate_ui()

    def sign_out(self) -> None:
        user, users = self.user, self._app.users
        if user is not None:  # the audit trail's sign_out entry (a database write: on a worker)
            run_in_background(lambda: users.sign_out(user),
                              on_error=lambda exc: log.error("sign-out not audited", exc_info=exc))
        self._drop_workspace()
        self.stack.setCurrentWidget(self.sign_in_page)
        self.sign_in_page.reset()
        self.retranslate_ui()

    def _drop_workspace(self) -> None:
        if self.workspace is not None:
            self.stack.removeWidget(self.workspace)
            self.workspace.deleteLater()
            self.workspace = None

    def closeEvent(self, event) -> None:
        self.stop()
        super().closeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        store = self._app.store.store_name
        if self.workspace is None:
            self.setWindowTitle(fill(self.tr("%1 — counter terminal"), store))
        else:
            self.setWindowTitle(fill(self.tr("%1 — counter terminal — %2"), store, self.workspace.user.display_name))
