"""The common shape of every scanner that reads on its own thread (serial, evdev, camera, files).

A subclass implements three hooks; this class owns the thread, the stop event, the status and the
reconnect loop, so each source only says how to connect, read and disconnect:

- `_connect()` opens the device and returns a short detail for the status ("9600 8N1"); it raises
  `DeviceUnavailable` (or OSError) with a message naming the cause and what to do.
- `_read()` blocks for at most about `READ_SLICE_S` and returns the scans completed meanwhile (often
  none). It raises `DeviceLost` (or OSError) when the device went away; the loop then disconnects,
  shows the error and reconnects with backoff. It must not swallow errors.
- `_disconnect()` releases the device; it is called on the reader thread, never twice in a row.
- `_interrupt()` (optional) wakes a `_read()` that is blocked, so `stop()` returns promptly.

Threading rule: `open()`, `start()`, `stop()` and `close()` may be called from any one controlling
thread (a worker, never the GUI thread for `open()`); `on_scan` and the status listener are called
on the reader thread. A callback that raises is logged and does not stop the reader.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from drivers.status_listeners import notify
from pos_terminal.ports import DeviceState, DeviceStatus, ScanEvent

log = logging.getLogger(__name__)

READ_SLICE_S = 0.1


class DeviceUnavailable(Exception):
    """The device cannot be opened now; the message says why and what to do."""


class DeviceLost(Exception):
    """The device went away while reading (unplugged, port vanished, camera stopped)."""


class Backoff:
    """Exponential reconnect delays: initial, initial*factor, ... capped at maximum."""

    def __init__(self, initial_s: float = 0.25, maximum_s: float = 5.0, factor: float = 2.0) -> None:
        self.initial_s, self.maximum_s, self.factor = initial_s, maximum_s, factor
        self._next = initial_s

    def next(self) -> float:
        delay = self._next
        self._next = min(self.maximum_s, self._next * self.factor)
        return delay

    def reset(self) -> None:
        self._next = self.initial_s


class ThreadedScanner:
    kind = "scanner"

    def __init__(self, name: str, *, source: str, backoff: Backoff | None = None) -> None:
        self.name = name  # what the technician configured, shown in the status
        self.source = source  # ScanEvent.source: "serial:/dev/ttyACM0", "camera:0", ...
        self._backoff = backoff or Backoff()
        self._lock = threading.Lock()
        self._status = DeviceStatus(self.kind, DeviceState.CLOSED, name)
        self._status_listeners: list[Callable[[DeviceStatus], None]] = []
        self._on_scan: Callable[[ScanEvent], None] | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._connected = False

    # -- hooks ---------------------------------------------------------------------------------
    def _connect(self) -> str:
        raise NotImplementedError

    def _read(self) -> list[ScanEvent]:
        raise NotImplementedError

    def _disconnect(self) -> None:
        raise NotImplementedError

    def _interrupt(self) -> None:
        pass

    # -- status ----------------------------------------------------------------------------------
    def add_status_listener(self, listener: Callable[[DeviceStatus], None]) -> None:
        """`listener` is called on the reader thread at every status change after open()."""
        self._status_listeners.append(listener)

    def status(self) -> DeviceStatus:
        with self._lock:
            return self._status

    def _set_status(self, state: DeviceState, detail: str = "") -> DeviceStatus:
        status = DeviceStatus(self.kind, state, self.name, detail)
        with self._lock:
            changed = status != self._status
            self._status = status
        if changed:
            notify(self._status_listeners, status)
        return status

    # -- lifecycle -----------------------------------------------------------------------------
    def open(self) -> DeviceStatus:
        """Tries to connect once. A failure is a status (ERROR with the reason); `start()` then
        keeps retrying in the background, so a scanner plugged in later starts working."""
        if self._connected:
            return self.status()
        self._set_status(DeviceState.OPENING, "opening")
        try:
            detail = self._connect()
        except (DeviceUnavailable, OSError) as exc:
            return self._set_status(DeviceState.ERROR, _reason(exc))
        self._connected = True
        self._backoff.reset()
        return self._set_status(DeviceState.READY, detail)

    def start(self, on_scan: Callable[[ScanEvent], None]) -> None:
        self._on_scan = on_scan
        if self._thread is not None and self._thread.is_alive():
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, name=f"scanner {self.source}", daemon=True)
        self._thread.start()

    def stop(self, timeout_s: float = 2.0) -> None:
        self._stop.set()
        self._interrupt()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout_s)
            if thread.is_alive():
                log.error("scanner reader did not stop in time", extra={"source": self.source})
        self._thread = None
        self._on_scan = None

    def close(self) -> None:
        self.stop()
        if self._connected:
            self._safe_disconnect()
        self._set_status(DeviceState.CLOSED, "")

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    # -- the reader thread -----------------------------------------------------------------------
    def _loop(self) -> None:
        while not self._stop.is_set():
            if not self._connected:
                if self.open().usable:
                    continue
                delay = self._backoff.next()
                self._set_status(DeviceState.ERROR, f"{self.status().detail}; retrying in {delay:.1f} s")
                self._stop.wait(delay)
                continue
            try:
                events = self._read()
            except (DeviceLost, OSError) as exc:
                log.warning("scanner lost", extra={"source": self.source, "error": _reason(exc)})
                self._safe_disconnect()
                self._set_status(DeviceState.ERROR, f"disconnected: {_reason(exc)}")
                continue
            except Exception as exc:  # a bug in a source must show, not kill the reader silently
                log.exception("scanner read failed", extra={"source": self.source})
                self._safe_disconnect()
                self._set_status(DeviceState.ERROR, f"read failed: {exc!r}")
                self._stop.wait(self._backoff.next())
                continue
            for event in events:
                self._deliver(event)
        if self._connected:
            self._safe_disconnect()

    def _deliver(self, event: ScanEvent) -> None:
        callback = self._on_scan
        if callback is None:
            return
        try:
            callback(event)
        except Exception:
            log.exception("scan callback failed", extra={"source": self.source})

    def _safe_disconnect(self) -> None:
        self._connected = False
        try:
            self._disconnect()
        except Exception:
            log.exception("scanner disconnect failed", extra={"source": self.source})


def _reason(exc: BaseException) -> str:
    text = str(exc).strip()
    return text or exc.__class__.__name__


def monotonic_ms_since(start: float) -> float:
    return (time.monotonic() - start) * 1000.0
