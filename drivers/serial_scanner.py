"""A serial bar-code scanner: RS-232 through a USB adapter, or a USB-CDC scanner (/dev/ttyACM0).

What the scanner sends is, per scan: [prefix][AIM id]data[suffix]. The terminal's
[scanner.serial] section must match what the scanner is programmed to send:

- Framing: a suffix ends each scan (CR, LF, CRLF, ETX, TAB or `custom_suffix`), or, with
  suffix "none", a pause of `idle_gap_ms` with no byte. Under a suffix, bytes that then sit
  without their suffix for INCOMPLETE_AFTER_S are discarded with a WARNING status (the scanner
  probably sends another suffix, or this was line noise), so they cannot glue onto the next scan.
- `custom_suffix` and `prefix` are text with backslash escapes: \\r \\n \\t \\\\ and \\xHH (one
  byte, e.g. "\\x03" for ETX, "\\x02" for STX); any other character stands for its UTF-8 bytes.
  A TOML basic string may carry the control character itself ("\\u0003"), which works as well.
- A frame longer than MAX_FRAME_BYTES is discarded with a WARNING status, up to its suffix (or,
  for suffix "none", up to the next pause): memory stays bounded whatever arrives.
- Then: the prefix is removed when present; the bytes are decoded as UTF-8, else GB18030, else
  Latin-1 (never fails); control characters are removed, except GS (0x1D, the GS1 field
  separator) between characters; with `aim_ids` the AIM identifier gives the symbology.
- A frame of unreadable bytes (a NUL, which the tty driver puts in place of a byte with a parity
  or framing error, or a large share of bytes that are no text in any of those encodings) is
  what a wrong baud rate or parity produces: it is dropped with a WARNING status naming that
  cause. A frame with no printable text left is dropped with a logged warning. The next good
  scan puts the status back to READY.

ScanEvent.raw is the frame as received (prefix and AIM id included, suffix excluded);
latency_ms runs from the read that brought the frame's first byte to the event.
Scanned contents are never logged, only their lengths.
"""

from __future__ import annotations

import errno
import logging
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime, timezone

import serial

from config.schema import SerialScannerSettings
from drivers.aim import parse_aim
from drivers.scan_source import READ_SLICE_S, Backoff, DeviceLost, DeviceUnavailable, ThreadedScanner
from pos_terminal.ports import DeviceState, ScanEvent

log = logging.getLogger(__name__)

MAX_FRAME_BYTES = 4096  # a payment voucher QR is at most 400 characters; see DESIGN.md
INCOMPLETE_AFTER_S = 0.5  # a scanner sends a scan in one burst; a human rescan takes longer
SUFFIXES = {"CR": b"\r", "LF": b"\n", "CRLF": b"\r\n", "ETX": b"\x03", "TAB": b"\t"}
GARBLED_SHARE = 0.1  # this share of non-text bytes marks a frame as line garbage

_GS = "\x1d"
# C0 controls a scanner may legitimately send around or inside a scan (STX/ETX/EOT framing, tab,
# line ends, ISO/IEC 15434 and GS1 separators). Any other C0 byte, DEL and 0xFF are no text.
_FRAMING_C0 = frozenset(b"\x02\x03\x04\t\n\r\x1c\x1d\x1e\x1f")
_NON_TEXT = frozenset(b for b in range(0x20) if b not in _FRAMING_C0) | {0x7F, 0xFF}
_NON_TEXT_LATIN1 = _NON_TEXT | frozenset(range(0x80, 0xA0))  # C1 controls are no Latin-1 text

_ESCAPES = {"r": b"\r", "n": b"\n", "t": b"\t", "\\": b"\\"}


def parse_escapes(value: str, *, key: str) -> bytes:
    """The bytes a `prefix` or `custom_suffix` setting stands for (see the module doc). Raises
    ValueError naming the key, the bad value and what is allowed."""
    out = bytearray()
    i = 0
    while i < len(value):
        ch = value[i]
        if ch != "\\":
            out += ch.encode("utf-8")
            i += 1
            continue
        nxt = value[i + 1: i + 2]
        if nxt in _ESCAPES:
            out += _ESCAPES[nxt]
            i += 2
        elif nxt == "x" and len(value) >= i + 4 and _is_hex(value[i + 2: i + 4]):
            out.append(int(value[i + 2: i + 4], 16))
            i += 4
        else:
            raise ValueError(
                f"[scanner.serial] {key} = {value!r}: unknown escape '{value[i: i + 4]}'; "
                "allowed are \\r \\n \\t \\\\ and \\xHH (two hex digits, e.g. \\x03 for ETX)"
            )
    return bytes(out)


def _is_hex(text: str) -> bool:
    return len(text) == 2 and all(c in "0123456789abcdefABCDEF" for c in text)


def suffix_bytes(settings: SerialScannerSettings) -> bytes | None:
    """The suffix that ends a scan; None for suffix "none" (a pause ends it)."""
    if settings.suffix == "none":
        return None
    if settings.suffix != "custom":
        return SUFFIXES[settings.suffix]
    suffix = parse_escapes(settings.custom_suffix, key="custom_suffix")
    if not suffix:
        raise ValueError("[scanner.serial] custom_suffix is empty: suffix 'custom' needs it, e.g. \"\\x03\" or \"#\"")
    if len(suffix) > 8:
        raise ValueError(f"[scanner.serial] custom_suffix = {settings.custom_suffix!r}: at most 8 bytes")
    return suffix


# --------------------------------------------------------------------------- framing (pure)


@dataclass(frozen=True)
class Frame:
    data: bytes  # without the suffix
    first_ts: float  # time.monotonic() of the read that brought the first byte


@dataclass(frozen=True)
class Discarded:
    reason: str  # "too_long" or "incomplete"
    size: int
    data: bytes = b""  # an incomplete frame's bytes (at most MAX_FRAME_BYTES), to tell noise


@dataclass
class SerialFramer:
    """Cuts a byte stream into frames by suffix or by idle gap. Pure: the caller passes the
    monotonic time of each read; `poll(now)` ends frames by time. Not thread-safe."""

    suffix: bytes | None
    idle_gap_s: float = 0.05
    max_frame: int = MAX_FRAME_BYTES
    incomplete_after_s: float = INCOMPLETE_AFTER_S
    discarded: list[Discarded] = field(default_factory=list)  # drained by the caller
    _buf: bytearray = field(default_factory=bytearray, init=False, repr=False)
    _first_ts: float = field(default=0.0, init=False, repr=False)
    _last_ts: float = field(default=0.0, init=False, repr=False)
    _skipping: bool = field(default=False, init=False, repr=False)  # inside an over-long frame

    @property
    def pending(self) -> int:
        return len(self._buf)

    def reset(self) -> None:
        self._buf.clear()
        self._skipping = False

    def feed(self, data: bytes, now: float) -> list[Frame]:
        if not data:
            return []
        if not self._buf:
            self._first_ts = now
        self._last_ts = now
        search_from = max(0, len(self._buf) - len(self.suffix) + 1) if self.suffix else 0
        self._buf += data
        frames: list[Frame] = []
        if self.suffix is not None:
            while (end := self._buf.find(self.suffix, search_from)) >= 0:
                frame = bytes(self._buf[:end])
                del self._buf[: end + len(self.suffix)]
                search_from = 0
                self._close(frame, frames)
                self._first_ts = now
        if len(self._buf) > self.max_frame:
            self._overflow()
        return frames

    def poll(self, now: float) -> list[Frame]:
        """Ends what the clock ends: a frame under suffix "none", an incomplete one otherwise."""
        if not (self._buf or self._skipping):
            return []
        quiet = now - self._last_ts
        if self.suffix is None:
            if quiet < self.idle_gap_s:
                return []
            frames: list[Frame] = []
            self._close(bytes(self._buf), frames)
            self._buf.clear()
            return frames
        if quiet >= self.incomplete_after_s:
            if self._skipping:
                self._skipping = False
            else:
                self.discarded.append(Discarded("incomplete", len(self._buf), bytes(self._buf)))
            self._buf.clear()
        return []

    def _close(self, frame: bytes, frames: list[Frame]) -> None:
        if self._skipping:  # the end of an over-long frame, already reported
            self._skipping = False
        elif len(frame) > self.max_frame:
            self.discarded.append(Discarded("too_long", len(frame)))
        elif frame:
            frames.append(Frame(frame, self._first_ts))

    def _overflow(self) -> None:
        # Keep the bytes that may be the start of a suffix split across two reads.
        keep = len(self.suffix) - 1 if self.suffix else 0
        dropped = len(self._buf) - keep
        if not self._skipping:
            self.discarded.append(Discarded("too_long", dropped))
            self._skipping = True
        del self._buf[: len(self._buf) - keep]


# --------------------------------------------------------------------------- decoding (pure)


def decode_payload(payload: bytes) -> tuple[str, bool]:
    """(text, readable): UTF-8, else GB18030, else Latin-1, which never fails. `readable` is
    False for what a wrong baud rate or parity produces (see the module doc)."""
    for encoding in ("utf-8", "gb18030"):
        try:
            text = payload.decode(encoding)
        except UnicodeDecodeError:
            continue
        return text, _readable(payload, text, _NON_TEXT)
    text = payload.decode("latin-1")
    return text, _readable(payload, text, _NON_TEXT_LATIN1)


def _readable(payload: bytes, text: str, non_text: frozenset[int]) -> bool:
    if not payload:
        return True
    if b"\x00" in payload:
        return False
    # Random bytes often pass as GB18030, landing in private-use and unassigned code points.
    odd = sum(1 for b in payload if b in non_text)
    odd += sum(1 for c in text if c > "\x7f" and unicodedata.category(c) in ("Co", "Cn"))
    return odd / len(payload) < GARBLED_SHARE


def clean_text(text: str) -> str:
    """Removes control characters, keeping GS (GS1 field separator) between characters."""
    kept = "".join(c for c in text if c == _GS or unicodedata.category(c) != "Cc")
    return kept.strip(_GS).lstrip("\ufeff")


# --------------------------------------------------------------------------- the scanner


class SerialScanner(ThreadedScanner):
    """Threading rule: as ThreadedScanner; the port is opened on the caller of open() (a worker)
    or on the reader thread when reconnecting, and read and closed on the reader thread."""

    def __init__(self, settings: SerialScannerSettings, *, name: str | None = None,
                 backoff: Backoff | None = None) -> None:
        port = settings.port.strip()
        super().__init__(name or port or "serial", source=f"serial:{port}", backoff=backoff)
        self.settings = settings
        self.port = port
        self._prefix = parse_escapes(settings.prefix, key="prefix") if settings.prefix else b""
        suffix = suffix_bytes(settings)
        self._framer = SerialFramer(suffix, idle_gap_s=settings.idle_gap_ms / 1000.0)
        if suffix is None:
            # A read returns at least this often, so a pause is seen within half a gap.
            self._read_timeout_s = min(READ_SLICE_S, max(0.002, settings.idle_gap_ms / 2000.0))
        else:
            self._read_timeout_s = READ_SLICE_S
        self._serial: serial.Serial | None = None
        self._ready_detail = ""

    @property
    def line_settings(self) -> str:
        s = self.settings
        stop = {1: "1", 1.5: "1.5", 2: "2"}[s.stop_bits]
        text = f"{s.baud} {s.data_bits}{s.parity}{stop}"
        if s.flow_control == "rtscts":
            text += " RTS/CTS"
        elif s.flow_control == "xonxoff":
            text += " XON/XOFF"
        return text

    @property
    def framing(self) -> str:
        s = self.settings
        if s.suffix == "none":
            return f"a {s.idle_gap_ms} ms pause after each scan"
        if s.suffix == "custom":
            return f"the custom suffix {s.custom_suffix!r}"
        return f"the {s.suffix} suffix"

    # -- hooks ---------------------------------------------------------------------------------
    def _connect(self) -> str:
        if not self.port:
            raise DeviceUnavailable("no serial port configured: set [scanner.serial] port, e.g. /dev/ttyACM0")
        s = self.settings
        port = serial.Serial()  # not opened yet: settings first, then one explicit open()
        port.port = self.port
        port.baudrate = s.baud
        port.bytesize = s.data_bits
        port.parity = s.parity
        port.stopbits = s.stop_bits
        port.rtscts = s.flow_control == "rtscts"
        port.xonxoff = s.flow_control == "xonxoff"
        port.timeout = self._read_timeout_s
        port.exclusive = True  # a second terminal process on the same port would steal scans
        try:
            port.open()
        except serial.SerialException as exc:
            raise DeviceUnavailable(self._open_error(exc)) from None
        except (OSError, ValueError) as exc:
            raise DeviceUnavailable(f"cannot open serial port {self.port}: {exc}") from None
        self._framer.reset()
        self._serial = port
        suffix = "idle gap" if s.suffix == "none" else f"{s.suffix} suffix"
        extras = [suffix] + (["prefix"] if self._prefix else []) + (["AIM ids"] if s.aim_ids else [])
        self._ready_detail = f"{self.line_settings}, {', '.join(extras)}"
        log.info("serial scanner connected", extra={"source": self.source, "line": self.line_settings})
        return self._ready_detail

    def _open_error(self, exc: serial.SerialException) -> str:
        code = exc.errno
        text = str(exc)
        if code in (errno.ENOENT, errno.ENODEV, errno.ENXIO):
            return f"serial port {self.port} not found: check the cable and [scanner.serial] port"
        if code in (errno.EACCES, errno.EPERM):
            return (
                f"no permission to open serial port {self.port}: add the terminal's user to the dialout group "
                "(sudo usermod -aG dialout USER, then sign in again)"
            )
        if code in (errno.EBUSY, errno.EAGAIN) or "exclusively lock" in text:
            return f"serial port {self.port} is in use by another program (another pos-terminal?): close it and retry"
        if code == errno.ENOTTY or "Inappropriate ioctl" in text:
            return f"{self.port} is not a serial port: check [scanner.serial] port"
        return f"cannot open serial port {self.port}: {text}"

    def _read(self) -> list[ScanEvent]:
        port = self._serial
        if port is None:
            raise DeviceLost("not connected")
        try:
            data = port.read(1)  # blocks up to the read timeout for the first byte
            if data:
                waiting = port.in_waiting
                if waiting:
                    data += port.read(waiting)
        except (serial.SerialException, OSError) as exc:
            log.info("serial read failed", extra={"source": self.source, "error": str(exc)})
            raise DeviceLost(f"serial port {self.port} went away (unplugged?); waiting for it to come back") from None
        now = time.monotonic()
        frames = self._framer.feed(data, now) if data else []
        frames += self._framer.poll(now)
        events = [event for frame in frames if (event := self._event(frame)) is not None]
        self._report_discarded()
        if events and self.status().state == DeviceState.WARNING:
            self._set_status(DeviceState.READY, self._ready_detail)
        return events

    def _disconnect(self) -> None:
        port, self._serial = self._serial, None
        self._framer.reset()
        if port is not None:
            port.close()

    def _interrupt(self) -> None:
        port = self._serial
        if port is None:
            return
        try:
            port.cancel_read()
        except (OSError, TypeError, AttributeError):  # closed meanwhile: the read ends anyway
            pass

    # -- frames to events ------------------------------------------------------------------------
    def _event(self, frame: Frame) -> ScanEvent | None:
        payload = frame.data
        if self._prefix and payload.startswith(self._prefix):
            payload = payload[len(self._prefix):]
        text, readable = decode_payload(payload)
        if not readable:
            log.warning("serial scanner: unreadable frame dropped", extra={"source": self.source, "bytes": len(frame.data)})
            self._warn_unreadable()
            return None
        text = clean_text(text)
        symbology = "unknown"
        if self.settings.aim_ids:
            symbology, text = parse_aim(text)
        if not text.strip():
            log.warning("serial scanner: frame without printable text dropped",
                        extra={"source": self.source, "bytes": len(frame.data)})
            return None
        latency_ms = (time.monotonic() - frame.first_ts) * 1000.0
        log.debug("serial scan", extra={"source": self.source, "chars": len(text), "symbology": symbology})
        return ScanEvent(text, frame.data, symbology, self.source, datetime.now(timezone.utc), latency_ms)

    def _report_discarded(self) -> None:
        discarded, self._framer.discarded = self._framer.discarded, []
        for item in discarded:
            if item.reason == "too_long":
                log.warning("serial scanner: over-long frame discarded", extra={"source": self.source, "bytes": item.size})
                self._set_status(
                    DeviceState.WARNING,
                    f"frame longer than {MAX_FRAME_BYTES} bytes discarded: check the scanner's suffix setting "
                    f"(the terminal expects {self.framing})",
                )
            elif not decode_payload(item.data)[1]:
                log.warning("serial scanner: unreadable bytes discarded", extra={"source": self.source, "bytes": item.size})
                self._warn_unreadable()
            else:
                log.warning("serial scanner: incomplete frame discarded", extra={"source": self.source, "bytes": item.size})
                self._set_status(
                    DeviceState.WARNING,
                    f"incomplete scan discarded: check the scanner's suffix setting (the terminal expects {self.framing})",
                )

    def _warn_unreadable(self) -> None:
        self._set_status(
            DeviceState.WARNING,
            f"unreadable bytes: check baud/parity (the terminal expects {self.line_settings}; "
            "the scanner and [scanner.serial] must agree)",
        )
