from __future__ import annotations

import pytest

from pos_terminal.app.facades import App, SyncState
from pos_terminal.ports import DeviceState, DeviceStatus
from pos_terminal.services.sales import LineSpec, OrderSpec
from tests.sale_helpers import open_shift, sell_cash, terminal_checkout
from tests.ui.conftest import settle
from ui.texts import platform_detail_text


def _record_a_cash_sale(terminal) -> None:
    cashier = App.of(terminal).users.sign_in("1001", "1357")
    open_shift(terminal.day_context(), cashier, 10000)
    order = OrderSpec("ORD-1", "M-1", "Demo shop", "CNY", (LineSpec(1, "SKU-1", "Tea", 1250, 2, ("IC-1", "IC-2")),))
    sell_cash(terminal_checkout(terminal, cashier), order, 3000)


def test_devices_show_opening_until_their_status_arrives(qtbot, window):
    items = window.status.items
    for kind in ("scanner", "printer", "drawer"):
        assert items[kind].text().endswith("opening…")
        assert items[kind].tone == "busy"
    window.start()
    settle(qtbot)
    for kind, label in (("scanner", "Scanner"), ("printer", "Printer"), ("drawer", "Drawer")):
        assert items[kind].text() == f"{label}: ready"
        assert items[kind].tone == "ok"
        assert "simulated" in items[kind].toolTip()


def test_a_device_fault_posted_from_a_driver_thread_turns_red(qtbot, window):
    import threading

    status = DeviceStatus("printer", DeviceState.ERROR, "tcp://10.0.0.5:9100", "cover open")
    worker = threading.Thread(target=window.bridge.post_device_status, args=(status,))
    worker.start()
    worker.join()
    item = window.status.items["printer"]
    qtbot.waitUntil(lambda: item.tone == "error")
    assert item.text() == "Printer: not working"
    assert "cover open" in item.toolTip()


def test_a_posted_sync_backlog_is_shown(qtbot, window):
    window.bridge.post_sync_state(SyncState(3, 600.0, "connection refused"))
    item = window.status.items["sync"]
    qtbot.waitUntil(lambda: item.text() == "3 to send")
    assert item.tone == "error"
    tip = item.toolTip()
    assert "3 messages waiting to be sent to the platform." in tip
    assert "The oldest has waited 10 minutes." in tip
    assert "Last error: connection refused" in tip


def test_platform_and_sync_backlog_are_polled(qtbot, window, terminal, app):
    window.start()
    settle(qtbot)
    sync, platform = window.status.items["sync"], window.status.items["platform"]
    assert sync.text() == "All sent" and sync.tone == "ok"
    # the demo counter takes codes of two platforms, neither running here: a line each in the tooltip
    assert platform.text() == "Platforms offline" and platform.tone == "warn"
    assert [name for _id, name in app.status.platforms()] == ["Demo Shop", "Tea House 茶馆"]
    tip = platform.toolTip().splitlines()
    assert tip[0] == "Demo Shop: offline, " + platform_detail_text(app.status.platform().detail)  # in words
    assert tip[1] == "Tea House 茶馆: offline, " + platform_detail_text(app.status.platform("tea-house").detail)
    assert "sandbox" in tip[0] and "tea-house" in tip[1]

    _record_a_cash_sale(terminal)
    window.status.poll()  # what the timer does every few seconds
    settle(qtbot)
    assert sync.text() == "1 to send"
    assert sync.tone == "warn"
    assert "1 message waiting to be sent to the platform." in sync.toolTip()


def test_a_failing_sync_read_shows_unknown_not_a_crash(qtbot, window, app, monkeypatch):
    def broken():
        raise RuntimeError("database is locked")

    monkeypatch.setattr(app.status, "sync", broken)
    window.status.poll()
    settle(qtbot)
    item = window.status.items["sync"]
    assert item.text() == "Sync: unknown" and item.tone == "error"
    assert "database is locked" in item.toolTip()


def test_one_platform_down_among_several_is_named(qtbot, window, app):
    """A counter taking codes of several platforms: all online, one of them offline (named: its
    codes are paid offline), all offline, still checking, and a poll that failed."""
    from pos_terminal.ports import PlatformStatus

    bar, item = window.status, window.status.items["platform"]
    bar.show_platform_status(PlatformStatus(True, "http://127.0.0.1:8700 answers"))
    assert item.text() == "Platforms: checking…" and item.tone == "busy"
    assert item.toolTip().splitlines() == ["Demo Shop: online", "Tea House 茶馆: checking…"]
    bar.show_platform_status(PlatformStatus(True, "http://127.0.0.1:8701 answers"), "tea-house")
    assert item.text() == "Platforms online" and item.tone == "ok"
    bar.show_platform_status(PlatformStatus(False, "platform unreachable"), "tea-house")
    assert item.text() == "Tea House 茶馆 offline" and item.tone == "warn"
    assert item.toolTip().splitlines()[1] == "Tea House 茶馆: offline, The platform does not answer."
    bar._platform_poll_failed("demo-shop", RuntimeError("database is locked"))
    assert item.text() == "Platforms offline" and item.tone == "warn"
    assert item.toolTip().splitlines()[0] == "Demo Shop: unknown (database is locked)"
