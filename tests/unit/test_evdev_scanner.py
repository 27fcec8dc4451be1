"""The evdev scanner. Its framing is a pure class (KeyFramer) fed with key codes; the reader runs
through a real select() on a pipe with a stand-in for the grabbed device; a test through a real
virtual keyboard (/dev/uinput) runs where the kernel offers one."""

from __future__ import annotations

import errno
import os
import threading
import time

import pytest

from drivers import keymap
from drivers.evdev_scanner import EvdevScanner, KeyFramer, list_input_devices, match_devices
from drivers.scan_source import DeviceLost
from pos_terminal.ports import DeviceState

SHIFT = keymap.KEY_LEFTSHIFT
ENTER = keymap.KEY_ENTER


def key_events(text: str, layout: str = "us", terminator: int | None = ENTER, t0: float = 100.0, gap: float = 0.005):
    """(code, value, ts) events a scanner programmed for `layout` sends for `text`."""
    keys = keymap.keys_for(layout)
    events, ts = [], t0
    for ch in text:
        code, shift, altgr = keys[ch]
        mods = [SHIFT] if shift else [keymap.KEY_RIGHTALT] if altgr else []
        for m in mods:
            events.append((m, 1, ts))
        events += [(code, 1, ts), (code, 0, ts + 0.001)]
        for m in mods:
            events.append((m, 0, ts + 0.002))
        ts += gap
    if terminator is not None:
        events += [(terminator, 1, ts), (terminator, 0, ts + 0.001)]
    return events


def feed_all(framer: KeyFramer, events):
    return [f for code, value, ts in events if (f := framer.feed(code, value, ts)) is not None]


@pytest.mark.parametrize("layout", keymap.LAYOUTS)
def test_framer_reads_a_scan_on_each_layout(layout):
    text = "Order-42/ab"
    frames = feed_all(KeyFramer(layout), key_events(text, layout))
    assert [f.text for f in frames] == [text]
    assert frames[0].latency_ms == pytest.approx(len(text) * 5, abs=0.01)


def test_framer_german_layout_swaps_y_and_z_like_the_scanner_does():
    # The scanner programmed for German sends key Y (code 21) for "z".
    frames = feed_all(KeyFramer("de"), [(21, 1, 0.0), (21, 0, 0.0), (ENTER, 1, 0.01)])
    assert frames[0].text == "z"
    frames = feed_all(KeyFramer("us"), [(21, 1, 0.0), (21, 0, 0.0), (ENTER, 1, 0.01)])
    assert frames[0].text == "y"


def test_framer_tab_and_custom_terminators():
    framer = KeyFramer("us", terminator="tab")
    assert [f.text for f in feed_all(framer, key_events("12345", terminator=keymap.KEY_TAB))] == ["12345"]
    # Enter is not the terminator here: it types nothing and ends nothing.
    assert feed_all(framer, key_events("999", terminator=ENTER)) == []
    framer = KeyFramer("us", terminator="custom", custom_terminator="##")
    assert [f.text for f in feed_all(framer, key_events("CARD77##", terminator=None))] == ["CARD77"]


def test_framer_no_terminator_ends_at_idle_gap():
    framer = KeyFramer("us", terminator="none", idle_gap_ms=50)
    assert feed_all(framer, key_events("6901234", terminator=None, t0=10.0)) == []
    assert framer.flush_idle(10.04) is None
    frame = framer.flush_idle(10.2)
    assert frame.text == "6901234"
    assert framer.flush_idle(11.0) is None


def test_framer_min_length_caps_lock_and_ctrl():
    framer = KeyFramer("us", min_length=4)
    assert feed_all(framer, key_events("abc")) == []
    assert framer.dropped == 1
    framer = KeyFramer("us")
    framer.caps_lock = True  # the scanner compensates: it sends shift for lower case
    assert [f.text for f in feed_all(framer, key_events("aBc1"))] == ["AbC1"]
    framer = KeyFramer("us")
    gs = [(keymap.KEY_LEFTCTRL, 1, 0.0), (27, 1, 0.0), (27, 0, 0.0), (keymap.KEY_LEFTCTRL, 0, 0.0)]
    events = key_events("01", terminator=None) + gs + key_events("95", t0=101.0)
    assert [f.text for f in feed_all(framer, events)] == ["01\x1d95"]


def test_framer_ignores_autorepeat_and_bounds_a_stuck_key():
    framer = KeyFramer("us", max_chars=100)
    events = [(30, 1, 0.0)] + [(30, 2, 0.001 * i) for i in range(500)] + [(30, 0, 1.0), (ENTER, 1, 1.0)]
    assert [f.text for f in feed_all(framer, events)] == ["a"]
    events = [(30, 1, 0.0), (30, 0, 0.0)] * 150 + [(ENTER, 1, 1.0)]
    assert feed_all(framer, events) == []  # over-long: discarded, not truncated
    assert [f.text for f in feed_all(framer, key_events("ok"))] == ["ok"]


def test_framer_refuses_bad_settings():
    with pytest.raises(ValueError, match="use one of us, de, fr, uk"):
        KeyFramer("xx")
    with pytest.raises(ValueError, match="custom_terminator"):
        KeyFramer("us", terminator="custom")


# ----------------------------------------------------------------------------- finding devices


def fake_sysfs(root, devices):
    for n, (name, vendor, product, keys) in enumerate(devices):
        dev = root / "sys/class/input" / f"event{n}" / "device"
        (dev / "id").mkdir(parents=True)
        (dev / "capabilities").mkdir()
        (dev / "name").write_text(name + "\n")
        (dev / "phys").write_text(f"usb-0000:00:14.0-{n}/input0\n")
        (dev / "id/vendor").write_text(vendor + "\n")
        (dev / "id/product").write_text(product + "\n")
        (dev / "capabilities/key").write_text(keys + "\n")


# A keyboard's key bitmap (Enter, letters, digits set) and a power button's.
KEYBOARD_BITS = "1000000000007 ff800000000007ff febeffdff3cfffff fffffffffffffffe"
POWER_BITS = "10000000000000 0"


def test_list_and_match_input_devices_from_sysfs(tmp_path):
    fake_sysfs(tmp_path, [
        ("Power Button", "0000", "0001", POWER_BITS),
        ("Honeywell Imaging & Mobility 1900", "0C2E", "0B61", KEYBOARD_BITS),
        ("Honeywell Consumer Control", "0c2e", "0b61", POWER_BITS),
    ])
    devices = list_input_devices(tmp_path)
    assert [d.name for d in devices][0] == "Power Button"
    assert [d.keyboard_like for d in devices] == [False, True, False]
    assert devices[1].vid_pid == "0c2e:0b61"
    assert [d.name for d in match_devices("honeywell", devices)][0] == "Honeywell Imaging & Mobility 1900"
    assert len(match_devices("0c2e:0b61", devices)) == 2
    assert match_devices("0c2e:0b61", devices)[0].keyboard_like
    assert match_devices("Zebra", devices) == []


def test_open_names_the_cause_when_nothing_matches(tmp_path):
    fake_sysfs(tmp_path, [("AT Translated Set 2 keyboard", "0001", "0001", KEYBOARD_BITS)])
    status = EvdevScanner("Honeywell", sys_root=tmp_path).open()
    assert status.state is DeviceState.ERROR
    assert "no input device matches 'Honeywell'" in status.detail
    assert "pos-terminal devices" in status.detail and "evdev_device" in status.detail


def test_open_a_missing_path_and_a_device_without_node(tmp_path):
    status = EvdevScanner("/dev/input/by-id/usb-Scanner-event-kbd", sys_root=tmp_path).open()
    assert status.state is DeviceState.ERROR and "does not exist" in status.detail
    fake_sysfs(tmp_path, [("Datalogic Scanner", "05f9", "2206", KEYBOARD_BITS)])
    status = EvdevScanner("05f9:2206", sys_root=tmp_path).open()
    assert status.state is DeviceState.ERROR and "no device node" in status.detail


def test_not_an_input_device_is_a_clear_error(tmp_path):
    path = tmp_path / "event0"
    path.write_bytes(b"")
    status = EvdevScanner(str(path)).open()
    assert status.state is DeviceState.ERROR
    assert str(path) in status.detail


# ----------------------------------------------------------------------------- the reader loop


class PipeDevice:
    """A stand-in for a grabbed evdev.InputDevice: a real pipe for select(), queued key events."""

    def __init__(self, path: str) -> None:
        import evdev

        self._evdev = evdev
        self.path = path
        self.name = "Test Scanner"
        self._r, self._w = os.pipe()
        os.set_blocking(self._r, False)
        self.fd = self._r
        self.queue: list = []
        self.lost = False
        self.grabbed = True
        self.lock = threading.Lock()

    def send(self, events) -> None:
        with self.lock:
            for code, value, ts in events:
                sec = int(ts)
                self.queue.append(self._evdev.InputEvent(sec, int((ts - sec) * 1e6), 1, code, value))
                self.queue.append(self._evdev.InputEvent(sec, int((ts - sec) * 1e6), 0, 0, 0))  # EV_SYN
        os.write(self._w, b"!")

    def unplug(self) -> None:
        self.lost = True
        os.write(self._w, b"!")

    def read(self):
        if self.lost:
            raise OSError(errno.ENODEV, "No such device")
        try:
            os.read(self._r, 4096)
        except BlockingIOError:
            pass
        with self.lock:
            events, self.queue = self.queue, []
        if not events:
            raise BlockingIOError(errno.EAGAIN, "no events")
        return iter(events)

    def leds(self):
        return []

    def ungrab(self) -> None:
        if self.lost:
            raise OSError(errno.ENODEV, "No such device")
        self.grabbed = False

    def close(self) -> None:
        for fd in (self._r, self._w):
            try:
                os.close(fd)
            except OSError:
                pass


class PipeScanner(EvdevScanner):
    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self.opened: list[PipeDevice] = []

    def _open_device(self, path):
        dev = PipeDevice(path)
        self.opened.append(dev)
        return dev


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_reader_emits_scans_and_reconnects_after_unplug(tmp_path):
    pytest.importorskip("evdev")
    node = tmp_path / "event7"
    node.write_bytes(b"")
    scanner = PipeScanner(str(node), layout="de")
    scanner._backoff.initial_s = scanner._backoff.maximum_s = 0.05
    scans, statuses = [], []
    scanner.add_status_listener(statuses.append)
    assert scanner.open().state is DeviceState.READY
    assert "grabbed" in scanner.status().detail
    scanner.start(scans.append)
    try:
        scanner.opened[0].send(key_events("Zahlung-01", layout="de", t0=time.time()))
        assert wait_for(lambda: len(scans) == 1)
        assert scans[0].text == "Zahlung-01"
        assert scans[0].raw == b"Zahlung-01" and scans[0].symbology == "unknown"
        assert scans[0].source == f"evdev:{node}"
        assert scans[0].latency_ms is not None

        first = scanner.opened[0]
        first.unplug()
        assert wait_for(lambda: any("unplugged" in s.detail for s in statuses))
        assert wait_for(lambda: len(scanner.opened) == 2 and scanner.status().state is DeviceState.READY)
        scanner.opened[1].send(key_events("again1", t0=time.time()))
        assert wait_for(lambda: len(scans) == 2)
        assert scans[1].text == "again1"
    finally:
        scanner.close()
    assert scanner.status().state is DeviceState.CLOSED
    assert not scanner.opened[1].grabbed  # released on close


def test_read_raises_device_lost_on_enodev(tmp_path):
    pytest.importorskip("evdev")
    node = tmp_path / "event3"
    node.write_bytes(b"")
    scanner = PipeScanner(str(node))
    scanner.open()
    scanner.opened[0].unplug()
    with pytest.raises(DeviceLost, match="unplugged"):
        scanner._read()
    scanner.close()


def test_stop_returns_promptly_while_idle(tmp_path):
    pytest.importorskip("evdev")
    node = tmp_path / "event4"
    node.write_bytes(b"")
    scanner = PipeScanner(str(node))
    scanner.open()
    scanner.start(lambda e: None)
    scanner.close()
    assert not scanner.running


# ----------------------------------------------------------------------------- a real virtual keyboard


def _uinput_unusable() -> str:
    if not os.path.exists("/dev/uinput"):
        return "/dev/uinput does not exist here (no uinput module or not passed to this container)"
    if not os.access("/dev/uinput", os.W_OK):
        return "/dev/uinput is not writable by this user"
    try:
        import evdev  # noqa: F401
    except ImportError:
        return "python-evdev is not installed"
    return ""


@pytest.mark.skipif(bool(_uinput_unusable()), reason=_uinput_unusable() or "uinput usable")
def test_through_a_real_uinput_keyboard():
    import evdev

    codes = sorted(set(range(1, 84)) | {keymap.KEY_KPENTER, keymap.KEY_RIGHTALT})
    with evdev.UInput({evdev.ecodes.EV_KEY: codes}, name="POS Test Barcode Scanner") as ui:
        time.sleep(0.3)  # udev creates the node
        scanner = EvdevScanner("POS Test Barcode Scanner")
        scans = []
        assert scanner.open().state is DeviceState.READY, scanner.status().detail
        scanner.start(scans.append)
        try:
            for code, value, _ in key_events("ORD-12345"):
                ui.write(evdev.ecodes.EV_KEY, code, value)
                ui.syn()
            assert wait_for(lambda: len(scans) == 1)
            assert scans[0].text == "ORD-12345"
        finally:
            scanner.close()
