"""CameraScanner through real OpenCV capture: a video file written here plays as a camera."""

from __future__ import annotations

import threading
import time

import cv2
import numpy as np
import pytest
import zxingcpp

from config.schema import CameraSettings
from drivers.camera import CameraScanner, FrameRates, parse_camera_source
from drivers.decoding import DecodePipeline
from pos_terminal.ports import DeviceState

FPS = 25
SIZE = (640, 480)


def code_image(text: str, fmt: str, scale: int) -> np.ndarray:
    barcode = zxingcpp.create_barcode(text, getattr(zxingcpp.BarcodeFormat, fmt))
    return np.array(zxingcpp.write_barcode_to_image(barcode, scale=scale))


def frame_with(code: np.ndarray | None) -> np.ndarray:
    frame = np.full((SIZE[1], SIZE[0]), 150, np.uint8)
    if code is not None:
        y, x = (SIZE[1] - code.shape[0]) // 2, (SIZE[0] - code.shape[1]) // 2
        frame[y:y + code.shape[0], x:x + code.shape[1]] = code
    return cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR)


@pytest.fixture(scope="module")
def clip(tmp_path_factory):
    """3 s at 25 fps: blank, a payment QR for 1 s, blank, an order-number Code 128 for 1 s, blank."""
    path = tmp_path_factory.mktemp("video") / "counter.avi"
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, SIZE)
    assert writer.isOpened()
    qr = frame_with(code_image("PAY-ORDER-1001", "QRCode", 6))
    bars = frame_with(code_image("B-00042-1", "Code128", 3))
    blank = frame_with(None)
    for frame, count in ((blank, 8), (qr, 25), (blank, 10), (bars, 25), (blank, 7)):
        for _ in range(count):
            writer.write(frame)
    writer.release()
    return path


def collect(scanner: CameraScanner):
    events, lock = [], threading.Lock()

    def on_scan(event):
        with lock:
            events.append(event)

    return events, on_scan


def test_video_file_gives_each_code_once_then_finishes(clip):
    scanner = CameraScanner(CameraSettings(source=str(clip)), pipeline=DecodePipeline("both"))
    statuses = []
    scanner.add_status_listener(statuses.append)
    events, on_scan = collect(scanner)
    status = scanner.open()
    assert status.state is DeviceState.READY, status
    assert "640x480" in status.detail
    scanner.start(on_scan)
    try:
        assert scanner.finished.wait(30), scanner.status()
    finally:
        scanner.stop()
    assert [(e.symbology, e.text) for e in events] == [("qr", "PAY-ORDER-1001"), ("code128", "B-00042-1")]
    assert all(e.source == f"video:{clip}" for e in events)
    assert all(e.latency_ms is not None and e.latency_ms >= 0 for e in events)
    assert scanner.status().state is DeviceState.CLOSED
    assert scanner.status().detail == "end of file"
    assert statuses[-1].state is DeviceState.CLOSED
    assert not scanner.running
    scanner.close()


def test_frame_listener_gets_frames_outlines_and_rates(clip):
    scanner = CameraScanner(CameraSettings(source=f"video:{clip}"))
    calls = []
    scanner.add_frame_listener(lambda frame, decoded, fps: calls.append((frame.shape, decoded, fps)))
    seen_rates = []
    scanner.add_frame_listener(lambda frame, decoded, fps: seen_rates.append(scanner.fps))
    scanner.open()
    scanner.start(lambda event: None)
    try:
        assert scanner.finished.wait(30)
    finally:
        scanner.close()
    assert calls, "no frame reached the listener"
    assert all(isinstance(r, FrameRates) for r in seen_rates)
    assert any(r.captured > 0 and r.decoded > 0 for r in seen_rates)
    assert all(shape == (SIZE[1], SIZE[0], 3) for shape, _, _ in calls)
    assert len(calls) <= 3.0 / 0.1 + 2  # throttled to about 10 a second over a 3 s clip
    outlined = [d for _, decoded, _ in calls for d in decoded]
    assert {d.text for d in outlined} == {"PAY-ORDER-1001", "B-00042-1"}
    for d in outlined:
        assert len(d.polygon) == 4
        x0, y0, x1, y1 = d.bounds()
        assert 0 <= x0 < x1 <= SIZE[0] and 0 <= y0 < y1 <= SIZE[1]
    rates = [fps for _, _, fps in calls]
    assert all(isinstance(r, float) for r in rates)
    assert any(r > 0 for r in rates)


def test_looping_file_rewinds_and_shows_the_code_again(clip):
    scanner = CameraScanner(CameraSettings(source=str(clip), repeat_window_ms=300), loop_file=True)
    events, on_scan = collect(scanner)
    assert scanner.open().usable
    scanner.start(on_scan)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and [e.text for e in events].count("PAY-ORDER-1001") < 2:
            time.sleep(0.1)
        assert not scanner.finished.is_set()
        assert scanner.status().state is DeviceState.READY
    finally:
        scanner.close()
    assert [e.text for e in events].count("PAY-ORDER-1001") >= 2
    assert scanner.status().state is DeviceState.CLOSED


def test_absent_camera_is_an_error_status_not_an_exception():
    scanner = CameraScanner(CameraSettings(), source="camera:/dev/video97")
    status = scanner.open()
    assert status.state is DeviceState.ERROR
    assert "camera /dev/video97 not found" in status.detail
    scanner.start(lambda event: None)  # keeps retrying in the background without raising
    deadline = time.monotonic() + 5
    while "retrying" not in scanner.status().detail and time.monotonic() < deadline:
        time.sleep(0.02)
    assert scanner.status().state is DeviceState.ERROR
    assert "retrying" in scanner.status().detail
    scanner.close()
    assert not scanner.running


def test_absent_camera_index_names_the_device():
    status = CameraScanner(CameraSettings(source="97")).open()
    assert status.state is DeviceState.ERROR
    assert status.detail.startswith("camera 97 not found: /dev/video97")


def test_missing_or_broken_video_file(tmp_path):
    status = CameraScanner(CameraSettings(), source=f"video:{tmp_path / 'gone.avi'}").open()
    assert status.state is DeviceState.ERROR and "not found" in status.detail
    broken = tmp_path / "broken.avi"
    broken.write_bytes(b"RIFF not really a video" * 50)
    status = CameraScanner(CameraSettings(), source=f"video:{broken}").open()
    assert status.state is DeviceState.ERROR and "cannot be played" in status.detail


@pytest.mark.parametrize("spec, parsed", [
    ("0", ("camera", "0")),
    ("/dev/video2", ("camera", "/dev/video2")),
    ("camera:1", ("camera", "1")),
    ("video:/tmp/a.avi", ("video", "/tmp/a.avi")),
    ("clips/a.mp4", ("video", "clips/a.mp4")),
])
def test_source_spellings(spec, parsed):
    assert parse_camera_source(spec) == parsed
