"""Where the time of a scan goes: `QT_QPA_PLATFORM=offscreen .venv/bin/python -m benchmarks.scan_spans`
runs the offline-voucher scans of benchmarks/checkout.py (the same terminal, page and vouchers)
and prints, for each step on the path from the scan posted to the order shown, the median and p95
time from the post to the step's start (>) and end (<), in ms, in the order the steps run.

A diagnostic for the "scan to order shown" figure of `make bench`, not a figure of its own: it
wraps each step's function (a few microseconds each), so its "shown" is a little later than the
benchmark's. The steps are wrapped on their classes and modules for this process only."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks import checkout
from benchmarks.stats import median, p95


def _steps():
    """(owner, attribute, label): the functions the scan runs through, in the order they run."""
    from pos_terminal.app import facades
    from pos_terminal.services import checkout as services_checkout
    from pos_terminal.services import orders
    from sync.keys import IssuerKeys
    from ui import tasks
    from ui.checkout_model import OrderLinesModel
    from ui.screens.checkout.page import CheckoutPage

    session = services_checkout.CheckoutSession
    return [
        (CheckoutPage, "_scanned", "GUI: the scan's slot (starts the worker)"),
        (facades.Checkout, "start", "worker: checkout.start"),
        (IssuerKeys, "verify", "worker: verify the voucher"),
        (orders, "_paid_here", "worker: paid here? (database)"),
        (session, "__init__", "worker: the checkout session"),
        (session, "adopt_card_requests", "worker: open card payments"),
        (tasks._Task, "deliver", "GUI: the result delivered"),
        (CheckoutPage, "_resolved", "GUI: show the order"),
        (OrderLinesModel, "set_order", "GUI: the order's lines"),
        (CheckoutPage, "_refresh_amounts", "GUI: the amounts"),
        (CheckoutPage, "_set_state", "GUI: the order view raised"),
        (CheckoutPage, "choose_tender", "GUI: the cash tender"),
    ]


def _wrap(owner, name: str, label: str, marks: dict[str, float]) -> None:
    """Records the step's first start and end while a scan is being timed ("posted" set, "order
    shown" not yet): what the page does after the order is shown belongs to no scan."""
    inner = getattr(owner, name)
    clock = time.perf_counter
    start, end = label + " >", label + " <"

    def timed(*args, **kwargs):
        timing = "posted" in marks and "order shown" not in marks
        if timing:
            marks.setdefault(start, clock())
        try:
            return inner(*args, **kwargs)
        finally:
            if timing:
                marks.setdefault(end, clock())

    setattr(owner, name, timed)


def main() -> int:
    app = checkout._app()
    marks: dict[str, float] = {}
    for owner, name, label in _steps():
        _wrap(owner, name, label, marks)
    samples: list[dict[str, float]] = []

    def scan(app_, page, bridge, texts):
        def before(i):  # each scan's marks, from its own post
            if i:
                samples.append(dict(marks))
            marks.clear()
            marks["posted"] = time.perf_counter()  # the benchmark posts the scan right after this

        page.order_shown.connect(lambda _session: marks.setdefault("order shown", time.perf_counter()))
        times = checkout._scan_to_shown(app_, page, bridge, texts, before_each=before)
        samples.append(dict(marks))
        return times

    with tempfile.TemporaryDirectory() as folder:
        rows = checkout._offline(app, Path(folder), scan=scan)
    spans: dict[str, list[float]] = {}
    for sample in samples[1:]:  # the first scan loads code and fills caches
        start = sample.pop("posted")
        for key, at in sample.items():
            spans.setdefault(key, []).append((at - start) * 1000)
    print(f"{'step (> start, < end), ms after the scan was posted':58s} {'median':>8s} {'p95':>8s}")
    for key, values in sorted(spans.items(), key=lambda kv: median(kv[1])):
        print(f"{key:58s} {median(values):8.3f} {p95(values):8.3f}")
    for r in rows:
        print(f"{r['figure']}: {r['value_text']} (bare verify_voucher: {r['baseline_text']})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
