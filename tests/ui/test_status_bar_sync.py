"""The status bar's sync item with the platform's answers: last success, rows needing attention."""

from __future__ import annotations

from datetime import datetime, timezone

from pos_terminal.bootstrap import SyncState


def test_last_success_is_in_the_tooltip(qtbot, window):
    sent = datetime(2026, 11, 22, 2, 0, tzinfo=timezone.utc)
    window.bridge.post_sync_state(SyncState(0, None, None, sent, 0))
    item = window.status.items["sync"]
    qtbot.waitUntil(lambda: item.text() == "All sent")
    assert "Last sent to the platform: " + sent.astimezone().strftime("%Y-%m-%d %H:%M:%S") in item.toolTip()


def test_rows_needing_attention_turn_the_item_red(qtbot, window):
    window.bridge.post_sync_state(SyncState(0, None, "the platform refused POST /settlements: unknown_order", None, 2))
    item = window.status.items["sync"]
    qtbot.waitUntil(lambda: item.text() == "2 to send")
    assert item.tone == "error"
    assert "2 messages refused by the platform need a manager." in item.toolTip()
    assert "unknown_order" in item.toolTip()
