"""The line wedge through a real pipe, as `pos-terminal scan --source wedge` reads stdin."""

from __future__ import annotations

import io
import os
import time

import pytest

from drivers.wedge_stream import MAX_LINE_BYTES, LineWedgeScanner
from pos_terminal.ports import DeviceState


@pytest.fixture
def pipe():
    r, w = os.pipe()
    reader = os.fdopen(r, "rb", buffering=0)
    writer = os.fdopen(w, "wb", buffering=0)
    yield reader, writer
    for f in (reader, writer):
        try:
            f.close()
        except OSError:
            pass


def run(reader, **kw):
    scanner = LineWedgeScanner(reader, **kw)
    scans, statuses = [], []
    scanner.add_status_listener(statuses.append)
    assert scanner.open().state is DeviceState.READY
    scanner.start(scans.append)
    return scanner, scans, statuses


def wait_for(predicate, timeout=5.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.01)
    return False


def test_one_scan_per_line_and_finished_at_eof(pipe):
    reader, writer = pipe
    scanner, scans, statuses = run(reader)
    try:
        writer.write(b"ORD-1\nORD-2\r\nORD")
        assert wait_for(lambda: len(scans) == 2)
        writer.write(b"-3\r")
        assert wait_for(lambda: len(scans) == 3)
        writer.write(b"\n\n\n")  # the LF of a split CRLF and empty lines are not scans
        writer.write("付款-4\n".encode())
        writer.close()
        assert scanner.finished.wait(5)
    finally:
        scanner.close()
    assert [s.text for s in scans] == ["ORD-1", "ORD-2", "ORD-3", "付款-4"]
    assert scans[3].raw == "付款-4".encode()
    assert {s.source for s in scans} == {"wedge"} and {s.symbology for s in scans} == {"unknown"}
    assert all(s.latency_ms is not None and s.latency_ms >= 0 for s in scans)
    assert any(s.detail == "end of input" for s in statuses)


def test_min_length_and_unterminated_rest(pipe):
    reader, writer = pipe
    scanner, scans, _ = run(reader, min_length=4)
    writer.write(b"abc\nabcd\nrest-without-enter")
    writer.close()
    assert scanner.finished.wait(5)
    scanner.close()
    assert [s.text for s in scans] == ["abcd"]


def test_terminator_none_keeps_the_rest_at_eof(pipe):
    reader, writer = pipe
    scanner, scans, _ = run(reader, terminator="none")
    writer.write(b"first\nlast")
    writer.close()
    assert scanner.finished.wait(5)
    scanner.close()
    assert [s.text for s in scans] == ["first", "last"]


def test_tab_and_custom_terminators(pipe):
    reader, writer = pipe
    scanner, scans, _ = run(reader, terminator="tab")
    writer.write(b"A1\tB2\tC3\n")
    writer.close()
    assert scanner.finished.wait(5)
    scanner.close()
    assert [s.text for s in scans] == ["A1", "B2", "C3"]

    scanner = LineWedgeScanner(io.BytesIO(b"X9##Y8##"), terminator="custom", custom_terminator="##")
    scans = []
    scanner.open()
    scanner.start(scans.append)
    assert scanner.finished.wait(5)
    scanner.close()
    assert [s.text for s in scans] == ["X9", "Y8"]


def test_over_long_line_is_discarded_with_a_warning(pipe):
    reader, writer = pipe
    scanner, scans, statuses = run(reader)
    try:
        writer.write(b"x" * (100 * 1024))  # 100 KB, no terminator
        assert wait_for(lambda: any(s.state is DeviceState.WARNING for s in statuses))
        writer.write(b"tail-of-the-long-line\nGOOD-1\n")
        assert wait_for(lambda: len(scans) == 1)
        writer.close()
        assert scanner.finished.wait(5)
    finally:
        scanner.close()
    assert [s.text for s in scans] == ["GOOD-1"]
    warning = next(s for s in statuses if s.state is DeviceState.WARNING)
    assert str(MAX_LINE_BYTES) in warning.detail
    assert "x" * 10 not in warning.detail  # the contents never go into a status or log


def test_binary_garbage_does_not_crash(pipe):
    reader, writer = pipe
    scanner, scans, statuses = run(reader)
    writer.write(bytes(range(256)) * 8 + b"\n\xff\xfe\x00\x80\nOK-7\n")
    writer.close()
    assert scanner.finished.wait(5)
    scanner.close()
    assert scans[-1].text == "OK-7"
    assert all("\ufffd" not in s.text for s in scans)
    assert any("not UTF-8" in s.detail for s in statuses)


def test_stop_while_waiting_for_input(pipe):
    reader, _ = pipe
    scanner, scans, _ = run(reader)
    time.sleep(0.05)
    scanner.close()
    assert not scanner.running and not scanner.finished.is_set()
    assert scanner.status().state is DeviceState.CLOSED


def test_refuses_bad_terminators():
    with pytest.raises(ValueError, match="enter, tab, none or custom"):
        LineWedgeScanner(io.BytesIO(), terminator="cr")
    with pytest.raises(ValueError, match="custom_terminator"):
        LineWedgeScanner(io.BytesIO(), terminator="custom")
