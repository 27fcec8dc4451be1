"""The frame every main page shares: a title, a one-line lead, and the page's own content.

Subclasses return their texts from `title()`, `nav_title()` and `lead()` (calling self.tr in the
subclass, so each page keeps its own translation context) and refresh their own widgets in
`retranslate_content()`.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout, QWidget


class Page(QWidget):
    key = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"page_{self.key}")
        self._title = QLabel(self)
        self._title.setObjectName("PageTitle")
        self._lead = QLabel(self)
        self._lead.setObjectName("PageLead")
        self._lead.setWordWrap(True)
        self.content = QVBoxLayout()
        self.content.setSpacing(12)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)  # fits 1024x768 with a title bar and taskbar (issue 15)
        layout.setSpacing(4)
        layout.addWidget(self._title)
        layout.addWidget(self._lead)
        layout.addSpacing(10)
        layout.addLayout(self.content, 1)

    def title(self) -> str:
        raise NotImplementedError

    def nav_title(self) -> str:
        return self.title()

    def lead(self) -> str:
        raise NotImplementedError

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        self._title.setText(self.title())
        self._lead.setText(self.lead())
        self.retranslate_content()

    def retranslate_content(self) -> None:
        pass


class ComingSoon(QFrame):
    """A calm card saying what this page will hold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Card")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setObjectName("PageLead")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.label)

    def set_text(self, text: str) -> None:
        self.label.setText(text)


class PlaceholderPage(Page):
    """A page whose real content comes with a later feature: its title, lead and a card saying
    what it will hold (`coming_next()`, translated in the subclass)."""

    def __init__(self, parent: QWidget | None = None, *, finished: bool = True) -> None:
        """With finished=False the subclass adds its own widgets below the card, then a stretch,
        then calls retranslate_ui() itself."""
        super().__init__(parent)
        self._card = ComingSoon(self)
        self.content.addWidget(self._card)
        if finished:
            self.content.addStretch(1)
            self.retranslate_ui()

    def coming_next(self) -> str:
        raise NotImplementedError

    def retranslate_content(self) -> None:
        self._card.set_text(self.coming_next())
