"""The camera for photos of a defect: no decoding, just the latest frame, on demand.

`open()` (blocking: a worker's job) opens cv2.VideoCapture on the source (an index, /dev/videoN
or a video file, which plays at its own frame rate and loops: a video file is a camera in tests)
and starts a capture thread that keeps only the newest frame. `capture()` returns a copy of it
(waiting up to `timeout_s` for the first one). Frame listeners (the preview) run on the capture
thread at most about 10 times a second and must return quickly. `close()` stops the thread and
frees the device.

Where the scanner is a camera on the same source, `SharedPhotoCamera` takes the frames the
scanner already delivers (CameraScanner.add_frame_listener) instead of opening the device twice.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections.abc import Callable

from pos_terminal.ports import DeviceState, DeviceStatus

log = logging.getLogger(__name__)

LISTENER_INTERVAL_S = 0.1


class PhotoCameraError(RuntimeError):
    pass


def _target(source: str):
    source = str(source).strip()
    return int(source) if source.isdigit() else source


class PhotoCamera:
    kind = "photo_camera"

    def __init__(self, source: str, width: int = 1280, height: int = 720) -> None:
        self.source = str(source)
        self.width, self.height = width, height
        self._cap = None
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._frame = None
        self._frame_at = 0.0
        self._have_frame = threading.Condition()
        self._listeners: list[Callable] = []
        self._status = DeviceStatus(self.kind, DeviceState.CLOSED, self.source, "")

    def status(self) -> DeviceStatus:
        return self._status

    @property
    def is_file(self) -> bool:
        return not self.source.isdigit() and not self.source.startswith("/dev/") and os.path.isfile(self.source)

    def add_frame_listener(self, listener: Callable) -> None:
        self._listeners.append(listener)

    def remove_frame_listener(self, listener: Callable) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def open(self) -> DeviceStatus:
        import cv2

        if self._thread is not None and self._thread.is_alive():
            return self._status
        target = _target(self.source)
        if isinstance(target, str) and not self.is_file and not os.path.exists(target):
            self._status = DeviceStatus(self.kind, DeviceState.ERROR, self.source,
                                        f"no camera at {self.source}: plug one in, or use image files")
            return self._status
        cap = cv2.VideoCapture(target) if self.is_file else cv2.VideoCapture(target, cv2.CAP_V4L2)
        if not cap.isOpened():
            cap.release()
            self._status = DeviceStatus(self.kind, DeviceState.ERROR, self.source,
                                        f"camera {self.source} did not open: plug one in, or use image files")
            return self._status
        if not self.is_file:
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.width)
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.height)
            cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        interval = 1.0 / fps if self.is_file and 1.0 <= fps <= 120.0 else 0.0
        self._cap = cap
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, args=(cap, interval), name="photo-camera", daemon=True)
        self._thread.start()
        self._status = DeviceStatus(self.kind, DeviceState.READY, self.source, "")
        return self._status

    def _run(self, cap, interval: float) -> None:
        import cv2

        last_listener = 0.0
        failures = 0
        while not self._stop.is_set():
            started = time.monotonic()
            ok, frame = cap.read()
            if not ok or frame is None:
                if self.is_file and cap.set(cv2.CAP_PROP_POS_FRAMES, 0):
                    continue
                failures += 1
                if failures > 20:
                    self._status = DeviceStatus(self.kind, DeviceState.ERROR, self.source, "the camera stopped "
                                                "giving frames: check its cable, or use image files")
                    break
                time.sleep(0.05)
                continue
            failures = 0
            with self._have_frame:
                self._frame, self._frame_at = frame, time.monotonic()
                self._have_frame.notify_all()
            now = time.monotonic()
            if self._listeners and now - last_listener >= LISTENER_INTERVAL_S:
                last_listener = now
                for listener in list(self._listeners):
                    try:
                        listener(frame)
                    except Exception:
                        log.exception("photo camera frame listener failed")
            if interval:
                left = interval - (time.monotonic() - started)
                if left > 0:
                    self._stop.wait(left)
        cap.release()

    def capture(self, timeout_s: float = 3.0):
        """A copy of the newest frame (BGR). Raises PhotoCameraError when there is none."""
        deadline = time.monotonic() + timeout_s
        with self._have_frame:
            while self._frame is None:
                left = deadline - time.monotonic()
                if left <= 0 or self._thread is None:
                    raise PhotoCameraError(f"no picture from camera {self.source}; use image files instead")
                self._have_frame.wait(left)
            return self._frame.copy()

    def close(self) -> None:
        self._stop.set()
        thread, self._thread = self._thread, None
        if thread is not None:
            thread.join(timeout=3)
        self._cap = None
        with self._have_frame:
            self._frame = None
        self._status = DeviceStatus(self.kind, DeviceState.CLOSED, self.source, "")


class SharedPhotoCamera:
    """Photos from the scanner's own camera (CameraScanner): its frames, no second device."""

    kind = "photo_camera"

    def __init__(self, scanner) -> None:
        self.scanner = scanner
        self.source = getattr(getattr(scanner, "settings", None), "source", "scanner")
        self._frame = None
        self._listeners: list[Callable] = []
        self._have_frame = threading.Condition()
        self._attached = False

    def _on_frame(self, frame, *_rest) -> None:
        with self._have_frame:
            self._frame = frame
            self._have_frame.notify_all()
        for listener in list(self._listeners):
            try:
                listener(frame)
            except Exception:
                log.exception("photo camera frame listener failed")

    def status(self) -> DeviceStatus:
        status = self.scanner.status()
        return DeviceStatus(self.kind, status.state, str(self.source), status.detail)

    def add_frame_listener(self, listener: Callable) -> None:
        self._listeners.append(listener)

    def remove_frame_listener(self, listener: Callable) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def open(self) -> DeviceStatus:
        if not self._attached:
            self.scanner.add_frame_listener(self._on_frame)
            self._attached = True
        return self.status()

    def capture(self, timeout_s: float = 3.0):
        deadline = time.monotonic() + timeout_s
        with self._have_frame:
            while self._frame is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise PhotoCameraError("no picture from the scanner's camera; use image files instead")
                self._have_frame.wait(left)
            return self._frame.copy()

    def close(self) -> None:
        remove = getattr(self.scanner, "remove_frame_listener", None)
        if remove is not None and self._attached:
            remove(self._on_frame)
        self._attached = False
        self._frame = None
