"""A serial cable made of two connected ptys (socat), to stand in for a serial scanner:

    with SerialPair(tmp_path) as pair:
        scanner = SerialScanner(SerialScannerSettings(port=str(pair.device)))
        ...
        pair.write(b"4006381333931\\r")   # what the scanner would send

`device` is the serial device the code under test opens (as it would open /dev/ttyACM0);
`scanner_end` is the scanner's side, which `write` keeps open (raw, no echo) for the pair's
lifetime. `stop()` ends socat the way an unplugged adapter ends the port (the code under test
sees the port go away, the link paths vanish); `start()` again makes a new pair on the same
paths, as when the adapter comes back.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import termios
import time
import tty
from pathlib import Path


class SerialPair:
    def __init__(self, folder: Path, *, device_name: str = "ttyPOS", scanner_name: str = "ttySCANNER") -> None:
        self.folder = Path(folder)
        self.device = self.folder / device_name
        self.scanner_end = self.folder / scanner_name
        self._proc: subprocess.Popen | None = None
        self._fd: int | None = None

    def start(self, timeout_s: float = 10.0) -> SerialPair:
        if shutil.which("socat") is None:
            raise RuntimeError("socat is not installed (apt-get install socat): serial tests need it")
        if self._proc is not None:
            raise RuntimeError("the pty pair is already running")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._unlink()
        log_path = self.folder / f"socat-{self.device.name}.log"
        with open(log_path, "ab") as log:  # a file, not a pipe: a full pipe would stall socat
            self._proc = subprocess.Popen(
                ["socat", "-d", "-d",
                 f"pty,raw,echo=0,link={self.scanner_end}", f"pty,raw,echo=0,link={self.device}"],
                stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log,
            )
        deadline = time.monotonic() + timeout_s
        while not (self.device.exists() and self.scanner_end.exists()):
            if self._proc.poll() is not None:
                self._proc = None
                err = log_path.read_text(errors="replace").strip()
                raise RuntimeError(f"socat exited at start: {err}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError(f"socat made no pty links in {timeout_s} s")
            time.sleep(0.01)
        return self

    def write(self, data: bytes) -> None:
        """Writes all of `data` on the scanner's end; blocks while the other end is not reading."""
        if self._fd is None:
            fd = os.open(self.scanner_end, os.O_RDWR | os.O_NOCTTY)
            tty.setraw(fd, termios.TCSANOW)
            self._fd = fd
        view = memoryview(data)
        while view:
            view = view[os.write(self._fd, view):]

    def drain(self) -> None:
        """Waits until everything written has left the scanner's end."""
        if self._fd is not None:
            termios.tcdrain(self._fd)

    def stop(self, *, kill: bool = False) -> None:
        """Ends socat (SIGTERM, or SIGKILL with kill=True) and removes the link paths."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
        proc, self._proc = self._proc, None
        if proc is not None:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL if kill else signal.SIGTERM)
            try:
                proc.wait(5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(5)
        self._unlink()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def _unlink(self) -> None:
        for link in (self.device, self.scanner_end):
            if link.is_symlink() or link.exists():
                link.unlink()

    def __enter__(self) -> SerialPair:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
