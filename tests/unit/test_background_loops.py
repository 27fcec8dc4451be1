"""pos_terminal.app.background: the outbox, refund sync and key refresh loops each run on a thread
of their own (a refund round stuck on the platform holds up neither the settlements nor the keys),
and stop() stops them all. Against the port fakes; events, no sleeps."""

from __future__ import annotations

import threading

from pos_terminal.app.background import BackgroundLoops
from pos_terminal.domain.model import OutboxMessage
from tests.fakes import FakeClock, FakePlatform, fake_uow_factory


def test_each_loop_has_its_own_thread_and_a_stuck_refund_round_holds_up_nothing():
    uow, platform, clock = fake_uow_factory(), FakePlatform(), FakeClock()
    threads: dict[str, str] = {}
    refund_entered, release_refunds = threading.Event(), threading.Event()
    recovered, keys_refreshed, settled = threading.Event(), threading.Event(), threading.Event()

    def recover_prepaid():
        threads["recover"] = threading.current_thread().name
        recovered.set()

    def refund_round():  # the platform does not answer: the round hangs until released
        threads["refunds"] = threading.current_thread().name
        refund_entered.set()
        release_refunds.wait(10)

    def refresh_keys():
        threads["keys"] = threading.current_thread().name
        keys_refreshed.set()

    loops = BackgroundLoops(uow=uow, platform=platform, clock=clock, poll_s=60,
                            recover_prepaid=recover_prepaid, refund_round=refund_round, refresh_keys=refresh_keys)
    loops.start()
    try:
        assert refund_entered.wait(5) and recovered.wait(5) and keys_refreshed.wait(5)
        # a sale while the refund round hangs: the outbox sends it at once when woken
        platform.add_order({"order_no": "PO000000000001"})
        with uow() as work:
            work.outbox.add(OutboxMessage("settlement", {"settlement_id": "s-1", "order_no": "PO000000000001"},
                                          created_at=clock.now()))
            work.commit()
        platform_post = platform.post_settlement

        def post_settlement(payload, key):
            try:
                return platform_post(payload, key)
            finally:
                settled.set()

        platform.post_settlement = post_settlement
        loops.wake_outbox()
        assert settled.wait(5), "the settlement waited behind the refund round"
        assert not release_refunds.is_set()
    finally:
        release_refunds.set()
        loops.stop()
    assert {threads["recover"], threads["refunds"], threads["keys"]} == {"outbox-worker", "refund-sync", "key-refresh"}
    assert not loops.running
