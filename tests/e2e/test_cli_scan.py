"""`pos-terminal scan` and `pos-terminal devices` as a technician runs them: real processes, a
real image file, standard input as a wedge, a socat pty pair as a serial scanner."""

from __future__ import annotations

import json

import cv2
import numpy as np
import pytest
import zxingcpp

from tests.e2e.test_cli import EXE, ROOT, run


def _qr_png(path, text: str, *, scale: int = 6, dark_mode: bool = False) -> None:
    image = np.array(zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode).to_image(scale=scale))
    image = cv2.copyMakeBorder(image, 40, 40, 40, 40, cv2.BORDER_CONSTANT, value=255)
    cv2.imwrite(str(path), 255 - image if dark_mode else image)


def test_file_source_prints_every_code_and_exits_0(tmp_path):
    a, b = tmp_path / "a.png", tmp_path / "b.png"
    _qr_png(a, "PAY-000123")
    _qr_png(b, "ITEM-9", dark_mode=True)
    r = run("scan", "--source", f"file:{a}", "--json")
    assert r.returncode == 0, r.stderr
    line = json.loads(r.stdout)
    assert (line["text"], line["symbology"], line["source"]) == ("PAY-000123", "qr", f"file:{a}")
    assert set(line) == {"text", "symbology", "source", "ts", "latency_ms"}
    r = run("scan", "--source", f"file:{b}")
    assert (r.returncode, r.stdout) == (0, "ITEM-9\n"), r.stderr
    # Two codes in one image: a line for each.
    left, right = cv2.imread(str(a), 0), np.array(zxingcpp.create_barcode("IC0000000010010001", zxingcpp.BarcodeFormat.Code128).to_image(scale=3))
    canvas = np.full((max(left.shape[0], right.shape[0] + 80), left.shape[1] + right.shape[1] + 120), 255, np.uint8)
    canvas[: left.shape[0], : left.shape[1]] = left
    canvas[40 : 40 + right.shape[0], left.shape[1] + 80 : left.shape[1] + 80 + right.shape[1]] = right
    both = tmp_path / "both.png"
    cv2.imwrite(str(both), canvas)
    r = run("scan", "--source", f"file:{both}")
    assert r.returncode == 0, r.stderr
    assert sorted(r.stdout.splitlines()) == ["IC0000000010010001", "PAY-000123"]


def test_file_with_no_code_exits_1_silently_and_unreadable_exits_2(tmp_path):
    blank = tmp_path / "blank.png"
    cv2.imwrite(str(blank), np.full((200, 200), 255, np.uint8))
    r = run("scan", "--source", f"file:{blank}")
    assert (r.returncode, r.stdout) == (1, "")
    junk = tmp_path / "junk.png"
    junk.write_bytes(b"\x89PNG not really")
    r = run("scan", "--source", f"file:{junk}")
    assert r.returncode == 2 and r.stdout == "" and "Traceback" not in r.stderr
    assert str(junk) in r.stderr
    r = run("scan", "--source", f"file:{tmp_path / 'missing.png'}")
    assert r.returncode == 2 and "Traceback" not in r.stderr


@pytest.mark.parametrize(
    "spec, words",
    [
        ("bluetooth:1", ["unknown source kind"]),
        ("serial:/dev/ttyS0?baud=123", ["baud"]),
        ("video:/no/such/file.avi", ["no such video file"]),
    ],
)
def test_bad_spec_exits_2_with_what_is_wrong(spec, words):
    r = run("scan", "--source", spec)
    assert r.returncode == 2 and r.stdout == ""
    for word in words:
        assert word in r.stderr
    assert "Traceback" not in r.stderr


def test_wedge_reads_standard_input_one_scan_per_line():
    r = run("scan", "--source", "wedge", "--json", input="6901234567892\nPAY-7\n\nX\n")
    assert r.returncode == 0, r.stderr
    texts = [json.loads(line)["text"] for line in r.stdout.splitlines()]
    assert texts[:2] == ["6901234567892", "PAY-7"]
    assert all(json.loads(line)["source"] == "wedge" for line in r.stdout.splitlines())


def test_serial_source_reads_a_pty_scanner_until_count(tmp_path):
    import subprocess

    from tests.serialpty import SerialPair

    with SerialPair(tmp_path) as pair:
        proc = subprocess.Popen(
            [*EXE, "scan", "--source", f"serial:{pair.device}?baud=115200&suffix=CRLF", "--count", "2", "--json", "--timeout", "60"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        try:
            # Bytes written before the port is open are lost, as on a real line: wait for "ready".
            assert "ready" in proc.stderr.readline()
            pair.write(b"PAY-1\r\n")
            pair.write(b"\xe4\xb8\xad\xe6\x96\x87-2\r\n")
            out, err = proc.communicate(timeout=60)
        finally:
            proc.kill()
    assert proc.returncode == 0, err
    lines = [json.loads(line) for line in out.splitlines()]
    assert [line["text"] for line in lines] == ["PAY-1", "中文-2"]
    assert lines[0]["source"] == f"serial:{pair.device}"


def test_devices_json_lists_every_kind_without_failing():
    r = run("devices", "--json")
    assert r.returncode == 0, r.stderr
    found = json.loads(r.stdout)
    for key in ("serial_ports", "cameras", "input_devices", "usb_printers"):
        assert key in found
    r = run("devices")
    assert r.returncode == 0 and r.stdout.strip()


def test_video_source_prints_each_code_once_and_ends_with_the_file(tmp_path):
    from tests.integration.test_camera import FPS, SIZE, code_image, frame_with

    clip = tmp_path / "counter.avi"
    writer = cv2.VideoWriter(str(clip), cv2.VideoWriter_fourcc(*"MJPG"), FPS, SIZE)
    for frame, count in ((frame_with(None), 5), (frame_with(code_image("PO000000001001", "QRCode", 6)), 30),
                         (frame_with(None), 5), (frame_with(code_image("IC0000000010010001", "Code128", 3)), 30),
                         (frame_with(None), 5)):
        for _ in range(count):
            writer.write(frame)
    writer.release()
    r = run("scan", "--source", f"video:{clip}", "--json", "--timeout", "60")
    assert r.returncode == 0, r.stderr
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(line["text"], line["symbology"]) for line in lines] == [("PO000000001001", "qr"), ("IC0000000010010001", "code128")]
    assert all(line["source"] == f"video:{clip}" and line["latency_ms"] is not None for line in lines)
