"""The status bar's sync item with the platform's answers: last success, rows needing attention."""

from __future__ import annotations

import time
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from pos_terminal.app.facades import SyncState

pytestmark = pytest.mark.clock_sensitive  # run again with the clock moved (tests/conftest.py)


@pytest.fixture
def host_zone_far_from_the_store(monkeypatch):
    """The host's own time zone set 13 hours away from the store's (a terminal imaged abroad)."""
    monkeypatch.setenv("TZ", "America/New_York")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_last_success_is_in_the_tooltip_in_the_stores_time_zone(qtbot, window, terminal, host_zone_far_from_the_store):
    sent = terminal.clock.now() - timedelta(minutes=5)
    window.bridge.post_sync_state(SyncState(0, None, None, sent, 0))
    item = window.status.items["sync"]
    qtbot.waitUntil(lambda: item.text() == "All sent")
    store = ZoneInfo(terminal.settings.terminal.timezone)
    assert "Last sent to the platform: " + sent.astimezone(store).strftime("%Y-%m-%d %H:%M:%S") in item.toolTip()
    assert sent.astimezone(store).hour != sent.astimezone().hour  # the host's zone would have shown another hour


def test_rows_needing_attention_turn_the_item_red(qtbot, window):
    window.bridge.post_sync_state(SyncState(0, None, "the platform refused POST /settlements: unknown_order", None, 2))
    item = window.status.items["sync"]
    qtbot.waitUntil(lambda: item.text() == "2 to send")
    assert item.tone == "error"
    assert "2 messages refused by the platform need a manager." in item.toolTip()
    assert "unknown_order" in item.toolTip()
