"""Memory of the running terminal: the resident set (VmRSS, from /proc/PID/status, read by this
process from outside) of `pos-terminal demo` with the camera pipeline running, beside a bare
QApplication + QLabel process measured the same way in the same run.

The terminal: the real command line (pos_terminal.cli.main, unchanged) in a new process, on a data
folder made by one earlier (unmeasured) start, as a counter runs day after day, whose saved demo
settings make the counter's scanner a camera playing a video file (the way a technician tries a
camera without one: the camera source is a file). The video is
1280x720 at 15 fps, made here (seeded): a plain counter background with a payment QR shown for
one second every three seconds, so the capture thread, the decoder and the scan path all work.
The demo starts its sandbox platform and device stand-ins as always. An import hook connects the
window's Bridge.scan to a marker file; once the first scan has arrived (the pipeline is running),
VmRSS is sampled every SAMPLE_EVERY_S for SAMPLE_S seconds while frames keep being decoded, then
the terminal is stopped with SIGINT (Ctrl+C, a clean stop). The figure is the highest VmRSS
sampled in that window, in MB (2^20 bytes); the process's VmHWM (its peak since start) and the
card-terminal simulator's own RSS (a stand-in for a separate device, its own process, not
counted) are kept beside it.

The baseline: the bare probe of benchmarks/startup.py's kind (QApplication + one QLabel shown)
kept alive for a second after its first frame, sampled the same way; its highest VmRSS."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.goals import Goal
from benchmarks.startup import BARE, ROOT, TERMINAL, time_to_shown
from benchmarks.stats import row

SAMPLE_S = float(os.environ.get("POS_BENCH_MEMORY_SAMPLE_S", "8"))
SAMPLE_EVERY_S = 0.05
VIDEO_S = 60  # longer than any start plus the sampling: the pipeline never runs dry while sampled
FPS = 15
SIZE = (1280, 720)
LIMIT_MB = 300.0

BARE_ALIVE = BARE.replace("QApplication.quit()", "QTimer.singleShot(1000, QApplication.quit)")
assert BARE_ALIVE != BARE

# The real entry point; the hook adds one thing once ui.main_window is executed: when the window
# starts, each scan its Bridge delivers is appended to the marker file (argv[1]).
TERMINAL_SCANS = """
import sys
import importlib.abc
import importlib.machinery

_MARK = sys.argv.pop(1)

def _hook_start(cls):
    start = cls.start
    def hooked(self, *args, **kwargs):
        def seen(event):
            with open(_MARK, "a", encoding="utf-8") as fh:
                fh.write(event.text + "\\n")
        self.bridge.scan.connect(seen)
        return start(self, *args, **kwargs)
    cls.start = hooked

class _AfterMainWindow(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "ui.main_window":
            return None
        sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        run_module = spec.loader.exec_module
        def exec_module(module):
            run_module(module)
            _hook_start(module.MainWindow)
        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _AfterMainWindow())
from pos_terminal.cli import main
sys.argv[0] = "pos-terminal"
raise SystemExit(main(sys.argv[1:]))
"""


def make_video(path: Path, seed: int = 14) -> list[str]:
    """The counter camera's clip (see the module's text). Returns the texts of its QR codes."""
    import cv2
    import numpy as np
    import zxingcpp

    rng = random.Random(seed)
    width, height = SIZE
    y, x = np.mgrid[0:height, 0:width]
    background = (110 + 60 * x / width + 20 * np.sin(y / 37.0)).astype(np.uint8)  # a lit counter, not a flat card
    writer = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"MJPG"), FPS, SIZE)
    if not writer.isOpened():
        raise RuntimeError(f"OpenCV cannot write the MJPG clip {path}")
    texts = []
    try:
        for second in range(VIDEO_S):
            code = None
            if second % 3 == 1:
                text = f"https://shop.example.com/o/PO{rng.randrange(10**11, 10**12)}"
                texts.append(text)
                code = np.array(zxingcpp.write_barcode_to_image(
                    zxingcpp.create_barcode(text, zxingcpp.BarcodeFormat.QRCode), scale=7))
            for _ in range(FPS):
                frame = background.copy()
                if code is not None:
                    top, left = (height - code.shape[0]) // 2, (width - code.shape[1]) // 2
                    frame[top:top + code.shape[0], left:left + code.shape[1]] = code
                writer.write(cv2.cvtColor(frame, cv2.COLOR_GRAY2BGR))
    finally:
        writer.release()
    return texts


def status_kb(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM (kB) of a live process, from /proc/PID/status; {} once it is gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except (FileNotFoundError, ProcessLookupError):
        return {}
    out = {}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            out[key] = int(value.split()[0])
    return out


def children(pid: int) -> list[int]:
    """The child processes of every thread of a process (the card simulator is started from a worker)."""
    out = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out += [int(p) for p in (task / "children").read_text().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return out


def _env(folder: Path, data: Path | None = None) -> dict:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT),
               PYTHONPYCACHEPREFIX=str(folder / "pycache"))
    for key in ("DISPLAY", "WAYLAND_DISPLAY", "PYTHONDONTWRITEBYTECODE"):
        env.pop(key, None)
    if data is not None:
        env["POS_TERMINAL_DATA_DIR"] = str(data)
    return env


def measure_bare(folder: Path) -> dict:
    shot = folder / "bare.png"
    proc = subprocess.Popen([sys.executable, "-c", BARE_ALIVE, str(shot)], env=_env(folder), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, hwm = 0, 0
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline:
        kb = status_kb(proc.pid)
        if kb and shot.exists():
            peak, hwm = max(peak, kb.get("VmRSS", 0)), max(hwm, kb.get("VmHWM", 0))
        time.sleep(SAMPLE_EVERY_S)
    _, err = proc.communicate(timeout=60)
    if proc.returncode != 0 or not peak:
        raise RuntimeError(f"the bare probe exited {proc.returncode} unsampled: {err.decode(errors='replace')[-2000:]}")
    return {"rss_kb": peak, "hwm_kb": hwm}


def measure_terminal(folder: Path, video: Path) -> dict:
    data = folder / "data"
    shutil.rmtree(data, ignore_errors=True)
    (data / "demo").mkdir(parents=True)
    (data / "demo" / "settings.toml").write_text(
        f'# memory benchmark: the counter camera is a video file\n[scanner]\nkind = "camera"\n\n'
        f'[scanner.camera]\nsource = "{video}"\nwidth = {SIZE[0]}\nheight = {SIZE[1]}\n', encoding="utf-8")
    # an everyday start: the data folder (database, sandbox, keys) made by an earlier start, unmeasured
    time_to_shown(TERMINAL, folder / "warm-up.png", _env(folder, data), ["demo"])
    marks = folder / "scans.txt"
    marks.unlink(missing_ok=True)
    t0 = time.monotonic()
    proc = subprocess.Popen([sys.executable, "-c", TERMINAL_SCANS, str(marks), "demo"], env=_env(folder, data),
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        while not (marks.exists() and marks.stat().st_size):
            if proc.poll() is not None:
                raise RuntimeError(f"the demo exited {proc.returncode} before a scan: "
                                   f"{proc.stderr.read().decode(errors='replace')[-3000:]}")
            if time.monotonic() - t0 > 120:
                raise RuntimeError("no scan from the camera pipeline within 120 s")
            time.sleep(SAMPLE_EVERY_S)
        first_scan_s = time.monotonic() - t0
        scans_before = len(marks.read_text(encoding="utf-8").split())
        samples, hwm, helper_kb = [], 0, 0
        end = time.monotonic() + SAMPLE_S
        while time.monotonic() < end:
            kb = status_kb(proc.pid)
            if not kb:
                raise RuntimeError("the demo stopped while it was sampled")
            samples.append(kb["VmRSS"])
            hwm = max(hwm, kb["VmHWM"])
            helper_kb = max([helper_kb] + [status_kb(c).get("VmRSS", 0) for c in children(proc.pid)])
            time.sleep(SAMPLE_EVERY_S)
        scans = len(marks.read_text(encoding="utf-8").split()) - scans_before
        if scans < 1:
            raise RuntimeError("the camera pipeline decoded no code while sampled: it is not running")
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGINT)
        try:
            _, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise RuntimeError("the demo did not stop within 60 s of Ctrl+C") from None
    if proc.returncode not in (0, -signal.SIGINT):
        raise RuntimeError(f"the demo exited {proc.returncode}: {err.decode(errors='replace')[-3000:]}")
    return {"rss_kb": max(samples), "median_rss_kb": sorted(samples)[len(samples) // 2], "hwm_kb": hwm,
            "card_simulator_rss_kb": helper_kb, "scans": scans, "first_scan_s": round(first_scan_s, 1),
            "samples": len(samples)}


def run(out_dir: Path) -> list[dict]:
    folder = out_dir / "memory"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    video = folder / "counter-camera.avi"
    make_video(video)
    bare = measure_bare(folder)
    terminal = measure_terminal(folder, video)
    mb = lambda kb: kb / 1024  # noqa: E731
    return [
        row(f"memory (VmRSS) of `pos-terminal demo`, camera pipeline running, highest over {SAMPLE_S:g} s",
            mb(terminal["rss_kb"]), mb(bare["rss_kb"]), "MB",
            "bare QApplication + one QLabel process, shown, same run", goal=Goal(max_value=LIMIT_MB),
            median_mb=round(mb(terminal["median_rss_kb"]), 1), peak_since_start_mb=round(mb(terminal["hwm_kb"]), 1),
            card_simulator_process_mb=round(mb(terminal["card_simulator_rss_kb"]), 1),
            scans_while_sampled=terminal["scans"], first_scan_after_s=terminal["first_scan_s"],
            camera=f"video file {SIZE[0]}x{SIZE[1]} at {FPS} fps, a QR one second in three",
            baseline_peak_since_start_mb=round(mb(bare["hwm_kb"]), 1)),
    ]


if __name__ == "__main__":
    import json
    import tempfile

    for r in run(Path(tempfile.mkdtemp(prefix="bench-memory-"))):
        print(json.dumps(r, ensure_ascii=False))
