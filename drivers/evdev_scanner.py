"""A keyboard-wedge scanner read through Linux evdev and grabbed exclusively, so its key presses
reach neither the desktop nor any other window: only this reader sees them.

`device` in the settings ([scanner] evdev_device) is one of
    a path              /dev/input/event5, /dev/input/by-id/usb-Honeywell...-event-kbd
    vendor:product      "0c2e:0b61" (USB ids, hex)
    a name              "Honeywell": case-insensitive part of the device's name
Names and ids are matched through sysfs, which every user may read, so a device that exists but
may not be opened is reported as a permission problem rather than as missing.
"""

from __future__ import annotations

import errno
import logging
import os
import re
import select
import struct
import threading
import time
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from drivers import keymap
from drivers.scan_source import READ_SLICE_S, DeviceLost, DeviceUnavailable, ThreadedScanner
from pos_terminal.ports import ScanEvent

log = logging.getLogger(__name__)

MAX_SCAN_CHARS = 8192  # longer than any QR a wedge can type; a stuck key must not grow forever
DEFAULT_IDLE_GAP_MS = 50  # terminator "none": a pause this long ends the scan
_EV_KEY = 1
_LED_CAPSL = 1
_VIDPID = re.compile(r"^([0-9a-fA-F]{4}):([0-9a-fA-F]{4})$")

_PERMISSION_HINT = (
    "add the terminal's user to the 'input' group (sudo usermod -aG input USER, then sign in again) "
    "or install a udev rule giving it access to the scanner"
)


# --------------------------------------------------------------------------- framing (pure)


@dataclass(frozen=True)
class Frame:
    text: str
    first_ts: float  # seconds, the device's clock: first key of the scan
    end_ts: float  # the terminator (or the last key, for terminator "none")

    @property
    def latency_ms(self) -> float:
        return max(0.0, (self.end_ts - self.first_ts) * 1000.0)


class KeyFramer:
    """Turns key events of one device into scans. Pure: no device, no clock of its own.

    `feed(code, value, ts)` takes one EV_KEY event (value 1 press, 0 release, 2 autorepeat; ts in
    seconds) and returns a Frame when that key ended a scan. Terminators: "enter" (Enter or keypad
    Enter), "tab", "custom" (the text ends with `custom_terminator`), or "none": then the caller
    calls `flush_idle(now)`, which ends a scan after `idle_gap_ms` without keys. Scans shorter than
    `min_length` are dropped (`dropped` counts them, and over-long ones)."""

    def __init__(self, layout: str = "us", *, terminator: str = "enter", custom_terminator: str = "",
                 min_length: int = 1, idle_gap_ms: float = DEFAULT_IDLE_GAP_MS,
                 max_chars: int = MAX_SCAN_CHARS) -> None:
        keymap.char_for(layout, keymap.KEY_SPACE)  # fails early on an unknown layout
        if terminator not in ("enter", "tab", "none", "custom"):
            raise ValueError(f"unknown terminator {terminator!r}; use enter, tab, none or custom")
        if terminator == "custom" and not custom_terminator:
            raise ValueError("terminator 'custom' needs custom_terminator ([scanner.wedge] custom_terminator)")
        self.layout = layout
        self.terminator = terminator
        self.custom_terminator = custom_terminator
        self.min_length = max(1, min_length)
        self.idle_gap_s = idle_gap_ms / 1000.0
        self.max_chars = max_chars
        self.caps_lock = False
        self.dropped = 0
        self._shift: set[int] = set()
        self._ctrl: set[int] = set()
        self._altgr: set[int] = set()
        self._chars: list[str] = []
        self._first_ts = 0.0
        self._last_ts = 0.0
        self._overflow = False

    @property
    def pending(self) -> bool:
        return bool(self._chars) or self._overflow

    def reset(self) -> None:
        self._shift.clear()
        self._ctrl.clear()
        self._altgr.clear()
        self._chars.clear()
        self._overflow = False

    def feed(self, code: int, value: int, ts: float) -> Frame | None:
        if code in keymap.MODIFIER_KEYS:
            group = self._shift if code in keymap.SHIFT_KEYS else self._ctrl if code in keymap.CTRL_KEYS else (
                self._altgr if code in keymap.ALTGR_KEYS else None)
            if group is not None:
                (group.add if value else group.discard)(code)
            return None
        if value != 1:  # releases; autorepeat is a held key, never a scanner
            return None
        if code == keymap.KEY_CAPSLOCK:
            self.caps_lock = not self.caps_lock
            return None
        if self.terminator == "enter" and code in keymap.ENTER_KEYS or self.terminator == "tab" and code == keymap.KEY_TAB:
            return self._finish(ts)
        ch = keymap.char_for(self.layout, code, shift=bool(self._shift), altgr=bool(self._altgr),
                             caps_lock=self.caps_lock, ctrl=bool(self._ctrl))
        if not ch:
            return None
        if not self._chars and not self._overflow:
            self._first_ts = ts
        self._last_ts = ts
        if self._overflow:
            return None
        self._chars.append(ch)
        if len(self._chars) > self.max_chars:
            self._chars.clear()
            self._overflow = True
            return None
        if self.terminator == "custom" and "".join(self._chars[-len(self.custom_terminator):]) == self.custom_terminator:
            del self._chars[-len(self.custom_terminator):]
            return self._finish(ts)
        return None

    def flush_idle(self, now: float) -> Frame | None:
        """For terminator "none": the scan in progress once `idle_gap_ms` passed since its last key."""
        if self.terminator != "none" or not self.pending or now - self._last_ts < self.idle_gap_s:
            return None
        return self._finish(self._last_ts)

    def _finish(self, ts: float) -> Frame | None:
        text = "".join(self._chars)
        overflow = self._overflow
        self._chars.clear()
        self._overflow = False
        if overflow or len(text) < self.min_length:
            if text or overflow:
                self.dropped += 1
            return None
        return Frame(text, self._first_ts, ts)


# --------------------------------------------------------------------------- finding the device


@dataclass(frozen=True)
class InputDeviceInfo:
    path: str  # /dev/input/eventN
    name: str
    phys: str
    vendor: str  # 4 hex digits, "" where sysfs has none
    product: str
    keyboard_like: bool  # has letter, digit and Enter keys
    readable: bool  # this process may open it

    @property
    def vid_pid(self) -> str:
        return f"{self.vendor}:{self.product}" if self.vendor else ""


def list_input_devices(sys_root: str | os.PathLike = "/", dev_root: str | os.PathLike = "/") -> list[InputDeviceInfo]:
    """Every evdev node, described from sysfs (readable by any user), sorted by event number."""
    sys_dir = Path(sys_root) / "sys/class/input"
    found = []
    for entry in sys_dir.glob("event*"):
        number = entry.name[5:]
        if not number.isdigit():
            continue
        dev = entry / "device"
        path = Path(dev_root) / "dev/input" / entry.name
        found.append((int(number), InputDeviceInfo(
            path=str(path),
            name=_read_text(dev / "name"),
            phys=_read_text(dev / "phys"),
            vendor=_read_text(dev / "id/vendor").lower(),
            product=_read_text(dev / "id/product").lower(),
            keyboard_like=_keyboard_like(_read_text(dev / "capabilities/key")),
            readable=os.access(path, os.R_OK),
        )))
    return [info for _, info in sorted(found)]


def _read_text(path: Path) -> str:
    try:
        return path.read_text(errors="replace").strip()
    except OSError:
        return ""


def _keyboard_like(key_bitmap: str) -> bool:
    """sysfs capabilities/key: hex words, most significant first, each a kernel long."""
    words = key_bitmap.split()
    if not words:
        return False
    bits = 0
    width = struct.calcsize("P") * 8  # the kernel's long; words are printed without leading zeros
    for word in words:
        try:
            bits = (bits << width) | int(word, 16)
        except ValueError:
            return False
    needed = (keymap.KEY_ENTER, 30, 2)  # Enter, A, 1
    return all(bits >> code & 1 for code in needed)


def match_devices(spec: str, devices: list[InputDeviceInfo]) -> list[InputDeviceInfo]:
    """The devices `spec` (a name part or vendor:product; not a path) names, keyboard-like first."""
    spec = spec.strip()
    ids = _VIDPID.match(spec)
    if ids:
        vendor, product = ids.group(1).lower(), ids.group(2).lower()
        hits = [d for d in devices if d.vendor == vendor and d.product == product]
    else:
        hits = [d for d in devices if spec.lower() in d.name.lower()]
    return sorted(hits, key=lambda d: not d.keyboard_like)


def _is_path(spec: str) -> bool:
    return spec.startswith(("/", "./"))


# --------------------------------------------------------------------------- the scanner


class EvdevScanner(ThreadedScanner):
    """Threading rule: as ThreadedScanner; the device is opened, read and released on the reader
    thread (or the worker that calls open())."""

    def __init__(self, device: str, *, layout: str = "us", terminator: str = "enter", min_length: int = 1,
                 name: str | None = None, custom_terminator: str = "", idle_gap_ms: float = DEFAULT_IDLE_GAP_MS,
                 sys_root: str | os.PathLike = "/") -> None:
        if not device.strip():
            raise ValueError("evdev device is empty: set [scanner] evdev_device to a name, vendor:product or path")
        super().__init__(name or device, source=f"evdev:{device}")
        self.device = device.strip()
        self.framer = KeyFramer(layout, terminator=terminator, custom_terminator=custom_terminator,
                                min_length=min_length, idle_gap_ms=idle_gap_ms)
        self._sys_root = sys_root
        self._dev = None
        self._wake_lock = threading.Lock()
        self._wake: tuple[int, int] | None = None

    # -- hooks ---------------------------------------------------------------------------------
    def _connect(self) -> str:
        path = self._resolve()
        dev = self._open_device(path)
        self._dev = dev
        self.source = f"evdev:{path}"
        self.framer.reset()
        with self._wake_lock:
            self._wake = os.pipe()
            for fd in self._wake:
                os.set_blocking(fd, False)
        detail = f"{dev.name or path} ({path}), grabbed, layout {self.framer.layout}"
        log.info("evdev scanner connected", extra={"source": self.source})
        return detail

    def _read(self) -> list[ScanEvent]:
        dev = self._dev
        if dev is None:
            raise DeviceLost("not connected")
        wake = self._wake
        fds = [dev.fd] + ([wake[0]] if wake else [])
        try:
            readable, _, _ = select.select(fds, [], [], READ_SLICE_S)
        except (OSError, ValueError) as exc:
            raise DeviceLost(f"scanner {dev.path} went away: {exc}") from None
        if wake and wake[0] in readable:
            try:
                os.read(wake[0], 64)
            except OSError:
                pass
        frames: list[Frame] = []
        if dev.fd in readable:
            try:
                for ev in dev.read():
                    if ev.type != _EV_KEY:
                        continue
                    if ev.value == 1 and not self.framer.pending and ev.code not in keymap.MODIFIER_KEYS:
                        self._sync_caps_lock(dev)
                    frame = self.framer.feed(ev.code, ev.value, ev.timestamp())
                    if frame is not None:
                        frames.append(frame)
            except BlockingIOError:
                pass
            except OSError as exc:
                if exc.errno in (errno.ENODEV, errno.EIO, errno.EBADF):
                    raise DeviceLost(f"scanner {dev.path} was unplugged; waiting for it to come back") from None
                raise
        idle = self.framer.flush_idle(time.time())
        if idle is not None:
            frames.append(idle)
        if self.framer.dropped:
            log.info("evdev scanner dropped short or over-long input", extra={"source": self.source, "count": self.framer.dropped})
            self.framer.dropped = 0
        return [self._event(frame) for frame in frames]

    def _disconnect(self) -> None:
        dev, self._dev = self._dev, None
        with self._wake_lock:
            wake, self._wake = self._wake, None
            if wake:
                for fd in wake:
                    os.close(fd)
        self.framer.reset()
        if dev is None:
            return
        try:
            dev.ungrab()
        except OSError:
            pass  # unplugged: the kernel dropped the grab with the device
        try:
            dev.close()
        except OSError:
            pass

    def _interrupt(self) -> None:
        with self._wake_lock:
            if self._wake:
                try:
                    os.write(self._wake[1], b"x")
                except OSError:
                    pass

    # -- helpers -------------------------------------------------------------------------------
    def _open_device(self, path: str):
        """Opens `path` and grabs it exclusively; raises DeviceUnavailable naming the cause."""
        try:
            import evdev
        except ImportError:
            raise DeviceUnavailable("python-evdev is not installed: evdev scanners need Linux and the 'evdev' package") from None
        try:
            dev = evdev.InputDevice(path)
        except PermissionError:
            raise DeviceUnavailable(f"no permission to read {path}: {_PERMISSION_HINT}") from None
        except FileNotFoundError:
            raise DeviceUnavailable(
                f"{path} does not exist: plug the scanner in or check [scanner] evdev_device; "
                "`pos-terminal devices` lists input devices") from None
        except OSError as exc:
            raise DeviceUnavailable(f"cannot open {path} as an input device: {exc.strerror or exc}") from None
        try:
            dev.grab()
        except OSError as exc:
            dev.close()
            if exc.errno == errno.EBUSY:
                raise DeviceUnavailable(
                    f"{path} is grabbed by another program (another pos-terminal running?): close it and retry") from None
            raise DeviceUnavailable(f"cannot grab {path} exclusively: {exc.strerror or exc}") from None
        return dev

    def _resolve(self) -> str:
        spec = self.device
        if _is_path(spec):
            if not os.path.exists(spec):
                raise DeviceUnavailable(
                    f"{spec} does not exist: plug the scanner in or check [scanner] evdev_device; "
                    "`pos-terminal devices` lists input devices")
            return os.path.realpath(spec)
        devices = list_input_devices(self._sys_root)
        hits = match_devices(spec, devices)
        if not hits:
            hint = ""
            if not devices:
                hint = " (this machine shows no input devices at all)"
            raise DeviceUnavailable(
                f"no input device matches {spec!r}{hint}: plug the scanner in or check [scanner] evdev_device; "
                "`pos-terminal devices` lists input devices")
        chosen = hits[0]
        if not os.path.exists(chosen.path):
            raise DeviceUnavailable(
                f"{chosen.path} ({chosen.name}) has no device node: check that udev runs; "
                "`pos-terminal devices` lists input devices")
        if not chosen.readable:
            raise DeviceUnavailable(f"no permission to read {chosen.path} ({chosen.name}): {_PERMISSION_HINT}")
        if len(hits) > 1:
            log.info("several input devices match; using the first keyboard-like one",
                     extra={"spec": spec, "chosen": chosen.path, "count": len(hits)})
        return chosen.path

    def _sync_caps_lock(self, dev) -> None:
        """Scanners that compensate Caps Lock read the keyboard LEDs; so do we, at each scan start."""
        try:
            self.framer.caps_lock = _LED_CAPSL in dev.leds()
        except OSError:
            pass

    def _event(self, frame: Frame) -> ScanEvent:
        return ScanEvent(frame.text, frame.text.encode("utf-8"), "unknown", self.source,
                         datetime.now(timezone.utc), latency_ms=frame.latency_ms)
