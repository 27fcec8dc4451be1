"""What a signed-in user sees: the header, a side navigation and the pages the role allows."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from pos_terminal.app.facades import App
from pos_terminal.domain.model import Permission
from pos_terminal.services.users import SignedIn
from ui.bridge import Bridge
from ui.header import Header
from ui.i18n import LanguageManager
from ui.screens.base import Page
from ui.screens.checkout import CheckoutPage
from ui.screens.devices import DevicesPage
from ui.screens.refunds import RefundsPage
from ui.screens.settings import SettingsPage
from ui.screens.shift import ShiftPage

PAGE_ORDER = ("checkout", "refunds", "shift", "devices", "settings")


def allowed_pages(user: SignedIn) -> list[str]:
    rules: dict[str, Callable[[SignedIn], bool]] = {
        "checkout": lambda u: u.can(Permission.SELL),
        "refunds": lambda u: u.can(Permission.REFUND),
        "shift": lambda u: u.can(Permission.CLOSE_DAY) or u.can(Permission.SELL),
        "devices": lambda u: u.can(Permission.CONFIGURE_DEVICES),
        "settings": lambda u: True,
    }
    return [key for key in PAGE_ORDER if rules[key](user)]


class SideNav(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("SideNav")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: dict[str, QPushButton] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(10, 14, 10, 14)
        self._layout.setSpacing(6)
        self._layout.addStretch(1)
        self.setMinimumWidth(200)

    def add(self, key: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(f"nav_{key}")
        button.setCheckable(True)
        self.group.addButton(button)
        self._layout.insertWidget(self._layout.count() - 1, button)
        self.buttons[key] = button
        return button


class Workspace(QWidget):
    sign_out_requested = Signal()

    def __init__(
        self, app: App, user: SignedIn, languages: LanguageManager, bridge: Bridge, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Workspace")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.user = user
        self.header = Header(app, user, self)
        self.header.sign_out_requested.connect(self.sign_out_requested)
        self.nav = SideNav(self)
        self.stack = QStackedWidget(self)
        factories: dict[str, Callable[[], Page]] = {
            "checkout": lambda: CheckoutPage(app, bridge, user, self),
            "refunds": lambda: RefundsPage(app, bridge, user, self),
            "shift": lambda: ShiftPage(app, bridge, user, self),
            "devices": lambda: DevicesPage(app, bridge, self),
            "settings": lambda: SettingsPage(app, languages, self),
        }
        self.pages: dict[str, Page] = {}
        for key in allowed_pages(user):
            page = factories[key]()
            self.pages[key] = page
            self.stack.addWidget(page)
            self.nav.add(key).clicked.connect(lambda _=False, k=key: self.show_page(k))

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.stack, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addLayout(body, 1)
        self.retranslate_ui()
        self.show_page(next(iter(self.pages)))

    def page_keys(self) -> list[str]:
        return list(self.pages)

    def current_page(self) -> str:
        return self.stack.currentWidget().key

    def show_page(self, key: str) -> None:
        self.stack.setCurrentWidget(self.pages[key])
        self.nav.buttons[key].setChecked(True)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        for key, page in self.pages.items():
            self.nav.buttons[key].setText(page.nav_title().replace("&", "&&"))
