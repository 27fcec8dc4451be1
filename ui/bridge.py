"""The one bridge from worker and driver threads to the widgets.

Threading rule: the `post_*` methods may be called from any thread (device callbacks, the sync
worker, background tasks). Each re-emits its value through a queued connection, so the public
signals (`device_status`, `scan`, `sync_state`, `platform_status`, `camera_frame`) are always emitted on the
thread the Bridge lives on: create it on the GUI thread.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal


class Bridge(QObject):
    device_status = Signal(object)  # pos_terminal.ports.DeviceStatus
    scan = Signal(object)  # pos_terminal.ports.ScanEvent
    sync_state = Signal(object)  # pos_terminal.bootstrap.SyncState
    platform_status = Signal(object)  # pos_terminal.ports.PlatformStatus
    camera_frame = Signal(object)  # ui.preview.PreviewFrame
    photo_frame = Signal(object)  # QImage: the refund screen's photo camera preview

    _device_status_in = Signal(object)
    _scan_in = Signal(object)
    _sync_state_in = Signal(object)
    _platform_status_in = Signal(object)
    _camera_frame_in = Signal(object)
    _photo_frame_in = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        queued = Qt.ConnectionType.QueuedConnection
        self._device_status_in.connect(self.device_status, queued)
        self._scan_in.connect(self.scan, queued)
        self._sync_state_in.connect(self.sync_state, queued)
        self._platform_status_in.connect(self.platform_status, queued)
        self._camera_frame_in.connect(self.camera_frame, queued)
        self._photo_frame_in.connect(self.photo_frame, queued)

    def post_device_status(self, status) -> None:
        self._device_status_in.emit(status)

    def post_scan(self, event) -> None:
        self._scan_in.emit(event)

    def post_sync_state(self, state) -> None:
        self._sync_state_in.emit(state)

    def post_platform_status(self, status) -> None:
        self._platform_status_in.emit(status)

    def post_camera_frame(self, frame) -> None:
        self._camera_frame_in.emit(frame)

    def post_photo_frame(self, image) -> None:
        self._photo_frame_in.emit(image)
