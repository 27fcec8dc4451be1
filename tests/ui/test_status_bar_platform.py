"""The status bar follows what the terminal knows about the platform: offline as soon as a scan
found it silent (without another request going out), online once the probe hears it again.
Real sockets on loopback: a listener that never answers, then the sandbox on the same port."""

from __future__ import annotations

from pos_terminal.clock import SystemClock
from sync.sandbox.server import SandboxServer
from tests.integration.test_platform_breaker import CountingSession, SilentPlatform
from tests.platform_helpers import client_for, new_order


def test_the_platform_item_turns_offline_after_a_silent_scan_and_back_online(qtbot, window, terminal, app, server,
                                                                               tmp_path):
    view = new_order(client_for(server.url))
    terminal.attach_platform(client_for(server.url))
    assert terminal.keys.refresh()
    silent = SilentPlatform()
    port = silent.port
    session = CountingSession()
    try:
        terminal.attach_platform(client_for(silent.url, session=session))
        target = app.checkout.resolve(view["voucher"])  # what the checkout page's worker runs
        assert target.offline
        sent = session.sent
        item = window.status.items["platform"]
        window.status.poll()  # one tick of the status bar's loop
        # the demo counter's second platform (tea-house) is not running here: both offline
        qtbot.waitUntil(lambda: item.text() == "Platforms offline", timeout=5000)
        assert item.tone == "warn" and "within 1 s" in item.toolTip().splitlines()[0]
        assert session.sent == sent  # known already: the poll did not wait on the silent platform
    finally:
        silent.close()
    back = SandboxServer(port=port, db_url=f"sqlite:///{tmp_path / 'back.sqlite3'}", clock=SystemClock()).start()
    try:
        terminal.platform.forget_status()  # the cached state has run out (3 s) by the next tick
        qtbot.waitUntil(lambda: not window.status._platform_polling, timeout=5000)
        window.status.poll()
        qtbot.waitUntil(lambda: item.text() == "Tea House 茶馆 offline", timeout=5000)  # [platform] is back
        assert item.toolTip().splitlines()[0] == "Demo Shop: online"
        assert item.tone == "warn" and not terminal.platform.known_down
    finally:
        back.stop()
