"""What a signed-in user sees: the header, a side navigation and the pages the role allows, each
built on its first visit (signing in builds the first one only)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_terminal.app.facades import App
from pos_terminal.domain.model import Permission
from pos_terminal.services.users import SignedIn
from ui.bridge import Bridge
from ui.header import Header
from ui.i18n import LanguageManager

if TYPE_CHECKING:
    from ui.screens.base import Page

PAGE_ORDER = ("checkout", "receipts", "refunds", "shift", "settlement", "users", "devices", "settings")


def nav_title(key: str) -> str:
    """The navigation label of a page, without building it: the page's own title in its own
    translation context (the same text its title() gives)."""
    titles = {
        "checkout": lambda: QCoreApplication.translate("CheckoutPage", "Checkout"),
        "refunds": lambda: QCoreApplication.translate("RefundsPage", "Refunds"),
        "shift": lambda: QCoreApplication.translate("ShiftPage", "Shift & reports"),
        "devices": lambda: QCoreApplication.translate("DevicesPage", "Devices"),
        "settings": lambda: QCoreApplication.translate("SettingsPage", "Settings"),
        "receipts": lambda: QCoreApplication.translate("ReceiptHistoryPage", "Receipts"),
        "users": lambda: QCoreApplication.translate("UsersPage", "Users"),
        "settlement": lambda: QCoreApplication.translate("SettlementPage", "Settlement"),
    }
    return titles[key]()


class LazyPages(Mapping):
    """The pages a user may open, each built (and its screen module imported) on first use:
    signing in builds only the first page; the others wait for their first visit."""

    def __init__(self, keys: list[str], build: Callable[[str], Page]) -> None:
        self._keys = list(keys)
        self._build = build
        self._built: dict[str, Page] = {}

    def __getitem__(self, key: str) -> Page:
        if key not in self._keys:
            raise KeyError(key)
        page = self._built.get(key)
        if page is None:
            page = self._built[key] = self._build(key)
        return page

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)

    def built(self) -> dict[str, Page]:
        """The pages built so far (none is built by asking this)."""
        return dict(self._built)


def allowed_pages(user: SignedIn) -> list[str]:
    rules: dict[str, Callable[[SignedIn], bool]] = {
        "checkout": lambda u: u.can(Permission.SELL),
        "refunds": lambda u: u.can(Permission.REFUND),
        "shift": lambda u: u.can(Permission.CLOSE_DAY) or u.can(Permission.SELL),
        "devices": lambda u: u.can(Permission.CONFIGURE_DEVICES),
        "settings": lambda u: True,
        "receipts": lambda u: u.can(Permission.SELL),
        "users": lambda u: u.can(Permission.MANAGE_USERS),
        "settlement": lambda u: u.can(Permission.CLOSE_DAY),  # managers: settling with the platforms
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
        self.setMinimumWidth(176)

    def add(self, key: str) -> QPushButton:
        button = QPushButton(self)
        button.setObjectName(f"nav_{key}")
        button.setCheckable(True)
        self.group.addButton(button)
        self._layout.insertWidget(self._layout.count() - 1, button)
        self.buttons[key] = button
        return button


class PageStack(QStackedWidget):
    """The pages, sized by the page on screen only: a tall page that is not shown (the devices
    form, say) does not make the others scroll."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.minimumSizeHint().expandedTo(page.minimumSize()) if page is not None else QSize(0, 0)

    def sizeHint(self) -> QSize:
        page = self.currentWidget()
        return page.sizeHint() if page is not None else QSize(0, 0)


class PageScroll(QScrollArea):
    """Holds the page stack below the header: a page needing more room than the window leaves
    (a 1024x768 screen with a title bar and a taskbar) scrolls, instead of pushing the status bar
    off the screen or squeezing its widgets over each other."""

    def __init__(self, stack: QStackedWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("PageScroll")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # neither in the Tab chain nor taking a click's focus
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setWidget(stack)
        self.viewport().setAutoFillBackground(False)
        stack.setAutoFillBackground(False)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, 0)  # whatever the page: it scrolls


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
        self.stack = PageStack(self)
        self.scroll = PageScroll(self.stack, self)
        self._app, self._bridge, self._languages = app, bridge, languages
        self.pages = LazyPages(allowed_pages(user), self._build_page)
        for number, key in enumerate(self.pages, start=1):
            self.nav.add(key).clicked.connect(lambda _=False, k=key: self.show_page(k))
            if number <= 9:  # Ctrl+1 ... Ctrl+9: the pages in the order of the side navigation
                shortcut = QShortcut(QKeySequence(f"Ctrl+{number}"), self)
                shortcut.activated.connect(lambda k=key: self.show_page(k, focus=True))

        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addWidget(self.scroll, 1)
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

    def _build_page(self, key: str) -> Page:
        """Imports the page's screen and builds it (first visit, or a test asking for it)."""
        app, bridge, user = self._app, self._bridge, self.user
        if key == "checkout":
            from ui.screens.checkout import CheckoutPage

            page: Page = CheckoutPage(app, bridge, user, self)
        elif key == "refunds":
            from ui.screens.refunds import RefundsPage

            page = RefundsPage(app, bridge, user, self)
        elif key == "shift":
            from ui.screens.shift import ShiftPage

            page = ShiftPage(app, bridge, user, self)
        elif key == "devices":
            from ui.screens.devices import DevicesPage

            page = DevicesPage(app, bridge, self)
        elif key == "receipts":
            from ui.screens.receipt_history import ReceiptHistoryPage

            page = ReceiptHistoryPage(app, bridge, user, self)
        elif key == "users":
            from ui.screens.users import UsersPage

            page = UsersPage(app, bridge, user, self)
        elif key == "settlement":
            from ui.screens.settlement import SettlementPage

            page = SettlementPage(app, bridge, user, self)
        elif key == "settings":
            from ui.screens.settings import SettingsPage

            page = SettingsPage(app, self._languages, self)
        else:
            raise KeyError(key)
        self.stack.addWidget(page)
        return page

    def show_page(self, key: str, focus: bool = False) -> None:
        """Shows the page; `focus` (a page chosen by its key) also puts the keyboard focus on the
        page's first field, so the keyboard alone carries on from there."""
        page = self.pages[key]
        self.stack.setCurrentWidget(page)
        self.nav.buttons[key].setChecked(True)
        if focus:
            last = page.focusWidget()  # where the page's focus was when it was left
            if last is not None:
                last.setFocus(Qt.FocusReason.ShortcutFocusReason)
            else:
                page.focusNextChild()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        for number, key in enumerate(self.pages, start=1):  # a page not built yet is not built for its label
            button = self.nav.buttons[key]
            button.setText(nav_title(key).replace("&", "&&"))
            if number <= 9:
                button.setToolTip(f"Ctrl+{number}")  # a key, the same in every language
