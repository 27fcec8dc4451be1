"""The band at the top of the signed-in pages: store, terminal, who is signed in, the time, and
Sign out."""

from __future__ import annotations


from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from pos_terminal.app.facades import App
from pos_terminal.services.users import SignedIn
from ui.texts import fill, role_name


class Header(QWidget):
    sign_out_requested = Signal()

    def __init__(self, app: App, user: SignedIn, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._app = app
        self._user = user
        self._zone = app.store.zone
        self.store = QLabel(app.store.store_name, self)
        self.store.setObjectName("StoreName")
        self.terminal_label = QLabel(self)
        self.terminal_label.setObjectName("HeaderDetail")
        self.user_label = QLabel(self)
        self.user_label.setObjectName("UserName")
        self.role_label = QLabel(self)
        self.role_label.setObjectName("HeaderDetail")
        self.clock = QLabel(self)
        self.clock.setObjectName("Clock")
        self.sign_out_button = QPushButton(self)
        self.sign_out_button.setObjectName("sign_out")
        self.sign_out_button.clicked.connect(self.sign_out_requested)

        store_box = QVBoxLayout()
        store_box.setSpacing(0)
        store_box.addWidget(self.store)
        store_box.addWidget(self.terminal_label)
        user_box = QVBoxLayout()
        user_box.setSpacing(0)
        user_box.addWidget(self.user_label)
        user_box.addWidget(self.role_label)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(20, 5, 12, 5)  # a low band: the pages need the height
        layout.setSpacing(24)
        layout.addLayout(store_box)
        layout.addStretch(1)
        layout.addLayout(user_box)
        layout.addWidget(self.clock)
        layout.addWidget(self.sign_out_button)

        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(1000)
        self._tick()
        self.retranslate_ui()

    def _tick(self) -> None:
        self.clock.setText(self._app.store.now().astimezone(self._zone).strftime("%H:%M"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self.terminal_label.setText(fill(self.tr("Terminal %1"), self._app.store.terminal_id))
        self.user_label.setText(self._user.display_name)
        self.role_label.setText(fill(self.tr("%1 · user %2"), role_name(self._user.role), self._user.username))
        self.sign_out_button.setText(self.tr("Sign out"))
