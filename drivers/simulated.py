"""Simulated devices for demo mode and counters where a device is not configured yet. They
implement the ports for real (status, open/close, a scan stream fed by `emit`), so the rest of
the terminal runs unchanged without hardware."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime, timezone

from pos_terminal.ports import DeviceState, DeviceStatus, ScanEvent


class _SimulatedDevice:
    kind = "device"

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._status = DeviceStatus(self.kind, DeviceState.CLOSED, "simulated")

    def open(self) -> DeviceStatus:
        with self._lock:
            self._status = DeviceStatus(self.kind, DeviceState.READY, "simulated", "simulated device (demo)")
            return self._status

    def close(self) -> None:
        with self._lock:
            self._status = DeviceStatus(self.kind, DeviceState.CLOSED, "simulated")

    def status(self) -> DeviceStatus:
        with self._lock:
            return self._status


class SimulatedScanner(_SimulatedDevice):
    kind = "scanner"

    def __init__(self) -> None:
        super().__init__()
        self._on_scan: Callable[[ScanEvent], None] | None = None

    def start(self, on_scan: Callable[[ScanEvent], None]) -> None:
        self._on_scan = on_scan

    def stop(self) -> None:
        self._on_scan = None

    def emit(self, text: str, symbology: str = "qr") -> None:
        """Delivers a scan as a real scanner would (for the demo and tests)."""
        if self._on_scan is not None:
            self._on_scan(ScanEvent(text, text.encode("utf-8"), symbology, "simulated", datetime.now(timezone.utc)))


class KeyboardWedge(_SimulatedDevice):
    """A USB keyboard-wedge scanner read inside the window: ui/wedge.py's key filter tells its
    bursts from typing and delivers the scans. This device only carries the status."""

    kind = "scanner"

    def open(self) -> DeviceStatus:
        with self._lock:
            self._status = DeviceStatus(self.kind, DeviceState.READY, "keyboard wedge", "scans are read from the keyboard")
            return self._status

    def start(self, on_scan: Callable[[ScanEvent], None]) -> None:
        pass

    def stop(self) -> None:
        pass


class SimulatedPrinter(_SimulatedDevice):
    kind = "printer"

    def __init__(self) -> None:
        super().__init__()
        self.printed: list[object] = []

    def print_document(self, document: object) -> None:
        self.printed.append(document)


class SimulatedDrawer(_SimulatedDevice):
    kind = "drawer"

    def __init__(self) -> None:
        super().__init__()
        self.kicks = 0

    def kick(self) -> None:
        self.kicks += 1

    def is_open(self) -> bool | None:
        return None


class UnsupportedDevice:
    """A configured device kind this build cannot drive: an honest status, not a crash."""

    def __init__(self, kind: str, name: str, detail: str) -> None:
        self.kind = kind
        self._status = DeviceStatus(kind, DeviceState.ERROR, name, detail)

    def open(self) -> DeviceStatus:
        return self._status

    def close(self) -> None:
        pass

    def status(self) -> DeviceStatus:
        return self._status

    def start(self, on_scan) -> None:
        pass

    def stop(self) -> None:
        pass

    def kick(self) -> None:
        raise RuntimeError(self._status.detail)

    def is_open(self) -> bool | None:
        return None

    def print_document(self, document: object) -> None:
        raise RuntimeError(self._status.detail)


class AbsentDevice(UnsupportedDevice):
    """A device the settings say is not there (kind = "none")."""

    def __init__(self, kind: str) -> None:
        super().__init__(kind, "none", "not configured")
        self._status = DeviceStatus(kind, DeviceState.NOT_CONFIGURED, "none", "not configured")
