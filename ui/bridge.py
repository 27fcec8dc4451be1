"""The one bridge from worker and driver threads to the widgets.

Everything that comes back from a device, the sync worker or a background task crosses threads
here and nowhere else: a `post_*` method may be called from any thread; it emits a private signal
whose queued connection re-emits the value (or, for `post_call`, runs the callable) on the thread
the Bridge lives on. Create a Bridge on the GUI thread.

- Device and platform events: `post_device_status`, `post_scan`, `post_sync_state`,
  `post_platform_status`, `post_camera_frame`, `post_photo_frame` re-emit the public signals
  (`device_status`, `scan`, ...) that the screens connect to. The window owns one Bridge for these.
- Anything else: `post_call(fn)` runs `fn()` on the GUI thread. ui/tasks (run_in_background)
  delivers every task's result this way, through the application's Bridge
  (`application_bridge()`), and so do the card terminal's manual-approval questions
  (ui/dialogs/tender_dialogs.py).
Nothing on the GUI thread ever waits for a worker: a worker that needs the cashier's answer waits
on its own thread for a future the GUI thread completes.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot

_APPLICATION_BRIDGE = "pos_terminal_application_bridge"


class Bridge(QObject):
    device_status = Signal(object)  # pos_terminal.ports.DeviceStatus
    scan = Signal(object)  # pos_terminal.ports.ScanEvent
    sync_state = Signal(object)  # pos_terminal.app.facades.SyncState
    platform_status = Signal(object)  # pos_terminal.ports.PlatformStatus
    camera_frame = Signal(object)  # ui.preview.PreviewFrame
    photo_frame = Signal(object)  # QImage: the refund screen's photo camera preview

    _device_status_in = Signal(object)
    _scan_in = Signal(object)
    _sync_state_in = Signal(object)
    _platform_status_in = Signal(object)
    _camera_frame_in = Signal(object)
    _photo_frame_in = Signal(object)
    _call_in = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        queued = Qt.ConnectionType.QueuedConnection
        self._device_status_in.connect(self.device_status, queued)
        self._scan_in.connect(self.scan, queued)
        self._sync_state_in.connect(self.sync_state, queued)
        self._platform_status_in.connect(self.platform_status, queued)
        self._camera_frame_in.connect(self.camera_frame, queued)
        self._photo_frame_in.connect(self.photo_frame, queued)
        self._call_in.connect(self._run, queued)

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

    def post_call(self, fn: Callable[[], object]) -> None:
        """Any thread: `fn()` runs later on the Bridge's (GUI) thread."""
        self._call_in.emit(fn)

    @Slot(object)
    def _run(self, fn: Callable[[], object]) -> None:
        fn()


def application_bridge() -> Bridge:
    """The Bridge parented to the application (made on first use: call that on the GUI thread)."""
    app = QCoreApplication.instance()
    if app is None:
        raise RuntimeError("the bridge needs a QApplication")
    found = app.findChild(Bridge, _APPLICATION_BRIDGE)
    if found is None:
        found = Bridge(app)
        found.setObjectName(_APPLICATION_BRIDGE)
    return found
