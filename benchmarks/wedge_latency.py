"""Keyboard-wedge scan latency inside the app: from the delivery of a scan's last key (Enter) to
the WedgeFilter's ScanEvent, over N scans sent as key events (5 ms apart by their timestamps) to
the window of a focused QLineEdit, the path the window system's keys take; beside the same keys
sent to a bare QLineEdit with no filter, from the delivery of the last character to the line
edit's text holding it. Offscreen Qt."""

from __future__ import annotations

import os
import time
from pathlib import Path

from benchmarks.stats import median, p95, row

N = 500
GAP_MS = 5


def _scan_text(i: int) -> str:
    return f"ORD-2024{i:06d}-CN"


def run(out_dir: Path) -> list[dict]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QLineEdit

    from config.schema import WedgeSettings
    from ui.wedge import WedgeFilter

    app = QApplication.instance() or QApplication([])

    class DeliveryProbe(QObject):
        """Installed last, so it sees each key press before the WedgeFilter does."""

        def __init__(self) -> None:
            super().__init__()
            self.delivered_at = 0.0

        def eventFilter(self, obj, event):  # noqa: N802
            if event.type() == QEvent.Type.KeyPress and obj is edit:
                self.delivered_at = time.perf_counter()
            return False

    edit = QLineEdit()
    edit.show()
    edit.activateWindow()
    edit.setFocus()
    for _ in range(20):
        app.processEvents()
    window = edit.windowHandle()
    stamp = [1_000_000]

    def post_keys(text: str, with_enter: bool) -> None:
        stamp[0] += 2000
        keys = [(ord(ch.upper()), ch) for ch in text]
        if with_enter:
            keys.append((Qt.Key.Key_Return, "\r"))
        for key, ch in keys:
            stamp[0] += GAP_MS
            for kind, ts in ((QEvent.Type.KeyPress, stamp[0]), (QEvent.Type.KeyRelease, stamp[0] + 1)):
                event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, ch)
                event.setTimestamp(ts)
                QCoreApplication.sendEvent(window, event)

    def pump(until) -> None:
        deadline = time.monotonic() + 5.0
        while not until():
            app.processEvents()
            if time.monotonic() > deadline:
                raise RuntimeError("key events were not delivered within 5 s")

    # -- with the filter ------------------------------------------------------------------------
    wedge = WedgeFilter(WedgeSettings(max_key_gap_ms=35, min_length=4, terminator="enter"))
    wedge.install(app)
    probe = DeliveryProbe()
    app.installEventFilter(probe)
    scanned: list[float] = []
    texts: list[str] = []
    wedge.scanned.connect(lambda event: (scanned.append(time.perf_counter()), texts.append(event.text)))
    wedge_ms = []
    for i in range(N):
        post_keys(_scan_text(i), with_enter=True)
        pump(lambda: len(scanned) > i)
        wedge_ms.append((scanned[i] - probe.delivered_at) * 1000.0)
    if edit.text() or texts[-1] != _scan_text(N - 1):
        raise RuntimeError("the wedge benchmark leaked scan keys into the line edit or lost a scan")
    app.removeEventFilter(probe)
    wedge.uninstall()

    # -- baseline: a bare QLineEdit ---------------------------------------------------------------
    app.installEventFilter(probe)
    changed: list[float] = []
    edit.textChanged.connect(lambda text: changed.append(time.perf_counter()))
    bare_ms = []
    for i in range(N):
        edit.clear()
        app.processEvents()
        want = _scan_text(i)
        changed.clear()
        post_keys(want, with_enter=False)
        pump(lambda: edit.text() == want)
        bare_ms.append((changed[-1] - probe.delivered_at) * 1000.0)
    app.removeEventFilter(probe)
    edit.close()
    edit.deleteLater()
    app.processEvents()

    base = "bare QLineEdit, no filter: last key delivered to text shown"
    figure = f"wedge scan latency (last key delivered to ScanEvent), {len(_scan_text(0))} chars"
    return [
        row(f"{figure}, median of {N}", median(wedge_ms), median(bare_ms), "ms", base),
        row(f"{figure}, p95 of {N}", p95(wedge_ms), p95(bare_ms), "ms", base),
    ]


if __name__ == "__main__":
    import json

    print(json.dumps(run(Path(__file__).resolve().parent / "out"), indent=2))
