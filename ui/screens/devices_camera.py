"""The devices screen's camera tab: the camera for refund photos ([refunds] photo_camera), with a
live preview of its frames and its place saved to the settings file. The preview camera is opened
and closed on a worker; its frames come back through the Bridge (post_call), and it is closed
when the tab or the page is left. A camera that is not there is a status, not a frozen window.
"""

from __future__ import annotations

import logging
from typing import Any

import shiboken6
from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtGui import QHideEvent, QImage, QKeyEvent, QPixmap
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from config.schema import RefundSettings
from pos_terminal.app.facades import App
from pos_terminal.ports import DeviceStatus
from ui.bridge import Bridge
from ui.preview import PREVIEW_WIDTH
from ui.screens.devices_tabs import message_for, polish, status_line
from ui.settings_form import SettingsForm
from ui.tasks import run_in_background
from ui.texts import fill

log = logging.getLogger(__name__)


class _Feed:
    """The camera's frame listener (on the camera's thread): a QImage copy to the GUI thread."""

    def __init__(self, bridge: Bridge, tab: CameraTab) -> None:
        self._bridge, self._tab = bridge, tab
        self.active = True
        self.frames = 0

    def __call__(self, frame: Any, *_rest: Any) -> None:
        if not self.active or frame is None or getattr(frame, "ndim", 0) not in (2, 3):
            return
        h, w = frame.shape[:2]
        fmt = QImage.Format.Format_Grayscale8 if frame.ndim == 2 else QImage.Format.Format_BGR888
        image = QImage(frame.data, w, h, frame.strides[0], fmt).scaledToWidth(PREVIEW_WIDTH)  # scaling copies
        self.frames += 1
        tab = self._tab
        self._bridge.post_call(lambda: tab.show_frame(image, self) if shiboken6.isValid(tab) else None)


def _release(held: dict[str, Any]) -> None:
    """Stops the feed and closes the camera (on a thread of its own: close() joins the camera's)."""
    import threading

    feed, camera = held.pop("feed", None), held.pop("camera", None)
    if feed is not None:
        feed.active = False
    if camera is not None:
        threading.Thread(target=camera.close, name="preview-camera-close", daemon=True).start()


class CameraTab(QWidget):
    device = "camera"
    section = "refunds"

    def __init__(self, app: App, bridge: Bridge, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._bridge = bridge
        self._camera: Any = None
        self._feed: _Feed | None = None
        held: dict[str, Any] = {}  # the camera in use, for closing it when the tab goes without a hide
        self._held = held
        self.destroyed.connect(lambda *_: _release(held))
        self._status: DeviceStatus | None = None
        self._said: tuple[Any, str] | None = None

        card = QFrame(self)
        card.setObjectName("Card")
        self.form = SettingsForm(RefundSettings, ("photo_camera",), card)
        self.form.setObjectName("camera_form")
        self.preview_button = QPushButton(card)
        self.preview_button.setObjectName("Primary")
        self.preview_button.setAutoDefault(True)
        self.preview_button.clicked.connect(self.toggle_preview)
        self.save_button = QPushButton(card)
        self.save_button.setObjectName("save_camera")
        self.save_button.setAutoDefault(True)
        self.save_button.clicked.connect(self.save)
        self.message = QLabel(card)
        self.message.setObjectName("Message")
        self.message.setWordWrap(True)
        self.message.hide()
        self.note = QLabel(card)
        self.note.setObjectName("FieldLabel")
        self.note.setWordWrap(True)
        left = QVBoxLayout(card)
        left.setContentsMargins(14, 10, 14, 10)
        left.setSpacing(8)
        left.addWidget(self.form)
        left.addWidget(self.note)
        left.addWidget(self.preview_button)
        left.addWidget(self.save_button)
        left.addWidget(self.message)
        left.addStretch(1)

        self.state = QLabel(self)
        self.state.setObjectName("Message")
        self.state.setWordWrap(True)
        self.preview = QLabel(self)
        self.preview.setObjectName("PhotoPreview")
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setMinimumSize(320, 240)
        self.preview.setStyleSheet("background: #1f2933; color: #d5dbe1; border-radius: 8px;")
        right = QVBoxLayout()
        right.setSpacing(8)
        right.addWidget(self.state)
        right.addWidget(self.preview, 1)

        row = QHBoxLayout(self)
        row.setContentsMargins(0, 8, 0, 0)
        row.setSpacing(14)
        card.setMinimumWidth(300)
        card.setMaximumWidth(360)
        row.addWidget(card, 2)
        row.addLayout(right, 3)
        self.form.load(app.store.settings.refunds)

    # -- the preview ---------------------------------------------------------------------------
    @property
    def previewing(self) -> bool:
        return self._camera is not None

    def source(self) -> str:
        return str(self.form.values()["photo_camera"]).strip()

    def toggle_preview(self) -> None:
        if self.previewing:
            self.stop_preview()
        else:
            self.start_preview()

    def start_preview(self) -> None:
        source = self.source()
        if not source:
            self.say(lambda: self.tr("Give a camera: its index (0), its device (/dev/video0) or a video file."), "error")
            return
        camera = self._app.devices.preview_camera(source)
        feed = _Feed(self._bridge, self)
        camera.add_frame_listener(feed)
        self._camera, self._feed = camera, feed
        self._held.update(camera=camera, feed=feed)
        self._status = None
        self.message.hide()
        self.state.setText(self.tr("Opening the camera…"))
        polish(self.state, "info")
        self._update_button()
        run_in_background(camera.open, lambda status: self._opened(camera, status),
                          lambda exc: self._open_failed(camera, exc), context=self)

    def _opened(self, camera: Any, status: DeviceStatus) -> None:
        if camera is not self._camera:
            return  # stopped meanwhile
        self._status = status
        self._show_state()
        if not status.usable:
            self.stop_preview(keep_state=True)

    def _open_failed(self, camera: Any, exc: BaseException) -> None:
        log.error("preview camera failed to open", exc_info=exc)
        if camera is self._camera:
            self.stop_preview(keep_state=True)
        self.state.setText(fill(self.tr("The camera could not be opened: %1"), message_for(exc)))
        polish(self.state, "error")

    def stop_preview(self, keep_state: bool = False) -> None:
        camera, feed = self._camera, self._feed
        self._camera = self._feed = None
        self._held.clear()
        if feed is not None:
            feed.active = False
        if camera is not None:
            run_in_background(camera.close)  # joins its thread: not on the GUI thread
        self.preview.clear()
        self.preview.setText(self.tr("Camera preview"))
        if not keep_state:
            self._status = None
            self._show_state()
        self._update_button()

    def show_frame(self, image: QImage, feed: _Feed) -> None:
        if feed is not self._feed:
            return  # a frame of a camera stopped since
        self.preview.setPixmap(QPixmap.fromImage(image))

    def hideEvent(self, event: QHideEvent) -> None:
        self.stop_preview()  # the camera is freed when the tab or the page is left
        super().hideEvent(event)

    # -- saving --------------------------------------------------------------------------------
    def save(self) -> None:
        try:
            chosen = RefundSettings.model_validate({**self._app.store.settings.refunds.model_dump(),
                                                    "photo_camera": self.source()})
        except ValidationError as exc:
            self.say(lambda: fill(self.tr("Check the settings: %1"), message_for(exc)), "error")
            return
        settings = self._app.settings
        user = getattr(self.window(), "user", None)
        path = settings.save_target()
        values = chosen.model_dump(mode="json")
        self.save_button.setEnabled(False)

        def saved(_settings: Any) -> None:
            self.save_button.setEnabled(True)
            self.say(lambda: fill(self.tr("Saved to %1. Refund photos are taken with this camera after the next start."),
                                  str(path)), "info")

        def failed(exc: BaseException) -> None:
            self.save_button.setEnabled(True)
            self.say(lambda: fill(self.tr("Not saved: %1"), message_for(exc)), "error")

        run_in_background(lambda: settings.save_section("refunds", values, user=user), saved, failed, context=self)

    # -- texts ---------------------------------------------------------------------------------
    def say(self, text: Any, tone: str) -> None:
        self._said = (text, tone)
        self.message.setText(text())
        polish(self.message, tone)
        self.message.show()

    def _show_state(self) -> None:
        if self._status is None:
            self.state.setText(self.tr("Camera: not previewing"))
            polish(self.state, "info")
            return
        self.state.setText(fill(self.tr("Camera: %1"), status_line(self._status)))
        polish(self.state, "info" if self._status.usable else "error")

    def _update_button(self) -> None:
        self.preview_button.setText(self.tr("Stop the preview") if self.previewing else self.tr("Start the preview"))

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            event.accept()
            self.toggle_preview()
            return
        super().keyPressEvent(event)

    def set_suggestions(self, cameras: list[tuple[str, str]]) -> None:
        self.form.set_suggestions("photo_camera", cameras)

    def retranslate(self) -> None:
        self.form.set_label("photo_camera", self.tr("Camera for refund photos (index, device or video file)"))
        self.note.setText(self.tr("The preview shows what the camera sees; it is closed when you leave this tab."))
        self.save_button.setText(self.tr("Save to settings"))
        self._update_button()
        self._show_state()
        if self.preview.pixmap() is None or self.preview.pixmap().isNull():
            self.preview.setText(self.tr("Camera preview"))
        if self._said is not None and self.message.isVisibleTo(self):
            self.say(*self._said)
