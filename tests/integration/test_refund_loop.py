"""Refund housekeeping (drafts sent, decisions polled, pay-backs reported) runs on a loop of its own
beside the outbox worker: a sale's settlement drains while a refund call to the platform hangs.

The platform is the real sandbox on loopback; the stand-in in front of it only holds the refund
calls (an event, no sleeps) to stand for a platform slow on refunds."""

from __future__ import annotations

import threading

from pos_terminal.app.facades import App
from pos_terminal.services import refunds
from tests.platform_helpers import client_for, new_order, outbox_rows, pay_cash, settings_for, spec_of

WAIT_S = 15.0  # an upper bound for a thread to get somewhere; every wait ends on an event


class RefundsHang:
    """The platform client, with every refund call held until `release` is set."""

    REFUND_CALLS = ("upload_refund_photo", "request_refund", "get_refund", "list_refunds", "hand_in_refund",
                    "list_refund_cases", "get_refund_case", "report_paid_back")

    def __init__(self, client) -> None:
        self._client = client
        self.entered = threading.Event()  # a refund call is in progress
        self.release = threading.Event()
        self.settled = threading.Event()  # a settlement reached the platform

    def __getattr__(self, name):
        attr = getattr(self._client, name)
        if name in self.REFUND_CALLS:
            def held(*args, **kw):
                self.entered.set()
                self.release.wait(WAIT_S * 2)
                return attr(*args, **kw)
            return held
        return attr

    def post_settlement(self, payload: dict, idempotency_key: str) -> dict:
        answer = self._client.post_settlement(payload, idempotency_key)
        self.settled.set()
        return answer

    def post_settlements(self, items: list) -> list:
        answers = self._client.post_settlements(items)
        self.settled.set()
        return answers


def _draft_refund(terminal) -> None:
    """A refund intake stored as a DRAFT: the refund loop's first round sends it (and hangs)."""
    info = refunds.ItemInfo("IC" + "7" * 16, "乌龙茶 500ml", 1000, "CNY", "PO000000000777", "m-tea", "好物商城", "cash")
    cashier = App.of(terminal).users.sign_in("1001", "1357")
    refunds.take_in(terminal.refund_context(), [info], "defective", [], cashier_id=cashier.user_id)


def test_a_settlement_drains_while_refund_housekeeping_hangs(terminal_factory, server):
    terminal = terminal_factory(settings_for(server.url))
    stand_in = RefundsHang(client_for(server.url))
    terminal.attach_platform(stand_in)
    _draft_refund(terminal)
    pay_cash(terminal, spec_of(new_order(client_for(server.url))))
    try:
        terminal.start_sync()
        assert stand_in.entered.wait(WAIT_S), "the refund loop never called the platform"
        assert stand_in.settled.wait(WAIT_S), "the settlement waited behind the hanging refund call"
        assert not stand_in.release.is_set()  # the refund call is still held while the sale settled
        terminal.sync_worker.stop()  # joins the worker: the row in hand is marked sent before it ends
        rows = outbox_rows(terminal)
        assert rows and all(r.sent_at is not None for r in rows)
        assert terminal.refund_loop.rounds == 0  # its first round is still in the held call
    finally:
        stand_in.release.set()
