"""Scan to order shown on the checkout screen: from the ScanEvent posted to the Bridge to the
order on screen (CheckoutPage.order_shown), through the real page, worker pool, voucher
verification and database check. Two ways:
- a voucher verified offline (the demo terminal without a platform), beside the bare
  verify_voucher call on the same vouchers in the same run;
- online against the sandbox platform on loopback (verify, look up by voucher id, claim), beside
  the client's bare order_by_voucher + claim_order calls on other orders in the same run;
- against a silent platform (a loopback listener that accepts and never answers), the breaker
  closed before each scan so every one meets the silence: beside the 1.5 s the issue allows;
- with the platform known down (the breaker open after those scans): beside the bare
  verify_voucher call on the same vouchers in the same run."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from datetime import timedelta
from pathlib import Path

from benchmarks.goals import Goal
from benchmarks.stats import median, p95, row

N_OFFLINE = 200
N_ONLINE = 60
N_SILENT = 12  # each waits out the counter's deadline (about 1 s)
N_KNOWN_DOWN = 100
SCAN_BOUND_MS = 1500.0  # issue 11: a scan resolves within 1.5 s whatever the platform does


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    return QApplication.instance() or QApplication([])


def _terminal(folder: Path, settings=None):
    from config.schema import Settings
    from pos_terminal.app.container import DATA_DIR_ENV, build_terminal
    from pos_terminal.security import ScryptPinHasher

    os.environ[DATA_DIR_ENV] = str(folder)
    return build_terminal(settings or Settings(), demo=True, hasher=ScryptPinHasher(n=2**10), configure_logs=False)


def _page(terminal):
    from pos_terminal.app.facades import App
    from pos_terminal.services import cash
    from ui.bridge import Bridge
    from ui.screens.checkout import CheckoutPage

    app = App.of(terminal)
    user = app.users.sign_in("1001", "1357")
    cash.open_shift(terminal.day_context(), user=user, opening_float_minor=0)
    bridge = Bridge()
    page = CheckoutPage(app, bridge, user)
    page.resize(800, 560)
    page.show()
    return page, bridge


def _scan_to_shown(app, page, bridge, texts: list[str], before_each=None) -> list[float]:
    from pos_terminal.ports import ScanEvent

    from PySide6.QtCore import QEventLoop, QTimer

    shown = []
    # the wait is an event loop, as the application's: polling processEvents() in a loop kept the GIL
    # from the worker that resolves the scan (+2-4 ms that no terminal pays)
    loop = QEventLoop()
    page.order_shown.connect(lambda session: (shown.append(time.perf_counter()), loop.quit()))
    page.refusal_shown.connect(lambda text: (_ for _ in ()).throw(RuntimeError(f"refused in the benchmark: {text}")))
    times = []
    from ui.tasks import wait_for_tasks

    for i, text in enumerate(texts):
        page.new_sale()
        # an idle counter: the previous sale's follow-up reads (new_sale reloads the open card
        # requests) finish before the scan, as they do long before a cashier's next scan
        wait_for_tasks()
        app.processEvents()
        if before_each is not None:
            before_each(i)
        before = len(shown)
        t0 = time.perf_counter()
        bridge.post_scan(ScanEvent(text, b"", "qr", "bench", page._app.store.now()))
        deadline = t0 + 10
        guard = QTimer()
        guard.setSingleShot(True)
        guard.timeout.connect(loop.quit)
        guard.start(10_000)
        while len(shown) == before:
            loop.exec()
            if len(shown) == before and time.perf_counter() > deadline:
                raise RuntimeError("the order was not shown within 10 s")
        guard.stop()
        times.append((shown[-1] - t0) * 1000)
    return times


def _offline(app, folder: Path, scan=_scan_to_shown) -> list[dict]:
    """`scan`: how the scans are timed (benchmarks/scan_spans.py passes one that also times each step)."""
    from pos_terminal.vouchers import KeyRing, PublicKey, verify_voucher
    from sync.sandbox.signing import mint_voucher, new_private_key

    terminal = _terminal(folder)
    try:
        private, public = new_private_key()
        ring = KeyRing([PublicKey("KBENCH", public)])
        ring.save(terminal.keys.cache)
        terminal.keys._ring = None
        now = terminal.clock.now()
        vouchers = [mint_voucher(private, "KBENCH", voucher_id=f"vb{i:05d}", order_no=f"PO{900000000000 + i}",
                                 merchant_id="m-tea", merchant_name="好物商城", amount_minor=3380, currency="CNY",
                                 summary="乌龙茶×2、饼干", issued_at=now - timedelta(minutes=1),
                                 expires_at=now + timedelta(hours=2)) for i in range(N_OFFLINE)]
        page, bridge = _page(terminal)
        shown_ms = scan(app, page, bridge, vouchers)
        bare_ms = []
        for text in vouchers:
            t0 = time.perf_counter()
            check = verify_voucher(text, ring, terminal.clock.now())
            bare_ms.append((time.perf_counter() - t0) * 1000)
            assert check.valid
        page.deleteLater()
        app.processEvents()
    finally:
        terminal.close()
    base = "bare verify_voucher() of the same vouchers, same run"
    return [
        row(f"scan to order shown, voucher verified offline, median of {N_OFFLINE}", median(shown_ms),
            median(bare_ms), "ms", base),
        row(f"scan to order shown, voucher verified offline, p95 of {N_OFFLINE}", p95(shown_ms), p95(bare_ms),
            "ms", base, goal=Goal(max_above=2.0)),  # issue 14: at most 2 ms above the bare verification
    ]


def _online(app, folder: Path) -> list[dict]:
    from config.schema import PlatformSettings, Settings, TerminalSettings
    from sync.client import HttpPlatformClient
    from sync.sandbox import seed
    from pos_terminal.clock import SystemClock
    from sync.sandbox.server import SandboxServer

    server = SandboxServer("127.0.0.1", 0, f"sqlite:///{folder / 'sandbox.sqlite3'}", clock=SystemClock()).start()
    store, term, secret = seed.DEMO_TERMINAL
    try:
        settings = Settings(terminal=TerminalSettings(store_id=store, terminal_id=term),
                            platform=PlatformSettings(mode="sandbox", base_url=server.url))
        terminal = _terminal(folder / "terminal", settings)
        client = HttpPlatformClient(server.url, store, term, secret, 5.0)
        try:
            assert terminal.keys.refresh(), terminal.keys.last_error
            views = [client.create_order({"merchant_id": "m-tea", "buyer_id": "b-wang",
                                          "lines": [{"sku": "TEA-500", "name": "乌龙茶 500ml",
                                                     "unit_price_minor": 1250, "quantity": 2}]},
                                         idempotency_key=str(uuid.uuid4())) for _ in range(2 * N_ONLINE)]
            page, bridge = _page(terminal)
            # the page leaves each order unpaid: give its claim back before the next scan (a terminal
            # holds only a few at once), outside the timing
            shown_ms = _scan_to_shown(app, page, bridge, [v["voucher"] for v in views[:N_ONLINE]],
                                      before_each=lambda i: i and client.release_claim(views[i - 1]["order_no"]))
            assert page.session is not None and not page.session.target.offline
            bare_ms = []
            for view in views[N_ONLINE:]:
                t0 = time.perf_counter()
                found = client.order_by_voucher(view["voucher_id"])
                client.claim_order(found["order_no"], 180)
                bare_ms.append((time.perf_counter() - t0) * 1000)
                client.release_claim(found["order_no"])
            page.deleteLater()
            app.processEvents()
        finally:
            client.close()
            terminal.close()
    finally:
        server.stop()
    base = "bare client order_by_voucher + claim_order on loopback, same run"
    return [
        row(f"scan to order shown, online lookup + claim (sandbox on loopback), median of {N_ONLINE}",
            median(shown_ms), median(bare_ms), "ms", base),
        row(f"scan to order shown, online lookup + claim (sandbox on loopback), p95 of {N_ONLINE}",
            p95(shown_ms), p95(bare_ms), "ms", base),
    ]


class _SilentListener:
    """Accepts connections on loopback and never answers (a platform that hangs)."""

    def __init__(self) -> None:
        import socket
        import threading

        self._socket = socket
        self._sock = socket.socket()
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self.url = f"http://127.0.0.1:{self._sock.getsockname()[1]}"
        self._held: list = []
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self) -> None:
        while True:
            try:
                self._held.append(self._sock.accept()[0])
            except OSError:
                return

    def close(self) -> None:
        try:
            self._sock.shutdown(self._socket.SHUT_RDWR)
        except OSError:
            pass
        self._sock.close()
        self._thread.join(timeout=5)
        for conn in self._held:
            conn.close()


def _silent_and_known_down(app, folder: Path) -> list[dict]:
    from pos_terminal.vouchers import KeyRing, PublicKey, verify_voucher
    from sync.client import HttpPlatformClient
    from sync.sandbox import seed
    from sync.sandbox.signing import mint_voucher, new_private_key

    silent = _SilentListener()
    terminal = _terminal(folder)
    try:
        store, term, secret = seed.DEMO_TERMINAL
        client = HttpPlatformClient(silent.url, store, term, secret)
        client.breaker.retry_after_s = 3600.0  # no trial call during the known-down run
        terminal.attach_platform(client)
        private, public = new_private_key()
        ring = KeyRing([PublicKey("KBENCH", public)])
        ring.save(terminal.keys.cache)
        now = terminal.clock.now()
        vouchers = [mint_voucher(private, "KBENCH", voucher_id=f"vs{i:05d}", order_no=f"PO{910000000000 + i}",
                                 merchant_id="m-tea", merchant_name="好物商城", amount_minor=3380, currency="CNY",
                                 summary="乌龙茶×2、饼干", issued_at=now - timedelta(minutes=1),
                                 expires_at=now + timedelta(hours=2)) for i in range(N_SILENT + N_KNOWN_DOWN)]
        page, bridge = _page(terminal)

        def before_each(i: int) -> None:
            if i < N_SILENT:
                client.breaker.reset()  # forget the last silence: this scan meets it again
        shown_ms = _scan_to_shown(app, page, bridge, vouchers, before_each)
        assert page.session is not None and page.session.target.offline and client.known_down
        silent_ms, down_ms = shown_ms[:N_SILENT], shown_ms[N_SILENT:]
        bare_ms = []
        for text in vouchers[N_SILENT:]:
            t0 = time.perf_counter()
            check = verify_voucher(text, ring, terminal.clock.now())
            bare_ms.append((time.perf_counter() - t0) * 1000)
            assert check.valid
        page.deleteLater()
        app.processEvents()
    finally:
        terminal.close()
        silent.close()
    bound = "the 1.5 s a scan may take whatever the platform does (issue 11)"
    base = "bare verify_voucher() of the same vouchers, same run"
    return [
        row(f"scan to order shown, silent platform (accepts, never answers), median of {N_SILENT}",
            median(silent_ms), SCAN_BOUND_MS, "ms", bound),
        row(f"scan to order shown, silent platform (accepts, never answers), p95 of {N_SILENT}",
            p95(silent_ms), SCAN_BOUND_MS, "ms", bound),
        row(f"scan to order shown, platform known down (breaker open), median of {N_KNOWN_DOWN}",
            median(down_ms), median(bare_ms), "ms", base),
        row(f"scan to order shown, platform known down (breaker open), p95 of {N_KNOWN_DOWN}",
            p95(down_ms), p95(bare_ms), "ms", base),
    ]


def run(out_dir: Path) -> list[dict]:
    folder = Path(out_dir) / "checkout"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    app = _app()
    rows = _offline(app, folder / "offline")
    (folder / "online").mkdir()
    rows += _online(app, folder / "online")
    rows += _silent_and_known_down(app, folder / "silent")
    return rows


if __name__ == "__main__":
    import json
    import tempfile

    for r in run(Path(tempfile.mkdtemp(prefix="bench-checkout-"))):
        print(json.dumps(r, ensure_ascii=False))
