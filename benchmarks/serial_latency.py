"""Serial scanner latency: a CR-framed scan written on one end of a socat pty pair until
SerialScanner delivers its ScanEvent (reader thread, framing, decoding, AIM/prefix handling);
beside a bare pyserial read_until(CR) on the same pty pair, timed the same way. A pty has no wire
time: 115200 baud is configured, but both figures are software latency only."""

from __future__ import annotations

import queue
import shutil
import time
from pathlib import Path

from benchmarks.stats import median, p95, row

N = 500
WARMUP = 20
# A payment voucher QR: a JWS of about 300 characters (DESIGN.md: at most 400).
PAYLOAD = (b"eyJhbGciOiJFZERTQSIsImtpZCI6ImsyMDI0In0." + b"eyJvIjoiQS0wMDAxMjMiLCJtIjoibTEiLCJhIjoxMjUw" * 5
           + b"." + b"c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU" * 2)
FRAME = PAYLOAD + b"\r"
TIMEOUT_S = 10.0


def run(out_dir: Path) -> list[dict]:
    import serial

    from config.schema import SerialScannerSettings
    from drivers.serial_scanner import SerialScanner
    from tests.serialpty import SerialPair

    folder = out_dir / "serial-latency"
    shutil.rmtree(folder, ignore_errors=True)
    pair = SerialPair(folder).start()
    try:
        delivered: queue.Queue = queue.Queue()
        scanner = SerialScanner(SerialScannerSettings(port=str(pair.device), baud=115200, suffix="CR"))
        status = scanner.open()
        if not status.usable:
            raise RuntimeError(f"serial scanner did not open: {status.detail}")
        scanner.start(lambda event: delivered.put((time.perf_counter(), event)))
        scan_ms = []
        try:
            for i in range(WARMUP + N):
                t0 = time.perf_counter()
                pair.write(FRAME)
                t1, event = delivered.get(timeout=TIMEOUT_S)
                if event.text != PAYLOAD.decode():
                    raise RuntimeError(f"scan {i} arrived damaged ({len(event.text)} characters)")
                if i >= WARMUP:
                    scan_ms.append((t1 - t0) * 1000)
        finally:
            scanner.close()

        # Baselines on the same pair: the least a reader can do (read what is waiting until the
        # CR), and pyserial's own read_until, which reads one byte per system call.
        bare_ms = _bare(pair, serial.Serial(str(pair.device), 115200, timeout=TIMEOUT_S), _read_chunks)
        read_until_ms = _bare(pair, serial.Serial(str(pair.device), 115200, timeout=TIMEOUT_S),
                              lambda port: port.read_until(b"\r"))
    finally:
        pair.stop()

    base = "bare pyserial read until CR (read + in_waiting) on the same pty pair, same frames"
    extra = {"payload_bytes": len(PAYLOAD), "transport": "socat pty pair, 115200 8N1 configured"}
    return [
        row(f"serial scan latency, write to ScanEvent, median of {N}", median(scan_ms), median(bare_ms), "ms", base,
            pyserial_read_until_ms=round(median(read_until_ms), 4), **extra),
        row(f"serial scan latency, write to ScanEvent, p95 of {N}", p95(scan_ms), p95(bare_ms), "ms", base,
            pyserial_read_until_ms=round(p95(read_until_ms), 4), **extra),
    ]


def _read_chunks(port) -> bytes:
    line = b""
    while not line.endswith(b"\r"):
        chunk = port.read(max(1, port.in_waiting))
        if not chunk:
            break
        line += chunk
    return line


def _bare(pair, port, read_line) -> list[float]:
    """Write a frame, read it back with `read_line`, time; the same way as the scanner's figure."""
    times = []
    try:
        for i in range(WARMUP + N):
            t0 = time.perf_counter()
            pair.write(FRAME)
            line = read_line(port)
            t1 = time.perf_counter()
            if line != FRAME:
                raise RuntimeError(f"bare read {i} arrived damaged ({len(line)} bytes)")
            if i >= WARMUP:
                times.append((t1 - t0) * 1000)
    finally:
        port.close()
    return times
