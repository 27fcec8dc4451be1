"""The serial scanner driver against a real pty pair made by socat (tests/serialpty.py): the test
writes what a scanner would send on one end, SerialScanner reads the other through pyserial.
Nothing here asserts on timings; waits are generous because the machine may be busy."""

from __future__ import annotations

import errno
import queue
import random
import threading
import time

import pytest
import serial

from config.schema import SerialScannerSettings
from drivers.scan_source import Backoff, DeviceUnavailable
from drivers.serial_scanner import (
    INCOMPLETE_AFTER_S,
    MAX_FRAME_BYTES,
    SerialFramer,
    SerialScanner,
    clean_text,
    decode_payload,
    parse_escapes,
)
from pos_terminal.ports import DeviceState
from tests.serialpty import SerialPair

WAIT_S = 15.0

pytestmark = pytest.mark.timeout(120)


class Recorder:
    def __init__(self) -> None:
        self.events: queue.Queue = queue.Queue()
        self.statuses: list = []
        self._cond = threading.Condition()

    def on_scan(self, event) -> None:
        self.events.put(event)

    def on_status(self, status) -> None:
        with self._cond:
            self.statuses.append(status)
            self._cond.notify_all()

    def next(self):
        return self.events.get(timeout=WAIT_S)

    def texts(self, n: int) -> list[str]:
        return [self.next().text for _ in range(n)]

    def wait_for(self, predicate, *, after: int = 0):
        """The first status (from index `after` on) that satisfies `predicate`."""
        with self._cond:
            found = self._cond.wait_for(
                lambda: next((s for s in self.statuses[after:] if predicate(s)), None), WAIT_S)
            assert found, self.statuses
            return found

    def mark(self) -> int:
        with self._cond:
            return len(self.statuses)


@pytest.fixture
def pair(tmp_path):
    with SerialPair(tmp_path) as p:
        yield p


@pytest.fixture
def rec():
    return Recorder()


@pytest.fixture
def make(pair, rec):
    """Builds a SerialScanner on the pair's port with [scanner.serial] overrides, opens and starts it."""
    made = []

    def _make(*, start: bool = True, **settings) -> SerialScanner:
        settings.setdefault("port", str(pair.device))
        scanner = SerialScanner(SerialScannerSettings(**settings), backoff=Backoff(0.05, 0.5))
        scanner.add_status_listener(rec.on_status)
        made.append(scanner)
        if start:
            assert scanner.open().state == DeviceState.READY
            scanner.start(rec.on_scan)
        return scanner

    yield _make
    for scanner in made:
        scanner.close()


# --------------------------------------------------------------------------- framing by suffix


@pytest.mark.parametrize(
    ("suffix", "end"),
    [("CR", b"\r"), ("LF", b"\n"), ("CRLF", b"\r\n"), ("ETX", b"\x03"), ("TAB", b"\t")],
)
def test_suffix_framing(make, pair, rec, suffix, end):
    scanner = make(suffix=suffix, baud=115200)
    pair.write(b"ORDER-0001" + end + b"4006381333931" + end)
    pair.write(b"https://shop.example/o/" + end)
    first, second, third = rec.next(), rec.next(), rec.next()
    assert (first.text, second.text, third.text) == ("ORDER-0001", "4006381333931", "https://shop.example/o/")
    assert first.raw == b"ORDER-0001"
    assert first.source == f"serial:{pair.device}"
    assert first.symbology == "unknown"
    assert first.ts.tzinfo is not None
    assert first.latency_ms is not None and first.latency_ms >= 0
    assert scanner.status().state == DeviceState.READY


def test_a_scan_arriving_byte_by_byte_is_one_scan(make, pair, rec):
    make(suffix="CRLF")
    for byte in b"A-12345\r\n":
        pair.write(bytes([byte]))
        pair.drain()
    assert rec.next().text == "A-12345"


@pytest.mark.parametrize(("custom", "end"), [("\\x1e\\x04", b"\x1e\x04"), ("##", b"##"), ("\u0003", b"\x03")])
def test_custom_suffix(make, pair, rec, custom, end):
    make(suffix="custom", custom_suffix=custom)
    pair.write(b"ITEM-1" + end + b"ITEM-2" + end)
    assert rec.texts(2) == ["ITEM-1", "ITEM-2"]


def test_idle_gap_framing(make, pair, rec):
    make(suffix="none", idle_gap_ms=150)
    pair.write(b"FIRST-")
    pair.write(b"SCAN")  # same burst: one scan
    assert rec.next().text == "FIRST-SCAN"
    time.sleep(0.5)
    pair.write(b"SECOND")
    assert rec.next().text == "SECOND"


def test_stx_etx_framing_with_prefix_and_stray_line_ends(make, pair, rec):
    make(suffix="ETX", prefix="\\x02")
    pair.write(b"\x02PAY-77\x03\r\n\x02PAY-78\x03")
    assert rec.texts(2) == ["PAY-77", "PAY-78"]  # the CRLF between them is no text


def test_prefix_is_stripped_when_present(make, pair, rec):
    make(prefix="S:")
    pair.write(b"S:ORDER-9\rORDER-10\r")
    first, second = rec.next(), rec.next()
    assert (first.text, second.text) == ("ORDER-9", "ORDER-10")
    assert first.raw == b"S:ORDER-9"


def test_aim_identifiers(make, pair, rec):
    make(aim_ids=True, prefix="#")
    pair.write(b"#]Q1https://shop.example/o/A1\r]E04006381333931\r]C1010401234567890810ABC\x1d21XYZ\r"
               b"]E496385074\rNO-AIM-ID\r")
    events = [rec.next() for _ in range(5)]
    assert [(e.symbology, e.text) for e in events] == [
        ("qr", "https://shop.example/o/A1"),
        ("ean13", "4006381333931"),
        ("gs1-128", "010401234567890810ABC\x1d21XYZ"),  # GS separates GS1 fields: kept
        ("ean8", "96385074"),
        ("unknown", "NO-AIM-ID"),
    ]
    assert events[0].raw == b"#]Q1https://shop.example/o/A1"


def test_aim_ids_off_keeps_the_text_whole(make, pair, rec):
    make(aim_ids=False)
    pair.write(b"]Q1abc\r")
    event = rec.next()
    assert (event.symbology, event.text) == ("unknown", "]Q1abc")


def test_chinese_text_in_utf8_and_gb18030(make, pair, rec):
    make(aim_ids=True)
    text = "订单号：好物商城-A001"
    pair.write(b"]Q1" + text.encode("utf-8") + b"\r")
    pair.write(b"]Q1" + text.encode("gb18030") + b"\r")
    pair.write("Café".encode("latin-1") + b"\r")
    assert rec.texts(3) == [text, text, "Café"]


# --------------------------------------------------------------------------- bad input


def test_binary_garbage_then_a_good_scan(make, pair, rec):
    scanner = make()
    garbage = random.Random(7).randbytes(4096) + b"\r"
    pair.write(garbage)
    rec.wait_for(lambda s: s.state == DeviceState.WARNING and "check baud/parity" in s.detail)
    time.sleep(2 * INCOMPLETE_AFTER_S)  # a cashier's next scan comes after a pause
    pair.write(b"GOOD-SCAN-1\r")
    deadline = time.monotonic() + WAIT_S
    while (event := rec.next()).text != "GOOD-SCAN-1":  # some garbage may read as text; that's fine
        assert time.monotonic() < deadline
    rec.wait_for(lambda s: s.state == DeviceState.READY, after=1)
    assert scanner.running


def test_wrong_baud_rate_shows_a_warning_naming_the_cause(make, pair, rec):
    scanner = make(baud=9600)
    # What a 9600 8N1 port makes of a scanner sending at 115200: framing errors read as NUL,
    # runs of 0x80/0xF8/0xFF.
    pair.write(b"\x00\xf8\x80\x00\xff\xe0\x80\x00\xf8\xf8\x00\r")
    status = rec.wait_for(lambda s: s.state == DeviceState.WARNING)
    assert status.detail.startswith("unreadable bytes: check baud/parity")
    assert "9600 8N1" in status.detail
    pair.write(b"GOOD\r")
    assert rec.next().text == "GOOD"
    assert scanner.status().state == DeviceState.READY


def test_frame_without_printable_text_is_dropped(make, pair, rec):
    make()
    pair.write(b"\x1d\x1d\r\x02\x03\rAFTER\r")
    assert rec.next().text == "AFTER"


def test_100kb_line_without_terminator_is_bounded_and_warned(make, pair, rec):
    scanner = make()
    pair.write(b"X" * 100_000)
    status = rec.wait_for(lambda s: s.state == DeviceState.WARNING)
    assert status.detail.startswith(f"frame longer than {MAX_FRAME_BYTES} bytes discarded: check the scanner's suffix")
    pair.drain()
    assert scanner._framer.pending <= MAX_FRAME_BYTES
    time.sleep(3 * INCOMPLETE_AFTER_S)  # the over-long line ends at a pause
    pair.write(b"GOOD-AFTER-FLOOD\r")
    event = rec.next()
    assert event.text == "GOOD-AFTER-FLOOD"
    rec.wait_for(lambda s: s.state == DeviceState.READY, after=1)


def test_100kb_line_ended_by_its_suffix_then_a_good_scan(make, pair, rec):
    make()
    pair.write(b"Y" * 100_000 + b"\r" + b"GOOD\r")
    assert rec.next().text == "GOOD"  # nothing of the 100 KB line came through
    assert any(s.state == DeviceState.WARNING for s in rec.statuses)


def test_idle_gap_framing_bounds_a_continuous_stream(make, pair, rec):
    scanner = make(suffix="none", idle_gap_ms=200)
    pair.write(b"Z" * 50_000)
    rec.wait_for(lambda s: s.state == DeviceState.WARNING and "longer than" in s.detail)
    assert scanner._framer.pending <= MAX_FRAME_BYTES
    time.sleep(1.0)
    pair.write(b"AFTER")
    assert rec.next().text == "AFTER"


def test_wrong_suffix_is_reported_and_does_not_glue_scans(make, pair, rec):
    make(suffix="CR")
    pair.write(b"SENT-WITH-LF\n")  # the scanner is programmed for LF
    status = rec.wait_for(lambda s: s.state == DeviceState.WARNING)
    assert status.detail == "incomplete scan discarded: check the scanner's suffix setting (the terminal expects the CR suffix)"
    pair.write(b"NEXT\r")
    assert rec.next().text == "NEXT"


# --------------------------------------------------------------------------- the port itself


def test_missing_port_at_open_is_an_error_status(tmp_path, rec):
    missing = tmp_path / "ttyUSB9"
    scanner = SerialScanner(SerialScannerSettings(port=str(missing)), backoff=Backoff(0.05, 0.5))
    scanner.add_status_listener(rec.on_status)
    try:
        status = scanner.open()
        assert status.state == DeviceState.ERROR
        assert status.detail == f"serial port {missing} not found: check the cable and [scanner.serial] port"
        # Plugged in later: the reader started anyway finds it and reads.
        scanner.start(rec.on_scan)
        with SerialPair(tmp_path, device_name="ttyUSB9") as late:
            rec.wait_for(lambda s: s.state == DeviceState.READY)
            late.write(b"LATE\r")
            assert rec.next().text == "LATE"
    finally:
        scanner.close()


def test_a_file_that_is_no_serial_port(tmp_path):
    path = tmp_path / "not-a-tty"
    path.write_text("")
    status = SerialScanner(SerialScannerSettings(port=str(path))).open()
    assert status.state == DeviceState.ERROR
    assert status.detail == f"{path} is not a serial port: check [scanner.serial] port"


def test_port_in_use_by_another_scanner(make, pair):
    make()
    other = SerialScanner(SerialScannerSettings(port=str(pair.device)))
    status = other.open()
    assert status.state == DeviceState.ERROR
    assert "in use by another program" in status.detail


def test_open_errors_name_the_cause():
    scanner = SerialScanner(SerialScannerSettings(port="/dev/ttyS7"))
    denied = scanner._open_error(serial.SerialException(errno.EACCES, "could not open port /dev/ttyS7: denied"))
    assert denied.startswith("no permission to open serial port /dev/ttyS7: add the terminal's user to the dialout group")
    busy = scanner._open_error(serial.SerialException(errno.EBUSY, "busy"))
    assert "in use by another program" in busy


def test_no_port_configured():
    status = SerialScanner(SerialScannerSettings(port="")).open()
    assert status.state == DeviceState.ERROR
    assert "[scanner.serial] port" in status.detail


@pytest.mark.parametrize("kill", [False, True], ids=["sigterm", "sigkill"])
def test_port_vanishes_and_comes_back(make, pair, rec, kill):
    scanner = make()
    pair.write(b"BEFORE\r")
    assert rec.next().text == "BEFORE"
    pair.write(b"HALF-A-SC")  # mid-stream
    pair.drain()
    mark = rec.mark()
    pair.stop(kill=kill)
    lost = rec.wait_for(lambda s: s.state == DeviceState.ERROR, after=mark)
    assert lost.detail.startswith(f"disconnected: serial port {pair.device} went away")
    mark = rec.mark()
    pair.start()
    rec.wait_for(lambda s: s.state == DeviceState.READY, after=mark)
    pair.write(b"AFTER\r")
    assert rec.next().text == "AFTER"  # the half scan from before did not glue onto it
    assert scanner.running


def test_stop_returns_promptly_and_releases_the_port(make, pair, rec):
    scanner = make()
    pair.write(b"ONE\r")
    assert rec.next().text == "ONE"
    scanner.stop()
    assert not scanner.running  # stop() waits at most 2 s for the reader
    again = SerialScanner(SerialScannerSettings(port=str(pair.device)))
    try:
        assert again.open().state == DeviceState.READY  # the exclusive lock went with the port
    finally:
        again.close()


def test_idle_gap_scanner_stops_promptly(make):
    scanner = make(suffix="none", idle_gap_ms=2000)
    scanner.stop()
    assert not scanner.running


# --------------------------------------------------------------------------- pure parts


def test_escapes():
    assert parse_escapes("\\x02", key="prefix") == b"\x02"
    assert parse_escapes("\\r\\n", key="custom_suffix") == b"\r\n"
    assert parse_escapes("#\\t\\\\", key="custom_suffix") == b"#\t\\"
    assert parse_escapes("码", key="prefix") == "码".encode()
    assert parse_escapes("\u0003", key="custom_suffix") == b"\x03"


@pytest.mark.parametrize("bad", ["\\x0", "\\xZZ", "\\q", "abc\\"])
def test_bad_escape_names_the_key_and_what_is_allowed(bad):
    with pytest.raises(ValueError, match=r"\[scanner.serial\] custom_suffix = .*allowed are"):
        parse_escapes(bad, key="custom_suffix")


def test_custom_suffix_must_not_be_empty():
    # The settings schema refuses it at load time, naming the key and an example.
    with pytest.raises(ValueError, match="custom_suffix: suffix 'custom' needs custom_suffix"):
        SerialScannerSettings(port="/dev/ttyS0", suffix="custom", custom_suffix="")


@pytest.mark.parametrize("bad", ["\\x0", "\\q", "abc\\"])
def test_the_schema_refuses_the_escapes_the_driver_cannot_read(bad):
    with pytest.raises(ValueError, match="allowed escapes"):
        SerialScannerSettings(port="/dev/ttyS0", suffix="custom", custom_suffix=bad)


def test_framer_finds_a_suffix_split_across_reads():
    framer = SerialFramer(b"\r\n")
    assert framer.feed(b"ABC\r", 1.0) == []
    frames = framer.feed(b"\nDEF\r\n", 1.01)
    assert [f.data for f in frames] == [b"ABC", b"DEF"]
    assert frames[0].first_ts == 1.0 and frames[1].first_ts == 1.01


def test_framer_keeps_memory_bounded():
    framer = SerialFramer(b"\r", max_frame=100)
    for i in range(100):
        framer.feed(b"x" * 64, float(i))
        assert framer.pending <= 100 + 64
    assert [d.reason for d in framer.discarded] == ["too_long"]
    assert [f.data for f in framer.feed(b"tail\rok\r", 200.0)] == [b"ok"]


def test_framer_idle_gap_and_incomplete():
    framer = SerialFramer(None, idle_gap_s=0.05)
    framer.feed(b"AB", 1.0)
    assert framer.poll(1.02) == []
    assert [f.data for f in framer.poll(1.06)] == [b"AB"]
    framer = SerialFramer(b"\r", incomplete_after_s=0.5)
    framer.feed(b"partial", 1.0)
    assert framer.poll(1.2) == [] and framer.pending == 7
    framer.poll(1.6)
    assert framer.pending == 0 and framer.discarded[0].reason == "incomplete"


def test_decoding():
    assert decode_payload("订单".encode("gb18030")) == ("订单", True)
    assert decode_payload("订单".encode("utf-8")) == ("订单", True)
    assert decode_payload(b"Caf\xe9") == ("Café", True)
    assert decode_payload(b"AB\x00CD")[1] is False
    assert decode_payload(b"\xff\xfe\x80\x81")[1] is False
    assert decode_payload(random.Random(1).randbytes(200))[1] is False
    assert clean_text("\x02A\x1dB\x1d\r\n") == "A\x1dB"
    assert clean_text("\ufeffABC\x7f") == "ABC"


def test_unavailable_is_the_error_open_reports(tmp_path):
    scanner = SerialScanner(SerialScannerSettings(port=str(tmp_path / "nope")))
    with pytest.raises(DeviceUnavailable, match="not found"):
        scanner._connect()
