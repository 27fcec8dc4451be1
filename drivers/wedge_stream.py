"""A keyboard wedge read from a byte stream: standard input of `pos-terminal scan --source wedge`
(a scanner typing into the terminal window), a pipe, a pty.

Framing: a line break (CR, LF or CRLF) always ends a scan, because a terminal delivers input by
lines; terminator "tab" also ends one at a Tab, "custom" at `custom_terminator`. "enter" and
"none" differ only at end of input: with "none" the unterminated rest is a scan too. Scans
shorter than `min_length` are dropped. Input that is not UTF-8 and lines longer than
MAX_LINE_BYTES are discarded with a WARNING status; the reader goes on with the next line.
"""

from __future__ import annotations

import logging
import os
import select
import threading
import time
from datetime import datetime, timezone

from drivers.scan_source import READ_SLICE_S, DeviceLost, DeviceUnavailable, ThreadedScanner
from pos_terminal.ports import DeviceState, ScanEvent

log = logging.getLogger(__name__)

MAX_LINE_BYTES = 16 * 1024  # a QR holds at most ~7 KB of digits; vouchers stay under 400 characters
_CHUNK = 4096


class LineWedgeScanner(ThreadedScanner):
    """Threading rule: as ThreadedScanner. `finished` is set on the reader thread at end of input;
    the scans before it have been delivered by then."""

    def __init__(self, stream, *, terminator: str = "enter", min_length: int = 1, source: str = "wedge",
                 custom_terminator: str = "", name: str | None = None) -> None:
        if terminator not in ("enter", "tab", "none", "custom"):
            raise ValueError(f"unknown terminator {terminator!r}; use enter, tab, none or custom")
        if terminator == "custom" and not custom_terminator:
            raise ValueError("terminator 'custom' needs custom_terminator ([scanner.wedge] custom_terminator)")
        super().__init__(name or source, source=source)
        self.stream = stream
        self.terminator = terminator
        self.min_length = max(1, min_length)
        self.finished = threading.Event()
        self._separators = [b"\r\n", b"\r", b"\n"]
        if terminator == "tab":
            self._separators.append(b"\t")
        elif terminator == "custom":
            self._separators.insert(0, custom_terminator.encode("utf-8"))
        self._fd: int | None = None
        self._buf = bytearray()
        self._skipping = False  # inside an over-long line: discard up to its terminator
        self._first_input = 0.0
        self._eof = False

    # -- hooks ---------------------------------------------------------------------------------
    def _connect(self) -> str:
        if self._eof:
            return "end of input"
        try:
            self._fd = self.stream.fileno()
        except (AttributeError, OSError, ValueError):
            self._fd = None  # an in-memory stream: plain blocking reads
        if self._fd is None and not hasattr(self.stream, "read"):
            raise DeviceUnavailable(f"{self.source}: the input is not a readable stream")
        return "reading lines from standard input" if self._fd == 0 else "reading lines"

    def _read(self) -> list[ScanEvent]:
        if self._eof:
            self._stop.wait(READ_SLICE_S)
            return []
        chunk = self._read_chunk()
        if chunk is None:
            return []
        now = time.monotonic()
        if not chunk:
            return self._end_of_input(now)
        if not self._buf and not self._skipping:
            self._first_input = now
        self._buf += chunk
        return self._frames(now)

    def _disconnect(self) -> None:
        self._fd = None  # the stream belongs to the caller; it is not closed here

    # -- framing -------------------------------------------------------------------------------
    def _read_chunk(self) -> bytes | None:
        """Up to _CHUNK bytes, b"" at end of input, None when nothing came within READ_SLICE_S."""
        fd = self._fd
        if fd is None:
            reader = getattr(self.stream, "read1", None) or self.stream.read
            data = reader(_CHUNK)
            return data.encode("utf-8") if isinstance(data, str) else bytes(data)
        try:
            readable, _, _ = select.select([fd], [], [], READ_SLICE_S)
        except (OSError, ValueError) as exc:
            raise DeviceLost(f"{self.source}: input closed: {exc}") from None
        if not readable:
            return None
        try:
            return os.read(fd, _CHUNK)
        except BlockingIOError:
            return None

    def _frames(self, now: float) -> list[ScanEvent]:
        events = []
        while True:
            cut = self._find_separator()
            if cut is None:
                break
            start, end = cut
            line = bytes(self._buf[:start])
            del self._buf[:end]
            if self._skipping:
                self._skipping = False
            else:
                event = self._event(line, now)
                if event is not None:
                    events.append(event)
            self._first_input = now
        if len(self._buf) > MAX_LINE_BYTES:
            self._buf.clear()
            if not self._skipping:
                self._skipping = True
                log.warning("wedge input line too long; discarded", extra={"source": self.source, "limit": MAX_LINE_BYTES})
                self._set_status(DeviceState.WARNING,
                                 f"discarded a line longer than {MAX_LINE_BYTES} bytes without a terminator; "
                                 "check the scanner's suffix setting")
        return events

    def _find_separator(self) -> tuple[int, int] | None:
        best = None
        for sep in self._separators:
            i = self._buf.find(sep)
            if i >= 0 and (best is None or i < best[0]):
                best = (i, i + len(sep))
        return best  # a CRLF split across reads leaves an empty line, which min_length drops

    def _event(self, line: bytes, now: float) -> ScanEvent | None:
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            log.warning("wedge input is not UTF-8; discarded", extra={"source": self.source, "length": len(line)})
            self._set_status(DeviceState.WARNING,
                             f"discarded {len(line)} bytes that are not UTF-8 text; check the scanner's keyboard settings")
            return None
        if len(text) < self.min_length:
            return None
        if self.status().state == DeviceState.WARNING:
            self._set_status(DeviceState.READY, "reading lines")
        return ScanEvent(text, line, "unknown", self.source, datetime.now(timezone.utc),
                         latency_ms=(now - self._first_input) * 1000.0)

    def _end_of_input(self, now: float) -> list[ScanEvent]:
        events = []
        if self.terminator == "none" and self._buf and not self._skipping:
            event = self._event(bytes(self._buf), now)
            if event is not None:
                events.append(event)
        elif self._buf:
            log.info("unterminated input at end of stream dropped", extra={"source": self.source, "length": len(self._buf)})
        self._buf.clear()
        self._eof = True
        for event in events:
            self._deliver(event)
        self._set_status(DeviceState.CLOSED, "end of input")
        self.finished.set()
        return []
