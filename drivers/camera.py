"""A webcam, or a video file played as one, as a scanner.

Two threads per camera: the capture thread reads frames as fast as the device (or, for a file, the
file's own frame rate) delivers them into a one-slot handoff where the latest frame wins; the
reader thread (ThreadedScanner's) takes the newest frame, decodes it and turns codes into scans.
When decoding is slower than the camera, frames are dropped, never queued: a scan is never
seconds behind the code in front of the lens.

Threading rule: frame listeners and `on_scan` run on the reader thread; a listener gets the BGR
frame at most about 10 times a second, must return quickly and must treat the frame as read-only
(copy it to paint on it; the camera never touches it again, so keeping it is fine). `fps`, `finished` and `status()` may be read from any thread.
"""

from __future__ import annotations

import logging
import os
import threading
import time
from collections import deque
from collections.abc import Callable
from typing import NamedTuple

from config.schema import CameraSettings
from drivers.decoding import Decoded, DecodePipeline, to_event
from drivers.scan_source import READ_SLICE_S, DeviceLost, DeviceUnavailable, ThreadedScanner
from pos_terminal.ports import DeviceState, ScanEvent

log = logging.getLogger(__name__)

LISTENER_INTERVAL_S = 0.1  # frame listeners: at most about 10 calls a second
LOST_AFTER_FAILURES = 10  # consecutive failed reads of a device before it counts as gone
LOST_AFTER_S = 2.0  # ... or this long without a frame
RATE_WINDOW_S = 2.0


class FrameRates(NamedTuple):
    captured: float  # frames per second the camera (or file) delivered
    decoded: float  # frames per second the decoder got through


# listener(frame_bgr, decoded, captured_fps); `CameraScanner.fps` has both rates
FrameListener = Callable[[object, list[Decoded], float], None]

_EOF = "end of file"


def parse_camera_source(spec: str) -> tuple[str, str]:
    """("camera", index-or-path) or ("video", path) for "camera:0", "video:clip.avi", "0",
    "/dev/video0" or "clip.avi"."""
    spec = spec.strip()
    kind, sep, rest = spec.partition(":")
    if sep and kind in ("camera", "video"):
        return kind, rest.strip()
    if spec.isdigit() or spec.startswith("/dev/"):
        return "camera", spec
    return "video", spec


class _RateMeter:
    def __init__(self) -> None:
        self._ticks: deque[float] = deque()
        self._lock = threading.Lock()

    def tick(self, now: float) -> None:
        with self._lock:
            self._ticks.append(now)
            while self._ticks and now - self._ticks[0] > RATE_WINDOW_S:
                self._ticks.popleft()

    def rate(self) -> float:
        now = time.monotonic()
        with self._lock:
            ticks = [t for t in self._ticks if now - t <= RATE_WINDOW_S]
        if len(ticks) < 2:
            return 0.0
        span = max(now - ticks[0], ticks[-1] - ticks[0])
        return (len(ticks) - 1) / span if span > 0 else 0.0

    def clear(self) -> None:
        with self._lock:
            self._ticks.clear()


class CameraScanner(ThreadedScanner):
    def __init__(self, settings: CameraSettings, *, source: str | None = None,
                 pipeline: DecodePipeline | None = None, loop_file: bool = False) -> None:
        configured = source if source is not None else settings.source
        self.input_kind, self.target = parse_camera_source(configured)
        if not self.target:
            raise ValueError(f"camera source {configured!r}: give a device index, /dev/videoN or a video file path")
        super().__init__(configured, source=f"{self.input_kind}:{self.target}")
        self.settings = settings
        self.pipeline = pipeline or DecodePipeline(settings.decoder)
        self.loop_file = loop_file
        self.finished = threading.Event()  # set when a video file has ended (loop_file=False)
        self._repeat_s = settings.repeat_window_ms / 1000.0
        self._last_seen: dict[tuple[str, str], float] = {}
        self._listeners: list[FrameListener] = []
        self._last_listener_call = 0.0
        self._captured = _RateMeter()
        self._decoded = _RateMeter()
        self._cap = None
        self._capture_thread: threading.Thread | None = None
        self._capture_stop = threading.Event()
        self._handoff = threading.Condition()
        self._slot: tuple[object, float] | None = None  # (frame, time.monotonic() at capture)
        self._end: str | None = None  # _EOF, or why the device stopped

    # -- public --------------------------------------------------------------------------------
    @property
    def is_file(self) -> bool:
        return self.input_kind == "video"

    @property
    def fps(self) -> FrameRates:
        return FrameRates(round(self._captured.rate(), 1), round(self._decoded.rate(), 1))

    def add_frame_listener(self, listener: FrameListener) -> None:
        """`listener(frame_bgr, decoded, fps)` with fps the captured frames per second (a float);
        see the module's threading rule."""
        self._listeners.append(listener)

    def remove_frame_listener(self, listener: FrameListener) -> None:
        try:
            self._listeners.remove(listener)
        except ValueError:
            pass

    # -- ThreadedScanner hooks -------------------------------------------------------------------
    def _connect(self) -> str:
        import cv2

        self.finished.clear()
        self._last_seen.clear()
        self._captured.clear()
        self._decoded.clear()
        cap, detail, frame_interval = self._open_capture(cv2)
        with self._handoff:
            self._slot, self._end = None, None
        self._cap = cap
        self._capture_stop.clear()
        self._capture_thread = threading.Thread(target=self._capture_loop, args=(cap, frame_interval),
                                                name=f"capture {self.source}", daemon=True)
        self._capture_thread.start()
        return detail

    def _read(self) -> list[ScanEvent]:
        with self._handoff:
            if self._slot is None and self._end is None:
                self._handoff.wait(READ_SLICE_S)
            item, end = self._slot, self._end
            self._slot = None
        if item is None:
            if end == _EOF:
                self._finish()
            elif end is not None:
                raise DeviceLost(end)
            return []
        frame, captured_at = item
        decoded = self.pipeline.decode(frame)
        now = time.monotonic()
        self._decoded.tick(now)
        self._notify_listeners(frame, decoded, now)
        return [to_event(d, self.source, captured_at) for d in decoded if self._is_new(d, captured_at)]

    def _disconnect(self) -> None:
        self._capture_stop.set()
        thread = self._capture_thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(2.0)
            if thread.is_alive():
                log.error("camera capture did not stop in time", extra={"source": self.source})
        self._capture_thread = None
        cap, self._cap = self._cap, None
        if cap is not None and (thread is None or not thread.is_alive()):
            cap.release()

    def _interrupt(self) -> None:
        with self._handoff:
            self._handoff.notify_all()

    # -- opening -----------------------------------------------------------------------------------
    def _open_capture(self, cv2):
        if self.is_file:
            if not os.path.isfile(self.target):
                raise DeviceUnavailable(f"video file {self.target} not found; check [scanner.camera] source")
            cap = cv2.VideoCapture(self.target)
            if not cap.isOpened():
                cap.release()
                raise DeviceUnavailable(f"video file {self.target} cannot be played: not a video OpenCV can read "
                                        "(use .avi with MJPG or .mp4)")
            fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
            fps = fps if 1.0 <= fps <= 240.0 else 30.0
            width, height = int(cap.get(cv2.CAP_PROP_FRAME_WIDTH)), int(cap.get(cv2.CAP_PROP_FRAME_HEIGHT))
            return cap, f"video file, {width}x{height} at {fps:.0f} fps", 1.0 / fps

        device = int(self.target) if self.target.isdigit() else self.target
        path = f"/dev/video{device}" if isinstance(device, int) else device
        if not os.path.exists(path):
            raise DeviceUnavailable(f"camera {self.target} not found: {path} does not exist; check the USB cable, "
                                    "or set [scanner.camera] source to the right index or /dev/videoN")
        if not os.access(path, os.R_OK | os.W_OK):
            raise DeviceUnavailable(f"camera {self.target} cannot be opened: no permission on {path}; "
                                    "add the terminal's user to the 'video' group")
        cap = cv2.VideoCapture(device, cv2.CAP_V4L2)
        if not cap.isOpened():
            cap.release()
            raise DeviceUnavailable(f"camera {self.target} not found: {path} does not open as a video capture "
                                    "device (busy in another program, or not a camera)")
        cap.set(cv2.CAP_PROP_FOURCC, cv2.VideoWriter_fourcc(*"MJPG"))  # 720p at full rate on USB 2
        cap.set(cv2.CAP_PROP_FRAME_WIDTH, self.settings.width)
        cap.set(cv2.CAP_PROP_FRAME_HEIGHT, self.settings.height)
        cap.set(cv2.CAP_PROP_BUFFERSIZE, 1)
        ok, frame = cap.read()
        if not ok or frame is None:
            cap.release()
            raise DeviceUnavailable(f"camera {self.target} opened but delivers no picture; unplug and replug it, "
                                    "or close other programs that use it")
        height, width = frame.shape[:2]
        fps = cap.get(cv2.CAP_PROP_FPS) or 0.0
        rate = f" at {fps:.0f} fps" if fps > 0 else ""
        return cap, f"camera {path}, {width}x{height}{rate}", 0.0

    # -- the capture thread ----------------------------------------------------------------------
    def _capture_loop(self, cap, frame_interval: float) -> None:
        import cv2

        failures = 0
        last_frame_at = time.monotonic()
        next_due = time.monotonic()
        while not self._capture_stop.is_set():
            if frame_interval:  # a file plays at its own frame rate, as a camera would deliver it
                delay = next_due - time.monotonic()
                if delay > 0 and self._capture_stop.wait(delay):
                    break
                next_due = max(next_due + frame_interval, time.monotonic() - frame_interval)
            try:
                ok, frame = cap.read()
            except cv2.error as exc:
                ok, frame = False, None
                log.debug("camera read raised: %s", exc)
            now = time.monotonic()
            if ok and frame is not None:
                failures, last_frame_at = 0, now
                self._captured.tick(now)
                with self._handoff:
                    self._slot = (frame, now)
                    self._handoff.notify_all()
                continue
            if self.is_file:
                if self.loop_file and cap.set(cv2.CAP_PROP_POS_FRAMES, 0):
                    continue
                self._end_capture(_EOF)
                return
            failures += 1
            if failures >= LOST_AFTER_FAILURES or now - last_frame_at > LOST_AFTER_S:
                self._end_capture(f"camera {self.target} stopped delivering frames (unplugged?)")
                return
            self._capture_stop.wait(0.05)

    def _end_capture(self, why: str) -> None:
        with self._handoff:
            self._end = why
            self._handoff.notify_all()

    # -- the reader thread -------------------------------------------------------------------------
    def _finish(self) -> None:
        """The file has ended and its last frame was decoded: stop for good (no reconnect)."""
        self._set_status(DeviceState.CLOSED, _EOF)
        self._stop.set()
        self.finished.set()

    def _is_new(self, d: Decoded, seen_at: float) -> bool:
        key = (d.symbology, d.text)
        last = self._last_seen.get(key)
        self._last_seen[key] = seen_at
        if len(self._last_seen) > 256:
            for k, t in list(self._last_seen.items()):
                if seen_at - t > self._repeat_s:
                    del self._last_seen[k]
        return last is None or seen_at - last > self._repeat_s

    def _notify_listeners(self, frame, decoded: list[Decoded], now: float) -> None:
        if not self._listeners or now - self._last_listener_call < LISTENER_INTERVAL_S:
            return
        self._last_listener_call = now
        captured_fps = self.fps.captured
        for listener in list(self._listeners):
            try:
                listener(frame, decoded, captured_fps)
            except Exception:
                log.exception("frame listener failed", extra={"source": self.source})
